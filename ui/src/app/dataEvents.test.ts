import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { type AppEvent, DATA_AREAS } from '../bindings';
import { AREA_QUERIES, handleAppEvent, watchChinaDay } from './dataEvents';

function cacheWith(keys: (string | number)[][]): QueryClient {
  const client = new QueryClient();
  for (const key of keys) client.setQueryData(key, 1);
  return client;
}

const stale = (client: QueryClient) =>
  client
    .getQueryCache()
    .getAll()
    .filter((q) => q.isStale())
    .map((q) => q.queryKey[0])
    .sort();

describe('data events', () => {
  it('every area core can name has its queries', () => {
    for (const area of DATA_AREAS) expect(AREA_QUERIES[area].length).toBeGreaterThan(0);
  });

  it('data_changed refreshes exactly the queries of its areas', async () => {
    const client = cacheWith([
      ['tasks', 0],
      ['task_detail', '1'],
      ['facets'],
      ['status'],
      ['settlements', 'files'],
    ]);
    handleAppEvent(client, { kind: 'data_changed', areas: ['settlements'] }, () => {});
    await vi.waitFor(() => expect(stale(client)).toEqual(['settlements']));
    handleAppEvent(client, { kind: 'data_changed', areas: ['tasks', 'status'] }, () => {});
    await vi.waitFor(() =>
      expect(stale(client)).toEqual(['facets', 'settlements', 'status', 'task_detail', 'tasks']),
    );
  });

  it("the application form's check follows every area it reads", async () => {
    const client = cacheWith([
      ['application_check', 1],
      ['reward_at', '1', 2],
      ['address_book', 'snippets'],
      ['address_book', 'addresses'],
    ]);
    handleAppEvent(client, { kind: 'data_changed', areas: ['applications'] }, () => {});
    await vi.waitFor(() => expect(stale(client)).toEqual(['application_check']));
    expect(client.getQueryState(['address_book', 'snippets'])?.isInvalidated).toBe(false);
    for (const area of ['tasks', 'status', 'address_book'] as const) {
      expect(AREA_QUERIES[area]).toContainEqual(['application_check']);
    }
    expect(AREA_QUERIES.tasks).toContainEqual(['reward_at']);
  });

  it('logistics refreshes the parcels and the applications, whose shipments show them', async () => {
    const client = cacheWith([
      ['logistics', 'view'],
      ['logistics', 'parcel', '11'],
      ['applications', 'list'],
      ['carriers'],
      ['status'],
    ]);
    handleAppEvent(client, { kind: 'data_changed', areas: ['logistics'] }, () => {});
    await vi.waitFor(() =>
      expect(stale(client)).toEqual(['applications', 'logistics', 'logistics']),
    );
    // The carrier list never changes while the app runs.
    expect(client.getQueryState(['carriers'])?.isInvalidated).toBe(false);
  });

  it('rights refreshes the rights center and the agenda, which lists its dates', async () => {
    const client = cacheWith([
      ['rights', 'view'],
      ['rights', 'star_index', 90],
      ['applications', 'agenda', 14],
      ['applications', 'list'],
      ['reminders'],
    ]);
    handleAppEvent(client, { kind: 'data_changed', areas: ['rights'] }, () => {});
    await vi.waitFor(() => expect(stale(client)).toEqual(['applications', 'rights', 'rights']));
    expect(client.getQueryState(['applications', 'list'])?.isInvalidated).toBe(false);
    expect(client.getQueryState(['reminders'])?.isInvalidated).toBe(false);
  });

  it('progress events refresh nothing; a failed job is handed on', () => {
    const client = cacheWith([['tasks', 0]]);
    const failed = vi.fn();
    handleAppEvent(
      client,
      { kind: 'sync_progress', phase: 'page', applied: 1, remaining: 1, error: null },
      failed,
    );
    expect(stale(client)).toEqual([]);
    const event = {
      kind: 'job_failed',
      job: 'sync',
      error: { code: 'platform_unreachable', message: 'offline' },
      retry_at: null,
    } as const;
    handleAppEvent(client, event, failed);
    expect(failed).toHaveBeenCalledWith(event);
  });

  it('reminders_due goes to the reminder handler, nothing else', () => {
    const client = cacheWith([['status']]);
    const failed = vi.fn();
    const reminders = vi.fn();
    const event: AppEvent = { kind: 'reminders_due', reminders: [], caught_up: true };
    handleAppEvent(client, event, failed, reminders);
    expect(reminders).toHaveBeenCalledWith(event);
    expect(failed).not.toHaveBeenCalled();
    expect(
      client
        .getQueryCache()
        .getAll()
        .filter((q) => q.isStale()),
    ).toHaveLength(0);
  });
});

describe("China's new day", () => {
  it('is noticed once, at China midnight (16:00 UTC), not at the computer’s', () => {
    vi.useFakeTimers();
    try {
      // 15:58 UTC: 23:58 in China.
      let now = new Date('2026-12-04T15:58:00Z');
      const onNewDay = vi.fn();
      const stop = watchChinaDay(onNewDay, () => now);
      now = new Date('2026-12-04T15:59:30Z');
      vi.advanceTimersByTime(60_000);
      expect(onNewDay).not.toHaveBeenCalled();
      now = new Date('2026-12-04T16:00:30Z');
      vi.advanceTimersByTime(60_000);
      expect(onNewDay).toHaveBeenCalledTimes(1);
      // The rest of the day: nothing more; UTC's own midnight is not China's.
      now = new Date('2026-12-05T00:00:30Z');
      vi.advanceTimersByTime(60_000);
      expect(onNewDay).toHaveBeenCalledTimes(1);
      // After the computer slept through a day: once, when it looks again.
      now = new Date('2026-12-07T03:00:00Z');
      vi.advanceTimersByTime(60_000);
      expect(onNewDay).toHaveBeenCalledTimes(2);
      stop();
      now = new Date('2026-12-09T03:00:00Z');
      vi.advanceTimersByTime(60_000);
      expect(onNewDay).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
