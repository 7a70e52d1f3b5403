"""``redact``: a pseudonymised copy of a document, with consistent replacements.

Register entries become their pseudonyms; other people become ``Person 1``, ``Person 2`` ...
(the same person always the same placeholder); other details become ``[address]``,
``[postcode]`` ... A .docx is edited in place (styles, tables, headers kept, names split
across runs handled); .txt/.md keep every other character; a .pdf becomes .txt or .docx.
The real-to-replacement mapping is returned separately and never written into the copy.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..lexicon import CLERGY, HONORIFICS
from .register import Register, compile_terms, find_terms
from .scan import Detection, detect
from .settings import DEFAULT_MIN_SCORE, Settings

PLACEHOLDERS = {
    "LOCATION": "[place]", "STREET_ADDRESS": "[address]", "INSTITUTION": "[institution]",
    "DATE": "[date]", "SOCIAL_MEDIA_HANDLE": "[handle]", "CASE_REFERENCE": "[reference number]",
    "UK_NHS": "[NHS number]", "UK_NINO": "[NI number]", "UK_POSTCODE": "[postcode]",
    "UK_VEHICLE_REGISTRATION": "[vehicle registration]", "PHONE_NUMBER": "[phone number]",
    "EMAIL_ADDRESS": "[email address]", "URL": "[web address]",
}
_REGISTER_DEFAULT = {"person": "[name]", "place": "[place]", "other": "[redacted]"}
_TITLE = re.compile(r"^(?:" + "|".join(HONORIFICS + CLERGY) + r")\.?\s+", re.I)


@dataclass
class Redaction:
    """The pseudonymised copy's bytes, what was replaced, and the mapping (kept apart)."""

    data: bytes
    suffix: str
    count: int
    mapping: list[dict] = field(default_factory=list)
    remaining: int = 0
    places: list[str] = field(default_factory=list)   # where a register entry remains (part names)


def _literal_placeholder(text: str) -> str:
    """A placeholder for a register literal without a pseudonym, by what it looks like."""
    t = text.strip()
    digits = re.sub(r"\D", "", t)
    if t.startswith("@"):
        return "[handle]"
    if "@" in t:
        return "[email address]"
    if re.fullmatch(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}", t) or re.search(
            r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", t):
        return "[date]"
    if re.fullmatch(r"[+\d\s()-]+", t) and (t.startswith(("0", "+44")) and len(digits) in (10, 11, 12)):
        return "[phone number]"
    if re.fullmatch(r"[\d\s-]+", t) and len(digits) == 10:
        return "[NHS number]"
    return "[redacted]"


def _person_key(text: str) -> str:
    t = " ".join(text.replace("\u2019", "'").split())
    t = _TITLE.sub("", t)
    swapped = re.fullmatch(r"([^\W\d_][\w'-]*),\s*([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)", t)
    if swapped:  # "Chaudhry, Priya" in an email header is Priya Chaudhry
        t = f"{swapped.group(2)} {swapped.group(1)}"
    if t.lower().endswith("'s"):
        t = t[:-2]
    return t.casefold()


class Replacer:
    """Chooses each detection's replacement, consistently across the document."""

    def __init__(self) -> None:
        self.people: dict[str, str] = {}
        self.mapping: dict[tuple[str, str], dict] = {}

    def assign_people(self, detections: list[Detection]) -> None:
        keys = [_person_key(d.text) for d in detections if not d.registered and d.entity == "PERSON"]
        # full names first so that a lone forename or surname can join its person
        for key in [k for k in keys if " " in k] + [k for k in keys if " " not in k]:
            if key in self.people:
                continue
            owners = {v for k, v in self.people.items() if " " in k and key in k.split()}
            if " " not in key and len(owners) == 1:
                self.people[key] = owners.pop()
            else:
                self.people[key] = f"Person {len(set(self.people.values())) + 1}"

    def replacement(self, d: Detection) -> str:
        if d.registered:
            new = d.term.pseudonym or (_literal_placeholder(d.text) if d.term.kind == "other"
                                       else _REGISTER_DEFAULT[d.term.kind])
        elif d.entity == "PERSON":
            new = self.people.get(_person_key(d.text)) or "[name]"
        else:
            new = PLACEHOLDERS.get(d.entity, "[redacted]")
        real = " ".join(d.text.split())
        entry = self.mapping.setdefault((real, new), {
            "real": real, "replacement": new, "entity": d.entity,
            "source": "register" if d.registered else "detected", "count": 0})
        entry["count"] += 1
        return new


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each non-overlapping ``(start, end, replacement)`` applied, in one pass."""
    out, pos = [], 0
    for s, e, new in sorted(edits):
        if s < pos:
            continue
        out += [text[pos:s], new]
        pos = e
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------- .docx, edited in place

def _segments(node):
    """(element, start, length) for each text-bearing element of a block, in reading order."""
    from ..readers.docx import _BR, _CR, _DEL, _DEL_TEXT, _P, _T, _TAB, _nearest

    segs = []
    pos = 0
    if node.tag == _DEL:
        for el in node.iter(_DEL_TEXT):
            n = len(el.text or "")
            segs.append((el, pos, n))
            pos += n
        return segs
    for el in node.iter(_T, _TAB, _BR, _CR):
        if _nearest(el, _P) is not node:
            continue
        n = len(el.text or "") if el.tag == _T else 1
        segs.append((el, pos, n))
        pos += n
    return segs


def _edit_node(node, edits: list[tuple[int, int, str]]) -> None:
    from ..readers.docx import _DEL_TEXT, _T

    xml_space = "{http://www.w3.org/XML/1998/namespace}space"
    segs = _segments(node)
    for s, e, new in sorted(edits, reverse=True):
        touched = [(el, a, n) for el, a, n in segs if a < e and s < a + n]
        texts = [(el, a, n) for el, a, n in touched if el.tag in (_T, _DEL_TEXT)]
        if not texts:
            continue
        first = texts[0][0]
        for el, a, n in touched:
            if el.tag not in (_T, _DEL_TEXT):
                el.getparent().remove(el)  # a tab or line break inside the replaced name
                continue
            old = el.text or ""
            lo, hi = max(s - a, 0), min(e - a, n)
            el.text = old[:lo] + (new if el is first else "") + old[hi:]
            el.set(xml_space, "preserve")


def _scrub(value: str, terms, replace) -> str | None:
    hits = find_terms(value, terms)
    if not hits:
        return None
    return _apply(value, [(h.start, h.end, replace(h, value[h.start:h.end])) for h in hits])


_INITIALS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}initials"


def _found_name_terms(detections) -> list:
    """The full names ``scan`` found (not from the register) as terms to scrub from the markup:
    "Rhiannon Kettleby" flagged in the text is also a comment's author."""
    from .register import Term, Terms, _words_pattern, squeeze

    names = {" ".join(d.text.split()) for d in detections
             if not d.registered and not d.credit and d.entity == "PERSON" and len(d.text.split()) >= 2
             and "," not in d.text}
    forms = set(names)
    for n in names:  # "Kettleby, Rhiannon" and "R. Kettleby" as authors write them
        words = n.split()
        forms.add(f"{words[-1]}, {' '.join(words[:-1])}")
        forms.add(f"{words[0][0]}. {' '.join(words[1:])}")
    return Terms([Term("person", "PERSON", _words_pattern(n, title=True).replace(re.escape(","), ",?"),
                       None, -1, len(n), squeeze(n), n)
                  for n in sorted(forms, key=len, reverse=True)]) if forms else []


def _initials(name: str) -> str:
    """Initials of a (replaced) author's name, as Word stores them beside a comment."""
    return "".join(w[0] for w in name.split() if w[:1].isalnum())[:4]


def _scrub_tree(root, terms, replace) -> int:
    """Register text anywhere in a part: attribute values (comment authors, alt text ...) and
    element text (field codes such as HYPERLINK "mailto:...", parts the reader does not visit,
    text the block edits could not reach). Returns how many values changed."""
    from lxml import etree

    from .residue import font_reference

    count = 0
    for el in root.iter():
        if isinstance(el, etree._Entity):
            continue
        for name, value in list(el.attrib.items()):
            if not value or value.startswith("rId") or font_reference(el, name, value):
                continue  # a relationship id, or a font name (formatting, never a person)
            new = _scrub(value, terms, replace)
            if new is not None:
                if name == _INITIALS:  # initials stay initials: "KW" -> "M" (for "Mother")
                    new = _initials(new)
                el.set(name, new)
                count += 1
                if name.endswith("}author") and el.get(_INITIALS) is not None:
                    el.set(_INITIALS, _initials(new))  # "KW" would still point at Kelly Walsh
        new = _scrub(el.text, terms, replace) if el.text else None
        if new is not None:
            el.text = new
            count += 1
    return count


def _redact_docx(doc: Document, detections, replacer: Replacer, terms) -> bytes:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    from ..readers.docx import parse_part, serialise_part

    by_block: dict[int, list] = {}
    for d in detections:
        by_block.setdefault(d.block, []).append((d.start, d.end, replacer.replacement(d)))
    native = doc.native
    props = {}
    for i, edits in by_block.items():
        block = doc.blocks[i]
        if block.node is None:
            if block.location.part == "properties" and block.location.field:
                props[block.location.field] = _apply(block.text, edits)
            continue
        if hasattr(block.node, "apply"):  # text outside paragraphs (alt text, chart ...)
            block.node.apply(edits)
            continue
        for node in (block.node, *block.mirrors):  # a text box's fallback copy too
            _edit_node(node, edits)

    cp = native.core_properties
    for name, value in props.items():
        if name in ("company", "manager"):
            continue  # app.xml: scrubbed below with the register; detections reported by scan
        if hasattr(cp, name):
            setattr(cp, name, value)

    def register_replacement(hit, text):
        return replacer.replacement(Detection(-1, hit.start, hit.end, text, hit.term.entity, 1.0, hit.term))

    # names found in the text also leave the markup: a comment's or tracked change's author
    found = _found_name_terms(detections)

    def found_replacement(hit, text):
        return replacer.replacement(Detection(-1, hit.start, hit.end, text, "PERSON", 0.6))

    real_texts = [key[0] for key in replacer.mapping]
    # parts python-docx holds only as bytes (footnotes, charts ...) were read into trees by
    # the reader and edited there: write them back (whatever their names)
    trees = doc.package.trees if doc.package is not None else {}
    for part in native.part.package.iter_parts():
        name = str(part.partname)
        element = getattr(part, "_element", None)
        tree = trees.get(name.lstrip("/"))
        if element is None and tree is not None:
            if terms:
                _scrub_tree(tree, terms, register_replacement)
            if found:
                _scrub_tree(tree, found, found_replacement)
            part._blob = serialise_part(tree)
        elif terms or found:
            if element is not None:
                if terms:
                    _scrub_tree(element, terms, register_replacement)
                if found:
                    _scrub_tree(element, found, found_replacement)
            elif name.endswith(".xml") and name != "/docProps/core.xml":
                try:
                    root = parse_part(doc.path, name, part.blob)
                except InputError:  # a part Word itself ignores: nothing to scrub
                    root = None
                if root is not None and (_scrub_tree(root, terms, register_replacement) if terms else 0) + \
                        (_scrub_tree(root, found, found_replacement) if found else 0):
                    part._blob = serialise_part(root)
        # a hyperlink whose address holds a replaced detail points nowhere now
        for rel in list(getattr(part, "rels", {}).values()):
            if rel.reltype == RT.HYPERLINK and rel.is_external:
                target = rel.target_ref.lower()
                if any(r.lower() in target for r in real_texts if len(r) > 2) or \
                        (terms and find_terms(rel.target_ref, terms)):
                    rel._target = "#"
    out = io.BytesIO()
    native.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- text and fresh .docx

def _redacted_blocks(doc: Document, detections, replacer: Replacer) -> list[str]:
    by_block: dict[int, list] = {}
    for d in detections:
        by_block.setdefault(d.block, []).append((d.start, d.end, replacer.replacement(d)))
    return [_apply(b.text, by_block.get(i, [])) for i, b in enumerate(doc.blocks)]


def _redact_plain(doc: Document, detections, replacer: Replacer) -> bytes:
    bom = doc.data.startswith(b"\xef\xbb\xbf")
    text = doc.data.decode("utf-8-sig")
    edits = []
    for d in detections:
        base = doc.blocks[d.block].location.start or 0
        edits.append((base + d.start, base + d.end, replacer.replacement(d)))
    return (b"\xef\xbb\xbf" if bom else b"") + _apply(text, edits).encode("utf-8")


def _fresh_docx(doc: Document, texts: list[str]) -> bytes:
    import docx

    out = docx.Document()
    for block, text in zip(doc.blocks, texts):
        if block.location.part in ("properties", "pdf-metadata", "annotation"):
            continue
        if block.kind == "heading" and block.level is not None:
            if doc.format == "md":
                text = re.sub(r"^#{1,6}\s+|\s+#+\s*$", "", text)
            out.add_heading(text, level=min(max(block.level, 0), 9))
        else:
            out.add_paragraph(text)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _body_text(doc: Document, texts: list[str]) -> bytes:
    keep = [t for b, t in zip(doc.blocks, texts)
            if b.location.part not in ("properties", "pdf-metadata", "annotation")]
    return ("\n\n".join(keep) + "\n").encode("utf-8")


# ---------------------------------------------------------------- entry points

def output_kind(doc: Document, suffix: str) -> str:
    """How a copy of ``doc`` is written to a file ending in ``suffix``."""
    suffix = suffix.lower()
    if doc.format == "docx":
        if suffix != ".docx":
            raise InputError(None, "a .docx is redacted into a .docx (name the output .docx)")
        return "docx"
    if doc.format in ("txt", "md"):
        if suffix in (".txt", ".md"):
            return "plain"
        if suffix == ".docx":
            return "fresh-docx"
        raise InputError(None, f"a .{doc.format} is redacted into .txt, .md or .docx")
    if suffix in (".txt", ".md"):
        return "text"
    if suffix == ".docx":
        return "fresh-docx"
    raise InputError(None, "a .pdf is redacted into .txt or .docx (PDF output is not supported)")


def redact_document(doc: Document, register: Register | None = None, *, case=None,
                    min_score: float = DEFAULT_MIN_SCORE, settings: Settings | None = None,
                    suffix: str | None = None) -> Redaction:
    """Pseudonymise ``doc`` (read with ``read_document``); returns the bytes and the mapping.

    ``suffix`` picks the output format (default: the input's own, ``.txt`` for PDF). A .docx
    document's ``native`` object is edited in place: read the file again to redact it twice.
    After the text is replaced, what a byte-level search would still find of the register
    (part names, link targets, bookmarks, field codes, image metadata, embedded packages ...)
    is rewritten or removed, and the copy is searched: ``places`` lists where an entry remains
    (part names only); a copy with places must not be written.
    """
    from .neutralise import neutralise, neutralise_text
    from .residue import Matcher, search

    suffix = suffix or (".txt" if doc.format == "pdf" else f".{doc.format}")
    kind = output_kind(doc, suffix)
    detections = detect(doc, register, case=case, min_score=min_score, settings=settings)
    replacer = Replacer()
    replacer.assign_people(detections)
    terms = compile_terms(register) if register is not None else []
    if kind == "docx":
        data = _redact_docx(doc, detections, replacer, terms)
    elif kind == "plain":
        data = _redact_plain(doc, detections, replacer)
    else:
        texts = _redacted_blocks(doc, detections, replacer)
        data = _fresh_docx(doc, texts) if kind == "fresh-docx" else _body_text(doc, texts)
    matcher = Matcher(register)
    if kind in ("docx", "fresh-docx"):
        data = neutralise(data, matcher)
    else:
        bom = data.startswith(b"\xef\xbb\xbf")
        text = neutralise_text(data.decode("utf-8-sig"), matcher)
        data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    places = search(data, matcher, name=f"copy{suffix}")
    hidden = [{"real": real, "replacement": new, "entity": entity, "source": "hidden", "count": n}
              for (real, new, entity), n in matcher.replaced.items()]
    mapping = sorted([*replacer.mapping.values(), *hidden],
                     key=lambda m: (m["source"], m["replacement"], m["real"]))
    return Redaction(data=data, suffix=suffix, count=len(detections), mapping=mapping,
                     remaining=len(places), places=places)


def redact_to_file(doc: Document, register: Register | None, output: str | Path, *,
                   mapping: str | Path | None = None, force: bool = False, case=None,
                   min_score: float = DEFAULT_MIN_SCORE, settings: Settings | None = None,
                   inputs: tuple = ()) -> Redaction:
    """Redact ``doc`` and write the copy (and the mapping, separately), all or nothing.

    Every destination is checked before any work; when the residue search finds a register
    entry left in the copy, nothing is written (``result.places`` says where). Both files are
    written to temporaries and renamed together; SIGTERM meanwhile removes the temporaries.
    """
    from .writing import check_destinations, cleanup_on_sigterm, write_together

    out = Path(output)
    inputs = tuple(str(p) for p in (doc.path, *inputs) if p)
    targets = [out] + ([Path(mapping)] if mapping else [])
    check_destinations(targets, force=force, inputs=inputs)
    with cleanup_on_sigterm():
        try:
            result = redact_document(doc, register, case=case, min_score=min_score, settings=settings,
                                     suffix=out.suffix or None)
        except InputError as exc:
            if exc.path is None:
                raise InputError(out, exc.problem) from None
            raise
        if result.places:
            return result
        files = [(out, result.data)]
        if mapping:
            body = {"note": "Real details and their replacements. OFFICIAL-SENSITIVE: keep this file "
                            "as secure as the case register and never publish it.",
                    "document": str(doc.path), "copy": str(out), "replacements": result.mapping}
            files.append((Path(mapping), (json.dumps(body, indent=2, ensure_ascii=False) + "\n")
                          .encode("utf-8")))
        write_together(files, force=force, inputs=inputs)
    return result
