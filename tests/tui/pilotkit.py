"""Helpers of the TUI tests: a throwaway COMPTOIR_HOME, a fixed clock, animations off, seeded
data, waiting for workers, and the screen as plain text."""

from __future__ import annotations

import html
import re
import time
from datetime import date
from pathlib import Path
from typing import Any

TODAY = date(2026, 3, 10)
SIRET_A = "73282932000017"
SIRET_B = "55210055400013"
SETTINGS = {"plain": False, "theme": "comptoir", "animations": False, "lang": None}
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def make_app(lang: str | None = None, today: date = TODAY, **settings: Any):  # type: ignore[no-untyped-def]
    from tui.app import ComptoirApp

    return ComptoirApp(lang=lang, today=today, settings={**SETTINGS, **settings})


async def wait_until(pilot: Any, condition, timeout: float = 15.0, what: str = "") -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.02)
    await pilot.pause()


async def home_loaded(pilot: Any) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: app.store is not None and app._home().loaded, what="home loaded")


async def type_text(pilot: Any, text: str) -> None:
    keys = ["space" if c == " " else c for c in text]
    if keys:
        await pilot.press(*keys)


def seed(home: Path, etabs: tuple[str, ...] = (SIRET_A,), drafts: bool = False, files: bool = False) -> list[int]:
    """Establishments (and a draft, produced files) in the database of COMPTOIR_HOME=home."""
    from sqlalchemy import text

    from forms.model import Etablissement
    from storage import open_store

    names = {SIRET_A: "BOULANGERIE MARTIN", SIRET_B: "GARAGE DURAND"}
    store = open_store("sqlite:///" + str(home / "comptoir.db"))
    try:
        ids = [
            store.save_etablissement(Etablissement(siret=s, raison_sociale=names.get(s, "X"), ape="1071C", effectif="3"))
            for s in etabs
        ]
        if drafts:
            store.create_draft(ids[0], "dpae", "2026-03", {"embauches.0.contrat.debut": "2026-03-16"})
            store.create_draft(ids[0], "arret", "2026-02", {"arret.dernier_jour": "2026-02-20"})
        if files:
            people = [("1850375123456", "MARTIN Paul"), ("2900175654321", "DURAND Lise")]
            store.record_file(etab_id=ids[0], draft_id=None, path="/tmp/dsn-2026-01.dsn", data=b"a", nature="01",
                              type="01", test=False, period="2026-01", people=people)
            store.record_file(etab_id=ids[0], draft_id=None, path="/tmp/dsn-2026-02.dsn", data=b"b", nature="01",
                              type="01", test=False, period="2026-02", people=people[:1])
            store.record_file(etab_id=ids[0], draft_id=None, path="/tmp/dpae-durand.xml", data=b"c", nature="DPAE",
                              type="", test=True, period="2026-02", people=people[1:])
        with store.write() as conn:  # fixed times: stable snapshots
            conn.execute(text("UPDATE draft SET created = '2026-03-02T09:00:00', updated = '2026-03-05T10:00:00'"))
            conn.execute(text("UPDATE produced_file SET created = '2026-03-01T08:00:00'"))
    finally:
        store.close()
    return ids


def svg_text(svg: str) -> str:
    """The characters of a Textual SVG screenshot, line by line (for assertions)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        x, y = float(m.group(1)), float(m.group(2))
        rows.setdefault(y, []).append((x, html.unescape(re.sub(r"<[^>]+>", "", m.group(3)))))
    out = []
    for y in sorted(rows):
        line = ""
        for x, t in sorted(rows[y]):
            col = int(round(x / 12.2))
            line = line.ljust(col)[:col] + t
        out.append(line.replace("\xa0", " ").rstrip())
    return "\n".join(out)


def screen_text(app: Any) -> str:
    return svg_text(app.export_screenshot())
