"""What was declared before, read back from the history: the inputs of `forms.history`.

The cross-declaration controls, the next month's starting answers and the corrections of
a sent file all need earlier declarations. The database keeps each produced file's path
and checksum and the draft it came from; this module reads them back and hands the pure
`forms.history` functions what they need. Test files never count as declared.
"""

from __future__ import annotations

from pathlib import Path

from forms.findings import Finding, Severity
from forms.history.controls import DeclaredFile, check_all, in_force, summarize
from forms.history.corrections import check_envoi, correction_answers
from forms.history.known import with_new_hires
from forms.history.prefill import answers_from_file, prefill
from forms.i18n import _
from storage.files import sha256
from storage.records import ProducedFile
from storage.store import Store
from storage.world import known_employees

MOVED = "HIST-FICHIER"
REPLACES_FILE = "declaration.fichier_remplace"  # draft answer: id of the produced file replaced


def _real_dsn_files(store: Store, etab_id: int | None) -> list[ProducedFile]:
    files = [f for f in store.search_files(etab_id=etab_id) if not f.test and f.nature != "DPAE"]
    return sorted(files, key=lambda f: (f.created, f.id))


def read_file(file: ProducedFile) -> bytes | None:
    """The file's bytes when it is still where it was written, unchanged; else None."""
    path = Path(file.path)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if sha256(data) == file.sha256 else None


def declared(store: Store, etab_id: int | None) -> tuple[list[DeclaredFile], list[Finding]]:
    """Summaries of every real DSN produced for the establishment, and a note per file that
    could not be read back (moved or changed since it was written)."""
    history: list[DeclaredFile] = []
    notes: list[Finding] = []
    for f in _real_dsn_files(store, etab_id):
        data = read_file(f)
        if data is None:
            notes.append(Finding(MOVED, Severity.INFO, _(
                "The file {path} recorded in the history is missing or was changed since it was written: "
                "the checks across declarations do not see it.").format(path=f.path)))
            continue
        history.extend(summarize(data, file_id=str(f.id)))
    return history, notes


def check_before_export(store: Store, etab_id: int | None, data: bytes) -> list[Finding]:
    """The controls across declarations (HIST-*) for a file about to be exported."""
    history, notes = declared(store, etab_id)
    history = in_force(history)
    findings = list(notes)
    new = summarize(data)
    findings.extend(check_envoi(new))
    for declaration in new:
        findings.extend(check_all(history, declaration))
    return findings


def next_month_answers(store: Store, etab_id: int | None) -> dict[str, str]:
    """Starting answers of the next monthly DSN: the last real monthly's answers (its draft,
    else its file) carried over by `forms.history.prefill`, and the employees hired since
    (a DPAE, an import: `storage.world`); for the first one, the establishment and every
    known employee; empty when nothing is known."""
    monthly = [f for f in _real_dsn_files(store, etab_id) if f.nature == "01"]
    known = known_employees(store, etab_id) if etab_id is not None else []
    if not monthly:
        etab = store.get_etablissement(etab_id) if known and etab_id is not None else None
        if etab is None:
            return {}
        return with_new_hires(etab.to_answers("etablissement."), known, after="")
    last = max(monthly, key=lambda f: (f.period, f.created, f.id))
    previous: dict[str, str] = {}
    if last.draft_id is not None:
        previous = store.load_draft(last.draft_id).answers
    if not previous:
        data = read_file(last)
        if data is None:
            return {}
        previous = answers_from_file(data)
    answers = prefill(previous)
    month = previous.get("declaration.mois", "")
    return with_new_hires(answers, known, after=f"{month}-31" if month else "")


def start_correction(store: Store, file_id: int, kind: str = "replace", *, neant: bool = False) -> int:
    """A new draft that replaces (03, or 05 for a néant) or cancels (04) a produced file,
    prefilled from it; the chain is recorded when the correction is exported
    (`record_file(replaces=file_id)`). Raises `forms.history.corrections.CorrectionRefused`
    when the norm does not allow it, `ValueError` when the file cannot be read back."""
    original = store.get_file(file_id)
    if original is None:
        raise ValueError(_("No produced file number {id}.").format(id=file_id))
    data = read_file(original)
    if data is None:
        raise ValueError(_("The file {path} is missing or was changed since it was written.").format(path=original.path))
    summary = summarize(data, file_id=str(file_id))[0]
    answers = store.load_draft(original.draft_id).answers if original.draft_id is not None else answers_from_file(data)
    corrected = correction_answers(answers, summary, kind, neant=neant)
    corrected[REPLACES_FILE] = str(file_id)  # a fact, not a question: export records the chain
    kind_name = store.load_draft(original.draft_id).kind if original.draft_id is not None else _kind_of(summary.nature)
    draft_id = store.create_draft(original.etab_id, kind_name, original.period, corrected)
    return draft_id


def replaced_file(answers: dict[str, str]) -> int | None:
    """The produced file a draft replaces or cancels, for `record_file(replaces=…)`."""
    value = answers.get(REPLACES_FILE, "")
    return int(value) if value.isdigit() else None


def _kind_of(nature: str) -> str:
    return {"01": "mensuelle", "04": "arret", "05": "reprise", "07": "fctu"}.get(nature, "mensuelle")
