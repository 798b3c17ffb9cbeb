"""forms.history: change derivation, cross-declaration controls (HIST-…) and corrections."""

from __future__ import annotations

from datetime import date

import pytest

from forms.declarations import BuildContext, build
from forms.history import answers_from_file, prefill
from forms.history.changes import (
    DatedChange,
    blocks,
    contract_changes,
    default_depth,
    depth_problem,
    individual_changes,
)
from forms.history.controls import (
    ContractState,
    DeclaredFile,
    PersonSummary,
    check_arret_history,
    check_closed_contracts,
    check_fctu_months,
    check_metier,
    check_ordre,
    in_force,
    summarize,
)
from forms.history.corrections import CorrectionRefused, check_envoi, correction_answers, correction_type
from tests.test_mensuelle import answers_for, cdd_partiel, cdi_cadre, ctp_for

CTX = BuildContext(today=date(2026, 2, 5), numero_ordre=1, test=True)


# ----------------------------------------------------------------------------- changes
def test_modalities_share_a_block_per_date_and_depth_identifying_data_apart() -> None:
    """S21.G00.41.001/CCH-16 and S21.G00.41.028/CCH-12: identifying data never with a modality nor a depth."""
    before = {"quotite": "104.00", "unite_quotite": "10", "statut_categoriel": "04", "numero": "CDD2026-0001",
              "siret": "83214562700010"}
    now = {"quotite": "120.00", "unite_quotite": "12", "statut_categoriel": "01", "numero": "CDD2026-0099",
           "siret": "83214562700028"}
    changes = {c.field: c for c in contract_changes(before, now)}
    assert set(changes) == {"quotite", "unite_quotite", "statut_categoriel", "numero", "siret"}
    dated = [DatedChange(changes["quotite"], "2026-03-01", "2026-03-01"),
             DatedChange(changes["unite_quotite"], "2026-03-01", "2026-03-01"),
             DatedChange(changes["statut_categoriel"], "2026-03-01", "2026-02-01"),
             DatedChange(changes["numero"], "2026-03-01", "2026-03-01"),
             DatedChange(changes["siret"], "2026-03-01", "")]
    assert blocks(dated) == [
        ("S21.G00.41", {"S21.G00.41.001": "01032026", "S21.G00.41.012": "83214562700010",
                        "S21.G00.41.014": "CDD2026-0001"}),
        ("S21.G00.41", {"S21.G00.41.001": "01032026", "S21.G00.41.003": "04", "S21.G00.41.028": "01022026"}),
        ("S21.G00.41", {"S21.G00.41.001": "01032026", "S21.G00.41.006": "10", "S21.G00.41.007": "104.00",
                        "S21.G00.41.028": "01032026"}),
    ]


def test_individual_changes_at_one_date_share_one_block() -> None:
    """S21.G00.31.001/CCH-12: the date never alone; one occurrence per date."""
    before = {"nom": "MOREAU", "prenoms": "CAMILLE", "nir": "2980744109012", "naissance_date": "1998-07-22"}
    now = {**before, "nom": "DURAND", "naissance_date": "1998-07-21"}
    dated = [DatedChange(c, "2026-05-12") for c in individual_changes(before, now)]
    assert blocks(dated) == [("S21.G00.31", {"S21.G00.31.001": "12052026", "S21.G00.31.009": "MOREAU",
                                             "S21.G00.31.011": "22071998"})]
    assert individual_changes(before, before) == []


def test_depth_rules() -> None:
    """S21.G00.41.028/CCH-13, CCH-14, CCH-15."""
    assert default_depth("2026-03-15", "2019-09-01") == "2026-03-01"
    assert default_depth("2026-03-15", "2026-03-10") == "2026-03-10"
    assert depth_problem("2026-02-01", "2026-03-15", "2019-09-01") is None
    assert depth_problem("2026-03-10", "2026-03-15", "2026-03-10") is None
    assert depth_problem("2026-02-15", "2026-03-15", "2019-09-01")        # CCH-13
    assert depth_problem("2026-02-01", "2026-03-15", "2026-02-10")        # CCH-14
    assert depth_problem("2026-04-01", "2026-03-15", "2019-09-01")        # CCH-15


def test_change_step_appears_only_with_a_difference() -> None:
    from forms.declarations import get

    people = [cdi_cadre(0), cdd_partiel(1)]
    first = answers_for(people, ctp=ctp_for(people))
    nxt = prefill(first)
    form = get("mensuelle").form
    ids = [s.id for s in form.steps(nxt)]
    assert "salaries.0.changements" not in ids and "salaries.0.annulations" in ids
    nxt["salaries.1.contrat.quotite"] = "120.00"
    ids = [s.id for s in form.steps(nxt)]
    assert "salaries.1.changements" in ids and "salaries.0.changements" not in ids


def test_prevoyance_change_writes_s21_g00_16() -> None:
    people = [cdi_cadre(0)]
    answers = answers_for(people, ctp=ctp_for(people))
    answers["prevoyance.0.avant.organisme"] = "P0941"
    built = build("mensuelle", answers, CTX)
    assert not built.blocking
    text = built.data.decode("latin-1")
    assert "S21.G00.16.001,'01012026'\nS21.G00.16.002,'P0941'" in text


def test_cancel_arret_and_end_by_mistake_use_99_and_099() -> None:
    """S21.G00.60.001/CCH-12 (99 only in 01/07), S21.G00.62.002/CCH-13 (099 only in 01)."""
    people = [cdi_cadre(0)]
    answers = answers_for(people, ctp=ctp_for(people))
    answers.update({"salaries.0.avant.mois": "2025-12", "salaries.0.annulation.arret": "oui",
                    "salaries.0.annulation.arret_dernier_jour": "2025-12-10",
                    "salaries.0.annulation.arret_fin": "2025-12-20", "salaries.0.annulation.fin": "oui",
                    "salaries.0.annulation.fin_date": "2025-12-31"})
    built = build("mensuelle", answers, CTX)
    assert not built.blocking, [f.message for f in built.report.findings if f.blocking]
    text = built.data.decode("latin-1")
    assert "S21.G00.60.001,'99'" in text and "S21.G00.62.002,'099'" in text
    assert any("099" in n for n in built.notes)
    assert any("99)" in n and "099" not in n for n in built.notes)  # the arrêt's note, in any language


def test_pas_regularisation_block() -> None:
    """S21.G00.56.002/CCH-11 (type 01: 56.003, 56.006, 56.010) and CCH-16 (same year)."""
    people = [cdi_cadre(0)]
    answers = answers_for(people, ctp=ctp_for(people))
    answers["declaration.mois"] = "2026-03"
    for k in list(answers):
        if k.endswith("paie.date"):
            answers[k] = "2026-03-30"
    answers.update({"salaries.0.regul_pas.nombre": "1", "salaries.0.regul_pas.0.pas_regul.mois": "2026-01",
                    "salaries.0.regul_pas.0.pas_regul.type": "01",
                    "salaries.0.regul_pas.0.pas_regul.net_fiscal": "100.00",
                    "salaries.0.regul_pas.0.pas_regul.taux_declare": "7.40",
                    "salaries.0.regul_pas.0.pas_regul.montant": "7.40"})
    built = build("mensuelle", answers, BuildContext(today=date(2026, 4, 3), test=True))
    assert not built.blocking, [f.message for f in built.report.findings if f.blocking]
    text = built.data.decode("latin-1")
    assert "S21.G00.56.001,'012026'" in text and "S21.G00.56.010,'100.00'" in text
    assert "S21.G00.20.005,'298.51'" in text  # DGFiP: 291.11 withheld + 7.40 corrected
    answers["salaries.0.regul_pas.0.pas_regul.mois"] = "2025-11"
    from forms.declarations import AnswerErrors

    with pytest.raises(AnswerErrors):
        build("mensuelle", answers, BuildContext(today=date(2026, 4, 3), test=True))


def test_answers_from_an_imported_file_prefill_the_next_month() -> None:
    data = open("tests/samples/mensuelle-normale.dsn", "rb").read()
    previous = answers_from_file(data)
    assert previous["declaration.mois"] == "2026-01" and previous["salaries.nombre"] == "2"
    nxt = prefill(previous)
    assert nxt["declaration.mois"] == "2026-02"
    assert nxt["salaries.1.avant.contrat.quotite"] == previous["salaries.1.contrat.quotite"]
    assert nxt["salaries.0.avant.siret"] == "83214562700010"


# ----------------------------------------------------------------------------- controls
def _file(nature: str = "01", numero: int = 1, created: str = "2026-02-05", month: str = "2026-01",
          **kw) -> DeclaredFile:  # type: ignore[no-untyped-def]
    return DeclaredFile(nature, kw.pop("type", "01"), numero, kw.pop("metier", ""), month, created,
                        siret="83214562700010", **kw)


def _person(key: str, **contracts: ContractState) -> dict[str, PersonSummary]:
    return {key: PersonSummary(key, "X", dict(contracts))}


def test_hist_ordre_unique_and_increasing() -> None:
    history = [_file(numero=1), _file("04", numero=5, created="2026-01-10")]
    assert check_ordre(history, _file(numero=2, created="2026-02-20"))[0:] == []
    assert check_ordre(history, _file(numero=1, created="2026-03-05")) == []  # monthly: reset every month
    assert check_ordre(history, _file(numero=1, created="2026-02-25"))[0].control == "HIST-ORDRE"
    assert check_ordre(history, _file("07", numero=3, created="2026-02-25"))[0].control == "HIST-ORDRE"  # signals
    assert check_ordre(history, _file("07", numero=6, created="2026-03-01")) == []


def test_hist_metier_unique() -> None:
    history = [_file(metier="PAIE-2026-01")]
    assert check_metier(history, _file(metier="PAIE-2026-01"))[0].control == "HIST-METIER"
    assert check_metier(history, _file(metier="PAIE-2026-02")) == []


def test_hist_04_needs_three_months_or_twelve_for_at_mp() -> None:
    monthly = [_file(month=m, created=m + "-28", people=_person("N1")) for m in ("2026-01", "2026-02", "2026-03")]
    arret = _file("04", created="2026-04-12", month="2026-04", people={"N1": PersonSummary("N1", "X", {}, [("01", "2026-04-10")])})
    assert check_arret_history(monthly, arret) == []
    arret.people["N1"].arrets = [("06", "2026-04-10")]
    found = check_arret_history(monthly, arret)
    assert found[0].control == "HIST-04-HISTORIQUE" and "attestation de salaire" in found[0].message
    assert not found[0].blocking


def test_hist_07_months_agree_with_the_monthly_dsns() -> None:
    from decimal import Decimal

    monthly = [_file(month="2026-03", people=_person("N1", C1=ContractState("C1", brut={"2026-03": Decimal("1392.00")})))]
    fctu = _file("07", month="2026-04", people=_person("N1", C1=ContractState("C1", brut={
        "2026-03": Decimal("1392.00"), "2026-04": Decimal("700.00")})))
    assert check_fctu_months(monthly, fctu) == []
    fctu.people["N1"].contracts["C1"].brut["2026-03"] = Decimal("1400.00")
    assert check_fctu_months(monthly, fctu)[0].control == "HIST-07-MOIS"


def test_hist_contrat_clos_and_099() -> None:
    ended = _file(month="2026-03", people=_person("N1", C1=ContractState("C1", fin="2026-03-31", motif_fin="031")))
    later = _file(month="2026-05", created="2026-06-05", people=_person("N1", C1=ContractState("C1")))
    assert check_closed_contracts([ended], later)[0].control == "HIST-CONTRAT-CLOS"
    cancelled = _file(month="2026-04", created="2026-05-05",
                      people=_person("N1", C1=ContractState("C1", fin="2026-03-31", motif_fin="099")))
    assert check_closed_contracts([ended, cancelled], later) == []


def test_summaries_read_real_files_and_replaced_files_no_longer_count() -> None:
    people = [cdi_cadre(0), cdd_partiel(1)]
    first = build("mensuelle", answers_for(people, ctp=ctp_for(people)), CTX)
    [summary] = summarize(first.data, "f1")
    assert (summary.nature, summary.type, summary.month, summary.identifier) == ("01", "01", "2026-01", "050220261")
    assert set(summary.people) == {"1850369383045", "2980744109012"}
    replacing = correction_answers(answers_for(people, ctp=ctp_for(people)), summary)
    second = build("mensuelle", replacing, BuildContext(today=date(2026, 2, 12), numero_ordre=2, test=True))
    assert not second.blocking
    [s2] = summarize(second.data, "f2")
    assert s2.type == "03" and s2.replaces == "050220261"
    assert in_force([summary, s2]) == [s2]
    assert check_envoi([summary, s2])[0].control == "HIST-ANNULE"
    assert check_envoi([s2]) == []


# ----------------------------------------------------------------------------- corrections
def test_correction_types() -> None:
    """S20.G00.05.002/CCH-13 (04 only 07-09), CCH-14 (05 only 01), CCH-15 (no 03 for 08)."""
    assert correction_type("01", "replace") == "03"
    assert correction_type("01", "replace", neant=True) == "05"
    assert correction_type("07", "cancel") == "04"
    with pytest.raises(CorrectionRefused):
        correction_type("01", "cancel")
    with pytest.raises(CorrectionRefused):
        correction_type("04", "replace", neant=True)
    with pytest.raises(CorrectionRefused):
        correction_type("08", "replace")


def test_replacing_a_month_by_neant() -> None:
    people = [cdi_cadre(0)]
    original = answers_for(people, ctp=ctp_for(people))
    [summary] = summarize(build("mensuelle", original, CTX).data)
    answers = correction_answers(original, summary, neant=True)
    assert answers["declaration.type"] == "05" and "declaration.remplace" not in answers  # 05.006/CCH-12
    built = build("mensuelle", answers, BuildContext(today=date(2026, 2, 12), numero_ordre=2, test=True))
    assert not built.blocking
