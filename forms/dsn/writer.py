"""Document → canonical bytes: ISO-8859-1, one rubrique per line, LF line ends.

The two S90 totals are computed here, never typed: S90.G00.90.001 counts every rubrique
line of the envoi, the two S90 lines included; S90.G00.90.002 counts its declarations.
A value that ISO-8859-1 cannot encode, or that breaks its rubrique's syntax, is refused with
a message naming the rubrique.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from forms.controls.syntax import check_value
from forms.dsn.document import TOTAL_BLOCK, TOTAL_DECLARATIONS, TOTAL_LINES, Document
from forms.dsn.tree import Occurrence
from forms.i18n import _
from forms.norm import Norm, Rubrique

LINE_END = b"\n"  # the material knows no rule; LF unless a source says otherwise


class WriteError(ValueError):
    """A value cannot be written; `rubrique` names where."""

    def __init__(self, rubrique: str, message: str) -> None:
        super().__init__(message)
        self.rubrique = rubrique
        self.message = message


def _check(doc: Document, code: str, value: str) -> None:
    """Refuse a value ISO-8859-1 cannot encode, a code not of the norm, a value its rubrique refuses."""
    problem = _problem(doc.norm, code, value)
    if problem is not None:
        raise problem


def _problem(norm: Norm, code: str, value: str) -> WriteError | None:
    """What `_check` raises for this value (None when it may be written)."""
    try:
        value.encode("iso-8859-1")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        return WriteError(
            code,
            _("{code} ({label}): the character {char} cannot be written in ISO-8859-1; found « {value} ».").format(
                code=code, label=norm.label(code), char=repr(bad), value=value
            ),
        )
    r = norm.rubriques.get(code)
    if r is None:
        return WriteError(code, _("{code} is not a rubrique of norm {version}.").format(code=code, version=norm.version))
    problems = check_value(r, value)
    if problems:
        return WriteError(code, f"{code} ({r.label}): {problems[0][1]}")
    return None


class _Lines:
    """The lines of one file as text, each value checked once per rubrique and value."""

    __slots__ = ("doc", "good", "lines")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lines: list[str] = []
        # rubrique → the values already checked for it: a file repeats its codes, dates and amounts.
        self.good: dict[str, set[str]] = {}

    def occurrence(self, occ: Occurrence) -> None:
        lines, good, doc = self.lines, self.good, self.doc
        values = occ.values
        for code in sorted(values):
            value = values[code]
            known = good.get(code)
            if known is None:
                known = good[code] = set()
            if value not in known:
                _check(doc, code, value)
                known.add(value)
            lines.append(f"{code},'{value}'")
        for child in occ.children:
            self.occurrence(child)


def write(doc: Document) -> bytes:
    """The file's bytes. Each envoi's S90 totals are (re)computed."""
    out = _Lines(doc)
    lines = out.lines
    envoi_start = 0
    declarations = 0
    for root in doc.roots:
        if root.block == TOTAL_BLOCK:
            count = len(lines) - envoi_start + 2
            root.values[TOTAL_LINES] = str(count)
            root.values[TOTAL_DECLARATIONS] = str(declarations)
            out.occurrence(root)
            envoi_start = len(lines)
            declarations = 0
            continue
        declarations += root.counts.get("S20.G00.05", 0)
        out.occurrence(root)
    if not lines:
        return b""
    lines.append("")  # every line ends with LINE_END, the last one too
    text = LINE_END.decode("ascii").join(lines)
    try:
        return text.encode("iso-8859-1")
    except UnicodeEncodeError:  # every value was checked: only a value changed meanwhile comes here
        for line in lines[:-1]:
            code, _sep, rest = line.partition(",'")
            _check(doc, code, rest[:-1])
        raise


def close_envoi(doc: Document) -> Occurrence:
    """Append the S90 total block (its values are filled by `write`)."""
    return doc.add(TOTAL_BLOCK, {TOTAL_LINES: "0", TOTAL_DECLARATIONS: "0"})


class LineWriter:
    """The lines of one envoi written straight in file order, without a block tree (the
    builders of large files): `write` gives the same bytes for the same lines. Each value is
    checked once per rubrique and value; a value refused is reported by `data`, the first one
    in file order, as `write` would. An entry of `lines` may hold several lines (a whole
    block, joined by LINE_END): `extra` counts the lines past the first of each."""

    __slots__ = ("extra", "good", "lines", "norm", "refused")

    def __init__(self, norm: Norm) -> None:
        self.norm = norm
        self.lines: list[str] = []
        self.extra = 0
        # rubrique → the values already checked for it: a file repeats its codes, dates and amounts.
        self.good: dict[str, set[str]] = {}
        self.refused = False

    def seed(self, checked: Mapping[str, tuple[Rubrique, Iterable[str]]]) -> None:
        """Take as checked the values `checked` lists for a rubrique (the answers' readings ran
        the same syntax check on them) when it is this norm's very rubrique."""
        rubriques = self.norm.rubriques
        for code, (rubrique, values) in checked.items():
            if rubriques.get(code) is rubrique:
                self.known(code).update(values)

    def known(self, code: str) -> set[str]:
        """The values of `code` already checked (the set `check` adds to)."""
        found = self.good.get(code)
        if found is None:
            found = self.good[code] = set()
        return found

    def check(self, code: str, value: str, known: set[str]) -> None:
        """Check a value not in `known` (the set of `code`); a refused one is reported by `data`."""
        if _problem(self.norm, code, value) is None:
            known.add(value)
        else:
            self.refused = True

    def data(self, declarations: int) -> bytes:
        """The envoi's bytes with its S90 totals (its lines and `declarations`)."""
        lines = self.lines
        for code, value in ((TOTAL_LINES, str(len(lines) + self.extra + 2)), (TOTAL_DECLARATIONS, str(declarations))):
            known = self.known(code)
            if value not in known:
                self.check(code, value, known)
            lines.append(f"{code},'{value}'")
        if self.refused:  # the first value refused in file order, as `write` reports it
            end = LINE_END.decode("ascii")
            for entry in lines:
                for line in entry.split(end):
                    code, _sep, rest = line.partition(",'")
                    problem = _problem(self.norm, code, rest[:-1])
                    if problem is not None:
                        raise problem
        lines.append("")  # every line ends with LINE_END, the last one too
        return LINE_END.decode("ascii").join(lines).encode("iso-8859-1")
