//! Discrepancies and account checks in plain words, zh-CN and en. Pure formatting: the
//! figures come from the data, which is what the UI and the CLI should key on
//! ([`super::Discrepancy::code`], [`super::Discrepancy::params`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::fix::{AccountCheck, AccountField};
use super::{Component, ComponentDiff, Discrepancy, PAYOUT_RULE};
use crate::money::format_yuan;

fn yuan(amount: Decimal) -> String {
    let text = format_yuan(amount.abs());
    if amount.is_sign_negative() && format_yuan(amount) != "0.00" {
        format!("-¥{text}")
    } else {
        format!("¥{text}")
    }
}

fn signed(amount: Decimal) -> String {
    if amount > Decimal::ZERO && format_yuan(amount) != "0.00" {
        format!("+{}", yuan(amount))
    } else {
        yuan(amount)
    }
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn component_zh(component: Component) -> &'static str {
    match component {
        Component::Gross => "总额（报酬或奖励）",
        Component::Fee => "服务费",
        Component::Tax => "个税",
    }
}

fn component_en(component: Component) -> &'static str {
    match component {
        Component::Gross => "the gross (fee or reward)",
        Component::Fee => "the fees",
        Component::Tax => "the tax",
    }
}

fn component_key(component: Component) -> &'static str {
    match component {
        Component::Gross => "gross",
        Component::Fee => "fee",
        Component::Tax => "tax",
    }
}

fn components_zh(diffs: &[ComponentDiff]) -> String {
    diffs
        .iter()
        .map(|d| {
            format!(
                "{}：预期 {}，结算单 {}（{}）",
                component_zh(d.component),
                yuan(d.expected),
                yuan(d.statement),
                signed(d.difference)
            )
        })
        .collect::<Vec<_>>()
        .join("；")
}

fn components_en(diffs: &[ComponentDiff]) -> String {
    diffs
        .iter()
        .map(|d| {
            format!(
                "{}: expected {}, on the statement {} ({})",
                component_en(d.component),
                yuan(d.expected),
                yuan(d.statement),
                signed(d.difference)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The named figures of a discrepancy, formatted for a message template.
pub(super) fn params(discrepancy: &Discrepancy<'_>) -> Vec<(&'static str, String)> {
    let amount = |v: Decimal| format_yuan(v);
    match discrepancy {
        Discrepancy::AmountMismatch(d) => {
            let mut p = vec![
                ("task_id", d.task_id.to_owned()),
                ("statement_id", d.statement_id.to_owned()),
                ("expected", amount(d.expected_amount)),
                ("statement", amount(d.statement_amount)),
                ("difference", amount(d.difference)),
                ("unexplained", amount(d.unexplained)),
                ("date", day(d.date)),
            ];
            for c in &d.components {
                let key = component_key(c.component);
                let names: [&'static str; 3] = match key {
                    "gross" => ["gross_expected", "gross_statement", "gross_difference"],
                    "fee" => ["fee_expected", "fee_statement", "fee_difference"],
                    _ => ["tax_expected", "tax_statement", "tax_difference"],
                };
                p.push((names[0], amount(c.expected)));
                p.push((names[1], amount(c.statement)));
                p.push((names[2], amount(c.difference)));
            }
            p
        }
        Discrepancy::MissingPayout(d) => {
            let mut p = vec![
                ("task_id", d.task_id.to_owned()),
                ("amount", amount(d.amount)),
            ];
            if let Some(due) = d.due_date {
                p.push(("due_date", day(due)));
            }
            p
        }
        Discrepancy::DuplicatePayout(d) => vec![
            ("task_id", d.task_id.to_owned()),
            ("statement_id", d.statement_id.to_owned()),
            ("amount", amount(d.amount)),
            ("date", day(d.date)),
        ],
        Discrepancy::PayoutFailed(d) => vec![
            ("task_id", d.task_id.to_owned()),
            ("statement_id", d.statement_id.to_owned()),
            ("amount", amount(d.amount)),
            ("date", day(d.date)),
        ],
        Discrepancy::UnexpectedPayout(d) => vec![
            ("task_id", d.task_id.to_owned()),
            ("statement_id", d.statement_id.to_owned()),
            ("amount", amount(d.amount)),
            ("date", day(d.date)),
        ],
        Discrepancy::PayoutOverdue(d) => {
            let mut p = vec![
                ("statement_id", d.statement_id.to_owned()),
                ("sent_date", day(d.sent_date)),
                ("deadline", day(d.deadline)),
                ("working_days", d.working_days.to_string()),
                ("amount", amount(d.amount)),
                ("tracking_numbers", d.tracking_numbers.join(", ")),
            ];
            if let Some(w) = d.calendar_warning {
                p.push(("uncovered_year", w.year.to_string()));
            }
            p
        }
        Discrepancy::UnexpectedCredit(d) => vec![
            ("txn_id", d.txn_id.to_owned()),
            ("date", day(d.date)),
            ("amount", amount(d.amount)),
            ("counterparty", d.counterparty.to_owned()),
        ],
    }
}

/// The discrepancy in plain Chinese, with its key figures.
pub fn reason_zh(discrepancy: &Discrepancy<'_>) -> String {
    match discrepancy {
        Discrepancy::AmountMismatch(d) => {
            let mut text = format!(
                "任务 {}（结算单 {}）：实付 {}，预期 {}，差额 {}。",
                d.task_id,
                d.statement_id,
                yuan(d.statement_amount),
                yuan(d.expected_amount),
                signed(d.difference)
            );
            if d.components.is_empty() {
                text.push_str("总额、服务费、个税无法解释该差额（未在两边都列明，或两边一致）。");
            } else {
                text.push_str(&format!("差异来自{}。", components_zh(&d.components)));
                if !d.unexplained.is_zero() {
                    text.push_str(&format!(
                        "其中 {} 无法由总额、服务费、个税解释。",
                        signed(d.unexplained)
                    ));
                }
            }
            text
        }
        Discrepancy::MissingPayout(d) => match d.due_date {
            Some(due) => format!(
                "任务 {}：预期收入 {}（应付日 {}），结算单中没有对应的打款。",
                d.task_id,
                yuan(d.amount),
                day(due)
            ),
            None => format!(
                "任务 {}：预期收入 {}，结算单中没有对应的打款。",
                d.task_id,
                yuan(d.amount)
            ),
        },
        Discrepancy::DuplicatePayout(d) => format!(
            "任务 {}：结算单 {} 中重复打款，多出一行 {}（{}），该任务已由另一行支付。",
            d.task_id,
            d.statement_id,
            yuan(d.amount),
            day(d.date)
        ),
        Discrepancy::PayoutFailed(d) => format!(
            "任务 {}：结算单 {} 中 {} 的打款提现失败，请核对结算单最后一页的收款账户（R-SETTLE-2）。",
            d.task_id,
            d.statement_id,
            yuan(d.amount)
        ),
        Discrepancy::UnexpectedPayout(d) => format!(
            "任务 {}：结算单 {} 于 {} 支付 {}，但没有该任务的预期收入。",
            d.task_id,
            d.statement_id,
            day(d.date),
            yuan(d.amount)
        ),
        Discrepancy::PayoutOverdue(d) => {
            let tracking = if d.tracking_numbers.is_empty() {
                String::new()
            } else {
                format!("（快递单号 {}）", d.tracking_numbers.join("、"))
            };
            let mut text = format!(
                "结算单 {}：发票已于 {} 寄出{}，截至其后第 {} 个工作日（{}）仍未收到打款，未付 {}。很可能是收款账户有误（{}）。",
                d.statement_id,
                day(d.sent_date),
                tracking,
                d.working_days,
                day(d.deadline),
                yuan(d.amount),
                PAYOUT_RULE
            );
            if let Some(w) = d.calendar_warning {
                text.push_str(&format!(
                    "注意：缺少 {} 年的节假日安排，已按周一至周五为工作日计算。",
                    w.year
                ));
            }
            text
        }
        Discrepancy::UnexpectedCredit(d) => format!(
            "银行入账 {}（{}，付款方 {}）{} 未对应任何结算单行。",
            d.txn_id,
            day(d.date),
            d.counterparty,
            yuan(d.amount)
        ),
    }
}

/// The discrepancy in plain English, with its key figures.
pub fn reason_en(discrepancy: &Discrepancy<'_>) -> String {
    match discrepancy {
        Discrepancy::AmountMismatch(d) => {
            let mut text = format!(
                "Task {} (statement {}): paid {}, expected {}, difference {}.",
                d.task_id,
                d.statement_id,
                yuan(d.statement_amount),
                yuan(d.expected_amount),
                signed(d.difference)
            );
            if d.components.is_empty() {
                text.push_str(
                    " The gross, fees and tax do not explain it (not stated on both sides, \
                     or equal).",
                );
            } else {
                text.push_str(&format!(" Explained by {}.", components_en(&d.components)));
                if !d.unexplained.is_zero() {
                    text.push_str(&format!(
                        " {} of it is not explained by the gross, fees and tax.",
                        signed(d.unexplained)
                    ));
                }
            }
            text
        }
        Discrepancy::MissingPayout(d) => match d.due_date {
            Some(due) => format!(
                "Task {}: {} expected (due {}), but no statement line pays it.",
                d.task_id,
                yuan(d.amount),
                day(due)
            ),
            None => format!(
                "Task {}: {} expected, but no statement line pays it.",
                d.task_id,
                yuan(d.amount)
            ),
        },
        Discrepancy::DuplicatePayout(d) => format!(
            "Task {}: statement {} pays it twice: an extra line of {} on {} (another line \
             already pays the task).",
            d.task_id,
            d.statement_id,
            yuan(d.amount),
            day(d.date)
        ),
        Discrepancy::PayoutFailed(d) => format!(
            "Task {}: the payout of {} in statement {} failed (提现失败). Check the receiving \
             account on the statement's last page (R-SETTLE-2).",
            d.task_id,
            yuan(d.amount),
            d.statement_id
        ),
        Discrepancy::UnexpectedPayout(d) => format!(
            "Task {}: statement {} pays {} on {} for a task with no expected earning.",
            d.task_id,
            d.statement_id,
            yuan(d.amount),
            day(d.date)
        ),
        Discrepancy::PayoutOverdue(d) => {
            let tracking = if d.tracking_numbers.is_empty() {
                String::new()
            } else {
                format!(" (tracking {})", d.tracking_numbers.join(", "))
            };
            let mut text = format!(
                "Statement {}: invoice sent on {}{}, and no bank credit by {}, the {}th working \
                 day after; {} unpaid. Most likely the receiving account is wrong ({}).",
                d.statement_id,
                day(d.sent_date),
                tracking,
                day(d.deadline),
                d.working_days,
                yuan(d.amount),
                PAYOUT_RULE
            );
            if let Some(w) = d.calendar_warning {
                text.push_str(&format!(
                    " The holidays of {} are not known: Monday to Friday were counted as \
                     working days.",
                    w.year
                ));
            }
            text
        }
        Discrepancy::UnexpectedCredit(d) => format!(
            "Bank credit {} of {} on {} from {} pays no statement line.",
            d.txn_id,
            yuan(d.amount),
            day(d.date),
            d.counterparty
        ),
    }
}

/// One R-SETTLE-2 check in Chinese; card numbers appear masked.
pub fn account_check_zh(check: &AccountCheck) -> String {
    let field = match check.field {
        AccountField::AccountName => "账户名称（应为签约公司）",
        AccountField::CardNumber => "银行卡号",
        AccountField::BankBranch => "开户支行",
    };
    let verdict = if check.passed { "一致" } else { "不一致" };
    let mut text = format!(
        "{field}：结算单为「{}」，签约信息为「{}」，{verdict}。",
        check.on_statement, check.contracted
    );
    if check.hidden_difference() {
        text.push_str("两者在末四位之前的数字不同。");
    }
    text
}

/// One R-SETTLE-2 check in English; card numbers appear masked.
pub fn account_check_en(check: &AccountCheck) -> String {
    let field = match check.field {
        AccountField::AccountName => "Account name (must be the contracted company)",
        AccountField::CardNumber => "Card number",
        AccountField::BankBranch => "Bank branch",
    };
    let verdict = if check.passed { "matches" } else { "differs" };
    let mut text = format!(
        "{field}: statement \"{}\", contract \"{}\": {verdict}.",
        check.on_statement, check.contracted
    );
    if check.hidden_difference() {
        text.push_str(" They differ before the last 4 digits.");
    }
    text
}
