"""Builders: answers → declaration files (DSN lines, DPAE XML)."""
