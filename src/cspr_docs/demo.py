"""``cspr-docs demo``: the one-command tour on the bundled fictional case."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

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
    write_portfolio_demo(out_dir, echo)
    echo(f"Next: 'cspr-docs timeline \"{examples / 'case.yaml'}\"' for the statutory deadlines, "
         "'cspr-docs init my-case' to start your own case, and 'cspr-docs scan' / "
         "'cspr-docs redact' on your own documents; 'cspr-docs status', 'actions' and 'yearly' "
         f"on a folder of cases such as {out_dir / 'portfolio'}.")
    return 1 if any(summarise(r.findings)["error"] for r in reports) else 0


#: The day the bundled portfolio's dates are written as seen from (see examples/portfolio/).
PORTFOLIO_AS_OF = date(2026, 12, 2)


def _shift_dates(node: Any, delta: timedelta) -> None:
    """Move every date in a loaded YAML document by ``delta`` (in place, comments kept)."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, date):
            node[key] = value + delta
        else:
            _shift_dates(value, delta)


def write_portfolio_demo(out_dir: Path, echo: Callable[[str], None] = print,
                         today: date | None = None) -> Path:
    """Write three fictional cases (the example case and ``examples/portfolio/*.yaml``) to
    ``OUT_DIR/portfolio/<reference>/case.yaml``, their dates moved by whole weeks so that the
    board is current on ``today``, and their board to ``OUT_DIR/case-board.html``."""
    import io

    from ruamel.yaml import YAML

    from .board_html import render_board_html
    from .portfolio import board

    today = today or date.today()
    delta = timedelta(weeks=(today - PORTFOLIO_AS_OF).days // 7)
    examples = bundled("examples")
    yaml = YAML(typ="rt")
    folder = out_dir / "portfolio"
    for source in [examples / "case.yaml", *sorted((examples / "portfolio").glob("*.yaml"))]:
        data = yaml.load(source.read_text(encoding="utf-8"))
        _shift_dates(data, delta)
        target = folder / str(data["case"]["reference"]) / "case.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        buf = io.StringIO()
        yaml.dump(data, buf)
        write_atomic(target, buf.getvalue().encode("utf-8"))
    rows = board(folder, today)
    page = out_dir / "case-board.html"
    write_atomic(page, render_board_html(rows, today, source=str(folder)).encode("utf-8"))
    echo(f"4. A small portfolio of three fictional cases, {folder}, and its deadline board: {page}")
    for r in rows:
        nxt = f"next: {r.next_name} in {r.working_days_left} working day(s)" if r.next_name else "nothing pending"
        echo(f"   {r.reference:<15} {r.stage:<21} {nxt}; {r.open_recs} open recommendation(s)")
    return page
