//! The user's decisions, resolved from [`LineKey`]s to line positions in this import.

use std::collections::{HashMap, HashSet};

use super::hash::FastSet;
use super::{
    Decision, ExpectedRecord, IgnoredDecision, IgnoredReason, LineKey, Origin, Pair, RecordInputs,
    StatementRecord,
};

/// The decisions resolved to line indices.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// (expected, statement, origin), in decision order.
    pub task_pairs: Vec<(usize, usize, Origin)>,
    /// (statement lines, bank lines, origin), in decision order.
    pub payout_groups: Vec<(Vec<usize>, Vec<usize>, Origin)>,
    pub rejected_task: FastSet<(usize, usize)>,
    /// (statement, bank) never proposed together.
    pub rejected_single: FastSet<(usize, usize)>,
    /// (sorted statement lines, bank) never proposed as that exact group.
    pub rejected_group: HashSet<(Vec<usize>, usize)>,
    pub ignored: Vec<IgnoredDecision>,
}

fn index_keys<T>(
    lines: &[T],
    key: impl Fn(&T) -> &LineKey,
    wanted: &FastSet<&LineKey>,
) -> HashMap<LineKey, usize> {
    let mut found = HashMap::with_capacity(wanted.len());
    if wanted.is_empty() {
        return found;
    }
    for (index, line) in lines.iter().enumerate() {
        let k = key(line);
        // The first line with a key wins; keys are unique in a well-formed import.
        if wanted.contains(k) && !found.contains_key(k) {
            found.insert(*k, index);
        }
    }
    found
}

pub(super) fn resolve_decisions<E: ExpectedRecord, S: StatementRecord>(
    input: &RecordInputs<'_, E, S>,
) -> Resolved {
    let mut resolved = Resolved::default();
    if input.decisions.is_empty() {
        return resolved;
    }
    let mut want_expected = FastSet::default();
    let mut want_statement = FastSet::default();
    let mut want_bank = FastSet::default();
    for decision in input.decisions {
        match decision {
            Decision::Accept(Pair::Task {
                expected,
                statement,
            })
            | Decision::Reject(Pair::Task {
                expected,
                statement,
            })
            | Decision::ManualMatchTask {
                expected,
                statement,
            } => {
                want_expected.insert(expected);
                want_statement.insert(statement);
            }
            Decision::Accept(Pair::Payout { statement, bank })
            | Decision::Reject(Pair::Payout { statement, bank })
            | Decision::ManualMatch { statement, bank } => {
                want_statement.extend(statement.iter());
                want_bank.extend(bank.iter());
            }
        }
    }
    let expected = index_keys(input.expected, |l| l.key(), &want_expected);
    let statement = index_keys(input.statement, |l| l.key(), &want_statement);
    let bank = index_keys(input.bank, |l| &l.key, &want_bank);

    let mut task_taken_e: HashSet<usize> = HashSet::new();
    let mut task_taken_s: HashSet<usize> = HashSet::new();
    let mut pay_taken_s: HashSet<usize> = HashSet::new();
    let mut pay_taken_b: HashSet<usize> = HashSet::new();

    for (index, decision) in input.decisions.iter().enumerate() {
        let ignore = |reason| IgnoredDecision { index, reason };
        let lookup = |map: &HashMap<LineKey, usize>, key: &LineKey| {
            map.get(key)
                .copied()
                .ok_or_else(|| ignore(IgnoredReason::UnknownLine(*key)))
        };
        let lookup_all = |map: &HashMap<LineKey, usize>, keys: &[LineKey]| {
            if keys.is_empty() {
                return Err(ignore(IgnoredReason::Empty));
            }
            keys.iter()
                .map(|k| lookup(map, k))
                .collect::<Result<Vec<_>, _>>()
        };
        let outcome: Result<(), IgnoredDecision> = (|| {
            match decision {
                Decision::Accept(Pair::Task {
                    expected: e,
                    statement: s,
                })
                | Decision::ManualMatchTask {
                    expected: e,
                    statement: s,
                } => {
                    let (ei, si) = (lookup(&expected, e)?, lookup(&statement, s)?);
                    if task_taken_e.contains(&ei) {
                        return Err(ignore(IgnoredReason::AlreadyDecided(*e)));
                    }
                    if task_taken_s.contains(&si) {
                        return Err(ignore(IgnoredReason::AlreadyDecided(*s)));
                    }
                    task_taken_e.insert(ei);
                    task_taken_s.insert(si);
                    let origin = if matches!(decision, Decision::Accept(_)) {
                        Origin::Accepted
                    } else {
                        Origin::Manual
                    };
                    resolved.task_pairs.push((ei, si, origin));
                }
                Decision::Reject(Pair::Task {
                    expected: e,
                    statement: s,
                }) => {
                    let (ei, si) = (lookup(&expected, e)?, lookup(&statement, s)?);
                    resolved.rejected_task.insert((ei, si));
                }
                Decision::Accept(Pair::Payout {
                    statement: s,
                    bank: b,
                })
                | Decision::ManualMatch {
                    statement: s,
                    bank: b,
                } => {
                    let mut ss = lookup_all(&statement, s)?;
                    let mut bs = lookup_all(&bank, b)?;
                    ss.sort_unstable();
                    ss.dedup();
                    bs.sort_unstable();
                    bs.dedup();
                    if let Some(&taken) = ss.iter().find(|i| pay_taken_s.contains(i)) {
                        let key = *input.statement[taken].key();
                        return Err(ignore(IgnoredReason::AlreadyDecided(key)));
                    }
                    if let Some(&taken) = bs.iter().find(|i| pay_taken_b.contains(i)) {
                        let key = input.bank[taken].key;
                        return Err(ignore(IgnoredReason::AlreadyDecided(key)));
                    }
                    pay_taken_s.extend(ss.iter().copied());
                    pay_taken_b.extend(bs.iter().copied());
                    let origin = if matches!(decision, Decision::Accept(_)) {
                        Origin::Accepted
                    } else {
                        Origin::Manual
                    };
                    resolved.payout_groups.push((ss, bs, origin));
                }
                Decision::Reject(Pair::Payout {
                    statement: s,
                    bank: b,
                }) => {
                    let mut ss = lookup_all(&statement, s)?;
                    let bs = lookup_all(&bank, b)?;
                    ss.sort_unstable();
                    ss.dedup();
                    for bi in bs {
                        if let [single] = ss[..] {
                            resolved.rejected_single.insert((single, bi));
                        } else {
                            resolved.rejected_group.insert((ss.clone(), bi));
                        }
                    }
                }
            }
            Ok(())
        })();
        if let Err(ignored) = outcome {
            resolved.ignored.push(ignored);
        }
    }
    resolved
}
