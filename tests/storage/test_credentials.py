"""net-entreprises identifiers in a real Secret Service (gnome-keyring on a private bus)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from storage.errors import StorageError

SIRET = "83214562700010"
PASSWORD = "Zq7!pw-net-entreprises-5e8c"


@pytest.fixture
def keyring_ok(secret_service):
    from storage.credentials import delete_credentials

    yield
    for siret in (SIRET, "84217593700015"):
        delete_credentials(siret)


def _cli(*args: str, stdin: str | None = None):
    from tui.cli import main

    return CliRunner().invoke(main, ["--lang", "en", *args], input=stdin)


def test_set_get_delete_in_the_secret_service(keyring_ok) -> None:
    import keyring

    from storage.credentials import Credentials, backend, delete_credentials, get_credentials, set_credentials

    assert "SecretService" in type(backend()).__module__
    set_credentials(SIRET, "DUPONT", "Claire", PASSWORD)
    creds = get_credentials(SIRET)
    assert isinstance(creds, Credentials)
    assert (creds.nom, creds.prenom, creds.password, creds.has_password) == ("DUPONT", "Claire", PASSWORD, True)
    assert PASSWORD not in repr(creds) and PASSWORD not in str(creds)
    assert keyring.get_password("comptoir-net-entreprises", SIRET) is not None  # really in the keyring
    assert get_credentials("84217593700015") is None
    assert delete_credentials(SIRET) is True
    assert get_credentials(SIRET) is None
    assert delete_credentials(SIRET) is False


def _fake(name: str, priority: float, module: str):  # type: ignore[no-untyped-def]
    """A backend for the refusal tests; it must never be used."""
    from keyring.backend import KeyringBackend

    def refuse(self, *args):  # type: ignore[no-untyped-def]
        raise AssertionError("used a refused backend")

    cls = type(name, (KeyringBackend,), {"priority": priority, "__module__": module, "set_password": refuse,
                                        "get_password": refuse, "delete_password": refuse})
    return cls()


@pytest.mark.parametrize(
    "make",
    [
        lambda: __import__("keyring.backends.fail", fromlist=["Keyring"]).Keyring(),
        lambda: __import__("keyring.backends.null", fromlist=["Keyring"]).Keyring(),
        lambda: _fake("PlaintextKeyring", 2.0, "keyrings.alt.file"),
        lambda: _fake("WeakKeyring", 0.5, "tests.fake"),
    ],
    ids=["fail", "null", "plaintext", "low-priority"],
)
def test_refuses_unsafe_backends_and_says_how_to_fix(make, tmp_path, monkeypatch) -> None:
    import keyring

    from storage.credentials import KeyringUnavailable, set_credentials

    monkeypatch.setenv("COMPTOIR_HOME", str(tmp_path / "home"))
    previous = keyring.get_keyring()
    keyring.set_keyring(make())
    try:
        with pytest.raises(KeyringUnavailable) as err:
            set_credentials(SIRET, "DUPONT", "Claire", PASSWORD)
        assert isinstance(err.value, StorageError)
        assert "Secret Service" in err.value.message and PASSWORD not in err.value.message
        r = _cli("credentials", "set", "--siret", SIRET, stdin=f"DUPONT\nClaire\n{PASSWORD}\n")
        assert r.exit_code == 1 and "Secret Service" in r.output and PASSWORD not in r.output
    finally:
        keyring.set_keyring(previous)
    # No file anywhere took the place of the keyring.
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").rglob("*"))


def test_a_backend_that_does_not_give_back_what_was_written_is_refused(keyring_ok, monkeypatch) -> None:
    from storage import credentials

    real = credentials.backend()
    monkeypatch.setattr(real, "get_password", lambda service, user: None)
    with pytest.raises(credentials.KeyringUnavailable):
        credentials.set_credentials(SIRET, "DUPONT", "Claire", PASSWORD)


def test_keyring_is_imported_only_by_credentials_code() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom tui.cli import main\n"
        "import storage, storage.store\nCliRunner().invoke(main, ['history'])\nprint('keyring' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent.parent, env=dict(os.environ, COMPTOIR_HOME="/nonexistent-comptoir"))
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_cli_set_show_delete_and_bad_input(keyring_ok, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COMPTOIR_HOME", str(tmp_path / "home"))
    r = _cli("credentials", "set", "--siret", "832 145 627 00010", stdin=f"DUPONT\nClaire\n{PASSWORD}\n")
    assert r.exit_code == 0, r.output
    r = _cli("credentials", "show", "--siret", SIRET)
    assert r.exit_code == 0 and "DUPONT" in r.output and "Claire" in r.output and "Password: stored" in r.output
    assert PASSWORD not in r.output
    r = _cli("credentials", "show", "--siret", SIRET, "--json")
    assert '"password_stored": true' in r.output and PASSWORD not in r.output
    # Bad input: exit 2, nothing written.
    for args, stdin in (
        (["credentials", "set", "--siret", "83214562700011"], f"A\nB\n{PASSWORD}x\n"),  # bad key
        (["credentials", "set", "--siret", "84217593700015"], ""),  # nothing on stdin
        (["credentials", "set", "--siret", "84217593700015"], "A\nB\n"),  # no password line
        (["credentials", "show", "--siret", "12"], None),
        (["credentials", "delete", "--siret", "abc"], None),
    ):
        r = _cli(*args, stdin=stdin)
        assert r.exit_code == 2, (args, r.output)
        assert "Traceback" not in r.output
    r = _cli("credentials", "set", "--siret", SIRET, "--password", PASSWORD)
    assert r.exit_code == 2  # no such option: the password is never an argument
    from storage.credentials import get_credentials

    assert get_credentials("84217593700015") is None
    assert get_credentials(SIRET).password == PASSWORD
    r = _cli("credentials", "delete", "--siret", SIRET)
    assert r.exit_code == 0
    r = _cli("credentials", "show", "--siret", SIRET)
    assert r.exit_code == 1 and "No identifiers" in r.output
    r = _cli("credentials", "delete", "--siret", SIRET)
    assert r.exit_code == 1


def test_whole_session_leaves_the_password_nowhere(keyring_ok, tmp_path, monkeypatch, caplog, capfd) -> None:
    """Set credentials, create drafts, autosave answers, export and record a file, show,
    delete; then search every file under the data directory and the exports, and the
    captured logs and output, for the password."""
    from forms.model import Etablissement, Individu
    from storage.credentials import delete_credentials, get_credentials
    from storage.files import write_export
    from storage.store import open_store

    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)  # statements and parameters too
    home = tmp_path / "home"
    exports = tmp_path / "exports"
    exports.mkdir()
    monkeypatch.setenv("COMPTOIR_HOME", str(home))
    try:
        r = _cli("credentials", "set", "--siret", SIRET, stdin=f"DUPONT\nClaire\n{PASSWORD}\n")
        assert r.exit_code == 0
        outputs = [r.output]
        store = open_store()
        e = store.save_etablissement(Etablissement(siret=SIRET, raison_sociale="ATELIER"))
        p = store.save_individu(e, Individu(nir="1850369383045", nom="BERNARD", prenoms="JULIEN"))
        d = store.create_draft(e, "mensuelle", "2026-01")
        creds = get_credentials(SIRET)
        for i, (key, value) in enumerate([("etablissement.siret", SIRET), ("contact.nom", creds.nom), ("salaries.0.nom", "BERNARD")]):
            store.save_answer(d, key, value, step=i, position=key)
        data = b"S10.G00.00.001,'COMPTOIR'\n"
        target = exports / "dsn-2026-01.dsn"
        write_export(target, data)
        store.record_file(etab_id=e, draft_id=d, path=target, data=data, nature="01", type="01", test=True, period="2026-01",
                          people=[("1850369383045", "BERNARD JULIEN")])
        assert p
        store.close()
        for args in (["credentials", "show", "--siret", SIRET], ["history", "--json"], ["credentials", "delete", "--siret", SIRET]):
            r = _cli(*args)
            assert r.exit_code == 0, r.output
            outputs.append(r.output)
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
        delete_credentials(SIRET)
    secret = PASSWORD.encode()
    files = [f for f in list(home.rglob("*")) + list(exports.rglob("*")) if f.is_file()]
    assert any(f.name == "comptoir.db" for f in files)
    for f in files:
        assert secret not in f.read_bytes(), f
    out, err = capfd.readouterr()
    assert caplog.records, "nothing was logged: the log check would prove nothing"
    for text in [caplog.text, out, err, *outputs]:
        assert PASSWORD not in text
