//! The settlements page's pure logic: class codes, the fields of each file kind, the
//! import progress bar, and which selections make a manual match. No React here.

import type {
  ClassCounts,
  DecisionInput,
  ImportKind,
  ImportProgress,
  LineRefs,
} from '../../bindings';

/** The classes with a summary card, in the order a creator works through them. */
export const SUMMARY_CLASSES = [
  'payout_failed',
  'missing_payout',
  'amount_mismatch',
  'payout_overdue',
  'duplicate_payout',
  'unexpected_credit',
  'matched',
] as const satisfies readonly (keyof ClassCounts)[];

/** Every class code a discrepancy row may carry (`unexpected_payout` has no card). */
export const ROW_CLASSES = [
  'payout_failed',
  'missing_payout',
  'amount_mismatch',
  'payout_overdue',
  'duplicate_payout',
  'unexpected_payout',
  'unexpected_credit',
] as const;

export type RowClass = (typeof ROW_CLASSES)[number];
export type ClassCode = RowClass | 'matched';

export function isClassCode(code: string): code is ClassCode {
  return code === 'matched' || (ROW_CLASSES as readonly string[]).includes(code);
}

export const IMPORT_KINDS: readonly ImportKind[] = ['expected', 'statement', 'bank', 'invoices'];

export interface FieldSpec {
  name: string;
  required: boolean;
}

const f = (name: string, required = false): FieldSpec => ({ name, required });

/** Each kind's fields, as `stardesk-import`'s `FileKind::fields` lists them (`*` = required). */
export const KIND_FIELDS: Record<ImportKind, readonly FieldSpec[]> = {
  statement: [
    f('statement_id', true),
    f('task_id', true),
    f('amount', true),
    f('date', true),
    f('status', true),
    f('gross'),
    f('fee'),
    f('tax'),
  ],
  bank: [f('txn_id'), f('date', true), f('amount', true), f('debit'), f('counterparty'), f('memo')],
  expected: [f('task_id', true), f('amount', true), f('due_date'), f('gross'), f('fee'), f('tax')],
  invoices: [f('statement_id', true), f('sent_date', true), f('tracking_no', true)],
};

/**
 * One progress bar over all files of an import. Each file gets an equal share; within a
 * file, reading fills 0–30 %, parsing (no counter) sits at 30–50 %, storing fills
 * 50–100 %.
 */
export function importPercent(p: ImportProgress): number {
  const count = Math.max(p.file_count, 1);
  const ratio = p.total > 0 ? Math.min(Math.max(p.done / p.total, 0), 1) : 0;
  let within: number;
  switch (p.phase) {
    case 'reading':
      within = 30 * ratio;
      break;
    case 'parsing':
      within = 40;
      break;
    case 'storing':
      within = 50 + 50 * ratio;
      break;
    case 'done':
      within = 100;
      break;
  }
  const index = Math.min(Math.max(p.file_index, 0), count - 1);
  return Math.round(((index + within / 100) / count) * 1000) / 10;
}

/** Why the selected rows cannot be matched by hand; `null` when they can. */
export type ManualMatchProblem = 'empty' | 'mixed' | 'task' | 'payout';

export type ManualMatch =
  | { ok: true; input: DecisionInput }
  | { ok: false; problem: ManualMatchProblem };

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * The manual match the selected rows' lines make, if any: exactly one expected line and
 * one statement line (a task match), or statement lines with bank lines and no expected
 * line (a payout match).
 */
export function manualMatchOf(refs: readonly LineRefs[]): ManualMatch {
  const expected = unique(refs.flatMap((r) => (r.expected === null ? [] : [r.expected])));
  const statement = unique(refs.flatMap((r) => r.statement));
  const bank = unique(refs.flatMap((r) => r.bank));
  if (expected.length + statement.length + bank.length === 0) {
    return { ok: false, problem: 'empty' };
  }
  if (expected.length > 0 && bank.length > 0) return { ok: false, problem: 'mixed' };
  if (expected.length > 0) {
    const [e] = expected;
    const [s] = statement;
    if (expected.length === 1 && statement.length === 1 && e !== undefined && s !== undefined) {
      return {
        ok: true,
        input: { action: 'manual_match', kind: 'task', expected: e, statement: [s], bank: [] },
      };
    }
    return { ok: false, problem: 'task' };
  }
  if (statement.length > 0 && bank.length > 0) {
    return {
      ok: true,
      input: { action: 'manual_match', kind: 'payout', expected: null, statement, bank },
    };
  }
  return { ok: false, problem: 'payout' };
}

/** `YYYY-MM-DD` of a local date. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The last path segment, for either separator. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** Of the paths imported together, the one an error message names (else the first). */
export function pathNamedIn(message: string, paths: readonly string[]): string | null {
  const named = paths.find((p) => message.includes(baseName(p)));
  return named ?? paths[0] ?? null;
}
