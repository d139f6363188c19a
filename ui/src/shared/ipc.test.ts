import { invoke } from '@tauri-apps/api/core';
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_FILTERS, toTaskFilter } from '../features/taskHall/filters';
import { pageQuery } from '../features/taskHall/queries';
import {
  appStatus,
  facets,
  IpcError,
  queryTasks,
  settingsSetPlatform,
  settingsUseSandbox,
  subscription,
  syncNow,
  taskDetail,
  uiReady,
} from './ipc';

describe('IPC wrapper', () => {
  it('turns a rejected AppError into an IpcError carrying its code', async () => {
    vi.mocked(invoke).mockRejectedValueOnce({
      code: 'platform_unreachable',
      message: 'connect timed out',
    });
    const error = await appStatus().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect((error as IpcError).code).toBe('platform_unreachable');
    expect((error as IpcError).message).toBe('connect timed out');
    expect((error as IpcError).command).toBe('app_status');
  });

  it('keeps every known code, e.g. invalid_input', async () => {
    vi.mocked(invoke).mockRejectedValueOnce({ code: 'invalid_input', message: 'bad url' });
    await expect(settingsSetPlatform({ url: 'x', token: 'y' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('maps a bare string rejection (Tauri-level failure) and unknown codes to internal', async () => {
    vi.mocked(invoke).mockRejectedValueOnce('invalid args `query` for command `query_tasks`');
    await expect(facets()).rejects.toMatchObject({ code: 'internal', name: 'IpcError' });
    vi.mocked(invoke).mockRejectedValueOnce({ code: 'brand_new_code', message: 'm' });
    await expect(facets()).rejects.toMatchObject({ code: 'internal' });
  });

  it('calls each command by its Tauri name with the documented argument shape', async () => {
    vi.mocked(invoke).mockResolvedValue(undefined);
    const query = pageQuery(toTaskFilter({ ...EMPTY_FILTERS, search: '面霜' }), 2);
    await appStatus();
    await queryTasks(query);
    await taskDetail('9007199254740993001');
    await facets();
    await syncNow();
    await settingsSetPlatform({ url: 'https://api.example.com', token: 't0k' });
    await settingsUseSandbox();
    await uiReady(37, [{ name: 'rows_frame', unix_ms: 1_764_580_000_000.5 }]);
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ['app_status', undefined],
      ['query_tasks', { query }],
      ['task_detail', { id: '9007199254740993001' }],
      ['facets', undefined],
      ['sync_now', undefined],
      ['settings_set_platform', { account: { url: 'https://api.example.com', token: 't0k' } }],
      ['settings_use_sandbox', undefined],
      ['ui_ready', { rows: 37, marks: [{ name: 'rows_frame', unix_ms: 1_764_580_000_000.5 }] }],
    ]);
    expect(query).toMatchObject({ search: '面霜', offset: 200, limit: 100 });
  });
});

describe('subscription', () => {
  it('unsubscribes on cleanup, also when the subscription resolves after it', async () => {
    const stop = vi.fn();
    let resolve: (f: () => void) => void = () => {};
    const cleanup = subscription(() => new Promise((r) => (resolve = r)));
    cleanup();
    expect(stop).not.toHaveBeenCalled();
    resolve(stop);
    await Promise.resolve();
    await Promise.resolve();
    expect(stop).toHaveBeenCalledTimes(1);

    const early = vi.fn();
    const cleanupLater = subscription(() => Promise.resolve(early));
    await Promise.resolve();
    await Promise.resolve();
    expect(early).not.toHaveBeenCalled();
    cleanupLater();
    expect(early).toHaveBeenCalledTimes(1);
  });

  it('outside Tauri (the subscribe call throws or rejects) does nothing', async () => {
    expect(() =>
      subscription(() => {
        throw new Error('no webview');
      })(),
    ).not.toThrow();
    const cleanup = subscription(() => Promise.reject(new Error('no events')));
    await Promise.resolve();
    expect(() => cleanup()).not.toThrow();
  });
});
