//! Failures in words. The UI switches on an `ErrorCode`, never on a message; the Rust
//! message is shown only where it is written for the user (see `errorText`).

import type { ErrorCode, ImportFailure } from '../bindings';
import type { TFor } from '../i18n';
import { IpcError } from './ipc';
import { refusalWords } from './refusals';

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
  if (error instanceof IpcError && error.importFailure !== null) {
    return importFailureText(t, error.importFailure);
  }
  // A refusal with its reason: "平台拒绝了这个操作：品牌方已经做出选择，…".
  if (error instanceof IpcError && error.code === 'refused') {
    const reason = refusalWords(t, error.refusal);
    if (reason !== null) {
      return t('common:errorDetail', { text: t('common:errors.refused'), message: reason });
    }
  }
  const code = errorCode(error);
  if ((code === 'invalid_input' || code === 'not_found') && error instanceof IpcError) {
    const text = t(`common:errors.${code}`);
    return error.message === '' ? text : t('common:errorDetail', { text, message: error.message });
  }
  return errorCodeText(t, error);
}

/**
 * A refused import in the window's language: the file, the row as a spreadsheet counts
 * it and the column, then the problem with its figures (lists joined by the language's
 * separator).
 */
export function importFailureText(t: TFor, failure: ImportFailure): string {
  const figures: Record<string, string> = {};
  for (const [name, value] of failure.params) {
    figures[name] = value.split('\n').join(t('common:listSeparator'));
  }
  // Each problem's figures are its own (see `ImportProblemCode`): the key is looked up
  // with whichever it has.
  const say = t as unknown as (key: string, figures: Record<string, string>) => string;
  const problem = say(`common:importProblem.${failure.problem}`, figures);
  const at = { file: failure.file, row: failure.row, column: failure.column, problem };
  if (failure.row !== null && failure.column !== null) return t('common:importAt.rowColumn', at);
  if (failure.row !== null) return t('common:importAt.row', at);
  if (failure.column !== null) return t('common:importAt.column', at);
  return t('common:importAt.file', at);
}
