//! Failures in words. The UI switches on an `ErrorCode`, never on a message; the Rust
//! message is shown only where it is written for the user (see `errorText`).

import type { ErrorCode } from '../bindings';
import type { TFor } from '../i18n';
import { IpcError } from './ipc';

/** The code of a failure: an `IpcError`'s own, anything else is `internal`. */
export function errorCode(error: unknown): ErrorCode {
  return error instanceof IpcError ? error.code : 'internal';
}

/** The code in words, then the code: "无法连接平台 (platform_unreachable)". */
export function errorCodeText(t: TFor, error: unknown): string {
  const code = errorCode(error);
  return `${t(`common:errors.${code}`)} (${code})`;
}

/**
 * An IPC failure in words: the translated code, plus the Rust message where it is meant
 * for the user (a bad file names its row and column; a missing statement its id).
 */
export function errorText(t: TFor, error: unknown): string {
  const code = errorCode(error);
  if ((code === 'invalid_input' || code === 'not_found') && error instanceof IpcError) {
    const text = t(`common:errors.${code}`);
    return error.message === '' ? text : t('common:errorDetail', { text, message: error.message });
  }
  return errorCodeText(t, error);
}
