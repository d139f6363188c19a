#!/usr/bin/env bash
# make bench: prints figures and ratios against baselines measured in the same run. Each
# part writes its figures to a JSON file in $parts (BENCH_JSON); bench/results.py merges
# them into bench/results.json and docs/benchmarks.md and prints the table of targets.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
parts=${BENCH_PARTS:-$(mktemp -d -t stardesk-bench-parts.XXXXXX)}
mkdir -p "$parts"
rm -f "$parts"/*.json

echo "== task hall: sync and queries over ${BENCH_TASKS:-100000} tasks (release)"
BENCH_JSON="$parts/hall.json" dbus-run-session -- bash scripts/with-keyring.sh \
  cargo run --release -q -p stardesk-core --example bench_hall

echo
echo "== settlements: a 1,000,000-line statement imported into the encrypted store, vs parsing it only"
BENCH_JSON="$parts/import.json" dbus-run-session -- bash scripts/with-keyring.sh \
  cargo run --release -q -p stardesk-core --example bench_import

echo
echo "== cold start to the task hall's first rows, and RSS after 10 s idle, vs a minimal Tauri 2 app"
cargo build --release -q -p stardesk-app -p stardesk-bench-minimal
BENCH_JSON="$parts/startup.json" WEBKIT_DISABLE_DMABUF_RENDERER=1 xvfb-run -a -s "-screen 0 1440x900x24" \
  python3 bench/startup.py "$target/release/stardesk-app" "$target/release/stardesk-bench-minimal"

echo
echo "== reconcile 1,000,000 rows: stardesk vs DuckDB, polars, pandas"
venv=${STARDESK_BENCH_VENV:-$HOME/.cache/stardesk/bench-venv}
"$venv/bin/python" -c 'import pandas, polars, duckdb, pyarrow' || {
  echo "bench: $venv lacks pandas, polars, duckdb or pyarrow: run scripts/deps.sh bench" >&2; exit 1; }
cargo build --release -q -p stardesk-cli
BENCH_JSON="$parts/reconcile.json" python3 bench/reconcile/run.py "$target/release/stardesk" "$venv/bin/python"

echo
echo "== release binaries"
cargo build --release -q -p stardesk-sandbox
python3 bench/results.py sizes "$target/release" "$parts/sizes.json"

echo
echo "== results (parts in $parts)"
python3 bench/results.py assemble "$parts"
