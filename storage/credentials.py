"""net-entreprises identifiers per establishment, in the OS keyring (never anywhere else).

One keyring entry per SIRET (service `comptoir-net-entreprises`, user the SIRET) holding
nom, prénom and password. Only a backend that `keyring` itself rates as recommended
(priority >= 1) is used; the fail, null and plaintext backends are refused, and every write
is read back. With no such backend, `KeyringUnavailable` says how to get one: there is no
fallback to a file. `keyring` is imported here only, when credentials are used.

Nothing here logs, and no message or exception carries the password: errors raised from
the backend are replaced (`from None`), so not even a traceback shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from forms.i18n import _
from storage.errors import StorageError

SERVICE = "comptoir-net-entreprises"
REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class KeyringUnavailable(StorageError):
    kind = "keyring"


@dataclass(frozen=True)
class Credentials:
    siret: str
    nom: str
    prenom: str
    password: str = field(repr=False)

    def __repr__(self) -> str:
        return f"Credentials(siret={self.siret!r}, nom={self.nom!r}, prenom={self.prenom!r}, password=***)"

    __str__ = __repr__

    @property
    def has_password(self) -> bool:
        return bool(self.password)


def _unavailable(detail: str) -> KeyringUnavailable:
    return KeyringUnavailable(
        _("No secure keyring is available to keep the net-entreprises identifiers ({detail}). Comptoir never keeps them in a file. On Linux, install and start a Secret Service (for example gnome-keyring, or KeePassXC with its Secret Service integration) in your session, unlock it, and try again.").format(
            detail=detail
        )
    )


def _leaves(backend: Any) -> list[Any]:
    inner = getattr(backend, "backends", None)
    return list(inner) if inner else [backend]


def backend() -> Any:
    """The keyring backend to use, or KeyringUnavailable."""
    try:
        import keyring
    except ImportError:  # pragma: no cover - a declared dependency
        raise _unavailable("keyring") from None
    chosen = keyring.get_keyring()
    usable = []
    for leaf in _leaves(chosen):
        module = type(leaf).__module__ or ""
        name = type(leaf).__name__.lower()
        try:
            priority = float(leaf.priority)
        except Exception:  # noqa: BLE001 - a backend that cannot even say its priority
            continue
        if module.startswith(REFUSED_MODULES) or "plaintext" in name or "plaintext" in module.lower():
            continue
        if priority >= 1:
            usable.append(leaf)
    if not usable:
        return_name = f"{type(chosen).__module__}.{type(chosen).__name__}"
        raise _unavailable(return_name)
    return chosen


def _call(fn, *args):  # type: ignore[no-untyped-def]
    try:
        return fn(*args)
    except KeyringUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - backend errors must not carry a secret out
        raise _unavailable(type(exc).__name__) from None


def set_credentials(siret: str, nom: str, prenom: str, password: str) -> None:
    if not password:
        raise StorageError(_("The password is empty: nothing was stored."), "invalid")
    kr = backend()
    blob = json.dumps({"nom": nom, "prenom": prenom, "password": password}, ensure_ascii=False)
    _call(kr.set_password, SERVICE, siret, blob)
    back = _call(kr.get_password, SERVICE, siret)
    del blob
    if not back or _decode(back).get("password") != password:
        raise _unavailable(_("the keyring did not give back what was written"))


def _decode(blob: str) -> dict[str, str]:
    try:
        data = json.loads(blob)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def get_credentials(siret: str) -> Credentials | None:
    kr = backend()
    blob = _call(kr.get_password, SERVICE, siret)
    if blob is None:
        return None
    data = _decode(blob)
    return Credentials(siret, str(data.get("nom", "")), str(data.get("prenom", "")), str(data.get("password", "")))


def delete_credentials(siret: str) -> bool:
    """True if something was deleted."""
    kr = backend()
    if _call(kr.get_password, SERVICE, siret) is None:
        return False
    _call(kr.delete_password, SERVICE, siret)
    return True
