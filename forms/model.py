"""The employer's world, entered once and used by every declaration.

Three records: an establishment (with its company and the organisms it pays), an individual
and a contract. A hire typed for the DPAE becomes an `Individu` and a `Contrat`; the monthly
DSN and the signals that follow start from them. `storage` keeps them; the forms turn them
into answers (`to_answers`) and answers back into them (`from_answers`).

Every value is kept as the canonical text the answers use (see `forms.values`): dates ISO
`YYYY-MM-DD`, amounts and quotités with a dot (`1234.56`), codes as the norm writes them.
An empty string means "not given". Field names are the question ids of the forms, so a
record and the answers of its section share one vocabulary.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


@dataclass
class Record:
    """Common behaviour: a flat mapping of question id → canonical text."""

    SECTION: ClassVar[str] = ""

    def to_answers(self, prefix: str = "") -> dict[str, str]:
        """The record as answers under `prefix` (e.g. "salaries.0.")."""
        return {f"{prefix}{k}": v for k, v in asdict(self).items() if isinstance(v, str) and v}

    @classmethod
    def from_answers(cls: type[R], answers: dict[str, str], prefix: str = "") -> R:
        names = {f.name for f in fields(cls) if f.type in ("str", str)}
        return cls(**{name: answers.get(prefix + name, "") for name in names})

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Etablissement(Record):
    """The declaring establishment and its company (S10.G00.01, S21.G00.06, S21.G00.11)."""

    SECTION: ClassVar[str] = "etablissement"

    siret: str = ""                 # SIREN (S21.G00.06.001) + NIC (S21.G00.11.001)
    raison_sociale: str = ""        # S10.G00.01.003; DPAE designation
    nic_siege: str = ""             # S21.G00.06.002
    ape_entreprise: str = ""        # S21.G00.06.003 (APEN)
    ape: str = ""                   # S21.G00.11.002 (APET)
    voie: str = ""                  # S21.G00.11.003
    code_postal: str = ""           # S21.G00.11.004
    localite: str = ""              # S21.G00.11.005
    idcc: str = ""                  # S21.G00.11.022 convention collective principale
    contact_civilite: str = ""      # S10.G00.02.001
    contact_nom: str = ""           # S10.G00.02.002 / S20.G00.07.001
    contact_email: str = ""         # S10.G00.02.004 / S20.G00.07.003
    contact_telephone: str = ""     # S10.G00.02.005 / S20.G00.07.002
    urssaf_siret: str = ""          # S21.G00.20.001 / S21.G00.22.001 of the URSSAF
    urssaf_code: str = ""           # DPAE FR_Employer.URSSAF.Code (3 characters)
    sst: str = ""                   # DPAE service de santé au travail code
    bic: str = ""                   # S21.G00.20.003
    iban: str = ""                  # S21.G00.20.004
    effectif: str = ""              # headcount, for the monthly deadline (>= 50: the 5th)
    taux_at: str = ""               # S21.G00.40.043 default for contracts
    code_risque_at: str = ""        # S21.G00.40.040 default for contracts

    @property
    def siren(self) -> str:
        return self.siret[:9]

    @property
    def nic(self) -> str:
        return self.siret[9:]


@dataclass
class Individu(Record):
    """A person the employer declares (S21.G00.30)."""

    SECTION: ClassVar[str] = "individu"

    nir: str = ""                   # 13 characters (S21.G00.30.001); empty when unknown
    ntt: str = ""                   # numéro technique temporaire (S21.G00.30.020)
    nom: str = ""                   # nom de famille (S21.G00.30.002)
    nom_usage: str = ""             # S21.G00.30.003
    prenoms: str = ""               # S21.G00.30.004
    sexe: str = ""                  # 01 / 02 (S21.G00.30.005)
    naissance_date: str = ""        # S21.G00.30.006
    naissance_lieu: str = ""        # commune (S21.G00.30.007)
    naissance_departement: str = ""  # S21.G00.30.014 (99 abroad)
    naissance_pays: str = ""        # S21.G00.30.015
    voie: str = ""                  # S21.G00.30.008
    code_postal: str = ""           # S21.G00.30.009
    localite: str = ""              # S21.G00.30.010
    codification_ue: str = ""       # S21.G00.30.013
    matricule: str = ""             # S21.G00.30.019
    email: str = ""                 # S21.G00.30.018

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.nom, self.prenoms) if p)


@dataclass
class Contrat(Record):
    """A contract of an individual (S21.G00.40), with its complementary pension (S21.G00.71)."""

    SECTION: ClassVar[str] = "contrat"

    numero: str = ""                # S21.G00.40.009
    debut: str = ""                 # S21.G00.40.001
    heure_embauche: str = ""        # HH:MM, DPAE and S21.G00.40.083
    fin_previsionnelle: str = ""    # S21.G00.40.010
    nature: str = ""                # S21.G00.40.007
    motif_recours: str = ""         # S21.G00.40.021
    statut_conventionnel: str = ""  # S21.G00.40.002
    statut_categoriel: str = ""     # S21.G00.40.003
    pcs_ese: str = ""               # S21.G00.40.004
    emploi: str = ""                # libellé (S21.G00.40.006)
    dispositif: str = ""            # S21.G00.40.008
    unite_quotite: str = ""         # S21.G00.40.011
    quotite_reference: str = ""     # S21.G00.40.012
    quotite: str = ""               # S21.G00.40.013
    modalite_temps: str = ""        # S21.G00.40.014
    complement_regime: str = ""     # S21.G00.40.016
    idcc: str = ""                  # S21.G00.40.017
    regime_maladie: str = ""        # S21.G00.40.018
    lieu_travail: str = ""          # S21.G00.40.019 (SIRET of the workplace)
    regime_vieillesse: str = ""     # S21.G00.40.020
    travailleur_etranger: str = ""  # S21.G00.40.024
    statut_emploi: str = ""         # S21.G00.40.026
    emplois_multiples: str = ""     # S21.G00.40.036
    employeurs_multiples: str = ""  # S21.G00.40.037
    regime_at: str = ""             # S21.G00.40.039
    code_risque_at: str = ""        # S21.G00.40.040
    taux_at: str = ""               # S21.G00.40.043
    periode_essai_jours: str = ""   # S21.G00.40.082; DPAE trial period
    retraite_complementaire: str = ""  # S21.G00.71.002
    fin: str = ""                   # actual end (S21.G00.62.001), once known


@dataclass
class World:
    """What one establishment has entered: itself, its people and their contracts."""

    etablissement: Etablissement = field(default_factory=Etablissement)
    individus: list[Individu] = field(default_factory=list)
    contrats: dict[str, list[Contrat]] = field(default_factory=dict)  # by individual key

    @staticmethod
    def person_key(person: Individu) -> str:
        """NIR when known, else the NTT, else name and birth date: how a person is found again."""
        return person.nir or person.ntt or f"{person.nom}|{person.prenoms}|{person.naissance_date}"
