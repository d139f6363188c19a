//! Every IPC command, declared once.
//!
//! [`with_commands!`](crate::with_commands) hands the whole list to a macro of the
//! caller's. The shell expands it into its `#[tauri::command]` functions and the handler
//! list; [`specs`] expands it into the data the generator turns into the typed
//! TypeScript functions (`ui/src/bindings/commands.ts`, with the `Commands` interface
//! the UI's test mock implements) and the capability file that grants exactly these
//! commands (`src-tauri/capabilities/default.json`, whose list `src-tauri/build.rs`
//! reads). `cargo test -p stardesk-core --test bindings` fails when a generated file
//! drifts from this list.
//!
//! An entry is `kind fn name(arg: Type, …) -> Result [=> method];` under its feature:
//! - `core`: the shell forwards to `Context::name` (or `Context::method`), nothing else;
//! - `shell`: the shell implements it (`src-tauri/src/shell.rs`: native dialogs, the
//!   window), with exactly the declared argument and result types.
//!
//! Types are named as the expansion site sees them: it has `use stardesk_core::ipc::*;`.
//! Argument names cross IPC in camelCase (`as_of` → `asOf`), as Tauri renames them.

/// Calls `$callback! { feature { entries… } … }` with every command (see the module
/// docs of `stardesk_core::commands`).
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            account {
                /// The source, the creator, the last sync, the data directory.
                core fn app_status() -> AppStatus => status;
                /// Checks the token against the platform, keeps it in the OS keychain and
                /// switches to that account. The token never comes back.
                core fn settings_set_platform(account: PlatformAccountInput) -> AppStatus => set_platform;
                /// Back to the embedded sandbox: forgets the account's token and data.
                core fn settings_use_sandbox() -> AppStatus => use_sandbox;
                /// The UI has its first rows on screen (logged; `make bench` times cold
                /// start by it), with the marks of the window's own start.
                shell fn ui_ready(rows: u32, marks: Vec<UiMark>) -> ();
                /// The task hall's own rows, which answer clicks, are on screen (after
                /// `ui_ready` when the first paint drew the first rows; logged, and timed
                /// by `make bench`), with the window's marks since `ui_ready`.
                shell fn ui_interactive(marks: Vec<UiMark>) -> ();
                /// The window listens to core's events now: the notices emitted before
                /// (reminders missed while the app was closed, alerts due at start) come.
                shell fn events_listening() -> ();
                /// After the data directory could not be opened (a locked keychain, a full
                /// disk): opens it again; fails with why, if it still cannot.
                shell fn reopen_context() -> ();
            }
            address_book {
                /// Every saved address, the default first; phones masked, no street.
                core fn addresses() -> Vec<AddressView>;
                /// One address in full, for the creator to edit it.
                core fn address(id: String) -> AddressInput;
                /// The problems of an address by field; empty when it can be saved.
                core fn check_address(address: AddressInput) -> Vec<FieldProblem>;
                core fn save_address(address: AddressInput) -> AddressView;
                core fn set_default_address(id: String) -> ();
                core fn delete_address(id: String) -> ();
                /// The GB/T 2260 regions, province → city → district.
                core fn regions() -> Vec<ProvinceView>;
                core fn snippets() -> Vec<SnippetView>;
                core fn save_snippet(snippet: SnippetInput) -> SnippetView;
                core fn delete_snippet(id: String) -> ();
            }
            applications {
                /// The form's problems by field and the warnings about the task.
                core fn check_application(input: ApplicationInput) -> ApplicationCheck;
                /// Queues the application and returns at once; it is sent exactly once.
                core fn apply(input: ApplicationInput) -> OutboxItemView;
                core fn applications() -> Vec<ApplicationView>;
                core fn application(id: String) -> ApplicationView;
                /// What waits to be sent, or was refused.
                core fn outbox() -> Vec<OutboxItemView>;
                /// Sends a refused application again, as edited, under a new key.
                core fn resend_application(id: String, input: ApplicationInput) -> OutboxItemView;
                core fn discard_application(id: String) -> ();
                /// Before selection only.
                core fn withdraw_application(id: String) -> ApplicationView;
                /// The sample arrived, or did not or is refused, with a note (R-REVIEW-16).
                core fn report_receipt(id: String, received: bool, note: Option<String>) -> ApplicationView;
                /// The published work's link and day (R-REVIEW-13..15).
                core fn report_content(id: String, url: String, published_on: String) -> ApplicationView;
                /// Which brand received which address, when, for which campaign (R-REVIEW-4),
                /// newest first.
                core fn address_disclosures() -> Vec<AddressDisclosure>;
                /// The reward task `task_id` pays at valid plays or a rank, yuan.
                core fn reward_at(task_id: String, measure: RewardMeasure) -> String;
            }
            logistics {
                /// Every parcel with its state, last event and alerts, and the selected
                /// applications still waiting for their sample.
                core fn logistics() -> LogisticsView;
                /// One parcel with every carrier event, newest first.
                core fn parcel(id: String) -> ParcelDetail;
                /// Every problem of a parcel as typed, by field (`id`: the parcel it
                /// corrects); empty when it can be saved.
                core fn check_parcel(input: ParcelInput, id: Option<String>) -> Vec<ParcelProblem>;
                /// Adds a number by hand (a return leg needs its due date, R-REVIEW-13).
                core fn add_parcel(input: ParcelInput) -> ParcelView;
                /// A new number or carrier is tracked afresh.
                core fn correct_parcel(id: String, input: ParcelInput) -> ParcelView;
                core fn delete_parcel(id: String) -> ();
                /// The creator has a parcel of no application in hand.
                core fn confirm_parcel_received(id: String) -> ParcelView;
                /// Asks the tracking service now (at most once per 30 minutes unless
                /// `force`).
                core fn track_parcel(id: String, force: bool) -> ParcelDetail;
                /// The carriers a number may belong to, best first.
                core fn guess_carriers(number: String) -> Vec<CarrierOption>;
                /// Every carrier StarDesk knows.
                core fn carriers() -> Vec<CarrierOption> => carrier_options;
                core fn tracking_settings() -> TrackingSettings;
                /// The key goes to the OS keychain only.
                core fn set_tracking_account(account: TrackingAccountInput) -> TrackingSettings;
                core fn clear_tracking_account() -> TrackingSettings;
                core fn alert_thresholds() -> AlertThresholdsView;
                core fn set_alert_thresholds(thresholds: AlertThresholdsView) -> AlertThresholdsView;
            }
            rights {
                /// The level card, the demotion forecast and the reward tracker, from the
                /// last sync of the rights center.
                core fn rights() -> RightsView;
                /// Syncs the rights center now (metrics, benefits, dispatches, the star
                /// index, invitations, agencies).
                core fn refresh_rights() -> RightsView;
                /// Evaluates the given metrics offline: the level planner.
                core fn plan_level(metrics: LevelMetrics) -> LevelReportView;
                /// The benefits wallet and the DOU+ ledger.
                core fn benefits() -> BenefitsView;
                /// Queues the claim and returns at once; it is sent exactly once.
                core fn claim_benefit(id: String) -> BenefitView;
                core fn invitations() -> InvitationsView;
                /// Queues the answer (a dispatch is accepted within its hour only).
                core fn answer_invitation(id: String, accept: bool) -> InvitationView;
                /// The creator is in the Stars plan (繁星, R-PREF-6).
                core fn set_stars_plan(member: bool) -> InvitationsView;
                /// The star index of the last `days` days recorded, oldest first.
                core fn star_index(days: u32) -> StarIndexView;
                core fn agencies() -> Vec<AgencyView>;
                /// R-JOIN-1: can the account be opened, and by when.
                core fn check_joining(input: JoiningInput) -> JoiningView;
                /// The academy featured case (R-LEVEL-8), from LV2 (R-LEVEL-4).
                core fn submit_featured_case(text: String) -> FeaturedCaseView;
            }
            reminders {
                /// When reminders come: days before each campaign date.
                core fn reminder_settings() -> ReminderSettings;
                core fn set_reminder_settings(lead_days: Vec<u32>) -> ReminderSettings;
                /// The campaign dates of the next `days` days, soonest first.
                core fn agenda(days: u32) -> Vec<AgendaItem>;
                /// Asks where to save (native dialog) and writes every campaign date as an
                /// iCalendar file; the path, or null when cancelled. `file_name`: the name
                /// the dialog suggests, without `.ics`, in the window's language.
                shell fn export_calendar(file_name: String) -> Option<String>;
            }
            task_hall {
                /// One page of the task hall; `total` counts every match.
                core fn query_tasks(query: TaskQuery) -> TaskPage;
                core fn task_detail(id: String) -> TaskDetail;
                core fn facets() -> Facets;
            }
            sync {
                /// Resolves when the sync has ended; progress arrives as events.
                core fn sync_now() -> SyncSummary => sync;
            }
            settlement_imports {
                /// The native open dialog for CSV/XLSX files; `[]` when cancelled. The
                /// paths picked may then be imported or previewed.
                shell fn pick_settlement_files(kind: ImportKind) -> Vec<String>;
                /// Imports files of one kind, all checked before any is stored; progress
                /// arrives as events. Only paths picked or dropped in this session.
                core fn import_settlement_files(kind: ImportKind, paths: Vec<String>, profile: Option<String>) -> Vec<ImportResult>;
                core fn preview_settlement_file(kind: ImportKind, path: String) -> FilePreview;
                core fn import_files() -> Vec<ImportFileView>;
                /// Takes back one file's import: the lines it added and its record
                /// (lines it shared with an earlier file stay); `not_found` for an
                /// unknown id.
                core fn delete_import_file(id: String) -> DeletedImportView;
            }
            settlement_mapping_profiles {
                core fn mapping_profiles() -> Vec<MappingProfile>;
                core fn save_mapping_profile(name: String, kind: ImportKind, mapping: ColumnMappingView) -> MappingProfile;
                core fn delete_mapping_profile(name: String) -> ();
            }
            settlement_reconciliation {
                /// Everything imported, reconciled with the saved decisions; `as_of` is
                /// `YYYY-MM-DD`, null = today.
                core fn reconcile_saved(as_of: Option<String>) -> ReconcileView;
                /// A page of the discrepancies, filtered by class and id.
                core fn reconcile_discrepancies(query: ReconcilePageQuery) -> DiscrepancyPage;
                /// A page of the matches, filtered by id.
                core fn reconcile_matches(query: ReconcilePageQuery) -> MatchPage;
                /// Deletes every imported line, decision and the contract account
                /// (mapping profiles stay).
                core fn delete_settlement_data() -> ();
            }
            settlement_decisions {
                core fn decide(input: DecisionInput) -> DecisionView;
                core fn decisions() -> Vec<DecisionView>;
                core fn delete_decision(id: String) -> ();
            }
            settlement_income {
                core fn monthly_income() -> Vec<MonthIncome>;
            }
            settlement_report {
                /// Asks where to save (native dialog) and writes the report; the path,
                /// or null when cancelled. `file_name`: the name the dialog suggests,
                /// without the extension, in the window's language.
                shell fn export_report(format: ReportFormat, as_of: Option<String>, file_name: String) -> Option<String>;
            }
            settlement_payout_fix {
                core fn contract_account() -> Option<ContractAccountView>;
                /// The card number goes to the encrypted store; it comes back masked.
                core fn set_contract_account(account: ContractAccountInput) -> ContractAccountView;
                /// Forgets the contract account (company, card number, branch) for good.
                core fn delete_contract_account() -> ();
                core fn payout_fix(input: PayoutFixInput) -> PayoutFixGuide;
            }
            settlement_tax {
                /// The individual creator's tax check, month by month: the statement's
                /// withholding against StarDesk's; `year` shows one calendar year (null:
                /// every year).
                core fn settlement_tax(year: Option<i32>) -> TaxCheckView;
            }
            settlement_task_earnings {
                /// One task's gross → fees → tax → net as the domain computes it, beside
                /// the statement lines and bank credits that paid it (as of today);
                /// `not_found` for a task with no imported line.
                core fn task_earnings(task_id: String) -> TaskEarningsView;
            }
        }
    };
}

/// One declared command, as the generators see it.
#[derive(Debug, Clone)]
pub struct CommandSpec {
    pub feature: &'static str,
    pub name: &'static str,
    /// The doc comment's lines.
    pub docs: Vec<&'static str>,
    pub args: Vec<ArgSpec>,
    pub result: crate::bindings::TsRef,
    /// Implemented by the shell rather than forwarded to `Context`.
    pub shell: bool,
}

#[derive(Debug, Clone)]
pub struct ArgSpec {
    /// The Rust name (`as_of`); it crosses IPC in camelCase.
    pub name: &'static str,
    pub ty: crate::bindings::TsRef,
}

macro_rules! command_specs {
    ($(
        $feature:ident {
            $(
                $(#[doc = $doc:literal])*
                $kind:ident fn $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty $(=> $method:ident)? ;
            )*
        }
    )*) => {
        /// Every declared command, in declaration order.
        pub fn specs() -> Vec<CommandSpec> {
            use crate::bindings::TsRef;
            #[allow(unused_imports)]
            use crate::ipc::*;
            vec![$($(
                CommandSpec {
                    feature: stringify!($feature),
                    name: stringify!($name),
                    docs: vec![$($doc),*],
                    args: vec![$(ArgSpec { name: stringify!($arg), ty: TsRef::of::<$ty>() }),*],
                    result: TsRef::of::<$ret>(),
                    shell: match stringify!($kind) {
                        "core" => false,
                        "shell" => true,
                        other => panic!("command {}: unknown kind {other}", stringify!($name)),
                    },
                },
            )*)*]
        }
    };
}

crate::with_commands!(command_specs);
