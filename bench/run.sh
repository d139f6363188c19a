#!/usr/bin/env bash
# make bench: prints figures and ratios against baselines measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}

echo "== task hall: sync and queries over ${BENCH_TASKS:-100000} tasks (release)"
dbus-run-session -- bash scripts/with-keyring.sh \
  cargo run --release -q -p stardesk-core --example bench_hall

echo
echo "== settlements: a 1,000,000-line statement imported into the encrypted store, vs parsing it only"
dbus-run-session -- bash scripts/with-keyring.sh \
  cargo run --release -q -p stardesk-core --example bench_import

echo
echo "== cold start to the task hall's first rows, and RSS after 10 s idle, vs a minimal Tauri 2 app"
cargo build --release -q -p stardesk-app -p stardesk-bench-minimal
WEBKIT_DISABLE_DMABUF_RENDERER=1 xvfb-run -a -s "-screen 0 1440x900x24" \
  python3 bench/startup.py "$target/release/stardesk-app" "$target/release/stardesk-bench-minimal"

echo
echo "== reconcile 1,000,000 rows: stardesk vs pandas, polars, DuckDB"
venv=${STARDESK_BENCH_VENV:-$HOME/.cache/stardesk/bench-venv}
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q --disable-pip-version-check pandas polars duckdb
cargo build --release -q -p stardesk-cli
python3 bench/reconcile/run.py "$target/release/stardesk" "$venv/bin/python"
