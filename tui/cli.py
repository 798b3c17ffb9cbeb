"""The `comptoir` command line. With no command it opens the app; each command has --help.

Imports are deferred to the command that needs them: `comptoir validate` never loads
Textual, and `comptoir --help` loads nothing heavy.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from forms.i18n import _, set_language

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Language of messages (default: fr, or COMPTOIR_LANG).",
)


def _apply_lang(lang: str | None) -> None:
    set_language(lang or os.environ.get("COMPTOIR_LANG") or "fr")


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@LANG_OPTION
@click.option("--plain", is_flag=True, help="Plain line mode for screen readers: one question per line, no colour.")
@click.pass_context
def main(ctx: click.Context, lang: str | None, plain: bool) -> None:
    """Comptoir: prepare and check French social declarations (DPAE, DSN).

    Without a command, opens the interactive app (the plain line mode with --plain, when
    standard output is not a terminal, with TERM=dumb, or when the settings ask for it).
    """
    _apply_lang(lang)
    if ctx.invoked_subcommand is None:
        from tui.entry import open_app

        open_app(lang or os.environ.get("COMPTOIR_LANG") or None, plain)


# ----------------------------------------------------------------------------- validate
def _progress_printer(total: int):  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty() or total < 5_000_000:
        return None

    def show(done: int) -> None:
        pct = min(100, done * 100 // max(1, total))
        sys.stderr.write("\r" + _("Checking… {pct} %").format(pct=pct))
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON (see docs/validate-json.md).")
@click.option("--show-nir", is_flag=True, help="Show NIRs in full (they are masked by default).")
@click.option("--explain", is_flag=True, help="Also print the official text of each control.")
@LANG_OPTION
def validate(files: tuple[Path, ...], as_json: bool, show_nir: bool, explain: bool, lang: str | None) -> None:
    """Check DSN files as the official control tool does, without sending them.

    Exit status: 0 no blocking finding, 1 at least one, 2 a file could not be read.
    """
    if lang:
        _apply_lang(lang)
    from forms.validator import validate_path

    reports = []
    for path in files:
        size = path.stat().st_size if path.is_file() else 0
        reports.append(validate_path(path, show_nir=show_nir, progress=_progress_printer(size)))
    if as_json:
        click.echo(json.dumps({"files": [r.to_json() for r in reports]}, ensure_ascii=False, indent=2))
    else:
        from tui.report import render_report

        for report in reports:
            click.echo(render_report(report, explain=explain))
    if any(not r.readable for r in reports):
        sys.exit(2)
    sys.exit(1 if any(r.blocking for r in reports) else 0)


# ----------------------------------------------------------------------------- show
@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@LANG_OPTION
def show(file: Path, lang: str | None) -> None:
    """Print the block tree of a DSN file, each rubrique with its label and coded value."""
    if lang:
        _apply_lang(lang)
    from tui.report import read_or_explain, render_tree

    data = read_or_explain(file)
    if data is None:
        sys.exit(2)
    click.echo(render_tree(data))


# ----------------------------------------------------------------------------- norm
@main.group()
def norm() -> None:
    """Ask the norm: coverage of the controls, text of a control."""


@norm.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON: {\"CCH\": {\"total\", \"implemented\", \"not_decidable\"}, …}.")
@click.option("--version", "version", default="P26V01", show_default=True, help="Norm version.")
@LANG_OPTION
def coverage(as_json: bool, version: str, lang: str | None) -> None:
    """How many CCH, SIG and CSL controls of the cahier technique are implemented."""
    if lang:
        _apply_lang(lang)
    from forms.controls.registry import load_registry
    from forms.norm import load_norm

    cov = load_registry(version).coverage(load_norm(version))
    if as_json:
        click.echo(json.dumps(cov, ensure_ascii=False, indent=2))
        return
    for family, row in cov.items():
        click.echo(
            _("{family}: {total} in the cahier technique, {done} implemented, {nd} not decidable from one file, {todo} not yet done").format(
                family=family, total=row["total"], done=row["implemented"], nd=row["not_decidable"], todo=row["not_yet"]
            )
        )
        for reason in row["reasons"].values():
            translate = _  # the reason texts are marked with N_ where they are defined
            click.echo("    " + _("{count}: {text}").format(count=reason["count"], text=translate(reason["text"])))


@norm.command()
@click.argument("control")
@click.option("--version", "version", default="P26V01", show_default=True)
def explain(control: str, version: str) -> None:
    """Print the official text of a control, e.g. S21.G00.60.012/CCH-11."""
    from forms.norm import load_norm

    n = load_norm(version)
    text = n.control_text(control)
    if not text:
        click.echo(_("No control {control} in norm {version}.").format(control=control, version=version), err=True)
        sys.exit(2)
    click.echo(text["rule"])
    if text.get("message"):
        click.echo("\n" + _("Official message:") + " " + text["message"])


# Commands kept in their own modules (storage, build, plain mode) register themselves here.
def _register_commands() -> None:
    from tui import cli_build, cli_plain, cli_storage

    cli_storage.register(main)
    cli_build.register(main)
    cli_plain.register(main)


_register_commands()


if __name__ == "__main__":
    main()
