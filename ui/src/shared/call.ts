//! The one door to Rust: `call` invokes a command and turns every rejection into an
//! `IpcError` whose `code` the UI switches on; the `message` is for logs (and, for
//! `invalid_input`/`not_found`, names the file, row or id at fault) and is never parsed.
//! The typed command functions (`bindings/commands.ts`) are generated around it.

import { invoke } from '@tauri-apps/api/core';
import { ERROR_CODES, type ErrorCode, type ImportFailure } from '../bindings';

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export class IpcError extends Error {
  readonly code: ErrorCode;
  /** The command that failed, for logs. */
  readonly command: string;
  /** A refused import's file, row, column and problem, worded by the window. */
  readonly importFailure: ImportFailure | null;
  /** A `refused` error's platform code (`not_withdrawable`, …). */
  readonly refusal: string | null;

  constructor(
    code: ErrorCode,
    message: string,
    command: string,
    importFailure: ImportFailure | null = null,
    refusal: string | null = null,
  ) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.command = command;
    this.importFailure = importFailure;
    this.refusal = refusal;
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
    const {
      code,
      message,
      import: failure,
      refusal,
    } = reason as {
      code: unknown;
      message?: unknown;
      import?: ImportFailure | null;
      refusal?: string | null;
    };
    const text = typeof message === 'string' ? message : '';
    if (isErrorCode(code))
      return new IpcError(code, text, command, failure ?? null, refusal ?? null);
    return new IpcError('internal', `${String(code)}: ${text}`, command);
  }
  if (reason instanceof Error) return new IpcError('internal', reason.message, command);
  return new IpcError('internal', String(reason), command);
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(command, reason);
  }
}
