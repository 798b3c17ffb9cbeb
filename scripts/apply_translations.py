"""Fill the French catalog from a Python file of translations (`FR`, `FR_PLURAL` dicts).

Used to add a batch of translations at once: `python scripts/apply_translations.py FILE.py`.
Existing translations are kept unless the batch gives a new one."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "locales" / "fr" / "LC_MESSAGES" / "comptoir.po"


def main(batch: str) -> None:
    data = runpy.run_path(batch)
    with open(PO, "rb") as f:
        catalog = read_po(f, locale="fr")
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if isinstance(message.id, str) and key in data.get("FR", {}):
            message.string = data["FR"][key]
        elif not isinstance(message.id, str) and key in data.get("FR_PLURAL", {}):
            message.string = data["FR_PLURAL"][key]
    with open(PO, "wb") as f:
        write_po(f, catalog, width=100, sort_output=True)


if __name__ == "__main__":
    main(sys.argv[1])
