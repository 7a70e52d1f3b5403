"""Earlier revisions of a PDF: incremental updates append to a file, so what a page showed
before an edit (a name since deleted, a redaction box added later) is still inside it.

Each revision ends with ``startxref <offset> %%EOF``; a linearized ("fast web view") file has
one more such end for its first page, which is not a revision. Every earlier revision is
opened on its own (the bytes up to its end) and its pages' text compared line by line with
the current document: lines no page shows any more are HID007 findings with the page they were
on; the revisions themselves are one HID008 finding. ``sanitize`` writes a fresh file without them.
"""

from __future__ import annotations

import io
import re

from ..findings import Finding, Location, make_finding
from ._common import quote

_END = re.compile(rb"startxref\s+(\d+)\s*%%EOF")
_LINEARIZED = re.compile(rb"/Linearized\s")
#: earlier revisions whose text is compared (the newest ones); pages compared in each
MAX_REVISIONS = 20
MAX_PAGES = 1000


def revision_ends(data: bytes) -> list[int]:
    """Byte offsets just after each revision's ``%%EOF``, oldest first (the last is the file
    as it is now)."""
    ends = [m.end() for m in _END.finditer(data)]
    if len(ends) >= 2 and _LINEARIZED.search(data[:2048]):
        ends = ends[1:]  # the first-page section of a linearized file
    return ends


def earlier_revisions(data: bytes) -> int:
    return max(0, len(revision_ends(data)) - 1)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _page_texts(reader) -> list[str]:
    out = []
    for page in list(reader.pages)[:MAX_PAGES]:
        try:
            out.append(page.extract_text() or "")
        except Exception:  # a page of an old revision that no longer reads: nothing to compare
            out.append("")
    return out


def _open(data: bytes):
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        len(reader.pages)
        return reader
    except Exception:  # an old revision that does not open on its own
        return None


def history_findings(data: bytes, current) -> list[Finding]:
    """HID008 for the earlier revisions in ``data``; HID007 for each page whose earlier
    revision shows lines the current page (``current``: the open reader) no longer does."""
    ends = revision_ends(data)
    if len(ends) < 2:
        return []
    earlier = len(ends) - 1
    findings = [make_finding(
        "HID008", f"The file keeps {earlier} earlier revision(s) (incremental updates): what the pages "
        "showed before each later edit is still inside it (run 'cspr-docs sanitize' for a fresh copy "
        "without them)", Location("annotation", field="earlier revisions"), text=f"{earlier} earlier revision(s)")]
    shown = " ".join(_norm(t) for t in _page_texts(current))  # pages may have moved: any page counts
    gone: dict[int, list[str]] = {}
    for end in ends[:-1][-MAX_REVISIONS:]:
        old = _open(data[:end])
        if old is None:
            continue
        for index, text in enumerate(_page_texts(old)):
            for line in text.split("\n"):
                line = _norm(line)
                if len(re.sub(r"\W", "", line)) >= 2 and line not in shown and line not in gone.get(index, []):
                    gone.setdefault(index, []).append(line)
    for index, lines in sorted(gone.items()):
        text = " / ".join(lines)
        findings.append(make_finding(
            "HID007", f"Hidden text on page {index + 1}: an earlier revision of the page, still inside the "
            f"file, shows text the page no longer does: \"{quote(text)}\" (run 'cspr-docs sanitize' for a "
            "fresh copy without earlier revisions)",
            Location("annotation", page=index + 1, field="earlier revision"), text=text))
    return findings
