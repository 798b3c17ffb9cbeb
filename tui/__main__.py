"""`python -m tui` runs the `comptoir` command."""

from tui.cli import main

main()
