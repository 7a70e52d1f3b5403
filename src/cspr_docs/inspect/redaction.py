"""HID007: failed redactions and other hidden text in a PDF, found from the content stream
alone (no rasteriser).

Like Free Law Project's x-ray, text is a failed redaction when it can still be
extracted although nobody sees it:

* it lies under an opaque filled rectangle (or path) or an opaque picture painted *after*
  it - the black box drawn over a name - or
* its fill colour equals the colour behind it: black text on a black box drawn before
  it, white text on the white page;

and it is hidden text when it is drawn in an optional-content layer the document switches
off, outside the page (MediaBox/CropBox) or its clipping area, at an effective size under
1 pt, with horizontal scaling 0, or in the invisible rendering mode (Tr 3) away from any
picture.

``pdf_glyphs.GlyphWalker`` walks the page's content stream (pypdf's ``ContentStream``
operations) with its graphics and text state - CTM, fill colour, alpha, text matrix,
font, size, character/word spacing, TJ adjustments - decoding and measuring every
glyph with pypdf's ``Font``, and records filled areas in painting order; this module
groups the glyphs nobody can see into runs of text and reports them with their page.
Text in render mode 3 lying on a picture (the invisible OCR layer of a scanned page) is
not reported, and a picture is never a background of a known colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..findings import Finding, Location, make_finding
from ._common import pdf_reader, quote
from .pdf_glyphs import SAME_COLOUR_TEXT, UNDER_BOX, UNDER_PICTURE, GlyphWalker


@dataclass
class Hidden:
    page: int
    text: str
    how: str
    start: int | None = None


def find_hidden_text(page, number: int, reader=None) -> list[Hidden]:
    """Runs of text on ``page`` that can be extracted but not seen."""
    try:
        walker = GlyphWalker(page, reader).walk()
        hidden = {id(g): how for g, how in walker.hidden()}
    except Exception:  # a damaged content stream must not stop the inspection
        return []
    runs: list[tuple[str, list[str]]] = []
    previous = None
    for g in walker.glyphs:
        how = hidden.get(id(g))
        if how is None:
            previous = None
            continue
        if previous is not None and previous[1] == how and runs:
            if previous[0] != g.op and not g.char.isspace() and runs[-1][1] and not runs[-1][1][-1].isspace():
                runs[-1][1].append(" ")
            runs[-1][1].append(g.char)
        else:
            runs.append((how, [g.char]))
        previous = (g.op, how)
    page_text = ""
    if runs:
        try:
            page_text = page.extract_text() or ""
        except Exception:
            page_text = ""
    out = []
    for how, chars in runs:
        text = " ".join("".join(chars).split())
        if len(text) >= 2:
            at = page_text.find(text)
            out.append(Hidden(number, text, how, at if at >= 0 else None))
    return out


def failed_redactions(doc: Document) -> list[Finding]:
    """HID007 findings for a PDF ``Document`` (``[]`` for other formats)."""
    if doc.format != "pdf":
        return []
    reader = pdf_reader(doc)
    findings = []
    for number, page in enumerate(reader.pages, start=1):
        for h in find_hidden_text(page, number, reader):
            covered = h.how in (UNDER_BOX, UNDER_PICTURE, SAME_COLOUR_TEXT)
            findings.append(make_finding(
                "HID007",
                f"{'Failed redaction' if covered else 'Hidden text'} on page {h.page}: text {h.how} can still "
                f"be copied: \"{quote(h.text)}\" "
                + ("(delete the text itself before exporting, or redact with a tool that removes it)" if covered
                   else "(delete it in the source document, or run 'cspr-docs sanitize')"),
                Location("body", page=h.page, start=h.start,
                         end=None if h.start is None else h.start + len(h.text)), text=h.text))
    return findings
