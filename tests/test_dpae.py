"""The DPAE XML message (forms.dpae): shape, values, encoding, and every rule's failing case."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from stdnum.fr import nir as stdnum_nir

from forms.dpae import MAX_HIRES, DpaeError, build_dpae, check_dpae, nir_key, transliterate, write_dpae
from forms.dpae.checks import check_contrat, check_etablissement, check_individu
from forms.i18n import set_language
from forms.model import Contrat, Etablissement, Individu

NS = {
    "rxorg": "http://www.repxml.org/Organization",
    "rxpadr": "http://www.repxml.org/PostalAddress",
    "rxpers": "http://www.repxml.org/Person_Identity",
    "rxphadr": "http://www.repxml.org/PhoneAddress",
}


def etab(**changes: str) -> Etablissement:
    base = Etablissement(
        siret="83214562700010",
        raison_sociale="ATELIER NUMERIQUE DU MARAIS",
        ape="6201Z",
        voie="48 RUE DE TURBIGO",
        code_postal="75003",
        localite="PARIS",
        contact_telephone="01 42 72 00 00",
        urssaf_code="117",
        sst="01",
    )
    return dataclasses.replace(base, **changes)


def person(**changes: str) -> Individu:
    base = Individu(
        nir="2980744109012",
        nom="MOREAU",
        prenoms="CAMILLE",
        sexe="02",
        naissance_date="1998-07-22",
        naissance_lieu="NANTES",
        naissance_departement="44",
    )
    return dataclasses.replace(base, **changes)


def contract(**changes: str) -> Contrat:
    base = Contrat(debut="2026-05-04", heure_embauche="09:00", nature="02", fin_previsionnelle="2026-10-31")
    return dataclasses.replace(base, **changes)


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def text(root: ET.Element, path: str) -> str | None:
    found = root.find(path, NS)
    assert found is not None, path
    return found.text


# ----------------------------------------------------------------------------- the message
def test_valid_message_values_and_encoding() -> None:
    data = build_dpae(etab(), [(person(), contract())], test=True)
    assert data.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>')
    root = parse(data)
    assert root.tag == "FR_DUE_Upload"
    assert text(root, "FR_DUE_Upload.Test.Indicator") == "1"
    employer = "FR_DuesGroup/FR_Employer"
    assert text(root, f"{employer}/FR_EmployerIdentity/rxorg:FR_Organization.SIRET.Identifier") == "83214562700010"
    assert text(root, f"{employer}/FR_EmployerIdentity/rxorg:FR_Organization.Designation.Text") == (
        "ATELIER NUMERIQUE DU MARAIS"
    )
    assert text(root, f"{employer}/FR_EmployerIdentity/rxorg:FR_Organization.APE.Code") == "6201Z"
    assert text(root, f"{employer}/FR_Employer.URSSAF.Code") == "117"
    address = f"{employer}/FR_EmployerAddress"
    assert text(root, f"{address}/rxpadr:FR_PostalAddress.StreetDesignation.Text") == "48 RUE DE TURBIGO"
    assert text(root, f"{address}/rxpadr:FR_PostalAddress.Town.Text") == "PARIS"
    assert text(root, f"{address}/rxpadr:FR_PostalAddress.Postal.Code") == "75003"
    phone = f"{employer}/FR_EmployerContact/FR_PhoneNumber/rxphadr:FR_PhoneAddress.PhoneNumber.Text"
    assert text(root, phone) == "0142720000"

    groups = root.findall("FR_DuesGroup/FR_EmployeeGroup")
    assert len(groups) == 1
    g = groups[0]
    ident = "FR_Employee/FR_EmployeeIdentity"
    assert text(g, f"{ident}/rxpers:FR_PersonIdentity.Surname.Text") == "MOREAU"
    assert text(g, f"{ident}/rxpers:FR_PersonIdentity.ChristianName.Text") == "CAMILLE"
    assert text(g, f"{ident}/rxpers:FR_PersonIdentity.Sex.Code") == "2"
    assert text(g, f"{ident}/rxpers:FR_NNI/rxpers:FR_NNI.NIR.Identifier") == "2980744109012"
    assert text(g, f"{ident}/rxpers:FR_NNI/rxpers:FR_NNI.NIRKey.Text") == "52"
    assert text(g, f"{ident}/rxpers:FR_Birth/rxpers:FR_Birth.Date") == "1998-07-22"
    assert text(g, f"{ident}/rxpers:FR_Birth/rxpers:FR_Birth.Town.Text") == "NANTES"
    assert text(g, "FR_Employee/FR_EmployeeComplement/FR_EmployeeComplement.Birth_Department.Code") == "44"
    assert text(g, "FR_Contract/FR_Contract.StartContract.Date") == "2026-05-04"
    assert text(g, "FR_Contract/FR_Contract.StartContract.Time") == "09:00:00"
    assert text(g, "FR_Contract/FR_Contract.EndContract.Date") == "2026-10-31"
    assert text(g, "FR_Contract/FR_Contract.Nature.Code") == "CDD"
    assert text(g, "FR_Contract/FR_Contract.HealthService.Text") == "01"


def test_namespaces_declared_as_the_template() -> None:
    data = build_dpae(etab(), [(person(), contract())], test=True)
    head = data.split(b">", 2)[1]
    for prefix in (b"cct", b"rxdt", b"rxorg", b"rxpadr", b"rxpers", b"rxphadr", b"xsi"):
        assert b"xmlns:" + prefix + b"=" in head


def test_real_indicator_is_120() -> None:
    root = parse(build_dpae(etab(), [(person(), contract())], test=False))
    assert text(root, "FR_DUE_Upload.Test.Indicator") == "120"


def test_f_only_elements_are_not_written() -> None:
    data = build_dpae(etab(), [(person(), contract(periode_essai_jours="30"))], test=True)
    for name in (b"TrialTime", b"UsualName", b"SupplementaryDesignation", b"Additional", b"Comment"):
        assert name not in data


def test_cdi_nature_and_empty_end_date() -> None:
    root = parse(build_dpae(etab(), [(person(), contract(nature="01", fin_previsionnelle=""))], test=True))
    g = root.find("FR_DuesGroup/FR_EmployeeGroup")
    assert g is not None
    assert text(g, "FR_Contract/FR_Contract.Nature.Code") == "CDI"
    assert not text(g, "FR_Contract/FR_Contract.EndContract.Date")


def test_ctt_nature() -> None:
    root = parse(build_dpae(etab(), [(person(), contract(nature="03"))], test=True))
    assert text(root, "FR_DuesGroup/FR_EmployeeGroup/FR_Contract/FR_Contract.Nature.Code") == "CTT"


def test_sex_from_the_nir_when_not_entered() -> None:
    root = parse(build_dpae(etab(), [(person(sexe=""), contract())], test=True))
    path = "FR_DuesGroup/FR_EmployeeGroup/FR_Employee/FR_EmployeeIdentity/rxpers:FR_PersonIdentity.Sex.Code"
    assert text(root, path) == "2"


def test_male_sex_code_is_1() -> None:
    man = person(nir="1850369383045", sexe="01", nom="BERNARD", prenoms="JULIEN", naissance_date="1985-03-14",
                 naissance_lieu="LYON", naissance_departement="69")
    root = parse(build_dpae(etab(), [(man, contract())], test=True))
    path = "FR_DuesGroup/FR_EmployeeGroup/FR_Employee/FR_EmployeeIdentity/rxpers:FR_PersonIdentity.Sex.Code"
    assert text(root, path) == "1"


def test_without_nir_the_nni_group_is_left_out() -> None:
    data = build_dpae(etab(), [(person(nir=""), contract())], test=True)
    assert b"FR_NNI" not in data


def _hires(n: int) -> list[tuple[Individu, Contrat]]:
    return [(person(nir=f"2980744109{i + 1:03d}"), contract()) for i in range(n)]


def test_one_hundred_hires_in_one_file() -> None:
    root = parse(build_dpae(etab(), _hires(MAX_HIRES), test=True))
    assert len(root.findall("FR_DuesGroup")) == 1
    assert len(root.findall("FR_DuesGroup/FR_EmployeeGroup")) == 100


def test_hundred_and_one_hires_refused() -> None:
    with pytest.raises(DpaeError) as info:
        build_dpae(etab(), _hires(MAX_HIRES + 1), test=True)
    assert [e.field for e in info.value.errors] == ["hires"]
    set_language("en")
    assert "at most 100" in info.value.errors[0].message or "100" in str(info.value)


def test_no_hire_refused() -> None:
    with pytest.raises(DpaeError) as info:
        build_dpae(etab(), [], test=True)
    assert [e.field for e in info.value.errors] == ["hires"]


def test_the_same_hire_twice_refused() -> None:
    errors = check_dpae(etab(), [(person(), contract()), (person(), contract())])
    assert [(e.field, e.hire) for e in errors] == [("individu.nir", 1)]


def test_errors_name_the_hire() -> None:
    errors = check_dpae(etab(), [(person(), contract()), (person(nir="2980744109013", nom="moreau"), contract())])
    assert [(e.field, e.hire, e.proposal) for e in errors] == [("individu.nom", 1, "MOREAU")]


# ----------------------------------------------------------------------------- escaping
def test_apostrophes_accents_and_ampersand_escaped() -> None:
    employer = etab(raison_sociale="L'ATELIER & FILS", voie="12 rue de l'église", localite="Sèvres")
    hire = person(nom="D'ARC & LEFEVRE", naissance_lieu="L'HAY-LES-ROSES", naissance_departement="94")
    data = build_dpae(employer, [(hire, contract())], test=True)
    assert b"L'ATELIER &amp; FILS" in data
    assert b"D'ARC &amp; LEFEVRE" in data
    assert "église".encode("iso-8859-1") in data  # one byte per accented letter
    assert "église".encode() not in data
    root = parse(data)
    ident = "FR_DuesGroup/FR_Employer/FR_EmployerIdentity/rxorg:FR_Organization.Designation.Text"
    assert text(root, ident) == "L'ATELIER & FILS"
    street = "FR_DuesGroup/FR_Employer/FR_EmployerAddress/rxpadr:FR_PostalAddress.StreetDesignation.Text"
    assert text(root, street) == "12 rue de l'église"
    surname = "FR_DuesGroup/FR_EmployeeGroup/FR_Employee/FR_EmployeeIdentity/rxpers:FR_PersonIdentity.Surname.Text"
    assert text(root, surname) == "D'ARC & LEFEVRE"


def test_markup_characters_escaped() -> None:
    data = build_dpae(etab(raison_sociale="A <B> C"), [(person(), contract())], test=True)
    assert b"A &lt;B&gt; C" in data
    ident = "FR_DuesGroup/FR_Employer/FR_EmployerIdentity/rxorg:FR_Organization.Designation.Text"
    assert text(parse(data), ident) == "A <B> C"


# ----------------------------------------------------------------------------- NIR key
@pytest.mark.parametrize(
    "nir13",
    ["2980744109012", "1850369383045", "185052A004012", "185052B004012", "1990199001001"],
)
def test_nir_key_as_stdnum(nir13: str) -> None:
    key = nir_key(nir13)
    assert len(key) == 2 and key.isdigit()
    assert stdnum_nir.is_valid(nir13 + key)
    assert key == stdnum_nir.calc_check_digits(nir13)
    number = int(nir13.replace("2A", "19").replace("2B", "18"))
    assert int(key) == 97 - number % 97


def test_known_nir_keys() -> None:
    # tests/samples/README.md: the keys of the two sample NIRs are 52 and 89.
    assert nir_key("2980744109012") == "52"
    assert nir_key("1850369383045") == "89"


def test_corsica_nir_in_the_message() -> None:
    corsican = person(nir="2850520004012", naissance_date="1985-05-01", naissance_lieu="AJACCIO",
                      naissance_departement="2A")
    errors = check_individu(corsican)
    assert [e.field for e in errors] == ["individu.nir"]  # department 20 in a NIR of 1985
    corsican = dataclasses.replace(corsican, nir="285052A004012")
    data = build_dpae(etab(), [(corsican, contract())], test=True)
    root = parse(data)
    path = "FR_DuesGroup/FR_EmployeeGroup/FR_Employee/FR_EmployeeIdentity/rxpers:FR_NNI/rxpers:FR_NNI.NIRKey.Text"
    key = text(root, path)
    assert key == stdnum_nir.calc_check_digits("285052A004012")
    assert stdnum_nir.is_valid("285052A004012" + (key or ""))


# ----------------------------------------------------------------------------- transliteration
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Müller-Lefèvre d’Arc", "MULLER-LEFEVRE D'ARC"),
        ("  Œdipe   Ærø ", "OEDIPE AERO"),
        ("José María", "JOSE MARIA"),
        ("O'Brien & Co.", "O'BRIEN & CO."),
        ("Ngô_Đình", "NGO DINH"),
    ],
)
def test_transliterate(raw: str, expected: str) -> None:
    assert transliterate(raw) == expected


# ----------------------------------------------------------------------------- every rule
LONG = "A" * 33

ETAB_CASES = [
    ("siret", "", "etablissement.siret"),
    ("siret", "83214562700011", "etablissement.siret"),  # SIRET key
    ("siret", "8321456270001", "etablissement.siret"),  # length
    ("raison_sociale", "", "etablissement.raison_sociale"),
    ("raison_sociale", LONG, "etablissement.raison_sociale"),
    ("raison_sociale", "ATELIER €", "etablissement.raison_sociale"),
    ("ape", "6201", "etablissement.ape"),
    ("ape", "62.01Z", "etablissement.ape"),
    ("urssaf_code", "11", "etablissement.urssaf_code"),
    ("urssaf_code", "1170", "etablissement.urssaf_code"),
    ("voie", "", "etablissement.voie"),
    ("voie", "48 RUE DE TURBIGO ESCALIER B 3E ETAGE", "etablissement.voie"),
    ("localite", "", "etablissement.localite"),
    ("code_postal", "7503", "etablissement.code_postal"),
    ("code_postal", "75O03", "etablissement.code_postal"),
    ("contact_telephone", "", "etablissement.contact_telephone"),
    ("contact_telephone", "12", "etablissement.contact_telephone"),
    ("sst", "", "etablissement.sst"),
    ("sst", "service 01", "etablissement.sst"),
]


@pytest.mark.parametrize(("name", "value", "field"), ETAB_CASES)
def test_employer_rule(name: str, value: str, field: str) -> None:
    errors = check_etablissement(etab(**{name: value}))
    assert errors and {e.field for e in errors} == {field}
    with pytest.raises(DpaeError):
        build_dpae(etab(**{name: value}), [(person(), contract())], test=True)


PERSON_CASES = [
    ({"nom": ""}, "individu.nom"),
    ({"nom": "Moreau"}, "individu.nom"),
    ({"nom": "MOREAU-" + LONG}, "individu.nom"),
    ({"nom": "MOREAU1"}, "individu.nom"),
    ({"prenoms": ""}, "individu.prenoms"),
    ({"prenoms": "Camille Zoé"}, "individu.prenoms"),
    ({"sexe": "03"}, "individu.sexe"),
    ({"nir": "", "sexe": ""}, "individu.sexe"),
    ({"nir": "298074410901"}, "individu.nir"),  # 12 characters
    ({"nir": "2980744109012 "}, "individu.nir"),
    ({"nir": "2999999999999"}, "individu.nir"),  # placeholder
    ({"sexe": "01"}, "individu.nir"),  # NIR of a woman
    ({"naissance_date": "1997-07-22"}, "individu.nir"),  # year differs from the NIR's
    ({"naissance_date": ""}, "individu.naissance_date"),
    ({"naissance_date": "22/07/1998", "nir": ""}, "individu.naissance_date"),
    ({"naissance_date": "1998-02-30", "nir": ""}, "individu.naissance_date"),
    ({"naissance_lieu": ""}, "individu.naissance_lieu"),
    ({"naissance_lieu": "Nantes"}, "individu.naissance_lieu"),
    ({"naissance_lieu": "SAINT-" + LONG}, "individu.naissance_lieu"),
    ({"naissance_departement": ""}, "individu.naissance_departement"),
    ({"naissance_departement": "00"}, "individu.naissance_departement"),
    ({"naissance_departement": "975"}, "individu.naissance_departement"),
]


@pytest.mark.parametrize(("changes", "field"), PERSON_CASES)
def test_employee_rule(changes: dict[str, str], field: str) -> None:
    errors = check_individu(person(**changes))
    assert errors and {e.field for e in errors} == {field}, errors
    with pytest.raises(DpaeError):
        build_dpae(etab(), [(person(**changes), contract())], test=True)


def test_department_must_have_existed() -> None:
    old = person(nir="", naissance_date="1970-01-01", naissance_departement="2A")
    assert [e.field for e in check_individu(old)] == ["individu.naissance_departement"]
    young = person(nir="", naissance_date="1990-01-01", naissance_departement="20")
    assert [e.field for e in check_individu(young)] == ["individu.naissance_departement"]
    assert check_individu(person(nir="", naissance_date="1990-01-01", naissance_departement="2B")) == []


def test_name_proposals() -> None:
    (error,) = check_individu(person(nom="Lefèvre"))
    assert error.proposal == "LEFEVRE"
    (error,) = check_individu(person(nom="MOREAU-" + LONG))
    assert error.proposal == ("MOREAU-" + LONG)[:32]
    assert len(error.proposal) == 32
    (error,) = check_individu(person(naissance_lieu="Saint-Étienne"))
    assert error.proposal == "SAINT-ETIENNE"
    (error,) = check_etablissement(etab(raison_sociale="ÉCOLE DES ARTS"))
    assert error.proposal == "ECOLE DES ARTS"


CONTRACT_CASES = [
    ({"debut": ""}, "contrat.debut"),
    ({"debut": "04/05/2026"}, "contrat.debut"),
    ({"heure_embauche": ""}, "contrat.heure_embauche"),
    ({"heure_embauche": "9h"}, "contrat.heure_embauche"),
    ({"heure_embauche": "24:00"}, "contrat.heure_embauche"),
    ({"nature": ""}, "contrat.nature"),
    ({"nature": "07"}, "contrat.nature"),
    ({"nature": "29"}, "contrat.nature"),
    ({"nature": "02", "fin_previsionnelle": ""}, "contrat.fin_previsionnelle"),
    ({"nature": "03", "fin_previsionnelle": ""}, "contrat.fin_previsionnelle"),
    ({"fin_previsionnelle": "2026-05-03"}, "contrat.fin_previsionnelle"),  # before the start
    ({"fin_previsionnelle": "31/10/2026"}, "contrat.fin_previsionnelle"),
    ({"nature": "01"}, "contrat.fin_previsionnelle"),  # a CDI with an end date
    ({"periode_essai_jours": "0"}, "contrat.periode_essai_jours"),
    ({"periode_essai_jours": "366"}, "contrat.periode_essai_jours"),
    ({"periode_essai_jours": "1 mois"}, "contrat.periode_essai_jours"),
    ({"periode_essai_jours": "-5"}, "contrat.periode_essai_jours"),
]


@pytest.mark.parametrize(("changes", "field"), CONTRACT_CASES)
def test_contract_rule(changes: dict[str, str], field: str) -> None:
    errors = check_contrat(contract(**changes))
    assert errors and {e.field for e in errors} == {field}, errors
    with pytest.raises(DpaeError) as info:
        build_dpae(etab(), [(person(), contract(**changes))], test=True)
    assert field in {e.field for e in info.value.errors}


@pytest.mark.parametrize("days", ["", "1", "30", "365"])
def test_trial_period_accepted(days: str) -> None:
    assert check_contrat(contract(periode_essai_jours=days)) == []


def test_one_day_contract_accepted() -> None:
    assert check_contrat(contract(fin_previsionnelle="2026-05-04")) == []


def test_born_before_hired() -> None:
    errors = check_dpae(etab(), [(person(nir="", naissance_date="2026-05-05"), contract())])
    assert [e.field for e in errors] == ["individu.naissance_date"]


def test_messages_are_translated() -> None:
    set_language("fr")
    (error,) = check_contrat(contract(nature="07"))
    assert "DPAE" in error.message and "trouvé" in error.message
    set_language("en")
    (error,) = check_contrat(contract(nature="07"))
    assert "found" in error.message


# ----------------------------------------------------------------------------- writing
def test_write_dpae_writes_the_built_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "dpae.xml"
    write_dpae(target, etab(), [(person(), contract())], test=True)
    assert target.read_bytes() == build_dpae(etab(), [(person(), contract())], test=True)


def test_write_dpae_writes_nothing_when_a_rule_fails(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "dpae.xml"
    with pytest.raises(DpaeError):
        write_dpae(target, etab(ape=""), [(person(), contract())], test=True)
    assert list(tmp_path.iterdir()) == []
