//! Query keys and hooks of the settlements page. Everything lives under `['settlements']`:
//! the data changes only through an import, a decision, a profile or a delete, after which
//! core's `data_changed` event for the `settlements` area refreshes it all
//! (`app/dataEvents.tsx`).

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReconcilePageQuery } from '../../bindings';
import {
  contractAccount,
  decisions,
  importFiles,
  mappingProfiles,
  monthlyIncome,
  reconcileDiscrepancies,
  reconcileMatches,
  reconcileSaved,
  settlementTax,
  taskEarnings,
} from '../../shared/ipc';

export const settleKeys = {
  all: ['settlements'] as const,
  reconcile: ['settlements', 'reconcile'] as const,
  reconcileAsOf: (asOf: string | null) => ['settlements', 'reconcile', asOf] as const,
  discrepancies: (q: ReconcilePageQuery) => ['settlements', 'discrepancies', q] as const,
  matches: (q: ReconcilePageQuery) => ['settlements', 'matches', q] as const,
  monthly: ['settlements', 'monthly'] as const,
  files: ['settlements', 'files'] as const,
  decisions: ['settlements', 'decisions'] as const,
  profiles: ['settlements', 'profiles'] as const,
  contract: ['settlements', 'contract'] as const,
  tax: (year: number | null) => ['settlements', 'tax', year] as const,
  taskEarnings: (taskId: string) => ['settlements', 'taskEarnings', taskId] as const,
};

export function useReconcile(asOf: string | null) {
  return useQuery({
    queryKey: settleKeys.reconcileAsOf(asOf),
    queryFn: () => reconcileSaved(asOf),
  });
}

/**
 * A page of discrepancies, filtered and paged by core (every row is reachable, however
 * many there are); the page shown stays while the next one loads.
 */
export function useDiscrepancyPage(query: ReconcilePageQuery) {
  return useQuery({
    queryKey: settleKeys.discrepancies(query),
    queryFn: () => reconcileDiscrepancies(query),
    placeholderData: keepPreviousData,
  });
}

/** A page of matches, searched and paged by core. */
export function useMatchPage(query: ReconcilePageQuery) {
  return useQuery({
    queryKey: settleKeys.matches(query),
    queryFn: () => reconcileMatches(query),
    placeholderData: keepPreviousData,
  });
}

export function useImportFiles() {
  return useQuery({ queryKey: settleKeys.files, queryFn: importFiles });
}

export function useMonthlyIncome(enabled = true) {
  return useQuery({ queryKey: settleKeys.monthly, queryFn: monthlyIncome, enabled });
}

export function useDecisions() {
  return useQuery({ queryKey: settleKeys.decisions, queryFn: decisions });
}

export function useMappingProfiles() {
  return useQuery({ queryKey: settleKeys.profiles, queryFn: mappingProfiles });
}

export function useContractAccount(enabled = true) {
  return useQuery({ queryKey: settleKeys.contract, queryFn: contractAccount, enabled });
}

/** The tax check of `year` (null: every year); the table stays while another year loads. */
export function useTaxCheck(year: number | null) {
  return useQuery({
    queryKey: settleKeys.tax(year),
    queryFn: () => settlementTax(year),
    placeholderData: keepPreviousData,
  });
}

/** One task's earnings for the drawer; nothing is asked while no task is open. */
export function useTaskEarnings(taskId: string | null) {
  return useQuery({
    queryKey: settleKeys.taskEarnings(taskId ?? ''),
    queryFn: () => taskEarnings(taskId ?? ''),
    enabled: taskId !== null,
  });
}
