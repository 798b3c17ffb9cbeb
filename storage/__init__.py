"""Persistence (SQLModel: SQLite by default, PostgreSQL by URL) and credentials (keyring).
Never imports `tui`.

Importing `storage` is light: `open_store`, `Store` and the rest load SQLAlchemy/SQLModel only
when first asked for (start-up costs: docs/storage.md).
"""

from __future__ import annotations

from typing import Any

from storage.errors import StorageError

__all__ = ["StorageError", "open_store", "Store", "Draft", "ProducedFile", "write_export"]


def __getattr__(name: str) -> Any:
    if name in ("open_store", "Store"):
        from storage import store

        return getattr(store, name)
    if name in ("Draft", "ProducedFile"):
        from storage import records

        return getattr(records, name)
    if name == "write_export":
        from storage.files import write_export

        return write_export
    raise AttributeError(name)
