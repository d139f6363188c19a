"""The reconciliation job in DuckDB: classes and totals as `stardesk reconcile --json`."""
import json
import sys

import duckdb

con = duckdb.connect()
con.execute(f"""
CREATE TABLE e AS SELECT task_id, CAST(replace(amount, '.', '') AS BIGINT) AS fen
  FROM read_csv('{sys.argv[1]}', header=true, all_varchar=true);
CREATE TABLE s AS SELECT row_number() OVER () AS row, statement_id, task_id, status,
  CAST(replace(amount, '.', '') AS BIGINT) AS fen
  FROM read_csv('{sys.argv[2]}', header=true, all_varchar=true);
CREATE TABLE ok AS SELECT *, row_number() OVER (PARTITION BY task_id ORDER BY row) AS n FROM s WHERE status <> '提现失败';
""")
q = lambda sql: con.execute(sql).fetchone()  # noqa: E731
matched = q("SELECT count(*), coalesce(sum(ok.fen),0) FROM e JOIN ok ON e.task_id = ok.task_id AND ok.n = 1 WHERE e.fen = ok.fen")
mism = q("SELECT count(*), coalesce(sum(ok.fen - e.fen),0) FROM e JOIN ok ON e.task_id = ok.task_id AND ok.n = 1 WHERE e.fen <> ok.fen")
missing = q("SELECT count(*), coalesce(sum(e.fen),0) FROM e WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.task_id = e.task_id)")
dups = q("SELECT count(*), coalesce(sum(fen),0) FROM ok WHERE n > 1")
failed = q("SELECT count(*), coalesce(sum(fen),0) FROM s WHERE status = '提现失败'")
names = ["matched", "amount_mismatch", "missing_payout", "duplicate_payout", "payout_failed"]
rows = [matched, mism, missing, dups, failed]
print(json.dumps({"counts": {k: int(r[0]) for k, r in zip(names, rows)},
                  "totals_fen": {k: int(r[1]) for k, r in zip(names, rows)}}))
