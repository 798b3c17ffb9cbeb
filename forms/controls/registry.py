"""The registry of CT controls: every CCH, SIG and CSL/CRE control of the norm is either
implemented by a rule object or listed as not decidable from one file, with its reason."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from forms.controls import rules as rules_package
from forms.controls.dsl import REASONS, ForbiddenChild, NotDecidable, RequiredChild, Rule
from forms.norm import Norm, load_norm

FAMILIES = ("CCH", "SIG", "CSL")  # CSL counts the CRE controls the CT files among them


def family_of(control_id: str) -> str:
    fam = control_id.split("/")[1].split("-")[0]
    return "CSL" if fam == "CRE" else fam


@dataclass(frozen=True)
class Registry:
    rules: dict[str, Rule]
    not_decidable: dict[str, NotDecidable]

    def by_scope(self) -> dict[str, list[Rule]]:
        out: dict[str, list[Rule]] = {}
        for rule in self.rules.values():
            out.setdefault(rule.scope, []).append(rule)
        return out

    def coverage(self, norm: Norm) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for fam in FAMILIES:
            ids = [cid for cid, c in norm.controls.items() if family_of(cid) == fam]
            done = [cid for cid in ids if cid in self.rules]
            nd = [cid for cid in ids if cid in self.not_decidable]
            reasons: dict[str, int] = {}
            for cid in nd:
                key = self.not_decidable[cid].reason
                reasons[key] = reasons.get(key, 0) + 1
            out[fam] = {
                "total": len(ids),
                "implemented": len(done),
                "not_decidable": len(nd),
                "not_yet": len(ids) - len(done) - len(nd),
                "reasons": {k: {"count": v, "text": REASONS[k]} for k, v in sorted(reasons.items())},
            }
        return out


def _modules() -> list[str]:
    return sorted(
        f"{rules_package.__name__}.{m.name}" for m in pkgutil.iter_modules(rules_package.__path__)
    )


@cache
def load_registry(version: str = "P26V01") -> Registry:
    """All rules of every module under forms/controls/rules, checked against the norm."""
    norm = load_norm(version)
    rules: dict[str, Rule] = {}
    nd: dict[str, NotDecidable] = {}
    for name in _modules():
        module = importlib.import_module(name)
        for cid, entry in getattr(module, "RULES", {}).items():
            if cid in rules or cid in nd:
                raise ValueError(f"{cid} is declared twice (again in {name})")
            if cid not in norm.controls:
                if version == "P26V01":
                    raise ValueError(f"{cid} ({name}) is not a control of {norm.ct}")
                continue  # a P26 rule whose control does not exist in this older norm
            if isinstance(entry, NotDecidable):
                nd[cid] = entry
                continue
            entry.id = cid
            if isinstance(entry, (RequiredChild, ForbiddenChild)) and not entry.within:
                entry.within = norm.blocks[entry.block].parent or ""
            rules[cid] = entry
        # Tables the module's rules read (e.g. the ISO country codes) are loaded with the
        # rules, once per process, rather than by the first file that needs them.
        prepare = getattr(module, "prepare", None)
        if prepare is not None:
            prepare()
    return Registry(rules, nd)
