"""The user's settings: a small JSON file `settings.json` in the data directory
(COMPTOIR_HOME, else the platform's user data directory).

Keys (unknown keys are kept as they are, so each part of the app adds its own):

- `plain`: bool — open the plain line mode instead of the full-screen app.
- `theme`: "comptoir" or "comptoir-contrast" (high contrast).
- `animations`: bool — False turns every animation off.
- `lang`: "fr", "en" or None (French, or COMPTOIR_LANG / --lang).

Reading never fails: a missing or damaged file gives the defaults. Light: no Textual here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FILE_NAME = "settings.json"
DEFAULTS: dict[str, Any] = {"plain": False, "theme": "comptoir", "animations": True, "lang": None}
THEMES = ("comptoir", "comptoir-contrast")
LANGS = ("fr", "en")


def settings_path() -> Path:
    from storage.paths import data_dir

    return data_dir() / FILE_NAME


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """Every setting, the defaults filled in for what the file lacks or gets wrong."""
    path = path or settings_path()
    data: dict[str, Any] = {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(raw, dict):
            data = raw
    except (OSError, ValueError):
        data = {}
    out = dict(DEFAULTS)
    out.update(data)
    if not isinstance(out.get("plain"), bool):
        out["plain"] = DEFAULTS["plain"]
    if not isinstance(out.get("animations"), bool):
        out["animations"] = DEFAULTS["animations"]
    if out.get("theme") not in THEMES:
        out["theme"] = DEFAULTS["theme"]
    if out.get("lang") not in LANGS:
        out["lang"] = None
    return out


def save_settings(changes: dict[str, Any], path: Path | None = None) -> dict[str, Any]:
    """Merge `changes` into the file (keys of others kept); written whole then renamed."""
    path = path or settings_path()
    current: dict[str, Any] = {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(raw, dict):
            current = raw
    except (OSError, ValueError):
        current = {}
    current.update(changes)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(current, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return load_settings(path)
