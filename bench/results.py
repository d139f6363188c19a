"""`make bench`'s results as data.

  results.py sizes RELEASE_DIR OUT.json   the release binaries' sizes (a part)
  results.py assemble PARTS_DIR           merges the parts into bench/results.json,
                                          writes docs/benchmarks.md, prints its table

Each part of `make bench` writes one JSON file into PARTS_DIR (`BENCH_JSON`):
hall.json (examples/bench_hall), import.json (examples/bench_import), startup.json
(bench/startup.py), reconcile.json (bench/reconcile/run.py) and sizes.json (here). A
missing part, or a part without a figure the results need, is an error naming both: the
results never mix a fresh run with an old one.

Asserts nothing about speed: the table says whether each target of the issue was met.
"""
import datetime
import json
import os
import platform
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench", "results.json")
DOC = os.path.join(ROOT, "docs", "benchmarks.md")
MIB = 1024 * 1024
BINARIES = {
    "stardesk-app": "stardesk-app",
    "stardesk": "stardesk",
    "stardesk-sandbox": "stardesk-sandbox",
    "minimal-app": "stardesk-bench-minimal",
}
# Each part's figures the results need (more may be kept).
REQUIRED = {
    "hall": ["sync_s", "fetch_only_s", "queries"],
    "import": ["parse_s", "import_s", "reimport_s", "saved_view_s"],
    "startup": ["app_ms", "app_interactive_ms", "minimal_ms", "app_rss_mib", "minimal_rss_mib",
                "breakdown"],
    "reconcile": ["tools"],
    "sizes": list(BINARIES),
}
PEERS = ["duckdb", "polars", "pandas"]


class Missing(Exception):
    pass


def sizes(release_dir, out):
    result = {}
    for name, file in BINARIES.items():
        path = os.path.join(release_dir, file)
        if not os.path.isfile(path):
            sys.exit(f"results: {path} is missing; build it with cargo build --release")
        size = os.path.getsize(path)
        result[name] = {"bytes": size, "mib": round(size / MIB, 2)}
        print(f"  {name:17s} {size / MIB:6.1f} MiB  ({file})")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


def load_part(parts_dir, name):
    path = os.path.join(parts_dir, f"{name}.json")
    if not os.path.isfile(path):
        raise Missing(f"{path}: the {name} part wrote no results")
    with open(path, encoding="utf-8") as f:
        try:
            part = json.load(f)
        except json.JSONDecodeError as e:
            raise Missing(f"{path}: not JSON ({e})") from e
    for key in REQUIRED[name]:
        if part.get(key) is None:
            raise Missing(f"{path}: the {name} part has no {key!r}")
    return part


def check_parts(parts):
    for q in parts["hall"]["queries"]:
        for key in ("name", "p50_ms", "p95_ms"):
            if key not in q:
                raise Missing(f"hall.json: a query has no {key!r}: {q}")
    for order, tools in reconcile_orders(parts["reconcile"]):
        for tool in ["stardesk"] + PEERS:
            for key in ("wall_s", "peak_mib"):
                if tools.get(tool, {}).get(key) is None:
                    raise Missing(f"reconcile.json: no {key!r} for {tool}{order}")


def reconcile_orders(rc):
    """The reconcile part's measures, each with how its table rows name it: the files in
    task order as generated, then (when the part measured it) the same lines in date order."""
    orders = [("", rc["tools"])]
    if "date_order" in rc:
        orders.append((", lines in date order", rc["date_order"].get("tools", {})))
    return orders


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram_gib = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    ram_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    os_name = platform.system()
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": ram_gib,
        "os": f"{os_name} ({platform.system()} {platform.release()})",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        # The 1, 5 and 15-minute load when the results were put together: the machine
        # may be shared, and every ratio is against a baseline of the same run for that.
        "load_avg": load,
    }


def table(r):
    """Rows of (measure, figure, baseline, ratio, target, met)."""
    rows = []

    def row(measure, figure, baseline="—", ratio="—", target="—", met=None):
        rows.append((measure, figure, baseline, ratio, target, "—" if met is None else ("yes" if met else "no")))

    h, imp, st, rc, sz = r["hall"], r["import"], r["startup"], r["reconcile"], r["sizes"]
    ratio = h["sync_s"] / h["fetch_only_s"]
    row("Task hall: full sync of 100,000 tasks", f"{h['sync_s']:.2f} s", f"fetch only {h['fetch_only_s']:.2f} s",
        f"{ratio:.2f}×", "≤ 1.3× fetch only", ratio <= 1.3)
    row("Task hall: fetch only (every page over HTTP, parsed)", f"{h['fetch_only_s']:.2f} s",
        target="≤ 1.5 s", met=h["fetch_only_s"] <= 1.5)
    if "sync_pages_s" in h:
        row("Task hall sync, where it goes: until the last page is written", f"{h['sync_pages_s']:.2f} s")
        row("Task hall sync, where it goes: then the search indexes and the steps after the tasks",
            f"{h['sync_after_pages_s']:.2f} s")
    steps = h.get("sync_index_steps_ms") or {}
    if "total" in steps:
        named = {"read": "reading the tasks", "trigram": "the trigram index", "grams": "the short-term index",
                 "sort_indexes": "the sort indexes", "commit": "the commit"}
        order = [k for k in named if k in steps] + sorted(k for k in steps if k not in named and k != "total")
        parts = ", ".join(f"{named.get(k, k)} {steps[k] / 1000:.2f} s" for k in order)
        row(f"Task hall sync, where it goes: of which the indexes' build ({parts})", f"{steps['total'] / 1000:.2f} s")
    for q in h["queries"]:
        row(f"Task hall query `{q['name']}`: p95 (p50)", f"{q['p95_ms']:.1f} ms ({q['p50_ms']:.1f} ms)",
            target="p95 ≤ 20 ms", met=q["p95_ms"] <= 20)
    lines = imp.get("lines", 1_000_000)
    for key, label, limit in [("import_s", f"Import of {lines:,} statement lines", 3),
                              ("reimport_s", "Re-import of the same file", 2)]:
        x = imp[key] / imp["parse_s"]
        row(label, f"{imp[key]:.2f} s", f"parse only {imp['parse_s']:.2f} s", f"{x:.2f}×",
            f"≤ {limit}× parse", x <= limit)
    row(f"Saved reconciliation view at {lines:,} lines (slowest look)", f"{imp['saved_view_s'] * 1000:.0f} ms",
        target="≤ 100 ms", met=imp["saved_view_s"] <= 0.1)
    if "changed_import_s" in imp:
        x = imp["changed_import_s"] / imp["parse_s"]
        row("A newer export of the same statement, every line's payout status changed",
            f"{imp['changed_import_s']:.2f} s", f"parse only {imp['parse_s']:.2f} s", f"{x:.2f}×")
        row("Taking that newer export back (every line's status put back)", f"{imp['changed_delete_s']:.2f} s")
    if "hand_over_s" in imp:
        row(f"Taking back the first of two imports of the {lines:,}-line statement (its lines handed to the second)",
            f"{imp['hand_over_s']:.2f} s")
    if "delete_expected_s" in imp:
        row(f"Taking back one imported file: the {lines:,}-line statement", f"{imp['delete_statement_s']:.2f} s")
        row(f"Taking back one imported file: an expected-earnings list of {lines:,} lines",
            f"{imp['delete_expected_s']:.2f} s")
    if "delete_all_s" in imp:
        row(f"Deleting all settlement data: an expected-earnings list of {lines:,} lines",
            f"{imp['delete_all_s']:.2f} s")
    rows_n = rc.get("rows", 1_000_000)
    for order, tools in reconcile_orders(rc):
        sd = tools["stardesk"]
        for peer in PEERS:
            x = tools[peer]["wall_s"] / sd["wall_s"]
            target, met = ("≥ 6× faster", x >= 6) if peer in ("duckdb", "polars") else ("—", None)
            row(f"`stardesk reconcile` of {rows_n:,} rows{order} vs {peer} (median wall)",
                f"{sd['wall_s']:.2f} s", f"{peer} {tools[peer]['wall_s']:.2f} s", f"{x:.2f}× faster",
                target, met)
        row(f"`stardesk reconcile` peak RSS{order}", f"{sd['peak_mib']:.0f} MiB",
            "; ".join(f"{p} {tools[p]['peak_mib']:.0f} MiB" for p in PEERS), target="≤ 150 MiB",
            met=sd["peak_mib"] <= 150)
    x = st["app_ms"] / st["minimal_ms"]
    row("Cold start to the task hall's first rows", f"{st['app_ms']:.0f} ms",
        f"minimal Tauri app {st['minimal_ms']:.0f} ms", f"{x:.2f}×", "≤ 1.25× minimal", x <= 1.25)
    x = st["app_interactive_ms"] / st["minimal_ms"]
    row("Cold start to the task hall answering clicks (the app's own rows)",
        f"{st['app_interactive_ms']:.0f} ms", f"minimal Tauri app {st['minimal_ms']:.0f} ms", f"{x:.2f}×")
    x = st["app_rss_mib"] / st["minimal_rss_mib"]
    row("RSS after 10 s idle (whole process tree)", f"{st['app_rss_mib']:.0f} MiB",
        f"minimal Tauri app {st['minimal_rss_mib']:.0f} MiB", f"{x:.2f}×", "≤ 1.15× minimal", x <= 1.15)
    app = sz["stardesk-app"]["mib"]
    x = app / sz["minimal-app"]["mib"]
    row("Release app binary (stardesk-app)", f"{app:.1f} MiB", f"minimal app {sz['minimal-app']['mib']:.1f} MiB",
        f"{x:.2f}×", "≤ 25 MiB", app <= 25)
    row("Release CLI binary (stardesk)", f"{sz['stardesk']['mib']:.1f} MiB")
    row("Release sandbox binary (stardesk-sandbox)", f"{sz['stardesk-sandbox']['mib']:.1f} MiB")
    return rows


def markdown(rows):
    out = ["| measure | figure | baseline | ratio | target | met |", "| --- | --- | --- | --- | --- | --- |"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def breakdown_md(st):
    app = st["breakdown"].get("app", {})
    minimal = st["breakdown"].get("minimal", {}).get("marks", {})
    out = ["| mark | StarDesk, ms since spawn | minimal app, ms since spawn |", "| --- | --- | --- |"]
    for name, at in app.get("marks", {}).items():
        other = minimal.get(name)
        out.append(f"| {name} | {at:.0f} | {'—' if other is None else f'{other:.0f}'} |")
    out += ["", "| step (StarDesk) | ms | ended at, ms since spawn |", "| --- | --- | --- |"]
    for name, s in app.get("steps", {}).items():
        ended = "—" if s.get("ended_at_ms") is None else f"{s['ended_at_ms']:.0f}"
        out.append(f"| {name} | {s['ms']:.1f} | {ended} |")
    return "\n".join(out)


def memory_md(st):
    """RSS after idle by process and kind, StarDesk beside the minimal app (when measured)."""
    app = st["breakdown"].get("app", {}).get("memory_mib")
    minimal = st["breakdown"].get("minimal", {}).get("memory_mib")
    if not app or not minimal:
        return ""
    out = ["## Memory: where it goes", "",
           "RSS after 10 s idle by process, MiB, the median of the starts whose RSS was taken",
           "(`bench/startup.py`). Anonymous memory holds the heaps, JIT code and the JS heap;",
           "file-backed memory the code of the app and its libraries and the fonts. A library",
           "that two processes map counts in each.", "",
           "| process | StarDesk RSS | anonymous | file | minimal app RSS | anonymous | file | RSS Δ |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    zero = {"rss": 0.0, "anon": 0.0, "file": 0.0}
    for role in sorted(set(app) | set(minimal)):
        a, b = app.get(role, zero), minimal.get(role, zero)
        out.append(f"| {role} | {a['rss']:.1f} | {a['anon']:.1f} | {a['file']:.1f} | {b['rss']:.1f} | "
                   f"{b['anon']:.1f} | {b['file']:.1f} | {a['rss'] - b['rss']:+.1f} |")
    return "\n".join(out) + "\n"


def reconcile_md(tools):
    out = ["| tool | wall, median | wall, min | peak RSS |", "| --- | --- | --- | --- |"]
    for tool, f in tools.items():
        wall_min = f.get("wall_min_s")
        out.append(f"| {tool} | {f['wall_s']:.2f} s | {'—' if wall_min is None else f'{wall_min:.2f} s'} | "
                   f"{f['peak_mib']:.0f} MiB |")
    return "\n".join(out)


def dated_md(rc):
    """The tools on the same lines in date order, when the part measured it."""
    if "date_order" not in rc:
        return ""
    return ("""
The same lines in date order (the expected list by due date, the statement by its date), as
an export sorted by day has them (stardesk deals both files' lines into buckets by task):

""" + reconcile_md(rc["date_order"]["tools"]) + "\n")


def starts_md(st):
    """Every start of each app, in the order they ran (in turn, minimal first), and the
    median of each pair's ratio: the spread shows how much one start varies."""
    if "app_all_ms" not in st:
        return ""
    fmt = lambda ms: ", ".join(f"{x:.0f}" for x in ms)
    return (f"Each start, in the order they ran (the two apps in turn): minimal "
            f"{fmt(st['minimal_all_ms'])} ms; StarDesk {fmt(st['app_all_ms'])} ms. "
            f"The median of each pair's ratio: {st['pair_ratio']:.2f}×.")


def assemble(parts_dir):
    try:
        parts = {name: load_part(parts_dir, name) for name in REQUIRED}
        check_parts(parts)
    except Missing as e:
        sys.exit(f"results: {e}")
    results = {"machine": machine(), **parts}
    with open(RESULTS, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
        f.write("\n")
    rows = table(results)
    m = results["machine"]
    rc = results["reconcile"]
    doc = f"""# Benchmarks

The latest `make bench`, as written by `bench/results.py` (the figures are in
`bench/results.json`). Every ratio is against a baseline measured in the same run on the
same machine; nothing here is asserted by a test. How to run it: DEVELOPERS.md,
"Benchmarks".

Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}; run {m['date']}
(load average {', '.join(str(x) for x in m['load_avg'] or [])} when the results were put together).

{markdown(rows)}

## Reconciliation: the tools

`stardesk reconcile` and the same job written as a strong user of each tool writes it
(`bench/reconcile/with_*.py`), on {rc.get('rows', 1_000_000):,} generated expected rows and their statement,
as of {rc.get('as_of', '—')}; every tool found the same counts and totals. {rc.get('runs', '—')} timed runs
of each tool, taken in turn, after one untimed warm-up round.

In task order, as generated (stardesk joins the two files' lines where they lie):

{reconcile_md(rc['tools'])}
{dated_md(rc)}
## Cold start: where the time goes

Medians over the runs (`bench/startup.py`): each mark's time since the process was
spawned, and the steps StarDesk times inside them. The embedded sandbox and the first
sync run in the background, beside the window's start.

{starts_md(results['startup'])}

{breakdown_md(results['startup'])}

{memory_md(results['startup'])}"""
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(doc)
    print(markdown(rows))
    print(f"\nwritten: {os.path.relpath(RESULTS, ROOT)}, {os.path.relpath(DOC, ROOT)}")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "sizes":
        sizes(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "assemble":
        assemble(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
