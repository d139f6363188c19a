"""The reconciliation job in polars, as a strong user writes it: lazy `scan_csv` with
typed columns, one aggregation per task and the expected lines nothing paid, both
collected at once by `collect_all` (the scans shared). Prints the classes and totals
(integer fen) that `stardesk reconcile --json` prints for these files.

Usage: with_polars.py EXPECTED.csv STATEMENT.csv AS_OF

The rules are those of `with_duckdb.py` (one expected line per task id, as in these files).
"""
import datetime
import json
import sys

import polars as pl

expected, statement = sys.argv[1], sys.argv[2]
as_of = datetime.date.fromisoformat(sys.argv[3])
MONEY = pl.Decimal(18, 2)
fen = (pl.col("amount") * 100).cast(pl.Int64)

e = pl.scan_csv(expected, schema={"task_id": pl.String, "amount": MONEY, "due_date": pl.Date})
e = e.select("task_id", fen.alias("exp_fen"), "due_date")
s = pl.scan_csv(statement, schema={"statement_id": pl.String, "task_id": pl.String,
                                   "amount": MONEY, "date": pl.Date, "status": pl.String})
s = s.select("task_id", fen.alias("fen"), "date", (pl.col("status") == "提现失败").alias("failed"))

ok, failed = ~pl.col("failed"), pl.col("failed")
# Earliest first (a group keeps its rows' order), so each task's first line that did not
# fail is its earliest.
per_task = (
    s.join(e.select("task_id", "exp_fen"), on="task_id", how="left")
    .sort("date")
    .group_by("task_id")
    .agg(
        pl.col("exp_fen").first(),
        n_ok=ok.sum(),
        ok_fen=pl.col("fen").filter(ok).sum(),
        exact=((pl.col("fen") == pl.col("exp_fen")) & ok).any(),
        first_fen=pl.col("fen").filter(ok).first(),
        n_failed=failed.sum(),
        failed_fen=pl.col("fen").filter(failed).sum(),
    )
)
has_exp = pl.col("exp_fen").is_not_null()
matched = has_exp & pl.col("exact")
mism = has_exp & (pl.col("n_ok") > 0) & ~pl.col("exact")
dup = pl.col("n_ok") > 1
kept = pl.when(matched).then(pl.col("exp_fen")).otherwise(pl.col("first_fen"))
summary = per_task.select(
    matched_n=matched.sum(), matched_fen=pl.col("exp_fen").filter(matched).sum(),
    mism_n=mism.sum(), mism_fen=(pl.col("first_fen") - pl.col("exp_fen")).filter(mism).sum(),
    dup_n=(pl.col("n_ok") - 1).filter(dup).sum(), dup_fen=(pl.col("ok_fen") - kept).filter(dup).sum(),
    failed_n=pl.col("n_failed").sum(), failed_fen=pl.col("failed_fen").sum(),
)
missing = (
    e.join(s, on="task_id", how="anti")
    .filter(pl.col("due_date").is_null() | (pl.col("due_date") <= as_of))
    .select(missing_n=pl.len(), missing_fen=pl.col("exp_fen").sum())
)
a, b = pl.collect_all([summary, missing])
a, b = a.row(0, named=True), b.row(0, named=True)
total = lambda v: int(v or 0)  # noqa: E731  (an empty sum is 0)
print(json.dumps({
    "counts": {"matched": total(a["matched_n"]), "amount_mismatch": total(a["mism_n"]),
               "missing_payout": total(b["missing_n"]), "duplicate_payout": total(a["dup_n"]),
               "payout_failed": total(a["failed_n"])},
    "totals_fen": {"matched": total(a["matched_fen"]), "amount_mismatch": total(a["mism_fen"]),
                   "missing_payout": total(b["missing_fen"]), "duplicate_payout": total(a["dup_fen"]),
                   "payout_failed": total(a["failed_fen"])},
}))
