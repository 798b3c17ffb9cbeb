"""Controls of the envoi as a whole that the CT does not number as CCH: the S90 totals and
the root blocks of the file. (Nature × type × fraction rules are CCH controls of
S20.G00.05 and live in the rule registry.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forms.dsn.tree import Occurrence
from forms.findings import Finding, Severity
from forms.i18n import _

if TYPE_CHECKING:
    from forms.validator import Validator

TOTAL_LINES = "S90.G00.90.001"
TOTAL_DECLARATIONS = "S90.G00.90.002"
C_TOTAL_LINES = "S90.G00.90.001/ENV-LINES"
C_TOTAL_DECLARATIONS = "S90.G00.90.002/ENV-COUNT"
C_ROOT = "ENV-ROOT"


def after_declaration(v: Validator, decl: Occurrence) -> None:
    v._envoi_declarations = v._envoi_declarations + 1


def after_total(v: Validator, total: Occurrence) -> None:
    """S90.G00.90.001 counts every rubrique line of the envoi, the two S90 lines included;
    .002 counts its declarations (S20.G00.05)."""
    lines = v._lines_at_total
    circuit = v._circuit_at_total
    declared = total.values.get(TOTAL_LINES)
    if declared is not None and declared.isdigit():
        # Files handed back by the deposit circuit carry its tracking lines: accept a count
        # with or without them (the material does not say which the circuit keeps).
        if int(declared) not in (lines, lines - circuit):
            v._add(v._finding(
                C_TOTAL_LINES,
                _("S90.G00.90.001 (total number of rubriques) says {declared}; the envoi has {found} rubrique lines, the two S90 lines included.").format(
                    declared=declared, found=lines - circuit),
                total.lines.get(TOTAL_LINES), TOTAL_LINES))
    count = total.values.get(TOTAL_DECLARATIONS)
    found = v._envoi_declarations
    if count is not None and count.isdigit() and int(count) != found:
        v._add(v._finding(
            C_TOTAL_DECLARATIONS,
            _("S90.G00.90.002 (number of declarations) says {declared}; the envoi holds {found}.").format(declared=count, found=found),
            total.lines.get(TOTAL_DECLARATIONS), TOTAL_DECLARATIONS))
    v._envoi_declarations = 0


def after_file(v: Validator) -> None:
    builder = v.builder
    if builder is None:
        return
    roots = [r.block for r in builder.roots]
    envois = roots.count("S10.G00.00")
    totals = roots.count("S90.G00.90")
    if envois == 0:
        v.report.findings.append(Finding(C_ROOT, Severity.BLOCKING, _("The file has no envoi block S10.G00.00: expected the file to start with it.")))
    if totals < envois:
        v.report.findings.append(Finding(C_ROOT, Severity.BLOCKING, _("The file has no total block S90.G00.90 at its end: expected S90.G00.90.001 and S90.G00.90.002.")))
    if envois > 1 and not builder.lot:
        v.report.findings.append(Finding(C_ROOT, Severity.BLOCKING, _("The file holds {n} envois (S10.G00.00): expected one, unless the file is a lot wrapped in its S05/S06 … S95/S96 envelope.").format(n=envois)))
