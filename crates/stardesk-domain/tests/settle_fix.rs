//! Fixing a failed payout: R-SETTLE-2's account check, the R-SETTLE-3 / R-SETTLE-4 plans,
//! and the e-mail drafts with their exact subjects.

mod common;

use common::d;
use stardesk_domain::reconcile::{
    account_check_en, account_check_zh, check_receiving_account, draft_email, mask_card_number,
    plan_fix, AccountField, AccountOnStatement, ContractAccount, FixPath, FixStep,
};

fn contract() -> ContractAccount {
    ContractAccount {
        company_name: "杭州星图文化传媒有限公司（滨江分公司）".to_owned(),
        card_number: "6222 0212 3456 7890".to_owned(),
        bank_branch: "中国工商银行杭州滨江支行".to_owned(),
    }
}

#[test]
fn r_settle_2_account_name_ignores_spacing_and_full_width_parentheses() {
    let on_statement = AccountOnStatement {
        account_name: " 杭州星图文化传媒有限公司 (滨江分公司)".to_owned(),
        card_number: "6222021234567890".to_owned(),
        bank_branch: "中国工商银行杭州滨江支行 ".to_owned(),
    };
    let checks = check_receiving_account(&on_statement, &contract());
    assert_eq!(
        checks
            .iter()
            .map(|c| (c.field, c.passed))
            .collect::<Vec<_>>(),
        vec![
            (AccountField::AccountName, true),
            (AccountField::CardNumber, true),
            (AccountField::BankBranch, true),
        ]
    );
}

#[test]
fn r_settle_2_each_item_fails_on_its_own_with_both_values_and_masked_cards() {
    let on_statement = AccountOnStatement {
        account_name: "杭州星图文化传媒有限公司".to_owned(),
        card_number: "6222 0212 3456 7891".to_owned(),
        bank_branch: "中国工商银行杭州分行".to_owned(),
    };
    let checks = check_receiving_account(&on_statement, &contract());
    assert!(checks.iter().all(|c| !c.passed));
    let card = &checks[1];
    assert_eq!(
        (card.on_statement.as_str(), card.contracted.as_str()),
        ("****7891", "****7890")
    );

    for check in &checks {
        for text in [
            account_check_zh(check),
            account_check_en(check),
            format!("{check:?}"),
        ] {
            assert!(!text.contains("0212"), "card digits leaked: {text}");
            assert!(!text.contains("62220212"), "card digits leaked: {text}");
        }
    }
    let en = account_check_en(&checks[2]);
    assert!(
        en.contains("中国工商银行杭州分行")
            && en.contains("中国工商银行杭州滨江支行")
            && en.contains("differs"),
        "{en}"
    );
    let zh = account_check_zh(&checks[1]);
    assert!(
        zh.contains("****7891") && zh.contains("****7890") && zh.contains("不一致"),
        "{zh}"
    );
    // Inputs never print a whole card number either.
    assert!(!format!("{on_statement:?} {:?}", contract()).contains("3456"));
}

#[test]
fn r_settle_2_a_difference_hidden_by_the_mask_is_spelled_out() {
    let on_statement = AccountOnStatement {
        account_name: contract().company_name,
        card_number: "6222 9999 3456 7890".to_owned(),
        bank_branch: contract().bank_branch,
    };
    let card = &check_receiving_account(&on_statement, &contract())[1];
    assert!(!card.passed);
    assert!(account_check_en(card).contains("before the last 4 digits"));
    assert!(account_check_zh(card).contains("末四位之前"));
    assert_eq!(mask_card_number("12"), "****12");
}

#[test]
fn r_settle_3_same_amount_goes_straight_to_the_email() {
    let plan = plan_fix(true, d("10000.00"), Some(d("10000")));
    assert_eq!(plan.path, FixPath::Cancellable);
    assert_eq!(plan.path.rule(), "R-SETTLE-3");
    assert_eq!(
        plan.steps,
        vec![
            FixStep::CancelStatement,
            FixStep::CorrectBankAccount,
            FixStep::RegenerateNextMonth,
            FixStep::SendEmail,
        ]
    );
    assert_eq!(plan.supplementary_invoice, None);
}

#[test]
fn r_settle_3_higher_amount_needs_a_supplementary_invoice_for_the_difference() {
    let plan = plan_fix(true, d("10000.00"), Some(d("10250.50")));
    assert_eq!(plan.supplementary_invoice, Some(d("250.50")));
    assert_eq!(
        plan.steps.iter().map(FixStep::code).collect::<Vec<_>>(),
        vec![
            "cancel_statement",
            "correct_bank_account",
            "regenerate_next_month",
            "issue_supplementary_invoice",
            "mail_supplementary_invoice",
            "send_email",
        ]
    );
    assert!(plan.steps.contains(&FixStep::IssueSupplementaryInvoice {
        amount: d("250.50")
    }));
}

#[test]
fn r_settle_3_lower_amount_resolves_the_excess_with_the_platform_first() {
    let plan = plan_fix(true, d("10000.00"), Some(d("9800")));
    assert_eq!(plan.supplementary_invoice, None);
    assert_eq!(plan.excess_invoiced, Some(d("200.00")));
    assert_eq!(
        plan.steps[3],
        FixStep::ResolveExcessInvoice {
            excess: d("200.00")
        }
    );
    assert_eq!(plan.steps.last(), Some(&FixStep::SendEmail));
}

#[test]
fn r_settle_3_unknown_new_amount_means_compare_once_regenerated() {
    let plan = plan_fix(true, d("10000"), None);
    assert_eq!(plan.steps[3], FixStep::CompareRegeneratedAmount);
    assert_eq!(plan.supplementary_invoice, None);
}

#[test]
fn r_settle_4_not_cancellable_prints_corrects_stamps_scans_emails_then_changes_the_account() {
    let plan = plan_fix(false, d("10000"), Some(d("12000")));
    assert_eq!(plan.path, FixPath::NotCancellable);
    assert_eq!(plan.path.rule(), "R-SETTLE-4");
    assert_eq!(
        plan.steps,
        vec![
            FixStep::PrintStatement,
            FixStep::CorrectAccountOnLastPage,
            FixStep::StampCorrection,
            FixStep::ScanToOnePdf,
            FixStep::SendEmail,
            FixStep::ChangeAccountOnPlatform,
        ]
    );
    assert_eq!(plan.supplementary_invoice, None);
}

#[test]
fn r_settle_3_email_subject_is_exact_and_the_body_lists_every_tracking_number() {
    let tracking = vec!["SF1234567890".to_owned(), "YT9876543210".to_owned()];
    let mail = draft_email(
        FixPath::Cancellable,
        "小星星",
        "杭州星图文化传媒有限公司",
        &tracking,
    );
    assert_eq!(
        mail.subject,
        "【即合打款失败】小星星-杭州星图文化传媒有限公司"
    );
    for t in &tracking {
        assert!(mail.body.contains(t.as_str()), "{}", mail.body);
    }
    assert!(mail.body.contains("快递签收截图见附件"), "{}", mail.body);
    assert!(mail.body.contains("小星星") && mail.body.contains("杭州星图文化传媒有限公司"));

    // Surrounding spaces are trimmed; nothing else changes.
    let mail = draft_email(FixPath::Cancellable, " 小星星 ", "星图 传媒", &[]);
    assert_eq!(mail.subject, "【即合打款失败】小星星-星图 传媒");
    assert!(mail.body.contains("（暂无）"));
}

#[test]
fn r_settle_4_email_subject_is_exact_and_the_body_gives_company_nickname_and_the_scan() {
    let mail = draft_email(
        FixPath::NotCancellable,
        "小星星",
        "杭州星图文化传媒有限公司",
        &["SF1".to_owned()],
    );
    assert_eq!(mail.subject, "【即合打款失败】小星星--正确结算单扫描件");
    assert!(
        mail.body.contains("公司名称：杭州星图文化传媒有限公司"),
        "{}",
        mail.body
    );
    assert!(mail.body.contains("达人昵称：小星星"), "{}", mail.body);
    assert!(mail.body.contains("扫描件见附件"), "{}", mail.body);
    assert!(!mail.body.contains("SF1"));
}
