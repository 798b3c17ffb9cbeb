"""forms/identifiers.py: passing and failing numbers for each identifier (keys computed, not
guessed), and the offline helpers of the CSL/CRE rules."""

from __future__ import annotations

import pytest

from forms.i18n import set_language
from forms.identifiers import InvalidIdentifier, bic, iban, nir_dsn, nir_keyed, rib_key, siren, siret


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def _reason(ident, number: str, **kw) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidIdentifier) as info:
        ident.validate(number, **kw)
    message = info.value.message
    assert message and "{" not in message, message
    assert str(info.value) == message
    assert ident.problem(number, **kw) == message
    assert not ident.is_valid(number, **kw)
    return message


# ----------------------------------------------------------------------------- SIREN
@pytest.mark.parametrize("number", ["732829320", "552081317", "356000000", "732 829 320"])
def test_siren_valid(number: str) -> None:
    assert siren.validate(number) == number.replace(" ", "")
    assert siren.is_valid(number)
    assert siren.problem(number) is None


def test_siren_invalid() -> None:
    assert "last digit of 0" in _reason(siren, "732829321")
    assert "9 digits" in _reason(siren, "73282932")
    assert "9 digits" in _reason(siren, "73282932A")
    assert siren.expected_last_digit("73282932X") == "0"


# ----------------------------------------------------------------------------- SIRET
@pytest.mark.parametrize(
    "number",
    [
        "73282932000074",
        "55208131766522",
        "35600000000048",  # La Poste's head office: a Luhn key
        "35600000012345",  # another La Poste SIRET: accepted whatever its NIC (policy)
    ],
)
def test_siret_valid(number: str) -> None:
    assert siret.validate(number) == number
    assert siret.key_is_valid(number)


def test_siret_invalid() -> None:
    assert "last digit of 4" in _reason(siret, "73282932000079")
    assert "SIREN" in _reason(siret, "73282932100074")  # the SIREN part fails first
    assert "14 digits" in _reason(siret, "7328293200007")
    assert not siret.key_is_valid("73282932000079")
    assert siret.expected_last_digit("73282932000079") == "4"


# ----------------------------------------------------------------------------- NIR (DSN)
@pytest.mark.parametrize(
    ("number", "kw"),
    [
        ("1850578006084", {}),
        ("1850578006084", {"sex": "01", "birth_date": "12051985"}),
        ("2850578006084", {"sex": "02", "birth_date": "00001985"}),  # day and month unknown
        ("1852099001001", {}),  # month 20
        ("1853599001001", {}),  # month 30-42
        ("1855099001001", {}),  # month 50-99
        ("180052A004123", {"birth_date": "01051980"}),  # Corse-du-Sud from 1976
        ("170052B004123", {}),  # no birth date: the department is not dated
        ("1700520004123", {"birth_date": "01051970"}),  # 20 before 1976
        ("1600596004123", {"birth_date": "01051960"}),  # 96 before 1968
        ("1850578006084", {"sex": "99"}),  # not a sex code: not compared
        ("1999999999999", {}),  # the placeholder passes the regex (CCH-13 forbids it)
    ],
)
def test_nir_dsn_valid(number: str, kw: dict) -> None:
    assert nir_dsn.validate(number, **kw) == number
    assert nir_dsn.problem(number, **kw) is None


@pytest.mark.parametrize(
    ("number", "kw", "words"),
    [
        ("185057800608", {}, "13 characters"),
        ("18505780060841", {}, "13 characters"),
        ("3850578006084", {}, "(sex) must be 1 or 2"),
        ("7850578006084", {}, "(sex) must be 1 or 2"),
        ("1A50578006084", {}, "year of birth"),
        ("1851378006084", {}, "month of birth"),
        ("1850078006084", {}, "month of birth"),
        ("1854378006084", {}, "month of birth"),
        ("1850500006084", {}, "department of birth"),
        ("185052C006084", {}, "department of birth"),
        ("1850578000084", {}, "commune of birth"),
        ("1850578006000", {}, "order number"),
        ("1850578006084", {"sex": "02"}, "does not match the sex"),
        ("1850578006084", {"birth_date": "12051986"}, "year of birth in the NIR"),
        ("170052A004123", {"birth_date": "01051970"}, "2A and 2B"),
        ("1800520004123", {"birth_date": "01051980"}, "Corsica"),
        ("1700596004123", {"birth_date": "01051970"}, "before 1968"),
    ],
)
def test_nir_dsn_invalid(number: str, kw: dict, words: str) -> None:
    assert words in _reason(nir_dsn, number, **kw)


def test_nir_dsn_placeholder() -> None:
    assert nir_dsn.is_placeholder("2999999999999")
    assert not nir_dsn.is_placeholder("1850578006084")


def test_nir_dsn_ignores_a_birth_date_without_a_year() -> None:
    assert nir_dsn.is_valid("1850578006084", birth_date="1205")


# ----------------------------------------------------------------------------- NIR with key
@pytest.mark.parametrize(
    "number", ["185057800608491", "1 85 05 78 006 084 91", "253072A07300443", "253072B07300470"]
)
def test_nir_keyed_valid(number: str) -> None:
    assert nir_keyed.is_valid(number)
    assert nir_keyed.to_dsn(number) == nir_keyed.compact(number)[:13]


def test_nir_keyed_invalid() -> None:
    assert "expected « 91 »" in _reason(nir_keyed, "185057800608492")
    assert "15 characters" in _reason(nir_keyed, "1850578006084")
    assert "digits" in _reason(nir_keyed, "253072C07300443")


# ----------------------------------------------------------------------------- IBAN
@pytest.mark.parametrize(
    "number",
    [
        "FR7630006000011234567890189",
        "FR1420041010050500013M02606",  # letters in the account (M stands for 4)
        "FR7030002005500000157845Z02",
        "FR76 3000 6000 0112 3456 7890 189",
        "DE89370400440532013000",
        "GB82WEST12345698765432",
    ],
)
def test_iban_valid(number: str) -> None:
    assert iban.validate(number) == number.replace(" ", "")
    assert iban.key_is_valid(number)


def test_iban_invalid() -> None:
    assert "expected « 76 »" in _reason(iban, "FR7730006000011234567890189")
    assert "clé RIB" in _reason(iban, "FR0630006000011234567890188")
    assert "not a country" in _reason(iban, "XX57123456789012345")
    assert "structure" in _reason(iban, "FR04300060000112345678901")
    assert "capital letters and digits" in _reason(iban, "FR76-")


def test_iban_key_helpers() -> None:
    assert iban.expected_key("FR0030006000011234567890189") == "76"
    assert iban.rib_key_is_valid("FR7630006000011234567890189") is True
    assert iban.rib_key_is_valid("FR0630006000011234567890188") is False
    assert iban.rib_key_is_valid("DE89370400440532013000") is None
    assert rib_key("30006", "00001", "12345678901") == "89"
    assert rib_key("20041", "01005", "0500013M026") == "06"


# ----------------------------------------------------------------------------- BIC
@pytest.mark.parametrize("number", ["AGRIFRPP882", "BNPAFRPP", "DEUTDEFF", "deut de ff 500"])
def test_bic_valid(number: str) -> None:
    assert bic.is_valid(number)


def test_bic_invalid() -> None:
    assert "8 or 11" in _reason(bic, "AGRIFRPP8")
    assert "4 letters" in _reason(bic, "AGRIF2PP")
    assert "not a country code" in _reason(bic, "AGRIQQPP")


# ----------------------------------------------------------------------------- CSL/CRE helpers
def test_offline_notes() -> None:
    from forms.controls.rules.csl import offline_notes

    assert (
        offline_notes("S21.G00.06.003")
        == "not verifiable offline: the INSEE NAF rev. 2 nomenclature of activities"
    )
    assert offline_notes("S21.G00.40.004", "01") is not None
    assert offline_notes("S10.G00.01.002", "01") is None  # the OES check is for nature 09 only
    assert offline_notes("S10.G00.01.002", "09") is not None
    assert offline_notes("S21.G00.30.015") is None  # country codes are checked offline
    assert offline_notes("S21.G00.30.001") is None


def test_iso_country_codes() -> None:
    from forms.controls.rules.csl import iso_country_codes

    codes = iso_country_codes()
    assert {"FR", "DE", "BE", "MC", "NC", "XK"} <= codes
    assert not {"EU", "UN", "ZZ", "XA", "QO"} & codes
    assert all(len(c) == 2 and c.isupper() for c in codes)
