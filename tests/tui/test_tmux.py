"""End to end: the real `comptoir` command inside tmux (send-keys, capture-pane), as a person
would use it — first-run set-up, then the home; then, once the wizard exists, a whole DPAE
typed at the keyboard and the file checked on disk."""

from __future__ import annotations

import os
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
        env = f"env COMPTOIR_HOME={home} TERM=xterm-256color COMPTOIR_LANG=fr TEXTUAL_ANIMATIONS=none"
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

    def answer(self, *values: str) -> None:
        for value in values:
            self.type(value)
            time.sleep(0.05)
            self.keys("Enter")
            time.sleep(0.15)

    def close(self) -> None:
        self.run("kill-server")


@pytest.fixture
def tmux(tmp_path):
    session = Tmux(tmp_path / "home")
    yield session
    session.close()


def first_run(tmux: Tmux) -> str:
    tmux.wait_for("Étape 1 sur 3")
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
def test_a_whole_dpae_typed_at_the_keyboard_gives_a_file_on_disk(tmux: Tmux) -> None:  # pragma: no cover - wizard
    """Assumes the wizard asks one step at a time, Enter moving to the next field and from the
    last field to the next step (as the set-up does), the establishment prefilled."""
    first_run(tmux)
    tmux.keys("F2")
    tmux.wait_for("Quelle déclaration ?")
    tmux.keys("Enter")  # DPAE is the first kind
    from forms.declarations import get
    from forms.session import FormSession

    answers = {
        "embauches.0.individu.nir": "1 85 03 75 123 456",
        "embauches.0.individu.nom": "DURAND",
        "embauches.0.individu.prenoms": "Lise",
        "embauches.0.individu.naissance_date": "12/03/1985",
        "embauches.0.individu.naissance_lieu": "Paris",
        "embauches.0.contrat.debut": "16/03/2026",
        "embauches.0.contrat.heure_embauche": "09:00",
    }
    session = FormSession(get("dpae").form, {})
    seen = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        screen = tmux.screen()
        for slot in session.slots():
            if slot.key in seen or slot.question.id.startswith("etablissement."):
                continue
            seen.add(slot.key)
            tmux.answer(answers.get(slot.key, ""))
        if "Exporter" in screen or "export" in screen.lower():
            break
        time.sleep(0.2)
    files = [p for p in list(tmux.home.rglob("*.xml")) + list(Path(os.getcwd()).glob("*.xml"))]
    assert files, tmux.screen()
