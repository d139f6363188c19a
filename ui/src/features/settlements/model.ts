//! The settlements page's pure logic: the order and look of the class codes, the import
//! progress bar, and which selections make a manual match. No React here.

import {
  CLASS_CODES,
  type ClassCode,
  type ClassTally,
  type DecisionInput,
  type ImportKind,
  type ImportProgress,
  type LineRefs,
  type ReconcileSummary,
} from '../../bindings';

/**
 * Where each class stands in the order a creator works through them: money that did not
 * arrive first, clean matches last. A `Record`, so a new class fails `tsc` until placed.
 */
const WORK_ORDER: Record<ClassCode, number> = {
  payout_failed: 0,
  missing_payout: 1,
  amount_mismatch: 2,
  payout_overdue: 3,
  duplicate_payout: 4,
  unexpected_payout: 5,
  unexpected_credit: 6,
  matched: 7,
};

/** Every class, one summary card each, in {@link WORK_ORDER}. */
export const CARD_CLASSES: readonly ClassCode[] = [...CLASS_CODES].sort(
  (a, b) => WORK_ORDER[a] - WORK_ORDER[b],
);

/** A class a discrepancy row carries: every class but `matched` (its own tab). */
export type DiscrepancyClass = Exclude<ClassCode, 'matched'>;

export function isDiscrepancyClass(cls: ClassCode): cls is DiscrepancyClass {
  return cls !== 'matched';
}

/** The discrepancy list's class filter, in {@link WORK_ORDER}. */
export const FILTER_CLASSES: readonly DiscrepancyClass[] = CARD_CLASSES.filter(isDiscrepancyClass);

/** How loud a class is on its summary card (its left border). */
export type Severity = 'danger' | 'warning' | 'notice' | 'success';

export const CLASS_SEVERITY: Record<ClassCode, Severity> = {
  payout_failed: 'danger',
  missing_payout: 'warning',
  amount_mismatch: 'warning',
  payout_overdue: 'warning',
  duplicate_payout: 'notice',
  unexpected_payout: 'notice',
  unexpected_credit: 'notice',
  matched: 'success',
};

/** A class's count and total; a class the summary leaves out counts zero. */
export function tallyOf(summary: ReconcileSummary, cls: ClassCode): ClassTally {
  return summary.classes.find((c) => c.class === cls) ?? { class: cls, count: 0, total: '0.00' };
}

/** Where each kind of file stands: the order they are best imported in. */
const KIND_ORDER: Record<ImportKind, number> = { expected: 0, statement: 1, bank: 2, invoices: 3 };

/** The import buttons, one per kind (the bindings list no kinds; the `Record` checks). */
export const IMPORT_KINDS: readonly ImportKind[] = (Object.keys(KIND_ORDER) as ImportKind[]).sort(
  (a, b) => KIND_ORDER[a] - KIND_ORDER[b],
);

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
