"""The store: one object over one database (SQLite file by default, PostgreSQL by URL).

Every public method is one short transaction of its own, and returns plain records
(`forms.model` records, `storage.records` dataclasses), never live ORM objects. Failures come
out as `StorageError` with a translated message that names the database and what to do.

SQLite: each connection sets `busy_timeout` first, then WAL, `foreign_keys=ON` and
`synchronous=NORMAL` (a commit survives `kill -9`; see docs/storage.md). Writing
transactions start with `BEGIN IMMEDIATE`, so two processes queue instead of failing half way.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event, func, or_, select, text
from sqlalchemy.engine import Connection, Engine, make_url

from forms.i18n import _
from forms.model import Contrat, Etablissement, Individu, Record, World
from storage import paths
from storage.errors import StorageError
from storage.files import sha256
from storage.models import (
    AnswerHistoryRow,
    AnswerRow,
    AuditRow,
    ContratRow,
    DraftRow,
    EtablissementRow,
    FilePersonRow,
    IndividuRow,
    ProducedFileRow,
)
from storage.records import DRAFT_STATES, FILE_STATUSES, Draft, ProducedFile

HEAD = "0002"  # the newest migration; tests/storage/test_migrations.py checks it is Alembic's head
KNOWN_REVISIONS = ("0001", "0002")
DEFAULT_BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"

R = TypeVar("R", bound=Record)

ETAB = EtablissementRow.__table__
INDIVIDU = IndividuRow.__table__
CONTRAT = ContratRow.__table__
DRAFT = DraftRow.__table__
ANSWER = AnswerRow.__table__
HISTORY = AnswerHistoryRow.__table__
PFILE = ProducedFileRow.__table__
PERSON = FilePersonRow.__table__
AUDIT = AuditRow.__table__

_immediate: contextvars.ContextVar[bool] = contextvars.ContextVar("comptoir_immediate", default=False)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def name_key(name: str) -> str:
    """A name as searched: upper case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.upper().split())


def _dump(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True)


def _load(cls: type[R], data: str) -> R:
    try:
        values = json.loads(data or "{}")
    except ValueError:
        values = {}
    names = {f.name for f in fields(cls)}
    return cls(**{k: str(v) for k, v in values.items() if k in names})


# ----------------------------------------------------------------------------- errors
def _classify(exc: BaseException) -> tuple[str, str]:
    """(kind, short reason) of a database exception; the reason holds no parameter value."""
    orig = getattr(exc, "orig", None) or exc
    first = (str(orig).strip().splitlines() or [orig.__class__.__name__])[0]
    low = first.lower()
    if "locked" in low or "busy" in low or "lock timeout" in low or "could not obtain lock" in low:
        return "locked", first
    if "readonly" in low or "read-only" in low or "read only" in low:
        return "readonly", first
    if "disk is full" in low or "no space" in low or "disk full" in low:
        return "full", first
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return "corrupt", first
    if "unable to open" in low:
        return "readonly", first
    module = type(orig).__module__ or ""
    if module.startswith("psycopg") and ("connect" in low or "connection" in low or "server" in low):
        return "unreachable", first
    if "integrity" in type(orig).__name__.lower() or "constraint" in low or "foreign key" in low:
        return "invalid", first
    return "io", first


def _message(kind: str, name: str, reason: str, kept: str = "", busy_s: float = 5.0) -> str:
    if kind == "locked":
        msg = _("The database {name} is in use by another Comptoir and stayed busy for {seconds} s. Close the other Comptoir or wait for it to finish, then try again.").format(
            name=name, seconds=f"{busy_s:g}"
        )
    elif kind == "readonly":
        msg = _("The database {name} cannot be written: the file or its directory is read-only ({reason}). Make them writable, or set COMPTOIR_HOME to a directory you can write to, then try again.").format(
            name=name, reason=reason
        )
    elif kind == "full":
        msg = _("The disk holding the database {name} is full. Free some space, then try again.").format(name=name)
    elif kind == "corrupt":
        msg = corrupt_message(name, reason)
    elif kind == "unreachable":
        msg = _("Cannot reach the database {name}: {reason}. Check COMPTOIR_DATABASE_URL and that the server runs.").format(
            name=name, reason=reason
        )
    elif kind == "invalid":
        msg = _("The database {name} refused the change: {reason}.").format(name=name, reason=reason)
    else:
        msg = _("The database {name} could not be used: {reason}.").format(name=name, reason=reason)
    if kept:
        msg += " " + kept
    return msg


def corrupt_message(name: str, reason: str) -> str:
    return _("The file {name} is damaged ({reason}). Comptoir left it untouched. To recover: keep a copy of it, then put back your last backup of it, or move it aside (for example to {name}.damaged) and start Comptoir again with an empty database.").format(
        name=name, reason=reason
    )


def foreign_message(name: str) -> str:
    return _("The file {name} is not a Comptoir database. Comptoir left it untouched. Move it elsewhere, or set COMPTOIR_HOME to another directory, then start Comptoir again.").format(
        name=name
    )


def newer_message(name: str, found: str) -> str:
    return _("The database {name} was made by a newer version of Comptoir (schema {found}). Comptoir left it untouched: update Comptoir to open it.").format(
        name=name, found=found
    )


# ----------------------------------------------------------------------------- opening
def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    if not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def _preflight_sqlite(path: Path) -> None:
    """Refuse a file that is not a Comptoir database before anything writes to it (setting WAL
    on someone else's SQLite file would already change it). A refused file is left as it was:
    the empty -wal/-shm files that reading a WAL database makes are removed again."""
    existed = {p for p in _companions(path) if p.exists()}
    try:
        _check_sqlite_file(path)
    except StorageError:
        for extra in _companions(path):
            if extra not in existed:
                with contextlib.suppress(OSError):
                    if extra.name.endswith("-shm") or extra.stat().st_size == 0:
                        extra.unlink()
        raise


def _check_sqlite_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StorageError(_message("readonly", str(path), exc.strerror or str(exc)), "readonly") from None
    if path.is_dir():
        raise StorageError(foreign_message(str(path)), "foreign")
    if size == 0:
        return
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StorageError(_message("readonly", str(path), exc.strerror or str(exc)), "readonly") from None
    if head != SQLITE_MAGIC:
        if len(head) < len(SQLITE_MAGIC) or b"\x00" in head or not head.isascii():
            raise StorageError(corrupt_message(str(path), _("no SQLite header")), "corrupt")
        raise StorageError(foreign_message(str(path)), "foreign")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return  # let the real open say what is wrong
    try:
        check = con.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise StorageError(corrupt_message(str(path), str(check[0] if check else "?")), "corrupt")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return
        if "alembic_version" not in tables or "draft" not in tables:
            raise StorageError(foreign_message(str(path)), "foreign")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if row and row[0] not in KNOWN_REVISIONS:
            raise StorageError(newer_message(str(path), row[0]), "newer")
    except sqlite3.DatabaseError as exc:
        kind, reason = _classify(exc)
        if kind == "corrupt":
            raise StorageError(corrupt_message(str(path), reason), "corrupt") from None
        if kind == "locked":
            raise StorageError(_message(kind, str(path), reason), kind) from None
        # read-only opening impossible (e.g. WAL without its -shm in a read-only directory)
    finally:
        con.close()


def _sqlite_engine(path: Path, busy_ms: int) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"isolation_level": None, "check_same_thread": False, "timeout": busy_ms / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_con.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _immediate.get() else "BEGIN")

    return engine


def open_store(url: str | None = None, *, busy_timeout_ms: int | None = None, create: bool = True) -> Store:
    """Open (creating and migrating if needed) the database: `url`, else
    COMPTOIR_DATABASE_URL, else `comptoir.db` in COMPTOIR_HOME or the user data directory.
    With `create=False` a SQLite file that does not exist yet (or is empty) is not made:
    StorageError of kind "missing" instead (for commands that only read)."""
    url = paths.database_url(url)
    busy = busy_timeout_ms if busy_timeout_ms is not None else int(os.environ.get("COMPTOIR_BUSY_TIMEOUT_MS", DEFAULT_BUSY_TIMEOUT_MS))
    path = _sqlite_path(url)
    if path is not None:
        if not create and (not path.exists() or (path.is_file() and path.stat().st_size == 0)):
            raise StorageError(_("No database yet at {name}.").format(name=path), "missing")
        paths.ensure_private_dir(path.parent)
        _preflight_sqlite(path)
        try:
            paths.make_private_file(path)
        except OSError as exc:
            raise StorageError(_message("readonly", str(path), exc.strerror or str(exc)), "readonly") from None
        engine = _sqlite_engine(path, busy)
        name = str(path)
    else:
        try:
            safe = make_url(url)
        except Exception:  # noqa: BLE001 - a malformed URL, said without echoing it
            raise StorageError(_("COMPTOIR_DATABASE_URL is not a database URL (expected e.g. postgresql+psycopg://user@host/db)."), "unreachable") from None
        if safe.drivername in ("postgresql", "postgres"):
            safe = safe.set(drivername="postgresql+psycopg")
        engine = create_engine(safe, pool_pre_ping=False, connect_args={"connect_timeout": max(1, busy // 1000)})
        name = safe.render_as_string(hide_password=True)
    store = Store(engine, name, busy, path)
    store.migrate()
    return store


class Store:
    def __init__(self, engine: Engine, name: str, busy_ms: int, path: Path | None) -> None:
        self.engine = engine
        self.name = name
        self.path = path
        self.busy_ms = busy_ms
        self.sqlite = engine.dialect.name == "sqlite"
        # Answers a failed save kept in memory: draft id -> key -> (value, valid, step, position).
        self._pending: dict[int, dict[str, tuple[str | None, bool, int, str]]] = {}
        self._raw: Any = None
        self._lock = threading.Lock()
        self._mark = (lambda sql: sql) if self.sqlite else (lambda sql: sql.replace("?", "%s"))
        self._sql_upsert = self._mark(
            'INSERT INTO answer (draft_id, "key", value, valid, updated) VALUES (?, ?, ?, ?, ?) '
            'ON CONFLICT (draft_id, "key") DO UPDATE SET value = excluded.value, valid = excluded.valid, updated = excluded.updated'
        )
        self._sql_delete = self._mark('DELETE FROM answer WHERE draft_id = ? AND "key" = ?')
        self._sql_history = self._mark('INSERT INTO answer_history (draft_id, "key", value, valid, at) VALUES (?, ?, ?, ?, ?)')
        self._sql_draft = self._mark("UPDATE draft SET step = ?, position = ?, updated = ? WHERE id = ?")

    def __repr__(self) -> str:
        return f"<Store {self.name}>"

    def close(self) -> None:
        with self._lock:
            if self._raw is not None:
                with contextlib.suppress(Exception):
                    self._raw.close()
                self._raw = None
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------
    def _error(self, exc: BaseException, kept: str = "") -> StorageError:
        kind, reason = _classify(exc)
        return StorageError(_message(kind, self.name, reason, kept, self.busy_ms / 1000), kind)

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One writing transaction (BEGIN IMMEDIATE on SQLite); errors become StorageError."""
        token = _immediate.set(True)
        try:
            with self.engine.begin() as conn:
                yield conn
        except StorageError:
            raise
        except Exception as exc:
            if not _is_db_error(exc):
                raise
            raise self._error(exc) from exc
        finally:
            _immediate.reset(token)

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
                conn.rollback()
        except StorageError:
            raise
        except Exception as exc:
            if not _is_db_error(exc):
                raise
            raise self._error(exc) from exc

    # -- schema -----------------------------------------------------------------------
    def revision(self) -> str | None:
        with self.read() as conn:
            return _current_revision(conn)

    def migrate(self) -> None:
        """Bring the schema to HEAD, under a lock so two processes do not both migrate."""
        try:
            with self.read() as conn:
                current = _current_revision(conn)
        except StorageError as err:
            self.engine.dispose()
            if err.kind == "corrupt" and self.path is not None:
                raise StorageError(corrupt_message(str(self.path), err.message), "corrupt") from None
            raise
        if current == HEAD:
            return
        if current is not None and current not in KNOWN_REVISIONS:
            self.engine.dispose()
            raise StorageError(newer_message(self.name, current), "newer")
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        if self.sqlite:
            # Foreign keys off while migrating (a batch table copy would cascade), checked after.
            with self.engine.connect() as raw:
                driver = raw.connection.driver_connection
                driver.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, or it is ignored
                token = _immediate.set(True)
                try:
                    with raw.begin():
                        if _current_revision(raw) != HEAD:
                            cfg.attributes["connection"] = raw
                            command.upgrade(cfg, "head")
                        bad = raw.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if bad:
                            raise StorageError(_message("invalid", self.name, "foreign_key_check"), "invalid")
                except StorageError:
                    raise
                except Exception as exc:
                    if not _is_db_error(exc):
                        raise
                    raise self._error(exc) from exc
                finally:
                    _immediate.reset(token)
                    if not driver.in_transaction:
                        driver.execute("PRAGMA foreign_keys = ON")
        else:
            with self.write() as conn:
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7340032)")
                if _current_revision(conn) != HEAD:
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")

    # -- audit --------------------------------------------------------------------------
    @staticmethod
    def _audit(conn: Connection, entity: str, entity_id: int | None, action: str, detail: str = "") -> None:
        conn.execute(AUDIT.insert().values(at=now(), entity=entity, entity_id=entity_id, action=action, detail=detail))

    def audit_trail(self, entity: str | None = None, entity_id: int | None = None) -> list[dict[str, Any]]:
        q = select(AUDIT).order_by(AUDIT.c.id)
        if entity:
            q = q.where(AUDIT.c.entity == entity)
        if entity_id is not None:
            q = q.where(AUDIT.c.entity_id == entity_id)
        with self.read() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    # -- établissements -----------------------------------------------------------------
    def list_etablissements(self) -> list[tuple[int, Etablissement]]:
        with self.read() as conn:
            rows = conn.execute(select(ETAB.c.id, ETAB.c.data).order_by(ETAB.c.raison_sociale, ETAB.c.id)).all()
        return [(r.id, _load(Etablissement, r.data)) for r in rows]

    def get_etablissement(self, etab_id: int) -> Etablissement | None:
        with self.read() as conn:
            row = conn.execute(select(ETAB.c.data).where(ETAB.c.id == etab_id)).first()
        return _load(Etablissement, row.data) if row else None

    def find_etablissement(self, siret: str) -> int | None:
        with self.read() as conn:
            return conn.execute(select(ETAB.c.id).where(ETAB.c.siret == siret)).scalar()

    def save_etablissement(self, e: Etablissement, id: int | None = None) -> int:
        with self.write() as conn:
            return self._upsert_etab(conn, e, id)[0]

    def _upsert_etab(self, conn: Connection, e: Etablissement, id: int | None = None, merge: bool = False) -> tuple[int, str]:
        row = None
        if id is not None:
            row = conn.execute(select(ETAB).where(ETAB.c.id == id)).first()
            if row is None:
                raise StorageError(_("No establishment number {id} in the database.").format(id=id), "notfound")
        elif e.siret:
            row = conn.execute(select(ETAB).where(ETAB.c.siret == e.siret)).first()
        return self._put_record(
            conn, ETAB, "etablissement", row, e, merge,
            keys=lambda r: {"siret": r.siret, "raison_sociale": r.raison_sociale},
        )

    def delete_etablissement(self, etab_id: int) -> None:
        with self.write() as conn:
            conn.execute(ETAB.delete().where(ETAB.c.id == etab_id))
            self._audit(conn, "etablissement", etab_id, "delete")

    # -- people -------------------------------------------------------------------------
    def list_individus(self, etab_id: int) -> list[tuple[int, Individu]]:
        with self.read() as conn:
            rows = conn.execute(
                select(INDIVIDU.c.id, INDIVIDU.c.data).where(INDIVIDU.c.etab_id == etab_id).order_by(INDIVIDU.c.nom, INDIVIDU.c.prenoms, INDIVIDU.c.id)
            ).all()
        return [(r.id, _load(Individu, r.data)) for r in rows]

    def save_individu(self, etab_id: int, person: Individu) -> int:
        with self.write() as conn:
            return self._upsert_individu(conn, etab_id, person)[0]

    def _find_individu(self, conn: Connection, etab_id: int, p: Individu) -> Any:
        base = select(INDIVIDU).where(INDIVIDU.c.etab_id == etab_id)
        if p.nir:
            row = conn.execute(base.where(INDIVIDU.c.nir == p.nir)).first()
            if row is not None:
                return row
        if p.ntt:
            row = conn.execute(base.where(INDIVIDU.c.ntt == p.ntt)).first()
            if row is not None:
                return row
        if p.nom and p.naissance_date:
            q = base.where(INDIVIDU.c.nom == p.nom, INDIVIDU.c.prenoms == p.prenoms, INDIVIDU.c.naissance_date == p.naissance_date)
            if p.nir:
                q = q.where(INDIVIDU.c.nir == "")
            return conn.execute(q).first()
        return None

    def _upsert_individu(self, conn: Connection, etab_id: int, p: Individu, merge: bool = False) -> tuple[int, str]:
        row = self._find_individu(conn, etab_id, p)
        return self._put_record(
            conn, INDIVIDU, "individu", row, p, merge, new={"etab_id": etab_id},
            keys=lambda r: {"person_key": World.person_key(r), "nir": r.nir, "ntt": r.ntt, "nom": r.nom,
                            "prenoms": r.prenoms, "naissance_date": r.naissance_date},
        )

    def delete_individu(self, individu_id: int) -> None:
        with self.write() as conn:
            conn.execute(INDIVIDU.delete().where(INDIVIDU.c.id == individu_id))
            self._audit(conn, "individu", individu_id, "delete")

    def list_contrats(self, individu_id: int) -> list[tuple[int, Contrat]]:
        with self.read() as conn:
            rows = conn.execute(
                select(CONTRAT.c.id, CONTRAT.c.data).where(CONTRAT.c.individu_id == individu_id).order_by(CONTRAT.c.debut, CONTRAT.c.id)
            ).all()
        return [(r.id, _load(Contrat, r.data)) for r in rows]

    def save_contrat(self, individu_id: int, contrat: Contrat) -> int:
        with self.write() as conn:
            return self._upsert_contrat(conn, individu_id, contrat)[0]

    def _upsert_contrat(self, conn: Connection, individu_id: int, c: Contrat, merge: bool = False) -> tuple[int, str]:
        key = c.numero or f"@{c.debut}"
        row = conn.execute(select(CONTRAT).where(CONTRAT.c.individu_id == individu_id, CONTRAT.c.numero == key)).first()
        return self._put_record(
            conn, CONTRAT, "contrat", row, c, merge, new={"individu_id": individu_id, "numero": key},
            keys=lambda r: {"debut": r.debut},
        )

    def _put_record(
        self, conn: Connection, table: Any, entity: str, row: Any, record: Record, merge: bool,
        keys: Callable[[Any], dict[str, Any]], new: dict[str, Any] | None = None,
    ) -> tuple[int, str]:
        """Insert `record`, or write it over `row` (with `merge`, only the fields it gives);
        `keys` gives the indexed columns a record fills. (id, "created" | "updated" | "unchanged")."""
        if row is None:
            new_id = conn.execute(
                table.insert().values(**(new or {}), **keys(record), data=_dump(record), created=now(), updated=now())
            ).inserted_primary_key[0]
            self._audit(conn, entity, new_id, "create")
            return new_id, "created"
        merged, changed = _merge(_load(type(record), row.data), record, merge)
        if not changed:
            return row.id, "unchanged"
        conn.execute(table.update().where(table.c.id == row.id).values(**keys(merged), data=_dump(merged), updated=now()))
        self._audit(conn, entity, row.id, "update", ",".join(changed))
        return row.id, "updated"

    # -- drafts -------------------------------------------------------------------------
    def create_draft(self, etab_id: int | None, kind: str, period: str = "", answers: dict[str, str] | None = None) -> int:
        stamp = now()
        with self.write() as conn:
            draft_id = conn.execute(
                DRAFT.insert().values(etab_id=etab_id, kind=kind, period=period, step=0, position="", state="en_cours", created=stamp, updated=stamp)
            ).inserted_primary_key[0]
            for key, value in (answers or {}).items():
                conn.execute(ANSWER.insert().values(draft_id=draft_id, key=key, value=value, valid=True, updated=stamp))
                conn.execute(HISTORY.insert().values(draft_id=draft_id, key=key, value=value, valid=True, at=stamp))
            self._audit(conn, "draft", draft_id, "create", kind)
        return draft_id

    def save_answer(self, draft_id: int, key: str, value: str | None, *, valid: bool = True, step: int = 0, position: str = "") -> None:
        """Autosave one accepted answer at once: upsert (None deletes), a history row, and the
        draft's step and position, in one transaction. If it cannot be written, the answer is
        kept in memory (`pending`) and saved with the next one or by `retry_pending`; a
        StorageError says so."""
        pending = self._pending.setdefault(draft_id, {})
        pending.pop(key, None)
        pending[key] = (value, valid, step, position)  # latest last
        try:
            self._flush(draft_id, pending)
        except StorageError as err:
            raise StorageError(
                err.message + " " + _("The answer is kept in memory and will be saved again with the next one."), err.kind
            ) from None
        self._pending.pop(draft_id, None)

    def _autosave_connection(self) -> Any:
        """The connection kept for autosave (checked out once: no pool round trip per answer)."""
        if self._raw is None:
            self._raw = self.engine.raw_connection()
        return self._raw

    def _flush(self, draft_id: int, pending: dict[str, tuple[str | None, bool, int, str]]) -> None:
        stamp = now()
        with self._lock:
            raw = None
            try:
                raw = self._autosave_connection()
                cur = raw.cursor()
                if self.sqlite:
                    cur.execute("BEGIN IMMEDIATE")
                try:
                    _value, _valid, step, position = next(reversed(pending.values()))
                    cur.execute(self._sql_draft, (step, position, stamp, draft_id))
                    if cur.rowcount == 0:
                        raise StorageError(_("No draft number {id} in the database.").format(id=draft_id), "notfound")
                    for key, (value, valid, _step, _position) in pending.items():
                        if value is None:
                            cur.execute(self._sql_delete, (draft_id, key))
                        else:
                            cur.execute(self._sql_upsert, (draft_id, key, value, valid, stamp))
                        cur.execute(self._sql_history, (draft_id, key, value, valid, stamp))
                    if self.sqlite:
                        cur.execute("COMMIT")
                    else:
                        raw.commit()
                except BaseException:
                    try:
                        if self.sqlite:
                            if raw.driver_connection.in_transaction:
                                cur.execute("ROLLBACK")
                        else:
                            raw.rollback()
                    except Exception:  # noqa: BLE001 - the first error is the one to tell
                        pass
                    raise
                finally:
                    cur.close()
            except StorageError as err:
                if err.kind == "notfound":
                    self._pending.pop(draft_id, None)
                raise
            except Exception as exc:
                if not _is_db_error(exc):
                    raise
                if raw is not None:
                    raw.invalidate()
                self._raw = None
                raise self._error(exc) from None

    def pending(self, draft_id: int | None = None) -> dict[int, dict[str, str | None]]:
        """Answers accepted but not yet written (a save failed), by draft."""
        return {
            d: {k: v[0] for k, v in keys.items()}
            for d, keys in self._pending.items()
            if keys and (draft_id is None or d == draft_id)
        }

    def retry_pending(self) -> int:
        """Write the answers kept in memory; returns how many were saved."""
        saved = 0
        for draft_id in list(self._pending):
            keys = self._pending.get(draft_id) or {}
            if keys:
                self._flush(draft_id, keys)
                saved += len(keys)
            self._pending.pop(draft_id, None)
        return saved

    def save_position(self, draft_id: int, step: int, position: str) -> None:
        with self.write() as conn:
            done = conn.execute(DRAFT.update().where(DRAFT.c.id == draft_id).values(step=step, position=position, updated=now()))
            if done.rowcount == 0:
                raise StorageError(_("No draft number {id} in the database.").format(id=draft_id), "notfound")

    def load_draft(self, draft_id: int) -> Draft:
        """The draft as last saved, with any answer still pending in memory on top."""
        with self.read() as conn:
            row = conn.execute(select(DRAFT).where(DRAFT.c.id == draft_id)).first()
            if row is None:
                raise StorageError(_("No draft number {id} in the database.").format(id=draft_id), "notfound")
            answers = conn.execute(select(ANSWER.c.key, ANSWER.c.value, ANSWER.c.valid).where(ANSWER.c.draft_id == draft_id)).all()
        draft = _draft(row)
        draft.answers = {a.key: a.value for a in answers}
        draft.invalid = {a.key for a in answers if not a.valid}
        for key, (value, valid, step, position) in (self._pending.get(draft_id) or {}).items():
            if value is None:
                draft.answers.pop(key, None)
            else:
                draft.answers[key] = value
            draft.invalid.discard(key)
            if not valid:
                draft.invalid.add(key)
            draft.step, draft.position = step, position
        return draft

    def answer_history(self, draft_id: int, key: str | None = None) -> list[tuple[str, str | None, bool, str]]:
        """(key, value, valid, at) of every accepted answer, oldest first (to revert one)."""
        q = select(HISTORY.c.key, HISTORY.c.value, HISTORY.c.valid, HISTORY.c.at).where(HISTORY.c.draft_id == draft_id)
        if key is not None:
            q = q.where(HISTORY.c.key == key)
        with self.read() as conn:
            return [tuple(r) for r in conn.execute(q.order_by(HISTORY.c.id))]  # type: ignore[misc]

    def list_drafts(self, etab_id: int | None = None, state: str | None = None) -> list[Draft]:
        q = select(DRAFT).order_by(DRAFT.c.updated.desc(), DRAFT.c.id.desc())
        if etab_id is not None:
            q = q.where(DRAFT.c.etab_id == etab_id)
        if state is not None:
            q = q.where(DRAFT.c.state == state)
        with self.read() as conn:
            return [_draft(r) for r in conn.execute(q)]

    def set_draft_state(self, draft_id: int, state: str) -> None:
        if state not in DRAFT_STATES:
            raise StorageError(_("Unknown draft state {state}: expected one of {states}.").format(state=state, states=", ".join(DRAFT_STATES)), "invalid")
        with self.write() as conn:
            done = conn.execute(DRAFT.update().where(DRAFT.c.id == draft_id).values(state=state, updated=now()))
            if done.rowcount == 0:
                raise StorageError(_("No draft number {id} in the database.").format(id=draft_id), "notfound")
            self._audit(conn, "draft", draft_id, "state", state)

    def delete_draft(self, draft_id: int) -> None:
        self._pending.pop(draft_id, None)
        with self.write() as conn:
            conn.execute(DRAFT.delete().where(DRAFT.c.id == draft_id))
            self._audit(conn, "draft", draft_id, "delete")

    # -- produced files -----------------------------------------------------------------
    def record_file(
        self, *, etab_id: int | None, draft_id: int | None, path: str | Path, data: bytes, nature: str, type: str,
        test: bool, period: str, people: list[tuple[str, str]] | None = None, replaces: int | None = None,
        status: str = "exporte",
    ) -> int:
        if status not in FILE_STATUSES:
            raise StorageError(_status_message(status), "invalid")
        worlds = self._declared_world(etab_id, draft_id, nature, data) if not test else []
        with self.write() as conn:
            file_id = conn.execute(
                PFILE.insert().values(
                    etab_id=etab_id, draft_id=draft_id, path=str(path), sha256=sha256(data), size=len(data), nature=nature,
                    type=type, test=bool(test), period=period, created=now(), replaces=replaces, status=status,
                )
            ).inserted_primary_key[0]
            for nir, name in people or []:
                conn.execute(PERSON.insert().values(file_id=file_id, nir=_compact(nir), name=name, name_key=name_key(name)))
            self._audit(conn, "produced_file", file_id, "record", f"{nature}/{type}")
            if worlds and etab_id is not None:
                from storage.world import remember

                remember(self, conn, etab_id, worlds)  # one transaction: the file and what it taught
        return file_id

    def _declared_world(self, etab_id: int | None, draft_id: int | None, nature: str, data: bytes) -> list[World]:
        """The people and contracts a real file declares, read before the write transaction."""
        if etab_id is None:
            return []
        from storage.world import worlds_of_export

        answers = None
        if nature == "DPAE" and draft_id is not None:
            try:
                answers = self.load_draft(draft_id).answers
            except StorageError:
                return []
        return worlds_of_export(nature, data, answers)

    def set_file_status(self, file_id: int, status: str) -> None:
        if status not in FILE_STATUSES:
            raise StorageError(_status_message(status), "invalid")
        with self.write() as conn:
            done = conn.execute(PFILE.update().where(PFILE.c.id == file_id).values(status=status))
            if done.rowcount == 0:
                raise StorageError(_("No produced file number {id} in the database.").format(id=file_id), "notfound")
            self._audit(conn, "produced_file", file_id, "status", status)

    def get_file(self, file_id: int) -> ProducedFile | None:
        with self.read() as conn:
            row = conn.execute(select(PFILE).where(PFILE.c.id == file_id)).first()
            if row is None:
                return None
            return self._files(conn, [row])[0]

    def search_files(
        self, nature: str | None = None, who: str | None = None, month: str | None = None, status: str | None = None,
        etab_id: int | None = None,
    ) -> list[ProducedFile]:
        """Produced files, newest first, by nature, person (name or NIR), month (YYYY-MM) and status."""
        q = select(PFILE).order_by(PFILE.c.created.desc(), PFILE.c.id.desc())
        if nature:
            q = q.where(PFILE.c.nature == nature)
        if status:
            q = q.where(PFILE.c.status == status)
        if etab_id is not None:
            q = q.where(PFILE.c.etab_id == etab_id)
        if month:
            q = q.where(or_(PFILE.c.period == month, PFILE.c.period.like(month + "-%")))
        if who and who.strip():
            compact = _compact(who)
            if compact and compact[:1].isdigit() and len(compact) >= 5 and compact[2:].isdigit() or compact.isdigit():
                match = PERSON.c.nir.like(compact + "%")
            else:
                match = PERSON.c.name_key.like("%" + name_key(who) + "%")
            q = q.where(select(PERSON.c.id).where(PERSON.c.file_id == PFILE.c.id, match).exists())
        with self.read() as conn:
            return self._files(conn, conn.execute(q).all())

    @staticmethod
    def _files(conn: Connection, rows: list[Any]) -> list[ProducedFile]:
        out = [
            ProducedFile(
                r.id, r.etab_id, r.draft_id, r.path, r.sha256, r.size, r.nature, r.type, bool(r.test), r.period, r.created,
                r.replaces, r.status,
            )
            for r in rows
        ]
        if out:
            by_id = {f.id: f for f in out}
            q = select(PERSON.c.file_id, PERSON.c.nir, PERSON.c.name).where(PERSON.c.file_id.in_(list(by_id))).order_by(PERSON.c.id)
            for p in conn.execute(q):
                by_id[p.file_id].people.append((p.nir, p.name))
        return out

    # -- numbering ----------------------------------------------------------------------
    def next_sequence(self, etab_id: int | None, name: str) -> int:
        """The next number of counter `name` of an establishment: atomic, never reused."""
        sql = text(
            'INSERT INTO "sequence" (etab_key, name, value) VALUES (:etab, :name, 1) '
            'ON CONFLICT (etab_key, name) DO UPDATE SET value = "sequence".value + 1 RETURNING value'
        )
        with self.write() as conn:
            return int(conn.execute(sql, {"etab": etab_id or 0, "name": name}).scalar_one())

    # -- checks -------------------------------------------------------------------------
    def integrity_check(self) -> str:
        """`PRAGMA integrity_check` on SQLite ("ok" when sound); "ok" on PostgreSQL."""
        if not self.sqlite:
            return "ok"
        with self.read() as conn:
            return "\n".join(r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check"))

    def counts(self) -> dict[str, int]:
        tables = {"etablissement": ETAB, "individu": INDIVIDU, "contrat": CONTRAT, "draft": DRAFT, "answer": ANSWER, "produced_file": PFILE}
        with self.read() as conn:
            return {name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for name, t in tables.items()}


def _status_message(status: str) -> str:
    return _("Unknown file status {status}: expected one of {statuses}.").format(status=status, statuses=", ".join(FILE_STATUSES))


def _compact(value: str) -> str:
    return "".join((value or "").split()).upper()


def _draft(row: Any) -> Draft:
    return Draft(row.id, row.etab_id, row.kind, row.period, {}, row.step, row.position, row.state, row.created, row.updated)


def _merge(old: R, new: R, merge: bool) -> tuple[R, list[str]]:
    """`new` over `old` (with `merge`, only the fields `new` gives); the names that changed."""
    result = type(old)(**old.to_dict())
    changed = []
    for f in fields(old):
        value = getattr(new, f.name)
        if merge and not value:
            continue
        if getattr(old, f.name) != value:
            setattr(result, f.name, value)
            changed.append(f.name)
    return result, changed


def _current_revision(conn: Connection) -> str | None:
    from sqlalchemy import inspect

    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _is_db_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(exc, DBAPIError | OperationalError | sqlite3.Error):
        return True
    module = type(exc).__module__ or ""
    return module.startswith("psycopg")
