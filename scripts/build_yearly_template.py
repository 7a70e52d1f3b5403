#!/usr/bin/env python3
"""Build ``templates/yearly/yearly_figures.docx``: the yearly-report section that
``cspr-docs yearly --format docx`` renders (docxtpl). Run: ``python3 scripts/build_yearly_template.py``.

The section is plain Word (built-in styles only) so it drops into a partnership's yearly report
and takes on its styles. Variables: ``partnership``, ``period_from``, ``period_to``, ``as_at``,
``cases`` and ``sections`` (each a ``title`` and ``rows`` of ``measure`` and ``value``), all text.
It lives in a subfolder so ``templates validate`` (case-file templates) does not take it for one.
Deterministic: fixed properties and zip timestamps, so re-running gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from build_templates import _normalise_zip  # scripts/: run as python3 scripts/build_yearly_template.py

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

OUT = Path(__file__).resolve().parent.parent / "templates" / "yearly" / "yearly_figures.docx"


def _header_row(row) -> None:
    """Mark a table row as a header row (repeats on each page; read as headers by screen readers)."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def build() -> bytes:
    doc = Document()
    doc.add_paragraph("Child safeguarding practice reviews: {{ period_from }} to {{ period_to }}",
                      style="Heading 1")
    doc.add_paragraph("This section gives the figures for {{ partnership }} for the period "
                      "{{ period_from }} to {{ period_to }}, drawn from {{ cases }} case files{% if unreadable %} "
                      "({{ unreadable }} more could not be read and are not counted: see the list "
                      "cspr-docs printed){% endif %}. "
                      "Timeliness counts the statutory deadlines that fell due in the "
                      "period; recommendations are shown with the status recorded for them.",
                      style="Normal")
    doc.add_paragraph("{%p for s in sections %}")
    doc.add_paragraph("{{ s.title }}", style="Heading 2")
    table = doc.add_table(rows=4, cols=2)
    table.style = "Table Grid"
    header, start, body, end = table.rows
    for cell, text in zip(header.cells, ("Measure", "Figure")):
        cell.paragraphs[0].add_run(text).bold = True
    _header_row(header)
    start.cells[0].paragraphs[0].add_run("{%tr for r in s.rows %}")
    body.cells[0].paragraphs[0].add_run("{{ r.measure }}")
    body.cells[1].paragraphs[0].add_run("{{ r.value }}")
    end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(12), Cm(4)
    doc.add_paragraph("{%p endfor %}")
    props = doc.core_properties
    props.title = "Yearly report: child safeguarding practice reviews"
    props.author = props.last_modified_by = "cspr-docs"
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return _normalise_zip(raw.getvalue())  # fixed timestamps, as for the other templates


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT}")
