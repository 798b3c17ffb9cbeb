"""Comptoir's domain: the NEODeS norm as data, DSN files (parse, tree, write) and their controls.

This package imports neither `storage` nor `tui` (checked by tests/test_layers.py)."""
