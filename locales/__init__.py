"""Gettext catalogs of Comptoir: `locales/<lang>/LC_MESSAGES/comptoir.po` (compiled to `.mo`)."""

from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parent
DOMAIN = "comptoir"
LANGUAGES = ("fr", "en")
