"""Commands of the `comptoir` line that use the storage: `history`, `import`, `credentials`.

Exit codes: 0 done; 1 a refusal (nothing found to delete, no keyring, the database refused);
2 unreadable input (missing file, directory, empty, binary, a DSN of another norm version,
a damaged or foreign database, a bad option value). SQLModel and keyring are imported inside
the commands, never when `comptoir` starts.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from forms.i18n import _

STATUSES = ("brouillon", "controle", "exporte", "depose")
UNREADABLE_FINDINGS = ("FILE-EMPTY", "FILE-VERSION", "FILE-NOVERSION", "FILE-UTF8", "FILE-READ")


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _month(value: str | None) -> str | None:
    """2026-01, 2026/01, 01/2026 or 01-2026 → 2026-01; exit 2 on anything else."""
    if not value:
        return None
    v = value.strip()
    m = re.fullmatch(r"(\d{4})[-/](\d{1,2})", v) or None
    if m:
        year, month = m.group(1), m.group(2)
    else:
        m2 = re.fullmatch(r"(\d{1,2})[-/](\d{4})", v)
        if not m2:
            _fail(_("--month expects a month as 2026-01; found « {value} ».").format(value=value), 2)
        year, month = m2.group(2), m2.group(1)  # type: ignore[union-attr]
    if not 1 <= int(month) <= 12:
        _fail(_("--month expects a month as 2026-01; found « {value} ».").format(value=value), 2)
    return f"{year}-{int(month):02d}"


def _open(create: bool = True):  # type: ignore[no-untyped-def]
    """The store, or exit with the reason (2: the database cannot be read; 1: other)."""
    from storage.errors import StorageError
    from storage.store import open_store

    try:
        return open_store(create=create)
    except StorageError as err:
        if err.kind == "missing":
            return None
        _fail(err.message, 2 if err.kind in ("corrupt", "foreign", "newer", "unreachable") else 1)


def _siret(value: str) -> str:
    from forms.identifiers import siret

    problem = siret.problem(value)
    if problem:
        _fail(_("--siret: {problem}.").format(problem=problem), 2)
    return siret.compact(value)


def _status_label(status: str) -> str:
    labels = {"brouillon": _("draft"), "controle": _("checked"), "exporte": _("exported"), "depose": _("filed")}
    return labels.get(status, status)


def _mask(nir: str) -> str:
    return nir[:5] + "•" * max(0, len(nir) - 5) if nir else ""


def register(main: click.Group) -> None:
    """Add this module's commands to `main`."""
    from tui.cli import LANG_OPTION, _apply_lang

    # ------------------------------------------------------------------------- history
    @main.command()
    @click.option("--nature", default=None, help="Nature of the declaration, e.g. 01 (monthly DSN), 04, 05, 07, DPAE.")
    @click.option("--who", default=None, help="An employee's name (or part of it) or NIR.")
    @click.option("--month", default=None, help="Month of the declared period, e.g. 2026-01.")
    @click.option("--status", type=click.Choice(STATUSES), default=None, help="Status set by the user.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON: a list of files with their people.")
    @LANG_OPTION
    def history(nature: str | None, who: str | None, month: str | None, status: str | None, as_json: bool, lang: str | None) -> None:
        """The declarations produced so far, searched by nature, employee, month and status."""
        if lang:
            _apply_lang(lang)
        month = _month(month)
        store = _open(create=False)
        files = []
        if store is not None:
            from storage.errors import StorageError

            try:
                files = store.search_files(nature=nature, who=who, month=month, status=status)
            except StorageError as err:
                _fail(err.message, 1)
            finally:
                store.close()
        if as_json:
            click.echo(json.dumps([f.to_json() for f in files], ensure_ascii=False, indent=2))
            return
        if not files:
            click.echo(_("No produced file matches."))
            return
        for f in files:
            names = ", ".join(name for _nir, name in f.people)
            mode = _("test") if f.test else _("real")
            click.echo(
                _("#{id} {date} nature {nature} type {type} period {period} {mode} — {status} — {path}").format(
                    id=f.id, date=f.created[:10], nature=f.nature, type=f.type, period=f.period or "-", mode=mode,
                    status=_status_label(f.status), path=f.path,
                )
            )
            if names:
                click.echo("    " + names)
            if f.replaces:
                click.echo("    " + _("replaces #{id}").format(id=f.replaces))

    # ------------------------------------------------------------------------- status
    @main.command()
    @click.argument("file_id", type=int)
    @click.argument("status", type=click.Choice(STATUSES), required=False)
    @LANG_OPTION
    def status(file_id: int, status: str | None, lang: str | None) -> None:
        """Show or set a produced file's status (brouillon, controle, exporte, depose), e.g. once it is filed."""
        if lang:
            _apply_lang(lang)
        store = _open(create=False)
        if store is None:
            _fail(_("No produced file number {id} in the database.").format(id=file_id), 1)
        from storage.errors import StorageError

        try:
            if status is not None:
                store.set_file_status(file_id, status)
            found = store.get_file(file_id)
        except StorageError as err:
            _fail(err.message, 1)
        finally:
            store.close()
        if found is None:
            _fail(_("No produced file number {id} in the database.").format(id=file_id), 1)
        click.echo(_("#{id} {path} — {status}").format(id=file_id, path=found.path, status=_status_label(found.status)))

    # ------------------------------------------------------------------------- import
    @main.command(name="import")
    @click.argument("file", type=click.Path(path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="Print JSON: {\"taken\", \"updated\", \"skipped\"}.")
    @LANG_OPTION
    def import_(file: Path, as_json: bool, lang: str | None) -> None:
        """Take the establishment, employees and contracts of an existing DSN file."""
        if lang:
            _apply_lang(lang)
        from tui.report import read_or_explain

        data = read_or_explain(file)
        if data is None:
            sys.exit(2)
        from forms.dsn.document import parse_document
        from forms.validator import validate_bytes

        if not data.strip():
            _fail(_("{path} is empty: expected a DSN file.").format(path=file), 2)
        if b"\x00" in data:
            _fail(_("{path} is not a DSN file (binary content).").format(path=file), 2)
        report = validate_bytes(data, str(file))
        unreadable = [f for f in report.findings if f.control in UNREADABLE_FINDINGS]
        if not report.readable or unreadable:
            reason = unreadable[0].message if unreadable else _("unreadable")
            _fail(_("{path} cannot be imported: {reason}").format(path=file, reason=reason), 2)
        doc = parse_document(data)
        if not doc.declarations():
            _fail(_("{path} holds no declaration (S20.G00.05): nothing to import.").format(path=file), 2)
        store = _open()
        from storage.errors import StorageError
        from storage.importer import import_document

        try:
            result = import_document(store, doc)
        except StorageError as err:
            _fail(err.message + " " + _("Nothing was imported."), 1)
        finally:
            store.close()
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            for title, items in ((_("Taken"), result.taken), (_("Updated"), result.updated), (_("Skipped"), result.skipped)):
                click.echo(f"{title} ({len(items)})")
                for item in items:
                    click.echo(f"  {item}")
            if not result.taken and not result.updated:
                click.echo(_("Nothing changed: everything in this file was already known."))
        blocking = sum(1 for f in report.findings if f.blocking)
        if blocking:
            click.echo(
                _("Note: the file has {n} blocking findings (see `comptoir validate {path}`); its data was taken as it is.").format(
                    n=blocking, path=file
                ),
                err=True,
            )

    # ------------------------------------------------------------------------- credentials
    @main.group()
    def credentials() -> None:
        """net-entreprises identifiers of an establishment, kept in the system keyring."""

    @credentials.command(name="set")
    @click.option("--siret", required=True, help="SIRET of the establishment.")
    @LANG_OPTION
    def credentials_set(siret: str, lang: str | None) -> None:
        """Store nom, prénom and password (asked, or three lines on standard input)."""
        if lang:
            _apply_lang(lang)
        number = _siret(siret)
        if sys.stdin.isatty():
            nom = click.prompt(_("Last name"))
            prenom = click.prompt(_("First name"))
            password = click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)
        else:
            lines = sys.stdin.read().splitlines()
            if len(lines) < 3 or not lines[0].strip() or not lines[2]:
                _fail(_("Expected three lines on standard input: last name, first name, password."), 2)
            nom, prenom, password = lines[0].strip(), lines[1].strip(), lines[2]
        from storage.credentials import set_credentials
        from storage.errors import StorageError

        try:
            set_credentials(number, nom, prenom, password)
        except StorageError as err:
            _fail(err.message, 1)
        finally:
            password = ""
        click.echo(_("Identifiers of {siret} stored in the system keyring.").format(siret=number))

    @credentials.command(name="show")
    @click.option("--siret", required=True, help="SIRET of the establishment.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (never the password).")
    @LANG_OPTION
    def credentials_show(siret: str, as_json: bool, lang: str | None) -> None:
        """Show nom and prénom, and whether a password is stored (never the password)."""
        if lang:
            _apply_lang(lang)
        number = _siret(siret)
        from storage.credentials import get_credentials
        from storage.errors import StorageError

        try:
            creds = get_credentials(number)
        except StorageError as err:
            _fail(err.message, 1)
        if creds is None:
            _fail(_("No identifiers stored for {siret}.").format(siret=number), 1)
        if as_json:
            click.echo(json.dumps({"siret": number, "nom": creds.nom, "prenom": creds.prenom, "password_stored": creds.has_password}, ensure_ascii=False))
            return
        click.echo(_("SIRET: {siret}").format(siret=number))
        click.echo(_("Last name: {nom}").format(nom=creds.nom))
        click.echo(_("First name: {prenom}").format(prenom=creds.prenom))
        click.echo(_("Password: stored") if creds.has_password else _("Password: none"))

    @credentials.command(name="delete")
    @click.option("--siret", required=True, help="SIRET of the establishment.")
    @LANG_OPTION
    def credentials_delete(siret: str, lang: str | None) -> None:
        """Remove the identifiers of an establishment from the keyring."""
        if lang:
            _apply_lang(lang)
        number = _siret(siret)
        from storage.credentials import delete_credentials
        from storage.errors import StorageError

        try:
            deleted = delete_credentials(number)
        except StorageError as err:
            _fail(err.message, 1)
        if not deleted:
            _fail(_("No identifiers stored for {siret}.").format(siret=number), 1)
        click.echo(_("Identifiers of {siret} deleted.").format(siret=number))
