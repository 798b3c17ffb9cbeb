"""Check a file without sending it: any DSN file through the validator, in a thread worker.

The path is typed in an input (Enter or F3 runs); a progress bar follows the validator's
progress callback (the worker posts `JobProgress`, at most once per percent, and never touches
a widget); the report (tui/report.render_report, plain lines) is written into a focusable,
scrollable log. Escape goes back to the home (and stops a check under way).

`FileJobScreen` is shared with the import screen (tui/screens/importer.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Log, ProgressBar, Static
from textual.worker import get_current_worker

from forms.i18n import N_, _, set_language
from tui.commands import translate_bindings


class JobStarted(Message):
    def __init__(self, total: int) -> None:
        super().__init__()
        self.total = total


class JobProgress(Message):
    def __init__(self, done: int) -> None:
        super().__init__()
        self.done = done


class JobFinished(Message):
    def __init__(self, summary: str, text: str, ok: bool, etab_ids: list[int] | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.text = text
        self.ok = ok
        self.etab_ids = etab_ids or []


class Stopped(Exception):
    """Raised from the progress callback when the user left the screen."""


def progress_poster(post: Callable[[Message], object], total: int) -> Callable[[int], None]:
    """A progress callback posting `JobProgress` at most once per percent; stops a cancelled worker."""
    worker = get_current_worker()
    last = [-1]

    def show(done: int) -> None:
        if worker.is_cancelled:
            raise Stopped
        pct = done * 100 // max(1, total)
        if pct != last[0]:
            last[0] = pct
            post(JobProgress(done))

    return show


def read_problem(path: Path) -> str:
    """Why `path` cannot be read as a file, in words; empty when it can."""
    if not str(path).strip():
        return _("Type the path of a DSN file first.")
    if not path.exists():
        return _("Cannot read {path}: {reason}.").format(path=path, reason=_("no such file"))
    if path.is_dir():
        return _("Cannot read {path}: {reason}.").format(path=path, reason=_("it is a directory"))
    return ""


class FileJobScreen(Screen[None]):
    """A path, a run key, a progress bar and a report log."""

    BINDINGS = [Binding("escape", "back", N_("Back"), id="back")]

    def title_text(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def intro_text(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def run_label(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial_path = path
        self.running = False
        self.result_text = ""
        self.result_ok: bool | None = None
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="job-body"):
            yield Static(self.intro_text(), id="job-intro")
            with Horizontal(id="job-row"):
                box = Input(value=self.initial_path, placeholder=_("e.g. ~/declarations/2026-03.dsn"), id="job-path")
                box.border_title = _("Path of the DSN file")
                yield box
                yield Button(self.run_label(), id="job-run", variant="primary")
            yield Static(_("Nothing running."), id="job-state")
            yield ProgressBar(total=100, show_eta=False, id="job-progress")
            log = Log(id="job-log", highlight=False)
            log.border_title = _("Report")
            yield log
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.title_text()
        self.query_one("#job-path", Input).focus()

    # ------------------------------------------------------------------ running
    @on(Input.Submitted, "#job-path")
    @on(Button.Pressed, "#job-run")
    def _run_pressed(self) -> None:
        self.action_run()

    def action_run(self) -> None:
        if self.running:
            self.notify(_("Already running; wait for the report."))
            return
        text = self.query_one("#job-path", Input).value.strip()
        path = Path(text).expanduser() if text else Path("")
        problem = read_problem(path) if text else _("Type the path of a DSN file first.")
        log = self.query_one("#job-log", Log)
        if problem:
            log.clear()
            log.write_line(problem)
            self.query_one("#job-state", Static).update(_("Error:") + " " + problem)
            return
        self.running = True
        self.result_ok = None
        log.clear()
        bar = self.query_one("#job-progress", ProgressBar)
        bar.update(total=max(1, path.stat().st_size), progress=0)
        self.query_one("#job-state", Static).update(_("Running… 0 %"))
        self.start(path, self.app.lang)  # type: ignore[attr-defined]

    def start(self, path: Path, lang: str) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def on_job_started(self, message: JobStarted) -> None:
        self.query_one("#job-progress", ProgressBar).update(total=max(1, message.total), progress=0)

    def on_job_progress(self, message: JobProgress) -> None:
        bar = self.query_one("#job-progress", ProgressBar)
        bar.update(progress=message.done)
        pct = int(message.done * 100 // max(1, bar.total or 1))
        self.query_one("#job-state", Static).update(_("Running… {pct} %").format(pct=min(100, pct)))

    def on_job_finished(self, message: JobFinished) -> None:
        self.running = False
        self.result_text = message.text
        self.result_ok = message.ok
        if message.etab_ids and getattr(self.app, "etab_id", None) is None:
            self.app.etab_id = message.etab_ids[0]  # type: ignore[attr-defined]
        bar = self.query_one("#job-progress", ProgressBar)
        bar.update(progress=bar.total or 100)
        self.query_one("#job-state", Static).update(message.summary)
        log = self.query_one("#job-log", Log)
        log.clear()
        # Log drops empty lines: a space keeps the blank lines that separate the report's blocks.
        log.write_lines([line or " " for line in (message.summary, "", *message.text.splitlines())])
        log.scroll_home(animate=False)

    def action_back(self) -> None:
        self.workers.cancel_group(self, "job")
        self.dismiss(None)


class CheckScreen(FileJobScreen):
    BINDINGS = [Binding("f3", "run", N_("Check"), id="run-check", key_display="F3")]

    def title_text(self) -> str:
        return _("Check a file without sending it")

    def intro_text(self) -> str:
        return _("Runs every control Comptoir knows on a DSN file, as the official tool would, without sending anything. "
                 "Type the path and press Enter; the report opens below (Tab to reach it, arrows to scroll).")

    def run_label(self) -> str:
        return _("Check (F3)")

    def start(self, path: Path, lang: str) -> None:
        self._check(path, lang)

    @work(thread=True, exclusive=True, group="job", exit_on_error=False)
    def _check(self, path: Path, lang: str) -> None:
        set_language(lang)
        from forms.validator import validate_path
        from tui.report import render_report

        total = path.stat().st_size
        self.post_message(JobStarted(total))
        try:
            report = validate_path(path, progress=progress_poster(self.post_message, total))
        except Stopped:
            return
        blocking = sum(1 for f in report.findings if f.blocking)
        other = len(report.findings) - blocking
        if not report.readable:
            summary = _("The file cannot be read as a DSN: see the report.")
            ok = False
        elif blocking:
            summary = _("Refused: {blocking} blocking finding(s), {other} other(s). Correct them before sending.").format(
                blocking=blocking, other=other)
            ok = False
        else:
            summary = _("Passed: no blocking finding ({other} other finding(s)).").format(other=other)
            ok = True
        self.post_message(JobFinished(summary, render_report(report), ok))
