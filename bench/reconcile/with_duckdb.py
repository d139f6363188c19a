"""The reconciliation job in DuckDB, as a strong user writes it: one statement over
`read_csv` with typed columns, one pass of FILTER aggregates per task, then one row of
FILTER aggregates. Prints the classes and totals (integer fen) that `stardesk reconcile
--json` prints for these files.

Usage: with_duckdb.py EXPECTED.csv STATEMENT.csv AS_OF

The rules, as stardesk applies them to one expected line per task id (these files have
no other kind): a failed line is `payout_failed`; of the task's other lines the one with
exactly the expected amount pays it (`matched`), else the earliest one does
(`amount_mismatch`, the difference statement − expected); the rest are
`duplicate_payout`; an expected line no line pays or failed to pay is `missing_payout`
once due (`due_date <= AS_OF`, or no due date). Lines for unexpected tasks: the earliest
is an unexpected payout (not among these counts), the rest duplicates.
"""
import json
import sys

import duckdb

expected, statement, as_of = sys.argv[1], sys.argv[2], sys.argv[3]
SQL = """
WITH e AS (
  SELECT task_id, CAST(amount * 100 AS BIGINT) AS fen, due_date
  FROM read_csv($expected, header = true,
                columns = {'task_id': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'due_date': 'DATE'})
),
s AS (
  SELECT task_id, CAST(amount * 100 AS BIGINT) AS fen, date, status = '提现失败' AS failed
  FROM read_csv($statement, header = true,
                columns = {'statement_id': 'VARCHAR', 'task_id': 'VARCHAR',
                           'amount': 'DECIMAL(18,2)', 'date': 'DATE', 'status': 'VARCHAR'})
),
t AS (
  SELECT
    any_value(e.fen) AS exp_fen,
    any_value(e.due_date) AS due,
    count(s.fen) FILTER (NOT s.failed) AS n_ok,
    sum(s.fen) FILTER (NOT s.failed) AS ok_fen,
    bool_or(s.fen = e.fen) FILTER (NOT s.failed) AS exact,
    arg_min(s.fen, s.date) FILTER (NOT s.failed) AS first_fen,
    count(s.fen) FILTER (s.failed) AS n_failed,
    sum(s.fen) FILTER (s.failed) AS failed_fen
  FROM e FULL JOIN s USING (task_id)
  GROUP BY task_id
)
SELECT
  count(*) FILTER (exp_fen IS NOT NULL AND exact),
  coalesce(sum(exp_fen) FILTER (exp_fen IS NOT NULL AND exact), 0),
  count(*) FILTER (exp_fen IS NOT NULL AND NOT exact),
  coalesce(sum(first_fen - exp_fen) FILTER (exp_fen IS NOT NULL AND NOT exact), 0),
  count(*) FILTER (exp_fen IS NOT NULL AND n_ok = 0 AND n_failed = 0
                   AND (due IS NULL OR due <= $as_of)),
  coalesce(sum(exp_fen) FILTER (exp_fen IS NOT NULL AND n_ok = 0 AND n_failed = 0
                                AND (due IS NULL OR due <= $as_of)), 0),
  coalesce(sum(n_ok - 1) FILTER (n_ok > 1), 0),
  coalesce(sum(ok_fen - CASE WHEN exp_fen IS NOT NULL AND exact THEN exp_fen ELSE first_fen END)
           FILTER (n_ok > 1), 0),
  coalesce(sum(n_failed), 0),
  coalesce(sum(failed_fen), 0)
FROM t
"""
row = duckdb.execute(
    SQL, {"expected": expected, "statement": statement, "as_of": as_of}
).fetchone()
names = ["matched", "amount_mismatch", "missing_payout", "duplicate_payout", "payout_failed"]
print(json.dumps({"counts": {k: int(row[2 * i]) for i, k in enumerate(names)},
                  "totals_fen": {k: int(row[2 * i + 1]) for i, k in enumerate(names)}}))
