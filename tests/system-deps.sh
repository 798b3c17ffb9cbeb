#!/usr/bin/env bash
# System packages the test suite needs, installed only when missing (quick when all are there):
#   postgresql     a throwaway server for the storage tests (tests/storage/conftest.py)
#   gnome-keyring  a real Secret Service for the credentials tests, on
#   dbus           a private session bus (dbus-daemon)
#   tmux           the TUI tests drive the app in it
# Runs as root on CI (Debian); elsewhere it uses sudo when it can, or says what to install.
set -euo pipefail

missing=()
have() { command -v "$1" >/dev/null 2>&1; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
have gnome-keyring-daemon || missing+=(gnome-keyring)
have dbus-daemon || missing+=(dbus)
have tmux || missing+=(tmux)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif have sudo && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    echo "tests/system-deps.sh: please install: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 0  # the tests concerned skip locally with the reason, and fail under CI=true
fi
if ! have apt-get; then
    echo "tests/system-deps.sh: no apt-get; please install: ${missing[*]}" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >/dev/null
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "tests/system-deps.sh: installed ${missing[*]}" >&2
