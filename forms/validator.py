"""Validate a DSN file as the official control tool does, streaming.

The file is read once. Each line's value is checked against its rubrique (syntax); lines are
grouped into block occurrences; when an occurrence is complete, its cardinalities, its usage
for the nature and the CT rules scoped to its block are checked. An individual (S21.G00.30)
is let go once checked, so memory does not grow with the number of individuals.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from forms.controls import envelope
from forms.controls.dsl import Aggregate, Check, RuleCompiler, RuleContext
from forms.controls.registry import load_registry
from forms.controls.rules import csl
from forms.controls.syntax import DATE as FMT_DATE
from forms.controls.syntax import check_value, parse_date
from forms.dsn.parser import EMPTY, MALFORMED, LineReader
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
# Blocks whose closing does more than checking them (see `_closed_special`).
_SPECIAL_BLOCKS = frozenset({INDIVIDUAL, DECLARATION, ENVOI, TOTAL})
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
    collecting: list = field(default_factory=list)  # (rule id, scope block, collect) of collectors
    scopes: list[str] = field(default_factory=list)  # the distinct scope blocks of `collecting`
    accs: tuple = ((), [])  # (scope occurrences, (collect, accumulator) pairs) last used
    entries: list = field(default_factory=list)  # (function, rule) pairs of `run`'s indexes
    run: Callable | None = None  # compiled: calls the entries that may report, returns what they say
    required_set: frozenset[str] = frozenset()
    forbidden_set: frozenset[str] = frozenset()
    idle: bool = False  # nothing at all to check on this block
    lean: Callable | None = None  # `run` when the plan judges no Aggregate (see `_closed`)


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
        # Rubrique lines of the envoi read so far: line numbers since S10.G00.00.001 (or the
        # start of the file) less the lines that are no rubrique line (bad or blank).
        self._envoi_start = 1
        self._envoi_skipped = 0
        self._envoi_circuit = 0
        self._lines_at_total = 0
        self._circuit_at_total = 0
        self._envoi_declarations = 0
        # Rubriques checked against a table we lack: said once per file, as information.
        self._offline: set[str] = set(csl.offline_codes())
        self._syntax: dict[str, tuple] = {}  # line key -> syntax problems (one language per run)
        # Lines seen before that are rubriques of the norm with a valid value and need nothing
        # special: line -> (code, value, block). The hot loop reads them without more checks.
        self._known: dict[str, tuple[str, str, str]] = {}
        self._watch = _SPECIAL | self._offline  # rubriques that need more than the common case
        self._blanks: list[int] = []  # blank lines not reported yet (only if something follows)
        self._blank_seen = 0  # last blank line taken
        self._reader: LineReader | None = None
        self._nature_now: str | None = None  # nature of the declaration being read
        self._who: tuple[Occurrence | None, str] = (None, "")  # last individual described
        self._decl_index: dict[int, int] = {}  # id(S20.G00.05 occurrence) -> its rank
        self._ctx = RuleContext(self.norm)
        self._plans: dict[tuple[str, str | None], _Plan] = {}
        self._deferred: list[Occurrence] = []
        self._plans_now: dict[str, _Plan] = {}  # block -> plan, for the nature being read

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
        lists = reader.line_lists()
        buffered: list[list[str]] = []
        version, version_line, any_item = _find_version(lists, buffered)
        if not any_item:
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
                    line=version_line,
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
        self._reader = reader
        self._feed(itertools.chain(buffered, lists), reader)
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

    def _feed(self, lists: Iterable[list[str]], reader: LineReader) -> None:
        """The hot loop: one pass over the lines. A line seen before whose value passed its
        syntax and needs nothing special (`self._known`) goes straight into the occurrence
        being read when it is the next rubrique of it; anything else takes `_line`."""
        builder = self.builder
        assert builder is not None
        stack = builder.stack
        known = self._known
        progress = self.progress
        number = 0
        top: Occurrence | None = None
        top_block: str | None = None
        top_last = ""
        values: dict[str, str] = {}
        lines_of: dict[str, int] | None = {}
        known_get = known.get
        for lines in lists:
            base = number + 1
            if self._blanks and lines and lines[0].strip():
                self._flush_blanks()  # blank lines at the end of the previous piece
            # `map` looks the lines up as the loop reaches them (`_line` adds to `known`).
            for number, info in enumerate(map(known_get, lines), base):  # noqa: B007 (number is used after the loop)
                if info is not None:
                    code, value, block = info
                    if block == top_block and code > top_last:
                        values[code] = value
                        if lines_of is not None:  # None: the line follows from the order
                            lines_of[code] = number
                        top_last = code
                        continue
                    if block == top_block and code > top.first:  # type: ignore[union-attr]
                        # back within the same block: out of order, repeated, or a repeat
                        top.last = top_last  # type: ignore[union-attr]
                        builder._same_block(top, number, code, value)  # type: ignore[arg-type]
                        between = True
                    else:  # a new occurrence (what builder.feed does)
                        if top is not None:
                            top.last = top_last
                        # Its lines follow from the order of its values while only the fast
                        # path above feeds it (see Occurrence.lines).
                        occ = builder._open(block, number, True)
                        occ.values[code] = value
                        occ.first = occ.last = code
                        between = False
                else:
                    if top is not None:
                        top.last = top_last
                    self._line(number, lines[number - base], lines, number - base)
                    between = True
                if stack:
                    top = stack[-1]
                    top_block, top_last, values, lines_of = top.block, top.last, top.values, top._lines
                    if lines_of is None and between:
                        # A line that was no next rubrique of it came in between: from now on
                        # its lines are kept one by one.
                        lines_of = top.lines
                else:
                    top, top_block = None, None
            if progress is not None:
                progress(reader.bytes_read)
        if top is not None:
            top.last = top_last
        reader.line_count = number - len(self._blanks)
        if progress is not None:
            progress(reader.bytes_read)

    def _line(self, number: int, line: str, lines: list[str], index: int) -> None:
        """One line the hot loop does not take: new, special, bad, blank or malformed."""
        if line[14:16] == ",'" and line[-1:] == "'" and len(line) > 16:
            code = line[:14]
            value = line[16:-1]
            if self._item(number, code, value) and code not in self._watch:
                known = self._known
                if len(known) >= 100_000:
                    known.clear()
                # One string per block: the hot loop and the tree compare blocks by identity first.
                known[line] = (code, value, sys.intern(code[:10]))
        elif not line.strip():
            if number <= self._blank_seen:
                return  # already taken with the run of blank lines it belongs to
            # Blank lines are reported only if something follows (at the end they are harmless).
            end = index + 1
            while end < len(lines) and not lines[end].strip():
                end += 1
            self._blanks.extend(range(number, number + end - index))
            self._blank_seen = number + end - index - 1
            if end < len(lines):
                self._flush_blanks()
        else:
            self._reader.bad[number] = MALFORMED
            self._item(number, "", line)

    def _flush_blanks(self) -> None:
        for n in self._blanks:
            self._reader.bad[n] = EMPTY
            self._item(n, "", "")
        self._blanks.clear()

    def _item(self, number: int, code: str, value: str) -> bool:
        """One rubrique line (or a bad one, code ""). True when it is a rubrique of the norm
        whose value has no syntax problem."""
        r = self.norm.rubriques.get(code)
        if r is None:
            self._odd_line(number, code, value, self._reader)
            return False
        key = code + value  # codes have a fixed length: the key is unambiguous
        cache = self._syntax
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
        if code in self._watch:
            if code in self._offline:
                self._offline_note(number, code)
                self._watch = _SPECIAL | self._offline
            if code in _SPECIAL:
                self._special(code, value, number)
        assert self.builder is not None
        stack = self.builder.stack
        self.builder.feed(number, code, value)
        if code == NATURE:
            self._decl_index[id(stack[-1])] = self._declaration
            self._nature_now = value  # after the feed: the previous declaration is closed
            self._plans_now = {}
            self.builder.closers.clear()
        return not problems

    def _special(self, code: str, value: str, number: int) -> None:
        """Rubriques that set the validator's context as they are read."""
        if code == NATURE:
            self._declaration += 1  # the first rubrique of each declaration
        elif code == "S10.G00.00.001":
            self._envoi_start = number
            self._envoi_skipped = 0
            self._envoi_circuit = 0
        elif code == FILE_DATE:
            self._ctx.file_date = parse_date(value)
        else:  # the S90 totals: count the envoi's lines up to here, this one included
            self._lines_at_total = number - self._envoi_start + 1 - self._envoi_skipped
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
            self._envoi_skipped += 1  # not a rubrique line: the S90 total does not count it
            self._bad_line(number, value, reader.bad.get(number, ""))
            return
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
        plan = self._plans_now.get(occ.block)
        if plan is not None:  # the common case: a block with nothing special about it
            lean = plan.lean
            if lean is not None:  # CT rules (usage and child blocks: `lean` checks them too)
                if plan.collecting:  # collecting says nothing: it may come first
                    self._collect(occ, plan)
                lean(occ)  # reports what the rules say, or hands the occurrence to `_apply`
            elif not plan.idle:
                self._apply(occ, plan, self._nature_now)
            return
        self._closed_special(occ)

    def _closed_special(self, occ: Occurrence) -> None:
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
            parent = occ.parent
            if not self.keep_tree and parent is not None and parent.children and parent.children[-1] is occ:
                parent.children.pop()  # let the individual go: its counts stay
                self.builder.release(occ)  # freed now, not by the cyclic garbage collector

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
        compiler = RuleCompiler(block, norm)
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
            test = compiler.suspect(rule)
            either = None
            if triggers is not None:
                # Run only when one of its triggers is there, as the index below says.
                present = [compiler.descendant(c) if len(c) == 10 else compiler.present(c) for c in sorted(triggers)]
                either = f"({' or '.join(present)})"
            compiler.add(len(plan.entries), test, either)
            plan.entries.append(entry)
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
        plan.collecting = [(rule.id, rule.scope, rule.collect) for rule in plan.collectors]
        plan.scopes = list(dict.fromkeys(rule.scope for rule in plan.collectors))
        plan.required_set = frozenset(plan.required)
        plan.forbidden_set = frozenset(plan.forbidden)
        compiler.usage(plan.required_set, plan.forbidden_set, plan.children)
        if plan.entries:
            # The compiled function calls the rules itself and, called lean, reports what they
            # say or hands the occurrence to `_apply` (see RuleCompiler.source).
            plan.run = compiler.build(
                [call for call, _rule in plan.entries], self._ctx,
                report=lambda occ, found, plan=plan: self._report_rules(occ, plan, found),
                fallback=lambda occ, plan=plan, nature=nature: self._apply(occ, plan, nature, collected=True),
            )
            if not plan.verdicts:
                plan.lean = plan.run
        plan.idle = not (plan.children or plan.required or plan.forbidden or plan.collectors or plan.entries or plan.verdicts)
        return plan

    def _check(self, occ: Occurrence) -> None:
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
        if nature is self._nature_now and block not in _SPECIAL_BLOCKS and not block.startswith("S10"):
            self._plans_now[block] = plan  # `_closed` finds it there next time
            # Most blocks: the tree builder calls the plan itself (or nothing) as they close.
            if plan.idle:
                self.builder.closers[block] = None  # type: ignore[union-attr]
            elif plan.lean is not None and not plan.collecting:
                self.builder.closers[block] = plan.lean  # type: ignore[union-attr]
        if not plan.idle:
            self._apply(occ, plan, nature)

    def _apply(self, occ: Occurrence, plan: _Plan, nature: str | None, collected: bool = False) -> None:
        values = occ.values
        if plan.children:
            self._check_children(occ, plan, nature)
        # Rubriques of this occurrence against the usage of the nature.
        if plan.required and not values.keys() >= plan.required_set:
            norm = self.norm
            for code in plan.required:
                if code not in values:
                    self._add(self._finding(
                        f"{code}/{C_RUBRIQUE_MISSING}",
                        _("{code} ({label}) is required in a declaration of nature {nature}; it is missing from the block that starts on line {line}.").format(
                            code=code, label=norm.label(code), nature=self._nature_words(nature), line=occ.line),
                        occ.line, code), occ)
        if plan.forbidden and not values.keys().isdisjoint(plan.forbidden_set):
            norm = self.norm
            for code in plan.forbidden:
                if code in values:
                    self._add(self._finding(
                        f"{code}/{C_RUBRIQUE_FORBIDDEN}",
                        _("{code} ({label}) is not allowed in a declaration of nature {nature}; found « {value} ».").format(
                            code=code, label=norm.label(code), nature=self._nature_words(nature), value=values[code]),
                        occ.lines[code], code), occ)
        # Aggregate rules collect from this occurrence while it is in memory.
        if plan.collecting and not collected:
            self._collect(occ, plan)
        # The CT rules scoped to this block: the compiled plan calls those that may report.
        ctx = self._ctx
        if plan.run is not None:
            found = plan.run(occ, False)
            if found:
                self._report_rules(occ, plan, found)
        for rule in plan.verdicts:
            message = rule.verdict(occ, self._acc.pop((rule.id, id(occ)), {}), ctx)
            if message:
                self._rule_finding(rule, occ, message)

    def _collect(self, occ: Occurrence, plan: _Plan) -> None:
        """Each collector of the plan collects from `occ` into its accumulator for the
        enclosing scope occurrence, in the plan's order. The accumulators are looked up once
        per scope occurrence, not once per occurrence and collector (twenty rules collect
        from every individual)."""
        scopes = tuple(map(occ.find_up, plan.scopes))
        known, pairs = plan.accs
        if known != scopes:  # occurrences compare by identity
            by_block = dict(zip(plan.scopes, scopes, strict=True))
            acc = self._acc
            pairs = []
            for rule_id, scope_block, collect in plan.collecting:
                scope = by_block[scope_block]
                if scope is not None:
                    pairs.append((collect, acc.setdefault((rule_id, id(scope)), {})))
            plan.accs = (scopes, pairs)
        for collect, into in pairs:
            collect(occ, into)

    def _report_rules(self, occ: Occurrence, plan: _Plan, found: list[tuple[int, str | tuple[str, int]]]) -> None:
        """Report what the rules `plan.run` called said ((index, message) pairs in index
        order), in the order of `_rule_order`."""
        entries = plan.entries
        if len(found) > 1:
            rank = self._rule_order(plan, occ)
            found.sort(key=lambda item: rank[id(entries[item[0]][1])])
        for index, message in found:
            self._rule_finding(entries[index][1], occ, message)

    def _check_children(self, occ: Occurrence, plan: _Plan, nature: str | None) -> None:
        """Child blocks: how many, and whether the nature allows them."""
        norm = self.norm
        block = occ.block
        counts = occ.counts
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

    @staticmethod
    def _rule_order(plan: _Plan, occ: Occurrence) -> dict[int, int]:
        """The order in which rules report on an occurrence: those that always run, then
        those triggered, by trigger in the occurrence's order (then descendant blocks)."""
        rules: list = plan.always
        if plan.by_trigger or plan.by_block:
            by_trigger = plan.by_trigger
            triggered = [r for code in occ.values if code in by_trigger for r in by_trigger[code]]
            if plan.by_block and occ.children:
                by_block = plan.by_block
                present = {d.block for d in occ.descendants()}  # this order, as before
                triggered += [r for block in present if block in by_block for r in by_block[block]]
            if triggered:
                if plan.dedupe:  # a rule with several triggers runs once (rules are not hashable)
                    triggered = list({id(entry[1]): entry for entry in triggered}.values())
                rules = rules + triggered if rules else triggered
        return {id(rule): rank for rank, (_call, rule) in enumerate(rules)}

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


def _find_version(lists: Iterator[list[str]], buffered: list[list[str]]) -> tuple[str | None, int | None, bool]:
    """The norm version of the file: (value of S10.G00.00.006 if it is among the first
    VERSION_LOOKAHEAD lines, its line number, whether the file has any line at all). The
    lists of lines read to find it are kept in `buffered`; blank lines count as the reader
    gives them: only when something follows."""
    count = 0
    blanks = 0
    number = 0
    for lines in lists:
        buffered.append(lines)
        for line in lines:
            number += 1
            if not line.strip():
                blanks += 1
                continue
            if blanks:
                if count + blanks >= VERSION_LOOKAHEAD:
                    return None, None, True
                count += blanks
                blanks = 0
            count += 1
            if line[:14] == VERSION_RUBRIQUE and line[14:16] == ",'" and line[-1:] == "'" and len(line) > 16:
                return line[16:-1], number, True
            if count >= VERSION_LOOKAHEAD:
                return None, None, True
    return None, None, count > 0


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

