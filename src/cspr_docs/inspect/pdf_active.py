"""Active and attached content anywhere in a PDF's object graph, for ``inspect`` and ``sanitize``.

One walk over every object reachable from the pages and the catalogue (each object once,
never decoding a stream) finds:

* actions that run code or reach outside the file - ``/JavaScript`` (also a ``/Rendition``
  carrying ``/JS``), ``/Launch``, ``/ImportData``, ``/SubmitForm`` (it sends the form's data
  away), ``/GoToR`` and ``/GoToE`` (they open another file, often by a path on the author's
  computer), ``/RichMediaExecute``, and ``/URI`` actions whose address is not a web page, an
  e-mail address or a telephone number (``file:``, ``javascript:``, a network share) - wherever they hang: the document's
  ``/OpenAction`` and ``/AA``, a page's ``/AA``, a link's or a form field's ``/A`` and ``/AA``,
  a bookmark's ``/A``, and the ``/Next`` chains behind any of them (an action met twice is
  reported once, so a ``/Next`` cycle ends);
* embedded files (a file specification with ``/EF``), associated files (``/AF``) and XFA
  forms (``/AcroForm /XFA``, which carry their own scripts and data);
* page-level XMP metadata (``/Metadata`` on a page) and private application data
  (``/PieceInfo``, where Illustrator or Acrobat may keep an earlier copy of the content).

A plain link to a web address (``http``/``https``) or ``mailto:`` is a normal part of a
published report and is not reported. File attachment annotations are reported (and removed)
with the other annotations, and the ``/JavaScript`` and ``/EmbeddedFiles`` name trees by
``pdf_hidden``, so the walk leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: action types reported and removed (``/URI`` is judged by its address)
RISKY_ACTIONS = {
    "/JavaScript": "JavaScript", "/Launch": "an action that starts a program or opens a file (/Launch)",
    "/ImportData": "an action that imports data from a file (/ImportData)",
    "/SubmitForm": "an action that sends the form's data to an address (/SubmitForm)",
    "/GoToR": "a link that opens another file (/GoToR)", "/GoToE": "a link into an embedded file (/GoToE)",
    "/RichMediaExecute": "a rich-media command (/RichMediaExecute)",
}
#: addresses a published report may link to: web pages, e-mail, a telephone helpline, a place
#: in the document itself, a web address written without its scheme
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#", "www.")
#: keys that point back up or across: never followed (pages are met only as pages, so a
#: destination naming another page stops there)
_SKIP_KEYS = {"/Parent", "/P", "/Pg", "/Prev", "/Last", "/Popup", "/IRT"}
#: name trees reported by pdf_hidden
_NAME_TREES_ELSEWHERE = {"/JavaScript", "/EmbeddedFiles"}
#: the most objects one walk visits (a guard against pathological files)
MAX_OBJECTS = 500_000


@dataclass
class Item:
    """One thing found: what (``kind``), a human description, and where it hangs.

    ``owner[key]`` holds it (``owner`` a dictionary or an array). ``rule`` is the HID rule it
    is reported under; ``detail`` the code, file name or address it carries (may be "")."""

    rule: str
    kind: str            # "action", "embedded file", "associated file", "page XMP", "piece info"
    what: str
    detail: str
    page: int | None
    where: str
    owner: Any
    key: Any
    obj: Any


def _get(value):
    try:
        return value.get_object()
    except AttributeError:
        return value


def _text(value, limit: int = 500) -> str:
    value = _get(value)
    if hasattr(value, "get_data"):
        try:
            return value.get_data()[:limit].decode("latin-1", "replace")
        except Exception:
            return ""
    return str(value if value is not None else "")[:limit]


def file_name(spec) -> str:
    """The name a file specification (a string or a dictionary) gives."""
    spec = _get(spec)
    if hasattr(spec, "get"):
        for key in ("/UF", "/F", "/Unix", "/DOS", "/Mac"):
            if spec.get(key) is not None:
                return _text(spec.get(key), 300)
        win = _get(spec.get("/Win"))
        if hasattr(win, "get") and win.get("/F") is not None:
            return _text(win.get("/F"), 300)
        return ""
    return _text(spec, 300)


def judge_action(action) -> tuple[str, str] | None:
    """``(what, detail)`` when ``action`` must go, else None."""
    if not hasattr(action, "get"):
        return None
    kind = str(action.get("/S", ""))
    if kind == "/JavaScript" or (kind == "/Rendition" and action.get("/JS") is not None):
        return RISKY_ACTIONS["/JavaScript"], _text(action.get("/JS"))
    if kind in RISKY_ACTIONS:
        target = action.get("/F")
        if target is None and kind == "/Launch":
            target = action.get("/Win")
        return RISKY_ACTIONS[kind], file_name(target) if target is not None else ""
    if kind == "/URI":
        uri = _text(action.get("/URI"), 1000).strip()
        if not uri.lower().startswith(SAFE_SCHEMES):
            return "a link to a local file or an unusual address (/URI)", uri
    return None


def _where(trail: tuple, page: int | None) -> str:
    keys = [k for k in trail if isinstance(k, str)]
    on = f" on page {page}" if page else ""
    if "/Outlines" in keys:
        return "a bookmark"
    if "/AcroForm" in keys:
        return "a form field"
    if "/Annots" in keys:
        return ("a link or annotation" + on + (" (its additional actions /AA)" if "/AA" in keys else ""))
    if "/OpenAction" in keys:
        return "the document's open action"
    if keys[:1] == ["/AA"]:
        return ("the page's" if page else "the document's") + " additional actions (/AA)" + on
    if "/AA" in keys:
        return "additional actions (/AA)" + on
    return f"page {page}" if page else "the document"


def _is_action_slot(trail: tuple) -> bool:
    """Whether the value at the end of ``trail`` is an action (or an element of a /Next array)."""
    if not trail:
        return False
    last = trail[-1]
    if last in ("/A", "/OpenAction", "/Next"):
        return True
    if len(trail) >= 2 and trail[-2] == "/AA":
        return True
    return isinstance(last, int) and len(trail) >= 2 and trail[-2] == "/Next"


def _longer(trail: tuple, key) -> tuple:
    """``trail`` + ``key``, keeping its first and last few keys only (a chain of thousands of
    bookmarks must not make every step copy a long path): all that is asked of a trail."""
    trail = (*trail, key)
    return trail if len(trail) <= 12 else trail[:4] + trail[-8:]


def walk(reader_or_writer) -> Iterator[Item]:
    """Every active or attached item in the document, pages first (in page order), then the
    catalogue's own; each object visited once."""
    from pypdf.generic import ArrayObject, DictionaryObject

    root = _get(reader_or_writer.root_object)
    pages = list(reader_or_writer.pages)
    seen: set[int] = set()
    for page in pages:
        ref = getattr(page, "indirect_reference", None)
        if ref is not None:
            seen.add(ref.idnum)
    visited = [0]

    def items(start, start_trail, page):
        stack = [(None, None, start, start_trail)]
        while stack:
            owner, key, node, trail = stack.pop()
            ref = getattr(node, "idnum", None)
            if ref is not None:
                if ref in seen:
                    continue
                seen.add(ref)
            visited[0] += 1
            if visited[0] > MAX_OBJECTS:
                return
            obj = _get(node)
            if isinstance(obj, DictionaryObject):
                yield from _classify(owner, key, obj, trail, page)
                if obj.get("/Subtype") == "/FileAttachment":
                    continue  # reported with the annotations
                children = []
                for k, v in obj.items():
                    if k in _SKIP_KEYS or (k in _NAME_TREES_ELSEWHERE and trail[-1:] == ("/Names",)):
                        continue
                    if isinstance(_get(v), (DictionaryObject, ArrayObject)):
                        children.append((obj, k, v, _longer(trail, k)))
                stack.extend(reversed(children))
            elif isinstance(obj, ArrayObject):
                stack.extend(reversed([(obj, i, v, _longer(trail, i)) for i, v in enumerate(obj)
                                       if isinstance(_get(v), (DictionaryObject, ArrayObject))]))

    def below(owner, page):
        for k, v in owner.items():
            if k in _SKIP_KEYS or (k == "/Pages" and page is None):
                continue
            for item in items(v, (k,), page):
                if item.owner is None:  # the top of this walk: it hangs on ``owner``
                    item.owner, item.key = owner, k
                yield item

    for number, page in enumerate(pages, start=1):
        page_obj = _get(page)
        yield from _classify(None, None, page_obj, (), number)
        yield from below(page_obj, number)
    yield from _classify(None, None, root, (), None)
    yield from below(root, None)


def _classify(owner, key, obj, trail: tuple, page: int | None) -> Iterator[Item]:
    from pypdf.generic import ArrayObject

    where = _where(trail, page)
    if _is_action_slot(trail):
        judged = judge_action(obj)
        if judged:
            yield Item("HID006", "action", judged[0], judged[1], page, where, owner, key, obj)
    if obj.get("/EF") is not None and "/AF" not in trail:
        yield Item("HID006", "embedded file", "an embedded file", file_name(obj), page, where, owner, key, obj)
    af = obj.get("/AF")
    if af is not None:
        specs = _get(af)
        names = [file_name(s) for s in specs] if isinstance(specs, ArrayObject) else [file_name(specs)]
        yield Item("HID006", "associated file", "associated file(s) (/AF)", ", ".join(n for n in names if n),
                   page, where, obj, "/AF", specs)
    if trail[-1:] == ("/AcroForm",) and obj.get("/XFA") is not None:
        yield Item("HID006", "xfa", "an XFA form (it can hold scripts and the form's data)", "", page, where,
                   obj, "/XFA", obj.get("/XFA"))
    if obj.get("/PieceInfo") is not None:
        yield Item("HID008", "piece info", "private application data (/PieceInfo), which can keep an "
                   "earlier copy of the content", "", page, where, obj, "/PieceInfo", obj.get("/PieceInfo"))
    if obj.get("/Type") == "/Page" and obj.get("/Metadata") is not None:
        yield Item("HID005", "page XMP", "XMP metadata of the page", _xmp_summary(obj.get("/Metadata")),
                   page, where, obj, "/Metadata", obj.get("/Metadata"))


def _xmp_summary(stream) -> str:
    import re

    text = _text(stream, 200_000)
    values = [" ".join(re.sub(r"<[^>]+>", " ", m).split()) for m in
              re.findall(r"<(?:dc:creator|pdf:Author|xmp:CreatorTool|dc:title|dc:description)\b[^>]*>(.*?)</",
                         text, re.S)]
    return "; ".join(v for v in values if v)[:200]


#: where each kind of item is reported (``Location.field``)
FIELDS = {"embedded file": "attachment", "xfa": "form", "associated file": "associated file", "page XMP": "page XMP",
          "piece info": "PieceInfo"}


def active_findings(reader) -> list:
    """HID005/HID006/HID008 findings for everything ``walk`` finds."""
    from ..findings import Location, make_finding
    from ._common import quote

    findings = []
    for item in walk(reader):
        field = ("javascript" if item.what == "JavaScript" else "action") if item.kind == "action" \
            else FIELDS[item.kind]
        message = (describe(item, quote) + (": published reports must not run code" if field == "javascript" else "")
                   + " (run 'cspr-docs sanitize' to remove it)")
        part = "pdf-metadata" if item.kind == "page XMP" else "annotation"
        findings.append(make_finding(item.rule, message, Location(part, page=item.page, field=field),
                                     text=item.detail or item.what))
    return findings


def describe(item: Item, quote=None) -> str:
    """``JavaScript in a bookmark: "app.alert(1)"``: what, where and what it carries."""
    if quote is None:
        from ._common import quote
    where = ("on " if item.where.startswith("page ") else "in ") + item.where
    return (f"{item.what[0].upper() + item.what[1:]} {where}"
            + (f": \"{quote(item.detail)}\"" if item.detail else ""))


#: how many walks ``remove_active`` makes at most (each removes what the last one left)
_ROUNDS = 6


def remove_active(writer) -> list[str]:
    """Remove everything ``walk`` finds from a pypdf writer; returns what was removed. A risky
    action inside a ``/Next`` chain is cut out and the chain joined around it."""
    removed: list[str] = []
    for _ in range(_ROUNDS):
        found = list(walk(writer))
        if not found:
            break
        for item in reversed(found):  # deepest first, so a chain is joined around every cut
            _remove(item)
        removed.extend(describe(item) for item in found)
    return removed


def _remove(item: Item) -> None:
    from pypdf.generic import ArrayObject

    owner, key = item.owner, item.key
    if owner is None:
        return
    replacement = None
    if item.kind == "action" and hasattr(item.obj, "get"):
        nxt = item.obj.get("/Next")
        target = _get(nxt) if nxt is not None else None
        if target is not None and target is not _get(owner) and target is not item.obj:
            replacement = nxt
    if isinstance(owner, ArrayObject):
        if replacement is not None:
            owner[key] = replacement
        elif 0 <= key < len(owner):
            del owner[key]
    elif key in owner:
        if replacement is not None:
            owner[key] = replacement
        else:
            del owner[key]
