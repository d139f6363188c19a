#!/usr/bin/env bash
# End-to-end tests of the real app window: Xvfb for the display, tauri-driver with
# WebKitWebDriver for WebDriver. Usage: scripts/e2e.sh APP_BINARY ARTIFACTS_DIR SANDBOX_BINARY
# (the standalone sandbox: the platform the campaign tests take away and bring back).
set -euo pipefail
app=$(realpath "$1")
out=$(realpath "$2")
sandbox=$(realpath "$3")
need() { command -v "$1" >/dev/null || { echo "e2e: $1 is missing (install: $2)" >&2; exit 1; }; }
need xvfb-run "apt-get install xvfb xauth"
need WebKitWebDriver "apt-get install webkit2gtk-driver"
need tauri-driver "cargo install tauri-driver --version ^2 --locked"
[ -x "$app" ] || { echo "e2e: $app is not a built binary (make app-test)" >&2; exit 1; }
[ -x "$sandbox" ] || { echo "e2e: $sandbox is not a built binary (make app-test)" >&2; exit 1; }
export STARDESK_E2E_APP="$app" STARDESK_E2E_OUT="$out" STARDESK_E2E_SANDBOX="$sandbox"
# Software rendering: Xvfb has no GPU, and WebKit's DMA-BUF renderer shows blank frames there.
export WEBKIT_DISABLE_DMABUF_RENDERER=1 LIBGL_ALWAYS_SOFTWARE=1
cd "$(dirname "$0")/.."
xvfb-run -a -s "-screen 0 1440x900x24" node --test --test-concurrency=1 ${STARDESK_E2E_ONLY:-tests/e2e/}
echo "e2e: screenshots in $out"
