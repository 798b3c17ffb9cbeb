"""The monthly DSN form and builder: every scenario must pass the engine with nothing blocking.

`answers_for(...)` writes the answers a user would type for N employees (the people of
`tests/samples/mensuelle-normale.dsn`, with other names and NIRs beyond the first two);
`mensuelle_answers(n)` is used by the bench as well.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from forms.declarations import AnswerErrors, BuildContext, build, get
from forms.dsn.document import parse_document
from forms.session import FormSession

SAMPLE = "tests/samples/mensuelle-normale.dsn"
CTX = BuildContext(today=date(2026, 2, 5), numero_ordre=1, test=True)

ETAB = {
    "etablissement.siret": "83214562700010",
    "etablissement.raison_sociale": "ATELIER NUMERIQUE DU MARAIS",
    "etablissement.ape": "6201Z",
    "etablissement.ape_entreprise": "6201Z",
    "etablissement.idcc": "1486",
    "etablissement.voie": "48 RUE DE TURBIGO",
    "etablissement.code_postal": "75003",
    "etablissement.localite": "PARIS",
    "etablissement.contact_nom": "DUPONT CLAIRE",
    "etablissement.contact_email": "paie@atelier-numerique.example",
    "etablissement.contact_telephone": "0142720000",
}
PAIEMENT = {
    "etablissement.urssaf_siret": "78861779300013",
    "etablissement.iban": "FR7630004008280001098765416",
    "etablissement.bic": "BNPAFRPPXXX",
}

# (code, qualifiant, taux, assiette, montant) per CTP, for one CDI cadre + one CDD (the sample)
CTP_SAMPLE = [
    ("100", "921", "15.45", "5397.00", "833.83"),
    ("100", "920", "", "6192.00", "1146.21"),
    ("260", "920", "9.70", "6143.72", "595.94"),
    ("332", "921", "0.10", "5397.00", "5.40"),
    ("027", "920", "", "6192.00", "0.99"),
    ("772", "920", "4.00", "6192.00", "247.68"),
    ("937", "920", "0.25", "6192.00", "15.48"),
    ("671", "920", "", "6192.00", "-457.66"),
]


def _contract_common(idcc: str = "1486") -> dict[str, str]:
    return {
        "contrat.dispositif": "99", "contrat.modalite_temps": "10", "contrat.unite_quotite": "10",
        "contrat.quotite_reference": "151.67", "contrat.quotite": "151.67", "contrat.complement_regime": "99",
        "contrat.idcc": idcc, "contrat.regime_maladie": "200", "contrat.lieu_travail": "83214562700010",
        "contrat.regime_vieillesse": "200", "contrat.regime_at": "200", "contrat.retraite_complementaire": "RUAA",
        "contrat.travailleur_etranger": "99", "contrat.statut_emploi": "99", "contrat.emplois_multiples": "01",
        "contrat.employeurs_multiples": "01", "contrat.code_risque_at": "602MDB", "contrat.taux_at": "0.69",
    }


def _bases(bases: list[tuple[str, str, list[tuple[str, str]], list[tuple[str, str, str, str]]]]) -> dict[str, str]:
    """[(code, amount, [(composant type, amount)], [(cotisation code, assiette, taux, montant)])]."""
    out = {"bases.nombre": str(len(bases))}
    for i, (code, amount, comps, cots) in enumerate(bases):
        p = f"bases.{i}."
        out.update({p + "base.code": code, p + "base.montant": amount, p + "composants.nombre": str(len(comps)),
                    p + "cotisations.nombre": str(len(cots))})
        for j, (kind, value) in enumerate(comps):
            out.update({f"{p}composants.{j}.composant.type": kind, f"{p}composants.{j}.composant.montant": value})
        for j, (cot, assiette, taux, montant) in enumerate(cots):
            q = f"{p}cotisations.{j}.cotisation."
            out[q + "code"] = cot
            for name, value in (("assiette", assiette), ("taux", taux), ("montant", montant)):
                if value:
                    out[q + name] = value
    return out


def cdi_cadre(i: int = 0) -> dict[str, str]:
    """BERNARD JULIEN of the sample: CDI, cadre, full time, prévoyance, a Q4 bonus."""
    nom = "BERNARD" if i == 0 else f"BERNARD{_letters(i)}"
    return {
        "individu.nom": nom, "individu.prenoms": "JULIEN", "individu.sexe": "01",
        "individu.naissance_date": "1985-03-14", "individu.nir": _nir("1850369383", i, 45),
        "individu.naissance_pays": "FR", "individu.naissance_lieu": "LYON", "individu.naissance_departement": "69",
        "individu.codification_ue": "01", "individu.voie": "8 RUE DES ECOLES", "individu.code_postal": "75005",
        "individu.localite": "PARIS",
        **_contract_common(),
        "contrat.nature": "01", "contrat.debut": "2019-09-01", "contrat.numero": "CDI2019-0007",
        "contrat.emploi": "INGENIEUR D ETUDES ET DEVELOPPEMENT", "contrat.pcs_ese": "388a",
        "contrat.statut_conventionnel": "04", "contrat.statut_categoriel": "01",
        "affiliation.contrat": "1",
        "paie.date": "2026-01-30", "paie.net_fiscal": "3933.93", "paie.net_verse": "3795.42",
        "paie.net_social": "4258.70",
        "pas.type": "01", "pas.taux": "7.40", "pas.identifiant": "2602150001", "pas.montant": "291.11",
        "pas.assiette": "3933.93",
        "remu.base": "4200.00", "remu.brut": "4800.00", "remu.heures": "151.67",
        "primes.nombre": "1", "primes.0.prime.type": "027", "primes.0.prime.montant": "600.00",
        "primes.0.prime.debut": "2025-10-01", "primes.0.prime.fin": "2025-12-31",
        "autres.nombre": "0",
        **_bases([
            ("03", "4800.00", [("01", "1823.07")], [
                ("075", "4800.00", "13.000", "624.00"), ("076", "4800.00", "2.420", "116.16"),
                ("074", "4800.00", "3.450", "165.60"), ("045", "4800.00", "0.690", "33.12"),
                ("068", "4800.00", "0.300", "14.40"), ("100", "4800.00", "0.016", "0.77"),
                ("131", "", "", "611.21"), ("142", "", "", "240.70"), ("146", "", "", "115.83"),
                ("132", "", "", "2.88"), ("018", "4800.00", "", "-113.28")]),
            ("02", "4005.00", [], [("076", "4005.00", "15.450", "618.77"), ("049", "4005.00", "0.100", "4.01")]),
            ("04", "4776.08", [], [("072", "4776.08", "9.200", "439.40"), ("079", "4776.08", "0.500", "23.88")]),
            ("07", "4800.00", [], [("040", "4800.00", "4.000", "192.00"), ("048", "4800.00", "0.250", "12.00")]),
            ("31", "0.00", [("11", "4005.00")], [("059", "", "", "60.08")]),
        ]),
    }


def cdd_partiel(i: int = 1, *, debut: str = "2026-01-05") -> dict[str, str]:
    """MOREAU CAMILLE of the sample: CDD, non-cadre, part time, hired in the month."""
    nom = "MOREAU" if i == 1 else f"MOREAU{_letters(i)}"
    return {
        "individu.nom": nom, "individu.prenoms": "CAMILLE", "individu.sexe": "02",
        "individu.naissance_date": "1998-07-22", "individu.nir": _nir("2980744109", i, 12),
        "individu.naissance_pays": "FR", "individu.naissance_lieu": "NANTES", "individu.naissance_departement": "44",
        "individu.codification_ue": "01", "individu.voie": "21 AVENUE GAMBETTA", "individu.code_postal": "75020",
        "individu.localite": "PARIS",
        **_contract_common(),
        "contrat.nature": "02", "contrat.debut": debut, "contrat.fin_previsionnelle": "2026-03-31",
        "contrat.motif_recours": "02", "contrat.numero": "CDD2026-0001", "contrat.emploi": "ASSISTANTE ADMINISTRATIVE",
        "contrat.pcs_ese": "542a", "contrat.statut_conventionnel": "06", "contrat.statut_categoriel": "04",
        "contrat.modalite_temps": "20", "contrat.quotite": "104.00",
        "paie.date": "2026-01-30", "paie.net_fiscal": "1141.56", "paie.net_verse": "1101.90",
        "paie.net_social": "1234.56",
        "pas.type": "13", "pas.taux": "0.00", "pas.montant": "0.00", "pas.assiette": "1141.56",
        "remu.base": "1392.00", "remu.brut": "1392.00", "remu.heures": "96.00",
        "primes.nombre": "0", "autres.nombre": "0",
        **_bases([
            ("03", "1392.00", [("01", "1153.92")], [
                ("075", "1392.00", "7.000", "97.44"), ("076", "1392.00", "2.420", "33.69"),
                ("074", "1392.00", "3.450", "48.02"), ("045", "1392.00", "0.690", "9.60"),
                ("068", "1392.00", "0.300", "4.18"), ("100", "1392.00", "0.016", "0.22"),
                ("131", "", "", "139.48"), ("142", "", "", "83.66"), ("018", "1392.00", "", "-344.38")]),
            ("02", "1392.00", [], [("076", "1392.00", "15.450", "215.06"), ("049", "1392.00", "0.100", "1.39")]),
            ("04", "1367.64", [], [("072", "1367.64", "9.200", "125.82"), ("079", "1367.64", "0.500", "6.84")]),
            ("07", "1392.00", [], [("040", "1392.00", "4.000", "55.68"), ("048", "1392.00", "0.250", "3.48")]),
        ]),
    }


def apprenti(i: int = 2) -> dict[str, str]:
    """An apprentice (dispositif 64: company under 11 employees), CDD, hired in 2025."""
    return {
        "individu.nom": f"PETIT{_letters(i)}", "individu.prenoms": "LUCAS", "individu.sexe": "01",
        "individu.naissance_date": "2007-05-10", "individu.nir": _nir("1070575056", i, 0),
        "individu.naissance_pays": "FR", "individu.naissance_lieu": "PARIS", "individu.naissance_departement": "75",
        "individu.codification_ue": "01", "individu.voie": "3 RUE DU TEMPLE", "individu.code_postal": "75004",
        "individu.localite": "PARIS",
        **_contract_common(),
        "contrat.nature": "02", "contrat.dispositif": "64", "contrat.debut": "2025-09-01",
        "contrat.fin_previsionnelle": "2027-08-31", "contrat.motif_recours": "11", "contrat.numero": "APP2025-0001",
        "contrat.emploi": "APPRENTI DEVELOPPEUR", "contrat.pcs_ese": "478d",
        "contrat.statut_conventionnel": "06", "contrat.statut_categoriel": "04", "contrat.quotite": "151.67",
        "paie.date": "2026-01-30", "paie.net_fiscal": "1073.95", "paie.net_verse": "1073.95",
        "paie.net_social": "1073.95",
        "pas.type": "13", "pas.taux": "0.00", "pas.montant": "0.00", "pas.assiette": "1073.95",
        "remu.base": "1094.00", "remu.brut": "1094.00", "remu.heures": "151.67",
        "primes.nombre": "0", "autres.nombre": "0",
        **_bases([
            ("03", "1094.00", [("01", "1823.07")], [
                ("075", "1094.00", "7.000", "76.58"), ("076", "1094.00", "2.420", "26.47"),
                ("074", "1094.00", "3.450", "37.74"), ("045", "1094.00", "0.690", "7.55"),
                ("068", "1094.00", "0.300", "3.28"), ("100", "1094.00", "0.016", "0.18"),
                ("131", "", "", "109.62"), ("142", "", "", "65.75"), ("018", "1094.00", "", "-20.05")]),
            ("02", "1094.00", [], [("076", "1094.00", "15.450", "169.02"), ("049", "1094.00", "0.100", "1.09")]),
            ("07", "1094.00", [], [("040", "1094.00", "4.000", "43.76"), ("048", "1094.00", "0.250", "2.74")]),
        ]),
    }


def _letters(i: int) -> str:
    """A name suffix without digits (family names are letters): 0 → A, 27 → BB…"""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _nir(head: str, i: int, _key: int) -> str:
    """The sample's NIR for its two people; beyond, commune 100-105 and order number 001-999."""
    sample = {"1850369383": "1850369383045", "2980744109": "2980744109012"}
    if i < 2 and head in sample:
        return sample[head]
    return f"{head[:7]}{100 + i // 999:03d}{i % 999 + 1:03d}"


def answers_for(people: list[dict[str, str]], *, kind: str = "01", prevoyance: bool = True,
                ctp: list[tuple[str, str, str, str, str]] | None = None) -> dict[str, str]:
    out = {"declaration.type": kind, "declaration.mois": "2026-01", **ETAB}
    if kind == "03":
        out["declaration.remplace"] = "050220261"
    if kind in ("02", "05"):
        return out
    out.update(PAIEMENT)
    lines = CTP_SAMPLE if ctp is None else ctp
    out["agregees.nombre"] = str(len(lines))
    for i, (code, qual, taux, assiette, montant) in enumerate(lines):
        p = f"agregees.{i}.ctp."
        out.update({p + "code": code, p + "qualifiant": qual, p + "assiette": assiette, p + "montant": montant})
        if taux:
            out[p + "taux"] = taux
    if prevoyance:
        out.update({"prevoyance.nombre": "1", "prevoyance.0.prevoyance.reference": "PREV-CADRES-2019",
                    "prevoyance.0.prevoyance.organisme": "P0942", "prevoyance.0.prevoyance.couvert": "01",
                    "paiement.date_prevoyance": "2026-02-16"})
    else:
        out["prevoyance.nombre"] = "0"
    out["salaries.nombre"] = str(len(people))
    for n, person in enumerate(people):
        if not prevoyance:
            person = {k: v for k, v in person.items() if k != "affiliation.contrat"}
        out.update({f"salaries.{n}.{k}": v for k, v in person.items()})
    return out


def ctp_for(people: list[dict[str, str]]) -> list[tuple[str, str, str, str, str]]:
    """Cotisations agrégées that agree with the individual ones (the sample's grouping)."""
    groups = {  # (ctp, qualifiant, taux) ← (base code, 81 codes)
        ("100", "921", "15.45"): ("02", ("076",)), ("100", "920", ""): ("03", ("075", "076", "074", "045", "068")),
        ("260", "920", "9.70"): ("04", ("072", "079")), ("332", "921", "0.10"): ("02", ("049",)),
        ("027", "920", ""): ("03", ("100",)), ("772", "920", "4.00"): ("07", ("040",)),
        ("937", "920", "0.25"): ("07", ("048",)), ("671", "920", ""): ("03", ("018",)),
    }
    out = []
    for (ctp, qual, taux), (base_code, codes) in groups.items():
        assiette, montant = Decimal(0), Decimal(0)
        for person in people:
            for i in range(int(person.get("bases.nombre", "0"))):
                p = f"bases.{i}."
                if person[p + "base.code"] != base_code:
                    continue
                assiette += Decimal(person[p + "base.montant"])
                for j in range(int(person[p + "cotisations.nombre"])):
                    if person[f"{p}cotisations.{j}.cotisation.code"] in codes:
                        montant += Decimal(person.get(f"{p}cotisations.{j}.cotisation.montant", "0"))
        if assiette:
            out.append((ctp, qual, taux, f"{assiette:.2f}", f"{montant:.2f}"))
    return out


def mensuelle_answers(n: int) -> dict[str, str]:
    """N employees alternating the CDI cadre and the CDD of the sample (the bench uses it)."""
    people = [cdi_cadre(i) if i % 2 == 0 else cdd_partiel(i) for i in range(n)]
    for i, person in enumerate(people):
        person["contrat.numero"] = f"{person['contrat.numero'][:3]}{i:07d}"
    return answers_for(people, ctp=ctp_for(people))


def _built(answers: dict[str, str], ctx: BuildContext = CTX):
    built = build("mensuelle", answers, ctx)
    assert built.report is not None
    blocking = [f for f in built.report.findings if f.blocking]
    assert not blocking, "\n".join(f"{f.line} {f.rubrique} {f.control}: {f.message}" for f in blocking)
    return built


def _lines(data: bytes) -> list[str]:
    return data.decode("latin-1").splitlines()


def _values(data: bytes, code: str) -> list[str]:
    return [line.split(",", 1)[1].strip("'") for line in _lines(data) if line.startswith(code + ",")]


# ----------------------------------------------------------------------------- the sample
def test_sample_rebuilt_from_answers() -> None:
    built = _built(answers_for([cdi_cadre(0), cdd_partiel(1)]))
    expected = [line for line in _lines(open(SAMPLE, "rb").read())
                if not line.startswith(("S21.G00.06.002", "S21.G00.06.004", "S21.G00.06.005", "S21.G00.06.006", "S10.G00.02.001",
                                        "S10.G00.00.005", "S90"))]
    got = [line for line in _lines(built.data) if not line.startswith(("S10.G00.00.005", "S90"))]
    assert got == expected
    assert built.filename == "dsn-mensuelle-83214562700010-2026-01.dsn"
    assert built.period == "2026-01" and built.nature == "01" and built.type == "01"
    assert built.people == [("1850369383045", "BERNARD JULIEN"), ("2980744109012", "MOREAU CAMILLE")]
    assert not built.notes


# ----------------------------------------------------------------------------- scenario matrix
SCENARIOS = {
    "01-one-cdi-cadre": lambda: answers_for([cdi_cadre(0)], ctp=ctp_for([cdi_cadre(0)])),
    "01-one-cdd-entry": lambda: answers_for([cdd_partiel(1)], prevoyance=False, ctp=ctp_for([cdd_partiel(1)])),
    "01-two-employees": lambda: answers_for([cdi_cadre(0), cdd_partiel(1)]),
    "01-apprentice": lambda: answers_for([cdi_cadre(0), apprenti(2)], ctp=ctp_for([cdi_cadre(0), apprenti(2)])),
    "01-entry-and-exit": lambda: _entry_and_exit(),
    "02-neant": lambda: answers_for([], kind="02"),
    "03-replacing": lambda: answers_for([cdi_cadre(0), cdd_partiel(1)], kind="03"),
    "05-replacing-neant": lambda: answers_for([], kind="05"),
}


def _entry_and_exit() -> dict[str, str]:
    leaving = cdd_partiel(3, debut="2025-11-03")
    leaving.update({"contrat.fin_previsionnelle": "2026-01-16", "contrat.fin": "2026-01-16", "fin.motif": "031",
                    "fin.dernier_jour": "2026-01-16", "contrat.numero": "CDD2025-0042"})
    people = [cdi_cadre(0), cdd_partiel(1), leaving]
    return answers_for(people, ctp=ctp_for(people))


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario_has_no_blocking_finding(name: str) -> None:
    answers = SCENARIOS[name]()
    ctx = BuildContext(today=date(2026, 2, 12), numero_ordre=2, test=True) if name.startswith(("03", "05")) else CTX
    built = _built(answers, ctx)
    kind = name[:2]
    assert _values(built.data, "S20.G00.05.002") == [kind]
    if kind in ("02", "05"):
        assert not _values(built.data, "S21.G00.30.001")
        assert _values(built.data, "S10.G00.00.008") == ["02"]
        assert built.people == []
    # S20.G00.05.006/CCH-12: the identifier of the replaced declaration for a 03 only
    assert _values(built.data, "S20.G00.05.006") == (["050220261"] if kind == "03" else [])


def test_exit_writes_end_of_contract_and_cut_periods() -> None:
    built = _built(_entry_and_exit())
    assert _values(built.data, "S21.G00.62.001") == ["16012026"]
    assert _values(built.data, "S21.G00.62.002") == ["031"]
    doc = parse_document(built.data)
    people = [occ for root in doc.roots for occ in _walk(root) if occ.block == "S21.G00.30"]
    leaving = people[2]
    remu = [occ for occ in _walk(leaving) if occ.block == "S21.G00.51"]
    assert {(r.values["S21.G00.51.001"], r.values["S21.G00.51.002"]) for r in remu} == {("01012026", "16012026")}
    seniority = [occ for occ in _walk(leaving) if occ.block == "S21.G00.86"][0]
    assert (seniority.values["S21.G00.86.002"], seniority.values["S21.G00.86.003"]) == ("02", "2")


def _walk(occ):  # type: ignore[no-untyped-def]
    yield occ
    for child in occ.children:
        yield from _walk(child)


# ----------------------------------------------------------------------------- derived totals
def test_derived_totals_equal_the_sums() -> None:
    people = [cdi_cadre(0), cdd_partiel(1), apprenti(2)]
    answers = answers_for(people, ctp=ctp_for(people))
    built = _built(answers)
    data = built.data
    ctp_total = sum(Decimal(v) for v in _values(data, "S21.G00.23.005"))
    assert _values(data, "S21.G00.22.005") == [f"{ctp_total.quantize(Decimal(1), rounding='ROUND_HALF_UP'):.2f}"]
    pays = dict(zip(_values(data, "S21.G00.20.001"), _values(data, "S21.G00.20.005"), strict=True))
    assert pays["78861779300013"] == _values(data, "S21.G00.22.005")[0]
    pas = sum(Decimal(v) for v in _values(data, "S21.G00.50.009"))
    assert Decimal(pays["DGFIP"]) == pas
    assert Decimal(pays["P0942"]) == sum(Decimal(v) for v in _values(data, "S21.G00.55.001")) == Decimal("60.08")
    lines = _lines(data)
    assert _values(data, "S90.G00.90.001") == [str(len(lines))]


# ----------------------------------------------------------------------------- the form
def test_wrong_amount_names_the_question() -> None:
    answers = answers_for([cdi_cadre(0)], ctp=ctp_for([cdi_cadre(0)]))
    answers["salaries.0.paie.net_fiscal"] = "12,345"
    session = FormSession(get("mensuelle").form, answers)
    check = session.check("salaries.0.paie.net_fiscal", "12,345")
    assert not check.ok and "12,345" in check.errors[0]
    with pytest.raises(AnswerErrors) as caught:
        build("mensuelle", answers, CTX)
    errors = caught.value.errors
    assert [e.key for e in errors] == ["salaries.0.paie.net_fiscal"]
    assert errors[0].label() == "Taxable net pay (net fiscal)" or "net fiscal" in errors[0].label().lower()


def test_pas_rule_in_plain_words() -> None:
    answers = answers_for([cdi_cadre(0)], ctp=ctp_for([cdi_cadre(0)]))
    answers["salaries.0.pas.montant"] = "391.11"
    session = FormSession(get("mensuelle").form, answers)
    errors = session.errors()
    assert [e.key for e in errors] == ["salaries.0.pas.montant"]
    assert "291.11" in errors[0].message


def test_neant_skips_every_employee_step() -> None:
    form = get("mensuelle").form
    ids = [s.id for s in form.steps(answers_for([], kind="02"))]
    assert not any(i.startswith(("salaries", "agregees", "prevoyance", "etablissement.paiement")) for i in ids)
    full = [s.id for s in form.steps(answers_for([cdi_cadre(0)]))]
    assert "salaries.0.individu.identite" in full and "salaries.0.bases.4.cotisations.0.cotisation" in full


def test_aggregated_mismatch_is_reported_as_a_note() -> None:
    people = [cdi_cadre(0)]
    ctp = ctp_for(people)
    ctp[0] = (*ctp[0][:4], "999.99")
    built = build("mensuelle", answers_for(people, ctp=ctp), CTX)
    assert built.notes and "URSSAF" in built.notes[0]
