"""``cspr-docs demo``: the one-command tour on the bundled fictional case."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .files import bundled, write_atomic
from .findings import summarise
from .render import TEMPLATES, render_to_file


def run_demo(out_dir: Path, echo: Callable[[str], None] = print) -> int:
    """Render every document type from ``examples/``, check each one (case file and register
    included) and write an HTML findings report; returns 1 if any draft has an error finding."""
    from .anonymise import load_register
    from .casefile import load_case_with_raw
    from .checks import run_checks
    from .commands.check import publication_deadline
    from .document import read_document
    from .report import render

    examples = bundled("examples")
    case, raw = load_case_with_raw(examples / "case.yaml")
    register = load_register(examples / "register.yaml")
    out_dir.mkdir(parents=True, exist_ok=True)
    echo(f"Example case: {examples / 'case.yaml'} (entirely fictional)")
    echo("1. Drafts rendered from the case file:")
    reports, documents = [], {}
    for doc_type, template in TEMPLATES.items():
        path = render_to_file(case, doc_type, out_dir / template).output
        echo(f"   {doc_type:<18} -> {path}")
        doc = read_document(path)
        report = run_checks(doc, doc_type, case=case, case_raw=raw, register=register)
        report.document = str(path)
        reports.append(report)
        documents[report.document] = doc
    echo("2. Pre-publication check of each draft (sections, reviewer, recommendations, register,")
    echo("   identifying details, hidden content, accessibility, distribution and timescales):")
    for report in reports:
        counts = summarise(report.findings)
        present = sum(1 for row in report.checklist if row[2] == "ok")
        echo(f"   {Path(report.document).name:<26} {present}/{len(report.checklist)} checklist items, "
             f"{counts['error']} error(s), {counts['warning']} warning(s)")
    html = out_dir / "check-report.html"
    write_atomic(html, render(reports, "html", documents=documents,
                              deadline=publication_deadline(case)).encode("utf-8"))
    echo(f"3. Findings report for a person to read: {html}")
    echo("   (it quotes any identifying text found: handle it as OFFICIAL-SENSITIVE)")
    echo(f"Next: 'cspr-docs timeline \"{examples / 'case.yaml'}\"' for the statutory deadlines, "
         "'cspr-docs init my-case' to start your own case, and 'cspr-docs scan' / "
         "'cspr-docs redact' on your own documents.")
    return 1 if any(summarise(r.findings)["error"] for r in reports) else 0
