"""Helpers for tests: a small valid monthly DSN, and a Hypothesis strategy for documents."""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

from forms.controls.dsl import sample_value
from forms.controls.syntax import check_value
from forms.dsn.document import Document
from forms.dsn.writer import close_envoi, write
from forms.norm import Norm, Rubrique, load_norm

NORM = load_norm("P26V01")


def minimal_monthly(extra_individual: dict[str, str] | None = None) -> Document:
    """A monthly DSN with one establishment and no individual (type 02, néant)."""
    doc = Document.new()
    envoi = doc.add("S10.G00.00", {
        "S10.G00.00.001": "COMPTOIR", "S10.G00.00.002": "COMPTOIR", "S10.G00.00.003": "0.1",
        "S10.G00.00.005": "01", "S10.G00.00.006": "P26V01", "S10.G00.00.007": "01",
        "S10.G00.00.008": "02",
    })
    doc.add("S10.G00.01", {
        "S10.G00.01.001": "732829320", "S10.G00.01.002": "00074", "S10.G00.01.003": "ASSOCIATION EXEMPLE",
        "S10.G00.01.004": "1 RUE DE LA PAIX", "S10.G00.01.005": "75002", "S10.G00.01.006": "PARIS",
    }, envoi)
    doc.add("S10.G00.02", {
        "S10.G00.02.002": "MARTIN JEANNE", "S10.G00.02.004": "jeanne.martin@example.org",
        "S10.G00.02.005": "0102030405",
    }, envoi)
    decl = doc.add("S20.G00.05", {
        "S20.G00.05.001": "01", "S20.G00.05.002": "02", "S20.G00.05.003": "11",
        "S20.G00.05.004": "1", "S20.G00.05.005": "01012026", "S20.G00.05.007": "05022026",
        "S20.G00.05.008": "01", "S20.G00.05.010": "01",
    }, envoi)
    ent = doc.add("S21.G00.06", {"S21.G00.06.001": "732829320", "S21.G00.06.002": "00074", "S21.G00.06.003": "9499Z"}, decl)
    doc.add("S21.G00.11", {
        "S21.G00.11.001": "00074", "S21.G00.11.002": "9499Z", "S21.G00.11.003": "1 RUE DE LA PAIX",
        "S21.G00.11.004": "75002", "S21.G00.11.005": "PARIS", "S21.G00.11.022": "9999",
    }, ent)
    close_envoi(doc)
    return doc


def minimal_monthly_bytes() -> bytes:
    return write(minimal_monthly())


@cache
def _value_strategy(code: str) -> st.SearchStrategy[str]:
    r: Rubrique = NORM.rubriques[code]
    if r.codes:
        return st.sampled_from(sorted(r.codes))
    if r.regex is None:
        # Free text: printable ASCII (apostrophes included) and French letters. Latin-1 bytes
        # that also form valid UTF-8 (e.g. "Ã©") would be read as UTF-8 by design: no real
        # name holds them, and the alphabet leaves out the 0x80-0xBF bytes that could.
        alphabet = st.sampled_from(
            [chr(c) for c in range(0x20, 0x7F)] + list("àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ")
        )
        return st.text(alphabet, min_size=r.min_length, max_size=min(r.max_length, 40)).filter(
            lambda v: not check_value(r, v)
        )
    fixed = sample_value(r)
    regex_values = st.from_regex(r.regex, fullmatch=True).filter(lambda v: not check_value(r, v))
    return st.one_of(st.just(fixed), regex_values) if fixed else regex_values


def _occurrence_values(norm: Norm, block: str) -> st.SearchStrategy[dict[str, str]]:
    codes = norm.blocks[block].rubriques
    first, rest = codes[0], codes[1:]
    # Each occurrence holds its block's first rubrique, so occurrences never run together.
    chosen = st.lists(st.sampled_from(rest), unique=True, max_size=4) if rest else st.just([])
    return chosen.flatmap(
        lambda extra: st.fixed_dictionaries({c: _value_strategy(c) for c in [first, *extra]})
    )


@st.composite
def documents(draw: st.DrawFn, max_children: int = 2, max_depth: int = 4) -> Document:
    """Random documents that follow the norm's hierarchy and syntax (not its rules)."""
    doc = Document.new()

    def grow(block: str, parent, depth: int) -> None:  # type: ignore[no-untyped-def]
        occ = doc.add(block, draw(_occurrence_values(NORM, block)), parent)
        if depth >= max_depth:
            return
        for child in NORM.children(block):
            low = 1 if child == "S20.G00.05" else 0  # an envoi holds at least one declaration
            for _ in range(draw(st.integers(low, max_children))):
                grow(child, occ, depth + 1)

    grow("S10.G00.00", None, 0)
    close_envoi(doc)
    return doc
