"""An existing DSN file → the employer's world (establishment, people, contracts).

Pure mapping, no storage: `storage.importer` persists what this returns. One `World` per
declaration (S20.G00.05) of the file. The rubrique ↔ field mapping is the one written in the
comments of `forms.model`. DSN dates (DDMMYYYY) become ISO dates (YYYY-MM-DD); amounts and
quotités keep their dot; codes stay as the norm writes them.
"""

from __future__ import annotations

from forms.dsn.document import Document, parse_document
from forms.dsn.tree import Occurrence
from forms.model import Contrat, Etablissement, Individu, World

ETABLISSEMENT_FIELDS = {  # field: rubrique, read in the establishment's branch
    "nic_siege": "S21.G00.06.002",
    "ape_entreprise": "S21.G00.06.003",
    "ape": "S21.G00.11.002",
    "voie": "S21.G00.11.003",
    "code_postal": "S21.G00.11.004",
    "localite": "S21.G00.11.005",
    "idcc": "S21.G00.11.022",
}

INDIVIDU_FIELDS = {
    "nir": "S21.G00.30.001",
    "nom": "S21.G00.30.002",
    "nom_usage": "S21.G00.30.003",
    "prenoms": "S21.G00.30.004",
    "sexe": "S21.G00.30.005",
    "naissance_date": "S21.G00.30.006",
    "naissance_lieu": "S21.G00.30.007",
    "voie": "S21.G00.30.008",
    "code_postal": "S21.G00.30.009",
    "localite": "S21.G00.30.010",
    "codification_ue": "S21.G00.30.013",
    "naissance_departement": "S21.G00.30.014",
    "naissance_pays": "S21.G00.30.015",
    "email": "S21.G00.30.018",
    "matricule": "S21.G00.30.019",
    "ntt": "S21.G00.30.020",
}

CONTRAT_FIELDS = {
    "debut": "S21.G00.40.001",
    "statut_conventionnel": "S21.G00.40.002",
    "statut_categoriel": "S21.G00.40.003",
    "pcs_ese": "S21.G00.40.004",
    "emploi": "S21.G00.40.006",
    "nature": "S21.G00.40.007",
    "dispositif": "S21.G00.40.008",
    "numero": "S21.G00.40.009",
    "fin_previsionnelle": "S21.G00.40.010",
    "unite_quotite": "S21.G00.40.011",
    "quotite_reference": "S21.G00.40.012",
    "quotite": "S21.G00.40.013",
    "modalite_temps": "S21.G00.40.014",
    "complement_regime": "S21.G00.40.016",
    "idcc": "S21.G00.40.017",
    "regime_maladie": "S21.G00.40.018",
    "lieu_travail": "S21.G00.40.019",
    "regime_vieillesse": "S21.G00.40.020",
    "motif_recours": "S21.G00.40.021",
    "travailleur_etranger": "S21.G00.40.024",
    "statut_emploi": "S21.G00.40.026",
    "emplois_multiples": "S21.G00.40.036",
    "employeurs_multiples": "S21.G00.40.037",
    "regime_at": "S21.G00.40.039",
    "code_risque_at": "S21.G00.40.040",
    "taux_at": "S21.G00.40.043",
    "periode_essai_jours": "S21.G00.40.082",
    "heure_embauche": "S21.G00.40.083",
}

DATE_FIELDS = {"naissance_date", "debut", "fin_previsionnelle", "fin"}


def iso_date(value: str) -> str:
    """DDMMYYYY → YYYY-MM-DD; anything else is kept as it is (the validator says what is wrong)."""
    if len(value) == 8 and value.isdigit():
        return f"{value[4:]}-{value[2:4]}-{value[:2]}"
    return value


def iso_month(value: str) -> str:
    """The declared month (S20.G00.05.005, DDMMYYYY) as YYYY-MM."""
    return iso_date(value)[:7] if len(value) == 8 and value.isdigit() else ""


def _hour(value: str) -> str:
    if len(value) == 4 and value.isdigit():
        return f"{value[:2]}:{value[2:]}"
    return value


def _fill(record: Etablissement | Individu | Contrat, occ: Occurrence, mapping: dict[str, str]) -> None:
    for name, code in mapping.items():
        value = occ.values.get(code, "")
        if not value:
            continue
        if name in DATE_FIELDS:
            value = iso_date(value)
        elif name == "heure_embauche":
            value = _hour(value)
        setattr(record, name, value)


def _first(occs: list[Occurrence], code: str, accept=lambda v: bool(v)) -> str:  # type: ignore[no-untyped-def]
    for occ in occs:
        value = occ.values.get(code, "")
        if accept(value):
            return value
    return ""


def _envoi(declaration: Occurrence) -> Occurrence | None:
    occ = declaration.parent
    while occ is not None and occ.block != "S10.G00.00":
        occ = occ.parent
    return occ


def map_establishment(declaration: Occurrence, entreprise: Occurrence, etab: Occurrence) -> Etablissement:
    e = Etablissement()
    siren = entreprise.values.get("S21.G00.06.001", "")
    e.siret = siren + etab.values.get("S21.G00.11.001", "")
    for name, code in ETABLISSEMENT_FIELDS.items():
        source = entreprise if code.startswith("S21.G00.06") else etab
        value = source.values.get(code, "")
        if value:
            setattr(e, name, value)
    envoi = _envoi(declaration)
    emitters = envoi.child_blocks("S10.G00.01") if envoi is not None else []
    # The sender's name and contact are the employer's only when the employer sends the file
    # itself (same SIREN); an accountant sending it would otherwise lend its own.
    own = [o for o in emitters if o.values.get("S10.G00.01.001") == siren]
    if own:
        e.raison_sociale = own[0].values.get("S10.G00.01.003", "")
    contacts = declaration.child_blocks("S20.G00.07")
    if contacts:
        c = contacts[0].values
        e.contact_nom = c.get("S20.G00.07.001", "")
        e.contact_telephone = c.get("S20.G00.07.002", "")
        e.contact_email = c.get("S20.G00.07.003", "")
    elif own and envoi is not None:
        for contact in envoi.child_blocks("S10.G00.02")[:1]:
            c = contact.values
            e.contact_civilite = c.get("S10.G00.02.001", "")
            e.contact_nom = c.get("S10.G00.02.002", "")
            e.contact_email = c.get("S10.G00.02.004", "")
            e.contact_telephone = c.get("S10.G00.02.005", "")
    bordereaux = etab.child_blocks("S21.G00.22")
    payments = etab.child_blocks("S21.G00.20")
    e.urssaf_siret = _first(bordereaux, "S21.G00.22.001") or _first(
        payments, "S21.G00.20.001", lambda v: len(v) == 14 and v.isdigit()
    )
    e.bic = _first(payments, "S21.G00.20.003")
    e.iban = _first(payments, "S21.G00.20.004")
    return e


def map_individual(occ: Occurrence) -> tuple[Individu, list[Contrat]]:
    person = Individu()
    _fill(person, occ, INDIVIDU_FIELDS)
    contracts: list[Contrat] = []
    for c in occ.child_blocks("S21.G00.40"):
        contrat = Contrat()
        _fill(contrat, c, CONTRAT_FIELDS)
        for end in c.child_blocks("S21.G00.62")[:1]:
            contrat.fin = iso_date(end.values.get("S21.G00.62.001", ""))
        for pension in c.child_blocks("S21.G00.71")[:1]:
            contrat.retraite_complementaire = pension.values.get("S21.G00.71.002", "")
        contracts.append(contrat)
    return person, contracts


def _merge_contract(old: Contrat, new: Contrat) -> None:
    for name in Contrat.field_names():
        value = getattr(new, name)
        if value:
            setattr(old, name, value)


def map_declaration(declaration: Occurrence) -> list[World]:
    """One World per establishment (S21.G00.11) of a declaration (usually one)."""
    worlds: list[World] = []
    for entreprise in declaration.child_blocks("S21.G00.06"):
        for etab in entreprise.child_blocks("S21.G00.11"):
            world = World(map_establishment(declaration, entreprise, etab))
            by_key: dict[str, Individu] = {}
            for occ in etab.child_blocks("S21.G00.30"):
                person, contracts = map_individual(occ)
                key = World.person_key(person)
                if key not in by_key:
                    by_key[key] = person
                    world.individus.append(person)
                known = world.contrats.setdefault(key, [])
                for contrat in contracts:
                    same = [c for c in known if c.numero == contrat.numero and (c.numero or c.debut == contrat.debut)]
                    if same:
                        _merge_contract(same[0], contrat)
                    else:
                        known.append(contrat)
            worlds.append(world)
    return worlds


def map_document(doc: Document) -> list[World]:
    worlds: list[World] = []
    for declaration in doc.declarations():
        worlds.extend(map_declaration(declaration))
    return worlds


def from_dsn(data: bytes) -> list[World]:
    """Every (establishment, people, contracts) a DSN file describes."""
    return map_document(parse_document(data))


def declaration_summary(doc: Document) -> list[tuple[str, str, str]]:
    """(nature, type, month YYYY-MM) of each declaration of the file."""
    out = []
    for d in doc.declarations():
        v = d.values
        out.append((v.get("S20.G00.05.001", ""), v.get("S20.G00.05.002", ""), iso_month(v.get("S20.G00.05.005", ""))))
    return out
