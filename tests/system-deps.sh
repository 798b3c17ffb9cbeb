#!/usr/bin/env bash
# System packages the test suite needs (none yet for the engine; storage and the TUI will
# add gnome-keyring, dbus, postgresql and tmux here). Installs only what is missing.
set -euo pipefail
exit 0
