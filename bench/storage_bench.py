"""`make bench` (storage part): the time to autosave one answer, beside a bare SQLite write.

In one run, on the same machine and disk, interleaved so both see the same conditions:
- autosave: `Store.save_answer` on a SQLite database made by `open_store` (upsert of the
  answer, its history row and the draft's step/position, one transaction, WAL,
  synchronous=NORMAL, foreign keys on);
- bare: Python's sqlite3 writing the same answer row (the same upsert) in its own
  BEGIN/COMMIT, on a database with the same settings and the same table.
Merges into bench/results.json: autosave_p50_ms, autosave_p95_ms, bare_insert_p50_ms,
bare_insert_p95_ms, autosave_ratio (median autosave / median bare; target <= 3) and
autosave_ratio_p95.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
sys.path.insert(0, str(ROOT))

N = 3000
WARMUP = 300


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    from storage.store import open_store

    with tempfile.TemporaryDirectory(prefix="comptoir-bench-") as tmp:
        store = open_store("sqlite:///" + os.path.join(tmp, "comptoir.db"))
        draft = store.create_draft(None, "mensuelle", "2026-01")
        bare = sqlite3.connect(os.path.join(tmp, "bare.db"), isolation_level=None)
        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = NORMAL")
        bare.execute(
            'CREATE TABLE answer (draft_id INTEGER NOT NULL, "key" VARCHAR NOT NULL, value VARCHAR NOT NULL, '
            'valid BOOLEAN NOT NULL, updated VARCHAR NOT NULL, PRIMARY KEY (draft_id, "key"))'
        )
        upsert = (
            'INSERT INTO answer (draft_id, "key", value, valid, updated) VALUES (?, ?, ?, ?, ?) '
            'ON CONFLICT (draft_id, "key") DO UPDATE SET value = excluded.value, valid = excluded.valid, updated = excluded.updated'
        )
        autosave: list[float] = []
        plain: list[float] = []
        clock = time.perf_counter
        for i in range(WARMUP + N):
            key, value = f"salaries.{i % 25}.brut", f"{1000 + i}.00"
            t0 = clock()
            store.save_answer(draft, key, value, step=i % 7, position=key)
            t1 = clock()
            bare.execute("BEGIN")
            bare.execute(upsert, (draft, key, value, True, "2026-01-15T09:00:00.000000+00:00"))
            bare.execute("COMMIT")
            t2 = clock()
            if i >= WARMUP:
                autosave.append((t1 - t0) * 1000)
                plain.append((t2 - t1) * 1000)
        assert store.load_draft(draft).answers
        store.close()
        bare.close()
    result = {
        "autosave_p50_ms": round(statistics.median(autosave), 4),
        "autosave_p95_ms": round(_pct(autosave, 0.95), 4),
        "bare_insert_p50_ms": round(statistics.median(plain), 4),
        "bare_insert_p95_ms": round(_pct(plain, 0.95), 4),
    }
    result["autosave_ratio"] = round(result["autosave_p50_ms"] / result["bare_insert_p50_ms"], 2)
    result["autosave_ratio_p95"] = round(result["autosave_p95_ms"] / result["bare_insert_p95_ms"], 2)
    merged = {}
    if RESULTS.exists():
        try:
            merged = json.loads(RESULTS.read_text())
        except ValueError:
            merged = {}
    merged.update(result)
    RESULTS.write_text(json.dumps(merged, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
