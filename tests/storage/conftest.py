"""Fixtures of the storage tests: a throwaway PostgreSQL server and a real Secret Service.

- `pg_server` (session): initdb in a temporary directory and `pg_ctl start` on a free
  loopback port, as the unprivileged `postgres` user when the tests run as root (initdb
  refuses root); stopped and removed after the session. Each test gets its own database.
- `store_url` / `store`: every API test runs on SQLite and on PostgreSQL.
- `secret_service` (session): a private D-Bus session bus and `gnome-keyring-daemon`
  unlocked with a throwaway password, under a temporary HOME; the process environment
  points `keyring` at it for the session.

When PostgreSQL or the Secret Service cannot be started, the tests fail under CI (CI=true)
and are skipped elsewhere, with the reason. `tests/system-deps.sh` installs both.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason + " (CI: this must work; see tests/system-deps.sh)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


class PgServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.counter = itertools.count(1)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://comptoir@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"t{os.getpid()}_{next(self.counter)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=comptoir dbname=postgres", autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server():
    bindir = _pg_bin()
    if bindir is None:
        unavailable("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin)")
    as_root = os.geteuid() == 0
    user = None
    if as_root:
        try:
            pwd.getpwnam("postgres")
            user = "postgres"
        except KeyError:
            unavailable("running as root and there is no `postgres` user to run the server")
    base = Path(tempfile.mkdtemp(prefix="comptoir-pg-"))
    data = base / "data"
    log = base / "server.log"
    if user:
        shutil.chown(base, user)
    port = _free_port()

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), cwd=base, user=user, capture_output=True, text=True, check=check, timeout=120)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "comptoir", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions")
        run(
            str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
            "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
            "start",
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        with contextlib.suppress(OSError):
            detail += "\n" + log.read_text()[-2000:]
        shutil.rmtree(base, ignore_errors=True)
        unavailable(f"PostgreSQL could not be started: {detail.strip()}")
    try:
        yield PgServer(port)
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path, monkeypatch) -> str:
    monkeypatch.setenv("COMPTOIR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "home" / "comptoir.db")
    server = request.getfixturevalue("pg_server")
    return server.new_database()


@pytest.fixture
def store(store_url):
    from storage.store import open_store

    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """COMPTOIR_HOME for a SQLite test (the directory is not created)."""
    path = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(path))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    return path


@pytest.fixture(scope="session")
def secret_service():
    """A real Secret Service (gnome-keyring) on a private session bus, unlocked."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            unavailable(f"{tool} is not installed (Debian packages dbus and gnome-keyring)")
    base = Path(tempfile.mkdtemp(prefix="comptoir-keyring-"))
    (base / "run").mkdir(mode=0o700)
    env_keys = ("HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "DBUS_SESSION_BUS_ADDRESS")
    saved = {k: os.environ.get(k) for k in env_keys}
    env = dict(os.environ, HOME=str(base), XDG_RUNTIME_DIR=str(base / "run"), XDG_DATA_HOME=str(base / "data"),
               XDG_CONFIG_HOME=str(base / "config"))
    procs: list[subprocess.Popen] = []
    try:
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, text=True,
        )
        procs.append(bus)
        address = bus.stdout.readline().strip() if bus.stdout else ""
        if not address:
            unavailable("dbus-daemon did not start a session bus")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
        procs.append(daemon)
        assert daemon.stdin is not None
        daemon.stdin.write(b"throwaway-unlock-password")
        daemon.stdin.close()
        for k in env_keys:
            os.environ[k] = env[k]
        import keyring
        import keyring.core

        deadline = time.monotonic() + 10
        while True:
            keyring.core.init_backend()
            try:
                backend = keyring.get_keyring()
                if backend.priority >= 1 and "SecretService" in type(backend).__module__:
                    backend.set_password("comptoir-test-probe", "probe", "x")
                    backend.delete_password("comptoir-test-probe", "probe")
                    break
            except Exception:  # noqa: BLE001 - not up yet
                pass
            if time.monotonic() > deadline or daemon.poll() is not None:
                unavailable(f"gnome-keyring's Secret Service did not come up (backend: {keyring.get_keyring()!r})")
            time.sleep(0.1)
        yield base
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.kill()
            with contextlib.suppress(Exception):
                p.wait(timeout=5)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        with contextlib.suppress(Exception):
            import keyring.core

            keyring.core.init_backend()
        shutil.rmtree(base, ignore_errors=True)
