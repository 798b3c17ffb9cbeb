"""Import a DSN: take the establishment, employees and contracts of an existing DSN file.

Same shape as the check screen: the path, F4 (or Enter) runs a thread worker that checks the
file with a progress bar, refuses what cannot be read (empty, binary, another norm version,
no declaration), then imports it in one transaction (storage.importer.import_document) and
writes what it took, updated and skipped into the log. Escape goes back to the home, which
reloads.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.binding import Binding

from forms.i18n import N_, _, set_language
from tui.screens.check import FileJobScreen, JobFinished, JobStarted, Stopped, progress_poster

UNREADABLE_FINDINGS = ("FILE-EMPTY", "FILE-VERSION", "FILE-NOVERSION", "FILE-UTF8", "FILE-READ")


def import_lines(result: object) -> list[str]:
    lines: list[str] = []
    for title, items in (
        (_("Taken"), result.taken),  # type: ignore[attr-defined]
        (_("Updated"), result.updated),  # type: ignore[attr-defined]
        (_("Skipped"), result.skipped),  # type: ignore[attr-defined]
    ):
        lines.append(f"{title} ({len(items)})")
        lines.extend(f"  {item}" for item in items)
    return lines


class ImportScreen(FileJobScreen):
    BINDINGS = [Binding("f4", "run", N_("Import"), id="run-import", key_display="F4")]

    def title_text(self) -> str:
        return _("Import a DSN file")

    def intro_text(self) -> str:
        return _("Takes the establishment, the employees and their contracts from a DSN file you already sent. "
                 "What is already known is completed, never lost. Type the path and press Enter.")

    def run_label(self) -> str:
        return _("Import (F4)")

    def start(self, path: Path, lang: str) -> None:
        self._import(path, lang)

    @work(thread=True, exclusive=True, group="job", exit_on_error=False)
    def _import(self, path: Path, lang: str) -> None:
        set_language(lang)
        try:
            data = path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            self.post_message(JobFinished(_("Cannot read {path}: {reason}.").format(path=path, reason=reason), "", False))
            return
        if not data.strip():
            self.post_message(JobFinished(_("{path} is empty: expected a DSN file.").format(path=path), "", False))
            return
        if b"\x00" in data:
            self.post_message(JobFinished(_("{path} is not a DSN file (binary content).").format(path=path), "", False))
            return
        from forms.validator import validate_path

        self.post_message(JobStarted(len(data)))
        try:
            report = validate_path(path, progress=progress_poster(self.post_message, len(data)))
        except Stopped:
            return
        unreadable = [f for f in report.findings if f.control in UNREADABLE_FINDINGS]
        if not report.readable or unreadable:
            reason = unreadable[0].message if unreadable else _("unreadable")
            self.post_message(JobFinished(_("{path} cannot be imported: {reason}").format(path=path, reason=reason), "", False))
            return
        from forms.dsn.document import parse_document

        doc = parse_document(data)
        if not doc.declarations():
            self.post_message(JobFinished(
                _("{path} holds no declaration (S20.G00.05): nothing to import.").format(path=path), "", False))
            return
        from storage.errors import StorageError
        from storage.importer import import_document

        try:
            result = import_document(self.app.store, doc)  # type: ignore[attr-defined]
        except StorageError as err:
            self.post_message(JobFinished(err.message + " " + _("Nothing was imported."), "", False))
            return
        lines = import_lines(result)
        if not result.taken and not result.updated:
            summary = _("Nothing changed: everything in this file was already known.")
        else:
            summary = _("Imported: {taken} taken, {updated} updated, {skipped} skipped.").format(
                taken=len(result.taken), updated=len(result.updated), skipped=len(result.skipped))
        blocking = sum(1 for f in report.findings if f.blocking)
        if blocking:
            lines += ["", _("Note: the file has {n} blocking findings (see `comptoir validate {path}`); its data was taken as it is.").format(
                n=blocking, path=path)]
        self.post_message(JobFinished(summary, "\n".join(lines), True, result.etab_ids))
