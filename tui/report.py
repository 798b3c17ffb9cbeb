"""Plain-text rendering of validation reports and block trees (CLI and plain mode).

Plain lines only: no colour, no box drawing, so that a screen reader reads them in order.
"""

from __future__ import annotations

from pathlib import Path

import click

from forms.dsn.document import parse_document
from forms.dsn.tree import Occurrence
from forms.findings import Finding
from forms.i18n import _, ngettext
from forms.norm import load_norm
from forms.validator import Report


def _block_of(f: Finding) -> str:
    return f.rubrique[:10] if f.rubrique and f.rubrique.startswith("S") else ""


def render_report(report: Report, explain: bool = False) -> str:
    norm = load_norm(report.version) if report.version in ("P26V01", "P25V01") else load_norm()
    out: list[str] = []
    blocking = sum(1 for f in report.findings if f.blocking)
    other = len(report.findings) - blocking
    head = report.path
    if report.version:
        head += " — " + _("norm {version}, {n} declaration(s), {lines} lines").format(
            version=report.version, n=report.declarations, lines=report.lines
        )
    out.append(head)
    if not report.findings:
        out.append("  " + _("No finding: the file passes every control Comptoir knows."))
        return "\n".join(out)
    out.append(
        "  "
        + ngettext("{n} blocking finding", "{n} blocking findings", blocking).format(n=blocking)
        + ", "
        + ngettext("{n} other finding", "{n} other findings", other).format(n=other)
    )
    groups: dict[str, list[Finding]] = {}
    for f in report.findings:
        groups.setdefault(_block_of(f), []).append(f)
    order = sorted(groups, key=lambda b: (b != "", norm.blocks[b].order if b in norm.blocks else 999, b))
    for block in order:
        title = _("File") if not block else _("Block {block} — {label}").format(block=block, label=norm.label(block))
        out.append("")
        out.append("  " + title)
        for f in sorted(groups[block], key=lambda f: (f.line or 0)):
            where = _("line {n}").format(n=f.line) if f.line else _("whole file")
            what = f"{f.rubrique} {f.label}" if f.rubrique and f.label and f.rubrique != block else ""
            out.append(f"    {where}  {what}  [{f.control}, {f.severity}]".replace("    ", "    ", 1))
            out.append(f"      {f.message}")
            if f.individual:
                out.append("      " + _("Employee: {who}").format(who=f.individual))
            if explain:
                text = norm.control_text(f.control)
                if text.get("rule"):
                    out.append("      " + _("Official rule: {text}").format(text=" ".join(text["rule"].split())))
    return "\n".join(out)


def read_or_explain(path: Path) -> bytes | None:
    """The file's bytes, or None after saying plainly why it cannot be read."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        reason = _("it is a directory")
    except FileNotFoundError:
        reason = _("no such file")
    except PermissionError:
        reason = _("permission denied")
    except OSError as exc:
        reason = exc.strerror or str(exc)
    click.echo(_("Cannot read {path}: {reason}.").format(path=path, reason=reason), err=True)
    return None


def render_tree(data: bytes) -> str:
    doc = parse_document(data)
    norm = doc.norm
    out: list[str] = []

    def walk(occ: Occurrence, depth: int) -> None:
        pad = "  " * depth
        out.append(f"{pad}{occ.block} — {norm.label(occ.block)}")
        for code in sorted(occ.values):
            value = occ.values[code]
            coded = norm.code_label(code, value)
            shown = f"'{value}'" + (f" ({coded})" if coded else "")
            out.append(f"{pad}  {code} {norm.label(code)}: {shown}")
        for child in occ.children:
            walk(child, depth + 1)

    for root in doc.roots:
        walk(root, 0)
    for issue in doc.issues:
        out.append(_("Structure: line {line}, {code}: {kind}").format(line=issue.line, code=issue.code, kind=issue.kind))
    return "\n".join(out)
