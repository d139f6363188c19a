import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../app/queryClient';
import { deferred } from '../test/deferred';
import { putAnswer } from './putAnswer';

const key = ['parcel', 'P1'];

/** A client with `key` watched (as a mounted card does) and read through `reads`. */
function watched(reads: Array<Promise<string>>) {
  const client = createQueryClient();
  let n = 0;
  const observer = new QueryObserver<string>(client, {
    queryKey: key,
    queryFn: () => reads[n++] ?? Promise.reject(new Error(`no read ${n}`)),
  });
  const seen: Array<string | undefined> = [];
  const stop = observer.subscribe((r) => seen.push(r.data));
  return { client, seen, stop, reads: () => n };
}

describe('putAnswer', () => {
  it('shows the answer at once, and a read under way when it came never covers it', async () => {
    const first = deferred<string>();
    const after = deferred<string>();
    const { client, seen, stop, reads } = watched([first.promise, after.promise]);
    await vi.waitFor(() => expect(reads()).toBe(1));
    // A command answers while the first read (started before it) is still under way.
    const put = putAnswer(client, key, 'accepting');
    await vi.waitFor(() => expect(client.getQueryData(key)).toBe('accepting'));
    first.resolve('pending (read before the answer)');
    after.resolve('accepted');
    await put;
    await vi.waitFor(() => expect(client.getQueryData(key)).toBe('accepted'));
    expect(seen).not.toContain('pending (read before the answer)');
    expect(reads()).toBe(2);
    stop();
  });

  it('reads again after the answer even when nothing watches the query', async () => {
    const client = createQueryClient();
    let n = 0;
    client.setQueryDefaults(key, { queryFn: async () => `read ${++n}` });
    client.setQueryData(key, 'before');
    // A background job changed it after the command answered: only the read after the
    // answer says so.
    await putAnswer(client, key, (old: string | undefined) => `${old} + answer`);
    expect(n).toBe(1);
    expect(client.getQueryData(key)).toBe('read 1');
  });
});
