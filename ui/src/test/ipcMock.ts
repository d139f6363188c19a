import { invoke } from '@tauri-apps/api/core';
import { type EventCallback, listen } from '@tauri-apps/api/event';
import { vi } from 'vitest';
import { APP_EVENT, type AppError, type AppEvent, type TaskQuery } from '../bindings';
import type { Commands as DeclaredCommands } from '../bindings/commands';

type Async<T> = T | Promise<T>;

/**
 * What each Tauri command takes and returns, as generated from stardesk-core's one
 * declaration of each; a handler may answer at once or later.
 */
export type Commands = {
  [K in keyof DeclaredCommands]: (
    ...args: Parameters<DeclaredCommands[K]>
  ) => Async<ReturnType<DeclaredCommands[K]>>;
};

/** An event's payload, by its kind (`sync_progress`, `import_progress`, …). */
export type EventPayload<K extends AppEvent['kind']> = Omit<Extract<AppEvent, { kind: K }>, 'kind'>;

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

/** Captures `listen` subscriptions so a test can emit core's events (`sync_progress`, …). */
export function mockEvents(): {
  emit: <K extends AppEvent['kind']>(kind: K, payload: EventPayload<K>) => void;
} {
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
    emit(kind, payload) {
      const event = { kind, ...payload } as unknown as AppEvent;
      for (const handler of listeners.get(APP_EVENT) ?? []) {
        handler({ event: APP_EVENT, id: 1, payload: event });
      }
    },
  };
}

export function queriesSent(calls: Call[]): TaskQuery[] {
  return calls
    .filter((c) => c.command === 'query_tasks')
    .map((c) => (c.args as { query: TaskQuery }).query);
}
