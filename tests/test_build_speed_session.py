"""What the faster build relies on: the session's layout and readings follow every change of
the answers and of the language, a value read once is still checked against each answer's
own rule and scope, the answers kept are those of the questions that apply (facts included,
order kept), and the writer still refuses a value per rubrique."""

from __future__ import annotations

import pytest

from forms.declarations import BuildContext, assemble, get
from forms.dsn.document import Document
from forms.dsn.writer import WriteError, close_envoi, write
from forms.i18n import set_language
from forms.questions import Form, Kind, Question, Repeat, Scope, Step
from forms.session import FormSession
from tests.test_mensuelle import CTX, mensuelle_answers


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def keys(session: FormSession) -> list[str]:
    return [e.key for e in session.errors()]


# ----------------------------------------------------------------------------- layout follows the answers
def test_errors_and_steps_follow_each_answer_given() -> None:
    session = FormSession(get("mensuelle").form, mensuelle_answers(3))
    assert keys(session) == []
    steps = len(session.steps())
    session.answer("salaries.0.contrat.nature", "02")  # a fixed-term contract asks two more answers
    assert keys(session) == ["salaries.0.contrat.fin_previsionnelle", "salaries.0.contrat.motif_recours"]
    session.answer("salaries.nombre", "4")  # one more employee: its steps and its missing answers
    assert len(session.steps()) > steps
    assert "salaries.3.individu.nom" in keys(session)
    session.answer("salaries.nombre", "3")
    session.answer("salaries.0.contrat.nature", "01")
    assert keys(session) == [] and len(session.steps()) == steps


def test_answers_changed_in_place_are_seen_too() -> None:
    session = FormSession(get("mensuelle").form, mensuelle_answers(2))
    assert session.errors() == []
    session.answers["salaries.1.paie.net_verse"] = "12,345"  # not through answer(): no check on the way
    assert keys(session) == ["salaries.1.paie.net_verse"]
    del session.answers["salaries.1.paie.net_verse"]
    assert keys(session) == ["salaries.1.paie.net_verse"]
    assert session.errors()[0].message == "This answer is required: Net pay before tax."


def test_messages_follow_the_language() -> None:
    answers = mensuelle_answers(2)
    answers["salaries.0.paie.net_fiscal"] = "12,345"
    session = FormSession(get("mensuelle").form, answers)
    english = [e.message for e in session.errors()]
    set_language("fr")
    french = [e.message for e in session.errors()]
    assert english != french and "décimales" in french[0]
    set_language("en")
    assert [e.message for e in session.errors()] == english


def test_a_value_read_once_is_still_checked_against_each_scope() -> None:
    """The NIR value is read once; whether it agrees with the sex is asked for each employee."""
    answers = mensuelle_answers(2)
    nir = answers["salaries.0.individu.nir"]
    answers["salaries.1.individu.nir"] = nir
    answers["salaries.1.individu.naissance_date"] = answers["salaries.0.individu.naissance_date"]
    session = FormSession(get("mensuelle").form, answers)
    assert answers["salaries.0.individu.sexe"] != answers["salaries.1.individu.sexe"]
    assert keys(session) == ["salaries.1.individu.nir"]


def test_step_errors_and_errors_agree() -> None:
    answers = mensuelle_answers(2)
    answers["salaries.1.bases.0.base.debut"] = "2026-01-20"
    answers["salaries.1.bases.0.base.fin"] = "2026-01-10"  # a step rule
    session = FormSession(get("mensuelle").form, answers)
    per_step = [e for step in session.steps() for e in session.step_errors(step)]
    assert [(e.key, e.message, e.step_id) for e in per_step] == [
        (e.key, e.message, e.step_id) for e in session.errors()]
    assert [e.key for e in per_step] == ["salaries.1.bases.0.base.fin"]


def test_walk_and_shown_questions_are_the_steps_and_their_questions() -> None:
    form = get("mensuelle").form
    answers = mensuelle_answers(3)
    answers["salaries.1.contrat.fin"] = "2026-01-20"
    steps = form.steps(answers)
    assert form.walk(answers) == [(s.step, s.prefix) for s in steps]
    session = FormSession(form, answers)
    assert [(s.key, s.step.id) for s in session.slots()] == [
        (key, step.id) for step in steps for key, _q in step.questions(answers)]


# ----------------------------------------------------------------------------- the answers kept
def test_errors_and_answers_is_errors_then_effective_answers() -> None:
    answers = mensuelle_answers(3)
    answers["salaries.0.contrat.fin_previsionnelle"] = "2026-06-30"  # not asked of a CDI: dropped
    answers["salaries.1.avant.contrat.quotite"] = "100.00"            # a fact: kept
    answers["salaries.2.primes.5.prime.type"] = "027"                 # beyond the count: dropped
    session = FormSession(get("mensuelle").form, answers)
    errors, effective = session.errors_and_answers()
    assert errors == [] and effective == FormSession(get("mensuelle").form, answers).effective_answers()
    assert effective is not None
    assert list(effective) == [k for k in answers if k not in (
        "salaries.0.contrat.fin_previsionnelle", "salaries.2.primes.5.prime.type")]


def test_no_answers_kept_when_errors() -> None:
    answers = mensuelle_answers(1)
    del answers["salaries.0.individu.nom"]
    errors, effective = FormSession(get("mensuelle").form, answers).errors_and_answers()
    assert [e.key for e in errors] == ["salaries.0.individu.nom"] and effective is None


def test_a_form_whose_keys_may_repeat_keeps_each_answer_once() -> None:
    """Two steps asking the same question id: the count of answers kept cannot tell, the set does."""
    name = Question("nom", "Name", Kind.TEXT, required=False)
    form = Form("t", "T", (
        Step("a", "A", (name,)),
        Step("b", "B", (name,)),
        Repeat("items", Question("items.nombre", "How many", Kind.COUNT), (Step("item", "Item", (name,)),), "Item {n}"),
    ))
    answers = {"nom": "X", "items.nombre": "1", "items.0.nom": "Y", "extra": "dropped"}
    assert FormSession(form, answers).effective_answers() == {"nom": "X", "items.nombre": "1", "items.0.nom": "Y"}
    del answers["extra"]
    assert FormSession(form, answers).effective_answers() == answers


def test_scope_chain_looks_outwards() -> None:
    scope = Scope({"a": "1", "x.0.a": "2", "x.0.y.1.b": "3"}, "x.0.y.1.")
    assert (scope.get("a"), scope.get("b"), scope.get("c", "-")) == ("2", "3", "-")


# ----------------------------------------------------------------------------- the document and the writer
def _envoi(doc: Document):  # type: ignore[no-untyped-def]
    return doc.add("S10.G00.00", {
        "S10.G00.00.001": "X", "S10.G00.00.002": "X", "S10.G00.00.003": "1", "S10.G00.00.005": "01",
        "S10.G00.00.006": doc.norm.version, "S10.G00.00.007": "01", "S10.G00.00.008": "01"})


def test_document_add_refuses_what_put_refused_and_sets_what_put_set() -> None:
    doc = Document.new()
    envoi = _envoi(doc)
    with pytest.raises(ValueError, match="S21.G00.30.001 is not a rubrique of S10.G00.01"):
        doc.add("S10.G00.01", {"S10.G00.01.001": "123456789", "S21.G00.30.001": "x"}, envoi)
    with pytest.raises(KeyError):
        doc.add("S10.G00.01", {"S10.G00.01.999": "x"}, envoi)
    with pytest.raises(ValueError, match="belongs under"):
        doc.add("S10.G00.01", {"S10.G00.01.001": "123456789"}, None)
    occ = doc.add("S10.G00.01", {"S10.G00.01.003": "B", "S10.G00.01.001": "123456789"}, envoi)
    assert (occ.first, occ.last, occ.lines, occ.parent) == (
        "S10.G00.01.001", "S10.G00.01.003", {"S10.G00.01.003": 0, "S10.G00.01.001": 0}, envoi)
    assert envoi.counts == {"S10.G00.01": 1} and envoi.children == [occ]


def test_the_writer_checks_a_value_for_each_rubrique_it_is_written_in() -> None:
    """A value accepted in one rubrique is checked again in another (here too long)."""
    doc = Document.new()
    envoi = _envoi(doc)
    doc.add("S10.G00.01", {"S10.G00.01.001": "123456789", "S10.G00.01.002": "00010",
                           "S10.G00.01.003": "ATELIER", "S10.G00.01.004": "1 RUE", "S10.G00.01.005": "ATELIER"},
            envoi)
    close_envoi(doc)
    with pytest.raises(WriteError) as exc:
        write(doc)
    assert exc.value.rubrique == "S10.G00.01.005" and exc.value.message.startswith("S10.G00.01.005 (")


def test_the_writer_refuses_a_character_outside_latin1_naming_the_rubrique() -> None:
    doc = Document.new()
    envoi = _envoi(doc)
    doc.add("S10.G00.01", {"S10.G00.01.001": "123456789", "S10.G00.01.003": "ŒUVRE"}, envoi)
    close_envoi(doc)
    with pytest.raises(WriteError) as exc:
        write(doc)
    assert exc.value.rubrique == "S10.G00.01.003" and "ISO-8859-1" in exc.value.message and "'Œ'" in exc.value.message


def test_a_built_monthly_is_the_same_twice_and_ends_each_line() -> None:
    first = assemble("mensuelle", mensuelle_answers(4), CTX)
    again = assemble("mensuelle", mensuelle_answers(4), BuildContext(today=CTX.today, numero_ordre=1, test=True))
    assert first.data == again.data and first.data.endswith(b"'\n") and b"\n\n" not in first.data
    lines = first.data.decode("latin-1").splitlines()
    assert lines[-2].startswith("S90.G00.90.001,'") and lines[-2] == f"S90.G00.90.001,'{len(lines)}'"


def test_answers_checked_for_a_build_are_let_go_at_once() -> None:
    """A build's check leaves no reference cycle holding the answers it went through: a file of
    thousands of employees is released when the build ends, not at some later collection."""
    import gc
    import weakref

    from forms.session import checked_once

    enabled = gc.isenabled()
    gc.disable()
    try:
        errors, kept = checked_once(get("mensuelle").form, mensuelle_answers(3))
        assert errors == [] and kept is not None and kept.by_item is not None
        released = weakref.ref(kept)
        del kept
        assert released() is None
    finally:
        if enabled:
            gc.enable()
