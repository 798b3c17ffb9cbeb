"""Code lists a question offers: from the norm data, or our own short lists.

Search is by code (prefix) or by words of the label, accents and case ignored: typing
`cdd` or `determinee` finds `02 Contrat de travail à durée déterminée de droit privé`.

Lists the norm names but does not ship (APE/NAF, PCS-ESE, country codes, IDCC) are
`EXTERNAL`: an answer is accepted on its rubrique's pattern and flagged as not verified
offline, never refused for not being in a list we do not have.
"""

from __future__ import annotations

from functools import cache

from forms.i18n import N_
from forms.norm import load_norm
from forms.values import strip_accents

Choice = tuple[str, str]  # (code, label)

# External lists: name → the message shown beside an accepted answer.
EXTERNAL = {
    "APE": N_("APE/NAF code: accepted on its format; the INSEE list is not checked offline."),
    "PCS-ESE": N_("PCS-ESE code: accepted on its format; the INSEE list is not checked offline."),
    "PAYS": N_("Country code: accepted on its format; the ISO list is not checked offline."),
    "IDCC": N_("IDCC code: accepted on its format; the list of collective agreements is not checked offline."),
    "COMMUNE": N_("Commune: not checked against the INSEE list offline."),
}


@cache
def norm_choices(rubrique: str, version: str = "P26V01") -> tuple[Choice, ...]:
    r = load_norm(version).rubriques[rubrique]
    return tuple(sorted((r.codes or {}).items()))


def _fold(text: str) -> str:
    return strip_accents(text).lower()


def search(choices: tuple[Choice, ...] | list[Choice], text: str, limit: int | None = None) -> list[Choice]:
    """Choices whose code starts with `text` or whose label holds every word of it."""
    query = _fold(text.strip())
    if not query:
        return list(choices)[:limit] if limit else list(choices)
    words = query.split()
    hits = [
        (code, label)
        for code, label in choices
        if _fold(code).startswith(query) or all(w in _fold(label) for w in words)
    ]
    # Exact code first, then code prefixes, then label matches.
    hits.sort(key=lambda c: (_fold(c[0]) != query, not _fold(c[0]).startswith(query)))
    return hits[:limit] if limit else hits


def label_of(choices: tuple[Choice, ...] | list[Choice], code: str) -> str:
    for c, label in choices:
        if c == code:
            return label
    return ""
