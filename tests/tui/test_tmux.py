"""End to end: the real `comptoir` command inside tmux (send-keys, capture-pane), as a person
would use it — first-run set-up, then the home; then, once the wizard exists, a whole DPAE
typed at the keyboard and the file checked on disk."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPTOIR = Path(sys.executable).parent / "comptoir"
TMUX = shutil.which("tmux") or "/usr/bin/tmux"

pytestmark = pytest.mark.skipif(not Path(TMUX).exists(), reason="tmux is not installed (tests/system-deps.sh installs it)")


class Tmux:
    def __init__(self, home: Path, width: int = 120, height: int = 40) -> None:
        self.socket = f"comptoir-{uuid.uuid4().hex[:8]}"
        self.home = home
        # -u COLUMNS -u LINES: the server may carry them from where it was started (80×24), and
        # they would win over the real size of the pane.
        env = f"env -u COLUMNS -u LINES COMPTOIR_HOME={home} TERM=xterm-256color COMPTOIR_LANG=fr TEXTUAL_ANIMATIONS=none"
        self.run("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), f"{env} {COMPTOIR}")

    def run(self, *args: str) -> str:
        out = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=30)
        return out.stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "t", *keys)

    def type(self, text: str) -> None:
        if text:
            self.run("send-keys", "-t", "t", "-l", text)

    def screen(self) -> str:
        return self.run("capture-pane", "-t", "t", "-p")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        end = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} not on screen after {timeout}s:\n{screen}")
            time.sleep(0.1)

    def focused(self) -> str:
        """Where the focus is: the top line of the one box drawn heavy (┏━ its title ━┓); not
        its row, which changes when the view scrolls without the focus moving."""
        for line in self.screen().splitlines():
            if "┏" in line:
                return line.strip()
        return ""

    def focused_text(self) -> str | None:
        """What the focused box holds (the line under its ┏ top), None when none is drawn."""
        lines = self.screen().splitlines()
        for row, line in enumerate(lines[:-1]):
            if "┏" in line:
                return lines[row + 1].strip().strip("┃").strip()
        return None

    def clear(self, timeout: float = 20.0) -> None:
        """Empty the focused field (End, ctrl+u) and wait until it shows empty: Textual runs a
        binding such as ctrl+u once the key has gone up to the screen, so characters typed
        right after could otherwise land before it runs, and be wiped. An empty field is left
        alone for the same reason."""
        if self.focused_text() == "":
            return
        self.keys("End", "C-u")
        end = time.monotonic() + timeout
        while self.focused_text() != "":
            if time.monotonic() > end:
                raise AssertionError(f"the field was not emptied:\n{self.screen()}")
            time.sleep(0.05)

    def wait_until_focused(self, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while not self.focused():
            if time.monotonic() > end:
                raise AssertionError(f"nothing focused:\n{self.screen()}")
            time.sleep(0.05)

    def enter(self, timeout: float = 20.0) -> None:
        """Enter, then wait until the focus has moved (the next field, the next step or the
        summary of errors): keys typed after that go to the right field however slow the
        machine is."""
        before = self.focused()
        self.keys("Enter")
        end = time.monotonic() + timeout
        while True:
            now = self.focused()
            # "": the next box is not drawn in full yet; and a capture may catch a frame half
            # drawn: the new place counts once seen twice in a row.
            if now not in (before, ""):
                time.sleep(0.1)
                if self.focused() == now:
                    return
            if time.monotonic() > end:
                raise AssertionError(f"the focus did not move after Enter:\n{self.screen()}")
            time.sleep(0.05)

    def answer(self, *values: str) -> None:
        for value in values:
            self.type(value)
            self.enter()

    def close(self) -> None:
        self.run("kill-server")


@pytest.fixture
def tmux(tmp_path):
    session = Tmux(tmp_path / "home")
    yield session
    session.close()


def first_run(tmux: Tmux) -> str:
    tmux.wait_for("Étape 1 sur 3")
    tmux.wait_until_focused()
    tmux.answer("732 829 320 00017", "Boulangerie Martin", "1071C", "", "")
    tmux.wait_for("Étape 2 sur 3")
    tmux.answer("12 rue de la Paix", "75002", "Paris")
    tmux.wait_for("Étape 3 sur 3")
    tmux.answer("Martin Paul", "paul@example.fr", "01 02 03 04 05")
    return tmux.wait_for("BOULANGERIE MARTIN — SIRET 73282932000017")


def test_first_run_set_up_then_the_home_in_a_real_terminal(tmux: Tmux) -> None:
    screen = first_run(tmux)
    assert "Que voulez-vous faire ?" in screen and "Prochaines échéances" in screen
    assert "F2 Nouvelle déclaration" in screen  # the footer lists the keys
    assert (tmux.home / "comptoir.db").exists()
    # Check a file from the home, and come back with Escape.
    tmux.keys("F3")
    tmux.wait_for("Chemin du fichier DSN")
    tmux.type(str(ROOT / "tests" / "samples" / "mensuelle-normale.dsn"))
    tmux.keys("Enter")
    tmux.wait_for("Accepté : aucune anomalie bloquante", timeout=60)
    tmux.keys("Escape")
    tmux.wait_for("Que voulez-vous faire ?")
    tmux.keys("C-q")
    end = time.monotonic() + 10
    while "BOULANGERIE" in tmux.screen() and time.monotonic() < end:
        time.sleep(0.1)
    assert "BOULANGERIE" not in tmux.screen()  # the app has quit


WIZARD_READY = (ROOT / "tui" / "journey.py").exists() and (ROOT / "forms" / "declarations" / "dpae.py").exists()


@pytest.mark.skipif(not WIZARD_READY, reason="the declaration wizard (tui/journey.py) has not landed yet")
def test_a_whole_dpae_typed_at_the_keyboard_gives_a_file_on_disk(tmux: Tmux) -> None:
    """F2, DPAE, then every step typed: a value replaces what the field shows, an empty answer
    keeps it (the establishment is prefilled from the set-up); Enter moves on, and from the
    last field of a step to the next step; F3 on the review writes the real file."""
    first_run(tmux)
    tmux.keys("F2")
    tmux.wait_for("Quelle déclaration ?")
    tmux.keys("Enter")  # DPAE is the first kind
    steps = [
        ("Établissement", ["", "", "", "", ""]),
        ("Adresse de l'établissement", ["", "", ""]),
        ("Personne à contacter", ["", "", ""]),
        ("Employeur pour la DPAE", ["117", "25"]),
        ("Embauches", [""]),
        ("Salarié : identité", ["Durand", "Lise", "", "02", "12/03/1985", "2 85 03 75 123 456"]),
        ("Salarié : lieu de naissance", ["", "Paris", "75", ""]),
        ("Embauche", ["01", "16/03/2026", "9h", ""]),
    ]
    for title, values in steps:
        tmux.wait_for(f"— {title}")  # the progress line: "Étape 3 sur 8 — Personne à contacter"
        tmux.wait_until_focused()
        for value in values:
            if value:
                tmux.clear()
                tmux.type(value)
            tmux.enter()
    tmux.wait_for("Relecture", timeout=60)
    tmux.wait_for("Prêt : aucune anomalie bloquante", timeout=60)
    tmux.keys("F3")
    tmux.wait_for("Écrit", timeout=30)
    files = list(tmux.home.rglob("*.xml"))
    assert len(files) == 1, tmux.screen()
    data = files[0].read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>')
    assert b"<FR_DUE_Upload.Test.Indicator>120<" in data  # F3: the real file
    assert b"DURAND" in data and b"2026-03-16" in data and b"09:00:00" in data
    assert oct(files[0].stat().st_mode & 0o777) == "0o600"
