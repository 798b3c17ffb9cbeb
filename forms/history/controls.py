"""Controls across declarations: what the engine cannot see in one file.

Each control reads summaries of the files already declared (`DeclaredFile`, made from the
file's bytes with `summarize`, so imported files count too) and the file about to be sent,
and returns `forms.findings.Finding`s with a control id of our own and a plain message:

| id | what |
|---|---|
| `HIST-ORDRE` | numéro d'ordre (S20.G00.05.004) unique and increasing: per calendar month of creation for monthly DSNs (reset on the 1st), never reset for signals |
| `HIST-METIER` | identifiant métier (S20.G00.05.009) never used twice |
| `HIST-04-HISTORIQUE` | an arrêt (04) has the monthly DSNs the CPAM rebuilds the reference salary from: the 3 months before the leave (12 for a work accident or occupational disease); otherwise the attestation de salaire is needed |
| `HIST-07-MOIS` | a FCTU's months M and M-1 agree with what the monthly DSNs of those months said (gross pay per contract) |
| `HIST-CONTRAT-CLOS` | a contract declared ended (not cancelled by 099) is not declared active in a later monthly DSN |
| `HIST-ANNULE` | one envoi never holds a declaration and its own cancellation (S20.G00.05.002/CCH-11) — see `forms.history.corrections` |
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from forms.dsn.document import parse_document
from forms.dsn.tree import Occurrence
from forms.findings import Finding, Severity, mask_nir
from forms.i18n import _
from forms.values import as_decimal

AT_MP = ("04", "05", "06")  # S21.G00.60.001: trajet, maladie professionnelle, accident de travail
CONTROLS = ("HIST-ORDRE", "HIST-METIER", "HIST-04-HISTORIQUE", "HIST-07-MOIS", "HIST-CONTRAT-CLOS", "HIST-ANNULE")


def _iso(value: str) -> str:
    return f"{value[4:8]}-{value[2:4]}-{value[:2]}" if len(value) == 8 and value.isdigit() else ""


@dataclass
class ContractState:
    numero: str
    debut: str = ""            # ISO
    fin: str = ""              # ISO; "" while it goes on
    motif_fin: str = ""
    brut: dict[str, Decimal] = field(default_factory=dict)  # YYYY-MM → gross (51.013 type 001)


@dataclass
class PersonSummary:
    key: str                   # NIR, else NTT, else name|birth date
    name: str
    contracts: dict[str, ContractState] = field(default_factory=dict)
    arrets: list[tuple[str, str]] = field(default_factory=list)  # (motif, last day worked ISO)


@dataclass
class DeclaredFile:
    """One declaration as declared: enough to compare it with the others."""

    nature: str
    type: str
    numero_ordre: int
    identifiant_metier: str
    month: str                 # YYYY-MM: the main month (01) or the month of creation (signals)
    created: str               # ISO date of creation (S20.G00.05.007)
    replaces: str = ""         # S20.G00.05.006
    siret: str = ""
    file_id: str = ""
    people: dict[str, PersonSummary] = field(default_factory=dict)
    fctu_month: str = ""       # S21.G00.62.020 of a FCTU: month M, YYYY-MM

    @property
    def identifier(self) -> str:
        """What S20.G00.05.006 of a correction names: creation date (DDMMYYYY) + numéro d'ordre."""
        c = self.created
        return f"{c[8:10]}{c[5:7]}{c[:4]}{self.numero_ordre}" if c else ""


def _person_key(occ: Occurrence) -> str:
    v = occ.values
    return v.get("S21.G00.30.001") or v.get("S21.G00.30.020") or \
        f"{v.get('S21.G00.30.002', '')}|{v.get('S21.G00.30.004', '')}|{v.get('S21.G00.30.006', '')}"


def summarize(data: bytes, file_id: str = "") -> list[DeclaredFile]:
    """The declarations of a DSN file, summarised (one per S20.G00.05)."""
    doc = parse_document(data)
    out = []
    for decl in doc.declarations():
        v = decl.values
        created = _iso(v.get("S20.G00.05.007", ""))
        main = _iso(v.get("S20.G00.05.005", ""))
        try:
            numero = int(v.get("S20.G00.05.004", "0") or 0)
        except ValueError:
            numero = 0
        summary = DeclaredFile(
            nature=v.get("S20.G00.05.001", ""), type=v.get("S20.G00.05.002", ""), numero_ordre=numero,
            identifiant_metier=v.get("S20.G00.05.009", ""), month=(main or created)[:7], created=created,
            replaces=v.get("S20.G00.05.006", ""), file_id=file_id)
        for ent in decl.child_blocks("S21.G00.06"):
            for etab in ent.child_blocks("S21.G00.11"):
                summary.siret = ent.values.get("S21.G00.06.001", "") + etab.values.get("S21.G00.11.001", "")
                for person in etab.child_blocks("S21.G00.30"):
                    _read_person(summary, person)
        out.append(summary)
    return out


def _read_person(summary: DeclaredFile, person: Occurrence) -> None:
    v = person.values
    p = summary.people.setdefault(_person_key(person), PersonSummary(
        _person_key(person), " ".join(x for x in (v.get("S21.G00.30.002", ""), v.get("S21.G00.30.004", "")) if x)))
    p.name = p.name or mask_nir(v.get("S21.G00.30.001"))
    for contract in person.child_blocks("S21.G00.40"):
        numero = contract.values.get("S21.G00.40.009", "")
        state = p.contracts.setdefault(numero, ContractState(numero, _iso(contract.values.get("S21.G00.40.001", ""))))
        for end in contract.child_blocks("S21.G00.62"):
            state.fin = _iso(end.values.get("S21.G00.62.001", ""))
            state.motif_fin = end.values.get("S21.G00.62.002", "")
            fctu = end.values.get("S21.G00.62.020", "")
            if fctu:
                summary.fctu_month = _iso(fctu)[:7]
        for arret in contract.child_blocks("S21.G00.60"):
            p.arrets.append((arret.values.get("S21.G00.60.001", ""), _iso(arret.values.get("S21.G00.60.002", ""))))
    for pay in person.child_blocks("S21.G00.50"):
        which = pay.values.get("S21.G00.50.020", "")  # FCTU: 01 month M, 02 month M-1
        for remu in pay.child_blocks("S21.G00.51"):
            if remu.values.get("S21.G00.51.011") != "001":
                continue
            numero = remu.values.get("S21.G00.51.010", "")
            month = summary.month
            if summary.nature == "07" and summary.fctu_month:
                month = summary.fctu_month if which != "02" else _previous(summary.fctu_month)
            elif summary.nature == "07":
                month = _iso(remu.values.get("S21.G00.51.001", ""))[:7]
            state = p.contracts.setdefault(numero, ContractState(numero))
            state.brut[month] = state.brut.get(month, Decimal(0)) + as_decimal(remu.values.get("S21.G00.51.013", ""))


def _previous(month: str, n: int = 1) -> str:
    year, mon = int(month[:4]), int(month[5:7]) - n
    while mon < 1:
        year, mon = year - 1, mon + 12
    return f"{year:04d}-{mon:02d}"


def _finding(control: str, message: str, severity: Severity = Severity.BLOCKING, who: str = "") -> Finding:
    return Finding(control, severity, message, individual=who or None)


# ----------------------------------------------------------------------------- which files count
def in_force(history: Iterable[DeclaredFile]) -> list[DeclaredFile]:
    """The declarations still in force: a file replaced (03/05) or cancelled (04) no longer counts,
    nor does the cancellation itself."""
    files = list(history)
    replaced = {f.replaces for f in files if f.replaces}
    return [f for f in files if f.identifier not in replaced and f.type != "04"]


def _monthly(history: Iterable[DeclaredFile]) -> dict[str, DeclaredFile]:
    """Month → the monthly DSN in force for it (the latest sent)."""
    out: dict[str, DeclaredFile] = {}
    for f in in_force(history):
        if f.nature == "01":
            out[f.month] = f
    return out


# ----------------------------------------------------------------------------- the controls
def check_ordre(history: list[DeclaredFile], new: DeclaredFile) -> list[Finding]:
    """HIST-ORDRE. Monthly: unique and increasing among the monthly DSNs created in the same calendar
    month; signals: unique and increasing over every signal ever sent (never reset)."""
    if new.nature == "01":
        same = [f for f in history if f.nature == "01" and f.created[:7] == new.created[:7] and f.siret == new.siret]
        scope = _("the monthly DSNs created in {month}").format(month=new.created[:7])
    else:
        same = [f for f in history if f.nature != "01" and f.siret == new.siret]
        scope = _("the signals of this establishment (their number is never reset)")
    used = [f.numero_ordre for f in same]
    if new.numero_ordre in used:
        return [_finding("HIST-ORDRE", _("Numéro d'ordre {n} is already used by {scope}: use {next}.").format(
            n=new.numero_ordre, scope=scope, next=max(used) + 1))]
    if used and new.numero_ordre < max(used):
        return [_finding("HIST-ORDRE", _("Numéro d'ordre {n} is lower than {last}, already used by {scope}: the "
                                         "numbers must increase; use {next}.").format(
            n=new.numero_ordre, last=max(used), scope=scope, next=max(used) + 1))]
    return []


def next_numero_ordre(history: list[DeclaredFile], nature: str, created: date, siret: str = "") -> int:
    """The numéro d'ordre HIST-ORDRE accepts for a new declaration."""
    if nature == "01":
        used = [f.numero_ordre for f in history
                if f.nature == "01" and f.created[:7] == created.isoformat()[:7] and (not siret or f.siret == siret)]
    else:
        used = [f.numero_ordre for f in history if f.nature != "01" and (not siret or f.siret == siret)]
    return max(used, default=0) + 1


def check_metier(history: list[DeclaredFile], new: DeclaredFile) -> list[Finding]:
    """HIST-METIER: an identifiant métier names one declaration only."""
    if new.identifiant_metier and any(f.identifiant_metier == new.identifiant_metier for f in history):
        return [_finding("HIST-METIER", _("The business identifier {id} was already given to another declaration: "
                                          "each declaration needs its own.").format(id=new.identifiant_metier))]
    return []


def check_arret_history(history: list[DeclaredFile], new: DeclaredFile) -> list[Finding]:
    """HIST-04-HISTORIQUE: the monthly DSNs the CPAM needs before the leave."""
    if new.nature != "04":
        return []
    monthly = _monthly(history)
    out = []
    for person in new.people.values():
        for motif, last_day in person.arrets:
            day = date.fromisoformat(last_day) if last_day else None
            if day is None:
                continue
            start = (day + timedelta(days=1)).isoformat()[:7]
            needed = 12 if motif in AT_MP else 3
            months = [_previous(start, i) for i in range(needed, 0, -1)]
            missing = [m for m in months if m not in monthly or person.key not in monthly[m].people]
            if missing:
                out.append(_finding("HIST-04-HISTORIQUE", _(
                    "The health insurance rebuilds the daily allowances from the monthly DSNs of the {n} months before "
                    "the leave, and Comptoir has none for {months}. Send the arrêt, and also fill in the « attestation "
                    "de salaire » on net-entreprises.fr (or the CPAM's form) for this leave.").format(
                    n=needed, months=", ".join(missing)), Severity.NON_BLOCKING, person.name))
    return out


def check_fctu_months(history: list[DeclaredFile], new: DeclaredFile) -> list[Finding]:
    """HIST-07-MOIS: gross pay of months M and M-1 in the FCTU = what the monthly DSNs declared."""
    if new.nature != "07":
        return []
    monthly = _monthly(history)
    out = []
    for person in new.people.values():
        for numero, state in person.contracts.items():
            for month, amount in sorted(state.brut.items()):
                declared = monthly.get(month)
                if declared is None or person.key not in declared.people:
                    continue
                before = declared.people[person.key].contracts.get(numero)
                if before is None or month not in before.brut:
                    continue
                if before.brut[month] != amount:
                    out.append(_finding("HIST-07-MOIS", _(
                        "The end-of-contract signal gives a gross pay of {amount} € for {month}, but the monthly DSN "
                        "of {month} declared {declared} € for contract {numero}. Correct one of them (a monthly "
                        "correction or a FCTU « annule et remplace ») so that France Travail reads the same amounts."
                    ).format(amount=amount, month=month, declared=before.brut[month], numero=numero),
                        Severity.NON_BLOCKING, person.name))
    return out


def check_closed_contracts(history: list[DeclaredFile], new: DeclaredFile) -> list[Finding]:
    """HIST-CONTRAT-CLOS: a contract ended earlier is not declared active in a later monthly DSN."""
    if new.nature != "01":
        return []
    ended: dict[tuple[str, str], str] = {}
    for f in sorted(in_force(history), key=lambda f: (f.month, f.created)):
        for person in f.people.values():
            for numero, state in person.contracts.items():
                if state.motif_fin == "099":
                    ended.pop((person.key, numero), None)
                elif state.fin:
                    ended[(person.key, numero)] = state.fin
    out = []
    for person in new.people.values():
        for numero, state in person.contracts.items():
            end = ended.get((person.key, numero))
            if end and end[:7] < new.month and not state.fin:
                out.append(_finding("HIST-CONTRAT-CLOS", _(
                    "Contract {numero} was declared ended on {end}, yet this DSN of {month} declares it again. If the "
                    "end was declared by mistake, cancel it (« Cancel an end of contract declared by mistake », motif "
                    "099); if the person came back, declare a new contract with a new number.").format(
                    numero=numero, end=end, month=new.month), Severity.NON_BLOCKING, person.name))
    return out


def check_all(history: list[DeclaredFile], new: DeclaredFile) -> list[Finding]:
    """Every cross-declaration control for a declaration about to be sent."""
    return (check_ordre(history, new) + check_metier(history, new) + check_arret_history(history, new)
            + check_fctu_months(history, new) + check_closed_contracts(history, new))
