"""The five declarations: each a form and a builder, found by kind.

    decl = get("arret")
    session = FormSession(decl.form, answers)     # the wizard, the plain mode
    built = build("arret", answers, BuildContext(today=…, numero_ordre=…))

`build` refuses answers with open errors (`AnswerErrors`, every one listed by question id
and label) and validates every DSN it writes with the engine: `Built.report`.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from forms.i18n import _
from forms.kinds import KINDS, TITLES
from forms.questions import FieldError, Form
from forms.session import checked_once

__all__ = [
    "KINDS", "TITLES", "AnswerErrors", "BuildContext", "Built", "Declaration", "assemble", "available", "build", "get",
]


@dataclass(frozen=True)
class BuildContext:
    """What the builder needs besides the answers; storage supplies the numbers."""

    today: date = field(default_factory=date.today)
    numero_ordre: int = 1
    test: bool = False
    identifiant_metier: str = ""


@dataclass
class Built:
    data: bytes
    filename: str
    nature: str                   # "01", "04", "05", "07", "10"; "DPAE" for the XML
    type: str                     # "01"…"05"; "" for the DPAE
    period: str                   # YYYY-MM the declaration is about
    people: list[tuple[str, str]]  # (NIR, name) of every person in it, for the history
    report: object | None = None  # forms.validator.Report for a DSN
    media: str = "dsn"            # "dsn" or "xml"
    notes: list[str] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        return bool(self.report is not None and getattr(self.report, "blocking", False))


@dataclass(frozen=True)
class Declaration:
    kind: str
    form: Form
    builder: Callable[[dict[str, str], BuildContext], Built]

    @property
    def title(self) -> str:
        return _(TITLES[self.kind])


class AnswerErrors(ValueError):
    """Answers with open errors; nothing is built."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("\n".join(f"{e.key}: {e.message}" for e in errors))
        self.errors = errors


_MODULES = {"dpae": "dpae", "mensuelle": "mensuelle", "arret": "arret", "reprise": "reprise", "fctu": "fctu"}


def get(kind: str) -> Declaration:
    if kind not in _MODULES:
        raise KeyError(kind)
    module = importlib.import_module(f"forms.declarations.{_MODULES[kind]}")
    return module.DECLARATION  # type: ignore[no-any-return]


def available() -> list[str]:
    """Kinds whose module exists (all five once every issue part is in)."""
    out = []
    for kind in KINDS:
        try:
            get(kind)
        except ModuleNotFoundError:
            continue
        out.append(kind)
    return out


@contextmanager
def _no_gc() -> Iterator[None]:
    """Building allocates many small acyclic objects at once: the cyclic collector would walk
    the growing heap again and again (a cost that grows faster than the file). Off meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def assemble(kind: str, answers: dict[str, str], ctx: BuildContext | None = None) -> Built:
    """Check every answer and build the file, without validating it (`build` does both)."""
    decl = get(kind)
    with _no_gc():
        # `FormSession(decl.form, answers).errors_and_answers()`, the session let go at once
        # (while the collector is off: it would walk all it holds once back on).
        errors, effective = checked_once(decl.form, answers)
        if errors or effective is None:
            raise AnswerErrors(errors)
        built = decl.builder(effective, ctx or BuildContext())
        del effective
        return built


def build(kind: str, answers: dict[str, str], ctx: BuildContext | None = None) -> Built:
    built = assemble(kind, answers, ctx)
    if built.media == "dsn" and built.report is None:
        from forms.validator import validate_bytes

        built.report = validate_bytes(built.data, path=built.filename)
    return built
