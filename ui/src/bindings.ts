// Generated from crates/stardesk-core/src/dto.rs by `cargo test -p stardesk-core bindings`. Do not edit.

export type Category = "submission" | "recruitment" | "assigned" | "preferred";

export type SettlementMode = "product_review" | "paid";

export type ContentForm = "video" | "live" | "picture";

export type RewardKind = "fixed" | "play_tiers" | "rank" | "sample_only";

export type TaskSort = "newest" | "deadline" | "reward";

export type TaskQuery = { 
/**
 * Substring search over title, brand, industry and requirements (Chinese works).
 */
search: string | null, categories: Array<Category>, industries: Array<string>, content_forms: Array<ContentForm>, 
/**
 * Inclusive bounds on the highest possible reward, yuan.
 */
reward_min: string | null, reward_max: string | null, 
/**
 * Only tasks whose upload deadline is within this many days from today.
 */
deadline_within_days: number | null, eligible_only: boolean, sort: TaskSort, offset: number, limit: number, };

export type TaskRow = { id: string, title: string, brand: string, category: Category, settlement_mode: SettlementMode | null, industry: string, content_form: ContentForm, reward_kind: RewardKind, 
/**
 * Lowest and highest cash reward a creator can get, yuan; `None` for sample-only.
 */
reward_min: string | null, reward_max: string | null, 
/**
 * What this creator would net from `reward_max` after fees (R-PREF-3).
 */
net_max: string | null, sample_value: string | null, apply_end: string, upload_deadline: string, slots_wanted: number, slots_taken: number, eligible: boolean, };

export type TaskPage = { 
/**
 * Rows matching the query, over all pages.
 */
total: number, offset: number, rows: Array<TaskRow>, };

export type PlayTierView = { above: string, 
/**
 * `None` = no upper bound.
 */
up_to: string | null, amount: string, };

export type RankPrizeView = { from: number, to: number, amount: string, };

export type RewardView = { "kind": "fixed", amount: string, } | { "kind": "play_tiers", tiers: Array<PlayTierView>, } | { "kind": "rank", prizes: Array<RankPrizeView>, } | { "kind": "sample_only" };

export type OrderKind = "ordinary" | "preferred";

export type CreatorKind = "independent" | "agency";

export type FeeKind = "platform_service" | "preferred_technical";

export type FeeLine = { kind: FeeKind, 
/**
 * Percent, e.g. "15".
 */
rate_percent: string, amount: string, 
/**
 * The DOMAIN.md rule id, e.g. "R-PREF-3".
 */
rule: string, };

export type NetScenario = { order: OrderKind, creator: CreatorKind, gross: string, fees: Array<FeeLine>, net: string, 
/**
 * True for the scenario that applies to this creator and this task.
 */
applies: boolean, };

export type CheckCode = "account_followers" | "review_follower_range" | "agency_deposit" | "task_followers" | "application_window" | "slots_left";

export type EligibilityCheck = { code: CheckCode, ok: boolean, 
/**
 * The DOMAIN.md rule id, when the check encodes one.
 */
rule: string | null, 
/**
 * Named values for the message: e.g. `required_min`, `actual`, `date`.
 */
params: Array<[string, string]>, };

export type Eligibility = { eligible: boolean, checks: Array<EligibilityCheck>, };

export type TaskDetail = { row: TaskRow, description: string, requirements: Array<string>, reward: RewardView, apply_start: string, ship_by: string | null, retention_days: number, min_followers: string, max_followers: string | null, updated_at: string, 
/**
 * The four scenarios of R-PREF-3 on the highest reward, the creator's own marked.
 */
net: Array<NetScenario>, eligibility: Eligibility, };

export type Creator = { creator_id: string, nickname: string, followers: string, kind: CreatorKind, agency_name: string | null, level: number, };

export type Source = { "kind": "sandbox", url: string, } | { "kind": "platform", url: string, };

export type AppStatus = { source: Source, creator: Creator | null, last_synced_at: string | null, task_count: number, syncing: boolean, 
/**
 * The last sync's failure, if the last attempt failed.
 */
last_error: AppError | null, data_dir: string, 
/**
 * Where the database key lives: "keychain" or "key_file" (with a warning in the UI).
 */
key_store: string, };

export type SyncPhase = "started" | "page" | "done" | "failed";

export type SyncProgress = { phase: SyncPhase, 
/**
 * Entries applied so far in this sync.
 */
applied: number, 
/**
 * Entries the server says are left.
 */
remaining: number, error: AppError | null, };

export type SyncSummary = { upserted: number, removed: number, pages: number, task_count: number, };

export type Facets = { industries: Array<string>, };

export type PlatformAccountInput = { url: string, token: string, };

export type ErrorCode = "platform_unreachable" | "sign_in_required" | "platform_protocol" | "invalid_input" | "not_found" | "key_unavailable" | "store_incompatible" | "store_failed" | "busy" | "internal";

export type AppError = { code: ErrorCode, message: string, };

export type ClassCounts = { matched: number, amount_mismatch: number, missing_payout: number, duplicate_payout: number, payout_failed: number, payout_overdue: number, unexpected_credit: number, };

export type ClassTotals = { matched: string, amount_mismatch: string, missing_payout: string, duplicate_payout: string, payout_failed: string, payout_overdue: string, unexpected_credit: string, };

export type ReconcileSummary = { counts: ClassCounts, totals: ClassTotals, };

export type ReportRow = { 
/**
 * A class code: amount_mismatch, missing_payout, duplicate_payout, payout_failed,
 * unexpected_payout, payout_overdue, unexpected_credit, matched.
 */
class: string, task_id: string, statement_id: string, txn_id: string, date: string, amount: string, reason_zh: string, reason_en: string, };

export type ImportKind = "statement" | "bank" | "expected" | "invoices";

export type ImportResult = { file_name: string, kind: ImportKind, 
/**
 * "UTF-8", "UTF-8 BOM", "GB18030", "UTF-16LE", "UTF-16BE", "XLSX" or "XLS".
 */
encoding: string, lines: number, added: number, already_present: number, };

export type ColumnRefView = { "by": "header", header: string, } | { "by": "index", index: number, };

export type ColumnAssignment = { 
/**
 * A field name: "amount", "task_id", "statement_id", ...
 */
field: string, column: ColumnRefView, };

export type HeaderRowView = { "kind": "auto" } | { "kind": "row", row: number, } | { "kind": "absent" };

export type TextEncodingView = "utf8" | "utf8_bom" | "gb18030" | "utf16_le" | "utf16_be";

export type ColumnMappingView = { 
/**
 * Empty: find every field by its header synonyms.
 */
columns: Array<ColumnAssignment>, header_row: HeaderRowView, 
/**
 * Footer rows to drop (a bank's 合计 line).
 */
skip_trailing_rows: number, 
/**
 * One ASCII character; `None` detects.
 */
delimiter: string | null, 
/**
 * `None` detects.
 */
encoding: TextEncodingView | null, 
/**
 * A workbook's sheet; `None` reads the first.
 */
sheet: string | null, };

export type MappingProfile = { name: string, kind: ImportKind, mapping: ColumnMappingView, };

export type FilePreview = { file_name: string, kind: ImportKind, 
/**
 * As [`ImportResult::encoding`].
 */
encoding: string, 
/**
 * A workbook's sheet names (empty for CSV).
 */
sheets: Array<string>, sheet: string | null, 
/**
 * 1-based; `None` without a header.
 */
header_row: number | null, headers: Array<string>, 
/**
 * The first rows after the header, cells as displayed.
 */
rows: Array<Array<string>>, 
/**
 * The columns found, as a starting point for the user's mapping.
 */
guessed_mapping: ColumnMappingView, 
/**
 * Required fields not found; empty when the file imports as it is.
 */
missing_required: Array<string>, };

export type MatchKind = "task" | "payout";

export type MatchOrigin = "automatic" | "accepted" | "manual";

export type MatchRow = { kind: MatchKind, origin: MatchOrigin, 
/**
 * The expected line (task matches).
 */
expected_key: string | null, statement_keys: Array<string>, 
/**
 * The bank lines (payout matches).
 */
bank_keys: Array<string>, 
/**
 * The task (task matches).
 */
task_id: string | null, 
/**
 * The distinct statements involved.
 */
statement_ids: Array<string>, 
/**
 * The bank transactions (payout matches).
 */
txn_ids: Array<string>, 
/**
 * The matched amount: the statement line's for a task match, the bank credits'
 * total for a payout match.
 */
amount: string, };

export type ReconcileView = { as_of: string, summary: ReconcileSummary, 
/**
 * One row per discrepancy, with the lines it is about: the first
 * `VIEW_ROW_LIMIT` of `rows_total`.
 */
rows: Array<DiscrepancyView>, rows_total: number, 
/**
 * The first `VIEW_ROW_LIMIT` of `matches_total`.
 */
matches: Array<MatchRow>, matches_total: number, 
/**
 * Decisions that had no effect (a line they name is no longer imported, or was
 * already decided).
 */
ignored_decisions: number, };

export type DecisionAction = "accept" | "reject" | "manual_match";

export type DecisionInput = { action: DecisionAction, kind: MatchKind, expected: string | null, statement: Array<string>, bank: Array<string>, };

export type DecisionView = { 
/**
 * Pass to `delete_decision` to undo it.
 */
id: string, created_at: string, decision: DecisionInput, };

export type MonthIncome = { 
/**
 * "2026-03".
 */
month: string, lines: number, gross: string, gross_lines: number, fees: string, fee_lines: number, tax: string, tax_lines: number, 
/**
 * The net paid: every line states it.
 */
net: string, };

export type ReportFormat = "csv" | "xlsx";

export type LineRefs = { expected: string | null, statement: Array<string>, bank: Array<string>, };

export type DiscrepancyView = { row: ReportRow, refs: LineRefs, };

export type ImportFileView = { id: string, kind: ImportKind, file_name: string, 
/**
 * RFC 3339, UTC.
 */
imported_at: string, encoding: string, lines: number, added: number, };

export type ImportPhase = "reading" | "parsing" | "storing" | "done";

export type ImportProgress = { file_name: string, 
/**
 * 0-based, of `file_count`.
 */
file_index: number, file_count: number, phase: ImportPhase, done: number, total: number, };

export type ContractAccountInput = { company_name: string, card_number: string, bank_branch: string, };

export type ContractAccountView = { company_name: string, 
/**
 * `****1234`.
 */
card_number_masked: string, bank_branch: string, };

export type PayoutFixInput = { statement_id: string, 
/**
 * The receiving account printed on the statement's last page.
 */
account_name: string, card_number: string, bank_branch: string, 
/**
 * Whether the platform still offers to cancel the statement.
 */
cancellable: boolean, 
/**
 * The regenerated statement's amount, once known (R-SETTLE-3).
 */
regenerated_amount: string | null, 
/**
 * For the e-mail; `None` takes the synced creator's nickname.
 */
nickname: string | null, };

export type AccountCheckView = { 
/**
 * account_name, card_number or bank_branch.
 */
field: string, passed: boolean, on_statement: string, contracted: string, 
/**
 * The verdict in words (a difference hidden by masking is said).
 */
reason_zh: string, reason_en: string, };

export type FixStepView = { code: string, amount: string | null, };

export type PayoutFixGuide = { statement_id: string, 
/**
 * The failed statement's amount: what was invoiced.
 */
invoiced_amount: string, 
/**
 * `None` until the contract account is saved.
 */
checks: Array<AccountCheckView> | null, 
/**
 * R-SETTLE-3 (cancellable) or R-SETTLE-4.
 */
rule: string, steps: Array<FixStepView>, supplementary_invoice: string | null, excess_invoiced: string | null, 
/**
 * From the imported invoice records for this statement.
 */
tracking_numbers: Array<string>, email_subject: string, email_body: string, };

