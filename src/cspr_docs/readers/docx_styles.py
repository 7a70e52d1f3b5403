"""Effective paragraph and run properties of a .docx: style chains (``basedOn``), the
document defaults, heading and list levels. Used by the reader (bold, list level, heading
level of each block) and by the inspections (hidden and white text)."""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def on(el) -> bool:
    """A WordprocessingML toggle property (``<w:b/>``, ``w:val="0"`` is off)."""
    return el is not None and (el.get(w("val")) or "true").lower() not in ("0", "false", "off")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class Styles:
    """Property lookups through ``basedOn`` chains and the document defaults."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.defaults_rpr = None
        self.default_ids: dict[str, str] = {}
        self._rpr_cache: dict[tuple, object] = {}
        self._numpr_cache: dict[str | None, object] = {}
        if root is None:
            return
        for st in root.iter(w("style")):
            sid = st.get(w("styleId"))
            if sid:
                self.by_id[sid] = st
                if st.get(w("default")) in ("1", "true", "on"):
                    self.default_ids[st.get(w("type")) or ""] = sid
        self.defaults_rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id and len(seen) < 50:
            seen.add(style_id)
            st = self.by_id[style_id]
            yield st
            based = st.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None

    def style_rpr(self, style_id: str | None, tag: str):
        key = (style_id, tag)
        if key not in self._rpr_cache:
            self._rpr_cache[key] = next((el for st in self.chain(style_id)
                                         for el in [st.find(f"{w('rPr')}/{w(tag)}")] if el is not None), None)
        return self._rpr_cache[key]

    def paragraph_style_id(self, p) -> str | None:
        ps = p.find(f"{w('pPr')}/{w('pStyle')}") if p is not None else None
        if ps is not None and ps.get(w("val")):
            return ps.get(w("val"))
        return self.default_ids.get("paragraph")

    def name(self, style_id: str | None) -> str | None:
        st = self.by_id.get(style_id or "")
        if st is None:
            return None
        el = st.find(w("name"))
        name = (el.get(w("val")) if el is not None else None) or style_id
        from docx.styles import BabelFish  # Word's own names for its built-in styles

        return BabelFish.internal2ui(name)

    def run_property(self, r, tag: str):
        """The effective ``w:tag`` element of run ``r``: direct, character style,
        paragraph style, then document default (``None`` when unset)."""
        rpr = r.find(w("rPr"))
        if rpr is not None:
            el = rpr.find(w(tag))
            if el is not None:
                return el
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                el = self.style_rpr(rstyle.get(w("val")), tag)
                if el is not None:
                    return el
        p = next(r.iterancestors(w("p")), None)
        el = self.style_rpr(self.paragraph_style_id(p), tag)
        if el is not None:
            return el
        if self.defaults_rpr is not None:
            return self.defaults_rpr.find(w(tag))
        return None

    def list_level(self, p) -> int | None:
        """The list level of paragraph ``p`` (0 = top), from its own numbering or its
        style's; ``None`` when it is not a list item (``numId`` 0 switches a list off)."""
        num = p.find(f"{w('pPr')}/{w('numPr')}")
        if num is None:
            style_id = self.paragraph_style_id(p)
            if style_id not in self._numpr_cache:
                self._numpr_cache[style_id] = next((el for st in self.chain(style_id)
                                                    for el in [st.find(f"{w('pPr')}/{w('numPr')}")]
                                                    if el is not None), None)
            num = self._numpr_cache[style_id]
        if num is None:
            return None
        num_id = num.find(w("numId"))
        if num_id is not None and _int(num_id.get(w("val"))) == 0:
            return None
        ilvl = num.find(w("ilvl"))
        level = _int(ilvl.get(w("val"))) if ilvl is not None else 0
        return level if level is not None and 0 <= level <= 8 else 0

    def heading_level(self, p) -> int | None:
        """Heading level of a paragraph from its outline level or style chain (0 = Title)."""
        lvl = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        if lvl is not None:
            return _outline(lvl)
        if p.find(f"{w('pPr')}/{w('pStyle')}") is None:
            return None
        for st in self.chain(self.paragraph_style_id(p)):
            name_el = st.find(w("name"))
            name = ((name_el.get(w("val")) if name_el is not None else "") or "").strip().lower()
            if name == "title":
                return 0
            if name.startswith("heading ") and name[8:].isdigit():
                return int(name[8:])
            lvl = st.find(f"{w('pPr')}/{w('outlineLvl')}")
            if lvl is not None:
                return _outline(lvl)
        return None


def _outline(el) -> int | None:
    val = _int(el.get(w("val")))
    return val + 1 if val is not None and 0 <= val < 9 else None  # 9 means "body text"
