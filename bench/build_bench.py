"""`make bench`: the cost of building a monthly DSN from answers, against validating it.

Generates the answers of a monthly DSN for 50 and for 5 000 employees (the two people of
`tests/samples/mensuelle-normale.dsn`, alternated, with other names, NIRs and contract
numbers: `tests/test_mensuelle.mensuelle_answers`), then times what `forms.declarations.build`
does before it validates — every answer checked and the answers that apply kept
(`FormSession.errors_and_answers()`, as `errors()` then `effective_answers()`), the builder
and the writer — and, apart, the engine's validation of the file built.
Merges into bench/results.json: build_50_s, build_5000_s, build_ratio (build time / validate
time, 5 000 employees), and their parts.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
sys.path.insert(0, str(ROOT))


def measure(n: int) -> dict[str, float]:
    from forms.declarations import BuildContext, assemble
    from forms.validator import validate_bytes
    from tests.test_mensuelle import CTX, mensuelle_answers

    answers = mensuelle_answers(n)
    ctx: BuildContext = CTX
    gc.collect()
    start = time.perf_counter()
    built = assemble("mensuelle", answers, ctx)  # every answer checked, then the file built
    built_at = time.perf_counter()
    gc.collect()
    report = validate_bytes(built.data, path=built.filename)
    validated = time.perf_counter()
    assert not report.blocking, [f.message for f in report.findings if f.blocking][:3]
    return {
        "answers": len(answers),
        "lines": built.data.count(b"\n"),
        "build_s": built_at - start,
        "validate_s": validated - built_at,
    }


def main() -> None:
    small = measure(50)
    large = measure(5000)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.update({
        "build_50_s": round(small["build_s"], 3),
        "build_5000_s": round(large["build_s"], 3),
        "build_ratio": round(large["build_s"] / large["validate_s"], 2),
        "build_validate_5000_s": round(large["validate_s"], 3),
        "build_lines_5000": large["lines"],
        "build_answers_5000": large["answers"],
        "build_per_employee_ratio": round((large["build_s"] / 5000) / (small["build_s"] / 50), 2),
    })
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps({k: v for k, v in results.items() if k.startswith("build")}, indent=2))


if __name__ == "__main__":
    main()
