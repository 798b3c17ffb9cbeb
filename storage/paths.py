"""Where Comptoir keeps its data: `COMPTOIR_HOME`, else the platform's user data directory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from forms.i18n import _
from storage.errors import StorageError

DB_NAME = "comptoir.db"
HOME_ENV = "COMPTOIR_HOME"
URL_ENV = "COMPTOIR_DATABASE_URL"


def data_dir() -> Path:
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("comptoir", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (mode 0700) or tighten it to 0700; a clear StorageError if impossible."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            os.chmod(path, mode & 0o700 | 0o700)
    except OSError as exc:
        raise StorageError(
            _("Cannot create the data directory {path}: {reason}. Set COMPTOIR_HOME to a directory you can write to.").format(
                path=path, reason=exc.strerror or exc.__class__.__name__
            ),
            "readonly",
        ) from None
    return path


def make_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if it does not exist; tighten it otherwise."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    tighten(path)


def tighten(path: Path) -> None:
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            os.chmod(path, 0o600)
    except FileNotFoundError:
        pass


def database_url(url: str | None = None) -> str:
    """The database to open: `url`, else COMPTOIR_DATABASE_URL, else the SQLite file."""
    return url or os.environ.get(URL_ENV) or "sqlite:///" + str(data_dir() / DB_NAME)
