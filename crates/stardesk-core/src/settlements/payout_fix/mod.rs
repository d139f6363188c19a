//! The failed-payout fix (R-SETTLE-2..4) as the GUI walks the creator through it: the
//! contract's receiving account kept once, the statement's account checked against it,
//! the steps of whichever path applies and the e-mail, ready to copy.
//!
//! The card number is personal data: it is kept in the encrypted database and leaves the
//! core only masked (`****1234`).

pub mod ipc;

use rust_decimal::Decimal;
use stardesk_domain::money::{format_yuan, parse_yuan};
use stardesk_domain::reconcile::{
    self as domain, check_receiving_account, draft_email, mask_card_number, plan_fix,
    AccountOnStatement, ContractAccount, FixStep,
};

use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use ipc::*;

fn view(account: &ContractAccount) -> ContractAccountView {
    ContractAccountView {
        company_name: account.company_name.clone(),
        card_number_masked: mask_card_number(&account.card_number),
        bank_branch: account.bank_branch.clone(),
    }
}

fn field_code(field: domain::AccountField) -> AccountField {
    match field {
        domain::AccountField::AccountName => AccountField::AccountName,
        domain::AccountField::CardNumber => AccountField::CardNumber,
        domain::AccountField::BankBranch => AccountField::BankBranch,
    }
}

/// The step's code; the domain names its steps by the same wire names.
fn step_code(step: &FixStep) -> FixStepCode {
    match step {
        FixStep::CancelStatement => FixStepCode::CancelStatement,
        FixStep::CorrectBankAccount => FixStepCode::CorrectBankAccount,
        FixStep::RegenerateNextMonth => FixStepCode::RegenerateNextMonth,
        FixStep::CompareRegeneratedAmount => FixStepCode::CompareRegeneratedAmount,
        FixStep::IssueSupplementaryInvoice { .. } => FixStepCode::IssueSupplementaryInvoice,
        FixStep::MailSupplementaryInvoice => FixStepCode::MailSupplementaryInvoice,
        FixStep::ResolveExcessInvoice { .. } => FixStepCode::ResolveExcessInvoice,
        FixStep::SendEmail => FixStepCode::SendEmail,
        FixStep::PrintStatement => FixStepCode::PrintStatement,
        FixStep::CorrectAccountOnLastPage => FixStepCode::CorrectAccountOnLastPage,
        FixStep::StampCorrection => FixStepCode::StampCorrection,
        FixStep::ScanToOnePdf => FixStepCode::ScanToOnePdf,
        FixStep::ChangeAccountOnPlatform => FixStepCode::ChangeAccountOnPlatform,
    }
}

fn step_view(step: &FixStep) -> FixStepView {
    let amount = match step {
        FixStep::IssueSupplementaryInvoice { amount } => Some(format_yuan(*amount)),
        FixStep::ResolveExcessInvoice { excess } => Some(format_yuan(*excess)),
        _ => None,
    };
    FixStepView {
        code: step_code(step),
        amount,
    }
}

impl Context {
    /// The contract's receiving account, card number masked; `None` until saved.
    pub async fn contract_account(&self) -> Result<Option<ContractAccountView>, AppError> {
        let account = with_store(&self.reader, |s| s.contract_account()).await?;
        Ok(account.as_ref().map(view))
    }

    /// Saves the contract's receiving account (all three fields required; spaces in the
    /// card number are dropped).
    pub async fn set_contract_account(
        &self,
        input: ContractAccountInput,
    ) -> Result<ContractAccountView, AppError> {
        let card_number: String = input
            .card_number
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let account = ContractAccount {
            company_name: input.company_name.trim().to_string(),
            card_number,
            bank_branch: input.bank_branch.trim().to_string(),
        };
        for (name, value) in [
            ("company_name", &account.company_name),
            ("card_number", &account.card_number),
            ("bank_branch", &account.bank_branch),
        ] {
            if value.is_empty() {
                return Err(AppError::invalid_input(format!(
                    "contract account: {name} is empty"
                )));
            }
        }
        if !account.card_number.chars().all(|c| c.is_ascii_digit()) {
            return Err(AppError::invalid_input(
                "contract account: card_number must be digits only",
            ));
        }
        let shown = view(&account);
        with_store(&self.writer, move |s| {
            s.set_contract_account(Some(&account))
        })
        .await?;
        self.settlements_changed();
        Ok(shown)
    }

    /// Forgets the contract's receiving account.
    pub async fn delete_contract_account(&self) -> Result<(), AppError> {
        with_store(&self.writer, |s| s.set_contract_account(None)).await?;
        self.settlements_changed();
        Ok(())
    }

    /// The guide to fix the failed statement `input.statement_id`: R-SETTLE-2's account
    /// check (when the contract account is saved), R-SETTLE-3's or R-SETTLE-4's steps, the
    /// supplementary-invoice amount, and the e-mail with the tracking numbers of the
    /// invoices imported for that statement.
    ///
    /// The invoiced amount is the statement's total over its imported lines; a statement
    /// with no imported line is `not_found`.
    pub async fn payout_fix(&self, input: PayoutFixInput) -> Result<PayoutFixGuide, AppError> {
        let regenerated = match input.regenerated_amount.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(parse_yuan(text).map_err(|e| {
                AppError::invalid_input(format!(
                    "regenerated_amount {text:?} is not an amount in yuan: {e}"
                ))
            })?),
        };
        let statement_id = input.statement_id.trim().to_string();
        let id = statement_id.clone();
        let source = self.source_key().await?;
        let (invoiced, tracking_numbers, contract, creator) = with_store(&self.reader, move |s| {
            Ok((
                s.statement_total(&id)?,
                s.tracking_numbers(&id)?,
                s.contract_account()?,
                s.creator(&source)?,
            ))
        })
        .await?;
        let invoiced: Decimal = invoiced.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("no imported statement line has the statement id {statement_id:?}"),
            )
        })?;
        let on_statement = AccountOnStatement {
            account_name: input.account_name.clone(),
            card_number: input.card_number.clone(),
            bank_branch: input.bank_branch.clone(),
        };
        let checks = contract.as_ref().map(|c| {
            check_receiving_account(&on_statement, c)
                .iter()
                .map(|check| AccountCheckView {
                    field: field_code(check.field),
                    passed: check.passed,
                    on_statement: check.on_statement.clone(),
                    contracted: check.contracted.clone(),
                    hidden_difference: check.hidden_difference(),
                })
                .collect()
        });
        let plan = plan_fix(input.cancellable, invoiced, regenerated);
        let nickname = input
            .nickname
            .filter(|n| !n.trim().is_empty())
            .or_else(|| creator.map(|c| c.nickname))
            .unwrap_or_default();
        // The company is the contract's; before it is saved, the name the creator read
        // off the statement stands in.
        let company = contract
            .as_ref()
            .map(|c| c.company_name.clone())
            .unwrap_or_else(|| input.account_name.clone());
        let email = draft_email(plan.path, &nickname, &company, &tracking_numbers);
        Ok(PayoutFixGuide {
            statement_id,
            invoiced_amount: format_yuan(invoiced),
            checks,
            rule: plan.path.rule().to_string(),
            steps: plan.steps.iter().map(step_view).collect(),
            supplementary_invoice: plan.supplementary_invoice.map(format_yuan),
            excess_invoiced: plan.excess_invoiced.map(format_yuan),
            tracking_numbers,
            email_subject: email.subject,
            email_body: email.body,
        })
    }
}
