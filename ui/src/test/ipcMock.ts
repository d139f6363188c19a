import { invoke } from '@tauri-apps/api/core';
import { type EventCallback, listen } from '@tauri-apps/api/event';
import { vi } from 'vitest';
import type {
  AppError,
  AppStatus,
  ColumnMappingView,
  ContractAccountInput,
  ContractAccountView,
  DecisionInput,
  DecisionView,
  Facets,
  FilePreview,
  ImportFileView,
  ImportKind,
  ImportProgress,
  ImportResult,
  MappingProfile,
  MonthIncome,
  PayoutFixGuide,
  PayoutFixInput,
  PlatformAccountInput,
  ReconcileView,
  ReportFormat,
  SyncProgress,
  SyncSummary,
  TaskDetail,
  TaskPage,
  TaskQuery,
} from '../bindings';

type Async<T> = T | Promise<T>;

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
  pick_settlement_files: (args: { kind: ImportKind }) => Async<string[]>;
  import_settlement_files: (args: {
    kind: ImportKind;
    paths: string[];
    profile: string | null;
  }) => Async<ImportResult[]>;
  preview_settlement_file: (args: { kind: ImportKind; path: string }) => Async<FilePreview>;
  mapping_profiles: () => MappingProfile[];
  save_mapping_profile: (args: {
    name: string;
    kind: ImportKind;
    mapping: ColumnMappingView;
  }) => Async<MappingProfile>;
  delete_mapping_profile: (args: { name: string }) => null;
  import_files: () => ImportFileView[];
  reconcile_saved: (args: { asOf: string | null }) => Async<ReconcileView>;
  decide: (args: { input: DecisionInput }) => Async<DecisionView>;
  decisions: () => DecisionView[];
  delete_decision: (args: { id: string }) => null;
  monthly_income: () => MonthIncome[];
  export_report: (args: { format: ReportFormat; asOf: string | null }) => Async<string | null>;
  delete_settlement_data: () => null;
  contract_account: () => ContractAccountView | null;
  set_contract_account: (args: { account: ContractAccountInput }) => Async<ContractAccountView>;
  payout_fix: (args: { input: PayoutFixInput }) => Async<PayoutFixGuide>;
}

/** The payload of each event the Rust side emits. */
export interface Events {
  'sync://progress': SyncProgress;
  'import://progress': ImportProgress;
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

/** Captures `listen` subscriptions so a test can emit `sync://progress` and the like. */
export function mockEvents(): {
  emit: <E extends keyof Events>(event: E, payload: Events[E]) => void;
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
