#!/usr/bin/env bash
# Runs a command (the keychain tests) against a real Secret Service: a private D-Bus session with GNOME
# Keyring, its login keyring created in a temporary folder and unlocked with a throwaway password.
# Needs Debian's dbus and gnome-keyring. Usage: scripts/with-secret-service.sh npx vitest run test/credentials
set -euo pipefail
if [ -z "${GQX_SECRET_SERVICE_SESSION:-}" ]; then
	exec dbus-run-session -- env GQX_SECRET_SERVICE_SESSION=1 bash "$0" "$@"
fi
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
# The keyring's files go to the temporary folder, never to the user's own keyrings.
export XDG_DATA_HOME="$folder/data" XDG_RUNTIME_DIR="$folder/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The tests lock the keyring and unlock it again with this password.
GQX_TEST_KEYRING_PASSWORD="gqx-test-$RANDOM$RANDOM"
export GQX_TEST_KEYRING_PASSWORD
printf '%s' "$GQX_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
