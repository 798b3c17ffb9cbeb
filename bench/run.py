"""`make bench`: speed and memory of the engine, as ratios measured in one run.

Generates monthly DSNs of ~100 000 and ~1 000 000 lines (the individuals of the sample
`tests/samples/mensuelle-normale.dsn`, repeated with other names and NIRs), then times
- a bare Python pass that reads the file and splits each line (the floor), and
- `comptoir validate` on the same file, in a fresh process, with its peak RSS.
Each is run five times, interleaved; the ratios compare medians (one pass varies by ±20 %
on this shared machine), the peak RSS is the largest seen.
Writes bench/results.json: validate_ratio, validate_peak_rss_mb, validate_lines, and the
same with the suffix _100k for the smaller file, to show linear growth; engine_ratio is the
same pass without the CT rules (what parsing, tree, syntax and usage checks cost alone).
The registry of rules is loaded before the clock starts (a long-running app loads it once);
the file's own work (reading, tree, syntax, usage, rules) is all timed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results.json"
SAMPLE = ROOT / "tests" / "samples" / "mensuelle-normale.dsn"
ROUNDS = 5


def _sample_parts() -> tuple[list[str], list[list[str]], list[str]]:
    """Header lines, individuals (each a list of lines), trailer lines of the sample."""
    from forms.norm import load_norm

    norm = load_norm()
    in_person = {b for b in norm.blocks if b == "S21.G00.30" or "S21.G00.30" in norm.ancestors(b)}
    head: list[str] = []
    people: list[list[str]] = []
    tail: list[str] = []
    previous = ""
    for line in SAMPLE.read_bytes().decode("latin-1").splitlines():
        block = line[:10]
        if line.startswith("S90"):
            continue
        if block in in_person:
            if block == "S21.G00.30" and previous != "S21.G00.30":
                people.append([])
            people[-1].append(line)
        elif people:
            tail.append(line)
        else:
            head.append(line)
        previous = block
    return head, people, tail


def generate(path: Path, target_lines: int) -> int:
    head, people, tail = _sample_parts()
    n = 0
    with open(path, "w", encoding="latin-1", newline="\n") as f:
        for line in head:
            f.write(line + "\n")
        n += len(head)
        i = 0
        while n < target_lines - len(tail) - 2:
            person = people[i % len(people)]
            for line in person:
                if line.startswith("S21.G00.30.001"):
                    # Keep sex, birth year/month/department; vary commune and order number.
                    nir = line[16:-1]
                    line = f"S21.G00.30.001,'{nir[:7]}{100 + (i // 900) % 899:03d}{1 + i % 900:03d}'"
                elif line.startswith("S21.G00.30.002"):
                    line = f"S21.G00.30.002,'NOM{i}'"
                f.write(line + "\n")
            n += len(person)
            i += 1
        for line in tail:
            f.write(line + "\n")
        n += len(tail)
        f.write(f"S90.G00.90.001,'{n + 2}'\nS90.G00.90.002,'1'\n")
    return n + 2


def bare_pass(path: Path) -> float:
    """The floor: read the file as ISO-8859-1 text and split each line into code and value."""
    start = time.perf_counter()
    count = 0
    with open(path, encoding="latin-1") as f:
        for line in f:
            code, _, value = line.rstrip("\r\n").partition(",'")
            count += len(value) > 0
    return time.perf_counter() - start


_CHILD = """
import json, resource, sys, time
import forms.validator
from forms.validator import validate_path
if sys.argv[2] == "engine":  # the engine alone: no CT rule (to see what the rules cost)
    class _NoRules:
        def by_scope(self):
            return {}
    forms.validator.load_registry = lambda version: _NoRules()
else:  # the rules loaded once before, as in a running app (`comptoir` keeps them): not timed
    forms.validator.load_registry(forms.validator.DEFAULT_VERSION)
start = time.perf_counter()
report = validate_path(sys.argv[1])
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": elapsed, "rss_mb": rss, "findings": len(report.findings),
                  "blocking": sum(f.blocking for f in report.findings), "lines": report.lines}))
"""


def validate_in_child(path: Path, mode: str = "full") -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def measure(lines: int) -> dict:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"monthly-{lines}.dsn"
    written = generate(path, lines)
    # ROUNDS rounds, each the floor then the engine then the whole validation, interleaved so
    # that a busy moment of this shared machine hits all three; the medians are compared.
    bares, engines, results = [], [], []
    for _ in range(ROUNDS):
        bares.append(bare_pass(path))
        engines.append(validate_in_child(path, "engine")["s"])
        results.append(validate_in_child(path))
    bare = statistics.median(bares)
    validate = statistics.median(r["s"] for r in results)
    return {"lines": written, "bare_s": bare, "validate_s": validate, "ratio": validate / bare,
            "engine_ratio": statistics.median(engines) / bare,
            "rss_mb": max(r["rss_mb"] for r in results), "findings": results[0]["findings"],
            "blocking": results[0]["blocking"]}


def main() -> None:
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    small = measure(100_000)
    large = measure(1_000_000)
    results.update({
        "validate_ratio": round(large["ratio"], 2),
        "validate_peak_rss_mb": round(large["rss_mb"], 1),
        "validate_lines": large["lines"],
        "validate_s": round(large["validate_s"], 3),
        "bare_s": round(large["bare_s"], 3),
        "validate_findings": large["findings"],
        "engine_ratio": round(large["engine_ratio"], 2),
        "validate_ratio_100k": round(small["ratio"], 2),
        "validate_peak_rss_mb_100k": round(small["rss_mb"], 1),
        "validate_lines_100k": small["lines"],
        "validate_s_100k": round(small["validate_s"], 3),
        "machine": f"{os.cpu_count()} cpu, python {sys.version.split()[0]}",
    })
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
