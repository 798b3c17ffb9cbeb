"""The DPAE by DSN (nature 10): the built file passes the validator, carries every rubrique the
norm data marks mandatory for nature 10 and none it marks forbidden."""

from __future__ import annotations

from datetime import date

import pytest

from forms.builders.signal10 import (
    SIGNAL10_OPENS,
    Signal10Error,
    build_signal10,
    forbidden_codes,
    required_rubriques,
    signal10_notice,
    signal10_open,
    trial_period_required,
)
from forms.dsn.document import parse_document
from forms.i18n import set_language
from forms.model import Contrat, Etablissement, Individu
from forms.norm import load_norm
from forms.validator import validate_bytes
from tests import test_dpae as dpae

TODAY = date(2026, 4, 28)


def etab(**changes: str) -> Etablissement:
    """The DPAE's employer, with what a DSN adds (head office, company APE, IDCC, contact)."""
    return dpae.etab(**{"nic_siege": "00010", "ape_entreprise": "6201Z", "idcc": "1486", "contact_nom": "DUPONT CLAIRE",
                        "contact_email": "paie@atelier-numerique.example", "contact_telephone": "0142720000", **changes})


def person(**changes: str) -> Individu:
    """The DPAE's hire, with her country of birth and address."""
    return dpae.person(**{"naissance_pays": "FR", "voie": "21 AVENUE GAMBETTA", "code_postal": "75020",
                          "localite": "PARIS", **changes})


def contract(**changes: str) -> Contrat:
    """The DPAE's contract, with its number, job, scheme, status and PCS-ESE."""
    return dpae.contract(**{"numero": "CDD2026-0002", "emploi": "ASSISTANTE ADMINISTRATIVE", "dispositif": "99",
                            "statut_conventionnel": "06", "pcs_ese": "542a", **changes})


def build(**kwargs) -> bytes:  # type: ignore[no-untyped-def]
    return build_signal10(
        kwargs.get("etab", etab()),
        kwargs.get("individu", person()),
        kwargs.get("contrat", contract()),
        numero_ordre=kwargs.get("numero_ordre", 4),
        today=kwargs.get("today", TODAY),
        test=kwargs.get("test", True),
    )


def codes(data: bytes) -> dict[str, str]:
    return dict(parse_document(data).lines())


CASES = {
    "cdd": {},
    "cdi": {"contrat": contract(nature="01", fin_previsionnelle="", periode_essai_jours="60", numero="CDI2026-0003")},
    "cdd-long": {"contrat": contract(fin_previsionnelle="2027-04-30", periode_essai_jours="30")},
    "cdi-public": {"contrat": contract(nature="09", fin_previsionnelle="", periode_essai_jours="90")},
    "cdd-public": {"contrat": contract(nature="10")},
    "man-sex-from-nir": {
        "individu": person(nir="1850369383045", sexe="", nom="BERNARD", prenoms="JULIEN", naissance_date="1985-03-14",
                           naissance_lieu="LYON", naissance_departement="69")
    },
    "born-abroad": {"individu": person(nir="", naissance_departement="99", naissance_pays="MA",
                                       naissance_lieu="CASABLANCA", ntt="2832145627M0042")},
    "real": {"test": False},
}


@pytest.mark.parametrize("case", list(CASES))
def test_built_file_has_no_blocking_finding(case: str) -> None:
    data = build(**CASES[case])
    report = validate_bytes(data)
    assert not report.blocking, [(f.control, f.rubrique, f.message) for f in report.findings if f.blocking]
    assert report.natures == ["10"] or report.declarations == 1


@pytest.mark.parametrize("case", list(CASES))
def test_mandatory_present_and_forbidden_absent(case: str) -> None:
    data = build(**CASES[case])
    lines = codes(data)
    blocks = {code[:10] for code in lines}
    for code in required_rubriques():
        assert code in lines, code
    norm = load_norm("P26V01")
    for code, usage in norm.usages("10").items():
        if usage.letter == "O" and code in norm.blocks:
            assert code in blocks, code
    for code in forbidden_codes():
        assert code not in lines and code not in blocks, code


def test_the_mandatory_list_is_the_norm_data() -> None:
    required = required_rubriques()
    for code in (
        "S10.G00.00.001", "S10.G00.02.005", "S20.G00.05.001", "S20.G00.05.003", "S20.G00.05.004",
        "S20.G00.05.007", "S21.G00.11.002", "S21.G00.30.002", "S21.G00.30.004", "S21.G00.30.005",
        "S21.G00.30.006", "S21.G00.30.007", "S21.G00.30.030", "S21.G00.40.001", "S21.G00.40.083",
        "S90.G00.90.001", "S90.G00.90.002",
    ):
        assert code in required
    forbidden = forbidden_codes()
    for code in ("S20.G00.05.005", "S20.G00.05.010", "S21.G00.06.003", "S21.G00.06.004", "S21.G00.11.022"):
        assert code in forbidden


def test_header_values() -> None:
    lines = codes(build())
    assert lines["S20.G00.05.001"] == "10"
    assert lines["S20.G00.05.002"] == "01"
    assert lines["S20.G00.05.003"] == "11"
    assert lines["S20.G00.05.004"] == "4"
    assert lines["S20.G00.05.007"] == "28042026"
    assert lines["S10.G00.00.006"] == "P26V01"
    assert lines["S10.G00.00.005"] == "01"  # test file
    assert codes(build(test=False))["S10.G00.00.005"] == "02"


def test_contract_values() -> None:
    lines = codes(build())
    assert lines["S21.G00.40.001"] == "04052026"
    assert lines["S21.G00.40.007"] == "02"
    assert lines["S21.G00.40.010"] == "31102026"
    assert lines["S21.G00.40.083"] == "0900"
    assert "S21.G00.40.008" not in lines  # 99 is forbidden in a 10 (CCH-17): not written
    assert lines["S21.G00.30.005"] == "02"
    assert lines["S21.G00.30.030"] == "01"
    cdi = codes(build(**CASES["cdi"]))
    assert cdi["S21.G00.40.082"] == "60"
    assert "S21.G00.40.010" not in cdi


def test_ntt_when_no_nir() -> None:
    lines = codes(build(**CASES["born-abroad"]))
    assert "S21.G00.30.001" not in lines
    assert lines["S21.G00.30.020"] == "2832145627M0042"


def test_cdi_needs_its_trial_period() -> None:
    with pytest.raises(Signal10Error) as info:
        build(contrat=contract(nature="01", fin_previsionnelle=""))
    assert [e.field for e in info.value.errors] == ["contrat.periode_essai_jours"]


def test_long_cdd_needs_its_trial_period() -> None:
    assert not trial_period_required(contract(fin_previsionnelle="2026-11-04"))  # 6 months exactly
    assert trial_period_required(contract(fin_previsionnelle="2026-11-05"))
    with pytest.raises(Signal10Error) as info:
        build(contrat=contract(fin_previsionnelle="2027-04-30"))
    assert [e.field for e in info.value.errors] == ["contrat.periode_essai_jours"]


@pytest.mark.parametrize("nature", ["03", "07", "29", "80"])
def test_other_natures_refused(nature: str) -> None:
    with pytest.raises(Signal10Error) as info:
        build(contrat=contract(nature=nature))
    assert "contrat.nature" in {e.field for e in info.value.errors}


@pytest.mark.parametrize("dispositif", ["66", "92", "93", "64"])
def test_dispositifs_refused(dispositif: str) -> None:
    with pytest.raises(Signal10Error) as info:
        build(contrat=contract(dispositif=dispositif))
    assert [e.field for e in info.value.errors] == ["contrat.dispositif"]


def test_real_dispositif_written() -> None:
    lines = codes(build(contrat=contract(dispositif="61")))  # contrat de professionnalisation
    assert lines["S21.G00.40.008"] == "61"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"etab": etab(sst="")}, "etablissement.sst"),
        ({"etab": etab(ape="")}, "etablissement.ape"),
        ({"etab": etab(contact_telephone="")}, "etablissement.contact_telephone"),
        ({"individu": person(naissance_lieu="")}, "individu.naissance_lieu"),
        ({"individu": person(nir="", ntt="")}, "individu.nir"),
        ({"contrat": contract(heure_embauche="")}, "contrat.heure_embauche"),
        ({"contrat": contract(fin_previsionnelle="")}, "contrat.fin_previsionnelle"),
        ({"numero_ordre": 0}, "numero_ordre"),
    ],
)
def test_missing_values_refused(changes: dict, field: str) -> None:
    with pytest.raises(Signal10Error) as info:
        build(**changes)
    assert field in {e.field for e in info.value.errors}


def test_writer_refusal_names_the_field() -> None:
    with pytest.raises(Signal10Error) as info:
        build(contrat=contract(numero="C1"))  # S21.G00.40.009 has at least 5 characters
    assert [e.field for e in info.value.errors] == ["contrat.numero"]


def test_opening_date_and_notice() -> None:
    assert SIGNAL10_OPENS == date(2027, 1, 1)
    assert not signal10_open(date(2026, 12, 31))
    assert signal10_open(date(2027, 1, 1))
    set_language("en")
    assert "January 2027" in signal10_notice() and "XML" in signal10_notice()
    set_language("fr")
    assert "janvier 2027" in signal10_notice() and "XML" in signal10_notice()
