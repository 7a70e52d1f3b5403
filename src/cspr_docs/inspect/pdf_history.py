"""Earlier revisions of a PDF: incremental updates append to a file, so what a page showed
before an edit (a name since deleted, a redaction box added later) is still inside it.

The reader (``readers.pdf_unseen``) finds the revisions and turns the lines an earlier
revision showed that no page shows now into blocks; here the revisions are one HID008
finding and each such block an HID007 finding with its page. ``sanitize`` writes a fresh
file without them.
"""

from __future__ import annotations

from ..document import Document
from ..findings import Finding, Location, make_finding
from ..readers.pdf_unseen import EARLIER, earlier_revisions, history_blocks
from ._common import pdf_page_texts, quote


def history_findings(doc: Document) -> list[Finding]:
    earlier = earlier_revisions(doc.data)
    if not earlier:
        return []
    findings = [make_finding(
        "HID008", f"The file keeps {earlier} earlier revision(s) (incremental updates): what the pages "
        "showed before each later edit is still inside it (run 'cspr-docs sanitize' for a fresh copy "
        "without them)", Location("annotation", field="earlier revisions"), text=f"{earlier} earlier revision(s)")]
    blocks = [b for b in doc.blocks if b.location.field == EARLIER] if doc.blocks else \
        history_blocks(doc.data, pdf_page_texts(doc))
    for block in blocks:
        text = " / ".join(block.text.split("\n"))
        findings.append(make_finding(
            "HID007", f"Hidden text on page {block.location.page}: an earlier revision of the page, still "
            f"inside the file, shows text no page shows now: \"{quote(text)}\" (run 'cspr-docs sanitize' "
            "for a fresh copy without earlier revisions)", block.location, text=text))
    return findings
