"""The `comptoir` console script (`[project.scripts]`).

`comptoir` alone opens the app without importing click or the commands: start-up is measured
to the first painted home (bench/startup_bench.py) and click alone costs ~20 ms of it. Any
argument goes to the click group `tui.cli.main` (commands, --help, --lang, --plain), which
opens the app the same way when no command is given.
"""

from __future__ import annotations

import os
import sys


def open_app(lang: str | None = None, plain: bool = False) -> None:
    """The app, or the plain line mode when asked or when the terminal cannot show the app.
    `lang`: an explicit choice (--lang or COMPTOIR_LANG); else the setting, else French."""
    from tui.plain import plain_wanted

    if plain_wanted(plain):
        from tui.plain import apply_language, run_menu

        apply_language(lang)
        sys.exit(run_menu())
    from tui.app import ComptoirApp

    ComptoirApp(lang=lang).run()


def run() -> None:
    if sys.argv[1:]:
        from tui.cli import main

        main()
        return
    from forms.i18n import set_language

    lang = os.environ.get("COMPTOIR_LANG") or None
    set_language(lang or "fr")
    open_app(lang)
