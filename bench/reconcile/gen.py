"""Deterministic inputs for the reconciliation benchmark.

expected.csv  task_id,amount,due_date                       (N rows)
statement.csv statement_id,task_id,amount,date,status       (~N rows)
with ~1% missing payouts, ~1% amount mismatches, ~0.5% duplicated lines, ~0.5% failed,
in task order; and the same lines in date order, as an export sorted by day has them:
expected-by-date.csv (by due date) and statement-by-date.csv (by date).
"""
import random
import sys
from datetime import date, timedelta


def main():
    out_dir = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(20261122)
    base = date(2026, 1, 1)
    with open(f"{out_dir}/expected.csv", "w", encoding="utf-8", newline="") as e, open(
        f"{out_dir}/statement.csv", "w", encoding="utf-8", newline=""
    ) as s:
        e.write("task_id,amount,due_date\n")
        s.write("statement_id,task_id,amount,date,status\n")
        for i in range(n):
            task_id = str(7_300_000_000_000_000_000 + i * 7919)
            fen = rng.randint(1_000, 5_000_000)
            due = base + timedelta(days=rng.randint(0, 300))
            e.write(f"{task_id},{fen // 100}.{fen % 100:02d},{due.isoformat()}\n")
            r = rng.random()
            if r < 0.01:
                continue  # missing payout
            paid = fen
            status = "已结算"
            if r < 0.02:
                paid = fen - rng.randint(1, 5_000)  # amount mismatch
            elif r < 0.025:
                status = "提现失败"
            line = f"JS{2026_0000_0000 + i},{task_id},{paid // 100}.{paid % 100:02d},{(due + timedelta(days=3)).isoformat()},{status}\n"
            s.write(line)
            if 0.025 <= r < 0.03:
                s.write(line.replace("JS", "JD", 1))  # duplicated payout under another statement
    for name, column in [("expected", 2), ("statement", 3)]:
        date_ordered(f"{out_dir}/{name}.csv", f"{out_dir}/{name}-by-date.csv", column)
    print(f"generated {n} expected rows in {out_dir}, in task order and in date order")


def date_ordered(src, dst, column):
    """Writes src's rows sorted by their date column, the header first; rows of one day
    keep their order."""
    with open(src, encoding="utf-8") as f:
        header, *rows = f.read().splitlines()
    rows.sort(key=lambda row: row.split(",")[column])
    with open(dst, "w", encoding="utf-8", newline="") as f:
        f.write(header + "\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
