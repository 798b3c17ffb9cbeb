"""`make bench`: the cost of building a monthly DSN from answers, against validating it.

Generates the answers of a monthly DSN for 50 and for 5 000 employees (the two people of
`tests/samples/mensuelle-normale.dsn`, alternated, with other names, NIRs and contract
numbers, as `tests/test_mensuelle.mensuelle_answers`; and, as on real payslips, each
employee's contribution amounts and nets differ from the others' by a few cents, the
aggregated contributions summed to agree), then times what `forms.declarations.build`
does before it validates — every answer checked and the answers that apply kept
(`FormSession.errors_and_answers()`, as `errors()` then `effective_answers()`), the builder
and the writer — and, apart, the engine's validation of the file built.
Each is done five times, alternately, in one process: medians (one pass varies by ±15 % on
this shared machine), and the first build (cold caches) as build_5000_cold_s. Merges into
bench/results.json: build_50_s, build_5000_s, build_ratio (build time / validate time,
5 000 employees), and their parts; and growth, as the cost per employee at 5 000 over its
cost at 50 (build_per_employee_ratio) and at 500 (build_per_employee_ratio_500,
build_500_s), and at 10 000 (three rounds) over 5 000 (build_per_employee_ratio_10000,
build_10000_s): about 1 when building grows linearly. From 500 to 5 000 the answers outgrow
the processor's cache (32 MB L3 here) and each employee costs some 10 to 40 % more; from
5 000 to 10 000, some 5 to 15 % more: memory, as every step is a look-up or an append per
answer, none growing with the number of employees.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
sys.path.insert(0, str(ROOT))


def varied_answers(n: int) -> dict[str, str]:
    """`n` employees whose amounts are not copies of each other's: a value read once for the
    whole file would make checking look cheaper than it is with real pay."""
    from decimal import Decimal

    from tests.test_mensuelle import answers_for, cdd_partiel, cdi_cadre, ctp_for

    people = [cdi_cadre(i) if i % 2 == 0 else cdd_partiel(i) for i in range(n)]
    for i, person in enumerate(people):
        person["contrat.numero"] = f"{person['contrat.numero'][:3]}{i:07d}"
        cents = Decimal(i % 4999) / 100
        for key, value in list(person.items()):
            if key.endswith("cotisation.montant") or key in ("paie.net_verse", "paie.net_social"):
                person[key] = f"{Decimal(value) + cents:.2f}"
    return answers_for(people, ctp=ctp_for(people))


def measure(n: int, rounds: int = 5) -> dict[str, float]:
    """Build then validate `rounds` times, alternately, in one process; the medians (this
    machine's noise is ±0.2 s on one pass) and the first build (cold caches) apart."""
    from forms.declarations import BuildContext, assemble
    from forms.validator import validate_bytes
    from tests.test_mensuelle import CTX

    answers = varied_answers(n)
    ctx: BuildContext = CTX
    builds: list[float] = []
    validations: list[float] = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        built = assemble("mensuelle", answers, ctx)  # every answer checked, then the file built
        builds.append(time.perf_counter() - start)
        gc.collect()
        start = time.perf_counter()
        report = validate_bytes(built.data, path=built.filename)
        validations.append(time.perf_counter() - start)
        assert not report.blocking, [f.message for f in report.findings if f.blocking][:3]
    return {
        "answers": len(answers),
        "lines": built.data.count(b"\n"),
        "build_s": statistics.median(builds),
        "validate_s": statistics.median(validations),
        "build_cold_s": builds[0],
    }


def main() -> None:
    small = measure(50)
    middle = measure(500)  # growth read between sizes where fixed costs no longer weigh
    large = measure(5000)
    larger = measure(10000, rounds=3)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.update({
        "build_50_s": round(small["build_s"], 3),
        "build_5000_s": round(large["build_s"], 3),
        "build_5000_cold_s": round(large["build_cold_s"], 3),
        "build_ratio": round(large["build_s"] / large["validate_s"], 2),
        "build_validate_5000_s": round(large["validate_s"], 3),
        "build_lines_5000": large["lines"],
        "build_answers_5000": large["answers"],
        "build_per_employee_ratio": round((large["build_s"] / 5000) / (small["build_s"] / 50), 2),
        "build_500_s": round(middle["build_s"], 3),
        "build_per_employee_ratio_500": round((large["build_s"] / 5000) / (middle["build_s"] / 500), 2),
        "build_10000_s": round(larger["build_s"], 3),
        "build_per_employee_ratio_10000": round((larger["build_s"] / 10000) / (large["build_s"] / 5000), 2),
    })
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps({k: v for k, v in results.items() if k.startswith("build")}, indent=2))


if __name__ == "__main__":
    main()
