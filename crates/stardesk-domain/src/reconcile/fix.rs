//! Fixing a failed payout (提现失败), R-SETTLE-2..4: check the receiving account, plan the
//! fix by whether the statement can still be cancelled, and draft the e-mail.

use std::fmt;

use rust_decimal::Decimal;

use crate::money::round_fen;

/// The receiving account printed on the statement's last page.
#[derive(Clone, PartialEq, Eq)]
pub struct AccountOnStatement {
    pub account_name: String,
    pub card_number: String,
    pub bank_branch: String,
}

/// The account in the creator's contract with the platform.
#[derive(Clone, PartialEq, Eq)]
pub struct ContractAccount {
    pub company_name: String,
    pub card_number: String,
    pub bank_branch: String,
}

// Card numbers never leave through Debug, which ends up in logs and panics.
impl fmt::Debug for AccountOnStatement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountOnStatement")
            .field("account_name", &self.account_name)
            .field("card_number", &mask_card_number(&self.card_number))
            .field("bank_branch", &self.bank_branch)
            .finish()
    }
}

impl fmt::Debug for ContractAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContractAccount")
            .field("company_name", &self.company_name)
            .field("card_number", &mask_card_number(&self.card_number))
            .field("bank_branch", &self.bank_branch)
            .finish()
    }
}

/// Which item of R-SETTLE-2's check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountField {
    /// Account name = the contracted company.
    AccountName,
    /// Card number, exact.
    CardNumber,
    /// Bank branch, exact.
    BankBranch,
}

/// One item of R-SETTLE-2's check, with both sides as they may be shown: for the card
/// number, both are already masked to the last 4 digits ([`mask_card_number`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountCheck {
    pub field: AccountField,
    pub passed: bool,
    pub on_statement: String,
    pub contracted: String,
}

impl AccountCheck {
    /// A failed card check whose masked values look the same: the numbers differ before
    /// the last 4 digits, which the window must say in words.
    pub fn hidden_difference(&self) -> bool {
        self.field == AccountField::CardNumber
            && !self.passed
            && self.on_statement == self.contracted
    }
}

/// `****1234`: only the last 4 characters of the number (spaces ignored) are shown, and
/// never how long it is.
pub fn mask_card_number(card_number: &str) -> String {
    let digits: Vec<char> = card_number.chars().filter(|c| !c.is_whitespace()).collect();
    let shown: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("****{shown}")
}

/// Full-width ASCII forms (`（`, `Ａ`, `１`, the ideographic space) become their ASCII
/// forms, then all whitespace goes: 公司名 typed on a Chinese keyboard and on a statement
/// printout then compare equal when they are the same name.
fn normalize_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// R-SETTLE-2: the statement's last page against the contract: the account name equals
/// the contracted company (whitespace and full-width vs half-width forms such as `（）` vs
/// `()` ignored), the card number is exactly the same (spaces ignored), and the bank
/// branch is exactly the same (surrounding whitespace ignored). In that order.
pub fn check_receiving_account(
    statement_account: &AccountOnStatement,
    contract: &ContractAccount,
) -> Vec<AccountCheck> {
    vec![
        AccountCheck {
            field: AccountField::AccountName,
            passed: normalize_name(&statement_account.account_name)
                == normalize_name(&contract.company_name),
            on_statement: statement_account.account_name.clone(),
            contracted: contract.company_name.clone(),
        },
        AccountCheck {
            field: AccountField::CardNumber,
            passed: without_spaces(&statement_account.card_number)
                == without_spaces(&contract.card_number),
            on_statement: mask_card_number(&statement_account.card_number),
            contracted: mask_card_number(&contract.card_number),
        },
        AccountCheck {
            field: AccountField::BankBranch,
            passed: statement_account.bank_branch.trim() == contract.bank_branch.trim(),
            on_statement: statement_account.bank_branch.clone(),
            contracted: contract.bank_branch.clone(),
        },
    ]
}

/// Which fix applies to a failed payout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FixPath {
    /// R-SETTLE-3: the statement can still be cancelled.
    Cancellable,
    /// R-SETTLE-4: it can no longer be (in approval, withdrawn).
    NotCancellable,
}

impl FixPath {
    pub const fn rule(self) -> &'static str {
        match self {
            Self::Cancellable => "R-SETTLE-3",
            Self::NotCancellable => "R-SETTLE-4",
        }
    }
}

/// One step of a fix, in the order to do them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixStep {
    /// R-SETTLE-3: cancel the statement.
    CancelStatement,
    /// R-SETTLE-3: correct the bank account on the platform.
    CorrectBankAccount,
    /// R-SETTLE-3: the statement is regenerated next month.
    RegenerateNextMonth,
    /// R-SETTLE-3: once regenerated, compare its amount with the invoiced amount (the plan
    /// was made before the new amount was known).
    CompareRegeneratedAmount,
    /// R-SETTLE-3: the new amount is higher: invoice the difference.
    IssueSupplementaryInvoice { amount: Decimal },
    /// R-SETTLE-3: mail the supplementary invoice (its tracking number goes in the
    /// e-mail).
    MailSupplementaryInvoice,
    /// Not covered by R-SETTLE-3: the new amount is lower than what was invoiced, so the
    /// invoice already mailed is too large by `excess`. Mail nothing more; ask the
    /// platform's settlement contact in the e-mail whether to issue a red-letter invoice
    /// (红字发票) for the excess or to void the invoice and issue one for the new amount,
    /// and follow its answer.
    ResolveExcessInvoice { excess: Decimal },
    /// Send the e-mail ([`draft_email`]).
    SendEmail,
    /// R-SETTLE-4: print the statement.
    PrintStatement,
    /// R-SETTLE-4: correct the account on its last page.
    CorrectAccountOnLastPage,
    /// R-SETTLE-4: stamp the correction with the company seal.
    StampCorrection,
    /// R-SETTLE-4: scan all pages into one PDF.
    ScanToOnePdf,
    /// R-SETTLE-4: after the e-mail, change the account on the platform.
    ChangeAccountOnPlatform,
}

impl FixStep {
    /// A stable code for the UI to translate.
    pub const fn code(&self) -> &'static str {
        match self {
            Self::CancelStatement => "cancel_statement",
            Self::CorrectBankAccount => "correct_bank_account",
            Self::RegenerateNextMonth => "regenerate_next_month",
            Self::CompareRegeneratedAmount => "compare_regenerated_amount",
            Self::IssueSupplementaryInvoice { .. } => "issue_supplementary_invoice",
            Self::MailSupplementaryInvoice => "mail_supplementary_invoice",
            Self::ResolveExcessInvoice { .. } => "resolve_excess_invoice",
            Self::SendEmail => "send_email",
            Self::PrintStatement => "print_statement",
            Self::CorrectAccountOnLastPage => "correct_account_on_last_page",
            Self::StampCorrection => "stamp_correction",
            Self::ScanToOnePdf => "scan_to_one_pdf",
            Self::ChangeAccountOnPlatform => "change_account_on_platform",
        }
    }
}

/// The ordered steps of a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixPlan {
    pub path: FixPath,
    pub steps: Vec<FixStep>,
    /// R-SETTLE-3: the supplementary invoice to issue, when the regenerated statement
    /// is higher than the invoiced amount.
    pub supplementary_invoice: Option<Decimal>,
    /// The regenerated statement is lower than the invoiced amount by this much (see
    /// [`FixStep::ResolveExcessInvoice`]).
    pub excess_invoiced: Option<Decimal>,
}

/// R-SETTLE-3 / R-SETTLE-4: the steps to fix a failed payout.
///
/// Cancellable (R-SETTLE-3): cancel, correct the account, regenerate next month, then by
/// the regenerated amount: equal → straight to the e-mail; higher → a supplementary
/// invoice for the difference, mailed, then the e-mail; lower → resolve the excess with
/// the platform (see [`FixStep::ResolveExcessInvoice`]), then the e-mail; not known yet
/// (`regenerated` is `None`) → compare once it is, then the e-mail.
///
/// Not cancellable (R-SETTLE-4): print, correct the last page, stamp, scan to one PDF,
/// e-mail, then change the account on the platform. The amounts play no part.
pub fn plan_fix(cancellable: bool, invoiced: Decimal, regenerated: Option<Decimal>) -> FixPlan {
    if !cancellable {
        return FixPlan {
            path: FixPath::NotCancellable,
            steps: vec![
                FixStep::PrintStatement,
                FixStep::CorrectAccountOnLastPage,
                FixStep::StampCorrection,
                FixStep::ScanToOnePdf,
                FixStep::SendEmail,
                FixStep::ChangeAccountOnPlatform,
            ],
            supplementary_invoice: None,
            excess_invoiced: None,
        };
    }
    let mut steps = vec![
        FixStep::CancelStatement,
        FixStep::CorrectBankAccount,
        FixStep::RegenerateNextMonth,
    ];
    let mut supplementary_invoice = None;
    let mut excess_invoiced = None;
    match regenerated.map(|new| round_fen(new - invoiced)) {
        None => steps.push(FixStep::CompareRegeneratedAmount),
        Some(difference) if difference > Decimal::ZERO => {
            supplementary_invoice = Some(difference);
            steps.push(FixStep::IssueSupplementaryInvoice { amount: difference });
            steps.push(FixStep::MailSupplementaryInvoice);
        }
        Some(difference) if difference < Decimal::ZERO => {
            excess_invoiced = Some(-difference);
            steps.push(FixStep::ResolveExcessInvoice {
                excess: -difference,
            });
        }
        Some(_) => {}
    }
    steps.push(FixStep::SendEmail);
    FixPlan {
        path: FixPath::Cancellable,
        steps,
        supplementary_invoice,
        excess_invoiced,
    }
}

/// An e-mail to the platform, ready to paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailDraft {
    pub subject: String,
    pub body: String,
}

/// The e-mail of the fix, addressed to the platform's settlement team, in Chinese as the
/// platform expects.
///
/// - R-SETTLE-3: subject `【即合打款失败】{nickname}-{company}`; the body lists every
///   tracking number of the invoices mailed (the original and any supplementary one) and
///   says the delivery screenshot is attached.
/// - R-SETTLE-4: subject `【即合打款失败】{nickname}--正确结算单扫描件`; the body gives the
///   company and the nickname and says the scan is attached. Tracking numbers play no
///   part.
///
/// Nickname and company are trimmed; nothing else is changed, since the platform files
/// the mail by its subject.
pub fn draft_email(
    path: FixPath,
    nickname: &str,
    company: &str,
    tracking_numbers: &[String],
) -> EmailDraft {
    let (nickname, company) = (nickname.trim(), company.trim());
    match path {
        FixPath::Cancellable => {
            let mut body = String::from("您好：\n\n");
            body.push_str(
                "结算单因收款账户有误打款失败，现已撤销原结算单、更正收款账户，\
                 结算单将于次月重新生成。\n\n",
            );
            body.push_str(&format!("达人昵称：{nickname}\n公司名称：{company}\n\n"));
            body.push_str("已寄出发票的快递单号：\n");
            if tracking_numbers.is_empty() {
                body.push_str("（暂无）\n");
            }
            for (index, number) in tracking_numbers.iter().enumerate() {
                body.push_str(&format!("{}. {}\n", index + 1, number.trim()));
            }
            body.push_str("\n快递签收截图见附件。\n\n谢谢！\n");
            EmailDraft {
                subject: format!("【即合打款失败】{nickname}-{company}"),
                body,
            }
        }
        FixPath::NotCancellable => {
            let mut body = String::from("您好：\n\n");
            body.push_str(
                "结算单因收款账户有误打款失败，且已无法撤销。已打印结算单，\
                 在最后一页更正收款账户并加盖公章，全部页面已扫描为一个 PDF。\n\n",
            );
            body.push_str(&format!("公司名称：{company}\n达人昵称：{nickname}\n\n"));
            body.push_str(
                "正确结算单扫描件见附件。发出本邮件后，我们将在平台上修改收款账户。\n\n谢谢！\n",
            );
            EmailDraft {
                subject: format!("【即合打款失败】{nickname}--正确结算单扫描件"),
                body,
            }
        }
    }
}
