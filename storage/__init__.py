"""Persistence (SQLModel) and credentials (keyring). Never imports `tui`."""
