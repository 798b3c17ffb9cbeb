"""Compile the norm material of ../shared/spec into the data files that `forms` ships.

Run: `python scripts/compile_norm.py [--spec ../shared/spec] [--out forms/norm/data]`
(or `make norm`). The package never reads ../shared at run time; this script is the only
bridge, and `tests/test_norm_data.py` checks that the shipped files are up to date.

Outputs, per norm version (P26V01 from CT2026, P25V01 from CT2025):
- `<V>.json`       blocks (parent, order, cardinalities), rubriques (type, lengths, regex,
                   codes with labels), controls (family, severity, references).
- `<V>-texts.json` the long texts, loaded on demand: block/rubrique descriptions and the
                   official rule text and message of every control (CT2026 extract, completed
                   from the full CT2024 workbook where the extract is cut and still agrees).
- `usage-<V>.json` usage per nature (O/C/F/I/?) for blocks and rubriques, with evidence,
                   merged with our own assumptions (scripts/norm_sources/usage-assumptions.csv),
                   each with its reason.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NORMS = {"P26V01": "2026", "P25V01": "2025"}
CUT_AT = 500  # the CT extract cuts control texts at this many characters
MESSAGE_SEP = " | Message:"


def split_text(text: str) -> tuple[str, str]:
    """The extract joins the rule and its official message with ' | Message:'."""
    rule, _, message = text.partition(MESSAGE_SEP)
    return rule.strip(), message.strip()


def load_ct2024(spec: Path) -> dict[str, tuple[str, str]]:
    with open(spec / "dsn-ct2024" / "controls-ct2024.csv", encoding="utf-8") as f:
        return {
            row["control"]: (row["rule"].replace("_x000D_", "").strip(), row["message"].strip())
            for row in csv.DictReader(f)
        }


def normalise_id(raw: str) -> str:
    """'CCH14' and 'CCH -11' occur in the extract; the norm writes 'CCH-14', 'CCH-11'."""
    m = re.fullmatch(r"\s*([A-Z]{3})\s*-?\s*(\d{2})\s*", raw)
    return f"{m.group(1)}-{m.group(2)}" if m else raw.strip()


def _norm_space(text: str) -> str:
    return " ".join(text.split())


def complete_text(
    control_id: str, rule: str, message: str, raw_len: int, ct2024: dict[str, tuple[str, str]]
) -> tuple[str, str, str]:
    """Return (rule, message, source). A text cut at 500 characters is completed from CT2024
    only when the CT2024 text starts with what the extract kept (the rule is unchanged)."""
    if raw_len < CUT_AT - 5:
        return rule, message, "CT2026" if control_id else ""
    old = ct2024.get(control_id)
    if old is None:
        return rule, message, "cut"
    old_rule, old_message = old
    kept = _norm_space(rule)
    if _norm_space(old_rule).startswith(kept[: max(0, len(kept) - 3)]):
        if message and not _norm_space(old_message).startswith(
            _norm_space(message)[: max(0, len(_norm_space(message)) - 3)]
        ):
            return rule, message, "cut"
        return old_rule, old_message, "CT2024"
    return rule, message, "cut"


def block_tree(spec: Path, ct_blocks: dict) -> dict[str, dict]:
    """Parent, document order and generic cardinality of each block.

    The CT2024 workbook lists blocks in document order with their parent and cardinality;
    the CT extract gives the parent only. The XSD schemas put S20.G00.05 under S10.G00.00
    (an envoi holds its declarations) and S90.G00.90 at the root: we follow them.
    """
    with open(spec / "dsn-ct2024" / "blocks-ct2024.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    generic: dict[str, tuple[int, int | None]] = {
        r["block"]: (int(r["lower_bound"]), None if r["upper_bound"] == "*" else int(r["upper_bound"]))
        for r in rows
    }
    workbook_order = [r["block"] for r in rows]
    order = ["S10.G00.00", "S10.G00.01", "S10.G00.02", "S20.G00.05"]
    order += [b for b in workbook_order if b not in order]
    order += sorted(b for b in ct_blocks if b not in order and b != "S90.G00.90")
    order.append("S90.G00.90")
    tree: dict[str, dict] = {}
    for index, code in enumerate(order):
        if code not in ct_blocks:
            continue
        parent = ct_blocks[code]["parent_bloc"]
        if code == "S20.G00.05":
            parent = "S10.G00.00"
        lo, hi = generic.get(code, (1, 1) if code in ("S10.G00.00", "S90.G00.90") else (1, None))
        tree[code] = {"parent": parent, "order": index, "min": lo, "max": hi}
    return tree


def xsd_cardinalities(spec: Path) -> dict[str, dict[str, tuple[int, int | None]]]:
    """Per-nature block cardinalities from the receiver's schemas: 01 (monthly) and 07 (FCTU)."""
    out: dict[str, dict[str, tuple[int, int | None]]] = {"01": {}, "07": {}}
    for nature, name, section in (
        ("01", "p26-mensuelle-cardinalities.csv", "DSN"),
        ("07", "p26-fctu-cardinalities.csv", "SIGNALEMENT"),
    ):
        with open(spec / "dsn-xsd" / name, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["section"] != section or row["level"] != "block":
                    continue
                if row["added_by_circuit"] == "yes":
                    continue
                hi = None if row["max_occurs"] in ("*", "unbounded") else int(row["max_occurs"])
                out[nature][row["code"]] = (int(row["min_occurs"]), hi)
        if nature == "07":
            out[nature]["S90.G00.90"] = (1, 1)
    return out


def compile_version(spec: Path, version: str, year: str, ct2024: dict) -> tuple[dict, dict]:
    ct = json.loads((spec / "dsn-events" / f"ct{year}-dsn-mcp.json").read_text(encoding="utf-8"))
    meta = json.loads(
        (spec / "dsn-events" / f"ct{year}-dsn-mcp.metadata.json").read_text(encoding="utf-8")
    )
    ct_blocks = ct["blocs"]
    tree = block_tree(spec, ct_blocks)
    xsd = xsd_cardinalities(spec) if version == "P26V01" else {}
    blocks: dict[str, dict] = {}
    rubriques: dict[str, dict] = {}
    controls: dict[str, dict] = {}
    texts: dict[str, dict] = {"blocks": {}, "rubriques": {}, "controls": {}}
    for code in sorted(tree, key=lambda c: tree[c]["order"]):
        src = ct_blocks[code]
        node = dict(tree[code])
        node["label"] = src["name"]
        node["natures"] = {
            nature: list(card[code]) for nature, card in sorted(xsd.items()) if code in card
        }
        node["rubriques"] = sorted(src["rubriques"])
        blocks[code] = node
        texts["blocks"][code] = src["description"] or ""
        for rcode in node["rubriques"]:
            r = src["rubriques"][rcode]
            rubriques[rcode] = {
                "label": r["label"],
                "type": r["data_type"],
                "min": r["length_min"],
                "max": r["length_max"],
                "regex": r["format_regex"],
                "codes": {e["code"]: e["label"] for e in r["enumeration"] or []},
            }
            texts["rubriques"][rcode] = r["description"] or ""
            for family_key, default_family in (
                ("csl_controls", "CSL"),
                ("cch_controls", "CCH"),
                ("sig_controls", "SIG"),
            ):
                for c in r[family_key]:
                    official = normalise_id(c["id"])
                    cid = f"{rcode}/{official}"
                    if cid in controls:
                        # The CT itself gives one id to two different rules of a rubrique
                        # (6 cases): keep both, the second as `ID#2`.
                        cid += "#2"
                    family = official.split("-")[0] or default_family
                    raw = c.get("rule_text") or c.get("description") or ""
                    rule, message = split_text(raw)
                    rule, message, source = complete_text(cid, rule, message, len(raw), ct2024)
                    severity = c.get("severity") or "blocking"
                    if family == "SIG":
                        severity = "warning"
                    controls[cid] = {
                        "rubrique": rcode,
                        "family": family,
                        "severity": severity,
                        "refs": sorted(set(c.get("references") or [])),
                    }
                    texts["controls"][cid] = {"rule": rule, "message": message, "source": source}
    data = {
        "version": version,
        "ct": meta.get("ct_version", f"CT{year}"),
        "stats": meta.get("stats", {}),
        "blocks": blocks,
        "rubriques": rubriques,
        "controls": controls,
    }
    return data, texts


def compile_usage(spec: Path, version: str, rubriques: dict, blocks: dict) -> dict:
    """Usage letters per nature: the evidence of usages-p26.csv, then our assumptions on top.

    For P25V01 the same table is used for the codes that exist in CT2025 (no separate
    evidence exists for 2025); the file says so in its `assumptions` header.
    """
    table: dict[str, dict[str, dict]] = {}
    with open(spec / "usages" / "usages-p26.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["code"]
            if code not in rubriques and code not in blocks:
                continue
            table.setdefault(row["nature"], {})[code] = {
                "usage": row["usage"],
                "condition": row["condition"],
                "evidence": row["evidence"],
                "confidence": row["confidence"],
                "origin": "usages-p26.csv",
            }
    assumptions = []
    with open(HERE / "norm_sources" / "usage-assumptions.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["version"] not in ("*", version):
                continue
            code = row["code"]
            if code not in rubriques and code not in blocks:
                continue
            entry = {
                "usage": row["usage"],
                "condition": row["condition"],
                "evidence": "assumption",
                "confidence": "low",
                "origin": "usage-assumptions.csv",
                "reason": row["reason"],
            }
            previous = table.setdefault(row["nature"], {}).get(code)
            if previous and previous["usage"] not in ("?", ""):
                continue  # evidence beats our assumption
            table[row["nature"]][code] = entry
            assumptions.append({"nature": row["nature"], "code": code, **entry})
    header = [
        "Rubrique usage applies when its block is present; block usage says whether the block must be there.",
        "'?' means not established: no finding is ever made from it.",
    ]
    if version != "P26V01":
        header.append(
            "No usage evidence exists for this version: the P26V01 evidence is applied to the codes"
            " that exist in both norms (the two differ by 5 rubriques)."
        )
    return {"version": version, "notes": header, "natures": table, "assumptions": assumptions}


def dump(path: Path, payload: dict) -> None:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def build(spec: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    ct2024 = load_ct2024(spec)
    written = []
    for version, year in NORMS.items():
        data, texts = compile_version(spec, version, year, ct2024)
        usage = compile_usage(spec, version, data["rubriques"], data["blocks"])
        for name, payload in (
            (f"{version}.json", data),
            (f"{version}-texts.json", texts),
            (f"usage-{version}.json", usage),
        ):
            dump(out / name, payload)
            written.append(out / name)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=ROOT.parent / "shared" / "spec")
    parser.add_argument("--out", type=Path, default=ROOT / "forms" / "norm" / "data")
    args = parser.parse_args()
    for path in build(args.spec, args.out):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
