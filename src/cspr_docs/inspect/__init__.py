"""Inspection of what nobody sees on screen: hidden content (HID001-HID008), draft and
protective markings (PUB002) and accessibility (ACC001-ACC006).

``check`` calls ``inspect_document`` and ``accessibility``; ``cspr-docs inspect`` runs
only these families. One module per concern:

* ``docx_hidden`` - comments, tracked changes, personal properties, hidden text,
  embedded objects/image metadata/custom XML in a .docx package
* ``pdf_hidden`` - PDF metadata, annotations, attachments, JavaScript, form fields
* ``pdf_active`` - actions, associated files, page XMP and /PieceInfo anywhere in a PDF
* ``pdf_history`` - earlier revisions (incremental updates) and the text they showed
* ``redaction`` - failed redactions and hidden text in a PDF (``pdf_glyphs`` walks the
  content; ``pdf_cut`` takes hidden glyphs out for ``sanitize``)
* ``markings`` - DRAFT / OFFICIAL-SENSITIVE ... (phrases in ``data/markings.yaml``)
* ``a11y`` - title, language, headings, alt text, table headers, tagged PDF
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document
    from ..findings import Finding

#: the rule families these functions produce (for ``report.Report.families``)
FAMILIES = ["hidden content", "publication", "accessibility"]


def inspect_document(doc: "Document") -> "list[Finding]":
    """HID001-HID008 and PUB002 for a .docx or .pdf; only PUB002 for .txt/.md."""
    from .markings import protective_markings

    findings: list = []
    if doc.format == "docx":
        from .docx_hidden import inspect_docx

        findings += inspect_docx(doc)
    elif doc.format == "pdf":
        from ..readers.pdf import damaged_pdf_errors
        from .pdf_hidden import inspect_pdf
        from .redaction import failed_redactions

        with damaged_pdf_errors(doc.path):
            findings += inspect_pdf(doc)
            findings += failed_redactions(doc)
    findings += protective_markings(doc)
    return findings


def accessibility(doc: "Document") -> "list[Finding]":
    """ACC001-ACC006 for a .docx or .pdf; ``[]`` for .txt/.md."""
    from .a11y import accessibility as _accessibility

    return _accessibility(doc)


__all__ = ["FAMILIES", "accessibility", "inspect_document"]
