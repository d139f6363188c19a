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
# at most). A `cargo test --no-fail-fast` run repeats only the test targets that failed
# (cargo names each: "to rerun pass `-p … --test …`"): a short repeat, unlikely to meet the
# abort again. Without --no-fail-fast cargo stops at the first failed target and never ran
# the others, so the whole command is repeated. A run that fails with the daemon alive fails
# as it is.
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

# Runs again only the test targets that failed in $LOG, in one `cargo test` under the same
# daemon: the command's own options (its packages, --workspace, --no-fail-fast, features)
# without its target selectors, then the failed targets' selectors without their `-p`
# (cargo ignores `-p` beside --workspace, and the packages are the command's own). Under
# --workspace a selector runs in every package that has such a target (`--lib`: every
# library's unit tests), more than failed but nothing rebuilt: the same packages and
# features as the first run. Doctests (`--doc`, which mixes with no other selector) run in
# a call of their own. Returns 1 when cargo named no target.
rerun_failed_targets() {
  local specs options=() selectors=() doc=false status=0 skip=false a
  mapfile -t specs < <(grep -a -o 'to rerun pass `[^`]*`' "$LOG" |
    sed -e 's/^to rerun pass `//' -e 's/`$//' -e 's/\(^\| \)-p [^ ]*//g' | sort -u)
  ((${#specs[@]})) || return 1
  for a in "${@:3}"; do
    if $skip; then
      skip=false
      continue
    fi
    case $a in
    --test | --bin | --example | --bench) skip=true ;;
    --test=* | --bin=* | --example=* | --bench=*) ;;
    --lib | --doc | --tests | --bins | --examples | --benches | --all-targets) ;;
    *) options+=("$a") ;;
    esac
  done
  for spec in "${specs[@]}"; do
    if [[ $spec == *--doc* ]]; then
      doc=true
    else
      # shellcheck disable=SC2206
      selectors+=($spec)
    fi
  done
  # One `cargo test` with the options and "$@"; its output is kept for a next repeat.
  again() {
    echo "with-keyring: again: cargo test ${options[*]} $*" >&2
    cargo test "${options[@]}" "$@" 2>&1 | tee -a "$LOG.again"
    ((PIPESTATUS[0])) && status=1
  }
  : >"$LOG.again"
  ((${#selectors[@]})) && again "${selectors[@]}"
  $doc && again --doc
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
  if $is_cargo_test && [[ " $* " == *" --no-fail-fast "* ]] && grep -a -q 'to rerun pass `' "$LOG"; then
    rerun_failed_targets "$@"
    status=$?
  else
    run "$@"
    status=$?
  fi
done
exit $status
