"""What changed since the last declaration, and the change blocks the norm asks for it.

Pure derivation: from what was last declared for a person and a contract (the `avant`
answers, see `forms.history.prefill`) and what the current answers say, the list of
`Change`s, then the blocks that carry them:

- `S21.G00.31` (Changements Individu): NIR, family name, first names, date of birth; one
  occurrence per date of change, with the old values (31.001/CCH-12: never the date alone).
- `S21.G00.41` (Changements Contrat): one occurrence per set of changes sharing a date and a
  depth of pay recomputation (`S21.G00.41.028`). The contract's identifying data (SIRET of
  assignment 41.012, contract number 41.014, start date 41.021) go in blocks of their own,
  without a depth: CT §4.4.14.2 principles (b) and (d), controls S21.G00.41.001/CCH-16 and
  S21.G00.41.028/CCH-12. Every other field is a "modalité" and carries a depth (principle (c),
  S21.G00.41.028/CCH-11), the first day of a month or the start of the contract
  (S21.G00.41.028/CCH-13, CCH-14), not after the date of the change (CCH-15); the date of the
  change is not after the month declared (S21.G00.41.001/CCH-15).
- `S21.G00.16` (Changements destinataire Adhésion Prévoyance): the old insurer's code.

The list of identifying rubriques of §4.4.14.1 is not in the material we have: the three
above are those the CT's own descriptions call "donnée identifiante" (41.021) or whose loss
"empêchera la reconstitution des déclarations substituées" (41.014, 41.021), plus the SIRET
of assignment; see docs/history.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from forms.i18n import N_, _
from forms.values import as_date, dsn_date

# Individual: field → (rubrique of the old value, English noun)
INDIVIDU_CHANGES: dict[str, tuple[str, str]] = {
    "nir": ("S21.G00.31.008", N_("social security number")),
    "nom": ("S21.G00.31.009", N_("family name")),
    "prenoms": ("S21.G00.31.010", N_("first names")),
    "naissance_date": ("S21.G00.31.011", N_("date of birth")),
}

# Contract: field → (rubrique of the old value, English noun). "siret" is the establishment
# the contract was declared under (S21.G00.11 of the last file), not a field of `Contrat`.
CONTRAT_CHANGES: dict[str, tuple[str, str]] = {
    "statut_conventionnel": ("S21.G00.41.002", N_("status under the collective agreement")),
    "statut_categoriel": ("S21.G00.41.003", N_("complementary pension category")),
    "nature": ("S21.G00.41.004", N_("nature of the contract")),
    "dispositif": ("S21.G00.41.005", N_("public scheme")),
    "unite_quotite": ("S21.G00.41.006", N_("unit of working time")),
    "quotite": ("S21.G00.41.007", N_("working time")),
    "modalite_temps": ("S21.G00.41.008", N_("working time arrangement")),
    "complement_regime": ("S21.G00.41.010", N_("Alsace-Moselle or CAMIEG complement")),
    "idcc": ("S21.G00.41.011", N_("collective agreement")),
    "siret": ("S21.G00.41.012", N_("establishment of assignment (SIRET)")),
    "lieu_travail": ("S21.G00.41.013", N_("workplace")),
    "numero": ("S21.G00.41.014", N_("contract number")),
    "motif_recours": ("S21.G00.41.016", N_("reason for the fixed-term contract")),
    "travailleur_etranger": ("S21.G00.41.018", N_("posted or cross-border worker status")),
    "pcs_ese": ("S21.G00.41.019", N_("PCS-ESE code")),
    "debut": ("S21.G00.41.021", N_("start date of the contract")),
    "quotite_reference": ("S21.G00.41.022", N_("full-time reference")),
    "code_risque_at": ("S21.G00.41.024", N_("work accident risk code")),
    "regime_maladie": ("S21.G00.41.052", N_("health insurance scheme")),
    "regime_vieillesse": ("S21.G00.41.053", N_("old-age pension scheme")),
    "regime_at": ("S21.G00.41.059", N_("work accident scheme")),
    "statut_emploi": ("S21.G00.41.060", N_("employment status")),
    "emplois_multiples": ("S21.G00.41.061", N_("several jobs with you")),
    "employeurs_multiples": ("S21.G00.41.062", N_("several employers")),
}
IDENTIFYING = frozenset({"siret", "numero", "debut"})  # no depth, a block of their own
_DATE_FIELDS = frozenset({"naissance_date", "debut"})

AVANT = "avant."  # answers holding what was declared last, under an employee's prefix


@dataclass(frozen=True)
class Change:
    """One field that differs from what was declared last."""

    block: str          # "S21.G00.31", "S21.G00.41" or "S21.G00.16"
    field: str          # "quotite", "nom", "siret", "organisme"…
    rubrique: str       # where the old value goes
    old: str            # canonical (ISO dates)
    new: str
    what: str           # English noun (msgid)

    @property
    def identifying(self) -> bool:
        return self.block == "S21.G00.41" and self.field in IDENTIFYING

    @property
    def old_value(self) -> str:
        """The old value as the file writes it."""
        return dsn_date(self.old) if self.field in _DATE_FIELDS else self.old

    def describe(self) -> str:
        return _("{what}: {old} → {new}").format(what=_(self.what), old=self.old or "—", new=self.new or "—")


def _differs(old: str, new: str) -> bool:
    return bool(old) and old != new


def individual_changes(before: Mapping[str, str], now: Mapping[str, str]) -> list[Change]:
    """`before` / `now`: field → canonical value (an `Individu`'s answers without prefix)."""
    return [Change("S21.G00.31", f, rub, before.get(f, ""), now.get(f, ""), what)
            for f, (rub, what) in INDIVIDU_CHANGES.items()
            if _differs(before.get(f, ""), now.get(f, "")) and now.get(f, "")]


def contract_changes(before: Mapping[str, str], now: Mapping[str, str]) -> list[Change]:
    """`before` / `now`: field → canonical value, `siret` included (the establishment)."""
    out = []
    for f, (rub, what) in CONTRAT_CHANGES.items():
        old, new = before.get(f, ""), now.get(f, "")
        if _differs(old, new):
            out.append(Change("S21.G00.41", f, rub, old, new, what))
    return out


def prevoyance_change(before: str, now: str) -> Change | None:
    if _differs(before, now):
        return Change("S21.G00.16", "organisme", "S21.G00.16.002", before, now, N_("prévoyance insurer"))
    return None


# ----------------------------------------------------------------------------- dates
def default_change_date(month: str, start: str = "") -> str:
    """The first day of the month declared, or the start of the contract when later."""
    try:
        first = date(int(month[:4]), int(month[5:7]), 1)
    except (ValueError, IndexError):
        return ""
    begun = as_date(start)
    return (begun if begun and begun > first else first).isoformat()


def default_depth(change_date: str, start: str = "") -> str:
    """Depth of pay recomputation: the first day of the change's month, or the contract's start
    when later (S21.G00.41.028/CCH-13, CCH-14)."""
    when = as_date(change_date)
    if when is None:
        return ""
    first = when.replace(day=1)
    begun = as_date(start)
    return (begun if begun and begun > first else first).isoformat()


def depth_problem(depth: str, change_date: str, start: str) -> str | None:
    """Why a depth is refused (the CCH-13/14/15 of S21.G00.41.028), in words; None when right."""
    d, when, begun = as_date(depth), as_date(change_date), as_date(start)
    if d is None:
        return None
    if d.day != 1 and (begun is None or d != begun):
        return _("The pay is recomputed from the first day of a month or from the start of the contract "
                 "({start}); found {value}.").format(start=start or "—", value=depth)
    if begun and d < begun:
        return _("The pay cannot be recomputed from before the start of the contract ({start}).").format(start=start)
    if when and d > when:
        return _("The pay is recomputed from a date on or before the change ({when}).").format(when=change_date)
    return None


# ----------------------------------------------------------------------------- blocks
@dataclass(frozen=True)
class DatedChange:
    change: Change
    date: str            # ISO
    depth: str = ""      # ISO; empty for identifying data and S21.G00.31 / S21.G00.16


def blocks(dated: list[DatedChange]) -> list[tuple[str, dict[str, str]]]:
    """The change blocks, as (block, {rubrique: value as written}), in a stable order:
    per block code, grouped by (date, depth, identifying or not), dates ascending."""
    groups: dict[tuple[str, str, str, bool], dict[str, str]] = {}
    for d in dated:
        c = d.change
        depth = "" if c.identifying or c.block != "S21.G00.41" else d.depth
        key = (c.block, d.date, depth, c.identifying)
        values = groups.setdefault(key, {f"{c.block}.001": dsn_date(d.date)})
        values[c.rubrique] = c.old_value
        if depth:
            values["S21.G00.41.028"] = dsn_date(depth)
    order = {"S21.G00.31": 0, "S21.G00.41": 1, "S21.G00.16": 2}
    out = []
    for key in sorted(groups, key=lambda k: (order[k[0]], k[1], not k[3], k[2])):
        out.append((key[0], dict(sorted(groups[key].items()))))
    return out


def reason(d: DatedChange) -> str:
    """The reason for one change block line, in words."""
    c = d.change
    text = _("{change} on {date}").format(change=c.describe(), date=d.date)
    if d.depth and not c.identifying and c.block == "S21.G00.41":
        text += _(", pay recomputed from {depth}").format(depth=d.depth)
    return text
