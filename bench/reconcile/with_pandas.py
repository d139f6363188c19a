"""The reconciliation job in pandas: classes and totals as `stardesk reconcile --json`."""
import json
import sys

import pandas as pd

exp = pd.read_csv(sys.argv[1], dtype={"task_id": str, "amount": str, "due_date": str})
st = pd.read_csv(sys.argv[2], dtype={"statement_id": str, "task_id": str, "amount": str, "date": str, "status": str})
# Exact money: integer fen, not floats.
to_fen = lambda s: s.str.replace(".", "", regex=False).astype("int64")  # noqa: E731
exp["fen"] = to_fen(exp["amount"])
st["fen"] = to_fen(st["amount"])
failed = st[st["status"] == "提现失败"]
ok = st[st["status"] != "提现失败"]
first = ok.drop_duplicates("task_id", keep="first")
dups = ok[ok.duplicated("task_id", keep="first")]
m = exp.merge(first, on="task_id", how="left", suffixes=("_e", "_s"), indicator=True)
paid_elsewhere = set(failed["task_id"])
missing = m[(m["_merge"] == "left_only") & ~m["task_id"].isin(paid_elsewhere)]
both = m[m["_merge"] == "both"]
mism = both[both["fen_e"] != both["fen_s"]]
matched = both[both["fen_e"] == both["fen_s"]]
res = {
    "counts": {"matched": len(matched), "amount_mismatch": len(mism), "missing_payout": len(missing),
               "duplicate_payout": len(dups), "payout_failed": len(failed)},
    "totals_fen": {"matched": int(matched["fen_s"].sum()), "amount_mismatch": int((mism["fen_s"] - mism["fen_e"]).sum()),
                   "missing_payout": int(missing["fen_e"].sum()), "duplicate_payout": int(dups["fen"].sum()),
                   "payout_failed": int(failed["fen"].sum())},
}
print(json.dumps(res))
