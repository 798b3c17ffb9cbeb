"""Employees entered once serve the declarations that follow (forms side).

A pick from the known employees gives the signal's identity and contract answers, and the
SIRET and number the contract was last declared under; the FCTU writes S21.G00.45 when
they differ from this file's (CT2026, block S21.G00.45; S21.G00.51.010/CCH-12 accepts the
number of S21.G00.40.009 or of S21.G00.45.002).
"""

from __future__ import annotations

from forms.history.known import (
    DECLARED_NUMBER,
    DECLARED_SIRET,
    KnownEmployee,
    employee_answers,
    latest_contract,
    new_hires,
    ordered,
)
from forms.model import Contrat, Individu
from tests.test_events import CDD_PART_TIME, FCTU_SCENARIOS, assert_valid, end_of_cdd, lines

HERE = "83214562700010"
OTHER = "83214562700028"  # same company, another establishment


def camille(siret: str = HERE, **contract: str) -> KnownEmployee:
    person = Individu.from_answers(CDD_PART_TIME, "individu.")
    values = Contrat.from_answers(CDD_PART_TIME, "contrat.").to_dict()
    values.update(contract)
    return KnownEmployee(person, Contrat(**values), siret)


def fctu_from_pick(known: KnownEmployee, **changes: str) -> dict[str, str]:
    """The end of Camille's CDD, her identity and contract coming from the pick."""
    answers = end_of_cdd(**changes)
    for key in [k for k in answers if k.startswith(("individu.", "contrat."))]:
        del answers[key]
    answers.update(employee_answers(known))
    answers.update({k: v for k, v in changes.items() if k.startswith(("individu.", "contrat."))})
    return answers


def test_a_pick_gives_identity_contract_and_what_was_declared() -> None:
    answers = employee_answers(camille(fin="2026-03-31"))
    assert answers["individu.nom"] == CDD_PART_TIME["individu.nom"]
    assert answers["contrat.numero"] == "CDD2026-0001" and answers["contrat.quotite"] == "104.00"
    assert "contrat.fin" not in answers  # the end is what the FCTU declares
    assert answers[DECLARED_SIRET] == HERE and answers[DECLARED_NUMBER] == "CDD2026-0001"


def test_fctu_of_a_contract_declared_as_it_is_has_no_s21_g00_45() -> None:
    built = assert_valid("fctu", fctu_from_pick(camille()), FCTU_SCENARIOS["end-of-cdd-part-time"][1])
    assert "S21.G00.45.001" not in lines(built.data)


def test_fctu_after_a_transfer_not_yet_declared_names_the_former_siret() -> None:
    built = assert_valid("fctu", fctu_from_pick(camille(OTHER)), FCTU_SCENARIOS["end-of-cdd-part-time"][1])
    got = lines(built.data)
    assert got["S21.G00.45.001"] == [OTHER] and got["S21.G00.45.002"] == ["CDD2026-0001"]
    order = [line.split(",")[0][:10] for line in built.data.decode("latin-1").splitlines()]
    assert order.index("S21.G00.45") < order.index("S21.G00.62")  # the norm's order under S21.G00.40


def test_fctu_with_a_new_contract_number_names_the_one_declared() -> None:
    answers = fctu_from_pick(camille(), **{"contrat.numero": "CDD2026-0042"})
    built = assert_valid("fctu", answers, FCTU_SCENARIOS["end-of-cdd-part-time"][1])
    got = lines(built.data)
    assert got["S21.G00.40.009"] == ["CDD2026-0042"] and got["S21.G00.45.002"] == ["CDD2026-0001"]
    assert set(got["S21.G00.51.010"]) == {"CDD2026-0042"}


def test_latest_contract_prefers_the_running_one_with_a_number() -> None:
    dpae = Contrat(debut="2026-01-05", nature="02")
    monthly = Contrat(debut="2026-01-05", nature="02", numero="CDD2026-0001")
    old = Contrat(debut="2020-01-01", numero="CDI2020-0001", fin="2025-12-31")
    assert latest_contract([old, dpae, monthly]) is monthly
    assert latest_contract([old]) is old
    assert latest_contract([]) == Contrat()


def test_new_hires_are_the_running_contracts_not_yet_in_the_monthly() -> None:
    present = {"salaries.nombre": "1", **{f"salaries.0.{k}": v for k, v in CDD_PART_TIME.items()}}
    lise = KnownEmployee(Individu(nir="2850375123456", nom="DURAND", prenoms="LISE"), Contrat(debut="2026-03-16", nature="01"))
    gone = KnownEmployee(Individu(nir="1800175123456", nom="ANCIEN"), Contrat(debut="2026-03-02", fin="2026-03-10"))
    old = KnownEmployee(Individu(nir="1790175123456", nom="AVANT"), Contrat(debut="2025-06-01"))
    known = [camille(), lise, gone, old]
    assert new_hires(known, present, after="2026-02-28") == [lise]
    assert [k.individu.nom for k in new_hires(known, {}, after="")] == [CDD_PART_TIME["individu.nom"], "DURAND", "AVANT"]
    assert [k.individu.nom for k in ordered(known)][-1] == "ANCIEN"  # ended contracts last


def test_a_signal_offers_each_running_contract_of_a_person_once() -> None:
    """Someone may hold two running contracts (two part-time CDDs): a signal is about one of
    them, so each is offered; a hire's DPAE record (no number) and its monthly record of the
    same start are one contract; with none running, the latest is offered."""
    from forms.history.known import contracts_to_offer

    morning = Contrat(debut="2026-01-05", numero="CDD2026-0001")
    evening_dpae = Contrat(debut="2026-02-02")
    evening = Contrat(debut="2026-02-02", numero="CDD2026-0002")
    ended = Contrat(debut="2025-01-06", numero="CDD2025-0009", fin="2025-06-30")
    assert contracts_to_offer([ended, evening_dpae, morning, evening]) == [morning, evening]
    assert contracts_to_offer([ended, morning]) == [morning]
    assert contracts_to_offer([morning, Contrat(debut="2026-01-05")]) == [morning]  # one contract, two records
    assert contracts_to_offer([ended]) == [ended]
    assert contracts_to_offer([]) == []
