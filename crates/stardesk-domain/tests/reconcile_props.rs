//! Properties of reconciliation: no statement line lost or counted twice, no line or credit
//! paid twice, the same answer every time; and a 200,000-line run to catch accidental
//! quadratic behaviour (counts asserted, never timings).

mod common;

use std::collections::{HashMap, HashSet};

use common::{bk, date, ek, sk};
use proptest::prelude::*;
use rust_decimal::Decimal;
use stardesk_domain::reconcile::{
    reconcile, BankLine, Decision, Discrepancy, ExpectedLine, Inputs, InvoiceLine, LineKey, Match,
    Pair, PayoutStatus, ReconcileOptions, Reconciliation, StatementLine,
};

/// Every statement line's task-axis outcome, by key: it must appear exactly once.
fn task_axis_outcomes(r: &Reconciliation<'_>) -> HashMap<LineKey, usize> {
    let mut seen: HashMap<LineKey, usize> = HashMap::new();
    let mut count = |k: &LineKey| *seen.entry(*k).or_default() += 1;
    for m in &r.matches {
        if let Match::Task(t) = m {
            count(&t.statement);
        }
    }
    for x in &r.discrepancies {
        match x {
            Discrepancy::AmountMismatch(m) => count(&m.statement),
            Discrepancy::DuplicatePayout(dup) => count(&dup.extra),
            Discrepancy::PayoutFailed(f) => count(&f.statement),
            Discrepancy::UnexpectedPayout(u) => count(&u.statement),
            Discrepancy::MissingPayout(_)
            | Discrepancy::PayoutOverdue(_)
            | Discrepancy::UnexpectedCredit(_) => {}
        }
    }
    seen
}

fn yuan_from_fen(fen: i64) -> Decimal {
    Decimal::new(fen, 2)
}

#[derive(Debug, Clone)]
struct World {
    expected: Vec<ExpectedLine>,
    statement: Vec<StatementLine>,
    bank: Vec<BankLine>,
    invoices: Vec<InvoiceLine>,
    decisions: Vec<Decision>,
}

fn world() -> impl Strategy<Value = World> {
    // Few task ids, statements, amounts and days, so that duplicates, equal amounts,
    // groups and references all happen.
    let expected = prop::collection::vec((0u8..12, 1i64..6, prop::option::of(0u32..20)), 0..14);
    let statement = prop::collection::vec((0u8..14, 0u8..4, 1i64..6, 0u32..20, 0u8..6), 0..18);
    let bank = prop::collection::vec((0u32..20, 1i64..16, 0u8..6), 0..8);
    let invoices = prop::collection::vec((0u8..4, 0u32..20), 0..3);
    let decisions = prop::collection::vec((0u8..4, 0u64..18, 0u64..18), 0..4);
    // Ids longer than the join's 24 inline bytes, alike in those bytes, half of the time.
    let prefix = prop::sample::select(vec!["", "7000000000000000000000000000-"]);
    (expected, statement, bank, invoices, decisions, prefix).prop_map(
        |(expected, statement, bank, invoices, decisions, prefix)| {
            let day = |n: u32| date(2025, 6, 1) + chrono::Days::new(u64::from(n));
            World {
                expected: expected
                    .into_iter()
                    .enumerate()
                    .map(|(i, (task, amount, due))| ExpectedLine {
                        key: ek(i as u64),
                        task_id: format!("{prefix}T{task}"),
                        amount: yuan_from_fen(amount * 1000),
                        due_date: due.map(day),
                        gross: None,
                        fee: None,
                        tax: None,
                    })
                    .collect(),
                statement: statement
                    .into_iter()
                    .enumerate()
                    .map(|(i, (task, sid, amount, on, status))| StatementLine {
                        key: sk(i as u64),
                        statement_id: format!("JS{sid}"),
                        task_id: format!("{prefix}T{task}"),
                        amount: yuan_from_fen(amount * 1000),
                        date: day(on),
                        status: if status == 0 {
                            PayoutStatus::Failed
                        } else {
                            PayoutStatus::Settled
                        },
                        gross: None,
                        fee: None,
                        tax: None,
                    })
                    .collect(),
                bank: bank
                    .into_iter()
                    .enumerate()
                    .map(|(i, (on, amount, memo))| BankLine {
                        key: bk(i as u64),
                        txn_id: format!("B{i}"),
                        date: day(on),
                        amount: yuan_from_fen(amount * 1000),
                        counterparty: if memo == 5 { "张三" } else { "巨量引擎" }.to_owned(),
                        memo: if memo < 4 {
                            format!("JS{memo}")
                        } else {
                            String::new()
                        },
                    })
                    .collect(),
                invoices: invoices
                    .into_iter()
                    .enumerate()
                    .map(|(i, (sid, sent))| InvoiceLine {
                        key: common::ik(i as u64),
                        statement_id: format!("JS{sid}"),
                        sent_date: day(sent),
                        tracking_no: format!("SF{i}"),
                    })
                    .collect(),
                decisions: decisions
                    .into_iter()
                    .map(|(kind, a, b)| match kind {
                        0 => Decision::Reject(Pair::Task {
                            expected: ek(a),
                            statement: sk(b),
                        }),
                        1 => Decision::ManualMatchTask {
                            expected: ek(a),
                            statement: sk(b),
                        },
                        2 => Decision::Reject(Pair::Payout {
                            statement: vec![sk(a)],
                            bank: vec![bk(b % 8)],
                        }),
                        _ => Decision::ManualMatch {
                            statement: vec![sk(a), sk(b)],
                            bank: vec![bk(a % 8)],
                        },
                    })
                    .collect(),
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_statement_line_is_accounted_for_exactly_once(w in world()) {
        let inputs = Inputs {
            expected: &w.expected,
            statement: &w.statement,
            bank: &w.bank,
            invoices: &w.invoices,
            decisions: &w.decisions,
        };
        let r = reconcile(&inputs, &ReconcileOptions::new(date(2025, 6, 10)));

        // Task axis: matched + discrepancies cover every statement line exactly once.
        let seen = task_axis_outcomes(&r);
        prop_assert_eq!(seen.len(), w.statement.len());
        for line in &w.statement {
            prop_assert_eq!(seen.get(&line.key).copied(), Some(1), "{:?}", line.key);
        }
        let sm = &r.summary;
        prop_assert_eq!(
            sm.matched.count + sm.amount_mismatch.count + sm.duplicate_payout.count
                + sm.payout_failed.count + sm.unexpected_payout.count,
            w.statement.len() as u64
        );
        // The statement's total is the matched total, plus each mismatched line's
        // expected amount and difference, plus the rest.
        let mismatched_expected: Decimal = r.discrepancies.iter().map(|x| match x {
            Discrepancy::AmountMismatch(m) => m.expected_amount,
            _ => Decimal::ZERO,
        }).sum();
        let statement_total: Decimal = w.statement.iter().map(|l| l.amount).sum();
        prop_assert_eq!(
            sm.matched.total + mismatched_expected + sm.amount_mismatch.total
                + sm.duplicate_payout.total + sm.payout_failed.total + sm.unexpected_payout.total,
            statement_total
        );

        // Every expected line is paid, failed, missing or not yet due, never two of these.
        let mut expected_seen: HashSet<LineKey> = HashSet::new();
        for m in &r.matches {
            if let Match::Task(t) = m {
                prop_assert!(expected_seen.insert(t.expected));
            }
        }
        for x in &r.discrepancies {
            match x {
                Discrepancy::AmountMismatch(m) => prop_assert!(expected_seen.insert(m.expected)),
                Discrepancy::MissingPayout(m) => prop_assert!(expected_seen.insert(m.expected)),
                _ => {}
            }
        }
        for k in &r.not_yet_due {
            prop_assert!(expected_seen.insert(*k));
        }

        // Money axis: a line paid by at most one credit, a credit paying at most one group,
        // and a credit either pays something or is reported, never both.
        let mut paid_lines = HashSet::new();
        let mut used_credits = HashSet::new();
        for m in &r.matches {
            if let Match::Payout(p) = m {
                prop_assert!(!p.statement.is_empty() && !p.bank.is_empty());
                for k in &p.statement {
                    prop_assert!(paid_lines.insert(*k), "line {:?} paid twice", k);
                }
                for k in &p.bank {
                    prop_assert!(used_credits.insert(*k), "credit {:?} used twice", k);
                }
                if p.origin == stardesk_domain::reconcile::Origin::Automatic {
                    // Automatic groups are exact (tolerance 0) except reference matches.
                    if !matches!(p.method, stardesk_domain::reconcile::PayoutMethod::Reference) {
                        prop_assert_eq!(p.statement_total, p.bank_total);
                    }
                }
            }
        }
        for x in &r.discrepancies {
            if let Discrepancy::UnexpectedCredit(u) = x {
                prop_assert!(!used_credits.contains(&u.bank));
            }
        }
        prop_assert_eq!(sm.paid.count as usize, paid_lines.len());

        // Deterministic.
        prop_assert_eq!(&r, &reconcile(&inputs, &ReconcileOptions::new(date(2025, 6, 10))));
    }
}

#[test]
fn two_hundred_thousand_lines_reconcile_with_the_expected_counts() {
    const N: usize = 200_000;
    let on = date(2025, 6, 30);
    let expected: Vec<ExpectedLine> = (0..N)
        .map(|i| ExpectedLine {
            key: ek(i as u64),
            task_id: format!("7{i:018}"),
            amount: yuan_from_fen(10_000 + (i % 977) as i64),
            due_date: Some(on),
            gross: None,
            fee: None,
            tax: None,
        })
        .collect();
    // 1% missing (i % 100 == 0), 1% mismatched (== 1), 0.5% duplicated (i % 200 == 2),
    // 0.5% failed (i % 200 == 3); lines in reverse order so the join cannot lean on order.
    let mut statement = Vec::with_capacity(N + N / 200);
    let mut n = 0u64;
    for i in (0..N).rev() {
        if i % 100 == 0 {
            continue;
        }
        let mut line = StatementLine {
            key: sk(n),
            statement_id: format!("JS{}", i % 50),
            task_id: expected[i].task_id.clone(),
            amount: expected[i].amount,
            date: on,
            status: PayoutStatus::Withdrawn,
            gross: None,
            fee: None,
            tax: None,
        };
        n += 1;
        if i % 100 == 1 {
            line.amount += Decimal::ONE;
        }
        if i % 200 == 3 {
            line.status = PayoutStatus::Failed;
        }
        if i % 200 == 2 {
            let mut extra = line.clone();
            extra.key = sk(n);
            n += 1;
            statement.push(extra);
        }
        statement.push(line);
    }
    let r = reconcile(
        &Inputs {
            expected: &expected,
            statement: &statement,
            ..Inputs::default()
        },
        &ReconcileOptions::new(on),
    );
    let sm = &r.summary;
    assert_eq!(sm.missing_payout.count, 2_000);
    assert_eq!(sm.amount_mismatch.count, 2_000);
    assert_eq!(sm.amount_mismatch.total, Decimal::from(2_000));
    assert_eq!(sm.duplicate_payout.count, 1_000);
    assert_eq!(sm.payout_failed.count, 1_000);
    assert_eq!(sm.unexpected_payout.count, 0);
    assert_eq!(sm.matched.count, (N - 2_000 - 2_000 - 1_000) as u64);
    assert_eq!(
        sm.matched.count
            + sm.amount_mismatch.count
            + sm.duplicate_payout.count
            + sm.payout_failed.count,
        statement.len() as u64
    );
    assert_eq!(r.discrepancies.len(), 6_000);
    // The lines are told on two threads above 50,000 lines; the matches still come in
    // statement-file order.
    let order: HashMap<&LineKey, usize> = statement
        .iter()
        .enumerate()
        .map(|(i, l)| (&l.key, i))
        .collect();
    let positions: Vec<usize> = r
        .matches
        .iter()
        .map(|m| match m {
            Match::Task(t) => order[&t.statement],
            Match::Payout(_) => usize::MAX,
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));

    // A summary-only run lists no clean task matches and counts the same.
    let mut summary_only = ReconcileOptions::new(on);
    summary_only.list_task_matches = false;
    let lean = reconcile(
        &Inputs {
            expected: &expected,
            statement: &statement,
            ..Inputs::default()
        },
        &summary_only,
    );
    assert!(lean.matches.is_empty());
    assert_eq!(lean.summary, r.summary);
    assert_eq!(lean.discrepancies, r.discrepancies);
}

#[test]
fn many_equal_credits_and_lines_match_without_quadratic_search() {
    // 20,000 lines and 20,000 credits of the same amount on the same day: the worst case
    // for amount-and-date matching. Plus 2,000 credits that fit nothing, each of which
    // goes through the bounded group search.
    const N: usize = 20_000;
    let on = date(2025, 6, 30);
    let statement: Vec<StatementLine> = (0..N)
        .map(|i| StatementLine {
            key: sk(i as u64),
            statement_id: format!("JS{i}"),
            task_id: format!("T{i}"),
            amount: Decimal::from(100),
            date: on,
            status: PayoutStatus::Settled,
            gross: None,
            fee: None,
            tax: None,
        })
        .collect();
    let bank: Vec<BankLine> = (0..N + 2_000)
        .map(|i| BankLine {
            key: bk(i as u64),
            txn_id: format!("B{i}"),
            date: on,
            amount: if i < N {
                Decimal::from(100)
            } else {
                Decimal::new(12_345, 2)
            },
            counterparty: "星图".to_owned(),
            memo: String::new(),
        })
        .collect();
    let r = reconcile(
        &Inputs {
            statement: &statement,
            bank: &bank,
            ..Inputs::default()
        },
        &ReconcileOptions::new(on),
    );
    assert_eq!(r.summary.paid.count, N as u64);
    assert_eq!(r.summary.unexpected_credit.count, 2_000);
}

#[test]
fn dense_group_windows_stay_bounded() {
    // 3,000 open lines of odd amounts on nearby days and 500 credits that no subset of
    // them can reach exactly: every credit's search hits its bounds and gives up.
    let on = date(2025, 6, 15);
    let statement: Vec<StatementLine> = (0..3_000)
        .map(|i| StatementLine {
            key: sk(i as u64),
            statement_id: format!("JS{i}"),
            task_id: format!("T{i}"),
            amount: Decimal::new(1_000 + 2 * (i as i64 % 97), 2),
            date: on + chrono::Days::new((i % 10) as u64),
            status: PayoutStatus::Settled,
            gross: None,
            fee: None,
            tax: None,
        })
        .collect();
    // Even amounts in fen can never sum to an odd number of fen.
    let bank: Vec<BankLine> = (0..500)
        .map(|i| BankLine {
            key: bk(i as u64),
            txn_id: format!("B{i}"),
            date: on + chrono::Days::new((i % 10) as u64),
            amount: Decimal::new(5_001 + 2 * i as i64, 2),
            counterparty: "巨量".to_owned(),
            memo: String::new(),
        })
        .collect();
    let r = reconcile(
        &Inputs {
            statement: &statement,
            bank: &bank,
            ..Inputs::default()
        },
        &ReconcileOptions::new(on),
    );
    assert_eq!(r.summary.paid.count, 0);
    assert_eq!(r.summary.unexpected_credit.count, 500);
}
