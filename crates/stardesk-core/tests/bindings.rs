//! `ui/src/bindings.ts` is generated from `stardesk_core::dto`: this test regenerates it
//! and fails when the committed file differs. `UPDATE_BINDINGS=1 cargo test -p
//! stardesk-core --test bindings` rewrites it.

use stardesk_core::dto::*;
use ts_rs::TS;

fn generate() -> String {
    let mut out = String::from(
        "// Generated from crates/stardesk-core/src/dto.rs by `cargo test -p stardesk-core bindings`. Do not edit.\n\n",
    );
    macro_rules! export {
        ($($t:ty),* $(,)?) => {
            $( out.push_str("export "); out.push_str(&<$t>::decl()); out.push_str("\n\n"); )*
        };
    }
    export!(
        Category,
        SettlementMode,
        ContentForm,
        RewardKind,
        TaskSort,
        TaskQuery,
        TaskRow,
        TaskPage,
        PlayTierView,
        RankPrizeView,
        RewardView,
        OrderKind,
        CreatorKind,
        FeeKind,
        FeeLine,
        NetScenario,
        CheckCode,
        EligibilityCheck,
        Eligibility,
        TaskDetail,
        Creator,
        Source,
        AppStatus,
        SyncPhase,
        SyncProgress,
        SyncSummary,
        Facets,
        PlatformAccountInput,
        ErrorCode,
        AppError,
        ClassCounts,
        ClassTotals,
        ReconcileSummary,
        ReportRow,
        ImportKind,
        ImportResult,
        ColumnRefView,
        ColumnAssignment,
        HeaderRowView,
        TextEncodingView,
        ColumnMappingView,
        MappingProfile,
        FilePreview,
        MatchKind,
        MatchOrigin,
        MatchRow,
        ReconcileView,
        DecisionAction,
        DecisionInput,
        DecisionView,
        MonthIncome,
        ReportFormat,
        LineRefs,
        DiscrepancyView,
        ImportFileView,
        ImportPhase,
        ImportProgress,
        ContractAccountInput,
        ContractAccountView,
        PayoutFixInput,
        AccountCheckView,
        FixStepView,
        PayoutFixGuide,
    );
    out
}

#[test]
fn bindings_ts_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/bindings.ts");
    let fresh = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, &fresh).expect("write bindings");
    }
    let committed = std::fs::read_to_string(path).expect("read ui/src/bindings.ts");
    assert!(
        committed == fresh,
        "ui/src/bindings.ts is out of date with stardesk-core's dto.rs; regenerate it with \
         `UPDATE_BINDINGS=1 cargo test -p stardesk-core --test bindings`"
    );
}
