"""PDF input (per-page blocks from readers/pdf.py): findings carry pages; redaction to .txt/.docx."""

from __future__ import annotations

from pathlib import Path

import docx

from cspr_docs.anonymise import load_register, redact_document, scan_document
from cspr_docs.document import Block, Document
from cspr_docs.findings import Location

PAGE1 = "Review of Child A\nKelly Walsh was seen by the health visitor."
PAGE2 = "On page two, Jayden's nursery, Little Acorns Nursery, called Tom Ellis."


def pdf_document() -> Document:
    """What readers/pdf.py yields: blocks per page, offsets into that page's text."""
    doc = Document(path=Path("report.pdf"), format="pdf")
    doc.blocks = [
        Block("heading", "Review of Child A", Location("body", page=1, start=0), level=1),
        Block("paragraph", PAGE1[18:], Location("body", page=1, start=18)),
        Block("paragraph", PAGE2, Location("body", page=2, start=0)),
    ]
    return doc


def test_pdf_findings_have_page_offsets(example_register):
    found = scan_document(pdf_document(), load_register(example_register))
    by_text = {f.text: f for f in found}
    kelly = by_text["Kelly Walsh"]
    assert kelly.location.page == 1 and kelly.rule == "ANO001"
    assert PAGE1[kelly.location.start:kelly.location.end] == "Kelly Walsh"
    nursery = by_text["Little Acorns Nursery"]
    assert nursery.location.page == 2
    assert PAGE2[nursery.location.start:nursery.location.end] == "Little Acorns Nursery"
    assert by_text["Tom Ellis"].rule == "ANO002"


def test_pdf_redacts_to_text_and_docx(example_register):
    register = load_register(example_register)
    text = redact_document(pdf_document(), register, suffix=".txt").data.decode()
    assert "Mother was seen" in text and "Child A's nursery, the nursery, called Person 1" in text
    data = redact_document(pdf_document(), register, suffix=".docx").data
    import io

    d = docx.Document(io.BytesIO(data))
    assert d.paragraphs[0].style.name == "Heading 1"
    assert "Walsh" not in "\n".join(p.text for p in d.paragraphs)
