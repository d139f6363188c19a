import { invoke } from '@tauri-apps/api/core';
import { type EventCallback, listen } from '@tauri-apps/api/event';
import { vi } from 'vitest';
import type {
  AppError,
  AppStatus,
  Facets,
  PlatformAccountInput,
  SyncProgress,
  SyncSummary,
  TaskDetail,
  TaskPage,
  TaskQuery,
} from '../bindings';

/** What each Tauri command takes and returns: the contract the Rust side implements. */
export interface Commands {
  app_status: () => AppStatus;
  query_tasks: (args: { query: TaskQuery }) => TaskPage;
  task_detail: (args: { id: string }) => TaskDetail;
  facets: () => Facets;
  sync_now: () => SyncSummary | Promise<SyncSummary>;
  settings_set_platform: (args: { account: PlatformAccountInput }) => AppStatus;
  settings_use_sandbox: () => AppStatus;
  ui_ready: (args: { rows: number }) => null;
}

/** Thrown from a handler to make the command reject the way Rust's `AppError` does. */
export class Reject {
  constructor(readonly error: AppError) {}
}

export interface Call {
  command: string;
  args: Record<string, unknown> | undefined;
  at: number;
}

/** Scripts `invoke`; returns the log of every call, in order. */
export function mockIpc(handlers: Partial<Commands>): Call[] {
  const calls: Call[] = [];
  vi.mocked(invoke).mockImplementation(async (command: string, args?: unknown) => {
    calls.push({ command, args: args as Record<string, unknown> | undefined, at: Date.now() });
    const handler = handlers[command as keyof Commands] as
      | ((a: unknown) => unknown | Promise<unknown>)
      | undefined;
    if (!handler) throw { code: 'internal', message: `no mock for ${command}` };
    try {
      return await handler(args);
    } catch (e) {
      if (e instanceof Reject) throw e.error;
      throw e;
    }
  });
  return calls;
}

/** Captures `listen` subscriptions so a test can emit `sync://progress`. */
export function mockEvents(): { emit: (event: string, payload: SyncProgress) => void } {
  const listeners = new Map<string, Set<EventCallback<unknown>>>();
  vi.mocked(listen).mockImplementation(async (event, handler) => {
    const set = listeners.get(event) ?? new Set();
    set.add(handler as EventCallback<unknown>);
    listeners.set(event, set);
    return () => {
      set.delete(handler as EventCallback<unknown>);
    };
  });
  return {
    emit(event, payload) {
      for (const handler of listeners.get(event) ?? []) handler({ event, id: 1, payload });
    },
  };
}

export function queriesSent(calls: Call[]): TaskQuery[] {
  return calls
    .filter((c) => c.command === 'query_tasks')
    .map((c) => (c.args as { query: TaskQuery }).query);
}
