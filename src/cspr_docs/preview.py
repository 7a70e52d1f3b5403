"""``cspr-docs preview``: PNG images of a document's pages (LibreOffice for .docx, pdftoppm)."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .files import read_input, write_atomic


def write_previews(document: Path, out_dir: Path, *, dpi: int = 60,
                   pages: int | None = None) -> list[Path]:
    """Write ``<stem>-page-<n>.png`` for each page of ``document`` into ``out_dir``;
    returns the paths. Every image is made before any is written."""
    from .pdf_export import docx_to_pdf, pdf_to_pngs
    from .readers.docx import check_package

    data = read_input(document)
    if data.startswith(b"%PDF-"):
        pdf = data
    elif data.startswith(b"PK\x03\x04"):
        check_package(document, data)
        pdf = docx_to_pdf(data, document)
    else:
        raise InputError(document, "is neither a .docx nor a .pdf file")
    images = pdf_to_pngs(pdf, dpi=dpi, last=pages)
    if not images:
        raise InputError(document, "no page could be drawn (is the PDF damaged?)")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for number, image in enumerate(images, start=1):
        written.append(write_atomic(out_dir / f"{document.stem}-page-{number}.png", image,
                                    inputs=(document,)))
    return written
