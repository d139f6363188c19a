//! The only module that talks to the Rust side: one typed function per Tauri command.
//!
//! Every rejection becomes an `IpcError` whose `code` the UI switches on; the `message` is
//! for logs only and is never parsed.

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  AppStatus,
  ColumnMappingView,
  ContractAccountInput,
  ContractAccountView,
  DecisionInput,
  DecisionView,
  ErrorCode,
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

/** Every code of `ErrorCode`; `satisfies` makes the compiler flag a code added in Rust. */
const ERROR_CODES = {
  platform_unreachable: true,
  sign_in_required: true,
  platform_protocol: true,
  invalid_input: true,
  not_found: true,
  key_unavailable: true,
  store_incompatible: true,
  store_failed: true,
  busy: true,
  internal: true,
} as const satisfies Record<ErrorCode, true>;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

export class IpcError extends Error {
  readonly code: ErrorCode;
  /** The command that failed, for logs. */
  readonly command: string;

  constructor(code: ErrorCode, message: string, command: string) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.command = command;
  }
}

/**
 * Turns whatever `invoke` rejected with into an `IpcError`. Commands reject with an
 * `AppError {code, message}`; Tauri itself rejects with a bare string (unknown command,
 * arguments that do not deserialize), which is a bug on one side or the other: `internal`.
 */
export function toIpcError(command: string, reason: unknown): IpcError {
  if (reason instanceof IpcError) return reason;
  if (typeof reason === 'object' && reason !== null && 'code' in reason) {
    const { code, message } = reason as { code: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (isErrorCode(code)) return new IpcError(code, text, command);
    return new IpcError('internal', `${String(code)}: ${text}`, command);
  }
  if (reason instanceof Error) return new IpcError('internal', reason.message, command);
  return new IpcError('internal', String(reason), command);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(command, reason);
  }
}

export function appStatus(): Promise<AppStatus> {
  return call('app_status');
}

/** One page of the task hall; `total` counts every match, not just this page. */
export function queryTasks(query: TaskQuery): Promise<TaskPage> {
  return call('query_tasks', { query });
}

export function taskDetail(id: string): Promise<TaskDetail> {
  return call('task_detail', { id });
}

export function facets(): Promise<Facets> {
  return call('facets');
}

/** Resolves when the sync has ended; progress arrives as `sync://progress` events. */
export function syncNow(): Promise<SyncSummary> {
  return call('sync_now');
}

/** The token goes to the OS keychain on the Rust side; it never comes back. */
export function settingsSetPlatform(account: PlatformAccountInput): Promise<AppStatus> {
  return call('settings_set_platform', { account });
}

export function settingsUseSandbox(): Promise<AppStatus> {
  return call('settings_use_sandbox');
}

/** The task hall has its first rows on screen (logged; `make bench` times cold start by it). */
export function uiReady(rows: number): Promise<void> {
  return call('ui_ready', { rows });
}

/**
 * For a `useEffect`: starts a Tauri event subscription and returns the cleanup, which
 * unsubscribes even when the subscription resolves after unmount. Outside a Tauri window
 * (a plain browser, jsdom) there are no events: nothing is subscribed, nothing throws.
 */
export function subscription(subscribe: () => Promise<UnlistenFn>): () => void {
  let unlisten: UnlistenFn | undefined;
  let disposed = false;
  let pending: Promise<UnlistenFn>;
  try {
    pending = subscribe();
  } catch {
    return () => {};
  }
  pending
    .then((stop) => {
      if (disposed) stop();
      else unlisten = stop;
    })
    .catch(() => {});
  return () => {
    disposed = true;
    unlisten?.();
  };
}

export const SYNC_PROGRESS_EVENT = 'sync://progress';

/** Subscribes to sync progress; resolves to the function that unsubscribes. */
export function onSyncProgress(handler: (progress: SyncProgress) => void): Promise<UnlistenFn> {
  return listen<SyncProgress>(SYNC_PROGRESS_EVENT, (event) => handler(event.payload));
}

// ---- Settlements ----------------------------------------------------------------------

/** The native open dialog for CSV/XLSX files; resolves to `[]` when the user cancels. */
export function pickSettlementFiles(kind: ImportKind): Promise<string[]> {
  return call('pick_settlement_files', { kind });
}

/**
 * Imports files of one kind: all are checked before any is stored, so a bad file stores
 * nothing (`invalid_input`, the message names file, row, column and value). Progress
 * arrives as `import://progress` events.
 */
export function importSettlementFiles(
  kind: ImportKind,
  paths: string[],
  profile: string | null,
): Promise<ImportResult[]> {
  return call('import_settlement_files', { kind, paths, profile });
}

export function previewSettlementFile(kind: ImportKind, path: string): Promise<FilePreview> {
  return call('preview_settlement_file', { kind, path });
}

export function mappingProfiles(): Promise<MappingProfile[]> {
  return call('mapping_profiles');
}

export function saveMappingProfile(
  name: string,
  kind: ImportKind,
  mapping: ColumnMappingView,
): Promise<MappingProfile> {
  return call('save_mapping_profile', { name, kind, mapping });
}

export function deleteMappingProfile(name: string): Promise<void> {
  return call('delete_mapping_profile', { name });
}

export function importFiles(): Promise<ImportFileView[]> {
  return call('import_files');
}

/** Everything imported, reconciled with the saved decisions; `asOf` is `YYYY-MM-DD`, null = today. */
export function reconcileSaved(asOf: string | null): Promise<ReconcileView> {
  return call('reconcile_saved', { asOf });
}

export function decide(input: DecisionInput): Promise<DecisionView> {
  return call('decide', { input });
}

export function decisions(): Promise<DecisionView[]> {
  return call('decisions');
}

export function deleteDecision(id: string): Promise<void> {
  return call('delete_decision', { id });
}

export function monthlyIncome(): Promise<MonthIncome[]> {
  return call('monthly_income');
}

/** Asks where to save (native dialog) and writes the report; the path, or null if cancelled. */
export function exportReport(format: ReportFormat, asOf: string | null): Promise<string | null> {
  return call('export_report', { format, asOf });
}

/** Deletes every imported line, decision and the contract account (mapping profiles stay). */
export function deleteSettlementData(): Promise<void> {
  return call('delete_settlement_data');
}

export function contractAccount(): Promise<ContractAccountView | null> {
  return call('contract_account');
}

/** The card number goes to the encrypted store; it only ever comes back masked. */
export function setContractAccount(account: ContractAccountInput): Promise<ContractAccountView> {
  return call('set_contract_account', { account });
}

export function payoutFix(input: PayoutFixInput): Promise<PayoutFixGuide> {
  return call('payout_fix', { input });
}

export const IMPORT_PROGRESS_EVENT = 'import://progress';

export function onImportProgress(handler: (progress: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>(IMPORT_PROGRESS_EVENT, (event) => handler(event.payload));
}
