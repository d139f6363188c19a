//! The failed-payout fix's IPC types (R-SETTLE-2..4). Card numbers cross only masked,
//! except in the inputs the creator types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};

/// The receiving account in the creator's contract (R-SETTLE-2), as typed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContractAccountInput {
    pub company_name: String,
    pub card_number: String,
    pub bank_branch: String,
}

impl std::fmt::Debug for ContractAccountInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContractAccountInput")
            .field("company_name", &self.company_name)
            .field(
                "card_number",
                &stardesk_domain::reconcile::mask_card_number(&self.card_number),
            )
            .field("bank_branch", &self.bank_branch)
            .finish()
    }
}

/// The saved contract account; the card number never leaves the core unmasked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContractAccountView {
    pub company_name: String,
    /// `****1234`.
    pub card_number_masked: String,
    pub bank_branch: String,
}

/// What the creator reads off a failed statement and decides, for the fix guide.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PayoutFixInput {
    pub statement_id: String,
    /// The receiving account printed on the statement's last page.
    pub account_name: String,
    pub card_number: String,
    pub bank_branch: String,
    /// Whether the platform still offers to cancel the statement.
    pub cancellable: bool,
    /// The regenerated statement's amount, once known (R-SETTLE-3).
    pub regenerated_amount: Option<String>,
    /// For the e-mail; `None` takes the synced creator's nickname.
    pub nickname: Option<String>,
}

impl std::fmt::Debug for PayoutFixInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PayoutFixInput")
            .field("statement_id", &self.statement_id)
            .field("account_name", &self.account_name)
            .field(
                "card_number",
                &stardesk_domain::reconcile::mask_card_number(&self.card_number),
            )
            .field("bank_branch", &self.bank_branch)
            .field("cancellable", &self.cancellable)
            .field("regenerated_amount", &self.regenerated_amount)
            .finish()
    }
}

crate::code_enum! {
    /// A field of the receiving account R-SETTLE-2 checks.
    pub enum AccountField {
        /// Must be the contracted company.
        AccountName = "account_name",
        CardNumber = "card_number",
        BankBranch = "bank_branch",
    }
}

/// One item of R-SETTLE-2's account check; card numbers are masked on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountCheckView {
    pub field: AccountField,
    pub passed: bool,
    pub on_statement: String,
    pub contracted: String,
    /// A card number that differs only before its last 4 digits: the masked values look
    /// the same, and the window says so.
    pub hidden_difference: bool,
}

crate::code_enum! {
    /// A step of the failed-payout fix (R-SETTLE-3 or R-SETTLE-4).
    pub enum FixStepCode {
        CancelStatement = "cancel_statement",
        CorrectBankAccount = "correct_bank_account",
        RegenerateNextMonth = "regenerate_next_month",
        CompareRegeneratedAmount = "compare_regenerated_amount",
        IssueSupplementaryInvoice = "issue_supplementary_invoice",
        MailSupplementaryInvoice = "mail_supplementary_invoice",
        ResolveExcessInvoice = "resolve_excess_invoice",
        SendEmail = "send_email",
        PrintStatement = "print_statement",
        CorrectAccountOnLastPage = "correct_account_on_last_page",
        StampCorrection = "stamp_correction",
        ScanToOnePdf = "scan_to_one_pdf",
        ChangeAccountOnPlatform = "change_account_on_platform",
    }
}

/// One step of the fix, by code (the UI words it); `amount` for the invoice steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FixStepView {
    pub code: FixStepCode,
    pub amount: Option<String>,
}

/// The guided fix of a failed payout (R-SETTLE-2..4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PayoutFixGuide {
    pub statement_id: String,
    /// The failed statement's amount: what was invoiced.
    pub invoiced_amount: String,
    /// `None` until the contract account is saved.
    pub checks: Option<Vec<AccountCheckView>>,
    /// R-SETTLE-3 (cancellable) or R-SETTLE-4.
    pub rule: String,
    pub steps: Vec<FixStepView>,
    pub supplementary_invoice: Option<String>,
    pub excess_invoiced: Option<String>,
    /// From the imported invoice records for this statement.
    pub tracking_numbers: Vec<String>,
    pub email_subject: String,
    pub email_body: String,
}

/// This module as TypeScript: `ui/src/bindings/settlementPayoutFix.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "settlementPayoutFix",
        types: vec![
            TsType::of::<ContractAccountInput>(),
            TsType::of::<ContractAccountView>(),
            TsType::of::<PayoutFixInput>(),
            TsType::listed::<AccountField>("ACCOUNT_FIELDS"),
            TsType::of::<AccountCheckView>(),
            TsType::listed::<FixStepCode>("FIX_STEP_CODES"),
            TsType::of::<FixStepView>(),
            TsType::of::<PayoutFixGuide>(),
        ],
        consts: vec![],
    }
}
