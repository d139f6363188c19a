#!/usr/bin/env bash
# Runs "$@" with an unlocked gnome-keyring Secret Service on the current (private)
# D-Bus session. Use under dbus-run-session.
set -euo pipefail
command -v gnome-keyring-daemon >/dev/null || {
  echo "with-keyring: gnome-keyring-daemon is missing (Debian package gnome-keyring)" >&2; exit 1; }
# A throwaway keyring directory, so tests never touch the user's own keyrings.
export XDG_DATA_HOME=${STARDESK_TEST_XDG:-$(mktemp -d)}
eval "$(echo -n stardesk-test | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
# The daemon takes the Secret Service name on the bus a moment after it returns; a client
# asking before that makes D-Bus start a second, locked daemon, and every keychain call
# fails ("no result found"; seen once on a loaded machine). Wait for the name, 10 s at most.
for _ in $(seq 100); do
  owned=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null || true)
  [[ $owned == *"boolean true"* ]] && break
  sleep 0.1
done
exec "$@"
