"""Every message a user reads is in both catalogs, French and English, with the same
placeholders, and the compiled catalogs are the ones in use."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import sync_catalogs  # noqa: E402

PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with open(ROOT / "locales" / lang / "LC_MESSAGES" / "comptoir.po", "rb") as f:
        return read_po(f, locale=lang)


def test_every_message_is_translated_in_french_and_english() -> None:
    messages = sync_catalogs.extract()
    for lang in ("fr", "en"):
        _catalog_, missing = sync_catalogs.merge(lang, messages)
        assert not missing, f"{lang}: run `make messages` and translate: {missing[:10]}"


def test_translations_keep_the_placeholders() -> None:
    for lang in ("fr", "en"):
        for message in _catalog(lang):
            if not message.id or not message.string:
                continue
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            expected = set(PLACEHOLDER.findall(ids[0]))
            for s in strings:
                assert set(PLACEHOLDER.findall(s)) == expected, (lang, message.id, s)


def test_french_is_the_default_and_english_is_available() -> None:
    from forms.i18n import _, set_language

    set_language("fr")
    assert _("no such file") == "fichier introuvable"
    set_language("en")
    assert _("no such file") == "no such file"
    set_language("fr")
