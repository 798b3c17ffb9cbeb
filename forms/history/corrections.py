"""Correcting a file already sent: "annule et remplace" (03, 05) or "annule" (04).

An accepted file is never edited. From any exported file of the history, `correction_answers`
gives the answers of the declaration that corrects it: the replaced file's own answers, the
type (S20.G00.05.002) and the identifier of the file replaced (S20.G00.05.006, the
concatenation of its creation date S20.G00.05.007 and numéro d'ordre S20.G00.05.004, as the
CT's description of .006 says). The caller records the chain (which file replaces which:
`Store.record_file(..., replaces=file_id)`).

- 03 "annule et remplace intégral": any nature but 08; the whole declaration sent again.
- 05 "annule et remplace néant": the monthly DSN (01) only, when the month had no employee.
- 04 "annule": natures 07, 08, 09 only (S20.G00.05.002/CCH-13). A monthly DSN is never
  cancelled: it is replaced (03 or 05).
- S20.G00.05.002/CCH-11: one envoi never holds two declarations one of which cancels the
  other (`check_envoi`, control `HIST-ANNULE`).
"""

from __future__ import annotations

from collections.abc import Mapping

from forms.findings import Finding, Severity
from forms.history.controls import DeclaredFile
from forms.i18n import _

CANCEL_NATURES = ("07", "08", "09")  # S20.G00.05.002/CCH-13


class CorrectionRefused(ValueError):
    """The correction asked is not one the norm allows; the message says which is."""


def identifier_of(summary: DeclaredFile) -> str:
    """S20.G00.05.006 for a correction of `summary`."""
    if not summary.identifier:
        raise CorrectionRefused(_("The file has no creation date (S20.G00.05.007): it cannot be named."))
    return summary.identifier


def correction_type(nature: str, kind: str, neant: bool = False) -> str:
    """The S20.G00.05.002 of a correction: `kind` "replace" or "cancel"."""
    if kind == "cancel":
        if nature not in CANCEL_NATURES:
            raise CorrectionRefused(_(
                "A declaration of nature {nature} cannot be cancelled, only replaced: only end-of-contract signals "
                "(07), amorçage (08) and substitution (09) declarations can be cancelled.").format(nature=nature))
        return "04"
    if nature == "08":
        raise CorrectionRefused(_("An amorçage signal (08) cannot be replaced, only cancelled."))
    if neant and nature != "01":
        raise CorrectionRefused(_("Only a monthly DSN can be replaced by a declaration without employees."))
    return "05" if neant else "03"


def correction_answers(replaced_answers: Mapping[str, str], replaced: DeclaredFile, kind: str = "replace",
                       *, neant: bool = False) -> dict[str, str]:
    """The answers of the correcting declaration, prefilled from the replaced file's answers.

    The user then edits what was wrong (for a 03) and builds as usual. For a 05 (replacing with
    no employee) the employees are dropped. For a 04 the answers are the cancelled file's, as the
    FCTU's cancellation repeats it."""
    kind_code = correction_type(replaced.nature, kind, neant)
    out = {k: v for k, v in replaced_answers.items() if ".avant." not in k}
    out["declaration.type"] = kind_code
    if kind_code in ("03", "04"):
        out["declaration.remplace"] = identifier_of(replaced)
    else:  # 05: S20.G00.05.006/CCH-12 forbids the identifier for a type 05
        out.pop("declaration.remplace", None)
    if kind_code == "05":
        out = {k: v for k, v in out.items() if not k.startswith(("salaries.", "agregees.", "prevoyance.",
                                                                 "regul_agregees.", "paiement."))}
    return out


def check_envoi(declarations: list[DeclaredFile]) -> list[Finding]:
    """HIST-ANNULE (S20.G00.05.002/CCH-11): no declaration of the envoi cancels or replaces another
    of the same envoi."""
    ids = {d.identifier for d in declarations}
    out = []
    for d in declarations:
        if d.replaces and d.replaces in ids:
            out.append(Finding("HIST-ANNULE", Severity.BLOCKING, _(
                "This envoi holds declaration {id} and the declaration that cancels or replaces it: send the "
                "correction in a later envoi, once the first is accepted.").format(id=d.replaces)))
    return out
