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
exec "$@"
