#!/usr/bin/env bash
# Runs "$@" with an unlocked gnome-keyring Secret Service on the current (private)
# D-Bus session. Use under dbus-run-session.
#
# gnome-keyring-daemon itself sometimes aborts mid-run (the kernel log shows "traps:
# gnome-keyring-d ... trap int3 ... in libglib-2.0"); every keychain call after it fails.
# Test suites that start many short-lived processes, each opening the keychain, hit it now
# and then: the rights CLI tests (five at once) run again and again under one daemon took
# it down after 7, 11, 20, 24 and 25 runs (2026-12-04). Not with one test at a time (30
# runs), nor under dbus-monitor or a --foreground daemon (300 runs: it is a matter of
# timing); making every keychain request of every process wait its turn (flock) did not
# stop it, nor did writing secrets without the one property read StarDesk's client makes.
#
# So: when the daemon died during a failed run, the run is repeated with a new daemon (twice
# at most). A `cargo test` run repeats only the test targets that failed (cargo names each:
# "to rerun pass `-p … --test …`"): a short repeat, unlikely to meet the abort again. A
# run that fails with the daemon alive fails as it is.
set -uo pipefail
command -v gnome-keyring-daemon >/dev/null || {
  echo "with-keyring: gnome-keyring-daemon is missing (Debian package gnome-keyring)" >&2; exit 1; }

# The process id of the Secret Service's owner on the bus, empty when there is none.
secret_service_pid() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
    awk '/uint32/ {print $2}'
}

# Starts an unlocked daemon ($1: extra options) in a throwaway keyring directory, so tests
# never touch the user's own keyrings, and sets KEYRING_PID.
start_keyring() {
  local before
  before=$(secret_service_pid)
  export XDG_DATA_HOME=${STARDESK_TEST_XDG:-$(mktemp -d)}
  # shellcheck disable=SC2086
  eval "$(echo -n stardesk-test | gnome-keyring-daemon $1 --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  # The daemon takes the Secret Service name on the bus a moment after it returns; a client
  # asking before that makes D-Bus start a second, locked daemon, and every keychain call
  # fails ("no result found"; seen once on a loaded machine). Wait for the name, 10 s at
  # most. After a daemon died, D-Bus has started such a locked one for the next client, and
  # it holds the name until this one (--replace) takes it over: wait for a new owner.
  KEYRING_PID=""
  for _ in $(seq 100); do
    KEYRING_PID=$(secret_service_pid)
    [[ -n $KEYRING_PID && $KEYRING_PID != "$before" ]] && break
    sleep 0.1
  done
}

# Dead: the name has no owner, or another one (D-Bus starts a locked daemon for the next
# client). A dead daemon may stay a zombie, so the process is not asked.
daemon_died() {
  [[ -n $KEYRING_PID && $(secret_service_pid) != "$KEYRING_PID" ]]
}

LOG=$(mktemp)
trap 'rm -f "$LOG" "$LOG.again"' EXIT
is_cargo_test=false
[[ ${1-} == cargo && ${2-} == test ]] && is_cargo_test=true

# Runs "$@"; a `cargo test` run's output is kept in $LOG too, for the targets that failed.
run() {
  if $is_cargo_test; then
    "$@" 2>&1 | tee "$LOG"
    return "${PIPESTATUS[0]}"
  fi
  "$@"
}

# Runs again only the test targets that failed in $LOG, under the same daemon, with the
# command's own options but those that choose packages and targets (a command with `--`
# arguments is not supported); 1 when cargo named none. A --workspace stays: with it cargo
# builds each package with the workspace's features, as the first run did, so nothing is
# compiled again.
rerun_failed_targets() {
  local targets options=() target status=0 s skip=false
  mapfile -t targets < <(grep -a -o 'to rerun pass `[^`]*`' "$LOG" |
    sed -e 's/^to rerun pass `//' -e 's/`$//' | sort -u)
  ((${#targets[@]})) || return 1
  for a in "${@:3}"; do
    if $skip; then
      skip=false
      continue
    fi
    case $a in
    -p | --package | --exclude | --test | --bin | --example | --bench) skip=true ;;
    -p* | --package=* | --exclude=* | --test=* | --bin=* | --example=* | --bench=*) ;;
    --lib | --doc | --tests | --bins | --examples | --benches | --all-targets) ;;
    *) options+=("$a") ;;
    esac
  done
  : >"$LOG.again"
  for target in "${targets[@]}"; do
    echo "with-keyring: again: cargo test $target ${options[*]}" >&2
    # shellcheck disable=SC2086
    cargo test $target "${options[@]}" 2>&1 | tee -a "$LOG.again"
    s=${PIPESTATUS[0]}
    ((s)) && status=$s
  done
  mv "$LOG.again" "$LOG"
  return $status
}

start_keyring ""
run "$@"
status=$?
for _ in 1 2; do
  if [[ $status -eq 0 ]] || ! daemon_died; then
    break
  fi
  echo "with-keyring: gnome-keyring-daemon (pid $KEYRING_PID) died during the run (its" \
    "abort, see scripts/with-keyring.sh); running again with a new daemon" >&2
  start_keyring --replace
  if $is_cargo_test && grep -a -q 'to rerun pass `' "$LOG"; then
    rerun_failed_targets "$@"
    status=$?
  else
    run "$@"
    status=$?
  fi
done
exit $status
