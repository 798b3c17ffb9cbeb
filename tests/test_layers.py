"""The layers of the design card: forms imports neither storage nor tui; storage never tui.

A static check (import-linter, in `make test`) sees module-level imports; this one imports
each domain module in a fresh interpreter and looks at what got loaded, deferred imports
included."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import forms


def _modules(package) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]


def test_forms_loads_no_storage_tui_or_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {_modules(forms)!r}: importlib.import_module(name)\n"
        "from forms.validator import validate_bytes\n"
        "validate_bytes(b\"S10.G00.00.001,'A'\\n\")\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('storage', 'tui', 'textual', 'sqlmodel'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_validate_command_does_not_load_textual() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from tui.cli import main\n"
        "CliRunner().invoke(main, ['norm', 'coverage'])\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
