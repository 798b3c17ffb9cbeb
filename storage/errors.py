"""Errors of the storage layer. Light: importing this loads neither SQLModel nor keyring."""

from __future__ import annotations


class StorageError(Exception):
    """A storage failure said in words. `.message` is translated and safe to show: it never
    holds a password, and names the database file and what to do when that helps."""

    #: "locked", "readonly", "full", "corrupt", "foreign", "newer", "unreachable", "io",
    #: "keyring", "notfound", "invalid"
    kind = "io"

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if kind:
            self.kind = kind

    def __str__(self) -> str:
        return self.message
