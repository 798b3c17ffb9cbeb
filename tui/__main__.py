"""`python -m tui` runs the `comptoir` command."""

from tui.entry import run

run()
