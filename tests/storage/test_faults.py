"""Faults that must lose nothing: SIGKILL, two processes, disk full, read-only, damaged files.

What is real and what is simulated:
- SIGKILL: real `kill -9` of real processes, 200 times, at random points (while opening the
  store, between answers, during a commit).
- Two processes: two real interpreters on the same SQLite file; a real lock held by another
  connection for the "busy" message.
- Disk full: a real size-limited tmpfs filled up (needs root and mount, as in CI); SQLite
  itself reports SQLITE_FULL.
- Read-only: a real read-only bind mount (root and mount). To turn the mount read-only while
  the store is open, the test first closes the store's pooled connections (the kernel refuses
  to make a mount read-only while a file is open for writing through it); the store reopens
  its connections on the next save, exactly as after any dropped connection.
- Without root/mount (a developer's machine), read-only uses chmod and disk full is skipped.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forms.i18n import set_language
from storage.errors import StorageError
from storage.store import open_store

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHILD = HERE / "autosave_child.py"


def _replay(n: int) -> tuple[dict[str, str], int]:
    answers: dict[str, str] = {}
    for i in range(n + 1):
        answers[f"k{i % 40}"] = f"v{i}"
    return answers, n


# ----------------------------------------------------------------------------- SIGKILL
def test_sigkill_at_random_points_loses_no_acknowledged_answer(tmp_path) -> None:
    url = "sqlite:///" + str(tmp_path / "comptoir.db")
    store = open_store(url)
    draft = store.create_draft(None, "mensuelle", "2026-01")
    child = subprocess.Popen(
        [sys.executable, str(CHILD), url, str(draft)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, cwd=ROOT, text=True, bufsize=1,
    )
    rng = random.Random(20260115)
    last = -1  # highest answer acknowledged so far
    kills = 0
    with_acks = 0
    started = time.monotonic()
    try:
        assert child.stdout.readline().strip() == "ready"
        for run in range(200):
            child.stdin.write(f"go {last + 1} 100000\n")
            child.stdin.flush()
            line = child.stdout.readline().split()
            assert line[0] == "pid", line
            pid = int(line[1])
            time.sleep(rng.uniform(0, 0.06))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            acks: list[int] = []
            while True:
                parts = child.stdout.readline().split()
                assert parts, "the fork server stopped: " + child.stderr.read()
                if parts[0] == "ack":
                    acks.append(int(parts[1]))
                elif parts[0] == "exit":
                    assert int(parts[1]) == pid
                    status = int(parts[2])
                    break
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"run {run}: worker status {status}"
            kills += 1
            if acks:
                with_acks += 1
                assert acks == list(range(last + 1, acks[-1] + 1))
                last = acks[-1]
            got = store.load_draft(draft)
            # Every acknowledged answer is there; at most the one in flight when killed is too.
            candidates = [_replay(last), _replay(last + 1)] if last >= 0 else [({}, 0), _replay(0)]
            assert (got.answers, got.step) in candidates, f"run {run}: last ack {last}"
            if run % 50 == 49:
                assert store.integrity_check() == "ok"
    finally:
        with contextlib.suppress(Exception):
            child.stdin.close()
        child.wait(timeout=10)
    assert kills == 200
    assert with_acks >= 40  # many kills land between answers, not all during start-up
    assert last > 100
    assert store.integrity_check() == "ok"
    store.close()
    con = sqlite3.connect(tmp_path / "comptoir.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert time.monotonic() - started < 120  # about 10 s here


# ----------------------------------------------------------------------------- two processes
TWO = """
import sys
sys.path.insert(0, {root!r})
from storage.store import open_store
s = open_store({url!r})
d = s.create_draft(None, 'dpae')
seq = []
for i in range(150):
    s.save_answer(d, f'k{{i % 10}}', f'v{{i}}', step=i)
    if i % 3 == 0:
        seq.append(s.next_sequence(1, 'ordre'))
assert s.load_draft(d).answers['k9'] == 'v149'
print(' '.join(map(str, seq)))
"""


def test_two_processes_on_the_same_database(tmp_path) -> None:
    url = "sqlite:///" + str(tmp_path / "comptoir.db")
    open_store(url).close()  # created and migrated; the two below open it at the same time
    code = TWO.format(root=str(ROOT), url=url)
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=60) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    numbers = [int(n) for out, _err in outs for n in out.split()]
    assert sorted(numbers) == list(range(1, 101))  # atomic: no number given twice
    store = open_store(url)
    assert store.integrity_check() == "ok"
    assert len(store.list_drafts()) == 2
    store.close()


def test_two_fresh_processes_migrating_at_once(tmp_path) -> None:
    url = "sqlite:///" + str(tmp_path / "fresh.db")
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r})\nfrom storage.store import open_store\nopen_store({url!r}).create_draft(None, 'dpae')"
    procs = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        _out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    store = open_store(url)
    assert len(store.list_drafts()) == 2
    store.close()


@contextlib.contextmanager
def _held_write_lock(path: Path):
    con = sqlite3.connect(path, isolation_level=None, timeout=0)
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        con.execute("ROLLBACK")
        con.close()


def test_busy_database_gives_a_clear_message_and_keeps_the_answer(tmp_path) -> None:
    path = tmp_path / "comptoir.db"
    store = open_store("sqlite:///" + str(path), busy_timeout_ms=200)
    d = store.create_draft(None, "dpae")
    store.save_answer(d, "a", "1")
    with _held_write_lock(path):
        with pytest.raises(StorageError) as err:
            store.save_answer(d, "b", "2", step=1)
        assert err.value.kind == "locked"
        assert str(path) in err.value.message and "Comptoir" in err.value.message
        assert store.pending(d) == {d: {"b": "2"}}
        assert store.load_draft(d).answers == {"a": "1", "b": "2"}  # what the user typed is shown
    assert store.retry_pending() == 1
    assert store.pending() == {}
    store.close()
    assert open_store("sqlite:///" + str(path)).load_draft(d).answers == {"a": "1", "b": "2"}


def test_second_process_waits_briefly_then_says_so_without_traceback(tmp_path, monkeypatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("COMPTOIR_HOME", str(home))
    open_store().close()
    env = dict(os.environ, COMPTOIR_HOME=str(home), COMPTOIR_BUSY_TIMEOUT_MS="300")
    sample = ROOT / "tests" / "samples" / "mensuelle-normale.dsn"
    with _held_write_lock(home / "comptoir.db"):
        started = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "en", "import", str(sample)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        waited = time.monotonic() - started
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert "in use by another Comptoir" in r.stderr and "Nothing was imported" in r.stderr
    assert waited >= 0.3
    store = open_store()
    assert store.list_etablissements() == []
    store.close()


# ----------------------------------------------------------------------------- disk full / read-only
def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def _tmpfs(path: Path, size: str):
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail("cannot mount a tmpfs: " + r.stderr)
        pytest.skip("cannot mount a tmpfs here: " + r.stderr.strip())
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _fill(directory: Path) -> Path:
    filler = directory / "filler"
    chunk = b"\0" * 4096
    with contextlib.suppress(OSError), open(filler, "wb", buffering=0) as f:
        while True:
            f.write(chunk)
    return filler


def test_disk_full_while_saving(tmp_path) -> None:
    if not _can_mount():
        pytest.skip("a real full disk needs root to mount a small tmpfs (CI runs as root)")
    with _tmpfs(tmp_path / "small", "3m") as mnt:
        url = "sqlite:///" + str(mnt / "comptoir.db")
        store = open_store(url)
        d = store.create_draft(None, "mensuelle", "2026-01")
        for i in range(20):
            store.save_answer(d, f"k{i}", f"v{i}", step=i)
        filler = _fill(mnt)
        big = "X" * 600_000  # needs pages the full disk cannot give
        with pytest.raises(StorageError) as err:
            store.save_answer(d, "notes", big, step=99)
        assert err.value.kind in ("full", "io")
        assert "full" in err.value.message or "plein" in err.value.message
        assert store.pending(d) == {d: {"notes": big}}
        filler.unlink()
        store.close()
        reopened = open_store(url)
        draft = reopened.load_draft(d)
        assert draft.answers == {f"k{i}": f"v{i}" for i in range(20)} and draft.step == 19  # previous state intact
        assert reopened.integrity_check() == "ok"
        reopened.close()
        # The answer kept in memory is saved again once there is room.
        assert store.retry_pending() == 1
        assert open_store(url).load_draft(d).answers["notes"] == big


def test_read_only_directory_while_saving(tmp_path) -> None:
    real = tmp_path / "real"
    view = tmp_path / "view"
    real.mkdir()
    view.mkdir()
    mounted = False
    if _can_mount() and subprocess.run(["mount", "--bind", str(real), str(view)], capture_output=True).returncode == 0:
        mounted = True
    elif os.geteuid() == 0:
        pytest.skip("running as root without mount: chmod cannot make a directory read-only for root")
    else:
        view = real
    try:
        url = "sqlite:///" + str(view / "comptoir.db")
        store = open_store(url)
        d = store.create_draft(None, "dpae")
        store.save_answer(d, "a", "1", step=1)
        store.save_answer(d, "b", "2", step=2)
        # Let go of the open files so the mount can turn read-only (see the module docstring).
        store.close()
        before = (real / "comptoir.db").read_bytes()
        if mounted:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True, capture_output=True)
        else:
            os.chmod(real / "comptoir.db", 0o400)
            os.chmod(real, 0o500)
        with pytest.raises(StorageError) as err:
            store.save_answer(d, "c", "3", step=3)
        assert err.value.kind == "readonly", err.value.message
        assert str(view / "comptoir.db") in err.value.message
        assert store.pending(d) == {d: {"c": "3"}}
        # A new Comptoir on the read-only directory says so too, and writes nothing.
        with pytest.raises(StorageError) as err2:
            open_store(url).save_answer(d, "x", "y")
        assert err2.value.kind == "readonly"
        assert (real / "comptoir.db").read_bytes() == before
        if mounted:
            subprocess.run(["mount", "-o", "remount,bind,rw", str(view)], check=True, capture_output=True)
        else:
            os.chmod(real, 0o700)
            os.chmod(real / "comptoir.db", 0o600)
        assert store.retry_pending() == 1
        assert store.load_draft(d).answers == {"a": "1", "b": "2", "c": "3"}
        store.close()
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(view)], check=False)


# ----------------------------------------------------------------------------- damaged / foreign files
def _comptoir(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, COMPTOIR_HOME=str(home))
    env.pop("COMPTOIR_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "tui.cli", "--lang", "en", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def _good_db(path: Path) -> None:
    store = open_store("sqlite:///" + str(path))
    d = store.create_draft(None, "mensuelle")
    for i in range(300):
        store.save_answer(d, f"k{i}", "v" * 200, step=i)
    store.close()


def _damage_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for p in range(2, len(data) // page):
        data[p * page: p * page + 200] = os.urandom(200)
    path.write_bytes(bytes(data))


def _foreign_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO photos (name) VALUES ('plage.jpg')")
    con.commit()
    con.close()


def _newer(path: Path) -> None:
    _good_db(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0099'")
    con.commit()
    con.close()


CASES = {
    "random-bytes": (lambda p: p.write_bytes(os.urandom(8192)), "corrupt"),
    "text-file": (lambda p: p.write_text("name,amount\nBERNARD,5397.00\n"), "foreign"),
    "truncated": (lambda p: (_good_db(p), p.write_bytes(p.read_bytes()[: 4096 * 3 + 100])), "corrupt"),
    "damaged-pages": (lambda p: (_good_db(p), _damage_middle(p)), "corrupt"),
    "other-application": (_foreign_sqlite, "foreign"),
    "newer-comptoir": (_newer, "newer"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_damaged_or_foreign_database_is_named_and_never_overwritten(tmp_path, case) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = home / "comptoir.db"
    set_language("en")
    make, kind = CASES[case]
    make(path)
    before = path.read_bytes()
    with pytest.raises(StorageError) as err:
        store = open_store("sqlite:///" + str(path))
        store.load_draft(1)  # a damage that only shows when read
    assert err.value.kind == kind, err.value.message
    assert str(path) in err.value.message
    assert "left it untouched" in err.value.message
    r = _comptoir(home, "history")
    assert r.returncode == 2, r.stderr
    assert str(path) in r.stderr and "Traceback" not in r.stderr
    r = _comptoir(home, "import", str(ROOT / "tests" / "samples" / "mensuelle-normale.dsn"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == ["comptoir.db"]
