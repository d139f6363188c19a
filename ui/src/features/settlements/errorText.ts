import type { TFor } from '../../i18n';
import { IpcError } from '../../shared/ipc';

/**
 * An IPC failure in words: the translated code, plus the Rust message where it is meant
 * for the user (a bad file names its row and column; a missing statement its id).
 */
export function errorText(t: TFor, error: unknown): string {
  const code = error instanceof IpcError ? error.code : 'internal';
  const text = t(`common:errors.${code}`);
  if ((code === 'invalid_input' || code === 'not_found') && error instanceof IpcError) {
    return error.message === '' ? text : t('common:errorDetail', { text, message: error.message });
  }
  return `${text} (${code})`;
}
