"""Exported files: written atomically (temporary file, fsync, rename), mode 0600."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from forms.i18n import _
from storage.errors import StorageError


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_export(path: Path, data: bytes) -> str:
    """Write `data` to `path` so that a reader sees the old file or the whole new one, never
    a part: a temporary file beside it (0600), fsync, rename, fsync of the directory.
    Returns the sha256 of `data`. Raises StorageError (nothing left behind) on failure."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
        try:
            dfd = os.open(directory, os.O_RDONLY)
        except OSError:
            dfd = None
        if dfd is not None:
            try:
                os.fsync(dfd)
            except OSError:
                pass
            finally:
                os.close(dfd)
    except OSError as exc:
        raise StorageError(
            _("Cannot write {path}: {reason}. Nothing was written; the previous file, if any, is unchanged.").format(
                path=path, reason=exc.strerror or exc.__class__.__name__
            ),
            "full" if getattr(exc, "errno", None) == 28 else "readonly",
        ) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return sha256(data)
