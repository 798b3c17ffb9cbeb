"""What the faster monthly build relies on: the clean pass over the answers (question by
question, answers filed by item) gives the errors, the count kept and the items of the
step-by-step pass for every shape of answers, and the lines written straight (LineBuilder)
are the bytes the block tree and `write` give, a refused value reported first in file order."""

from __future__ import annotations

import dataclasses
import random
from datetime import date

import pytest

from forms.builders.dsn_common import DsnBuilder, Header, LineBuilder
from forms.declarations import get
from forms.dsn.writer import WriteError, close_envoi, write
from forms.i18n import set_language
from forms.model import Contrat, Etablissement, Individu
from forms.session import FormSession, checked_once
from tests.test_mensuelle import ETAB, PAIEMENT, mensuelle_answers


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def _step_by_step(answers: dict[str, str]) -> tuple[list[tuple[str, str]], int, dict[str, dict[str, str]]]:
    session = FormSession(get("mensuelle").form, answers)
    memo = session._current()
    index: dict[str, dict[str, str]] = {}
    out: list = []
    kept = session._pass(session._walk(memo), memo.language, out, None, index)
    return [(e.key, e.message) for e in out], kept, index


def _variants() -> dict[str, dict[str, str]]:
    base = mensuelle_answers(4)
    out = {"plain": base}

    def variant(name: str, **changes: str | None) -> None:
        answers = dict(base)
        for key, value in changes.items():
            key = key.replace("__", ".")
            if value is None:
                answers.pop(key, None)
            else:
                answers[key] = value
        out[name] = answers

    variant("stale items", salaries__0__primes__nombre="0")
    variant("answer of a question that does not apply", salaries__0__contrat__fin_previsionnelle="2027-01-01")
    variant("facts", salaries__0__avant__contrat__quotite="100.00", salaries__0__avant__mois="2025-12")
    variant("item beyond the count", salaries__9__individu__nom="X")
    variant("one-part key", foo="bar")
    variant("three-part id", salaries__0__changement__quotite__date="2026-01-10")
    variant("empty optional answer", salaries__0__bases__0__cotisations__0__cotisation__taux="")
    variant("missing optional answer", salaries__0__bases__0__cotisations__0__cotisation__taux=None)
    variant("empty required answer", salaries__0__paie__date="")
    variant("unreadable amount", salaries__1__paie__net_fiscal="12,345")
    # Questions asked on some items only (a fixed-term contract's end and reason, employees 1 and 3).
    variant("unreadable answer where its condition holds", salaries__1__contrat__fin_previsionnelle="2026-13-45")
    variant("required answer missing where its condition holds", salaries__3__contrat__motif_recours=None)
    variant("own rule", salaries__0__affiliation__contrat="3")
    variant("step rule", salaries__1__pas__montant="391.11")
    variant("end of contract", salaries__1__contrat__fin="2026-01-20", salaries__1__fin__motif="031",
            salaries__1__fin__dernier_jour="2026-01-20")
    items = list(base.items())
    random.Random(5).shuffle(items)
    out["keys in another order"] = dict(items)
    return out


@pytest.mark.parametrize("name", list(_variants()))
def test_clean_pass_gives_what_the_step_by_step_pass_gives(name: str) -> None:
    answers = _variants()[name]
    errors, kept, index = _step_by_step(answers)
    session = FormSession(get("mensuelle").form, answers)
    found, effective = session.errors_and_answers()
    assert [(e.key, e.message) for e in found] == errors
    assert session._current().kept == kept
    if effective is not None:
        assert effective.by_item == index
    once_errors, once = checked_once(get("mensuelle").form, answers)  # what a build uses
    assert [(e.key, e.message) for e in once_errors] == errors
    assert once == effective and (once is None or effective is None or once.by_item == effective.by_item)


# ----------------------------------------------------------------------------- lines written straight
ETABLISSEMENT = Etablissement.from_answers({**ETAB, **PAIEMENT}, "etablissement.")
HEADER = Header("01", "01", 1, date(2026, 2, 5), month=date(2026, 1, 1), test=True)
PERSON = Individu(nir="1850369383045", nom="BERNARD", prenoms="JULIEN", sexe="01", naissance_date="1985-03-14",
                  naissance_lieu="LYON", naissance_pays="FR", naissance_departement="69", codification_ue="01",
                  voie="8 RUE DES ECOLES", code_postal="75005", localite="PARIS")
CONTRACT = Contrat(debut="2019-09-01", numero="CDI2019-0007", nature="01", statut_conventionnel="04",
                   statut_categoriel="01", pcs_ese="388a", emploi="INGENIEUR", dispositif="99", unite_quotite="10",
                   quotite_reference="151.67", quotite="151.67", modalite_temps="10", complement_regime="99",
                   idcc="1486", regime_maladie="200", lieu_travail="83214562700010", regime_vieillesse="200",
                   travailleur_etranger="99", statut_emploi="99", emplois_multiples="01", employeurs_multiples="01",
                   regime_at="200", code_risque_at="602MDB", taux_at="0.69", retraite_complementaire="RUAA")


def _both(fill) -> tuple[bytes, bytes]:  # type: ignore[no-untyped-def]
    tree = DsnBuilder(ETABLISSEMENT, HEADER)
    fill(tree, tree.company())
    close_envoi(tree.doc)
    lines = LineBuilder(ETABLISSEMENT, HEADER)
    fill(lines, lines.company())
    return write(tree.doc), lines.out.data(declarations=1)


def test_lines_written_straight_are_the_written_tree() -> None:
    def fill(b, etab) -> None:  # type: ignore[no-untyped-def]
        ind = b.individual(PERSON)
        occ = b.contract(CONTRACT, ind)
        b.pension(CONTRACT, occ)
        pay = b.add("S21.G00.50", {"S21.G00.50.009": "0.00", "S21.G00.50.001": "30012026", "S21.G00.50.002": "",
                                   "S21.G00.50.004": "10.00"}, ind)
        for amount in ("1.00", "2.00", "1.00"):
            b.add("S21.G00.51", {"S21.G00.51.013": amount, "S21.G00.51.011": "001", "S21.G00.51.001": "01012026",
                                 "S21.G00.51.002": "31012026"}, pay)

    tree, lines = _both(fill)
    assert lines == tree


def test_a_writer_function_writes_what_add_writes() -> None:
    codes = ("S21.G00.81.001", "S21.G00.81.003", "S21.G00.81.004", "S21.G00.81.007")
    rows = [("075", "4800.00", "624.00", "13.00"), ("131", "", "611.21", ""), ("018", "4800.00", "-113.28", "")]

    lines = LineBuilder(ETABLISSEMENT, HEADER)
    lines.company()
    pay = lines.add("S21.G00.50", {"S21.G00.50.001": "30012026"}, lines.individual(PERSON))
    base = lines.add("S21.G00.78", {"S21.G00.78.001": "03", "S21.G00.78.004": "4800.00"}, pay)
    for row in rows:
        lines.add("S21.G00.81", dict(zip(codes, row, strict=True)), base)
    by_add = lines.out.data(declarations=1)

    made = LineBuilder(ETABLISSEMENT, HEADER)
    made.company()
    made.individual(PERSON)
    made.add("S21.G00.50", {"S21.G00.50.001": "30012026"}, "S21.G00.30")
    made.writer("S21.G00.78", ("S21.G00.78.004", "S21.G00.78.001"), "S21.G00.50")("4800.00", "03")
    contribution = made.writer("S21.G00.81", codes, "S21.G00.78")
    for row in rows:
        contribution(*row)
    assert made.out.data(declarations=1) == by_add


def test_a_block_under_the_wrong_parent_is_refused() -> None:
    b = LineBuilder(ETABLISSEMENT, HEADER)
    with pytest.raises(ValueError):
        b.writer("S21.G00.81", ("S21.G00.81.001",), "S21.G00.50")
    with pytest.raises(ValueError):
        b.add("S21.G00.81", {"S21.G00.78.001": "03"}, "S21.G00.78")


def test_the_first_value_refused_in_file_order_is_reported() -> None:
    b = LineBuilder(ETABLISSEMENT, HEADER)
    etab = b.company()
    lines = b.out.lines
    at = len(lines)
    b.add("S21.G00.50", {"S21.G00.50.001": "99999999"}, b.individual(PERSON))  # not a date: refused
    # An establishment block written afterwards but placed before the employee, as the monthly
    # builder does: its bad value comes first in the file, so it is the one reported.
    after = len(lines)
    b.add("S21.G00.22", {"S21.G00.22.005": "abc"}, etab)
    moved = lines[after:]
    del lines[after:]
    lines[at:at] = moved
    with pytest.raises(WriteError) as caught:
        b.out.data(declarations=1)
    assert caught.value.rubrique == "S21.G00.22.005"
    alone = LineBuilder(ETABLISSEMENT, HEADER)
    alone.company()
    alone.add("S21.G00.50", {"S21.G00.50.001": "99999999"}, alone.individual(PERSON))
    with pytest.raises(WriteError) as caught:
        alone.out.data(declarations=1)
    assert caught.value.rubrique == "S21.G00.50.001"


def test_a_block_written_whole_counts_each_of_its_lines() -> None:
    """A block whose values are all given is one entry of the writer's lines: the S90 count and
    the bytes are those of one line per rubrique, and a value refused inside it is still named."""
    codes = ("S21.G00.81.001", "S21.G00.81.003", "S21.G00.81.004", "S21.G00.81.007")
    rows = [("075", "4800.00", "624.00", "13.00"), ("131", "", "611.21", "")]

    def fill(b, etab) -> None:  # type: ignore[no-untyped-def]
        pay = b.add("S21.G00.50", {"S21.G00.50.001": "30012026"}, b.individual(PERSON))
        base = b.add("S21.G00.78", {"S21.G00.78.001": "03", "S21.G00.78.004": "4800.00"}, pay)
        write_row = b.writer("S21.G00.81", codes, "S21.G00.78") if isinstance(b, LineBuilder) else None
        for row in rows:
            if write_row is not None:
                write_row(*row)
            else:
                b.add("S21.G00.81", dict(zip(codes, row, strict=True)), base)

    tree, lines = _both(fill)
    assert lines == tree
    assert lines.count(b"\n") == int(lines.rsplit(b"S90.G00.90.001,'", 1)[1].split(b"'")[0])

    bad = LineBuilder(ETABLISSEMENT, HEADER)
    bad.company()
    bad.add("S21.G00.50", {"S21.G00.50.001": "30012026"}, bad.individual(PERSON))
    bad.add("S21.G00.78", {"S21.G00.78.001": "03"}, "S21.G00.50")
    bad.writer("S21.G00.81", codes, "S21.G00.78")("075", "4800.00", "12,00", "13.00")  # a comma: refused
    with pytest.raises(WriteError) as caught:
        bad.out.data(declarations=1)
    assert caught.value.rubrique == "S21.G00.81.004"


def test_values_seeded_as_checked_are_only_those_of_the_same_rubrique() -> None:
    """The writer takes the answers' readings as checked for the very rubrique they were read
    against; a rubrique of another norm object teaches it nothing, so a bad value is refused."""
    from forms.norm import load_norm

    norm = load_norm("P26V01")
    rubrique = norm.rubriques["S21.G00.81.004"]
    other = dataclasses.replace(rubrique)  # equal, but not this norm's object
    b = LineBuilder(ETABLISSEMENT, HEADER)
    b.out.seed({"S21.G00.81.004": (other, {"12,00"})})
    b.out.seed({"S21.G00.81.003": (norm.rubriques["S21.G00.81.003"], {"4800.00"})})
    assert "4800.00" in b.out.known("S21.G00.81.003")
    assert "12,00" not in b.out.known("S21.G00.81.004")
    b.company()
    b.add("S21.G00.50", {"S21.G00.50.001": "30012026"}, b.individual(PERSON))
    b.add("S21.G00.78", {"S21.G00.78.001": "03"}, "S21.G00.50")
    b.add("S21.G00.81", {"S21.G00.81.001": "075", "S21.G00.81.004": "12,00"}, "S21.G00.78")
    with pytest.raises(WriteError):
        b.out.data(declarations=1)


def test_a_session_s_readings_seed_only_values_found_good() -> None:
    answers = mensuelle_answers(2)
    errors, kept = checked_once(get("mensuelle").form, answers)
    assert errors == [] and kept is not None and kept.syntax_checked
    seeded = kept.syntax_checked
    amounts = seeded["S21.G00.81.004"][1]
    assert answers["salaries.0.bases.0.cotisations.0.cotisation.montant"] in amounts
    # Dates are seeded as written in the file (JJMMAAAA), not as typed.
    assert seeded["S21.G00.50.001"][1] == {answers["salaries.0.paie.date"].replace("-", "")[6:] +
                                           answers["salaries.0.paie.date"][5:7] + answers["salaries.0.paie.date"][:4]}
