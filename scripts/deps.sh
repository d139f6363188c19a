#!/usr/bin/env bash
# Installs what StarDesk needs to build, run and test, and only what is missing.
#   scripts/deps.sh run    system packages to build and run the app, Node packages
#   scripts/deps.sh test   the same, plus what the tests use (Xvfb, WebKitWebDriver,
#                          tauri-driver, a headless keychain)
#   scripts/deps.sh bench  the tests' set, plus a Python venv with the tools the
#                          reconciliation is compared with (pandas, polars, DuckDB, pyarrow)
set -euo pipefail
mode=${1:-run}
here=$(cd "$(dirname "$0")/.." && pwd)

build_pkgs=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev libdbus-1-dev fonts-noto-cjk)
test_pkgs=(xvfb xauth webkit2gtk-driver gnome-keyring dbus dbus-x11 libsecret-tools)

pkgs=("${build_pkgs[@]}")
[ "$mode" = test ] || [ "$mode" = bench ] && pkgs+=("${test_pkgs[@]}")
[ "$mode" = bench ] && pkgs+=(python3 python3-venv python3-pip time)

case "$(uname -s)" in
  Linux)
    if command -v dpkg-query >/dev/null; then
      missing=()
      for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
      done
      if [ ${#missing[@]} -gt 0 ]; then
        echo "deps: installing ${missing[*]}"
        sudo_cmd=""
        [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
      fi
    else
      echo "deps: not a Debian/Ubuntu system; install the equivalents of: ${pkgs[*]}" >&2
    fi
    ;;
  Darwin) xcode-select -p >/dev/null 2>&1 || { echo "deps: run 'xcode-select --install' first" >&2; exit 1; } ;;
  *) echo "deps: on Windows install the WebView2 runtime and the MSVC build tools (see README)" >&2 ;;
esac

command -v cargo >/dev/null || { echo "deps: Rust is missing: install it from rustup (https://rustup.rs)" >&2; exit 1; }
command -v npm >/dev/null || { echo "deps: Node.js 20+ with npm is missing (Debian: apt-get install nodejs npm)" >&2; exit 1; }

# Node packages: npm ci when the lock file changed since the last install.
stamp="$here/ui/node_modules/.stardesk-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$here/ui/package-lock.json" "$stamp"; then
  echo "deps: npm ci (ui)"
  (cd "$here/ui" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/ui/package-lock.json" "$stamp"
fi

# The benchmark's peers, in their own venv (STARDESK_BENCH_VENV; bench/run.sh uses it).
if [ "$mode" = bench ]; then
  venv=${STARDESK_BENCH_VENV:-$HOME/.cache/stardesk/bench-venv}
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  if ! "$venv/bin/python" -c 'import pandas, polars, duckdb, pyarrow' 2>/dev/null; then
    echo "deps: pip install pandas polars duckdb pyarrow (into $venv)"
    "$venv/bin/pip" install -q --disable-pip-version-check pandas polars duckdb pyarrow
  fi
fi

if [ "$mode" != run ] && ! command -v tauri-driver >/dev/null; then
  echo "deps: cargo install tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
