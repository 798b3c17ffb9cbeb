"""The screens of the Textual app (styles in tui/*.tcss)."""
