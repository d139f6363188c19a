"""The reconciliation job in polars: classes and totals as `stardesk reconcile --json`."""
import json
import sys

import polars as pl

S = pl.Utf8
exp = pl.read_csv(sys.argv[1], schema_overrides={"task_id": S, "amount": S, "due_date": S})
st = pl.read_csv(sys.argv[2], schema_overrides={"statement_id": S, "task_id": S, "amount": S, "date": S, "status": S})
fen = lambda c: pl.col(c).str.replace(".", "", literal=True).cast(pl.Int64)  # noqa: E731
exp = exp.with_columns(fen("amount").alias("fen"))
st = st.with_columns(fen("amount").alias("fen")).with_row_index("row")
failed = st.filter(pl.col("status") == "提现失败")
ok = st.filter(pl.col("status") != "提现失败")
first = ok.unique("task_id", keep="first", maintain_order=True)
dups = ok.join(first.select("row"), on="row", how="anti")
m = exp.join(first, on="task_id", how="left", suffix="_s")
missing = m.filter(pl.col("fen_s").is_null()).join(failed.select("task_id"), on="task_id", how="anti")
both = m.filter(pl.col("fen_s").is_not_null())
mism = both.filter(pl.col("fen") != pl.col("fen_s"))
matched = both.filter(pl.col("fen") == pl.col("fen_s"))
res = {
    "counts": {"matched": matched.height, "amount_mismatch": mism.height, "missing_payout": missing.height,
               "duplicate_payout": dups.height, "payout_failed": failed.height},
    "totals_fen": {"matched": int(matched["fen_s"].sum()), "amount_mismatch": int((mism["fen_s"] - mism["fen"]).sum()),
                   "missing_payout": int(missing["fen"].sum()), "duplicate_payout": int(dups["fen"].sum()),
                   "payout_failed": int(failed["fen"].sum())},
}
print(json.dumps(res))
