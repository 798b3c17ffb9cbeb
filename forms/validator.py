"""Validate a DSN file as the official control tool does, streaming.

The file is read once. Each line's value is checked against its rubrique (syntax); lines are
grouped into block occurrences; when an occurrence is complete, its cardinalities, its usage
for the nature and the CT rules scoped to its block are checked. An individual (S21.G00.30)
is let go once checked, so memory does not grow with the number of individuals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from forms.controls import envelope
from forms.controls.dsl import Aggregate, Check, RuleContext
from forms.controls.registry import load_registry
from forms.controls.rules import csl
from forms.controls.syntax import DATE as FMT_DATE
from forms.controls.syntax import check_value, parse_date
from forms.dsn.parser import EMPTY, LineReader
from forms.dsn.tree import (
    STR_BLOCK_ORDER,
    STR_MALFORMED,
    STR_ORPHAN,
    STR_OUT_OF_ORDER,
    STR_REPEATED,
    STR_UNKNOWN,
    Occurrence,
    StructureIssue,
    TreeBuilder,
)
from forms.findings import Finding, Severity, mask_nir
from forms.i18n import _
from forms.norm import DEFAULT_VERSION, KNOWN_VERSIONS, Norm, load_norm

VERSION_RUBRIQUE = "S10.G00.00.006"
NATURE = "S20.G00.05.001"
FILE_DATE = "S20.G00.05.007"
_SPECIAL = frozenset({"S10.G00.00.001", NATURE, FILE_DATE, "S90.G00.90.001", "S90.G00.90.002"})
INDIVIDUAL = "S21.G00.30"
DECLARATION = "S20.G00.05"
ENVOI = "S10.G00.00"
TOTAL = "S90.G00.90"
# How far into a file we look for the norm version before giving up on it.
VERSION_LOOKAHEAD = 200

# Our own control ids for what the CT does not number (documented in docs/controls.md).
C_ENCODING = "FILE-UTF8"
C_VERSION_UNKNOWN = "FILE-VERSION"
C_VERSION_MISSING = "FILE-NOVERSION"
C_EMPTY_FILE = "FILE-EMPTY"
C_MALFORMED = "STR-LINE"
C_EMPTY_LINE = "STR-EMPTY"
STRUCTURE_IDS = {
    STR_UNKNOWN: "STR-UNKNOWN",
    STR_OUT_OF_ORDER: "STR-ORDER",
    STR_REPEATED: "STR-REPEAT",
    STR_ORPHAN: "STR-PARENT",
    STR_BLOCK_ORDER: "STR-BLOCKORDER",
}
C_TOO_MANY = "STR-CARD"
# The official tool's ids for usage per nature (its CST controls).
C_BLOCK_MISSING = "CST-02"  # "sous-groupe absent"
C_BLOCK_FORBIDDEN = "CST-02"  # "sous-groupe interdit pour cette nature"
C_RUBRIQUE_MISSING = "CST-03"
C_RUBRIQUE_FORBIDDEN = "CST-04"


@dataclass
class _Plan:
    children: list[tuple[str, int, int | None, bool]] = field(default_factory=list)
    required: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    always: list = field(default_factory=list)  # (function, rule) pairs
    verdicts: list = field(default_factory=list)  # Aggregate rules judged on this block
    by_trigger: dict[str, list] = field(default_factory=dict)  # rubrique -> rules
    by_block: dict[str, list] = field(default_factory=dict)  # descendant block -> rules
    dedupe: bool = False
    collectors: list = field(default_factory=list)


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)
    version: str | None = None
    lines: int = 0
    declarations: int = 0
    natures: list[str] = field(default_factory=list)
    readable: bool = True  # False: the file could not be read at all (exit code 2)

    @property
    def blocking(self) -> bool:
        return any(f.blocking for f in self.findings)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "version": self.version,
            "lines": self.lines,
            "declarations": self.declarations,
            "findings": [f.to_json() for f in self.findings],
        }


class Validator:
    """One pass over one file. Use `validate_bytes` / `validate_path` rather than this."""

    def __init__(
        self,
        path: str = "",
        show_nir: bool = False,
        progress: Callable[[int], None] | None = None,
        keep_tree: bool = False,
    ) -> None:
        self.report = Report(path)
        self.show_nir = show_nir
        self.progress = progress
        self.keep_tree = keep_tree
        self.norm: Norm = load_norm(DEFAULT_VERSION)
        self.builder: TreeBuilder | None = None
        self._pending: list[Finding] = []  # findings of the individual being read
        self._declaration = 0
        self._envoi_lines = 0
        self._envoi_circuit = 0
        self._lines_at_total = 0
        self._circuit_at_total = 0
        self._envoi_declarations = 0
        # Rubriques checked against a table we lack: said once per file, as information.
        self._offline: set[str] = set(csl.offline_codes())
        self._syntax: dict[str, tuple] = {}  # line key -> syntax problems (one language per run)
        self._nature_now: str | None = None  # nature of the declaration being read
        self._who: tuple[Occurrence | None, str] = (None, "")  # last individual described
        self._decl_index: dict[int, int] = {}  # id(S20.G00.05 occurrence) -> its rank
        self._ctx = RuleContext(self.norm)
        self._plans: dict[tuple[str, str | None], _Plan] = {}
        self._deferred: list[Occurrence] = []

    # -- findings ------------------------------------------------------------------------
    def _add(self, finding: Finding, occ: Occurrence | None = None) -> None:
        if occ is None:
            finding.declaration = self._declaration or None
        else:
            decl = occ.find_up(DECLARATION)
            finding.declaration = self._decl_index.get(id(decl)) if decl is not None else None
        person = occ.find_up(INDIVIDUAL) if occ is not None else None
        if person is not None:
            if self._who[0] is not person:
                self._who = (person, self.describe_individual(person))
            finding.individual = self._who[1]
            self.report.findings.append(finding)
        elif occ is None and self.builder is not None and any(o.block == INDIVIDUAL for o in self.builder.stack):
            self._pending.append(finding)
        else:
            self.report.findings.append(finding)

    def _finding(
        self,
        control: str,
        message: str,
        line: int | None,
        code: str | None = None,
        severity: Severity = Severity.BLOCKING,
    ) -> Finding:
        label = self.norm.label(code) if code else None
        return Finding(control, severity, message, line, code, label)

    # -- reading -------------------------------------------------------------------------
    def run(self, source: BinaryIO | bytes | Iterable[bytes]) -> Report:
        reader = LineReader(source)
        lines = iter(reader)
        head: list[tuple[int, str, str]] = []
        version: str | None = None
        for item in lines:
            head.append(item)
            if item[1] == VERSION_RUBRIQUE:
                version = item[2]
                break
            if len(head) >= VERSION_LOOKAHEAD:
                break
        if not head:
            self.report.findings.append(
                Finding(C_EMPTY_FILE, Severity.BLOCKING, _("The file is empty: expected DSN rubrique lines; found none."))
            )
            self.report.readable = False
            return self.report
        if version is None:
            self.report.findings.append(
                Finding(
                    C_VERSION_MISSING,
                    Severity.BLOCKING,
                    _("No norm version (S10.G00.00.006) in the first {n} lines: expected P26V01; the file is read as P26V01.").format(n=VERSION_LOOKAHEAD),
                    rubrique=VERSION_RUBRIQUE,
                )
            )
            version = DEFAULT_VERSION
        elif version not in KNOWN_VERSIONS:
            self.report.version = version
            self.report.findings.append(
                Finding(
                    C_VERSION_UNKNOWN,
                    Severity.BLOCKING,
                    _("This file is in norm version {found}; Comptoir reads {known}. It was not checked further.").format(
                        found=f"« {version} »", known=", ".join(KNOWN_VERSIONS)
                    ),
                    line=head[-1][0],
                    rubrique=VERSION_RUBRIQUE,
                    label=self.norm.label(VERSION_RUBRIQUE),
                )
            )
            return self.report
        self.report.version = version
        self.norm = load_norm(version)
        self._ctx = RuleContext(self.norm)
        registry = load_registry(version)
        self.registry: dict[str, list] = {}
        self.collectors: dict[str, list[Aggregate]] = {}
        for scope, rules in registry.by_scope().items():
            for rule in rules:
                if isinstance(rule, Aggregate):
                    self.collectors.setdefault(rule.each, []).append(rule)
                self.registry.setdefault(scope, []).append(rule)
        # Accumulators of Aggregate rules, per (rule id, scope occurrence).
        self._acc: dict[tuple[str, int], dict] = {}
        self.builder = TreeBuilder(self.norm, on_close=self._closed, on_issue=self._structure)
        self._feed(head, reader)
        self._feed(lines, reader)
        self.builder.finish()
        self._flush_pending(None)
        self.report.lines = reader.line_count
        if reader.utf8_line is not None:
            self.report.findings.insert(
                0,
                Finding(
                    C_ENCODING,
                    Severity.BLOCKING,
                    _("The file is encoded in UTF-8 (first seen on line {line}); a DSN must be ISO-8859-1 (Latin-1). Save it again in ISO-8859-1: accented letters are shown here as they were meant.").format(line=reader.utf8_line),
                    line=None,
                ),
            )
        envelope.after_file(self)
        return self.report

    def _feed(self, lines: Iterable[tuple[int, str, str]], reader: LineReader) -> None:
        """The hot loop: one pass, the common case inlined (same occurrence, next rubrique)."""
        builder = self.builder
        assert builder is not None
        rubriques = self.norm.rubriques
        stack = builder.stack
        cache = self._syntax
        watch = _SPECIAL | self._offline  # rubriques that need more than the common case
        progress = self.progress
        for number, code, value in lines:
            r = rubriques.get(code)
            if r is None:
                self._odd_line(number, code, value, reader)
                continue
            key = code + value  # codes have a fixed length: the key is unambiguous
            problems = cache.get(key)
            if problems is None:
                problems = check_value(r, value)
                if len(cache) >= 100_000:
                    cache.clear()
                cache[key] = problems
            if problems:
                for kind, message in problems:
                    if kind == FMT_DATE and code in csl.ALSO_CHECKED_BY_SYNTAX:
                        continue  # the CT's own CSL control reports it, under its id
                    self._add(self._finding(f"{code}/{kind}", message, number, code))
            if code in watch:
                if code in self._offline:
                    self._offline_note(number, code)
                if code in _SPECIAL:
                    self._special(code, value)
            self._envoi_lines += 1
            if stack:
                top = stack[-1]
                if code > top.last and top.block == code[:10]:
                    top.values[code] = value
                    top.lines[code] = number
                    top.last = code
                    continue
            builder.feed(number, code, value)
            if code == NATURE:
                self._decl_index[id(stack[-1])] = self._declaration
                self._nature_now = value  # after the feed: the previous declaration is closed
            if progress is not None and not number & 0x3FFF:
                progress(reader.bytes_read)
        if progress is not None:
            progress(reader.bytes_read)

    def _special(self, code: str, value: str) -> None:
        """Rubriques that set the validator's context as they are read."""
        if code == NATURE:
            self._declaration += 1  # the first rubrique of each declaration
        elif code == "S10.G00.00.001":
            self._envoi_lines = 0
            self._envoi_circuit = 0
        elif code == FILE_DATE:
            self._ctx.file_date = parse_date(value)
        else:  # the S90 totals: count the envoi's lines up to here
            self._lines_at_total = self._envoi_lines + 1
            self._circuit_at_total = self._envoi_circuit

    def _offline_note(self, number: int, code: str) -> None:
        self._offline.discard(code)
        assert self.builder is not None
        stack = self.builder.stack
        # Envoi rubriques come before any nature is known: a note that holds only for some
        # natures (OES, nature 09) is then left out.
        nature = (stack[-1].get(NATURE) if stack else None) or ""
        note = csl.offline_notes(code, nature)
        if note is None:
            return
        control = next((c for c in csl.offline_controls(code)), code)
        finding = self._finding(control, note, number, code, Severity.INFO)
        self._add(finding)

    def _odd_line(self, number: int, code: str, value: str, reader: LineReader) -> None:
        """A bad line, or a code that is not a rubrique of the norm (circuit, lot, unknown)."""
        if not code:
            self._bad_line(number, value, reader.bad.get(number, ""))
            return
        self._envoi_lines += 1
        if code[:10] in ("S10.G00.95", "S20.G00.96"):
            self._envoi_circuit += 1
        assert self.builder is not None
        self.builder.feed(number, code, value)

    def _bad_line(self, number: int, text: str, kind: str) -> None:
        if kind == EMPTY:
            self._add(self._finding(C_EMPTY_LINE, _("Line {line} is empty: expected a rubrique line CODE,'value'.").format(line=number), number))
            return
        shown = text if len(text) <= 60 else text[:57] + "…"
        self._add(
            self._finding(
                C_MALFORMED,
                _("Line {line}: expected a rubrique line such as S21.G00.30.002,'DUPONT'; found « {text} ».").format(line=number, text=shown),
                number,
            )
        )

    # -- structure -----------------------------------------------------------------------
    def _structure(self, issue: StructureIssue) -> None:
        norm = self.norm
        if issue.kind == STR_MALFORMED:
            self._bad_line(issue.line, f"{issue.code},'{issue.detail}'", "")
            return
        if issue.kind == STR_UNKNOWN:
            msg = _("{code} is not a rubrique of norm {version}: expected a rubrique of the cahier technique; the line was ignored.").format(code=issue.code, version=norm.version)
        elif issue.kind == STR_OUT_OF_ORDER:
            msg = _("{code} comes after {previous} in the same block: rubriques of a block must be in increasing order.").format(code=issue.code, previous=issue.detail)
        elif issue.kind == STR_REPEATED:
            msg = _("{code} is given twice in the same block (first on line {first}): a rubrique appears at most once per block; the second value was ignored.").format(code=issue.code, first=issue.detail)
        elif issue.kind == STR_ORPHAN:
            msg = _("Block {block} ({label}) appears outside its parent block {parent} ({parent_label}): expected it inside a {parent} block.").format(
                block=issue.code, label=norm.label(issue.code), parent=issue.detail, parent_label=norm.label(issue.detail)
            )
        else:
            msg = _("Block {block} ({label}) comes too late inside {parent}: blocks must follow the order of the norm.").format(
                block=issue.code, label=norm.label(issue.code), parent=issue.detail
            )
        self._add(self._finding(STRUCTURE_IDS[issue.kind], msg, issue.line, issue.code))

    def _nature(self, occ: Occurrence) -> str | None:
        return occ.get(NATURE)

    def _closed(self, occ: Occurrence) -> None:
        block = occ.block
        if block.startswith("S10") and block != ENVOI:
            self._deferred.append(occ)  # checked once the declaration's nature is known
            return
        if block == DECLARATION:
            self.report.declarations += 1
            nature = occ.values.get(NATURE)
            if nature:
                self.report.natures.append(nature)
        if block == ENVOI:
            for early in self._deferred:
                self._check(early)
            self._deferred.clear()
        self._check(occ)
        if block == DECLARATION:
            envelope.after_declaration(self, occ)
        elif block == TOTAL:
            envelope.after_total(self, occ)
        elif block == INDIVIDUAL:
            self._flush_pending(occ)
            if not self.keep_tree and occ.parent is not None and occ.parent.children and occ.parent.children[-1] is occ:
                occ.parent.children.pop()  # let the individual go: its counts stay

    def _flush_pending(self, individual: Occurrence | None) -> None:
        if not self._pending:
            return
        who = self.describe_individual(individual) if individual is not None else None
        for f in self._pending:
            f.individual = who
        self.report.findings.extend(self._pending)
        self._pending = []

    def describe_individual(self, occ: Occurrence) -> str:
        name = " ".join(v for v in (occ.values.get("S21.G00.30.002"), occ.values.get("S21.G00.30.004")) if v)
        nir = occ.values.get("S21.G00.30.001")
        masked = mask_nir(nir, self.show_nir)
        return f"{name} ({masked})" if masked else name

    def _plan(self, block: str, nature: str | None) -> _Plan:
        """What to check on an occurrence of `block` in a declaration of `nature`, worked out
        once per file rather than once per occurrence."""
        norm = self.norm
        spec = norm.blocks[block]
        plan = _Plan()
        for child in norm.children(block):
            usage = norm.usage(child, nature).letter if nature else "?"
            lo, hi = self._cardinality(child, nature, usage)
            if lo or hi is not None or usage == "I":  # nothing to check on 0..* otherwise
                plan.children.append((child, lo, hi, usage == "I"))
        if nature:
            for code in spec.rubriques:
                letter = norm.usage(code, nature).letter
                if letter == "O":
                    plan.required.append(code)
                elif letter == "I":
                    plan.forbidden.append(code)
        for rule in self.registry.get(block, ()):
            target = getattr(rule, "target", None)
            if nature and target and target[:10] == block and norm.usage(target, nature).letter == "I":
                # The usage table forbids the rubrique for this nature (a CST finding says so);
                # a CCH rule requiring it would contradict that, as it does not in DSN-Val.
                continue
            if isinstance(rule, Aggregate):
                plan.verdicts.append(rule)
                continue
            # Call a Check's function directly: one call less per occurrence and rule.
            call = rule.fn if type(rule).evaluate is Check.evaluate else rule.evaluate  # type: ignore[attr-defined]
            entry = (call, rule)
            triggers = rule.triggers()
            if triggers is None:
                plan.always.append(entry)
                continue
            for code in triggers:
                if len(code) == 10:  # a block code: a descendant occurrence of that block
                    plan.by_block.setdefault(code, []).append(entry)
                else:
                    plan.by_trigger.setdefault(code, []).append(entry)
            if len(triggers) > 1:
                plan.dedupe = True
        plan.collectors = list(self.collectors.get(block, ()))
        return plan

    def _check(self, occ: Occurrence) -> None:
        norm = self.norm
        block = occ.block
        if block.startswith("S10"):  # envoi blocks: the nature of its first declaration
            nature = self.report.natures[0] if self.report.natures else None
        elif block == TOTAL:
            nature = None
        else:
            nature = self._nature_now
        plan = self._plans.get((block, nature))
        if plan is None:
            plan = self._plans[(block, nature)] = self._plan(block, nature)
        values = occ.values
        counts = occ.counts
        # Child blocks: how many, and whether the nature allows them.
        for child, lo, hi, forbidden in plan.children:
            count = counts.get(child, 0)
            if forbidden and count:
                self._add(self._finding(
                    f"{child}/{C_BLOCK_FORBIDDEN}",
                    _("Block {block} ({label}) is not allowed in a declaration of nature {nature}; found {n}.").format(
                        block=child, label=norm.label(child), nature=self._nature_words(nature), n=count),
                    occ.line, child), occ)
            elif count < lo:
                self._add(self._finding(
                    f"{child}/{C_BLOCK_MISSING}",
                    _("Block {block} ({label}) is missing inside {parent} ({parent_label}): expected at least {lo}; found {n}.").format(
                        block=child, label=norm.label(child), parent=block, parent_label=norm.label(block), lo=lo, n=count),
                    occ.line, child), occ)
            elif hi is not None and count > hi:
                self._add(self._finding(
                    f"{child}/{C_TOO_MANY}",
                    _("Block {block} ({label}) occurs {n} times inside {parent}: expected at most {hi}.").format(
                        block=child, label=norm.label(child), parent=block, n=count, hi=hi),
                    occ.line, child), occ)
        # Rubriques of this occurrence against the usage of the nature.
        for code in plan.required:
            if code not in values:
                self._add(self._finding(
                    f"{code}/{C_RUBRIQUE_MISSING}",
                    _("{code} ({label}) is required in a declaration of nature {nature}; it is missing from the block that starts on line {line}.").format(
                        code=code, label=norm.label(code), nature=self._nature_words(nature), line=occ.line),
                    occ.line, code), occ)
        for code in plan.forbidden:
            if code in values:
                self._add(self._finding(
                    f"{code}/{C_RUBRIQUE_FORBIDDEN}",
                    _("{code} ({label}) is not allowed in a declaration of nature {nature}; found « {value} ».").format(
                        code=code, label=norm.label(code), nature=self._nature_words(nature), value=values[code]),
                    occ.lines[code], code), occ)
        # Aggregate rules collect from this occurrence while it is in memory.
        for rule in plan.collectors:
            scope = occ.find_up(rule.scope)
            if scope is not None:
                rule.collect(occ, self._acc.setdefault((rule.id, id(scope)), {}))
        # The CT rules scoped to this block: those that always run, then those one of whose
        # trigger rubriques is present.
        rules: list = plan.always
        if plan.by_trigger or plan.by_block:
            by_trigger = plan.by_trigger
            triggered = [r for code in values if code in by_trigger for r in by_trigger[code]]
            if plan.by_block and occ.children:
                by_block = plan.by_block
                present = {d.block for d in occ.descendants()}
                triggered += [r for block in present if block in by_block for r in by_block[block]]
            if triggered:
                if plan.dedupe:  # a rule with several triggers runs once (rules are not hashable)
                    triggered = list({id(entry[1]): entry for entry in triggered}.values())
                rules = rules + triggered if rules else triggered
        ctx = self._ctx
        for call, rule in rules:
            message = call(occ, ctx)
            if message:
                self._rule_finding(rule, occ, message)
        for rule in plan.verdicts:
            message = rule.verdict(occ, self._acc.pop((rule.id, id(occ)), {}), ctx)
            if message:
                self._rule_finding(rule, occ, message)

    def _rule_finding(self, rule, occ: Occurrence, result: str | tuple[str, int]) -> None:  # type: ignore[no-untyped-def]
        control = self.norm.controls.get(rule.id)
        severity = Severity.BLOCKING if control is None or control.blocking else Severity.NON_BLOCKING
        target = getattr(rule, "target", None) or rule.scope
        # A rule may name the line at fault (a pay line below the individual it is scoped to).
        message, line = result if isinstance(result, tuple) else (result, rule.line(occ))
        self._add(self._finding(rule.id.split("#")[0], message, line or rule.line(occ), target, severity), occ)

    def _cardinality(self, child: str, nature: str | None, usage: str) -> tuple[int, int | None]:
        spec = self.norm.blocks[child]
        if nature is not None and nature in spec.natures:
            lo, hi = spec.natures[nature]
        else:
            lo, hi = spec.min, spec.max
            if nature not in (None, "01", "07"):
                # Without a schema for this nature, a block is required only on evidence.
                lo = 1 if usage == "O" else 0
        if usage == "I":
            lo = 0
        return lo, hi

    def _nature_words(self, nature: str | None) -> str:
        label = self.norm.code_label(NATURE, nature or "")
        return f"« {nature} - {label} »" if label else f"« {nature} »"


def validate_bytes(data: bytes, path: str = "", show_nir: bool = False) -> Report:
    return Validator(path, show_nir).run(data)


def validate_path(
    path: str | Path, show_nir: bool = False, progress: Callable[[int], None] | None = None
) -> Report:
    """Validate a file on disk. An unreadable path gives a report with `readable=False`."""
    p = Path(path)
    try:
        with open(p, "rb") as stream:
            return Validator(str(path), show_nir, progress).run(stream)
    except IsADirectoryError:
        reason = _("it is a directory")
    except FileNotFoundError:
        reason = _("no such file")
    except PermissionError:
        reason = _("permission denied")
    except OSError as exc:
        reason = exc.strerror or str(exc)
    report = Report(str(path), readable=False)
    report.findings.append(
        Finding("FILE-READ", Severity.BLOCKING, _("Cannot read {path}: {reason}.").format(path=str(path), reason=reason))
    )
    return report

