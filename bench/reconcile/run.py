"""`make bench` part: `stardesk reconcile` against pandas, polars and DuckDB on the same
1,000,000-row files, same machine, same run. Wall time and peak RSS, median of RUNS.

Usage: run.py STARDESK_BINARY PYTHON_WITH_PANDAS_POLARS_DUCKDB
Prints figures and ratios; asserts nothing about speed. It does check that every tool
found the same counts, so the comparison is of the same job.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

RUNS = int(os.environ.get("BENCH_RECONCILE_RUNS", "3"))
ROWS = int(os.environ.get("BENCH_RECONCILE_ROWS", "1000000"))
HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = ["matched", "amount_mismatch", "missing_payout", "duplicate_payout", "payout_failed"]


def measure(cmd):
    """Runs cmd RUNS times; each run in its own wrapper so ru_maxrss is that run's."""
    walls, rsses, out = [], [], b""
    for _ in range(RUNS):
        wrapper = [sys.executable, "-c", (
            "import json,os,subprocess,sys,time,resource;"
            "t=time.monotonic();p=subprocess.run(sys.argv[1:],capture_output=True);"
            "w=time.monotonic()-t;r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
            "sys.stderr.write(p.stderr.decode(errors='replace')[-2000:]);"
            "print(json.dumps({'wall':w,'rss_kib':r,'rc':p.returncode,'out':p.stdout.decode()}))"
        )] + cmd
        res = json.loads(subprocess.run(wrapper, capture_output=True, check=True).stdout)
        if res["rc"] != 0:
            sys.exit(f"{' '.join(cmd)} exited {res['rc']}")
        walls.append(res["wall"])
        rsses.append(res["rss_kib"])
        out = res["out"]
    return statistics.median(walls), statistics.median(rsses), out


def counts_of_stardesk(out):
    j = json.loads(out)
    counts = {k: j["counts"][k] for k in CLASSES}
    fen = {k: int(Decimal(j["totals"][k]) * 100) for k in CLASSES}
    return counts, fen


def main():
    stardesk, py = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="stardesk-recon-bench-")
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), work, str(ROWS)], check=True)
    exp, st = os.path.join(work, "expected.csv"), os.path.join(work, "statement.csv")
    results = {}
    results["stardesk"] = measure([stardesk, "reconcile", "--expected", exp, "--statement", st, "--json"])
    for tool in ["pandas", "polars", "duckdb"]:
        results[tool] = measure([py, os.path.join(HERE, f"with_{tool}.py"), exp, st])

    sd_counts, sd_fen = counts_of_stardesk(results["stardesk"][2])
    for tool in ["pandas", "polars", "duckdb"]:
        other = json.loads(results[tool][2])
        if other["counts"] != sd_counts or other["totals_fen"] != sd_fen:
            print(f"WARNING: {tool} disagrees with stardesk: {other} vs {sd_counts} {sd_fen}")
    print(f"reconcile {ROWS:,} expected rows vs the statement (median of {RUNS} runs):")
    for name, (wall, rss, _) in results.items():
        print(f"  {name:9s} wall {wall:6.2f} s   peak RSS {rss / 1024:7.1f} MiB")
    sd_wall, sd_rss, _ = results["stardesk"]
    fastest = min(("pandas", "polars", "duckdb"), key=lambda t: results[t][0])
    for tool in ["pandas", "polars", "duckdb"]:
        wall, rss, _ = results[tool]
        print(f"  stardesk vs {tool:7s}: {wall / sd_wall:5.2f}x faster, {rss / sd_rss:5.2f}x less memory")
    print(f"  fastest other tool: {fastest}")
    print(f"  stardesk counts: {json.dumps(sd_counts)}")


if __name__ == "__main__":
    main()
