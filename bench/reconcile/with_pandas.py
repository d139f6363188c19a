"""The reconciliation job in pandas, as a strong user writes it: the pyarrow CSV engine
into Arrow-backed columns, then vectorised masks (no Python loop over rows). Prints the
classes and totals (integer fen) that `stardesk reconcile --json` prints for these files.

Usage: with_pandas.py EXPECTED.csv STATEMENT.csv AS_OF

The rules are those of `with_duckdb.py` (one expected line per task id, as in these files).
"""
import datetime
import json
import sys

import pandas as pd

expected, statement = sys.argv[1], sys.argv[2]
as_of = datetime.date.fromisoformat(sys.argv[3])
STR = "string[pyarrow]"


def read(path, strings):
    # Ids and amounts as text: ids are not numbers, and amounts become exact integer fen.
    return pd.read_csv(path, engine="pyarrow", dtype_backend="pyarrow", dtype=dict.fromkeys(strings, STR))


def to_fen(amounts):
    return amounts.str.replace(".", "", regex=False).astype("int64[pyarrow]")


e = read(expected, ["task_id", "amount"])
e["exp_fen"] = to_fen(e["amount"])
s = read(statement, ["statement_id", "task_id", "amount", "status"])
s["fen"] = to_fen(s["amount"])
is_failed = s["status"] == "提现失败"
failed, ok = s[is_failed], s[~is_failed]

ok = ok.merge(e[["task_id", "exp_fen"]], on="task_id", how="left")
ok["exact"] = (ok["fen"] == ok["exp_fen"]).fillna(False)
# Per task the kept line comes first: one with exactly the expected amount, else the
# earliest; every later line of the task is a duplicate.
ok = ok.sort_values(["exact", "date"], ascending=[False, True], kind="stable")
kept = ~ok["task_id"].duplicated()
has_exp = ok["exp_fen"].notna()
matched = ok[kept & has_exp & ok["exact"]]
mism = ok[kept & has_exp & ~ok["exact"]]
dups = ok[~kept]
# Expected lines no statement line names (an anti-join: `isin` on Arrow strings is slow).
named = e[["task_id"]].merge(s[["task_id"]].drop_duplicates(), on="task_id", how="left", indicator=True)
unpaid = e[(named["_merge"] == "left_only").to_numpy()]
missing = unpaid[unpaid["due_date"].isna() | (unpaid["due_date"] <= as_of)]

res = {
    "counts": {"matched": len(matched), "amount_mismatch": len(mism), "missing_payout": len(missing),
               "duplicate_payout": len(dups), "payout_failed": len(failed)},
    "totals_fen": {"matched": int(matched["fen"].sum()), "amount_mismatch": int((mism["fen"] - mism["exp_fen"]).sum()),
                   "missing_payout": int(missing["exp_fen"].sum()), "duplicate_payout": int(dups["fen"].sum()),
                   "payout_failed": int(failed["fen"].sum())},
}
print(json.dumps(res))
