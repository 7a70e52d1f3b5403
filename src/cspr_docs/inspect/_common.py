"""Helpers shared by the inspection modules: quoting, opening the package or PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

QUOTE_LIMIT = 80


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    one = " ".join(str(text).split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def pdf_reader(doc: "Document"):
    """``doc.native`` when it is a pypdf reader, otherwise a reader over ``doc.data``."""
    from pypdf import PdfReader

    from ..readers.pdf import open_pdf

    if not isinstance(doc.native, PdfReader):
        doc.native = open_pdf(doc.path, doc.data)
    return doc.native


def pdf_page_texts(doc: "Document") -> list[str]:
    """Extracted text of each page (1-based page ``i`` is item ``i - 1``)."""
    reader = pdf_reader(doc)
    out = []
    for page in reader.pages:
        try:
            out.append(page.extract_text() or "")
        except Exception:  # a damaged page must not stop the inspection
            out.append("")
    return out
