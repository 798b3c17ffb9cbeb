"""A question's compiled reader (`compile_reader`, used by the build's check pass) gives what
`read_answer` gives for any typed text: values in canonical form skip the parser, anything
else is read as before."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest

from forms.answer_check import compile_reader, read_answer
from forms.declarations import available, get
from forms.i18n import set_language
from forms.questions import Question, Repeat, Step

TYPED = [
    "", "  ", "0.00", "12.34", "012.34", "12.3", "12.345", "1 234,56", "-5.00", "-0.00", "1234567890123456789012.00",
    "12345678901234567890.00", "99999999999999999999999999999.00", "1.5", "0", "7", "3.1415", "100.0000", "١٢.٣٤",
    "DUPONT", "dupont", "DUPONT  MARTIN", " DUPONT", "D'ARC-EN-CIEL", "ÉLODIE", "Zoë", "a\tb", "x" * 90, "ABC\u00a0DEF", "-109.76", "-012.00", "-.50", "--1.00", "+1.00", "-0.5",
    "15/03/2026", "2026-03", "oui", "01", "ZZ", "1 87 05 75 123 456 78", "75003", "nom@exemple.fr", "€12,00",
]


def _questions(items: tuple[Step | Repeat, ...]) -> list[Question]:
    out: list[Question] = []
    for item in items:
        if isinstance(item, Step):
            out.extend(item.questions)
        else:
            out.append(item.count)
            out.extend(_questions(item.items))
    return out


def _outcome(read: Callable[[str], object], raw: str) -> object:
    try:
        return read(raw)
    except ArithmeticError as exc:  # what read_answer lets through (a number too long for Decimal)
        return type(exc)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_reader_reads_as_read_answer(language: str) -> None:
    set_language(language)
    try:
        for kind in available():
            for question in _questions(get(kind).form.items):
                read = compile_reader(question)
                for raw in TYPED:
                    expected = _outcome(partial(read_answer, question), raw)
                    assert _outcome(read, raw) == expected, (kind, question.id, raw)
    finally:
        set_language("fr")
