"""`comptoir build ANSWERS.json -o FILE`: a declaration from an answers file, without questions.

The answers file has the shape drafts keep (see docs/answers.md):

    {"kind": "arret", "answers": {"individu.nom": "BERNARD", …},
     "context": {"today": "2026-03-04", "numero_ordre": 1, "test": false}}

Exit 0: the file is written (atomically, mode 0600). Exit 1: the answers have errors, each
listed by question id and label, or the built file has blocking findings; nothing written.
Exit 2: the answers file cannot be read.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from forms.i18n import _


class AnswersFileError(ValueError):
    pass


def load_answers_file(path: Path) -> tuple[str, dict[str, str], dict]:
    """(kind, answers, context) from an answers file; AnswersFileError says what is wrong."""
    from forms.kinds import KINDS

    if not path.exists():
        raise AnswersFileError(_("{path}: no such file.").format(path=path))
    if path.is_dir():
        raise AnswersFileError(_("{path} is a directory, not an answers file.").format(path=path))
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnswersFileError(
            _("{path} is not a JSON answers file: {reason}.").format(path=path, reason=exc)
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise AnswersFileError(_("{path}: expected an object with \"kind\" and \"answers\".").format(path=path))
    kind = data.get("kind")
    if kind not in KINDS:
        raise AnswersFileError(
            _("{path}: \"kind\" must be one of {kinds}; found « {found} ».").format(
                path=path, kinds=", ".join(KINDS), found=kind)
        )
    answers = {str(k): str(v) for k, v in data["answers"].items() if v is not None}
    context = data.get("context") or {}
    if not isinstance(context, dict):
        raise AnswersFileError(_("{path}: \"context\" must be an object.").format(path=path))
    return kind, answers, context


def _context(context: dict, test: bool | None):  # type: ignore[no-untyped-def]
    from forms.declarations import BuildContext

    today = date.fromisoformat(context["today"]) if context.get("today") else date.today()
    return BuildContext(
        today=today,
        numero_ordre=int(context.get("numero_ordre", 1)),
        test=bool(context.get("test", False)) if test is None else test,
        identifiant_metier=str(context.get("identifiant_metier", "")),
    )


def register(main: click.Group) -> None:
    _register_questions(main)

    @main.command()
    @click.argument("answers_file", type=click.Path(path_type=Path))
    @click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write.")
    @click.option("--test/--real", "test", default=None, help="Mark the file as a test (essai) or real send.")
    @click.option("--lang", type=click.Choice(["fr", "en"]), default=None, help="Language of messages.")
    def build(answers_file: Path, output: Path, test: bool | None, lang: str | None) -> None:
        """Build a declaration file from an answers file (see docs/answers.md).

        Exit status: 0 written, 1 errors in the answers or blocking findings (nothing
        written), 2 the answers file cannot be read.
        """
        from forms.i18n import set_language

        if lang:
            set_language(lang)
        from forms.declarations import AnswerErrors
        from forms.declarations import build as build_declaration

        try:
            kind, answers, context = load_answers_file(answers_file)
            ctx = _context(context, test)
        except (AnswersFileError, ValueError, KeyError) as exc:
            click.echo(str(exc), err=True)
            raise SystemExit(2) from None
        try:
            built = build_declaration(kind, answers, ctx)
        except AnswerErrors as exc:
            click.echo(_("The answers have {n} error(s); nothing was written:").format(n=len(exc.errors)), err=True)
            for e in exc.errors:
                click.echo(f"- {e.key} ({e.label()}): {e.message}", err=True)
            raise SystemExit(1) from None
        if built.blocking:
            from tui.report import render_report

            click.echo(_("The file has blocking findings; nothing was written:"), err=True)
            click.echo(render_report(built.report), err=True)  # type: ignore[arg-type]
            raise SystemExit(1)
        from storage.errors import StorageError
        from storage.files import write_export

        try:
            digest = write_export(output, built.data)
        except StorageError as exc:
            click.echo(exc.message, err=True)
            raise SystemExit(2) from None
        click.echo(_("Written {path} ({size} bytes, sha256 {sha}).").format(
            path=output, size=len(built.data), sha=digest))
        for note in built.notes:
            click.echo(note)


def describe_form(kind: str) -> list[dict[str, object]]:
    """Every question of a declaration, repeats shown with `N` for the item's rank."""
    from forms.declarations import get
    from forms.questions import Repeat, Step

    out: list[dict[str, object]] = []

    def walk(items, prefix: str, step_title: str = "") -> None:  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, Step):
                for q in item.questions:
                    out.append({
                        "id": prefix + q.id, "label": _(q.label), "kind": str(q.kind), "step": _(item.title),
                        "required": q.required, "conditional": q.when is not None,
                        "rubriques": list(q.rubriques), "help": _(q.help) if q.help else "",
                    })
            elif isinstance(item, Repeat):
                c = item.count
                out.append({"id": prefix + c.id, "label": _(c.label), "kind": str(c.kind), "step": _(item.title or c.label),
                            "required": c.required, "conditional": False, "rubriques": [], "help": _(c.help) if c.help else ""})
                walk(item.items, f"{prefix}{item.id}.N.")

    walk(get(kind).form.items, "")
    return out


def _register_questions(main: click.Group) -> None:
    from forms.kinds import KINDS  # not forms.declarations: `comptoir` starts without the forms

    @main.command()
    @click.argument("kind", type=click.Choice(list(KINDS)))
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @click.option("--lang", type=click.Choice(["fr", "en"]), default=None, help="Language of messages.")
    def questions(kind: str, as_json: bool, lang: str | None) -> None:
        """List the questions of a declaration: ids for answers files, labels, kinds, rubriques."""
        from forms.i18n import set_language

        if lang:
            set_language(lang)
        rows = describe_form(kind)
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            flags = "" if row["required"] else _(" (optional)")
            flags += _(" (when it applies)") if row["conditional"] else ""
            rubriques = ", ".join(row["rubriques"])  # type: ignore[arg-type]
            click.echo(f"{row['id']}  [{row['kind']}]  {row['label']}{flags}" + (f"  — {rubriques}" if rubriques else ""))
