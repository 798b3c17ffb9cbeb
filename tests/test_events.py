"""The event declarations (arrêt 04, reprise 05, FCTU 07) built from answers and checked by the engine.

Every scenario builds through `forms.declarations.build` and must give zero blocking finding;
the form tests check that a question is asked only when it applies and that the step rules
speak before a file is built.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from forms.declarations import AnswerErrors, BuildContext, build, get
from forms.session import FormSession

ETABLISSEMENT = {
    "etablissement.siret": "83214562700010", "etablissement.raison_sociale": "ATELIER NUMERIQUE DU MARAIS",
    "etablissement.ape": "6201Z", "etablissement.ape_entreprise": "6201Z", "etablissement.idcc": "1486",
    "etablissement.voie": "48 RUE DE TURBIGO", "etablissement.code_postal": "75003", "etablissement.localite": "PARIS",
    "etablissement.contact_nom": "DUPONT CLAIRE", "etablissement.contact_email": "paie@atelier-numerique.example",
    "etablissement.contact_telephone": "0142720000",
}
JULIEN = {
    "individu.nom": "BERNARD", "individu.prenoms": "JULIEN", "individu.naissance_date": "1985-03-14",
    "individu.nir": "1850369383045",
}
JULIEN_CONTRAT = {"contrat.numero": "CDI2019-0007", "contrat.debut": "2019-09-01"}
REMPLACE = "040320261"


def lines(data: bytes) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in data.decode("latin-1").splitlines():
        code, value = line.split(",", 1)
        out.setdefault(code, []).append(value.strip("'"))
    return out


def assert_valid(kind: str, answers: dict[str, str], today: date, numero: int = 1):  # type: ignore[no-untyped-def]
    try:
        built = build(kind, answers, BuildContext(today=today, numero_ordre=numero))
    except AnswerErrors as exc:  # pragma: no cover - a failing scenario says why
        pytest.fail(f"open answers: {exc}")
    blocking = [f"{f.control} l.{f.line}: {f.message}" for f in built.report.findings if f.blocking]
    assert not blocking, "\n".join(blocking) + "\n" + built.data.decode("latin-1")
    return built


def keys(kind: str, answers: dict[str, str]) -> set[str]:
    return {slot.key for slot in FormSession(get(kind).form, answers).slots()}


def errors(kind: str, answers: dict[str, str]) -> dict[str, str]:
    return {e.key: e.message for e in FormSession(get(kind).form, answers).errors()}


# ============================================================================ arrêt (04)
def arret_answers(**changes: str) -> dict[str, str]:
    answers = {
        "declaration.type": "01", **ETABLISSEMENT, **JULIEN, **JULIEN_CONTRAT,
        "arret.motif": "01", "arret.dernier_jour": "2026-03-02", "arret.fin_previsionnelle": "2026-03-15",
        "arret.subrogation": "oui", "arret.subrogation_debut": "2026-03-03", "arret.subrogation_fin": "2026-05-31",
        "arret.iban": "FR7630004008280001098765416", "arret.bic": "BNPAFRPPXXX",
    }
    answers.update(changes)
    return answers


def test_arret_with_subrogation_is_the_sample() -> None:
    built = assert_valid("arret", arret_answers(), date(2026, 3, 4))
    got = lines(built.data)
    assert got["S21.G00.60.004"] == ["01"]
    assert got["S21.G00.60.005"] == ["03032026"] and got["S21.G00.60.008"] == ["BNPAFRPPXXX"]
    assert "S21.G00.60.012" not in got


def test_arret_without_subrogation() -> None:
    built = assert_valid("arret", arret_answers(**{"arret.subrogation": "non"}), date(2026, 3, 4))
    got = lines(built.data)
    assert got["S21.G00.60.004"] == ["02"]
    for code in ("S21.G00.60.005", "S21.G00.60.006", "S21.G00.60.007", "S21.G00.60.008"):
        assert code not in got


def test_arret_work_accident_writes_its_date() -> None:
    answers = arret_answers(**{"arret.motif": "06", "arret.date_accident": "2026-03-02", "arret.subrogation": "non"})
    built = assert_valid("arret", answers, date(2026, 3, 4))
    assert lines(built.data)["S21.G00.60.012"] == ["02032026"]


def test_arret_correction_names_the_replaced_declaration() -> None:
    answers = arret_answers(**{"declaration.type": "03", "declaration.remplace": REMPLACE})
    built = assert_valid("arret", answers, date(2026, 3, 5), numero=2)
    got = lines(built.data)
    assert got["S20.G00.05.002"] == ["03"] and got["S20.G00.05.006"] == [REMPLACE]
    assert got["S21.G00.60.002"] == ["02032026"] and got["S21.G00.60.003"] == ["15032026"]


def test_arret_questions_appear_only_when_they_apply() -> None:
    with_sub = keys("arret", arret_answers())
    without = keys("arret", arret_answers(**{"arret.subrogation": "non"}))
    for key in ("arret.subrogation_debut", "arret.subrogation_fin", "arret.iban", "arret.bic"):
        assert key in with_sub and key not in without
    assert "declaration.remplace" not in with_sub
    assert "declaration.remplace" in keys("arret", arret_answers(**{"declaration.type": "03"}))
    for motif in ("04", "05", "06"):
        assert "arret.date_accident" in keys("arret", arret_answers(**{"arret.motif": motif}))
    for motif in ("01", "02", "03"):
        assert "arret.date_accident" not in keys("arret", arret_answers(**{"arret.motif": motif}))


# ============================================================================ reprise (05)
def reprise_answers(**changes: str) -> dict[str, str]:
    answers = {
        "declaration.type": "01", **ETABLISSEMENT, **JULIEN, **JULIEN_CONTRAT,
        "arret.motif": "01", "arret.dernier_jour": "2026-03-02", "arret.fin_previsionnelle": "2026-03-15",
        "reprise.date": "2026-03-11", "reprise.motif": "01",
    }
    answers.update(changes)
    return answers


def test_reprise_is_the_sample() -> None:
    built = assert_valid("reprise", reprise_answers(), date(2026, 3, 12), numero=2)
    got = lines(built.data)
    sample = lines(open("tests/samples/reprise.dsn", "rb").read())
    for code in ("S20.G00.05.001", "S20.G00.07.004", "S21.G00.60.001", "S21.G00.60.002", "S21.G00.60.003",
                 "S21.G00.60.010", "S21.G00.60.011"):
        assert got[code] == sample[code], code
    for code in ("S21.G00.60.004", "S21.G00.60.005", "S21.G00.60.012", "S21.G00.50.001"):
        assert code not in got
    assert (built.nature, built.type, built.period) == ("05", "01", "2026-03")


def test_reprise_correction_repeats_the_dates() -> None:
    answers = reprise_answers(**{"declaration.type": "03", "declaration.remplace": "120320262"})
    built = assert_valid("reprise", answers, date(2026, 3, 13), numero=3)
    got = lines(built.data)
    assert got["S20.G00.05.002"] == ["03"] and got["S20.G00.05.006"] == ["120320262"]
    assert got["S21.G00.60.002"] == ["02032026"] and got["S21.G00.60.003"] == ["15032026"]


def test_reprise_after_accident_part_time_for_personal_reasons() -> None:
    answers = reprise_answers(**{"arret.motif": "06", "arret.date_accident": "2026-03-02", "reprise.motif": "03"})
    built = assert_valid("reprise", answers, date(2026, 3, 12), numero=2)
    got = lines(built.data)
    assert got["S21.G00.60.012"] == ["02032026"] and got["S21.G00.60.011"] == ["03"]


def test_reprise_on_the_planned_end_is_still_early() -> None:
    assert_valid("reprise", reprise_answers(**{"reprise.date": "2026-03-15"}), date(2026, 3, 16), numero=2)


def test_reprise_refuses_a_return_that_is_not_early() -> None:
    found = errors("reprise", reprise_answers(**{"reprise.date": "2026-03-16"}))
    assert "reprise.date" in found
    assert "mensuelle" in found["reprise.date"]  # tells what to do instead (French by default)
    with pytest.raises(AnswerErrors):
        build("reprise", reprise_answers(**{"reprise.date": "2026-03-16"}), BuildContext(today=date(2026, 3, 17)))


def test_reprise_refuses_a_return_before_the_last_day_worked_or_the_contract() -> None:
    assert "reprise.date" in errors("reprise", reprise_answers(**{"reprise.date": "2026-03-01"}))
    early_contract = reprise_answers(**{"contrat.debut": "2026-03-12", "arret.dernier_jour": "2026-03-12",
                                        "reprise.date": "2026-03-12"})
    assert errors("reprise", early_contract) == {}
    late = reprise_answers(**{"contrat.debut": "2026-03-12"})
    assert "arret.dernier_jour" in errors("reprise", late)


def test_reprise_offers_no_therapeutic_part_time() -> None:
    session = FormSession(get("reprise").form, reprise_answers())
    assert not session.check("reprise.motif", "02").ok  # S21.G00.60.011/CCH-12
    assert session.check("reprise.motif", "03").ok


def test_reprise_questions_appear_only_when_they_apply() -> None:
    assert "arret.date_accident" not in keys("reprise", reprise_answers())
    assert "arret.date_accident" in keys("reprise", reprise_answers(**{"arret.motif": "04"}))
    assert "declaration.remplace" in keys("reprise", reprise_answers(**{"declaration.type": "03"}))
    assert not any(k.startswith("arret.subrogation") for k in keys("reprise", reprise_answers()))


# ============================================================================ FCTU (07)
def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def pay(rank: int, when: str, base: str, indemnities: tuple[tuple[str, str], ...] = (), hours: str = "151.67",
        ) -> dict[str, str]:
    """Answers of one versement: base salary, indemnities, the four usual bases and their contributions."""
    p = f"versements.{rank}."
    brut = Decimal(base) + sum((Decimal(a) for _t, a in indemnities), Decimal(0))
    csg = brut * Decimal("0.9825")
    bases = (
        ("03", brut, (("075", "7.00"), ("076", "2.42"))),
        ("02", min(brut, Decimal("4005.00")), (("076", "15.45"),)),
        ("04", csg, (("072", "9.20"), ("079", "0.50"))),
        ("07", brut, (("040", "4.00"), ("048", "0.25"))),
    )
    out = {
        p + "versement.date": when, p + "versement.salaire_base": base, p + "versement.brut": _money(brut),
        p + "versement.brut_chomage": base, p + "versement.activite": hours, p + "versement.salaire_retabli": base,
        p + "indemnites.nombre": str(len(indemnities)), p + "bases.nombre": str(len(bases)),
    }
    for i, (kind, amount) in enumerate(indemnities):
        out[f"{p}indemnites.{i}.indemnite.type"] = kind
        out[f"{p}indemnites.{i}.indemnite.montant"] = amount
    for j, (code, amount, cotisations) in enumerate(bases):
        q = f"{p}bases.{j}."
        out.update({q + "base.code": code, q + "base.montant": _money(amount),
                    q + "cotisations.nombre": str(len(cotisations))})
        for k, (cot, rate) in enumerate(cotisations):
            r = f"{q}cotisations.{k}."
            out.update({r + "cotisation.code": cot, r + "cotisation.assiette": _money(amount),
                        r + "cotisation.taux": rate, r + "cotisation.montant": _money(amount * Decimal(rate) / 100)})
    return out


CAMILLE = {
    "individu.nom": "MOREAU", "individu.prenoms": "CAMILLE", "individu.sexe": "02", "individu.naissance_date": "1998-07-22",
    "individu.nir": "2980744109012", "individu.naissance_pays": "FR", "individu.naissance_lieu": "NANTES",
    "individu.naissance_departement": "44", "individu.codification_ue": "01",
    "individu.voie": "21 AVENUE GAMBETTA", "individu.code_postal": "75020", "individu.localite": "PARIS",
}
JULIEN_FULL = {
    **JULIEN, "individu.sexe": "01", "individu.naissance_pays": "FR", "individu.naissance_lieu": "LYON",
    "individu.naissance_departement": "69", "individu.codification_ue": "01",
    "individu.voie": "3 RUE DES LILAS", "individu.code_postal": "75019", "individu.localite": "PARIS",
}
CONTRAT_COMMUN = {
    "contrat.dispositif": "99", "contrat.unite_quotite": "10", "contrat.quotite_reference": "151.67",
    "contrat.idcc": "1486", "contrat.lieu_travail": "83214562700010", "contrat.regime_maladie": "200",
    "contrat.regime_vieillesse": "200", "contrat.regime_at": "200", "contrat.complement_regime": "99",
    "contrat.retraite_complementaire": "RUAA", "contrat.travailleur_etranger": "99", "contrat.statut_emploi": "99",
    "contrat.emplois_multiples": "01", "contrat.employeurs_multiples": "01", "contrat.code_risque_at": "620ZA",
    "contrat.taux_at": "0.69",
}
CDD_PART_TIME = {
    **CAMILLE, **CONTRAT_COMMUN,
    "contrat.nature": "02", "contrat.debut": "2026-01-05", "contrat.fin_previsionnelle": "2026-03-31",
    "contrat.motif_recours": "02", "contrat.numero": "CDD2026-0001", "contrat.emploi": "ASSISTANTE ADMINISTRATIVE",
    "contrat.pcs_ese": "542a", "contrat.statut_conventionnel": "06", "contrat.statut_categoriel": "04",
    "contrat.modalite_temps": "20", "contrat.quotite": "104.00",
}
CDI_FULL_TIME = {
    **JULIEN_FULL, **CONTRAT_COMMUN,
    "contrat.nature": "01", "contrat.debut": "2019-09-01", "contrat.numero": "CDI2019-0007",
    "contrat.emploi": "INGENIEUR D ETUDES", "contrat.pcs_ese": "388a", "contrat.statut_conventionnel": "04",
    "contrat.statut_categoriel": "01", "contrat.modalite_temps": "10", "contrat.quotite": "151.67",
}


def fctu_answers(contract: dict[str, str], end: dict[str, str], *pays: dict[str, str], **changes: str) -> dict[str, str]:
    answers = {
        "declaration.type": "01", **ETABLISSEMENT, **contract, "lieu.code_commune": "75103",
        "fin.transaction": "non", "versements.nombre": str(len(pays)), **end,
    }
    answers.setdefault("fin.dernier_jour", answers["fin.date"])
    answers.setdefault("fin.mois_paie", answers["fin.date"][:7])
    answers.setdefault("fin.entree", answers["contrat.debut"])
    if contract["contrat.nature"] in ("02", "03"):
        answers.setdefault("fin.refus_cdi", "non")
    for p in pays:
        answers.update(p)
    answers.update(changes)
    return answers


def end_of_cdd(**changes: str) -> dict[str, str]:
    return fctu_answers(
        CDD_PART_TIME, {"fin.date": "2026-03-31", "fin.motif": "031", "preavis.type": "90"},
        pay(0, "2026-03-31", "1508.00", (("011", "440.80"), ("020", "484.88")), hours="104.00"),
        pay(1, "2026-02-27", "1508.00", hours="104.00"), **changes)


def resignation(**changes: str) -> dict[str, str]:
    return fctu_answers(
        CDI_FULL_TIME,
        {"fin.date": "2026-04-15", "fin.motif": "059", "fin.notification": "2026-01-15",
         "preavis.type": "01", "preavis.debut": "2026-01-15", "preavis.fin": "2026-04-15"},
        pay(0, "2026-04-15", "2100.00", (("020", "1850.00"),), hours="75.84"),
        pay(1, "2026-03-31", "4200.00"), **changes)


def dismissal(**changes: str) -> dict[str, str]:
    return fctu_answers(
        CDI_FULL_TIME,
        {"fin.date": "2026-04-17", "fin.motif": "020", "fin.engagement": "2026-02-10", "fin.notification": "2026-02-16",
         "fin.dernier_jour": "2026-02-17", "preavis.type": "02", "preavis.debut": "2026-02-18",
         "preavis.fin": "2026-04-17"},
        pay(0, "2026-04-17", "2380.00", (("007", "6800.00"), ("020", "2900.00")), hours="86.67"),
        pay(1, "2026-03-31", "4200.00"), **changes)


def agreed_break(**changes: str) -> dict[str, str]:
    return fctu_answers(
        CDI_FULL_TIME,
        {"fin.date": "2026-03-31", "fin.motif": "043", "fin.signature": "2026-02-10", "preavis.type": "90"},
        pay(0, "2026-03-31", "4200.00", (("001", "7500.00"), ("020", "2600.00"))),
        pay(1, "2026-02-27", "4200.00"), **changes)


def retirement(**changes: str) -> dict[str, str]:
    return fctu_answers(
        CDI_FULL_TIME,
        {"fin.date": "2026-06-30", "fin.motif": "039", "preavis.type": "01", "preavis.debut": "2026-05-01",
         "preavis.fin": "2026-06-30"},
        pay(0, "2026-06-30", "4200.00", (("005", "4800.00"),)),
        pay(1, "2026-05-29", "4200.00"), **changes)


def end_of_trial(**changes: str) -> dict[str, str]:
    contract = {**CDI_FULL_TIME, "contrat.debut": "2026-03-02", "contrat.numero": "CDI2026-0003"}
    return fctu_answers(
        contract,
        {"fin.date": "2026-03-20", "fin.motif": "034", "fin.notification": "2026-03-18", "preavis.type": "60",
         "preavis.debut": "2026-03-18", "preavis.fin": "2026-03-20"},
        pay(0, "2026-03-20", "2660.00", (("020", "266.00"),), hours="103.95"), **changes)


FCTU_SCENARIOS = {
    "end-of-cdd-part-time": (end_of_cdd, date(2026, 4, 2)),
    "resignation-cdi-full-time": (resignation, date(2026, 4, 17)),
    "dismissal-notice-not-worked": (dismissal, date(2026, 4, 20)),
    "rupture-conventionnelle": (agreed_break, date(2026, 4, 1)),
    "retirement": (retirement, date(2026, 7, 1)),
    "end-of-trial-period": (end_of_trial, date(2026, 3, 23)),
}


@pytest.mark.parametrize("name", FCTU_SCENARIOS)
def test_fctu_scenario_passes_the_engine(name: str) -> None:
    make, today = FCTU_SCENARIOS[name]
    answers = make()
    assert errors("fctu", answers) == {}
    built = assert_valid("fctu", answers, today, numero=3)
    got = lines(built.data)
    assert got["S20.G00.05.001"] == ["07"] and got["S21.G00.62.002"] == [answers["fin.motif"]]
    months = int(answers["versements.nombre"])
    assert got["S21.G00.50.020"] == ["01", "02"][:months]
    assert got["S21.G00.50.003"] == ["01", "02"][:months]
    assert got["S21.G00.51.011"].count("002") == months and got["S21.G00.53.001"] == ["01"] * months
    assert got["S21.G00.62.020"] == ["01" + answers["fin.mois_paie"][5:7] + answers["fin.mois_paie"][:4]]
    assert len(got["S21.G00.85.001"]) == 1 and got["S21.G00.71.002"] == ["RUAA"]


def test_fctu_end_of_cdd_matches_the_sample() -> None:
    built = assert_valid("fctu", end_of_cdd(), date(2026, 4, 2), numero=3)
    got = lines(built.data)
    sample = lines(open("tests/samples/fctu.dsn", "rb").read())
    for code in ("S21.G00.62.001", "S21.G00.62.002", "S21.G00.62.006", "S21.G00.62.008", "S21.G00.62.020",
                 "S21.G00.63.001", "S21.G00.50.001", "S21.G00.50.003", "S21.G00.50.020", "S21.G00.51.001",
                 "S21.G00.51.002", "S21.G00.51.011", "S21.G00.51.013", "S21.G00.52.001", "S21.G00.52.002",
                 "S21.G00.53.002", "S21.G00.78.001", "S21.G00.78.004", "S21.G00.81.001", "S21.G00.81.004",
                 "S21.G00.86.003", "S21.G00.85.011", "S20.G00.07.004"):
        assert got[code] == sample[code], code


def test_fctu_dismissal_writes_the_procedure_dates_and_notice() -> None:
    got = lines(assert_valid("fctu", dismissal(), date(2026, 4, 20)).data)
    assert got["S21.G00.62.003"] == ["16022026"] and got["S21.G00.62.005"] == ["10022026"]
    assert "S21.G00.62.004" not in got
    assert got["S21.G00.63.001"] == ["02"] and got["S21.G00.63.002"] == ["18022026"]
    assert got["S21.G00.51.001"][:4] == ["01042026"] * 4 and got["S21.G00.51.002"][:4] == ["17042026"] * 4


def test_fctu_agreed_break_writes_the_signature_date_only() -> None:
    got = lines(assert_valid("fctu", agreed_break(), date(2026, 4, 1)).data)
    assert got["S21.G00.62.004"] == ["10022026"]
    assert "S21.G00.62.003" not in got and "S21.G00.62.005" not in got and "S21.G00.63.002" not in got


def test_fctu_correction_and_cancellation() -> None:
    replaced = assert_valid("fctu", end_of_cdd(**{"declaration.type": "03", "declaration.remplace": "020420263"}),
                            date(2026, 4, 3), numero=4)
    got = lines(replaced.data)
    assert got["S20.G00.05.002"] == ["03"] and got["S20.G00.05.006"] == ["020420263"]
    cancelled = assert_valid("fctu", resignation(**{"declaration.type": "04", "declaration.remplace": "170420263"}),
                             date(2026, 4, 18), numero=4)
    got = lines(cancelled.data)
    assert got["S20.G00.05.002"] == ["04"] and got["S20.G00.05.006"] == ["170420263"]


def test_fctu_dates_asked_only_for_the_motifs_that_need_them() -> None:
    cdd, quit_, fired, agreed = (keys("fctu", f()) for f in (end_of_cdd, resignation, dismissal, agreed_break))
    assert "fin.notification" not in cdd and "fin.notification" in quit_ and "fin.notification" in fired
    assert "fin.notification" not in agreed and "fin.notification" not in keys("fctu", retirement())
    assert "fin.engagement" in fired and "fin.engagement" not in quit_ and "fin.engagement" not in cdd
    assert "fin.signature" in agreed and "fin.signature" not in fired
    assert "preavis.debut" not in cdd and "preavis.debut" in quit_
    assert "fin.refus_cdi" in cdd and "fin.refus_cdi" not in quit_
    assert "lieu.voie" not in cdd
    assert "lieu.voie" in keys("fctu", end_of_cdd(**{"contrat.lieu_travail": "83214562700028"}))
    assert "versements.1.versement.date" in cdd and "versements.1.versement.date" not in keys("fctu", end_of_trial())


def test_fctu_step_rules_speak_in_plain_words() -> None:
    assert "fin.motif" in errors("fctu", end_of_cdd(**{"contrat.nature": "01"}))  # 031 on a CDI
    assert "fin.motif" in errors("fctu", resignation(**{"contrat.nature": "02", "contrat.fin_previsionnelle": "2026-06-30",
                                                        "contrat.motif_recours": "02"}))
    assert "preavis.type" in errors("fctu", agreed_break(**{"preavis.type": "01", "preavis.debut": "2026-03-01",
                                                           "preavis.fin": "2026-03-31"}))
    assert "preavis.type" in errors("fctu", end_of_trial(**{"preavis.type": "01"}))
    assert "preavis.debut" in errors("fctu", dismissal(**{"fin.dernier_jour": "2026-02-20"}))  # notice not worked
    assert "preavis.debut" in errors("fctu", dismissal(**{"preavis.debut": "2026-02-10"}))
    assert "fin.notification" in errors("fctu", resignation(**{"fin.notification": "2026-04-20"}))
    assert "versements.0.indemnites.0.indemnite.type" in errors("fctu", resignation(**{
        "versements.0.indemnites.0.indemnite.type": "007"}))
    assert "versements.0.versement.date" in errors("fctu", resignation(**{"versements.nombre": "1"}))
