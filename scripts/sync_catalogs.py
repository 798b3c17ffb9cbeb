"""Extract every user-facing message and merge it into the gettext catalogs.

Run: `make messages` (or `python scripts/sync_catalogs.py [--check]`). Message ids are
English. The French catalog holds the translations (a missing one is listed and left
empty); the English catalog is completed with the message ids themselves. With --check,
nothing is written and the exit status says whether a catalog lacks a message.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("forms", "storage", "tui")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LOCALES = ROOT / "locales"


def extract() -> dict[str | tuple[str, str], None]:
    """msgid (or (singular, plural)) of every message in the sources, in a stable order."""
    found: dict[str | tuple[str, str], None] = {}
    for source in SOURCES:
        directory = ROOT / source
        if not directory.is_dir():
            continue
        for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(directory), method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            key = message if isinstance(message, str) else (message[0], message[1])
            found[key] = None
    return found


def catalog_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "comptoir.po"


def load(lang: str) -> Catalog:
    path = catalog_path(lang)
    if path.exists():
        with open(path, "rb") as f:
            return read_po(f, locale=lang)
    return Catalog(locale=lang, domain="comptoir", project="Comptoir")


def merge(lang: str, messages: dict) -> tuple[Catalog, list[str]]:
    old = load(lang)
    new = Catalog(locale=lang, domain="comptoir", project="Comptoir", charset="utf-8", fuzzy=False)
    missing: list[str] = []
    for key in messages:
        msgid = key if isinstance(key, str) else key
        previous = old.get(msgid if isinstance(msgid, str) else msgid[0])
        string = previous.string if previous is not None else ("" if isinstance(msgid, str) else ("", ""))
        if lang == "en" and not _complete(string):
            string = msgid if isinstance(msgid, str) else (msgid[0], msgid[1])
        if not _complete(string):
            missing.append(msgid if isinstance(msgid, str) else msgid[0])
        new.add(msgid, string)
    return new, missing


def _complete(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a message lacks a translation")
    args = parser.parse_args()
    messages = extract()
    status = 0
    for lang in ("fr", "en"):
        catalog, missing = merge(lang, messages)
        if missing:
            status = 1
            print(f"{lang}: {len(missing)} message(s) without translation:", file=sys.stderr)
            for m in missing[:50]:
                print(f"  {m!r}", file=sys.stderr)
        if not args.check:
            path = catalog_path(lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as f:
                write_po(f, catalog, width=100, omit_header=False, sort_output=True)
    return status if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
