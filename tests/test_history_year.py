"""A year of history for a small employer, built month by month through the forms.

Three employees (BERNARD, CDI cadre; MOREAU, a CDD hired in January; PETIT, an apprentice).
Each month starts from the last month's answers (`forms.history.prefill`), the user edits
what changed, and the monthly form derives the change blocks:

- March: MOREAU's working time 104 → 120 h (S21.G00.41.007, depth 01/03);
- April: BERNARD's arrêt (a 04 signal; its three months of history exist);
- June: MOREAU switches to cadre status (41.002 and 41.003 in one block);
- July: BERNARD's contract moves to the second establishment with a new number (41.012 and
  41.014 in an identifying block without depth; the workplace in a modality block with depth);
- September: end of MOREAU's CDD; October: she is no longer declared;
- October: a correction of September for PETIT (base and contribution dated September, and
  the URSSAF summary line of September in its own dated bordereau);
- November: PETIT's family name changes (S21.G00.31).

Every file passes the engine with nothing blocking, every cross-declaration control is
silent, and the change and regularisation blocks are exactly the expected ones.
"""

from __future__ import annotations

from datetime import date

import pytest

from forms.declarations import BuildContext, build, get
from forms.dsn.document import parse_document
from forms.history import prefill
from forms.history.controls import check_all, summarize
from forms.session import FormSession
from tests.test_events import arret_answers
from tests.test_mensuelle import PAIEMENT, answers_for, apprenti, cdd_partiel, cdi_cadre, ctp_for

SIRET_1, SIRET_2 = "83214562700010", "83214562700028"
WATCHED = ("S21.G00.16", "S21.G00.31", "S21.G00.41", "S21.G00.60", "S21.G00.62", "S21.G00.56")


def _templates() -> dict[str, dict[str, str]]:
    moreau = cdd_partiel(1)
    moreau["contrat.fin_previsionnelle"] = "2026-09-30"
    return {p["individu.nir"]: p for p in (cdi_cadre(0), moreau, apprenti(2))}


PAY_KEYS = ("paie.", "pas.", "remu.", "primes.", "autres.", "bases.", "affiliation.", "anciennete.")


def _month(previous: dict[str, str], month: str, edits: dict[str, str] | None = None,
           siret: str = SIRET_1) -> dict[str, str]:
    """The next month from the last one's answers: prefill, the month's pay, the user's edits."""
    answers = prefill(previous)
    assert answers["declaration.mois"] == month
    answers.update(PAIEMENT)
    answers["etablissement.siret"] = siret
    templates = _templates()
    people = []
    for n in range(int(answers["salaries.nombre"])):
        t = templates[answers[f"salaries.{n}.individu.nir"]]
        people.append(t)
        for k, v in t.items():
            if k.startswith(PAY_KEYS):
                answers[f"salaries.{n}.{k}"] = v
        answers[f"salaries.{n}.paie.date"] = f"{month}-28"
    for i, (code, qual, taux, assiette, montant) in enumerate(ctp_for(people)):
        p = f"agregees.{i}.ctp."
        answers.update({p + "code": code, p + "qualifiant": qual, p + "assiette": assiette, p + "montant": montant})
        if taux:
            answers[p + "taux"] = taux
    answers["agregees.nombre"] = str(len(ctp_for(people)))
    y, m = int(month[:4]), int(month[5:7])
    answers["paiement.date_prevoyance"] = date(y + m // 12, m % 12 + 1, 15).isoformat()
    answers.update(edits or {})
    return answers


def _blocks(data: bytes) -> list[tuple[str, dict[str, str]]]:
    doc = parse_document(data)
    out = []
    for root in doc.roots:
        for occ in root.descendants():
            if occ.block in WATCHED:
                out.append((occ.block, dict(occ.values)))
            elif occ.block == "S21.G00.78" and occ.values.get("S21.G00.78.002", "")[2:] != occ.get("S20.G00.05.005")[2:]:
                out.append((occ.block, dict(occ.values)))  # a base dated in another month: a regularisation
            elif occ.block == "S21.G00.22" and occ.values["S21.G00.22.003"] != occ.get("S20.G00.05.005"):
                out.append((occ.block, dict(occ.values)))
    return out


class Year:
    def __init__(self) -> None:
        self.history = []
        self.blocks: dict[str, list[tuple[str, dict[str, str]]]] = {}
        self.effective: dict[str, dict[str, str]] = {}

    def send(self, kind: str, answers: dict[str, str], today: date, key: str):  # type: ignore[no-untyped-def]
        session = FormSession(get(kind).form, answers)
        for step in session.steps():  # the wizard shows every step: defaults are accepted once seen
            session.accept_defaults(step)
        from forms.history.controls import next_numero_ordre

        siret = answers["etablissement.siret"]
        numero = next_numero_ordre(self.history, "01" if kind == "mensuelle" else "04", today, siret)
        built = build(kind, session.answers, BuildContext(today=today, numero_ordre=numero, test=True))
        blocking = [f"{f.line} {f.control}: {f.message}" for f in built.report.findings if f.blocking]
        assert not blocking, key + "\n" + "\n".join(blocking)
        summaries = summarize(built.data, key)
        for s in summaries:
            assert check_all(self.history, s) == [], key
        self.history.extend(summaries)
        self.blocks[key] = _blocks(built.data)
        self.effective[key] = session.effective_answers()
        return built


@pytest.fixture(scope="module")
def year() -> Year:
    y = Year()
    january = answers_for(list(_templates().values()), ctp=ctp_for(list(_templates().values())))
    january["etablissement.siret"] = SIRET_1
    y.send("mensuelle", january, date(2026, 2, 5), "2026-01")
    previous = y.effective["2026-01"]
    edits = {
        "2026-03": {"salaries.1.contrat.quotite": "120.00"},
        "2026-06": {"salaries.1.contrat.statut_conventionnel": "04", "salaries.1.contrat.statut_categoriel": "01"},
        "2026-09": {"salaries.0.contrat.fin": "2026-09-30", "salaries.0.fin.motif": "031"},
        "2026-11": {"salaries.0.individu.nom": "PETITMARTIN"},
    }
    second: dict[str, str] | None = None
    for m in range(2, 13):
        month = f"2026-{m:02d}"
        today = date(2026 + m // 12, m % 12 + 1, 5)
        if month == "2026-04":
            y.send("arret", arret_answers(**{"arret.dernier_jour": "2026-04-10", "arret.fin_previsionnelle": "2026-04-20",
                                             "arret.subrogation_debut": "2026-04-11"}),
                   date(2026, 4, 13), "arret-2026-04")
        answers = _month(previous, month, edits.get(month))
        if month == "2026-07":  # BERNARD leaves establishment 1 for establishment 2
            moved = _month({**previous, "salaries.nombre": "1"}, month, {
                "salaries.0.contrat.numero": "CDI2026-0107", "salaries.0.contrat.lieu_travail": SIRET_2,
                "salaries.0.changement.siret.date": "2026-07-01"}, siret=SIRET_2)
            y.send("mensuelle", moved, today, "2026-07-bis")
            second = y.effective["2026-07-bis"]
            answers = _month(_drop_first(previous), month, {"prevoyance.nombre": "0"})
        elif second is not None:
            y.send("mensuelle", _month(second, month, siret=SIRET_2), today, f"{month}-bis")
            second = y.effective[f"{month}-bis"]
        if month == "2026-10":  # PETIT's September was wrong: +100 € of base 03 and its contribution
            n = "salaries.0."
            answers.update({
                n + "regularisations.nombre": "1", n + "regularisations.0.regul.mois": "2026-09",
                n + "regularisations.0.regul.base": "03", n + "regularisations.0.regul.montant": "100.00",
                n + "regularisations.0.cotisations.nombre": "1",
                n + "regularisations.0.cotisations.0.cotisation.code": "075",
                n + "regularisations.0.cotisations.0.cotisation.assiette": "100.00",
                n + "regularisations.0.cotisations.0.cotisation.montant": "7.00",
                "regul_agregees.nombre": "1", "regul_agregees.0.regul_ctp.mois": "2026-09",
                "regul_agregees.0.regul_ctp.code": "100", "regul_agregees.0.regul_ctp.qualifiant": "920",
                "regul_agregees.0.regul_ctp.assiette": "100.00", "regul_agregees.0.regul_ctp.montant": "7.00",
            })
        y.send("mensuelle", answers, today, month)
        previous = y.effective[month]
    return y


def _drop_first(answers: dict[str, str]) -> dict[str, str]:
    """The answers without employee 0 (the others renumbered)."""
    out = {k: v for k, v in answers.items() if not k.startswith("salaries.")}
    count = int(answers["salaries.nombre"])
    for n in range(1, count):
        out.update({f"salaries.{n - 1}.{k[len(f'salaries.{n}.'):]}": v for k, v in answers.items()
                    if k.startswith(f"salaries.{n}.")})
    out["salaries.nombre"] = str(count - 1)
    return out


def test_every_month_is_sent(year: Year) -> None:
    assert [k for k in year.blocks if len(k) == 7] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert [k for k in year.blocks if k.endswith("-bis")] == [f"2026-{m:02d}-bis" for m in range(7, 13)]


def test_change_blocks_are_exactly_the_expected_ones(year: Year) -> None:
    changes = {k: [b for b in v if b[0] in ("S21.G00.31", "S21.G00.41", "S21.G00.16")] for k, v in year.blocks.items()}
    expected = {
        "2026-03": [("S21.G00.41", {"S21.G00.41.001": "01032026", "S21.G00.41.007": "104.00",
                                    "S21.G00.41.028": "01032026"})],
        "2026-06": [("S21.G00.41", {"S21.G00.41.001": "01062026", "S21.G00.41.002": "06", "S21.G00.41.003": "04",
                                    "S21.G00.41.028": "01062026"})],
        "2026-07-bis": [
            ("S21.G00.41", {"S21.G00.41.001": "01072026", "S21.G00.41.012": SIRET_1,
                            "S21.G00.41.014": "CDI2019-0007"}),
            ("S21.G00.41", {"S21.G00.41.001": "01072026", "S21.G00.41.013": SIRET_1, "S21.G00.41.028": "01072026"}),
        ],
        "2026-11": [("S21.G00.31", {"S21.G00.31.001": "01112026", "S21.G00.31.009": "PETITC"})],
    }
    assert {k: v for k, v in changes.items() if v} == expected


def test_end_arret_and_regularisation_blocks(year: Year) -> None:
    others = {k: [b for b in v if b[0] not in ("S21.G00.31", "S21.G00.41", "S21.G00.16")] for k, v in year.blocks.items()}
    assert others["2026-09"] == [("S21.G00.62", {"S21.G00.62.001": "30092026", "S21.G00.62.002": "031",
                                                 "S21.G00.62.006": "30092026"})]
    assert others["arret-2026-04"][0][0] == "S21.G00.60"
    assert others["2026-10"] == [
        ("S21.G00.22", {"S21.G00.22.001": "78861779300013", "S21.G00.22.003": "01092026",
                        "S21.G00.22.004": "30092026", "S21.G00.22.005": "7.00"}),
        ("S21.G00.78", {"S21.G00.78.001": "03", "S21.G00.78.002": "01092026", "S21.G00.78.003": "30092026",
                        "S21.G00.78.004": "100.00"}),
    ]
    assert {k for k, v in others.items() if v} == {"2026-09", "arret-2026-04", "2026-10"}


def test_ended_cdd_is_not_carried_on(year: Year) -> None:
    assert year.effective["2026-10"]["salaries.nombre"] == "1"
    assert year.effective["2026-09"]["salaries.nombre"] == "2"
