//! Withholding on labour income (劳务报酬), by worked examples computed by hand in the
//! comments: the per-payment method before 2025-10-01 and the cumulative method from then,
//! across several months, a month without payment, a year end and every band edge tested.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::tax::{
    withhold, withhold_cumulative, withhold_each, withhold_per_payment, ExpenseBasis,
    MonthlyPayment, TaxTable, Withholding,
};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn paid(y: i32, m: u32, day: u32, income: &str) -> MonthlyPayment {
    MonthlyPayment {
        paid_on: NaiveDate::from_ymd_opt(y, m, day).unwrap(),
        income: d(income),
    }
}

fn per_payment_tax(income: &str) -> (ExpenseBasis, Decimal, Decimal, Decimal) {
    let b = withhold_per_payment(d(income), &TaxTable::china().per_payment);
    assert_eq!(b.income, d(income));
    (b.expense_basis, b.expenses, b.taxable, b.tax)
}

#[test]
fn per_payment_small_incomes_deduct_800() {
    // 800 − 800 = 0 → no tax.
    assert_eq!(
        per_payment_tax("800.00"),
        (ExpenseBasis::Fixed, d("800"), d("0"), d("0"))
    );
    // Below 800 the taxable amount stops at zero rather than going negative.
    assert_eq!(
        per_payment_tax("500.00"),
        (ExpenseBasis::Fixed, d("800"), d("0"), d("0"))
    );
    // 3,000 − 800 = 2,200; × 20% = 440.
    assert_eq!(
        per_payment_tax("3000.00"),
        (ExpenseBasis::Fixed, d("800"), d("2200"), d("440.00"))
    );
    // 4,000 is still "≤ 4,000": 4,000 − 800 = 3,200; × 20% = 640.
    assert_eq!(
        per_payment_tax("4000.00"),
        (ExpenseBasis::Fixed, d("800"), d("3200"), d("640.00"))
    );
}

#[test]
fn per_payment_larger_incomes_deduct_20_percent() {
    // 4,000.01 × 20% = 800.002 expenses; taxable 3,200.008; × 20% = 640.0016 → 640.00.
    assert_eq!(
        per_payment_tax("4000.01"),
        (
            ExpenseBasis::Ratio,
            d("800.002"),
            d("3200.008"),
            d("640.00")
        )
    );
    // 25,000 × 80% = 20,000, the top of the 20% band: 4,000.
    assert_eq!(per_payment_tax("25000").3, d("4000.00"));
    // 25,001.25 × 80% = 20,001.00: 30% − 2,000 = 6,000.30 − 2,000 = 4,000.30.
    assert_eq!(per_payment_tax("25001.25").3, d("4000.30"));
    // 62,500 × 80% = 50,000, the top of the 30% band: 15,000 − 2,000 = 13,000.
    assert_eq!(per_payment_tax("62500").3, d("13000.00"));
    // 62,501.25 × 80% = 50,001.00: 40% − 7,000 = 20,000.40 − 7,000 = 13,000.40.
    assert_eq!(per_payment_tax("62501.25").3, d("13000.40"));
    // 100,000 × 80% = 80,000: 32,000 − 7,000 = 25,000.
    let b = withhold_per_payment(d("100000"), &TaxTable::china().per_payment);
    assert_eq!(
        (b.taxable, b.rate, b.quick_deduction, b.tax),
        (d("80000"), d("0.40"), d("7000"), d("25000.00"))
    );
}

#[test]
fn the_method_switches_on_2025_10_01() {
    let table = TaxTable::china();
    // 2025-09-30, per payment: 10,000 × 80% = 8,000; × 20% = 1,600.
    match withhold(&[], paid(2025, 9, 30, "10000"), &table) {
        Withholding::PerPayment(b) => {
            assert_eq!((b.taxable, b.tax), (d("8000"), d("1600.00")));
        }
        other => panic!("expected per payment, got {other:?}"),
    }
    // 2025-10-01, cumulative: 10,000 − 2,000 − 5,000 × 1 = 3,000; × 3% = 90.
    match withhold(&[], paid(2025, 10, 1, "10000"), &table) {
        Withholding::Cumulative(b) => {
            assert_eq!(
                (b.cumulative_taxable, b.withholding),
                (d("3000"), d("90.00"))
            );
        }
        other => panic!("expected cumulative, got {other:?}"),
    }
}

#[test]
fn cumulative_2025_q4_after_a_per_payment_september() {
    let payments = [
        paid(2025, 11, 15, "20000"),
        paid(2025, 9, 15, "10000"),
        paid(2025, 12, 15, "3000"),
        paid(2025, 10, 15, "10000"),
    ];
    let lines = withhold_each(&payments, &TaxTable::china());
    let taxes: Vec<Decimal> = lines.iter().map(Withholding::tax).collect();
    // Sep (per payment): 10,000 × 80% × 20% = 1,600.
    // Oct: cum 10,000; expenses 2,000; 1 month → 5,000; taxable 3,000 × 3% = 90.
    //      (September's income is not in the cumulative total: it was withheld per payment.)
    // Nov: cum 30,000; expenses 6,000; 2 months → 10,000; taxable 14,000 × 3% = 420;
    //      420 − 90 = 330.
    // Dec: cum 33,000; expenses 6,600; 3 months → 15,000; taxable 11,400 × 3% = 342;
    //      342 < 420 already withheld → 0 (nothing is refunded during the year).
    assert_eq!(taxes, vec![d("1600.00"), d("90.00"), d("330.00"), d("0")]);
    let Withholding::Cumulative(december) = &lines[3] else {
        panic!("December is cumulative");
    };
    assert_eq!(december.cumulative_income, d("33000"));
    assert_eq!(december.cumulative_expenses, d("6600"));
    assert_eq!(december.deduction_months, 3);
    assert_eq!(december.cumulative_basic_deduction, d("15000"));
    assert_eq!(december.cumulative_taxable, d("11400"));
    assert_eq!(december.rate, d("0.03"));
    assert_eq!(december.quick_deduction, d("0"));
    assert_eq!(december.tax_due_to_date, d("342.00"));
    assert_eq!(december.already_withheld, d("420.00"));
    assert_eq!(december.withholding, d("0"));
}

#[test]
fn cumulative_a_month_without_payment_restarts_the_deduction_months() {
    let table = TaxTable::china();
    let jan = paid(2026, 1, 10, "20000");
    let feb = paid(2026, 2, 10, "20000");
    let apr = paid(2026, 4, 10, "20000");
    // Jan: 20,000 − 4,000 − 5,000 = 11,000 × 3% = 330.
    // Feb: 40,000 − 8,000 − 10,000 = 22,000 × 3% = 660; 660 − 330 = 330.
    // Apr: no payment in March, so 1 month: 60,000 − 12,000 − 5,000 = 43,000, in the 10%
    //      band: 4,300 − 2,520 = 1,780; 1,780 − 660 = 1,120.
    let april = withhold_cumulative(&[jan, feb], apr, &table);
    assert_eq!(april.deduction_months, 1);
    assert_eq!(april.cumulative_income, d("60000"));
    assert_eq!(april.cumulative_taxable, d("43000"));
    assert_eq!((april.rate, april.quick_deduction), (d("0.10"), d("2520")));
    assert_eq!(april.tax_due_to_date, d("1780.00"));
    assert_eq!(april.already_withheld, d("660.00"));
    assert_eq!(april.withholding, d("1120.00"));

    // With a ¥1,000 payment in March the run is unbroken:
    // Mar: 41,000 − 8,200 − 15,000 = 17,800 × 3% = 534 < 660 → 0.
    // Apr: 61,000 − 12,200 − 20,000 = 28,800 × 3% = 864; 864 − 660 = 204.
    let mar = paid(2026, 3, 10, "1000");
    let april = withhold_cumulative(&[jan, feb, mar], apr, &table);
    assert_eq!(april.deduction_months, 4);
    assert_eq!(april.tax_due_to_date, d("864.00"));
    assert_eq!(april.already_withheld, d("660.00"));
    assert_eq!(april.withholding, d("204.00"));
}

#[test]
fn cumulative_two_payments_in_one_month_count_one_month() {
    let first = paid(2025, 11, 5, "3000");
    let second = paid(2025, 11, 25, "5000");
    // First: 3,000 − 600 − 5,000 < 0 → 0.
    let b = withhold_cumulative(&[], first, &TaxTable::china());
    assert_eq!((b.cumulative_taxable, b.withholding), (d("0"), d("0")));
    // Second: 8,000 − 1,600 − 5,000 (still one month) = 1,400 × 3% = 42.
    let b = withhold_cumulative(&[first], second, &TaxTable::china());
    assert_eq!(b.deduction_months, 1);
    assert_eq!(
        (b.cumulative_taxable, b.withholding),
        (d("1400"), d("42.00"))
    );
}

#[test]
fn cumulative_restarts_each_calendar_year() {
    // December 2025's 30,000 belongs to another tax year: January 2026 stands alone.
    // 10,000 − 2,000 − 5,000 = 3,000 × 3% = 90.
    let b = withhold_cumulative(
        &[paid(2025, 12, 15, "30000")],
        paid(2026, 1, 15, "10000"),
        &TaxTable::china(),
    );
    assert_eq!(b.cumulative_income, d("10000"));
    assert_eq!(b.deduction_months, 1);
    assert_eq!(b.already_withheld, d("0"));
    assert_eq!(b.withholding, d("90.00"));
}

#[test]
fn cumulative_history_in_any_order_and_later_payments_ignored() {
    // February of the gap example, with April's payment (later) in the history too.
    let b = withhold_cumulative(
        &[paid(2026, 4, 10, "20000"), paid(2026, 1, 10, "20000")],
        paid(2026, 2, 10, "20000"),
        &TaxTable::china(),
    );
    assert_eq!(b.cumulative_income, d("40000"));
    assert_eq!(b.already_withheld, d("330.00"));
    assert_eq!(b.withholding, d("330.00"));
}

#[test]
fn cumulative_band_edges() {
    let table = TaxTable::china();
    let single = |income: &str| withhold_cumulative(&[], paid(2026, 3, 10, income), &table);
    // 51,250 × 80% − 5,000 = 36,000, the top of the 3% band: 1,080.
    let b = single("51250");
    assert_eq!((b.cumulative_taxable, b.rate), (d("36000"), d("0.03")));
    assert_eq!(b.withholding, d("1080.00"));
    // 51,251 × 80% − 5,000 = 36,000.80: 10% − 2,520 = 3,600.08 − 2,520 = 1,080.08.
    let b = single("51251");
    assert_eq!((b.cumulative_taxable, b.rate), (d("36000.8"), d("0.10")));
    assert_eq!(b.withholding, d("1080.08"));
    // 200,000 × 80% − 5,000 = 155,000: 20% − 16,920 = 31,000 − 16,920 = 14,080.
    assert_eq!(single("200000").withholding, d("14080.00"));
    // 1,500,000 × 80% − 5,000 = 1,195,000: 45% − 181,920 = 537,750 − 181,920 = 355,830.
    let b = single("1500000");
    assert_eq!((b.rate, b.quick_deduction), (d("0.45"), d("181920")));
    assert_eq!(b.withholding, d("355830.00"));
    // 10,000.01 − 2,000.002 − 5,000 = 3,000.008 × 3% = 90.00024 → 90.00.
    assert_eq!(single("10000.01").withholding, d("90.00"));
}

#[test]
fn the_table_is_data() {
    let mut table = TaxTable::china();
    assert_eq!(table.cumulative.brackets.len(), 7);
    assert_eq!(
        table.cumulative_from,
        NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()
    );
    // A different monthly deduction changes the result: 10,000 − 2,000 − 6,000 = 2,000 × 3%.
    table.cumulative.monthly_basic_deduction = d("6000");
    let b = withhold_cumulative(&[], paid(2026, 1, 15, "10000"), &table);
    assert_eq!(b.withholding, d("60.00"));
    // Moving the switch date moves the method.
    table.cumulative_from = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert!(matches!(
        withhold(&[], paid(2026, 1, 15, "10000"), &table),
        Withholding::PerPayment(_)
    ));
}
