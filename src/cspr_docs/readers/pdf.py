"""Reader for .pdf (pypdf): per-page text blocks with headings.

Headings come from the outline (bookmarks) when the PDF has one; otherwise from its structure
tags (``/H1``-``/H6``, ``/H``, ``/Title``, also through the ``/RoleMap``) in a tagged PDF;
otherwise from the font of each line (larger than the body text, or bold and short); otherwise
from the text itself (short numbered title lines such as ``3.2 Analysis``). Each block's ``location`` has the
1-based page and ``start``/``end`` offsets into that page's extracted text (SPEC §6).

Text a reader sees or hears outside the page content - bookmark titles, form field values and
tooltips, annotation contents (also rich text, pop-up authors and subjects), structure alt text,
``/ActualText`` and expansions (in the structure tree and in marked content) - becomes blocks of
part ``annotation`` with the page and a ``field`` naming the kind, so ``scan``, ``check`` and
``redact`` see it; so do the lines an earlier revision of the file showed that no page shows
now (``pdf_unseen``). Text the pages already show is not repeated.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Block, Document
from ..errors import InputError
from ..findings import Location
from .pdf_unseen import history_blocks, marked_texts, unseen_blocks
from .text import heading_level

#: A line this much larger than the body text is a heading.
HEADING_RATIO = 1.15
_LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|\(\d+\)|[a-z][.)]|[\u2022\u25cf\u25aa\u2013\-*]\s|recommendation\s+\d+)",
                        re.I)


@dataclass
class _Line:
    text: str
    start: int
    end: int
    size: float = 0.0
    bold: bool = False
    level: int | None = None
    tag_level: int | None = None
    join_next: bool = False  # the heading continues on the next line (known from the outline)


#: What pypdf raises on damaged objects (besides its own errors)
_DAMAGE = (ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError)


def unreadable(path: Path, exc: BaseException, what: str = "not a readable PDF") -> InputError:
    """The error for a damaged PDF: the exception's type only, since pypdf's messages can quote
    the file's own bytes (and so its text)."""
    return InputError(path, f"{what} ({type(exc).__name__}); open it in a PDF viewer and save a new copy")


@contextmanager
def damaged_pdf_errors(path: Path, what: str = "damaged PDF") -> Iterator[None]:
    """Turn the error from a damaged object met while walking a PDF into an ``InputError``."""
    from pypdf.errors import PyPdfError

    try:
        yield
    except InputError:
        raise
    except (PyPdfError, *_DAMAGE) as exc:
        raise unreadable(path, exc, what) from None


def open_pdf(path: Path, data: bytes, password: str | None = None):
    """A pypdf reader over ``data``, decrypted with ``password`` when the PDF is encrypted.

    A PDF encrypted only against editing (empty user password) opens without one.
    """
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs its repairs ("EOF marker not found"); they must not reach the terminal
    log = logging.getLogger("pypdf")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(password or ""):
            if password:
                raise InputError(path, "is encrypted and the password given with --password does not open it")
            raise InputError(path, "is encrypted (password-protected); give its password with --password "
                                   "(you will be asked for it) or save an unprotected copy")
    except InputError:
        raise
    except NotImplementedError:  # an encryption scheme pypdf cannot handle
        raise InputError(path, "is encrypted in a way that cannot be opened here; "
                               "save an unprotected copy") from None
    except (PyPdfError, *_DAMAGE) as exc:
        raise unreadable(path, exc) from None
    with damaged_pdf_errors(path, "not a readable PDF"):  # a broken page tree
        len(reader.pages)
    return reader


def _properties(reader) -> dict[str, str]:
    props: dict[str, str] = {}
    try:
        meta = reader.metadata or {}
        for key, value in meta.items():
            name = str(key).lstrip("/")
            name = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords",
                    "Creator": "creator", "Producer": "producer", "CreationDate": "created",
                    "ModDate": "modified"}.get(name, name)
            if value is not None and str(value).strip():
                props[name] = str(value)
        lang = reader.trailer["/Root"].get("/Lang")
        if lang:
            props["language"] = str(lang)
    except Exception:  # metadata is optional; a broken Info dict must not stop the read
        pass
    return props


def _outline(reader) -> dict[int, list[tuple[str, int]]]:
    """``{page index: [(title, level), ...]}`` from the bookmarks (level 1 = top)."""
    out: dict[int, list[tuple[str, int]]] = {}

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            try:
                page = reader.get_destination_page_number(item)
                title = str(item.title or "").strip()
            except Exception:
                continue
            if title and page is not None and page >= 0:
                out.setdefault(page, []).append((title, level))

    try:
        walk(reader.outline, 1)
    except Exception:
        return {}
    return out


def _tag_level(tag: str, rolemap) -> int | None:
    """Heading level of a structure type (following the role map a few steps), else None."""
    for _ in range(5):
        name = tag.lstrip("/")
        if name == "Title":
            return 0
        if name == "H":
            return 1
        if re.fullmatch(r"H[1-6]", name):
            return int(name[1])
        mapped = rolemap.get("/" + name) if rolemap else None
        if mapped is None:
            return None
        tag = str(mapped)
    return None


def walk_structure(reader) -> Iterator[tuple[Any, int | None, tuple[str, ...]]]:
    """Every item of a tagged PDF's structure tree, in reading order, each once: ``(item, page
    index or None, the /S types of the elements it sits in, innermost last)``. An item is a
    structure element (a dictionary), a marked-content reference (``/Type /MCR``) or a
    marked-content id (an int). A page given by ``/Pg`` holds for everything below it."""
    from pypdf.generic import ArrayObject, DictionaryObject

    tree = reader.trailer["/Root"].get("/StructTreeRoot")
    if tree is None:
        return
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)
             if p.indirect_reference is not None}
    seen: set[int] = set()
    stack = [(tree.get_object().get("/K"), None, (), 0)]
    while stack:
        node, page, tags, depth = stack.pop()
        if node is None or depth > 200:
            continue
        ref = getattr(node, "idnum", None)
        if ref is not None:
            if ref in seen:
                continue
            seen.add(ref)
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            stack.extend((kid, page, tags, depth + 1) for kid in reversed(node))
            continue
        if isinstance(node, int):
            yield node, page, tags
            continue
        if not isinstance(node, DictionaryObject):
            continue
        pg = node.get("/Pg")
        if pg is not None and getattr(pg, "idnum", None) in pages:
            page = pages[pg.idnum]
        if node.get("/Type") == "/MCR":
            yield node, page, tags
            continue
        if "/S" in node:
            tags = (*tags, str(node["/S"]))
        yield node, page, tags
        kids = node.get("/K")
        if kids is not None:
            stack.append((kids, page, tags, depth + 1))


def _tagged_headings(reader) -> dict[int, dict[int, int]]:
    """``{page index: {MCID: level}}`` for the heading elements of a tagged PDF."""
    out: dict[int, dict[int, int]] = {}
    try:
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        rolemap = tree.get_object().get("/RoleMap") if tree is not None else None
        rolemap = rolemap.get_object() if rolemap is not None else {}
        for item, page, tags in walk_structure(reader):
            mcid = item if isinstance(item, int) else item.get("/MCID") if item.get("/Type") == "/MCR" else None
            if mcid is None or page is None:
                continue
            level = next((lv for lv in (_tag_level(t, rolemap) for t in reversed(tags)) if lv is not None), None)
            if level is not None:
                out.setdefault(page, {})[int(mcid)] = level
    except Exception:  # a broken structure tree: fall back to fonts
        return {}
    return out


def _y(cm, tm) -> float:
    """Baseline y of the text matrix in page space (rounded), to match lines across visitors."""
    try:
        return round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1)
    except (TypeError, IndexError):
        return 0.0


def _page_lines(page, heading_mcids: dict[int, int] | None = None,
                replacements: list[tuple[str, str]] | None = None) -> tuple[list[_Line], str]:
    """The page's extracted text split into lines, each with its font size and boldness (and,
    for a tagged PDF, the heading level of the marked content it came from). The
    ``/ActualText``, ``/Alt`` and ``/E`` texts of marked content are added to ``replacements``."""
    fragments: list[tuple[str, float, bool, float]] = []
    stack: list[int | None] = []
    tagged_y: dict[float, int] = {}

    def before(op, args, cm, tm):
        if op == b"BDC" and replacements is not None and len(args) > 1:
            marked_texts(page, args[1], replacements)
        if not heading_mcids:
            return
        if op == b"BDC":
            props = args[1] if len(args) > 1 else None
            mcid = None
            try:
                if hasattr(props, "get"):
                    mcid = props.get("/MCID")
                elif props is not None:
                    named = page["/Resources"]["/Properties"][props]
                    mcid = named.get_object().get("/MCID")
            except Exception:
                mcid = None
            stack.append(int(mcid) if mcid is not None else (stack[-1] if stack else None))
        elif op == b"BMC":
            stack.append(stack[-1] if stack else None)
        elif op == b"EMC":
            if stack:
                stack.pop()
        elif op in (b"Tj", b"TJ", b"'", b'"') and stack and stack[-1] in heading_mcids:
            tagged_y.setdefault(_y(cm, tm), heading_mcids[stack[-1]])

    def visitor(text, cm, tm, font_dict, font_size):
        if not text:
            return
        try:
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        except (TypeError, IndexError):
            scale = 1.0
        size = float(font_size or 0) * (scale or 1.0)
        name = str(font_dict.get("/BaseFont", "")) if font_dict else ""
        fragments.append((text, round(size, 1), bool(re.search(r"bold|black|heavy|semibold", name, re.I)),
                          _y(cm, tm)))

    text = page.extract_text(visitor_text=visitor, visitor_operand_before=before) or ""
    sizes = [0.0] * len(text)
    bolds = [False] * len(text)
    tags: list[int | None] = [None] * len(text)
    cursor = 0
    for frag, size, bold, y in fragments:
        piece = frag.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:
            continue
        level = tagged_y.get(y)
        for i in range(at, at + len(piece)):
            sizes[i], bolds[i], tags[i] = size, bold, level
        cursor = at + len(piece)
    lines = []
    offset = 0
    for raw in text.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        stripped = raw.strip()
        if not stripped:
            lines.append(_Line("", start, end))
            continue
        lead = len(raw) - len(raw.lstrip())
        s, e = start + lead, start + lead + len(stripped)
        chars = [(sizes[i], bolds[i]) for i in range(s, e) if not text[i].isspace() and sizes[i]]
        size = Counter(c[0] for c in chars).most_common(1)[0][0] if chars else 0.0
        bold = bool(chars) and sum(1 for c in chars if c[1]) >= 0.8 * len(chars)
        line = _Line(stripped, s, e, size, bold)
        levels = [tags[i] for i in range(s, e) if not text[i].isspace()]
        if levels and levels.count(None) <= len(levels) // 5:
            line.tag_level = Counter(lv for lv in levels if lv is not None).most_common(1)[0][0]
        lines.append(line)
    return lines, text


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _short_title(text: str) -> bool:
    return len(text.split()) <= 14 and len(text) <= 120 and not text.endswith((".", ",", ";", ":"))


def _merge_wrapped_headings(lines: list[_Line]) -> list[_Line]:
    """Join a heading wrapped over consecutive lines into one line spanning both: same level and
    size, the first line nearly as long as the page's longest line (it was wrapped), the next
    line not itself numbered."""
    widest = max((len(line.text) for line in lines), default=0)
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.join_next or (
                prev is not None and prev.level is not None and line.level == prev.level and line.text
                and abs(line.size - prev.size) < 0.05 and heading_level(line.text, "txt") is None
                and len(prev.text) >= 0.5 * widest * (prev.size and _body_ratio(lines, prev.size))
                and not prev.text.endswith((".", ":", "?", "!"))):
            out[-1] = _Line(prev.text + " " + line.text, prev.start, line.end, prev.size, prev.bold, prev.level)
            continue
        out.append(line)
    return out


def _body_ratio(lines: list[_Line], size: float) -> float:
    """How many characters of ``size`` fit where one character of the page's commonest size
    does (a heading in a bigger font wraps after fewer characters)."""
    sizes = Counter(line.size for line in lines if line.size)
    body = sizes.most_common(1)[0][0] if sizes else size
    return min(1.0, body / size) if size else 1.0


def read_pdf(path: Path, data: bytes, password: str | None = None) -> Document:
    """Read a PDF into blocks: headings and paragraphs per page, with page offsets."""
    reader = open_pdf(path, data, password)
    with damaged_pdf_errors(path):
        return _blocks(path, data, reader)


def _blocks(path: Path, data: bytes, reader) -> Document:
    doc = Document(path=path, format="pdf", data=data, native=reader, properties=_properties(reader))
    outline = _outline(reader)
    tagged = {} if outline else _tagged_headings(reader)
    pages: list[tuple[list[_Line], str]] = []
    marked: list[list[tuple[str, str]]] = []
    from .. import progress

    total = len(reader.pages)
    progress.start(f"reading {path.name}")
    try:
        for index, page in enumerate(reader.pages):
            progress.step(f"reading {path.name}: page", index + 1, total)
            marked.append([])
            try:
                pages.append(_page_lines(page, tagged.get(index), marked[-1]))
            except Exception as exc:  # a broken content stream
                raise unreadable(path, exc, f"page {index + 1} cannot be read") from None
    finally:
        progress.done()

    if outline:
        for index, (lines, _) in enumerate(pages):
            for title, level in outline.get(index, []):
                key = _norm(title)
                for i, line in enumerate(lines):
                    if line.level is not None or not line.text:
                        continue
                    if _norm(line.text) == key:
                        line.level = level
                        break
                    # a long heading wrapped onto a second line
                    nxt = lines[i + 1] if i + 1 < len(lines) else None
                    if nxt is not None and nxt.text and nxt.level is None and \
                            _norm(line.text + " " + nxt.text) == key:
                        line.level = nxt.level = level
                        line.join_next = True
                        break
    elif any(line.tag_level is not None for lines, _ in pages for line in lines):
        for lines, _ in pages:
            for line in lines:
                line.level = line.tag_level
    else:
        weights: Counter = Counter()
        for lines, _ in pages:
            for line in lines:
                if line.size:
                    weights[line.size] += len(line.text)
        body = weights.most_common(1)[0][0] if weights else 0.0
        big = sorted({line.size for lines, _ in pages for line in lines
                      if body and line.size >= body * HEADING_RATIO and _short_title(line.text)}, reverse=True)
        rank = {size: min(i + 1, 6) for i, size in enumerate(big)}
        used_font = False
        for lines, _ in pages:
            for line in lines:
                if not line.text:
                    continue
                if line.size in rank and _short_title(line.text):
                    line.level = rank[line.size]
                    used_font = True
                elif line.bold and body and line.size >= body * 0.95 and _short_title(line.text) \
                        and not _LIST_ITEM.match(line.text):
                    line.level = len(rank) + 1
                    used_font = True
        # the largest line of a multi-size document is its title when it is on page 1, once
        if len(rank) >= 2:
            first = [l for l in pages[0][0] if l.level == 1] if pages else []
            if len(first) == 1 and sum(1 for lines, _ in pages for l in lines if l.level == 1) == 1:
                first[0].level = 0
                for lines, _ in pages:
                    for line in lines:
                        if line.level and line.level > 1:
                            line.level -= 1
        if not used_font:
            for lines, _ in pages:
                for line in lines:
                    if line.text:
                        line.level = heading_level(line.text, "txt")

    for index, (lines, text) in enumerate(pages):
        page_no = index + 1
        para: list[_Line] = []
        lines = _merge_wrapped_headings(lines)

        def flush():
            if para:
                s, e = para[0].start, para[-1].end
                doc.blocks.append(Block("paragraph", text[s:e], Location("body", page=page_no, start=s, end=e)))
                para.clear()

        for line in lines:
            if not line.text:
                flush()
            elif line.level is not None:
                flush()
                doc.blocks.append(Block("heading", text[line.start:line.end],
                                        Location("body", page=page_no, start=line.start, end=line.end),
                                        level=line.level))
            else:
                if para and _LIST_ITEM.match(line.text):
                    flush()
                para.append(line)
        flush()
    from .contents import cover_titles, mark_contents

    doc.contents = mark_contents(doc.blocks)
    if not outline and not any(line.tag_level is not None for lines, _ in pages for line in lines):
        cover_titles(doc.blocks)  # levels guessed from type sizes: the cover page's lines are titles
    texts = [text for _, text in pages]
    doc.blocks.extend(unseen_blocks(reader, texts, marked))
    doc.blocks.extend(history_blocks(data, texts))
    for name, value in doc.properties.items():
        doc.blocks.append(Block("paragraph", value, Location("pdf-metadata", field=name)))
    return doc
