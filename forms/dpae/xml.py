"""The DPAE XML message `FR_DUE_Upload`: records in, ISO-8859-1 bytes out.

The shape follows the evidence of working implementations (letters A, B, D of
`../shared/spec/dpae/dpae-xml-elements.csv`; no official XSD was found): one `FR_DuesGroup`
with the employer and one `FR_EmployeeGroup` per hire (at most 100 in a file, evidence G).
Elements seen only in the unattributed prototype F are NOT written: the employer's
`SupplementaryDesignation`, the address `Additional`, the employee's `UsualName`, the
contract's `TrialTime` and the group `Comment`.

Every value is checked by `forms.dpae.checks` first: `build_dpae` raises `DpaeError` with
the list of `FieldError`s and builds nothing when any rule fails. `write_dpae` is the one
function that writes a message to disk, and only a message that `build_dpae` made.
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from stdnum.fr import nir as _std_nir

from forms.dpae.checks import NATURE_CODES, DpaeError, FieldError, check_dpae, phone_digits, sex_code
from forms.i18n import _
from forms.identifiers import InvalidIdentifier, nir_keyed
from forms.model import Contrat, Etablissement, Individu

ENCODING = "ISO-8859-1"
TEST_INDICATOR = "1"  # test: the message is checked, nothing is recorded (A, B, D)
REAL_INDICATOR = "120"  # real declaration (B validates exactly 1 or 120; D the same)

# The namespaces of the root, in the order the template (A) declares them. cct, rxdt and xsi
# are declared although no element uses them: every implementation declares them.
NAMESPACES = {
    "cct": "urn:oasis:names:tc:ubl:corecomponentTypes:1.0:0.70",
    "rxdt": "http://www.repxml.org/DataTypes",
    "rxorg": "http://www.repxml.org/Organization",
    "rxpadr": "http://www.repxml.org/PostalAddress",
    "rxpers": "http://www.repxml.org/Person_Identity",
    "rxphadr": "http://www.repxml.org/PhoneAddress",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


# The hire time. The element inventory says A and B write HH:MM:SS (Go layout 15:04:05);
# A's input sample holds "08:00", which is the input, not the message. We follow A/B: the
# record's HH:MM gets ":00". This is the only place the format is decided.
def hire_time(canonical: str) -> str:
    return f"{canonical}:00"


def nir_key(nir13: str) -> str:
    """The 2-digit key of a 13-character NIR: 97 - (NIR mod 97), with 2A read as 19 and 2B
    as 18 (stdnum.fr.nir), checked again through `forms.identifiers.nir_keyed`."""
    key = _std_nir.calc_check_digits(nir13)
    nir_keyed.validate(nir13 + key)  # raises InvalidIdentifier if the NIR itself is wrong
    return key


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _employer(group: ET.Element, etab: Etablissement) -> None:
    employer = _sub(group, "FR_Employer")
    identity = _sub(employer, "FR_EmployerIdentity")
    _sub(identity, "rxorg:FR_Organization.SIRET.Identifier", etab.siret)
    _sub(identity, "rxorg:FR_Organization.Designation.Text", etab.raison_sociale)
    _sub(identity, "rxorg:FR_Organization.APE.Code", etab.ape)
    _sub(employer, "FR_Employer.URSSAF.Code", etab.urssaf_code)
    address = _sub(employer, "FR_EmployerAddress")
    _sub(address, "rxpadr:FR_PostalAddress.StreetDesignation.Text", etab.voie)
    _sub(address, "rxpadr:FR_PostalAddress.Town.Text", etab.localite)
    _sub(address, "rxpadr:FR_PostalAddress.Postal.Code", etab.code_postal)
    contact = _sub(employer, "FR_EmployerContact")
    phone = _sub(contact, "FR_PhoneNumber")
    _sub(phone, "rxphadr:FR_PhoneAddress.PhoneNumber.Text", phone_digits(etab.contact_telephone))


def _employee_group(group: ET.Element, etab: Etablissement, ind: Individu, contrat: Contrat) -> None:
    employee_group = _sub(group, "FR_EmployeeGroup")
    employee = _sub(employee_group, "FR_Employee")
    identity = _sub(employee, "FR_EmployeeIdentity")
    _sub(identity, "rxpers:FR_PersonIdentity.Surname.Text", ind.nom)
    _sub(identity, "rxpers:FR_PersonIdentity.ChristianName.Text", ind.prenoms)
    _sub(identity, "rxpers:FR_PersonIdentity.Sex.Code", sex_code(ind))
    # The NIR is an item of R1221-1 only when the employee already has one: without it the
    # FR_NNI group is left out (A, B and D always write it; a hire without NIR is a doubt).
    if ind.nir:
        nni = _sub(identity, "rxpers:FR_NNI")
        _sub(nni, "rxpers:FR_NNI.NIR.Identifier", ind.nir)
        _sub(nni, "rxpers:FR_NNI.NIRKey.Text", nir_key(ind.nir))
    birth = _sub(identity, "rxpers:FR_Birth")
    _sub(birth, "rxpers:FR_Birth.Date", ind.naissance_date)  # AAAA-MM-JJ: the record's form
    _sub(birth, "rxpers:FR_Birth.Town.Text", ind.naissance_lieu)
    complement = _sub(employee, "FR_EmployeeComplement")
    _sub(complement, "FR_EmployeeComplement.Birth_Department.Code", ind.naissance_departement)

    contract = _sub(employee_group, "FR_Contract")
    _sub(contract, "FR_Contract.StartContract.Date", contrat.debut)
    _sub(contract, "FR_Contract.StartContract.Time", hire_time(contrat.heure_embauche))
    # The end date: a date for a CDD or a CTT (required there, see checks); for a CDI the
    # element is written empty, as A, B and D do (the template always carries it and D
    # leaves it empty for a CDI). Whether the receiver also accepts it absent is unknown.
    _sub(contract, "FR_Contract.EndContract.Date", contrat.fin_previsionnelle if contrat.nature != "01" else "")
    _sub(contract, "FR_Contract.Nature.Code", NATURE_CODES[contrat.nature])
    _sub(contract, "FR_Contract.HealthService.Text", etab.sst)
    # No TrialTime: the element is seen only in F (unverified name and unit, months in F's
    # UI). The trial-period answer is still checked by our own rules
    # (checks.check_trial_period) so that the record is right for the DSN signal.


def build_dpae(etab: Etablissement, hires: list[tuple[Individu, Contrat]], *, test: bool) -> bytes:
    """The FR_DUE_Upload message for these hires of `etab`, in ISO-8859-1.

    `test=True` writes the test indicator 1 (checked by the Urssaf, nothing recorded),
    `test=False` the real indicator 120. Raises `DpaeError` when any rule fails (more than
    100 hires included), before anything is built.
    """
    errors = check_dpae(etab, hires)
    if errors:
        raise DpaeError(errors)
    root = ET.Element("FR_DUE_Upload", {f"xmlns:{prefix}": uri for prefix, uri in NAMESPACES.items()})
    _sub(root, "FR_DUE_Upload.Test.Indicator", TEST_INDICATOR if test else REAL_INDICATOR)
    group = _sub(root, "FR_DuesGroup")
    _employer(group, etab)
    for rank, (ind, contrat) in enumerate(hires):
        try:
            _employee_group(group, etab, ind, contrat)
        except InvalidIdentifier as exc:  # the checks make this unreachable; kept as a guard
            raise DpaeError([FieldError("individu.nir", exc.message, rank)]) from None
    ET.indent(root, space="    ")
    # ElementTree escapes &, < and > in text; the tags carry their prefixes literally and
    # the root declares them, so the output is the template's shape.
    body = ET.tostring(root, encoding="unicode")
    text = f'<?xml version="1.0" encoding="{ENCODING}"?>\n{body}\n'
    try:
        return text.encode("iso-8859-1")
    except UnicodeEncodeError as exc:  # the character rules make this unreachable
        raise DpaeError(
            [
                FieldError(
                    "",
                    _("The character {char} cannot be written in ISO-8859-1.").format(char=repr(text[exc.start])),
                )
            ]
        ) from None


def write_dpae(
    path: str | os.PathLike[str], etab: Etablissement, hires: list[tuple[Individu, Contrat]], *, test: bool
) -> Path:
    """Build the message (rules first) and write it to `path` atomically.

    Nothing is written when a rule fails (`DpaeError`). The file appears whole or not at all:
    the bytes go to a temporary file of the same folder, then replace `path`.
    """
    data = build_dpae(etab, hires, test=test)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".dpae-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
