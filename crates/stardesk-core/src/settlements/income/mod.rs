//! Income per month of the statement date, from the imported statement lines.

pub mod ipc;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::PayoutStatus;

use super::to_u32;
use crate::context::{with_store, Context};
use crate::error::AppError;
use ipc::*;

impl Context {
    /// Income per month of the statement date, oldest first (see [`MonthIncome`]: failed
    /// payouts are left out; a component sums only the lines that state it).
    pub async fn monthly_income(&self) -> Result<Vec<MonthIncome>, AppError> {
        let lines = with_store(&self.reader, |s| s.statement_lines()).await?;
        #[derive(Default)]
        struct Sum {
            lines: usize,
            gross: (Decimal, usize),
            fee: (Decimal, usize),
            tax: (Decimal, usize),
            net: Decimal,
        }
        let mut months: BTreeMap<String, Sum> = BTreeMap::new();
        for l in lines.iter().filter(|l| l.status != PayoutStatus::Failed) {
            let sum = months
                .entry(l.date.format("%Y-%m").to_string())
                .or_default();
            sum.lines += 1;
            sum.net += l.amount;
            for (part, value) in [
                (&mut sum.gross, l.gross),
                (&mut sum.fee, l.fee),
                (&mut sum.tax, l.tax),
            ] {
                if let Some(v) = value {
                    part.0 += v;
                    part.1 += 1;
                }
            }
        }
        Ok(months
            .into_iter()
            .map(|(month, s)| MonthIncome {
                month,
                lines: to_u32(s.lines),
                gross: format_yuan(s.gross.0),
                gross_lines: to_u32(s.gross.1),
                fees: format_yuan(s.fee.0),
                fee_lines: to_u32(s.fee.1),
                tax: format_yuan(s.tax.0),
                tax_lines: to_u32(s.tax.1),
                net: format_yuan(s.net),
            })
            .collect())
    }
}
