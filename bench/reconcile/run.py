"""`make bench` part: `stardesk reconcile` against pandas, polars and DuckDB on the same
generated files, same machine, same run. Wall time (min and median of RUNS) and peak RSS
of each tool's process, and the ratios of stardesk to each: once with the files in task
order, as generated, and once with the same lines in date order.

Usage: run.py STARDESK_BINARY PYTHON_WITH_PANDAS_POLARS_DUCKDB_PYARROW
Environment: BENCH_RECONCILE_ROWS (expected rows, default 1,000,000),
BENCH_RECONCILE_RUNS (timed runs per tool, default 5, after one untimed warm-up round), BENCH_JSON (write the figures there).

Asserts nothing about speed. It does check that every tool found the same counts and
totals as stardesk, on every run, so the comparison is of the same job: a tool that
disagrees stops the run (exit 1) naming the tool, the class and both figures.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

RUNS = int(os.environ.get("BENCH_RECONCILE_RUNS", "5"))
ROWS = int(os.environ.get("BENCH_RECONCILE_ROWS", "1000000"))
# "Due" is judged on a fixed day, so the figures do not move with the calendar; the
# generated due dates span 2026, so some unpaid lines are due and some are not.
AS_OF = "2026-07-01"
HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = ["matched", "amount_mismatch", "missing_payout", "duplicate_payout", "payout_failed"]
# Classes of `stardesk reconcile --json` that need bank statements or invoices: none are
# given, so stardesk must report none, and the peers do not compute them.
ABSENT = ["payout_overdue", "unexpected_credit"]
PEERS = ["duckdb", "polars", "pandas"]


def run_once(cmd):
    """Runs cmd once: (wall seconds, peak RSS KiB of that process, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.stderr.write(err.read().decode(errors="replace")[-4000:])
            sys.exit(f"reconcile bench: {' '.join(cmd)} exited {proc.returncode}")
        # ru_maxrss is in KiB on Linux.
        return wall, usage.ru_maxrss, out.read().decode()


def stardesk_figures(out):
    j = json.loads(out)
    for k in ABSENT:
        if j["counts"][k] != 0:
            sys.exit(f"reconcile bench: stardesk reports {j['counts'][k]} {k} without bank or invoice files")
    counts = {k: j["counts"][k] for k in CLASSES}
    fen = {k: int(Decimal(j["totals"][k]) * 100) for k in CLASSES}
    return counts, fen


def check(tool, out, want_counts, want_fen):
    """Exits naming the tool and the figure when `tool` disagrees with stardesk."""
    try:
        got = json.loads(out)
    except json.JSONDecodeError:
        sys.exit(f"reconcile bench: {tool} printed no JSON: {out[:500]!r}")
    for k in CLASSES:
        for what, want, have in [("count", want_counts, got["counts"]), ("total (fen)", want_fen, got["totals_fen"])]:
            if have.get(k) != want[k]:
                sys.exit(f"reconcile bench: {tool} disagrees with stardesk on the {k} {what}: "
                         f"{tool} {have.get(k)}, stardesk {want[k]}")


def main():
    stardesk, py = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="stardesk-recon-bench-")
    try:
        bench(stardesk, py, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def time_tools(stardesk, py, exp, st):
    """Times every tool on these files (RUNS runs each, in turn, after a warm-up round)
    and checks they agree: (the figures of each tool, stardesk's counts and totals)."""
    cmds = {"stardesk": [stardesk, "reconcile", "--expected", exp, "--statement", st, "--as-of", AS_OF, "--json"]}
    for tool in PEERS:
        cmds[tool] = [py, os.path.join(HERE, f"with_{tool}.py"), exp, st, AS_OF]

    walls = {t: [] for t in cmds}
    peaks = {t: [] for t in cmds}
    want = None
    # Round-robin, so a slow spell of a shared machine falls on every tool alike. Round 0
    # is a warm-up, checked but not timed: the files were just written, and without it
    # the first tool of the first round alone read them before the page cache had
    # settled (stardesk's first run took 0.5 s where the others took 0.1 s), and each
    # Python tool's first run alone loaded its modules from a cold cache.
    for round_no in range(RUNS + 1):
        for tool, cmd in cmds.items():
            wall, rss, out = run_once(cmd)
            if round_no > 0:
                walls[tool].append(wall)
                peaks[tool].append(rss)
            if tool == "stardesk":
                figures = stardesk_figures(out)
                if want is not None and figures != want:
                    sys.exit("reconcile bench: stardesk gave different figures on two runs")
                want = figures
            else:
                check(tool, out, *want)
    tools = {
        t: {
            "wall_s": round(statistics.median(walls[t]), 3),
            "wall_min_s": round(min(walls[t]), 3),
            "peak_mib": round(max(peaks[t]) / 1024, 1),
        }
        for t in cmds
    }
    return tools, want


def report(title, tools):
    print(title)
    print(f"  {'tool':9s} {'wall min':>9s} {'median':>8s} {'peak RSS':>10s}")
    for t, f in tools.items():
        print(f"  {t:9s} {f['wall_min_s']:8.2f}s {f['wall_s']:7.2f}s {f['peak_mib']:7.1f} MiB")
    sd = tools["stardesk"]
    for t in PEERS:
        print(f"  stardesk vs {t:7s}: {tools[t]['wall_s'] / sd['wall_s']:5.2f}x faster (median wall), "
              f"{tools[t]['peak_mib'] / sd['peak_mib']:5.2f}x less memory")


def bench(stardesk, py, work):
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), work, str(ROWS)], check=True)
    exp, st = os.path.join(work, "expected.csv"), os.path.join(work, "statement.csv")
    tools, want = time_tools(stardesk, py, exp, st)
    for k in CLASSES:
        if want[0][k] == 0:
            sys.exit(f"reconcile bench: no {k} lines in the generated files; the check would be vacuous")
    report(f"reconcile {ROWS:,} expected rows vs the statement, as of {AS_OF} ({RUNS} runs each; "
           f"every tool found the same counts and totals), the files in task order as generated:", tools)

    # The same lines in date order (expected by due date, the statement by its date), as
    # an export sorted by day has them: stardesk can no longer join the lines where they
    # lie, and every tool must find the same figures as in task order.
    # (gen.py wrote them: sorted here, the lines would stay in this process's memory,
    # and each tool's process starts as a copy of it, which its peak RSS would count.)
    by_date = (os.path.join(work, "expected-by-date.csv"), os.path.join(work, "statement-by-date.csv"))
    dated, dated_want = time_tools(stardesk, py, *by_date)
    if dated_want != want:
        sys.exit("reconcile bench: stardesk found other figures in the files in date order")
    report("the same files with their lines in date order:", dated)
    print(f"  counts: {json.dumps(want[0])}")

    path = os.environ.get("BENCH_JSON")
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"rows": ROWS, "runs": RUNS, "as_of": AS_OF, "tools": tools,
                       "date_order": {"tools": dated},
                       "counts": want[0], "totals_fen": want[1]}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
