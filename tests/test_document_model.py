"""Issue 13, "document model": blocks carry what the checks need (table, row, cell, header
row, span, bold, list level, style, heading level); no XML node reaches the checks or the
HTML report; the HTML report draws a Word table as a table when run from the command line;
``document`` and ``readers`` import no cycle."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cspr_docs.document import read_document
from cspr_docs.model import Cell

SRC = Path(__file__).resolve().parents[1] / "src" / "cspr_docs"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def model_docx(path: Path) -> Path:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_heading("Learning review", level=1)
    d.add_paragraph("Plain text about the review.")
    p = d.add_paragraph()
    p.add_run("Key findings").bold = True
    style = d.styles.add_style("Boxed lead", WD_STYLE_TYPE.PARAGRAPH)
    style.font.bold = True
    d.add_paragraph("Lead paragraph in a bold style", style="Boxed lead")
    mixed = d.add_paragraph()
    mixed.add_run("Half bold ").bold = True
    mixed.add_run("half not")
    d.add_paragraph("First point", style="List Bullet")
    nested = d.add_paragraph("Nested point")
    nested._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'))
    d.add_heading("Recommendations", level=2)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("Recommendation", "Agency", "By when"),
                             ("Share referrals within a day", "Police", "March 2027"),
                             ("Merged note across two columns", None, "June 2027")]):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text
    table.cell(2, 0).merge(table.cell(2, 1))
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{W_NS}"/>'))
    d.add_paragraph("After the table.")
    d.save(str(path))
    return path


def by_text(doc):
    return {b.text: b for b in doc.blocks if b.text}


def test_blocks_carry_style_bold_list_and_heading(tmp_path):
    blocks = by_text(read_document(model_docx(tmp_path / "m.docx")))
    assert (blocks["Learning review"].kind, blocks["Learning review"].level,
            blocks["Learning review"].style) == ("heading", 1, "Heading 1")
    assert blocks["Recommendations"].level == 2
    assert blocks["Key findings"].bold and blocks["Lead paragraph in a bold style"].bold
    assert not blocks["Half bold half not"].bold and not blocks["Plain text about the review."].bold
    assert blocks["Lead paragraph in a bold style"].style == "Boxed lead"
    assert blocks["First point"].list_level == 0 and blocks["Nested point"].list_level == 1
    assert blocks["Plain text about the review."].list_level is None


def test_table_cells_carry_table_row_column_span_and_header(tmp_path):
    doc = read_document(model_docx(tmp_path / "m.docx"))
    cells = [(b.text, b.cell) for b in doc.blocks if b.kind == "cell"]
    assert cells == [
        ("Recommendation", Cell(1, 1, 1, 1, True)), ("Agency", Cell(1, 1, 2, 1, True)),
        ("By when", Cell(1, 1, 3, 1, True)),
        ("Share referrals within a day", Cell(1, 2, 1, 1, False)), ("Police", Cell(1, 2, 2, 1, False)),
        ("March 2027", Cell(1, 2, 3, 1, False)),
        ("Merged note across two columns", Cell(1, 3, 1, 2, False)), ("June 2027", Cell(1, 3, 3, 1, False)),
    ]
    assert all(b.cell is None for b in doc.blocks if b.kind != "cell")
    portable = doc.portable()  # what crosses to the report from a worker process
    assert [b.cell for b in portable.blocks] == [b.cell for b in doc.blocks]
    assert all(b.node is None for b in portable.blocks) and portable.package is None


def _table_rows(page: str) -> list[list[tuple[str, str]]]:
    """(th|td, text of the cell's paragraphs) of the first drawn table (finding details left out)."""
    import lxml.html

    tables = lxml.html.fromstring(page).find_class("doc-table")
    assert tables, "no table drawn"
    return [[(cell.tag, " ".join(p.text_content().strip() for p in cell.find_class("blk")))
             for cell in tr if cell.tag in ("th", "td")] for tr in tables[0].iter("tr")]


EXPECTED_ROWS = [[("th", "Recommendation"), ("th", "Agency"), ("th", "By when")],
                 [("td", "Share referrals within a day"), ("td", "Police"), ("td", "March 2027")],
                 [("td", "Merged note across two columns"), ("td", "June 2027")]]


def test_html_report_draws_the_table_from_the_command_line(tmp_path, cli):
    path = model_docx(tmp_path / "m.docx")
    r = cli("check", path, "--type", "lcspr", "--format", "html")
    assert r.code in (0, 1), r.stderr
    assert _table_rows(r.stdout) == EXPECTED_ROWS
    assert 'colspan="2"' in r.stdout
    # paragraphs outside the table are not drawn inside it
    assert "After the table." not in re.search(r'<table class="doc-table">.*?</table>', r.stdout, re.S).group(0)


def test_html_report_draws_tables_from_worker_processes(tmp_path):
    """Two documents with --jobs 2 are read in other processes, through the real console
    entry point: the tables still come back as tables."""
    one, two = model_docx(tmp_path / "one.docx"), model_docx(tmp_path / "two.docx")
    out = tmp_path / "report.html"
    env = {"PYTHONPATH": str(SRC.parent), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    import os

    env = {**os.environ, **env}
    r = subprocess.run([sys.executable, "-m", "cspr_docs", "check", str(one), str(two), "--type", "lcspr",
                        "--format", "html", "--jobs", "2", "-o", str(out)], capture_output=True, text=True,
                       env=env, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('<table class="doc-table">') == 2
    assert _table_rows(page) == EXPECTED_ROWS


def _python_files(*names: str):
    for name in names:
        path = SRC / name
        yield from (sorted(path.rglob("*.py")) if path.is_dir() else [path])


@pytest.mark.parametrize("path", list(_python_files("checks", "html_report.py", "report.py")),
                         ids=lambda p: p.name)
def test_checks_and_reports_touch_no_xml(path):
    """No lxml, no XML node: the checks and the reports work on the document model only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            assert not any(n.startswith("lxml") or n.endswith("readers.docx") for n in names), \
                f"{path.name}:{node.lineno} imports {names}"
        if isinstance(node, ast.Attribute):
            assert node.attr not in ("node", "iterancestors", "getparent", "native", "package"), \
                f"{path.name}:{node.lineno} reaches into the reader's objects (.{node.attr})"


def test_no_import_cycle_between_document_and_readers():
    code = ("import sys, cspr_docs.readers.docx, cspr_docs.readers.pdf, cspr_docs.readers.text;"
            "assert 'cspr_docs.document' not in sys.modules, 'a reader imports cspr_docs.document'")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={"PYTHONPATH": str(SRC.parent), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert r.returncode == 0, r.stderr
    model = ast.parse((SRC / "model.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(model) if isinstance(n, ast.ImportFrom)}
    assert not any("readers" in (m or "") or "document" in (m or "") for m in imported)
