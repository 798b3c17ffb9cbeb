"""Comptoir's face: the Textual app and the `comptoir` command line."""
