"""Cold start and memory of StarDesk against a minimal Tauri 2 app, same machine, same run.

Cold start: from spawning the process to its UI reporting the first frame with content
(StarDesk: the task hall's first rows; minimal: its page), signalled by a READY line on
stdout (StarDesk prints it when STARDESK_BENCH_READY is set). StarDesk's first rows are
its first paint's (ui/src/firstPaint/), drawn before the app's bundle loads; it then
prints INTERACTIVE when the app's own rows, which answer clicks, are on screen: that
time is printed too. Both apps' windows are built hidden and shown when their page has
loaded (bench/minimal-app/src/main.rs says why). Memory: the RSS of the whole
process tree (the app plus WebKit's web and network processes) after 10 s idle, also
printed by process and by kind (anonymous or file-backed).

Where the time goes: both apps log startup marks on stderr (`startup mark=NAME ms=T`,
T since `main`; the first, `main`, also carries the wall clock `unix_ms`, from which the
time between spawning and `main` follows), and StarDesk logs the steps it times
(`startup step=NAME ms=D`: the database key, opening the store and its migrations, the
job runner, the embedded sandbox, the first sync). The breakdown is the median over the
runs of each mark's time since spawn, and of each step's duration. The two apps are started
in turn (minimal, StarDesk, minimal, …), so the machine's spells fall on both; besides the
ratio of the medians, the median of each pair's ratio is printed, and every start's time.

Usage: startup.py APP MINIMAL_APP   (under a display, e.g. xvfb-run)
Environment: BENCH_STARTUP_RUNS (default 5; RSS is taken on the first 3),
BENCH_JSON (write the figures there). Prints medians and ratios; asserts nothing.
"""
import datetime
import json
import os
import re
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "5"))
RSS_RUNS = min(3, RUNS)
IDLE_S = 10
READY_TIMEOUT_S = 120

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LINE = re.compile(r"startup (mark|step)=(\w+) ms=([0-9.]+)(?: unix_ms=([0-9.]+))?")
STAMP = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)")
# What each mark ends, for the printed breakdown.
MEANING = {
    "main": "process spawned → main (exec, loading WebKitGTK and the other libraries)",
    "window_created": "Tauri and its plugins set up, window and webview built",
    "context_opened": "core context in the setup hook (opened on its own thread from the plugins' setup, beside the window's build)",
    "page_load_started": "the webview starts loading the page",
    "page_load_finished": "page loaded (HTML, JS bundle parsed and run)",
    "window_shown": "the window is shown (it is built hidden and shown when its page has loaded)",
    "js_navigation_start": "the window's navigation starts (performance.timeOrigin)",
    "js_script_start": "the entry chunk (the first paint) starts running",
    "js_modules_evaluated": "the app's chunks loaded and evaluated (React, Semi, the app), before its first render",
    "js_app_render": "React starts rendering the app",
    "js_app_laid_out": "the app's first render committed to the DOM, layout effects run (before the first paint)",
    "js_app_committed": "the app's first commit, after its first paint (React runs effects then; the queries start there)",
    "js_first_page_answered": "core answered the task hall's first query_tasks",
    "js_first_paint": "the first paint drew the first page's rows (before the app's bundle loads)",
    "js_first_rows_frame": "the frame that paints them starts (requestAnimationFrame); ui_ready is sent",
    "ui_ready": "first rows on screen (ui_ready)",
    "js_rows_committed": "React committed the app's own rows to the DOM, replacing the first paint",
    "js_rows_frame": "the frame that paints them starts; ui_interactive is sent",
    "interactive": "the app's own rows on screen, answering clicks (ui_interactive)",
}
STEP_MEANING = {
    "db_key": "database key from the keychain / key file",
    "store_open": "SQLCipher writer connection: keying, pragmas, migrations",
    "store_readers": "SQLCipher reader connection",
    "jobs_start": "job runner started, jobs scheduled",
    "sandbox_start": "embedded sandbox started (background, first sync)",
    "sync": "first sync of the task hall (background)",
}


def children_map():
    kids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                parts = f.read().rsplit(")", 1)[1].split()
            kids.setdefault(int(parts[1]), []).append(int(pid))
        except OSError:
            pass
    return kids


def tree(root):
    kids = children_map()
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


# /proc/PID/status fields of a process's resident memory, KiB: the whole, its anonymous
# part (heaps, JIT, the JS heap), and its file-backed part (code of the app and its
# libraries, fonts, mapped files).
MEMORY_FIELDS = {"VmRSS": "rss", "RssAnon": "anon", "RssFile": "file"}


def memory_kib(pid):
    """One process's resident memory, KiB, by MEMORY_FIELDS' names (zeros once it is gone)."""
    out = dict.fromkeys(MEMORY_FIELDS.values(), 0)
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in MEMORY_FIELDS:
                    out[MEMORY_FIELDS[key]] = int(value.split()[0])
    except OSError:
        pass
    return out


def process_role(pid, root):
    """What a process of the tree is: the app itself, or WebKit's web or network process."""
    if pid == root:
        return "app"
    try:
        with open(f"/proc/{pid}/comm") as f:
            comm = f.read().strip()
    except OSError:
        return "other"
    for prefix, role in (("WebKitWeb", "web"), ("WebKitNetwork", "network")):
        if comm.startswith(prefix):
            return role
    return comm


def tree_memory(root):
    """The resident memory of the process tree, KiB, summed by process role."""
    by_role = {}
    for pid in tree(root):
        role = by_role.setdefault(process_role(pid, root), dict.fromkeys(MEMORY_FIELDS.values(), 0))
        for field, kib in memory_kib(pid).items():
            role[field] += kib
    return by_role


def parse_marks(text, spawn_unix_ms):
    """Marks as ms since spawn, and steps as (duration ms, ms since spawn at their end)."""
    marks, steps, offset = {}, {}, None
    for raw in text.splitlines():
        line = ANSI.sub("", raw)
        m = LINE.search(line)
        if not m:
            continue
        kind, name, ms, unix_ms = m.group(1), m.group(2), float(m.group(3)), m.group(4)
        if kind == "mark":
            if name == "main" and unix_ms is not None:
                # `main` came `ms` after the process took its start instant.
                offset = float(unix_ms) - ms - spawn_unix_ms
            # The app's first calls of ui_ready and ui_interactive are their own marks.
            if name not in ("ipc_ui_ready", "ipc_ui_interactive"):
                marks.setdefault(name, ms)
        elif name not in steps:
            at = None
            stamp = STAMP.match(line)
            if stamp:
                when = datetime.datetime.fromisoformat(stamp.group(1).replace("Z", "+00:00"))
                at = when.timestamp() * 1000 - spawn_unix_ms
            steps[name] = (ms, at)
    if offset is None:
        return {}, {}
    return {k: v + offset for k, v in marks.items()}, steps


def run_once(binary, env, measure_rss, interactive=False):
    """One start: (ms to READY, tree RSS KiB after IDLE_S or None, marks, steps, ms to
    INTERACTIVE when `interactive` is asked for, else None, and the RSS by process and
    kind (`tree_memory`) or None)."""
    with tempfile.TemporaryFile() as err:
        spawn_unix_ms = time.time() * 1000
        start = time.monotonic()
        proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=err)
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        ready, live, buf = None, None, b""

        def waiting():
            return ready is None or (interactive and live is None)

        while waiting() and time.monotonic() < start + READY_TIMEOUT_S:
            if not sel.select(timeout=1):
                continue
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            buf += chunk
            lines = buf.split(b"\n")
            now = (time.monotonic() - start) * 1000
            if ready is None and b"READY" in lines[:-1]:
                ready = now
            if live is None and b"INTERACTIVE" in lines[:-1]:
                live = now
        rss, memory = None, None
        if ready is not None and measure_rss:
            # IDLE_S after READY for both apps, however long INTERACTIVE took after it.
            time.sleep(max(0.0, IDLE_S - ((time.monotonic() - start) * 1000 - ready) / 1000))
            memory = tree_memory(proc.pid)
            rss = sum(m["rss"] for m in memory.values())
        for p in reversed(tree(proc.pid)):
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        proc.wait()
        err.seek(0)
        log = err.read().decode(errors="replace")
    if ready is None or (interactive and live is None):
        sys.stderr.write(log[-4000:])
        sys.exit(f"startup bench: {binary} never reported {'READY' if ready is None else 'INTERACTIVE'}")
    marks, steps = parse_marks(log, spawn_unix_ms)
    # A first frame reported before the window was shown was not on screen: not a start.
    shown, first = marks.get("window_shown"), marks.get("ui_ready")
    if shown is not None and first is not None and first < shown:
        sys.exit(f"startup bench: {binary} reported its first frame at {first:.0f} ms, "
                 f"before its window was shown at {shown:.0f} ms")
    return ready, rss, marks, steps, live, memory


def summarize(runs):
    """The medians of one app's runs: (ms to READY, RSS or None, marks, steps) each."""
    starts = [r[0] for r in runs]
    rsses = [r[1] for r in runs if r[1] is not None]
    marks = [r[2] for r in runs]
    steps = [r[3] for r in runs]
    med_marks = {}
    for name in {k for m in marks for k in m}:
        values = [m[name] for m in marks if name in m]
        med_marks[name] = round(statistics.median(values), 1)
    med_steps = {}
    for name in {k for st in steps for k in st}:
        durs = [st[name][0] for st in steps if name in st]
        ats = [st[name][1] for st in steps if name in st and st[name][1] is not None]
        med_steps[name] = {
            "ms": round(statistics.median(durs), 1),
            "ended_at_ms": round(statistics.median(ats), 1) if ats else None,
            "runs": len(durs),
        }
    lives = [r[4] for r in runs if r[4] is not None]
    memories = [r[5] for r in runs if r[5] is not None]
    memory = {}
    for role in sorted({k for m in memories for k in m}):
        memory[role] = {
            field: round(statistics.median(m.get(role, {}).get(field, 0) for m in memories) / 1024, 1)
            for field in MEMORY_FIELDS.values()
        }
    return {
        "ms": round(statistics.median(starts), 1),
        "interactive_ms": round(statistics.median(lives), 1) if lives else None,
        "all_interactive_ms": [round(v, 1) for v in lives],
        "all_ms": [round(s, 1) for s in starts],
        "rss_mib": round(statistics.median(rsses) / 1024, 1),
        "memory_mib": memory,
        "marks": dict(sorted(med_marks.items(), key=lambda kv: kv[1])),
        "steps": dict(sorted(med_steps.items(), key=lambda kv: kv[1]["ended_at_ms"] or 0)),
    }


def measure_pairs(minimal, app, env):
    """Each run starts the minimal app, then StarDesk: whatever the machine does over the
    run (another process, a slower spell) falls on both alike, and each pair's ratio is
    taken within the pair."""
    base, mine = [], []
    for i in range(RUNS):
        base.append(run_once(minimal, dict(os.environ), measure_rss=(i < RSS_RUNS)))
        mine.append(run_once(app, env, measure_rss=(i < RSS_RUNS), interactive=True))
    ratios = [m[0] / b[0] for b, m in zip(base, mine)]
    return summarize(base), summarize(mine), round(statistics.median(ratios), 2)


def print_breakdown(title, res):
    print(f"  {title}: marks, median ms since spawn (Δ from the previous mark)")
    prev = 0.0
    for name, at in res["marks"].items():
        meaning = MEANING.get(name)
        if meaning is None and name.startswith("ipc_"):
            meaning = f"first `{name[4:]}` call from the UI"
        print(f"    {at:7.0f} ms  (+{at - prev:5.0f})  {name:20s} {meaning or ''}")
        prev = at
    for name, s in res["steps"].items():
        at = "" if s["ended_at_ms"] is None else f", ended at {s['ended_at_ms']:.0f} ms"
        print(f"    step {name:14s} {s['ms']:7.1f} ms{at}  {STEP_MEANING.get(name, '')}")


def print_memory(mine, base):
    print(f"where the memory goes: RSS after {IDLE_S} s idle by process, MiB, median of {RSS_RUNS} starts"
          " (anonymous: heaps, JIT, the JS heap; file: code, fonts; a library both WebKit"
          " processes map counts in each)")
    print(f"    {'process':10s} {'StarDesk rss / anon / file':>28s}   {'minimal rss / anon / file':>28s}   rss Δ")
    for role in sorted(set(mine["memory_mib"]) | set(base["memory_mib"])):
        zero = dict.fromkeys(MEMORY_FIELDS.values(), 0.0)
        m, b = mine["memory_mib"].get(role, zero), base["memory_mib"].get(role, zero)
        cells = [" / ".join(f"{x[f]:6.1f}" for f in ("rss", "anon", "file")) for x in (m, b)]
        print(f"    {role:10s} {cells[0]:>28s}   {cells[1]:>28s}   {m['rss'] - b['rss']:+6.1f}")


def main():
    app, minimal = sys.argv[1], sys.argv[2]
    data = tempfile.mkdtemp(prefix="stardesk-bench-")
    env = dict(os.environ, STARDESK_DATA_DIR=data, STARDESK_KEY_STORE="file", STARDESK_BENCH_READY="1",
               STARDESK_LOG="info")
    try:
        # One run to sync the task hall, so every measured start opens on cached tasks.
        run_once(app, env, measure_rss=False, interactive=True)
        time.sleep(2)
        base, mine, pair_ratio = measure_pairs(minimal, app, env)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    print(f"minimal Tauri app: cold start {base['ms']:.0f} ms, RSS {base['rss_mib']:.1f} MiB "
          f"(median of {RUNS} starts; RSS of {RSS_RUNS}, after {IDLE_S} s idle)")
    print(f"StarDesk:          cold start {mine['ms']:.0f} ms (the first paint's rows), RSS {mine['rss_mib']:.1f} MiB;"
          f" the app's own rows, answering clicks, at {mine['interactive_ms']:.0f} ms"
          f" ({mine['interactive_ms'] / base['ms']:.2f}x the minimal app's start)")
    print(f"ratios: cold start {mine['ms'] / base['ms']:.2f}x, RSS {mine['rss_mib'] / base['rss_mib']:.2f}x the minimal app"
          f" (cold start, median of each pair's ratio: {pair_ratio:.2f}x)")
    print(f"  each start, ms: minimal {base['all_ms']}; StarDesk {mine['all_ms']}"
          f" (interactive {mine['all_interactive_ms']})")
    print("where the time goes:")
    print_breakdown("StarDesk", mine)
    print_breakdown("minimal app", base)
    print_memory(mine, base)

    path = os.environ.get("BENCH_JSON")
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump({
                "runs": RUNS,
                "app_ms": mine["ms"], "app_interactive_ms": mine["interactive_ms"],
                "minimal_ms": base["ms"],
                "app_rss_mib": mine["rss_mib"], "minimal_rss_mib": base["rss_mib"],
                "pair_ratio": pair_ratio,
                "app_all_ms": mine["all_ms"], "app_all_interactive_ms": mine["all_interactive_ms"],
                "minimal_all_ms": base["all_ms"],
                "breakdown": {"app": {"marks": mine["marks"], "steps": mine["steps"],
                                      "memory_mib": mine["memory_mib"]},
                              "minimal": {"marks": base["marks"], "memory_mib": base["memory_mib"]}},
            }, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
