"""Cold start and memory of StarDesk against a minimal Tauri 2 app, same machine, same run.

Cold start: from spawning the process to its UI reporting the first frame with content
(StarDesk: the task hall's first rows; minimal: its page), signalled by a READY line on
stdout (StarDesk prints it when STARDESK_BENCH_READY is set). Memory: the RSS of the whole
process tree (the app plus WebKit's web and network processes) after 10 s idle.
Prints medians and ratios; asserts nothing.
"""
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "5"))
IDLE_S = 10


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


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_once(binary, env, measure_rss):
    start = time.monotonic()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready = None
    deadline = start + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.strip() == "READY":
            ready = time.monotonic() - start
            break
    rss = None
    if ready is not None and measure_rss:
        time.sleep(IDLE_S)
        rss = sum(rss_kib(p) for p in tree(proc.pid))
    for p in reversed(tree(proc.pid)):
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass
    proc.wait()
    if ready is None:
        sys.exit(f"{binary} never reported READY")
    return ready, rss


def measure(binary, env):
    starts, rsses = [], []
    for i in range(RUNS):
        s, r = run_once(binary, env, measure_rss=(i < 3))
        starts.append(s)
        if r is not None:
            rsses.append(r)
    return statistics.median(starts), statistics.median(rsses)


def main():
    app, minimal = sys.argv[1], sys.argv[2]
    data = tempfile.mkdtemp(prefix="stardesk-bench-")
    env = dict(os.environ, STARDESK_DATA_DIR=data, STARDESK_KEY_STORE="file", STARDESK_BENCH_READY="1")
    # One run to sync the task hall, so every measured start opens on cached tasks.
    run_once(app, env, measure_rss=False)
    time.sleep(2)
    base_start, base_rss = measure(minimal, dict(os.environ))
    app_start, app_rss = measure(app, env)
    print(f"minimal Tauri app: cold start {base_start*1000:.0f} ms, RSS {base_rss/1024:.1f} MiB (median of {RUNS})")
    print(f"StarDesk:          cold start {app_start*1000:.0f} ms, RSS {app_rss/1024:.1f} MiB (median of {RUNS})")
    print(f"ratios: cold start {app_start/base_start:.2f}x, RSS {app_rss/base_rss:.2f}x the minimal app")


if __name__ == "__main__":
    main()
