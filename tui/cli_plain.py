"""`comptoir --plain`, `comptoir --plain new KIND`, `comptoir --plain resume DRAFT`: the plain
line mode (tui/plain.py) on standard input and output, for screen readers and pipes.

The plain mode is chosen by `--plain`, or when standard output is not a terminal, or when
TERM=dumb, or by the setting `"plain": true` in settings.json. `new` and `resume` are line
commands: they always run in the plain mode (the app opens with `comptoir` alone).

Exit status: 0 the file was written (or the user quit with !quitter, the draft kept);
1 blocking findings or a storage error, nothing written; 2 no such draft or the database
cannot be opened; 3 the input ended before the end of the form (the draft is kept).
Nothing here imports Textual.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from forms.i18n import _


def _options(output: Path | None, test: bool, today: str | None) -> dict[str, Any]:
    when = None
    if today:
        try:
            when = date.fromisoformat(today)
        except ValueError:
            click.echo(_("--today expects a date as 2026-03-04; found « {value} ».").format(value=today), err=True)
            sys.exit(2)
    return {"output": output, "test": test, "today": when}


def _explicit_lang(ctx: click.Context, lang: str | None) -> str | None:
    while lang is None and ctx is not None:
        lang = (ctx.params or {}).get("lang")
        ctx = ctx.parent  # type: ignore[assignment]
    return lang


def register(main: click.Group) -> None:
    from forms.kinds import KINDS  # cheap: the forms load only when a command runs

    output_option = click.option(
        "-o", "--output", type=click.Path(path_type=Path), default=None,
        help="File or folder to write (default: asked; an empty line writes into exports/ of the data directory).",
    )
    test_option = click.option("--test/--real", "test", default=False,
                               help="Mark the file as a test (essai) or a real send (default: real).")
    today_option = click.option("--today", default=None, hidden=True, help="Date of the declaration (YYYY-MM-DD).")
    lang_option = click.option("--lang", type=click.Choice(["fr", "en"]), default=None, help="Language of messages.")

    @main.command()
    @click.argument("kind", type=click.Choice(list(KINDS)))
    @output_option
    @test_option
    @today_option
    @lang_option
    @click.pass_context
    def new(ctx: click.Context, kind: str, output: Path | None, test: bool, today: str | None, lang: str | None) -> None:
        """Fill a new declaration line by line (dpae, mensuelle, arret, reprise, fctu)."""
        from tui.plain import apply_language, run_new

        apply_language(_explicit_lang(ctx, lang))
        sys.exit(run_new(kind, **_options(output, test, today)))

    @main.command()
    @click.argument("draft", type=int)
    @output_option
    @test_option
    @today_option
    @lang_option
    @click.pass_context
    def resume(ctx: click.Context, draft: int, output: Path | None, test: bool, today: str | None, lang: str | None) -> None:
        """Go on with a draft line by line, at the question where it stopped."""
        from tui.plain import apply_language, run_resume

        apply_language(_explicit_lang(ctx, lang))
        sys.exit(run_resume(draft, **_options(output, test, today)))
