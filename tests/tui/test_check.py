"""Check a file without sending it, and import a DSN: the engine runs in a thread worker, the
progress bar follows the validator's progress callback, the report is the text of
tui/report.render_report in a focusable log, and the import says what it took."""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
import threading
from pathlib import Path

import pytest
from textual.widgets import Input, Log, ProgressBar

from tests.tui.pilotkit import SAMPLES, home_loaded, make_app, screen_text, seed, type_text, wait_until

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path, monkeypatch):
    path = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(path))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    return path


def big_dsn(path: Path, lines: int = 100_000) -> Path:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    module.generate(path, lines)
    return path


async def run_job(pilot, key: str, path: str):  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press(key)
    await wait_until(pilot, lambda: hasattr(app.screen, "result_ok"), what="the job screen")
    screen = app.screen
    box = screen.query_one("#job-path", Input)
    assert app.focused is box
    await type_text(pilot, path)
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.result_ok is not None or (not screen.running and screen.result_text == ""
                                                                       and "Erreur" in screen_text(app)),
                     timeout=60, what="the report")
    return screen


def test_check_a_file_shows_progress_and_the_report_without_freezing(home, tmp_path, monkeypatch) -> None:
    seed(home)
    dsn = big_dsn(tmp_path / "big.dsn")
    import forms.validator as validator

    threads: list[str] = []
    real = validator.validate_path

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(validator, "validate_path", spy)
    from tui.screens.check import CheckScreen

    progress: list[int] = []
    original = CheckScreen.on_job_progress

    def record(self, message):  # type: ignore[no-untyped-def]
        progress.append(message.done)
        original(self, message)

    monkeypatch.setattr(CheckScreen, "on_job_progress", record)

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await home_loaded(pilot)
            screen = await run_job(pilot, "f3", str(dsn))
            assert isinstance(screen, CheckScreen)
            assert threads and threads[0] != threading.main_thread().name  # the engine ran in a worker thread
            assert len(progress) >= 3 and progress == sorted(progress)  # the bar moved, step by step
            bar = screen.query_one("#job-progress", ProgressBar)
            assert bar.progress == bar.total == dsn.stat().st_size
            log = screen.query_one("#job-log", Log)
            assert log.can_focus and log.line_count > 3
            text = "\n".join(str(line) for line in log.lines)
            from forms.validator import validate_path
            from tui.report import render_report

            expected = render_report(validate_path(dsn)).splitlines()
            got = text.splitlines()
            got = got[got.index(expected[0]):]
            for i, (a, b) in enumerate(zip(expected, got, strict=False)):
                assert a.rstrip() == b.rstrip(), (i, a, b)
            assert len(got) == len(expected)
            assert text.splitlines()[0].startswith(("Accepté", "Refusé"))
            await pilot.press("tab", "tab")
            assert app.focused is log  # reachable from the keyboard, to scroll the report
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1)

    asyncio.run(journey())


def test_check_says_passed_or_refused_in_words(home, tmp_path) -> None:
    seed(home)
    broken = tmp_path / "broken.dsn"
    data = (SAMPLES / "mensuelle-normale.dsn").read_bytes().replace(b"S21.G00.06.001,'", b"S21.G00.06.001,'9", 1)
    broken.write_bytes(data)

    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await home_loaded(pilot)
            screen = await run_job(pilot, "f3", str(SAMPLES / "mensuelle-normale.dsn"))
            assert screen.result_ok is True
            assert "Passed: no blocking finding" in screen_text(app)
            screen.query_one("#job-path", Input).value = str(broken)
            screen.query_one("#job-path", Input).focus()
            screen.result_ok = None
            await pilot.press("f3")
            await wait_until(pilot, lambda: screen.result_ok is not None, timeout=60)
            assert screen.result_ok is False
            assert "Refused:" in screen_text(app)
            # A path that is not a file: said in words, nothing runs.
            screen.query_one("#job-path", Input).value = str(tmp_path / "nope.dsn")
            await pilot.press("f3")
            await pilot.pause(0.1)
            assert "no such file" in screen_text(app)

    asyncio.run(journey())


def test_check_works_before_any_establishment_exists(home) -> None:
    async def journey() -> None:
        app = make_app(lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            from tui.screens.setup import SetupScreen

            await wait_until(pilot, lambda: isinstance(app.screen, SetupScreen))
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1)
            screen = await run_job(pilot, "f3", str(SAMPLES / "arret.dsn"))
            assert screen.result_ok is not None

    asyncio.run(journey())


def test_import_a_dsn_takes_the_establishment_and_says_what_it_took(home, tmp_path) -> None:
    seed(home)
    sample = tmp_path / "sample.dsn"
    shutil.copy(SAMPLES / "mensuelle-normale.dsn", sample)

    async def journey() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await home_loaded(pilot)
            before = len(app.etabs)
            screen = await run_job(pilot, "f4", str(sample))
            from tui.screens.importer import ImportScreen

            assert isinstance(screen, ImportScreen) and screen.result_ok is True
            text = "\n".join(str(line) for line in screen.query_one("#job-log", Log).lines)
            assert text.startswith("Importé :")
            assert "Repris (" in text and "Mis à jour (" in text and "Laissés de côté (" in text
            await pilot.press("escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1)
            await wait_until(pilot, lambda: len(app.etabs) > before, what="the imported establishment on the home")
            # The same file again changes nothing, and says so.
            screen = await run_job(pilot, "f4", str(sample))
            assert "Rien n'a changé" in screen_text(app)
            # A file that is not a DSN is refused in words.
            junk = tmp_path / "junk.dsn"
            junk.write_bytes(b"\x00\x01binary")
            screen.query_one("#job-path", Input).value = str(junk)
            screen.result_ok = None
            await pilot.press("f4")
            await wait_until(pilot, lambda: screen.result_ok is not None, timeout=30)
            assert screen.result_ok is False and "n'est pas un fichier DSN" in screen_text(app)

    asyncio.run(journey())
