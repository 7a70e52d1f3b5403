"""Text a reader of a PDF sees or hears outside its page content, as blocks of the document.

* bookmark titles; form field values (``/V``, rich ``/RV``) and tooltips (``/TU``); annotation
  contents (``/Contents``, rich ``/RC``), subjects and the author a note's pop-up shows;
* structure alt text, ``/ActualText`` and expansions (``/E``), in the structure tree and in
  marked content (``BDC``) of the page content;
* the lines an earlier revision of the file (an incremental update) showed that no page shows
  now: the bytes up to each earlier ``startxref … %%EOF`` are opened on their own.

Each becomes a block of part ``annotation`` with its page and a ``field`` naming the kind.
Text the pages already show (a bookmark repeating its heading) is left out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from ..model import Block
from ..findings import Location


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


#: marked-content and structure entries whose text a reader shows or reads aloud instead of,
#: or as well as, the content (PDF 32000 §14.9): names for the block's ``Location.field``
_STAND_IN = {"/ActualText": "actual text", "/Alt": "alt text", "/E": "expansion text"}


def marked_texts(page, props, out: list[tuple[str, str]]) -> None:
    """The stand-in texts of a ``BDC`` property list (inline or named in the page resources)."""
    try:
        if not hasattr(props, "get"):
            props = page["/Resources"]["/Properties"][props].get_object()
        for key, field in _STAND_IN.items():
            value = props.get(key)
            if value is not None and str(value).strip():
                out.append((field, str(value)))
    except Exception:  # a broken property list: nothing to add
        pass


def _text_of(value) -> str:
    """A text string, a rich-text (XHTML) string or stream, or an array of strings, as plain text."""
    try:
        value = value.get_object()
    except AttributeError:
        pass
    if hasattr(value, "get_data"):
        value = value.get_data()[:1_000_000].decode("utf-8", "replace")
    if isinstance(value, list):
        return "; ".join(_text_of(v) for v in value if _text_of(v))
    text = str(value if value is not None else "")
    if text.lstrip().startswith("<"):
        import html

        text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    return " ".join(text.split())


def _field_texts(reader, page_of) -> Iterator[tuple[str, str, int | None]]:
    """``(field, text, page index)`` for each form field's value and tooltip (the field tree
    followed through ``/Kids``, each object once)."""
    root = reader.trailer["/Root"].get_object()
    acro = root.get("/AcroForm")
    if acro is None:
        return
    fields = acro.get_object().get("/Fields")
    # (field, whether a parent is a button: check boxes and radio buttons hold states, not text)
    stack = [(f, False) for f in reversed(list(fields.get_object()))] if fields is not None else []
    seen: set[int] = set()
    while stack and len(seen) < 100_000:
        ref, parent_button = stack.pop()
        if getattr(ref, "idnum", None) is not None:
            if ref.idnum in seen:
                continue
            seen.add(ref.idnum)
        node = ref.get_object() if hasattr(ref, "get_object") else ref
        if not hasattr(node, "get"):
            continue
        page = page_of(node)
        button = node.get("/FT") == "/Btn" or (node.get("/FT") is None and parent_button)
        for key, field in (("/V", "form field value"), ("/RV", "form field value"), ("/TU", "form field tooltip")):
            value = node.get(key)
            if value is not None and not (key == "/V" and (node.get("/RV") is not None or button)):
                text = _text_of(value)
                if key == "/V" and text.startswith("/"):
                    text = text[1:]  # a choice named by a PDF name
                if text:
                    yield field, text, page
        kids = node.get("/Kids")
        if kids is not None:
            stack.extend((kid, button) for kid in reversed(list(kids.get_object())))


def _annotation_texts(reader) -> Iterator[tuple[str, str, int]]:
    """``(field, text, page index)`` for what annotations show: contents, rich contents, the
    author shown on a note's pop-up, its subject."""
    for index, page in enumerate(reader.pages):
        annots = page.get("/Annots")
        annots = annots.get_object() if annots is not None else []
        for ref in annots or []:
            annot = ref.get_object()
            if not hasattr(annot, "get") or annot.get("/Subtype") == "/Widget":
                continue  # form fields: read from the field tree
            keys = [("/RC" if annot.get("/RC") is not None else "/Contents", "annotation"), ("/Subj", "annotation")]
            if annot.get("/Subtype") not in ("/Link", "/Popup"):
                keys.append(("/T", "annotation author"))
            for key, field in keys:
                text = _text_of(annot.get(key)) if annot.get(key) is not None else ""
                if text:
                    yield field, text, index


def _outline_texts(reader) -> Iterator[tuple[str, str, int | None]]:
    """``("bookmark", title, page index)`` for every bookmark."""
    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                if depth < 50:
                    yield from walk(item, depth + 1)
                continue
            try:
                title = " ".join(str(item.title or "").split())
                page = reader.get_destination_page_number(item)
            except Exception:
                continue
            if title:
                yield "bookmark", title, page if page is not None and page >= 0 else None

    yield from walk(reader.outline, 0)


def _structure_texts(reader) -> Iterator[tuple[str, str, int | None]]:
    """Alt text, ActualText and expansions of a tagged PDF's structure elements."""
    from .pdf import walk_structure

    for item, page, _ in walk_structure(reader):
        if not hasattr(item, "get") or item.get("/Type") == "/MCR":
            continue
        for key, field in _STAND_IN.items():
            value = item.get(key)
            if value is not None:
                text = _text_of(value)
                if text:
                    yield field, text, page


def unseen_blocks(reader, page_texts: list[str], marked: list[list[tuple[str, str]]]) -> list[Block]:
    """Blocks for text a reader of the PDF can see or hear that is not in the page content:
    bookmarks, form field values and tooltips, annotation contents, alt text and ActualText.
    Text that the pages already show is left out (a bookmark repeating its heading)."""
    shown = " " + " ".join(_words(text) for text in page_texts) + " "  # words only: leaders and stops vary
    page_ids = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)
                if p.indirect_reference is not None}
    widget_page: dict[int, int] = {}
    for index, page in enumerate(reader.pages):
        try:
            for ref in page.get("/Annots", None) or []:
                if getattr(ref, "idnum", None) is not None:
                    widget_page[ref.idnum] = index
        except Exception:
            continue

    def page_of(node) -> int | None:
        ref = getattr(node, "indirect_reference", None)
        if ref is not None and ref.idnum in widget_page:
            return widget_page[ref.idnum]
        pg = node.get("/P") if hasattr(node, "get") else None
        if getattr(pg, "idnum", None) in page_ids:
            return page_ids[pg.idnum]
        for kid in (node.get("/Kids") or []) if hasattr(node, "get") else []:
            if getattr(kid, "idnum", None) in widget_page:
                return widget_page[kid.idnum]
        return None

    sources = [_outline_texts, lambda r: _field_texts(r, page_of), _annotation_texts, _structure_texts]
    found: list[tuple[str, str, int | None]] = []
    for source in sources:
        try:
            found.extend(source(reader))
        except Exception:  # one broken dictionary must not hide the rest, nor stop the read
            continue
    for index, items in enumerate(marked):
        found.extend((field, text, index) for field, text in items)
    blocks, seen = [], set()
    for field, text, page in found:
        text = " ".join(text.split())
        key = (field, text, page)
        words = _words(text)
        if not text or key in seen or (words and " " + words + " " in shown):
            continue
        seen.add(key)
        blocks.append(Block("paragraph", text, Location(
            "annotation", page=None if page is None else page + 1, field=field)))
    return blocks


# ---------------------------------------------------------------- earlier revisions

_END = re.compile(rb"startxref\s+(\d+)\s*%%EOF")
_LINEARIZED = re.compile(rb"/Linearized\s")
#: earlier revisions whose text is compared (the newest ones); pages read in each
MAX_REVISIONS = 20
MAX_PAGES = 1000
#: the field of an earlier revision's block
EARLIER = "earlier revision"


def revision_ends(data: bytes) -> list[int]:
    """Byte offsets just after each revision's ``%%EOF``, oldest first (the last is the file
    as it is now). A linearized file's first-page section ends the same way: not a revision."""
    ends = [m.end() for m in _END.finditer(data)]
    if len(ends) >= 2 and _LINEARIZED.search(data[:2048]):
        ends = ends[1:]
    return ends


def earlier_revisions(data: bytes) -> int:
    return max(0, len(revision_ends(data)) - 1)


def _open_revision(data: bytes):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        len(reader.pages)
        return reader
    except Exception:  # an old revision that does not open on its own: nothing to compare
        return None


def history_blocks(data: bytes, page_texts: list[str]) -> list[Block]:
    """A block for each page of an earlier revision, holding the lines it showed that no page
    of the current file shows (pages may have moved, so any current page counts)."""
    ends = revision_ends(data)
    if len(ends) < 2:
        return []
    shown = " ".join(" ".join(t.split()) for t in page_texts)
    gone: dict[int, list[str]] = {}
    for end in ends[:-1][-MAX_REVISIONS:]:
        old = _open_revision(data[:end])
        if old is None:
            continue
        for index, page in enumerate(list(old.pages)[:MAX_PAGES]):
            try:
                text = page.extract_text() or ""
            except Exception:  # a page of an old revision that no longer reads
                continue
            for line in text.split("\n"):
                line = " ".join(line.split())
                if len(re.sub(r"\W", "", line)) >= 2 and line not in shown and line not in gone.get(index, []):
                    gone.setdefault(index, []).append(line)
    return [Block("paragraph", "\n".join(lines), Location("annotation", page=index + 1, field=EARLIER))
            for index, lines in sorted(gone.items())]
