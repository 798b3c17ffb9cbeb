"""`make bench`: from a keystroke in a wizard field to its validation message shown and the
answer saved.

The wizard runs headless (Textual's test driver) on a real SQLite store in a temporary
COMPTOIR_HOME. For each of 200 keystrokes typed into a date field, three stamps: the key
handed to the input, the end of the wizard's change handler (answer checked, message set,
autosave committed), and the next refresh after it. Pilot's own pauses are not measured
(see the engineering notes). Merges into bench/results.json: keystroke_p50_ms,
keystroke_p95_ms (key → refreshed screen) and keystroke_handler_p95_ms (check + autosave).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
sys.path.insert(0, str(ROOT))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


async def measure(keys: int = 200) -> dict[str, float]:
    from forms.model import Etablissement
    from storage import open_store
    from tui.journey import open_wizard
    from tui.screens.wizard import WizardScreen

    store = open_store()
    etab = store.save_etablissement(Etablissement(siret="73282932000017", raison_sociale="BENCH"))
    from tui.app import ComptoirApp

    app = ComptoirApp(settings={"plain": False, "theme": "comptoir", "animations": False, "lang": None})
    total: list[float] = []
    handler: list[float] = []
    start: list[float] = []
    def stamp(stage: str) -> None:
        if not start:  # changes before the first measured key (the step being drawn)
            return
        elapsed = (time.perf_counter() - start[-1]) * 1000
        (handler if stage == "handled" else total).append(elapsed)

    WizardScreen.timing = staticmethod(stamp)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.store is None:
            await pilot.pause(0.02)
        screen = open_wizard(app, "arret", etab_id=etab)
        await pilot.pause(0.2)
        await pilot.press("f8")  # to the establishment step
        await pilot.pause(0.1)
        box = screen.fields[0].input
        box.focus()
        text = "15/03/2026"
        for i in range(keys):
            if i % len(text) == 0:
                box.value = ""
                await pilot.pause()
                del handler[len(start):], total[len(start):]  # the clearing is not a keystroke
            start.append(time.perf_counter())
            await pilot.press(text[i % len(text)])
            await pilot.pause()
    WizardScreen.timing = None
    store.close()
    return {
        "keystroke_p50_ms": round(statistics.median(total), 2),
        "keystroke_p95_ms": round(p95(total), 2),
        "keystroke_handler_p95_ms": round(p95(handler), 2),
        "keystroke_samples": len(total),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["COMPTOIR_HOME"] = home
        os.environ.pop("COMPTOIR_DATABASE_URL", None)
        figures = asyncio.run(measure())
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.update(figures)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
