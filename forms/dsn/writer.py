"""Document → canonical bytes: ISO-8859-1, one rubrique per line, LF line ends.

The two S90 totals are computed here, never typed: S90.G00.90.001 counts every rubrique
line of the envoi, the two S90 lines included; S90.G00.90.002 counts its declarations.
A value that ISO-8859-1 cannot encode, or that breaks its rubrique's syntax, is refused with
a message naming the rubrique.
"""

from __future__ import annotations

from forms.controls.syntax import check_value
from forms.dsn.document import TOTAL_BLOCK, TOTAL_DECLARATIONS, TOTAL_LINES, Document
from forms.dsn.tree import Occurrence
from forms.i18n import _

LINE_END = b"\n"  # the material knows no rule; LF unless a source says otherwise


class WriteError(ValueError):
    """A value cannot be written; `rubrique` names where."""

    def __init__(self, rubrique: str, message: str) -> None:
        super().__init__(message)
        self.rubrique = rubrique
        self.message = message


def _encode(doc: Document, code: str, value: str) -> bytes:
    try:
        encoded = value.encode("iso-8859-1")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        raise WriteError(
            code,
            _("{code} ({label}): the character {char} cannot be written in ISO-8859-1; found « {value} ».").format(
                code=code, label=doc.norm.label(code), char=repr(bad), value=value
            ),
        ) from None
    r = doc.norm.rubriques.get(code)
    if r is None:
        raise WriteError(code, _("{code} is not a rubrique of norm {version}.").format(code=code, version=doc.norm.version))
    problems = check_value(r, value)
    if problems:
        raise WriteError(code, f"{code} ({r.label}): {problems[0][1]}")
    return code.encode("ascii") + b",'" + encoded + b"'" + LINE_END


def _occurrence_lines(doc: Document, occ: Occurrence, out: list[bytes]) -> None:
    for code in sorted(occ.values):
        out.append(_encode(doc, code, occ.values[code]))
    for child in occ.children:
        _occurrence_lines(doc, child, out)


def write(doc: Document) -> bytes:
    """The file's bytes. Each envoi's S90 totals are (re)computed."""
    out: list[bytes] = []
    envoi_start = 0
    declarations = 0
    for root in doc.roots:
        if root.block == TOTAL_BLOCK:
            lines = len(out) - envoi_start + 2
            root.values[TOTAL_LINES] = str(lines)
            root.values[TOTAL_DECLARATIONS] = str(declarations)
            _occurrence_lines(doc, root, out)
            envoi_start = len(out)
            declarations = 0
            continue
        declarations += root.counts.get("S20.G00.05", 0)
        _occurrence_lines(doc, root, out)
    return b"".join(out)


def close_envoi(doc: Document) -> Occurrence:
    """Append the S90 total block (its values are filled by `write`)."""
    return doc.add(TOTAL_BLOCK, {TOTAL_LINES: "0", TOTAL_DECLARATIONS: "0"})
