//! The types that cross IPC to the UI (and the CLI's `--json`).
//!
//! **Architecture invariant:** these are the only `Serialize` types the shell sees. They
//! are generated into `ui/src/bindings.ts` by `cargo test -p stardesk-core bindings`, and
//! the same test fails when the committed file drifts from them. Amounts are decimal
//! strings in yuan, ids are strings, dates `YYYY-MM-DD`, instants RFC 3339.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The snake_case name a unit variant has on the wire (`"product_review"`), or `None`
/// for a value that does not serialize to a plain string.
pub(crate) fn wire_name<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The unit variant named `name` on the wire, if there is one.
pub(crate) fn from_wire_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Submission,
    Recruitment,
    Assigned,
    Preferred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SettlementMode {
    ProductReview,
    Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContentForm {
    Video,
    Live,
    Picture,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RewardKind {
    Fixed,
    PlayTiers,
    Rank,
    SampleOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskSort {
    /// Most recently updated first.
    #[default]
    Newest,
    /// Nearest upload deadline first.
    Deadline,
    /// Highest possible reward first.
    Reward,
}

/// A task-hall query: search, filters, sort and the page wanted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskQuery {
    /// Substring search over title, brand, industry and requirements (Chinese works).
    pub search: Option<String>,
    pub categories: Vec<Category>,
    pub industries: Vec<String>,
    pub content_forms: Vec<ContentForm>,
    /// Inclusive bounds on the highest possible reward, yuan.
    pub reward_min: Option<String>,
    pub reward_max: Option<String>,
    /// Only tasks whose upload deadline is within this many days from today.
    pub deadline_within_days: Option<u32>,
    pub eligible_only: bool,
    pub sort: TaskSort,
    pub offset: u32,
    pub limit: u32,
}

/// One row of the task hall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskRow {
    pub id: String,
    pub title: String,
    pub brand: String,
    pub category: Category,
    pub settlement_mode: Option<SettlementMode>,
    pub industry: String,
    pub content_form: ContentForm,
    pub reward_kind: RewardKind,
    /// Lowest and highest cash reward a creator can get, yuan; `None` for sample-only.
    pub reward_min: Option<String>,
    pub reward_max: Option<String>,
    /// What this creator would net from `reward_max` after fees (R-PREF-3).
    pub net_max: Option<String>,
    pub sample_value: Option<String>,
    pub apply_end: String,
    pub upload_deadline: String,
    pub slots_wanted: u32,
    pub slots_taken: u32,
    pub eligible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskPage {
    /// Rows matching the query, over all pages.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<TaskRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlayTierView {
    pub above: String,
    /// `None` = no upper bound.
    pub up_to: Option<String>,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RankPrizeView {
    pub from: u32,
    pub to: u32,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RewardView {
    Fixed { amount: String },
    PlayTiers { tiers: Vec<PlayTierView> },
    Rank { prizes: Vec<RankPrizeView> },
    SampleOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    Ordinary,
    Preferred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CreatorKind {
    Independent,
    Agency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// 5% platform service fee paid by independent creators.
    PlatformService,
    /// 15% technical service fee on preferred orders.
    PreferredTechnical,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeeLine {
    pub kind: FeeKind,
    /// Percent, e.g. "15".
    pub rate_percent: String,
    pub amount: String,
    /// The DOMAIN.md rule id, e.g. "R-PREF-3".
    pub rule: String,
}

/// Gross → fees → net for one combination of order kind and creator kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NetScenario {
    pub order: OrderKind,
    pub creator: CreatorKind,
    pub gross: String,
    pub fees: Vec<FeeLine>,
    pub net: String,
    /// True for the scenario that applies to this creator and this task.
    pub applies: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckCode {
    /// R-JOIN-1: the creator account needs this many followers.
    AccountFollowers,
    /// R-REVIEW-11: independent creators need followers within a range.
    ReviewFollowerRange,
    /// R-REVIEW-11: the agency must never have had its deposit deducted.
    AgencyDeposit,
    /// The task's own follower requirement.
    TaskFollowers,
    /// The application window is open today.
    ApplicationWindow,
    /// Slots are left.
    SlotsLeft,
}

/// One eligibility check, rendered by the UI from `code` and `params`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EligibilityCheck {
    pub code: CheckCode,
    pub ok: bool,
    /// The DOMAIN.md rule id, when the check encodes one.
    pub rule: Option<String>,
    /// Named values for the message: e.g. `required_min`, `actual`, `date`.
    pub params: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Eligibility {
    pub eligible: bool,
    pub checks: Vec<EligibilityCheck>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskDetail {
    pub row: TaskRow,
    pub description: String,
    pub requirements: Vec<String>,
    pub reward: RewardView,
    pub apply_start: String,
    pub ship_by: Option<String>,
    pub retention_days: u32,
    pub min_followers: String,
    pub max_followers: Option<String>,
    pub updated_at: String,
    /// The four scenarios of R-PREF-3 on the highest reward, the creator's own marked.
    pub net: Vec<NetScenario>,
    pub eligibility: Eligibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Creator {
    pub creator_id: String,
    pub nickname: String,
    pub followers: String,
    pub kind: CreatorKind,
    pub agency_name: Option<String>,
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// The sandbox platform started inside the app.
    Sandbox { url: String },
    /// A configured platform account.
    Platform { url: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppStatus {
    pub source: Source,
    pub creator: Option<Creator>,
    pub last_synced_at: Option<String>,
    pub task_count: u32,
    pub syncing: bool,
    /// The last sync's failure, if the last attempt failed.
    pub last_error: Option<AppError>,
    pub data_dir: String,
    /// Where the database key lives: "keychain" or "key_file" (with a warning in the UI).
    pub key_store: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    Started,
    Page,
    Done,
    Failed,
}

/// Emitted as the `sync://progress` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncProgress {
    pub phase: SyncPhase,
    /// Entries applied so far in this sync.
    pub applied: u32,
    /// Entries the server says are left.
    pub remaining: u32,
    pub error: Option<AppError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncSummary {
    pub upserted: u32,
    pub removed: u32,
    pub pages: u32,
    pub task_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Facets {
    pub industries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlatformAccountInput {
    pub url: String,
    pub token: String,
}

/// Every error code the UI can switch on. The UI never parses `message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The platform could not be reached (network, timeout, 5xx after retries).
    PlatformUnreachable,
    /// The token was refused (401/403): sign in again.
    SignInRequired,
    /// The platform answered something we cannot use.
    PlatformProtocol,
    /// Bad input from the user (a URL, a filter value).
    InvalidInput,
    NotFound,
    /// The keychain or key file could not give the database key.
    KeyUnavailable,
    /// The database is from a newer StarDesk, or could not be opened with this key.
    StoreIncompatible,
    StoreFailed,
    Busy,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

/// Counts per reconciliation class: exactly these keys, also in `stardesk reconcile --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClassCounts {
    #[ts(type = "number")]
    pub matched: u64,
    #[ts(type = "number")]
    pub amount_mismatch: u64,
    #[ts(type = "number")]
    pub missing_payout: u64,
    #[ts(type = "number")]
    pub duplicate_payout: u64,
    #[ts(type = "number")]
    pub payout_failed: u64,
    #[ts(type = "number")]
    pub payout_overdue: u64,
    #[ts(type = "number")]
    pub unexpected_credit: u64,
}

/// Totals per class, decimal strings in yuan: the sum of the differences for
/// mismatches, of the amounts for the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClassTotals {
    pub matched: String,
    pub amount_mismatch: String,
    pub missing_payout: String,
    pub duplicate_payout: String,
    pub payout_failed: String,
    pub payout_overdue: String,
    pub unexpected_credit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReconcileSummary {
    pub counts: ClassCounts,
    pub totals: ClassTotals,
}

/// One line of the reconciliation report (CSV and UI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportRow {
    /// A class code: amount_mismatch, missing_payout, duplicate_payout, payout_failed,
    /// unexpected_payout, payout_overdue, unexpected_credit, matched.
    pub class: String,
    pub task_id: String,
    pub statement_id: String,
    pub txn_id: String,
    pub date: String,
    pub amount: String,
    pub reason_zh: String,
    pub reason_en: String,
}

/// Which list a settlement file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// The platform's settlement statement (结算单明细).
    Statement,
    /// The creator's bank statement (银行流水).
    Bank,
    /// What each task should pay (应收明细).
    Expected,
    /// Invoices mailed for statements (发票寄送记录).
    Invoices,
}

/// What importing one file did. Lines already stored (the same file again, an
/// overlapping period) are `already_present`; `lines = added + already_present`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportResult {
    pub file_name: String,
    pub kind: ImportKind,
    /// "UTF-8", "UTF-8 BOM", "GB18030", "UTF-16LE", "UTF-16BE", "XLSX" or "XLS".
    pub encoding: String,
    pub lines: u32,
    pub added: u32,
    pub already_present: u32,
}

/// Where a mapped field's values are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ColumnRefView {
    /// The column with this header text (compared like the built-in synonyms).
    Header { header: String },
    /// The column at this 0-based position (0 is column A).
    Index { index: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnAssignment {
    /// A field name: "amount", "task_id", "statement_id", ...
    pub field: String,
    pub column: ColumnRefView,
}

/// Which row holds the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HeaderRowView {
    /// Found among the first 20 rows.
    #[default]
    Auto,
    /// This 1-based spreadsheet row.
    Row { row: u32 },
    /// No header: every column is given by index.
    Absent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextEncodingView {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

/// How to read one layout of file (a saved mapping profile). Also the JSON kept in the
/// store's `mapping_profiles.mapping`: this type owns that format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMappingView {
    /// Empty: find every field by its header synonyms.
    pub columns: Vec<ColumnAssignment>,
    pub header_row: HeaderRowView,
    /// Footer rows to drop (a bank's 合计 line).
    pub skip_trailing_rows: u32,
    /// One ASCII character; `None` detects.
    pub delimiter: Option<String>,
    /// `None` detects.
    pub encoding: Option<TextEncodingView>,
    /// A workbook's sheet; `None` reads the first.
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MappingProfile {
    pub name: String,
    pub kind: ImportKind,
    pub mapping: ColumnMappingView,
}

/// What the mapping dialog shows before a file is imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FilePreview {
    pub file_name: String,
    pub kind: ImportKind,
    /// As [`ImportResult::encoding`].
    pub encoding: String,
    /// A workbook's sheet names (empty for CSV).
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    /// 1-based; `None` without a header.
    pub header_row: Option<u32>,
    pub headers: Vec<String>,
    /// The first rows after the header, cells as displayed.
    pub rows: Vec<Vec<String>>,
    /// The columns found, as a starting point for the user's mapping.
    pub guessed_mapping: ColumnMappingView,
    /// Required fields not found; empty when the file imports as it is.
    pub missing_required: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// An expected line and the statement line paying it.
    Task,
    /// Statement lines and the bank credit(s) that paid them.
    Payout,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchOrigin {
    Automatic,
    /// The user accepted the proposal.
    Accepted,
    /// The user matched by hand.
    Manual,
}

/// A clean match. Keys are "fingerprint:occurrence" strings: pass them back in a
/// [`DecisionInput`] to accept or reject the match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatchRow {
    pub kind: MatchKind,
    pub origin: MatchOrigin,
    /// The expected line (task matches).
    pub expected_key: Option<String>,
    pub statement_keys: Vec<String>,
    /// The bank lines (payout matches).
    pub bank_keys: Vec<String>,
    /// The task (task matches).
    pub task_id: Option<String>,
    /// The distinct statements involved.
    pub statement_ids: Vec<String>,
    /// The bank transactions (payout matches).
    pub txn_ids: Vec<String>,
    /// The matched amount: the statement line's for a task match, the bank credits'
    /// total for a payout match.
    pub amount: String,
}

/// The reconciliation of everything imported, with the user's decisions applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReconcileView {
    pub as_of: String,
    pub summary: ReconcileSummary,
    /// One row per discrepancy, with the lines it is about: the first
    /// `VIEW_ROW_LIMIT` of `rows_total`.
    pub rows: Vec<DiscrepancyView>,
    pub rows_total: u32,
    /// The first `VIEW_ROW_LIMIT` of `matches_total`.
    pub matches: Vec<MatchRow>,
    pub matches_total: u32,
    /// Decisions that had no effect (a line they name is no longer imported, or was
    /// already decided).
    pub ignored_decisions: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionAction {
    /// Confirm a proposed match: it stays whatever the automatic rules later propose.
    Accept,
    /// Never propose this pair again.
    Reject,
    /// Pair these lines, as the user says.
    ManualMatch,
}

/// A user's decision. `kind = task`: `expected` and exactly one `statement` key, no
/// `bank`; `kind = payout`: one or more `statement` and `bank` keys, no `expected`.
/// Keys are "fingerprint:occurrence" strings as in [`MatchRow`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionInput {
    pub action: DecisionAction,
    pub kind: MatchKind,
    pub expected: Option<String>,
    pub statement: Vec<String>,
    pub bank: Vec<String>,
}

/// A stored decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionView {
    /// Pass to `delete_decision` to undo it.
    pub id: String,
    pub created_at: String,
    pub decision: DecisionInput,
}

/// Income per calendar month of the statement date, from the imported statement lines
/// (failed payouts excluded). A statement may omit the gross, fee or tax columns: each
/// component sums only the lines that state it (`*_lines` says how many did), so a
/// component is a lower bound unless its count equals `lines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthIncome {
    /// "2026-03".
    pub month: String,
    pub lines: u32,
    pub gross: String,
    pub gross_lines: u32,
    pub fees: String,
    pub fee_lines: u32,
    pub tax: String,
    pub tax_lines: u32,
    /// The net paid: every line states it.
    pub net: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Csv,
    Xlsx,
}

/// The lines a discrepancy is about, as "fingerprint:occurrence" keys: select two
/// discrepancies' lines and pass them in a [`DecisionInput`] to match them by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineRefs {
    pub expected: Option<String>,
    pub statement: Vec<String>,
    pub bank: Vec<String>,
}

/// One discrepancy of the saved reconciliation: its report row and its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiscrepancyView {
    pub row: ReportRow,
    pub refs: LineRefs,
}

/// An imported file, as the file list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportFileView {
    pub id: String,
    pub kind: ImportKind,
    pub file_name: String,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub encoding: String,
    pub lines: u32,
    pub added: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    /// `done`/`total` in bytes.
    Reading,
    /// Checking every row; no count.
    Parsing,
    /// `done`/`total` in lines.
    Storing,
    /// This file is stored.
    Done,
}

/// Progress of [`crate::Context::import_settlement_files`], per file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub file_name: String,
    /// 0-based, of `file_count`.
    pub file_index: u32,
    pub file_count: u32,
    pub phase: ImportPhase,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

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

/// One item of R-SETTLE-2's account check; card numbers are masked on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountCheckView {
    /// account_name, card_number or bank_branch.
    pub field: String,
    pub passed: bool,
    pub on_statement: String,
    pub contracted: String,
    /// The verdict in words (a difference hidden by masking is said).
    pub reason_zh: String,
    pub reason_en: String,
}

/// One step of the fix, by code (the UI words it); `amount` for the invoice steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FixStepView {
    pub code: String,
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
