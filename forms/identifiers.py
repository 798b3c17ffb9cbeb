"""French identifiers of the declarations, in the style of python-stdnum.

Each identifier is an object with the same small API:

    siren.compact(number) -> str          strip spaces and dots (IBAN/BIC: upper-case too)
    siren.validate(number, ...) -> str    the compact number, or raises InvalidIdentifier
    siren.is_valid(number, ...) -> bool
    siren.problem(number, ...) -> str | None   why it is invalid, in the user's language

`InvalidIdentifier.message` (also `str(exc)`) is the reason, translated when read (English
msgids through `forms.i18n._`): call it where the text is shown.

Identifiers:

    siren      9 digits, Luhn key (stdnum.fr.siren).
               Also `siren.expected_last_digit(number)` (and the same on `siret`).
    siret      14 digits: SIREN key and SIRET key (stdnum.fr.siret), with La Poste's
               exception as the project's policy reads it (see `siret` below).
               Also `siret.key_is_valid(number)`: the 14-digit key alone.
    nir_dsn    the 13-character NIR of a DSN (S21.G00.30.001 and the like): no key, the
               structure of the CT2026 regex; `validate(number, sex=None, birth_date=None)`
               also checks the agreement with a sex code '01'/'02' and a JJMMAAAA birth date.
               Also `nir_dsn.is_placeholder(number)` for '1999999999999'/'2999999999999'.
    nir_keyed  the 15-character NIR with its key, for the DPAE (stdnum.fr.nir).
               Also `nir_keyed.to_dsn(number)`: the 13 characters a DSN carries.
    iban       stdnum.iban (key, country, structure) plus the French RIB key of FR IBANs.
               Also `iban.key_is_valid`, `iban.expected_key`, `iban.rib_key_is_valid`, and
               `rib_key(bank, branch, account)` for the French RIB key.
    bic        stdnum.bic (8 or 11 characters, country code).

Example::

    from forms.identifiers import nir_dsn, InvalidIdentifier
    try:
        nir_dsn.validate("1850578006084", sex="01", birth_date="12051985")
    except InvalidIdentifier as exc:
        print(exc.message)
"""

from __future__ import annotations

import re
from typing import Any

from stdnum import bic as _std_bic
from stdnum import iban as _std_iban
from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from stdnum.fr import nir as _std_nir
from stdnum.fr import siren as _std_siren
from stdnum.fr import siret as _std_siret
from stdnum.iso7064 import mod_97_10

from forms.i18n import N_, _

__all__ = [
    "InvalidIdentifier",
    "LA_POSTE_SIREN",
    "bic",
    "iban",
    "nir_dsn",
    "nir_keyed",
    "rib_key",
    "siren",
    "siret",
]


class InvalidIdentifier(ValueError):
    """An identifier that fails a check. `msgid` and `params` make the message."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params

    @property
    def message(self) -> str:
        return _(self.msgid).format(**self.params)

    def __str__(self) -> str:
        return self.message


def _clean(number: str, drop: str = " .") -> str:
    for ch in drop:
        number = number.replace(ch, "")
    return number.strip()


def _show(value: str) -> str:
    return f"« {value} »"


class Identifier:
    """Base: subclasses implement `validate`."""

    name = ""

    def compact(self, number: str) -> str:
        return _clean(number)

    def validate(self, number: str, **kwargs: Any) -> str:
        raise NotImplementedError

    def is_valid(self, number: str, **kwargs: Any) -> bool:
        try:
            self.validate(number, **kwargs)
        except InvalidIdentifier:
            return False
        return True

    def problem(self, number: str, **kwargs: Any) -> str | None:
        try:
            self.validate(number, **kwargs)
        except InvalidIdentifier as exc:
            return exc.message
        return None


# ----------------------------------------------------------------------------- SIREN / SIRET
# La Poste's establishments all share the SIREN 356000000; their SIRETs do not follow the
# Luhn key. python-stdnum (stdnum.fr.siret.validate, since 1.18: python-stdnum issue #291)
# accepts them when the sum of the 14 digits is a multiple of 5, the head office
# 35600000000048 keeping a Luhn key. The project's policy (docs/adding-a-control.md) is the
# narrower reading for the CT's "vérification de la clé": a SIRET whose SIREN is 356000000
# is accepted whatever its NIC, so no La Poste SIRET is ever refused on its key.
LA_POSTE_SIREN = "356000000"


def _luhn_ok(digits: str) -> bool:
    return luhn.is_valid(digits)


class _Siren(Identifier):
    name = "SIREN"

    def expected_last_digit(self, number: str) -> str:
        """The last digit that would make the Luhn key of these 9 digits match."""
        return luhn.calc_check_digit(self.compact(number)[:8])

    def validate(self, number: str, **kwargs: Any) -> str:
        number = self.compact(number)
        if len(number) != 9 or not number.isascii() or not number.isdigit():
            raise InvalidIdentifier(N_("expected a SIREN of 9 digits; found {value}"), value=_show(number))
        try:
            _std_siren.validate(number)
        except ValidationError:
            raise InvalidIdentifier(
                N_(
                    "the SIREN key (Luhn) does not match: {value} is not a valid SIREN; a last digit of {expected} would be"
                ),
                value=_show(number),
                expected=self.expected_last_digit(number),
            ) from None
        return number


class _Siret(Identifier):
    name = "SIRET"

    def key_is_valid(self, number: str) -> bool:
        """The 14-digit key alone (Luhn), La Poste's SIRETs accepted. Expects 14 digits."""
        number = self.compact(number)
        if number.startswith(LA_POSTE_SIREN):
            return True
        return _luhn_ok(number)

    def expected_last_digit(self, number: str) -> str:
        """The last digit that would make the 14-digit Luhn key match."""
        return luhn.calc_check_digit(self.compact(number)[:13])

    def validate(self, number: str, **kwargs: Any) -> str:
        number = self.compact(number)
        if len(number) != 14 or not number.isascii() or not number.isdigit():
            raise InvalidIdentifier(N_("expected a SIRET of 14 digits; found {value}"), value=_show(number))
        siren.validate(number[:9])
        if number.startswith(LA_POSTE_SIREN):
            return number  # policy: see LA_POSTE_SIREN
        try:
            _std_siret.validate(number)
        except ValidationError:
            raise InvalidIdentifier(
                N_(
                    "the SIRET key (Luhn) does not match: {value} is not a valid SIRET; a last digit of {expected} would be"
                ),
                value=_show(number),
                expected=self.expected_last_digit(number),
            ) from None
        return number


siren = _Siren()
siret = _Siret()


# ----------------------------------------------------------------------------- NIR of a DSN
# The CT2026 regex of S21.G00.30.001 (and of the other NIR rubriques of 13 characters):
#   [1-2][0-9]{2}(0[1-9]|1[0-2]|20|3[0-9]|4[0-2]|[5-9][0-9])(0[1-9]|[1-9][0-9]|2A|2B)
#   ([0]{2}[1-9]|0[1-9][0-9]|[1-9][0-9]{2})([0]{2}[1-9]|0[1-9][0-9]|[1-9][0-9]{2})
#   | ([1-2][9]{12})
# and its description: S sex 1 or 2 (no provisional 3/4/7/8); AA year 00-99; MM month 01-12,
# 20, 30-42 or 50-99; DD department 01-99, 2A or 2B; CCC commune 001-999; NNN order number
# (001-999 in the regex). The key is not declared.
_MONTH = re.compile(r"0[1-9]|1[0-2]|20|3[0-9]|4[0-2]|[5-9][0-9]")
_DEPARTMENT = re.compile(r"0[1-9]|[1-9][0-9]|2A|2B")
_THREE = re.compile(r"00[1-9]|0[1-9][0-9]|[1-9][0-9]{2}")
_PLACEHOLDERS = ("1999999999999", "2999999999999")
_SEX_DIGIT = {"01": "1", "02": "2"}
_BIRTH_YEAR = re.compile(r"[0-9]{4}$")


class _NirDsn(Identifier):
    """The NIR of a DSN: 13 characters, no key.

    `validate(number, sex=None, birth_date=None)`:
    - structure as the CT2026 regex of S21.G00.30.001 says (see above); '1999999999999' and
      '2999999999999' pass (the regex allows them; CCH-13 forbids them: `is_placeholder`);
    - `birth_date` (JJMMAAAA, day and month may be 00/99): the NIR's year must be the last two
      digits of its year (CCH-11 of S21.G00.30.006), and the department must have existed
      that year (CCH-11 of S21.G00.30.001: 2A/2B not before 1976, 20 not from 1976 on, 96
      not from 1968 on). A birth date whose year is not 4 digits is ignored. The month is not
      compared: the CT states no such rule, and NIRs carry special months (20, 30-42, 50-99).
    - `sex` ('01' masculin, '02' féminin): the first digit must be 1 or 2 accordingly.
      Do NOT pass S21.G00.30.005 of a DSN here: the CT says that rubrique is given precisely
      when the sex differs from the one the NIR carries (or when there is no NIR).
    """

    name = "NIR"

    def is_placeholder(self, number: str) -> bool:
        return self.compact(number).upper() in _PLACEHOLDERS

    def compact(self, number: str) -> str:
        return _clean(number).upper()

    def validate(
        self, number: str, sex: str | None = None, birth_date: str | None = None, **kwargs: Any
    ) -> str:
        number = self.compact(number)
        if len(number) != 13:
            raise InvalidIdentifier(
                N_("expected a NIR of 13 characters (without its key); found {n} ({value})"),
                n=len(number),
                value=_show(number),
            )
        s, year, month, dept, commune, order = (
            number[0],
            number[1:3],
            number[3:5],
            number[5:7],
            number[7:10],
            number[10:13],
        )
        if s not in "12":
            raise InvalidIdentifier(
                N_("the first character of the NIR (sex) must be 1 or 2; found {found}"), found=_show(s)
            )
        if not (year.isascii() and year.isdigit()):
            raise InvalidIdentifier(
                N_("characters 2-3 of the NIR (year of birth) must be two digits; found {found}"),
                found=_show(year),
            )
        if number[1:] != "9" * 12:  # the placeholder passes the regex as a whole
            if not _MONTH.fullmatch(month):
                raise InvalidIdentifier(
                    N_(
                        "characters 4-5 of the NIR (month of birth) must be 01 to 12, 20, 30 to 42 or 50 to 99; found {found}"
                    ),
                    found=_show(month),
                )
            if not _DEPARTMENT.fullmatch(dept):
                raise InvalidIdentifier(
                    N_(
                        "characters 6-7 of the NIR (department of birth) must be 01 to 99, 2A or 2B; found {found}"
                    ),
                    found=_show(dept),
                )
            if not _THREE.fullmatch(commune):
                raise InvalidIdentifier(
                    N_("characters 8-10 of the NIR (commune of birth) must be 001 to 999; found {found}"),
                    found=_show(commune),
                )
            if not _THREE.fullmatch(order):
                raise InvalidIdentifier(
                    N_("characters 11-13 of the NIR (order number) must be 001 to 999; found {found}"),
                    found=_show(order),
                )
        if sex is not None and sex in _SEX_DIGIT and _SEX_DIGIT[sex] != s:
            raise InvalidIdentifier(
                N_("the NIR starts with {digit}, which does not match the sex {sex}"),
                digit=_show(s),
                sex=_show(sex),
            )
        if birth_date is not None and len(birth_date) == 8 and _BIRTH_YEAR.fullmatch(birth_date[4:]):
            full_year = int(birth_date[4:])
            if int(year) != full_year % 100:
                raise InvalidIdentifier(
                    N_(
                        "the year of birth in the NIR ({nir_year}) differs from the year of the birth date ({year})"
                    ),
                    nir_year=_show(year),
                    year=_show(birth_date[4:]),
                )
            if dept in ("2A", "2B") and full_year < 1976:
                raise InvalidIdentifier(
                    N_(
                        "the department of birth {dept} in the NIR did not exist in {year}: 2A and 2B are used for births from 1976 on"
                    ),
                    dept=_show(dept),
                    year=full_year,
                )
            if dept == "20" and full_year >= 1976:
                raise InvalidIdentifier(
                    N_(
                        "the department of birth {dept} in the NIR did not exist in {year}: Corsica is 2A or 2B for births from 1976 on"
                    ),
                    dept=_show(dept),
                    year=full_year,
                )
            if dept == "96" and full_year >= 1968:
                raise InvalidIdentifier(
                    N_(
                        "the department of birth {dept} in the NIR did not exist in {year}: 96 is used only for births before 1968"
                    ),
                    dept=_show(dept),
                    year=full_year,
                )
        return number


nir_dsn = _NirDsn()


# ----------------------------------------------------------------------------- NIR with key
class _NirKeyed(Identifier):
    """The NIR with its 2-digit key (15 characters), as the DPAE carries it: stdnum.fr.nir
    (digits, 2A/2B as the department, key = 97 - number mod 97 with 2A→19, 2B→18)."""

    name = "NIR"

    def compact(self, number: str) -> str:
        return _std_nir.compact(number)

    def to_dsn(self, number: str) -> str:
        """The 13 characters a DSN declares (the key dropped)."""
        return self.compact(number)[:13]

    def validate(self, number: str, **kwargs: Any) -> str:
        number = self.compact(number)
        if len(number) != 15:
            raise InvalidIdentifier(
                N_("expected a NIR of 15 characters (13 and a 2-digit key); found {n} ({value})"),
                n=len(number),
                value=_show(number),
            )
        try:
            return _std_nir.validate(number)
        except InvalidChecksum:
            raise InvalidIdentifier(
                N_("the key of the NIR does not match: found {found}, expected {expected}"),
                found=_show(number[13:]),
                expected=_show(_std_nir.calc_check_digits(number)),
            ) from None
        except ValidationError:
            raise InvalidIdentifier(
                N_("expected a NIR of digits (2A or 2B allowed as the department); found {value}"),
                value=_show(number),
            ) from None


nir_keyed = _NirKeyed()


# ----------------------------------------------------------------------------- IBAN / BIC
# The French RIB key (clé RIB) of a BBAN bank(5) branch(5) account(11) key(2): the letters of
# the account stand for digits (A,J→1; B,K,S→2; … I,R,Z→9) and
# (89 × bank + 15 × branch + 3 × account + key) mod 97 = 0.
_RIB_LETTERS = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")
_FR_BBAN = re.compile(r"[0-9]{5}[0-9]{5}[0-9A-Z]{11}[0-9]{2}")


def rib_key(bank: str, branch: str, account: str) -> str:
    """The 2-digit RIB key of a French bank account (digits and letters in `account`)."""
    value = 89 * int(bank) + 15 * int(branch) + 3 * int(account.upper().translate(_RIB_LETTERS))
    return f"{97 - value % 97:02d}"


class _Iban(Identifier):
    name = "IBAN"

    def compact(self, number: str) -> str:
        return _std_iban.compact(number)

    def key_is_valid(self, number: str) -> bool:
        """The IBAN key alone (ISO 7064 mod 97-10 over the rearranged IBAN)."""
        number = self.compact(number)
        return len(number) > 4 and mod_97_10.is_valid(number[4:] + number[:4])

    def expected_key(self, number: str) -> str:
        """The two check digits (characters 3-4) the IBAN should carry."""
        return _std_iban.calc_check_digits(self.compact(number))

    def rib_key_is_valid(self, number: str) -> bool | None:
        """The French BBAN key (clé RIB) of an FR IBAN; None when the IBAN is not an FR IBAN
        of 27 characters with the French BBAN structure (nothing to say then)."""
        number = self.compact(number)
        if not number.startswith("FR") or len(number) != 27 or not _FR_BBAN.fullmatch(number[4:]):
            return None
        bban = number[4:]
        return rib_key(bban[:5], bban[5:10], bban[10:21]) == bban[21:]

    def validate(self, number: str, **kwargs: Any) -> str:
        number = self.compact(number)
        if len(number) < 5 or not re.fullmatch(r"[A-Z0-9]+", number):
            raise InvalidIdentifier(
                N_(
                    "expected an IBAN: a country code, 2 check digits and the account number, in capital letters and digits; found {value}"
                ),
                value=_show(number),
            )
        if not self.key_is_valid(number):
            raise InvalidIdentifier(
                N_("the IBAN key does not match: found {found}, expected {expected}"),
                found=_show(number[2:4]),
                expected=_show(self.expected_key(number)),
            )
        try:
            _std_iban.validate(number)
        except InvalidComponent:
            raise InvalidIdentifier(
                N_("the IBAN starts with {country}, which is not a country that issues IBANs"),
                country=_show(number[:2]),
            ) from None
        except (InvalidFormat, InvalidLength, ValidationError):
            raise InvalidIdentifier(
                N_("the IBAN {value} does not have the length and structure that {country} IBANs have"),
                value=_show(number),
                country=_show(number[:2]),
            ) from None
        if self.rib_key_is_valid(number) is False:
            bban = number[4:]
            raise InvalidIdentifier(
                N_("the French BBAN key (clé RIB) does not match: found {found}, expected {expected}"),
                found=_show(bban[21:]),
                expected=_show(rib_key(bban[:5], bban[5:10], bban[10:21])),
            )
        return number


class _Bic(Identifier):
    name = "BIC"

    def compact(self, number: str) -> str:
        return _std_bic.compact(number)

    def validate(self, number: str, **kwargs: Any) -> str:
        number = self.compact(number)
        try:
            return _std_bic.validate(number)
        except InvalidLength:
            raise InvalidIdentifier(
                N_("expected a BIC of 8 or 11 characters; found {n} ({value})"),
                n=len(number),
                value=_show(number),
            ) from None
        except InvalidComponent:
            raise InvalidIdentifier(
                N_("characters 5-6 of the BIC ({country}) are not a country code"), country=_show(number[4:6])
            ) from None
        except ValidationError:
            raise InvalidIdentifier(
                N_(
                    "expected a BIC of 4 letters (bank), 2 letters (country), 2 letters or digits (place) and optionally 3 letters or digits (branch); found {value}"
                ),
                value=_show(number),
            ) from None


iban = _Iban()
bic = _Bic()
