"""Blocks every DSN builder writes the same way: envoi, declaration, company, establishment,
individual and contract, from the records of `forms.model`.

Which rubriques a block carries depends on the nature: a rubrique the usage table marks
forbidden (I) for the nature is never written, whatever the record holds. That one rule
keeps the same records valid in a monthly DSN, an arrêt (04) and a FCTU (07).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from forms.dsn.document import Document
from forms.dsn.tree import Occurrence
from forms.dsn.writer import LINE_END, LineWriter
from forms.model import Contrat, Etablissement, Individu
from forms.norm import DEFAULT_VERSION, Norm, load_norm
from forms.values import dsn_date

SOFTWARE = "COMPTOIR"
SOFTWARE_VERSION = "0.1"

ETABLISSEMENT_FIELDS = {  # S21.G00.11
    "S21.G00.11.002": "ape",
    "S21.G00.11.003": "voie",
    "S21.G00.11.004": "code_postal",
    "S21.G00.11.005": "localite",
    "S21.G00.11.022": "idcc",
}
INDIVIDU_FIELDS = {  # S21.G00.30
    "S21.G00.30.001": "nir",
    "S21.G00.30.002": "nom",
    "S21.G00.30.003": "nom_usage",
    "S21.G00.30.004": "prenoms",
    "S21.G00.30.005": "sexe",
    "S21.G00.30.006": "naissance_date",
    "S21.G00.30.007": "naissance_lieu",
    "S21.G00.30.008": "voie",
    "S21.G00.30.009": "code_postal",
    "S21.G00.30.010": "localite",
    "S21.G00.30.013": "codification_ue",
    "S21.G00.30.014": "naissance_departement",
    "S21.G00.30.015": "naissance_pays",
    "S21.G00.30.018": "email",
    "S21.G00.30.019": "matricule",
    "S21.G00.30.020": "ntt",
}
CONTRAT_FIELDS = {  # S21.G00.40
    "S21.G00.40.001": "debut",
    "S21.G00.40.002": "statut_conventionnel",
    "S21.G00.40.003": "statut_categoriel",
    "S21.G00.40.004": "pcs_ese",
    "S21.G00.40.006": "emploi",
    "S21.G00.40.007": "nature",
    "S21.G00.40.008": "dispositif",
    "S21.G00.40.009": "numero",
    "S21.G00.40.010": "fin_previsionnelle",
    "S21.G00.40.011": "unite_quotite",
    "S21.G00.40.012": "quotite_reference",
    "S21.G00.40.013": "quotite",
    "S21.G00.40.014": "modalite_temps",
    "S21.G00.40.016": "complement_regime",
    "S21.G00.40.017": "idcc",
    "S21.G00.40.018": "regime_maladie",
    "S21.G00.40.019": "lieu_travail",
    "S21.G00.40.020": "regime_vieillesse",
    "S21.G00.40.021": "motif_recours",
    "S21.G00.40.024": "travailleur_etranger",
    "S21.G00.40.026": "statut_emploi",
    "S21.G00.40.036": "emplois_multiples",
    "S21.G00.40.037": "employeurs_multiples",
    "S21.G00.40.039": "regime_at",
    "S21.G00.40.040": "code_risque_at",
    "S21.G00.40.043": "taux_at",
}
DATES = frozenset({"S21.G00.30.006", "S21.G00.40.001", "S21.G00.40.010"})  # written JJMMAAAA


@dataclass(frozen=True)
class Header:
    """What identifies one declaration besides its content."""

    nature: str                 # "01", "04", "05", "07", "10"
    type: str = "01"            # "01" normale, "02" néant, "03" annule et remplace, "04" annule, "05"
    numero_ordre: int = 1
    today: date = date.today()
    month: date | None = None   # first day of the main month (nature 01)
    test: bool = False
    replaces: str = ""          # S20.G00.05.006 for types 03, 04, 05
    identifiant_metier: str = ""


P = TypeVar("P")  # what a block added is to the builder: its occurrence, or its code (lines)


class _Blocks(Generic[P]):
    """The shared blocks of one establishment and one declaration, whatever they are added to
    (`add`: a block's non-empty values that the nature allows, under its parent)."""

    def __init__(self, norm: Norm, etab: Etablissement, header: Header) -> None:
        self.norm = norm
        self.etab = etab
        self.header = header
        self.nature = header.nature
        self._allowed: dict[str, bool] = {}  # rubrique → not forbidden for the nature (memo)
        # The rubriques the usage table forbids (I) for the nature: those `allowed` refuses.
        self._forbidden = frozenset(
            code for code, usage in self.norm.usages(self.nature).items() if usage.letter == "I")
        self.envoi = self._envoi()
        self.declaration = self._declaration()
        self.entreprise: P | None = None

    def add(self, block: str, values: dict[str, str], parent: P | None) -> P:
        raise NotImplementedError

    # ------------------------------------------------------------------ helpers
    def allowed(self, code: str) -> bool:
        found = self._allowed.get(code)
        if found is None:
            found = self._allowed[code] = self.norm.usage(code, self.nature).letter != "I"
        return found

    def _kept(self, values: dict[str, str]) -> dict[str, str]:
        """The non-empty values the nature allows."""
        forbidden = self._forbidden
        if not all(values.values()) or not forbidden.isdisjoint(values):  # else all are kept
            values = {c: v for c, v in values.items() if v != "" and v is not None and c not in forbidden}
        return values

    def record_values(self, record: object, fields: dict[str, str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for code, name in fields.items():
            value = getattr(record, name, "")
            if value:
                out[code] = dsn_date(value) if code in DATES else value
        return out

    # ------------------------------------------------------------------ blocks
    def _envoi(self) -> P:
        e = self.etab
        envoi = self.add("S10.G00.00", {
            "S10.G00.00.001": SOFTWARE, "S10.G00.00.002": SOFTWARE, "S10.G00.00.003": SOFTWARE_VERSION,
            "S10.G00.00.005": "01" if self.header.test else "02",  # 01 test, 02 réel
            "S10.G00.00.006": self.norm.version, "S10.G00.00.007": "01",
            "S10.G00.00.008": "02" if self.header.type in ("02", "05") else "01",
        }, None)
        self.add("S10.G00.01", {
            "S10.G00.01.001": e.siren, "S10.G00.01.002": e.nic, "S10.G00.01.003": e.raison_sociale,
            "S10.G00.01.004": e.voie, "S10.G00.01.005": e.code_postal, "S10.G00.01.006": e.localite,
        }, envoi)
        self.add("S10.G00.02", {
            "S10.G00.02.001": e.contact_civilite, "S10.G00.02.002": e.contact_nom,
            "S10.G00.02.004": e.contact_email, "S10.G00.02.005": e.contact_telephone,
        }, envoi)
        return envoi

    def _declaration(self) -> P:
        h = self.header
        values = {
            "S20.G00.05.001": h.nature, "S20.G00.05.002": h.type, "S20.G00.05.003": "11",
            "S20.G00.05.004": str(h.numero_ordre), "S20.G00.05.007": dsn_date(h.today.isoformat()),
            "S20.G00.05.006": h.replaces, "S20.G00.05.009": h.identifiant_metier,
        }
        if h.nature == "01":
            month = h.month or h.today.replace(day=1)
            values.update({
                "S20.G00.05.005": dsn_date(month.replace(day=1).isoformat()),
                "S20.G00.05.008": "01", "S20.G00.05.010": "01",
            })
        elif self.allowed("S20.G00.05.010") and self.norm.usage("S20.G00.05.010", h.nature).letter == "O":
            values["S20.G00.05.010"] = "01"
        return self.add("S20.G00.05", values, self.envoi)

    def contact(self, kind: str) -> P:
        """S20.G00.07, the contact block the signals carry (`kind`: S20.G00.07.004)."""
        e = self.etab
        return self.add("S20.G00.07", {
            "S20.G00.07.001": e.contact_nom, "S20.G00.07.002": e.contact_telephone,
            "S20.G00.07.003": e.contact_email, "S20.G00.07.004": kind,
        }, self.declaration)

    def company(self) -> P:
        """S21.G00.06 then S21.G00.11: the company and the establishment."""
        e = self.etab
        ent = self.add("S21.G00.06", {
            "S21.G00.06.001": e.siren, "S21.G00.06.002": e.nic_siege,
            "S21.G00.06.003": e.ape_entreprise or e.ape,
        }, self.declaration)
        self.entreprise = self.add("S21.G00.11", {
            "S21.G00.11.001": e.nic, **self.record_values(e, ETABLISSEMENT_FIELDS),
        }, ent)
        return self.entreprise

    def individual(self, person: Individu) -> P:
        assert self.entreprise is not None, "company() first"
        return self.add("S21.G00.30", self.record_values(person, INDIVIDU_FIELDS), self.entreprise)

    def contract(self, contract: Contrat, individual: P, *, full: bool = True) -> P:
        """S21.G00.40; `full=False` writes only its start date and number (arrêt, reprise)."""
        values = self.record_values(contract, CONTRAT_FIELDS)
        if not full:
            values = {c: v for c, v in values.items() if c in ("S21.G00.40.001", "S21.G00.40.009")}
        return self.add("S21.G00.40", values, individual)

    def pension(self, contract: Contrat, contract_occ: P) -> P | None:
        """S21.G00.71 under the contract, when a complementary pension scheme is known."""
        if not contract.retraite_complementaire:
            return None
        return self.add("S21.G00.71", {"S21.G00.71.002": contract.retraite_complementaire}, contract_occ)


class DsnBuilder(_Blocks[Occurrence]):
    """A document under construction for one establishment and one declaration."""

    def __init__(self, etab: Etablissement, header: Header, version: str = DEFAULT_VERSION) -> None:
        self.doc = Document.new(version)
        super().__init__(self.doc.norm, etab, header)

    def add(self, block: str, values: dict[str, str], parent: Occurrence | None) -> Occurrence:
        """Add a block with its non-empty values that the nature allows."""
        return self.doc.add(block, self._kept(values), parent)


# A block's lines as `LineBuilder.put` writes them: (index in the values given, "CODE,'", the
# values of CODE already checked, CODE) for each rubrique the nature allows, in file order.
Template = tuple[tuple[int, str, set[str], str], ...]


_MADE: dict[str, Callable[..., Callable[..., None]]] = {}  # source → the function making a writer (`writer`)


class LineBuilder(_Blocks[str]):
    """The same blocks written straight as lines, in file order (`forms.dsn.writer.LineWriter`):
    no block tree, for the builders of large files. A block is added after its parent and
    before its parent's next sibling; its rubriques are written in code order, as `write`
    writes an occurrence. `add` gives the block's code (the parent of the next blocks)."""

    def __init__(self, etab: Etablissement, header: Header, version: str = DEFAULT_VERSION) -> None:
        norm = load_norm(version)
        self.out = LineWriter(norm)
        self._templates: dict[tuple[str, tuple[str, ...]], Template] = {}
        super().__init__(norm, etab, header)

    def template(self, block: str, codes: tuple[str, ...], parent: str | None) -> Template:
        """How `put` writes `block` under `parent` from values given in the order of `codes`:
        the checks `Document.add` makes on every block, made once."""
        key = (block, codes)
        found = self._templates.get(key)
        if found is None:
            spec = self.norm.blocks[block]
            if parent != spec.parent:
                raise ValueError(f"{block} belongs under {spec.parent}, not {parent or 'the root'}")
            for code in codes:
                if code[:10] != block:
                    raise ValueError(f"{code} is not a rubrique of {block}")
                if code not in self.norm.rubriques:
                    raise KeyError(code)
            if len(set(codes)) != len(codes):
                raise ValueError(f"{block}: a rubrique given twice")
            forbidden, known = self._forbidden, self.out.known
            found = self._templates[key] = tuple(
                (i, f"{codes[i]},'", known(codes[i]), codes[i])
                for i in sorted(range(len(codes)), key=codes.__getitem__) if codes[i] not in forbidden)
        return found

    def put(self, template: Template, values: tuple[str, ...]) -> None:
        """Write a block from its values in the order of its template's codes (empty ones skipped)."""
        lines, check = self.out.lines, self.out.check
        for i, head, known, code in template:
            value = values[i]
            if value:
                if value not in known:
                    check(code, value, known)
                lines.append(f"{head}{value}'")

    def writer(self, block: str, codes: tuple[str, ...], parent: str | None) -> Callable[..., None]:
        """`put` of the template of `block` as a function of the values (one argument per code,
        in the order of `codes`), for the blocks written for every employee: its code is made
        for the template, a statement per rubrique (no loop, no tuple of values)."""
        template = self.template(block, codes, parent)
        args = ", ".join(f"v{i}" for i in range(len(codes)))
        body = ["    append = out.lines.append"]
        if len(template) > 1:
            # Every value given (the usual block): its lines as one entry of `out.lines`, the
            # lines past the first counted in `out.extra`; each value checked as below.
            end = LINE_END.decode("ascii").encode("unicode_escape").decode("ascii")
            body.append("    if " + " and ".join(f"v{i}" for i, _h, _k, _c in template) + ":")
            for n, (i, _head, _known, _code) in enumerate(template):
                body += [f"        if v{i} not in k{n}:", f"            check(c{n}, v{i}, k{n})"]
            joined = end.join(f"{{h{n}}}{{v{i}}}'" for n, (i, _h, _k, _c) in enumerate(template))
            body += [f"        append(f\"{joined}\")", f"        out.extra += {len(template) - 1}", "        return"]
        for n, (i, _head, _known, _code) in enumerate(template):
            body += [f"    if v{i}:", f"        if v{i} not in k{n}:", f"            check(c{n}, v{i}, k{n})",
                     f"        append(f\"{{h{n}}}{{v{i}}}'\")"]  # one string built, not two
        cells = {"out": self.out, "check": self.out.check}
        for n, (_i, head, known, code) in enumerate(template):
            cells.update({f"h{n}": head, f"k{n}": known, f"c{n}": code})
        source = f"def make({', '.join(cells)}):\n  def put({args}) -> None:\n" + \
            "\n".join("  " + line for line in body) + "\n  return put\n"
        make = _MADE.get(source)
        if make is None:  # compiled once per process for each shape of block
            namespace: dict[str, Any] = {}
            exec(compile(source, f"<writer of {len(codes)} rubriques>", "exec"), namespace)  # noqa: S102 - our own text, made above
            make = _MADE[source] = namespace["make"]
        put: Callable[..., None] = make(**cells)
        return put

    def individual(self, person: Individu) -> str:
        assert self.entreprise is not None, "company() first"
        return self._record_block("S21.G00.30", person, INDIVIDU_FIELDS, self.entreprise)

    def contract(self, contract: Contrat, individual: str, *, full: bool = True) -> str:
        if not full:
            return super().contract(contract, individual, full=full)
        return self._record_block("S21.G00.40", contract, CONTRAT_FIELDS, individual)

    def _record_block(self, block: str, record: object, fields: dict[str, str], parent: str) -> str:
        """`add(block, record_values(record, fields), parent)` through one template per block."""
        values = []
        for code, name in fields.items():
            value = getattr(record, name, "")
            values.append(dsn_date(value) if value and code in DATES else value)
        self.put(self.template(block, tuple(fields), parent), tuple(values))
        return block

    def add(self, block: str, values: dict[str, str], parent: str | None) -> str:
        """Write a block from a mapping of its values (`put` for the blocks written often)."""
        self.put(self.template(block, tuple(values), parent), tuple(values.values()))
        return block
