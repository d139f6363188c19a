import { invoke } from '@tauri-apps/api/core';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import html from '../../../index.html?raw';
import { Providers } from '../../app/Providers';
import { createQueryClient } from '../../app/queryClient';
import type { TaskPage, TaskQuery } from '../../bindings';
import { queryTasks } from '../../bindings/commands';
import { pageOf, statusSandbox } from '../../test/fixtures';
import { mockEvents, mockIpc, queriesSent } from '../../test/ipcMock';
import { FIRST_FILTER, pageQuery } from './firstPage';
import { seedFirstPage, taskKeys } from './queries';
import { TaskHall } from './TaskHall';

// index.html's first script, as the window runs it.
const inline = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

/** Runs the inline script with `invoke` as core's IPC; returns that mock. */
function runEarlyScript(invoke: (command: string, args: unknown) => Promise<unknown>) {
  const spy = vi.fn(invoke);
  (window as unknown as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__ = { invoke: spy };
  new Function(inline)();
  return spy;
}

/** Core as the hall asks it, with `total` tasks; the log of its calls. */
function mockCore(total: number) {
  mockEvents();
  return mockIpc({
    app_status: () => statusSandbox,
    facets: () => ({ industries: [] }),
    query_tasks: ({ query }) => pageOf(query, total),
    ui_ready: () => null,
    ui_interactive: () => null,
  });
}

/** The hall as app/boot.tsx opens it: the early first page seeded, then the first render. */
function openHall() {
  const client = createQueryClient();
  seedFirstPage(client);
  render(
    <Providers client={client}>
      <TaskHall status={statusSandbox} />
    </Providers>,
  );
}

const firstKey = taskKeys.taskPage(FIRST_FILTER, 0);
const page: TaskPage = pageOf(pageQuery(FIRST_FILTER, 0), 100_000);

afterEach(() => {
  delete (window as unknown as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
  delete window.__STARDESK_FIRST_PAGE__;
});

describe("the task hall's first page, asked for by index.html", () => {
  it('asks exactly the first page of the hall as it opens', async () => {
    expect(inline).toContain('query_tasks');
    const invoke = runEarlyScript(async () => page);
    expect(invoke).toHaveBeenCalledTimes(1);
    const [command, args] = invoke.mock.calls[0] ?? [];
    expect(command).toBe('query_tasks');
    expect((args as { query: TaskQuery }).query).toEqual(pageQuery(FIRST_FILTER, 0));
  });

  it('outside a Tauri window asks nothing and seeds nothing', () => {
    new Function(inline)();
    expect(window.__STARDESK_FIRST_PAGE__).toBeUndefined();
    const client = createQueryClient();
    seedFirstPage(client);
    expect(client.getQueryData(firstKey)).toBeUndefined();
  });

  it('an answer already come is in the cache before the first render, once', async () => {
    runEarlyScript(async () => page);
    await Promise.resolve();
    await Promise.resolve();
    expect(window.__STARDESK_FIRST_PAGE__?.page).toEqual(page);
    const client = createQueryClient();
    seedFirstPage(client);
    expect(client.getQueryData(firstKey)).toEqual(page);
    expect(window.__STARDESK_FIRST_PAGE__).toBeUndefined();
  });

  it('an answer still on its way fills the cache when it comes', async () => {
    let answer: (p: TaskPage) => void = () => {};
    runEarlyScript(() => new Promise((r) => (answer = r as (p: TaskPage) => void)));
    const client = createQueryClient();
    seedFirstPage(client);
    expect(client.getQueryData(firstKey)).toBeUndefined();
    answer(page);
    await vi.waitFor(() => expect(client.getQueryData(firstKey)).toEqual(page));
  });

  it('the hall opens on the early rows, and asks again once it listens to core', async () => {
    // Core's answer changed after the early one (a sync the window did not hear).
    const calls = mockCore(100_001);
    runEarlyScript(async () => page);
    await Promise.resolve();
    await Promise.resolve();
    openHall();
    // The first render has the early rows (no spinner in between).
    expect(screen.getByTestId('task-total')).toHaveAttribute('data-total', '100000');
    expect((await screen.findAllByTestId('task-row')).length).toBeGreaterThan(5);
    expect(screen.getAllByTestId('task-row')[0]).toHaveTextContent('任务 #0');
    await vi.waitFor(() =>
      expect(screen.getByTestId('task-total')).toHaveAttribute('data-total', '100001'),
    );
    expect(queriesSent(calls).filter((q) => q.offset === 0)).toEqual([pageQuery(FIRST_FILTER, 0)]);
  });

  it('an early answer that comes after the window listens is asked again too', async () => {
    const calls = mockCore(7);
    let answer: (p: TaskPage) => void = () => {};
    runEarlyScript(() => new Promise((r) => (answer = r as (p: TaskPage) => void)));
    openHall();
    // The window listens (the mocked subscription resolves at once), then the early
    // answer comes: taken before the window listened, it is asked again.
    await new Promise((r) => setTimeout(r, 20));
    answer(pageOf(pageQuery(FIRST_FILTER, 0), 5));
    await vi.waitFor(() =>
      expect(screen.getByTestId('task-total')).toHaveAttribute('data-total', '7'),
    );
    expect(queriesSent(calls).filter((q) => q.offset === 0)).toEqual([pageQuery(FIRST_FILTER, 0)]);
  });

  it('asks with the command the generated bindings use', async () => {
    mockIpc({ query_tasks: ({ query }) => pageOf(query, 1) });
    await queryTasks(pageQuery(FIRST_FILTER, 0));
    const command = vi.mocked(invoke).mock.calls.at(-1)?.[0];
    const invokeEarly = runEarlyScript(async () => page);
    expect(invokeEarly.mock.calls[0]?.[0]).toBe(command);
  });

  it('a failed early question is asked again by the hall', async () => {
    mockEvents();
    const calls = mockIpc({ query_tasks: ({ query }) => pageOf(query, 7) });
    runEarlyScript(async () => {
      throw { code: 'database', message: 'locked' };
    });
    const client = createQueryClient();
    seedFirstPage(client);
    await vi.waitFor(() => expect(client.getQueryData<TaskPage>(firstKey)?.total).toBe(7));
    expect(queriesSent(calls)).toEqual([pageQuery(FIRST_FILTER, 0)]);
  });
});
