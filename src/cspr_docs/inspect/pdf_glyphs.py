"""A page's content stream as glyphs with positions, for finding and removing text nobody sees.

This walker tracks the graphics and text state itself (PDF 32000 §8.4, §9.4): CTM, clipping
area (the bounding box of each clipping path, and of each form's /BBox), fill colour and
alpha, text matrix, font, size, spacing, horizontal scaling, rise, rendering mode, and
marked-content sections of optional content (``BDC /OC``) that the document's default
configuration switches off. It decodes and measures each glyph with pypdf's ``Font`` and
records filled rectangles and images in painting order. ``hidden()`` then says which glyphs
nobody can see and why; ``pdf_cut`` takes them out of the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


#: colours closer than this (0..1 per component) count as "the same"
SAME_COLOUR = 0.08
WHITE = (1.0, 1.0, 1.0)
#: how deep Form XObjects (which may draw other forms) are followed
MAX_FORM_DEPTH = 8
#: glyphs smaller than this (points, after every scaling) cannot be read
TINY = 1.0

# why a glyph is not seen (the words of the HID007 message)
OFF_LAYER = "in an optional-content layer that is switched off"
OUTSIDE = "outside the page"
CLIPPED = "clipped away"
TINY_TEXT = "at a tiny size (under 1 pt)"
NO_WIDTH = "with horizontal scaling 0 (Tz 0)"
INVISIBLE_MODE = "in invisible rendering mode (Tr 3)"
UNDER_BOX = "under an opaque box drawn over it"
UNDER_PICTURE = "under an opaque picture drawn over it"
SAME_COLOUR_TEXT = "in the same colour as its background"


@dataclass
class Rect:
    """A filled, opaque area in page space, with when it was painted."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: tuple[float, float, float] | None
    order: int
    image: bool = False  # a picture: its colours are unknown
    opaque: bool = True  # a picture without a mask or transparency hides what is under it

    def contains(self, x: float, y: float, tol: float = 0.5) -> bool:
        return self.x0 - tol <= x <= self.x1 + tol and self.y0 - tol <= y <= self.y1 + tol


def _mul(a, b):
    """Product of two PDF matrices [a b c d e f] (a applied first)."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _apply(m, x, y):
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _bbox(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _num(v, default=0.0) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def _colour(operator: bytes, operands) -> tuple[float, float, float] | None:
    """Fill colour as RGB 0..1 from g/rg/k/sc/scn (``None``: a pattern or unknown space)."""
    nums = [_num(v) for v in operands if isinstance(v, (int, float))]
    if operator == b"g" or (operator in (b"sc", b"scn") and len(nums) == 1):
        return (nums[0],) * 3 if nums else None
    if operator == b"rg" or (operator in (b"sc", b"scn") and len(nums) == 3):
        return tuple(nums[:3]) if len(nums) >= 3 else None
    if operator == b"k" or (operator in (b"sc", b"scn") and len(nums) == 4):
        if len(nums) < 4:
            return None
        c, m, y, k = nums[:4]
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _intersect(a, b):
    """The overlap of two boxes (``None`` is the whole plane); an empty overlap is kept as a
    box with x0 > x1 so that nothing lies in it."""
    if a is None:
        return b
    if b is None:
        return a
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _outside(box, area, tol: float = 0.1) -> bool:
    """Whether ``box`` has no overlap with ``area`` (``None``: everywhere)."""
    if area is None:
        return False
    return box[2] <= area[0] + tol or box[0] >= area[2] - tol or box[3] <= area[1] + tol or box[1] >= area[3] - tol


def _same(a, b) -> bool:
    return a is not None and b is not None and max(abs(x - y) for x, y in zip(a, b)) <= SAME_COLOUR

_SHOW = {b"Tj", b"TJ", b"'", b'"'}
_PAINT = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
_END = {b"S", b"s", b"n"} | _PAINT


@dataclass
class Glyph:
    op: int           # index of the operator in the page's own operations (-1 inside a form XObject)
    part: int         # index of the string in a TJ array (0 for Tj, ' and ")
    start: int        # byte offsets of the glyph in that string
    end: int
    char: str         # the glyph's Unicode text
    advance: float    # horizontal displacement in thousandths of text space (a TJ number)
    centre: tuple[float, float]
    colour: tuple[float, float, float] | None
    invisible: bool   # rendering mode 3/7 or no opacity: the OCR layer of a scan, if over a picture
    order: int = 0    # painting order on the page
    top: int = -1     # index of the page's own operator that drew it (the Do of a form)
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # page space
    why: str | None = None  # hidden by the state it was drawn in (layer, clip, size ...)
    inner: int = -1   # index of the operator in the form's own operations (a form drawn by the page)
    line: tuple = ()  # (text object, baseline): a line that shows part of itself overflows, it does not hide


def raw_bytes(s) -> bytes:
    raw = getattr(s, "original_bytes", None)
    if raw is not None:
        return bytes(raw)
    if isinstance(s, bytes):
        return bytes(s)
    return str(s).encode("latin-1", "replace")


def _load_font(fonts_res, name, cache):
    key = (id(fonts_res), name)
    if key in cache:
        return cache[key]
    font = None
    try:
        try:
            from pypdf.generic._font import Font  # pypdf >= 6: encodings, ToUnicode and widths
        except ImportError:  # pragma: no cover
            from pypdf.generic import Font
        font = Font.from_font_resource(fonts_res[name].get_object())
    except Exception:
        font = None
    cache[key] = font
    return font


def _decode(font, raw: bytes) -> list[tuple[int, int, str, float, bool]]:
    """(start, end, text, width in 1/1000 em, is the single-byte space) per glyph code of ``raw``."""
    out = []
    if font is None:
        return [(i, i + 1, chr(b), 500.0, b == 32) for i, b in enumerate(raw)]
    two = isinstance(font.encoding, str) and "16" in font.encoding
    step = 2 if two else 1
    for i in range(0, len(raw) - step + 1, step):
        code = raw[i:i + step]
        if isinstance(font.encoding, str):
            try:
                rawchar = code.decode(font.encoding, "surrogatepass")
            except (UnicodeDecodeError, LookupError):
                rawchar = code.decode("latin-1")
        else:
            rawchar = font.encoding.get(code[0], chr(code[0]))
        text = font.character_map.get(rawchar, rawchar) if font.character_map else rawchar
        try:
            width = font.space_width if rawchar == font.space_char else font.get_text_width(rawchar)
        except Exception:
            width = 500.0
        out.append((i, i + step, str(text), float(width or 0.0), step == 1 and code == b" "))
    return out


def _resources(obj):
    res = obj.get("/Resources") if hasattr(obj, "get") else None
    res = res.get_object() if res is not None else {}
    out = {}
    for key in ("/Font", "/ExtGState", "/XObject", "/Properties"):
        value = res.get(key) if hasattr(res, "get") else None
        out[key] = value.get_object() if value is not None else {}
    return out


def _ref_id(value) -> int | None:
    return getattr(value, "idnum", None) or getattr(getattr(value, "indirect_reference", None), "idnum", None)


def layers_off(doc) -> set[int]:
    """Object numbers of the optional-content groups the default configuration switches off
    (``/OCProperties /D``: its ``/OFF`` list, or every group not in ``/ON`` when its
    ``/BaseState`` is ``/OFF``)."""
    try:
        props = doc.root_object.get("/OCProperties")
        props = props.get_object() if props is not None else None
        if props is None:
            return set()
        default = props.get("/D")
        default = default.get_object() if default is not None else {}
        off = {_ref_id(r) for r in default.get("/OFF", []) or []}
        if default.get("/BaseState") == "/OFF":
            on = {_ref_id(r) for r in default.get("/ON", []) or []}
            off |= {_ref_id(r) for r in props.get("/OCGs", []) or []} - on
        return {n for n in off if n is not None}
    except Exception:  # a broken configuration: every layer counts as shown
        return set()


def _content_off(oc, off: set[int]) -> bool:
    """Whether an optional-content group or membership dictionary (``/OCMD``) is hidden."""
    if oc is None or not off:
        return False
    ref = _ref_id(oc)
    try:
        oc = oc.get_object()
    except AttributeError:
        pass
    if not hasattr(oc, "get"):
        return False
    if oc.get("/Type") != "/OCMD":
        return ref in off
    groups = oc.get("/OCGs")
    groups = groups.get_object() if groups is not None else []
    groups = list(groups) if isinstance(groups, list) else [groups]
    states = [_ref_id(g) not in off for g in groups if g is not None]
    if not states or oc.get("/VE") is not None:
        return False  # visibility expressions: not judged (counted as shown)
    policy = oc.get("/P", "/AnyOn")
    if policy == "/AllOn":
        return not all(states)
    if policy == "/AnyOff":
        return all(states)
    if policy == "/AllOff":
        return any(states)
    return not any(states)  # /AnyOn


class GlyphWalker:
    """Glyphs and filled areas of one page, in painting order (form XObjects followed)."""

    def __init__(self, page, reader) -> None:
        from pypdf.generic import ContentStream

        self.page = page
        self.reader = reader
        contents = page.get_contents()
        self.stream = ContentStream(contents, reader) if contents is not None else None
        self.glyphs: list[Glyph] = []
        self.rects: list[Rect] = []
        self._order = 0
        self._text_objects = 0
        self._fonts: dict = {}
        self.off = layers_off(reader) if reader is not None else set()
        #: top-level ``Do`` operators whose form draws nothing anyone can see
        self.invisible_forms: set[int] = set()
        #: top-level ``Do`` operator -> (name, form XObject, its parsed content) for forms the page draws
        self.forms: dict[int, tuple] = {}
        try:
            media = [_num(v) for v in page.mediabox]
            crop = [_num(v) for v in page.cropbox]
            norm = lambda b: (min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3]))  # noqa: E731
            self.area = _intersect(norm(media), norm(crop))
        except Exception:
            self.area = None

    def walk(self) -> "GlyphWalker":
        if self.stream is not None:
            self._run(self.stream.operations, _resources(self.page), [1.0, 0, 0, 1.0, 0, 0], 0, None, False, -1)
        return self

    def _marked_off(self, operands, res) -> bool:
        """Whether a ``BDC`` opens optional content that is switched off."""
        if len(operands) < 2 or operands[0] != "/OC" or not self.off:
            return False
        props = operands[1]
        if not hasattr(props, "get"):
            try:
                props = dict.get(res["/Properties"], props)
            except Exception:
                return False
        return _content_off(props, self.off)

    def _run(self, operations, res, cm, depth: int, clip, hidden: bool, top: int, text_clip: bool = False) -> None:
        fill: tuple | None = (0.0, 0.0, 0.0)
        alpha, mode = 1.0, 0
        soft = False  # a soft mask or a blend mode other than Normal: what is painted lets things show
        stack = []
        marked: list[bool] = []
        tm = tlm = [1.0, 0, 0, 1.0, 0, 0]
        font = None
        type3 = False
        size = tc = tw = ts = 0.0
        th, tl = 1.0, 0.0
        path_pts: list = []
        path_rects: list = []
        clipping = False
        clip_text = False  # glyph outlines clip what follows (modes 4-7): it colours them
        for index, (operands, op) in enumerate(operations):
            self._order += 1
            here = index if depth == 0 else top
            off = hidden or (marked[-1] if marked else False)
            if op == b"q":  # the text state is part of the graphics state (PDF 32000 §8.4.1)
                stack.append((cm, fill, alpha, soft, mode, clip, font, type3, size, tc, tw, th, tl, ts, text_clip))
            elif op == b"Q" and stack:
                cm, fill, alpha, soft, mode, clip, font, type3, size, tc, tw, th, tl, ts, text_clip = stack.pop()
            elif op == b"BDC":
                marked.append(off or self._marked_off(operands, res))
            elif op == b"BMC":
                marked.append(off)
            elif op == b"EMC":
                if marked:
                    marked.pop()
            elif op == b"cm" and len(operands) == 6:
                cm = _mul([_num(v) for v in operands], cm)
            elif op in (b"g", b"rg", b"k", b"sc", b"scn"):
                fill = _colour(op, operands)
            elif op == b"cs":
                fill = (0.0, 0.0, 0.0)
            elif op == b"gs" and operands:
                try:
                    state = res["/ExtGState"][operands[0]].get_object()
                    alpha = _num(state.get("/ca", alpha), 1.0)
                    if "/SMask" in state:
                        soft = state.get("/SMask") not in ("/None", None)
                    if "/BM" in state:
                        blend = state.get("/BM")
                        blend = blend[0] if isinstance(blend, list) and blend else blend
                        soft = soft or blend not in ("/Normal", "/Compatible")
                except Exception:
                    pass
            elif op == b"BT":
                tm = tlm = [1.0, 0, 0, 1.0, 0, 0]
                self._text_objects += 1
            elif op == b"ET":
                text_clip = text_clip or clip_text
                clip_text = False
            elif op == b"Tf" and len(operands) == 2:
                font = _load_font(res["/Font"], operands[0], self._fonts)
                try:
                    type3 = res["/Font"][operands[0]].get_object().get("/Subtype") == "/Type3"
                except Exception:
                    type3 = False
                size = _num(operands[1], 12.0)
            elif op == b"Tc" and operands:
                tc = _num(operands[0])
            elif op == b"Tw" and operands:
                tw = _num(operands[0])
            elif op == b"Tz" and operands:
                th = _num(operands[0], 100.0) / 100.0
            elif op == b"TL" and operands:
                tl = _num(operands[0])
            elif op == b"Ts" and operands:
                ts = _num(operands[0])
            elif op == b"Tr" and operands:
                mode = int(_num(operands[0]))
            elif op in (b"Td", b"TD") and len(operands) == 2:
                tx, ty = _num(operands[0]), _num(operands[1])
                if op == b"TD":
                    tl = -ty
                tm = tlm = _mul([1, 0, 0, 1, tx, ty], tlm)
            elif op == b"Tm" and len(operands) == 6:
                tm = tlm = [_num(v) for v in operands]
            elif op == b"T*":
                tm = tlm = _mul([1, 0, 0, 1, 0, -tl], tlm)
            elif op in _SHOW:
                if op in (b"'", b'"'):
                    if op == b'"' and len(operands) == 3:
                        tw, tc = _num(operands[0]), _num(operands[1])
                    tm = tlm = _mul([1, 0, 0, 1, 0, -tl], tlm)
                    items = [operands[-1]] if operands else []
                elif op == b"TJ":
                    items = list(operands[0]) if operands else []
                else:
                    items = operands[:1]
                # mode 7 only adds the glyphs to the clip: what is painted next shows through them
                invisible = mode == 3 or (alpha < 0.1 and mode != 7)
                clip_text = clip_text or mode >= 4
                for part, item in enumerate(items):
                    if isinstance(item, (int, float)):
                        tm = _mul([1, 0, 0, 1, -_num(item) / 1000.0 * size * th, 0], tm)
                        continue
                    for start, end, text, width, is_space in _decode(font, raw_bytes(item)):
                        adv = (width / 1000.0 * size + tc + (tw if is_space else 0.0)) * th
                        m = _mul(tm, cm)
                        centre = _apply(m, adv / 2, ts + size * 0.3)
                        box = _bbox([_apply(m, 0, ts - size * 0.2), _apply(m, adv, ts - size * 0.2),
                                     _apply(m, 0, ts + size * 0.8), _apply(m, adv, ts + size * 0.8)])
                        why = None
                        if off:
                            why = OFF_LAYER
                        elif not type3:  # a Type 3 font's own matrix sizes its glyphs: not judged
                            if _outside(box, self.area):
                                why = OUTSIDE
                            elif _outside(box, clip):
                                why = CLIPPED
                            elif th == 0:
                                why = NO_WIDTH
                            elif min(abs(size) * math.hypot(m[2], m[3]),
                                                   abs(size * th) * math.hypot(m[0], m[1])) < TINY:
                                why = TINY_TEXT
                        self.glyphs.append(Glyph(index if depth == 0 else -1, part, start, end, text,
                                                 adv * 1000.0 / size if size else 0.0, centre, fill,
                                                 invisible, self._order, here, box, why,
                                                 inner=index if depth == 1 else -1,
                                                 line=(self._text_objects, round(_apply(m, 0, ts)[1]))))
                        tm = _mul([1, 0, 0, 1, adv, 0], tm)
            elif op == b"re" and len(operands) == 4:
                x, y, w, h = (_num(v) for v in operands)
                path_rects.append(_bbox([_apply(cm, x, y), _apply(cm, x + w, y),
                                         _apply(cm, x, y + h), _apply(cm, x + w, y + h)]))
            elif op in (b"m", b"l") and len(operands) == 2:
                path_pts.append(_apply(cm, _num(operands[0]), _num(operands[1])))
            elif op in (b"c", b"v", b"y"):
                nums = [_num(v) for v in operands]
                path_pts.extend(_apply(cm, nums[i], nums[i + 1]) for i in range(0, len(nums) - 1, 2))
            elif op in (b"W", b"W*"):
                clipping = True
            elif op in _END:
                if op in _PAINT and alpha >= 0.9 and not soft and not off and not text_clip:
                    shapes = list(path_rects) + ([_bbox(path_pts)] if len(path_pts) >= 3 else [])
                    for x0, y0, x1, y1 in shapes:
                        if x1 - x0 > 1 and y1 - y0 > 1:
                            self.rects.append(Rect(x0, y0, x1, y1, fill, self._order))
                if clipping:
                    points = list(path_pts) + [p for r in path_rects for p in ((r[0], r[1]), (r[2], r[3]))]
                    if points:  # a clip without a path is a producer's slip: nothing is judged by it
                        clip = _intersect(clip, _bbox(points))
                    clipping = False
                path_pts, path_rects = [], []
            elif op == b"Do" and operands:
                self._do(operands[0], res, cm, depth, clip, off, 0.0 if soft else alpha, here, text_clip)
            elif op == b"INLINE IMAGE" and not off and not text_clip:
                settings = operands.get("settings", {}) if isinstance(operands, dict) else {}
                mask = any(settings.get(k) not in (None, False) for k in ("/IM", "/ImageMask", "/SMask"))
                box = _intersect(_bbox([_apply(cm, 0, 0), _apply(cm, 1, 0), _apply(cm, 0, 1), _apply(cm, 1, 1)]), clip)
                if box[2] > box[0] and box[3] > box[1]:
                    self.rects.append(Rect(*box, None, self._order, image=True,
                                           opaque=alpha >= 0.9 and not soft and not mask))

    def _do(self, name, res, cm, depth: int, clip, hidden: bool, alpha: float, top: int,
            text_clip: bool = False) -> None:
        try:
            xo = res["/XObject"][name].get_object()
            subtype = xo.get("/Subtype")
        except Exception:
            return
        hidden = hidden or _content_off(xo.get("/OC"), self.off)
        if subtype == "/Image":
            if hidden:
                return
            pts = [_apply(cm, 0, 0), _apply(cm, 1, 0), _apply(cm, 0, 1), _apply(cm, 1, 1)]
            opaque = alpha >= 0.9 and not any(xo.get(k) for k in ("/SMask", "/Mask", "/ImageMask", "/SMaskInData"))
            box = _intersect(_bbox(pts), clip)
            if box[2] > box[0] and box[3] > box[1] and not text_clip:
                self.rects.append(Rect(*box, None, self._order, image=True, opaque=opaque))
        elif subtype == "/Form" and depth < MAX_FORM_DEPTH:
            from pypdf.generic import ContentStream

            try:
                matrix = _mul([_num(v) for v in xo.get("/Matrix", [1, 0, 0, 1, 0, 0])], cm)
                parsed = ContentStream(xo, self.reader)
                inner = parsed.operations
                inner_res = _resources(xo) if xo.get("/Resources") is not None else res
                bbox = [_num(v) for v in xo.get("/BBox", [])]
            except Exception:
                return
            if len(bbox) == 4:
                clip = _intersect(clip, _bbox([_apply(matrix, bbox[0], bbox[1]), _apply(matrix, bbox[2], bbox[1]),
                                               _apply(matrix, bbox[0], bbox[3]), _apply(matrix, bbox[2], bbox[3])]))
            if depth == 0:
                self.forms[top] = (name, xo, parsed)
            nowhere = clip is not None and (_outside(clip, self.area) or clip[0] >= clip[2] or clip[1] >= clip[3])
            if depth == 0 and (hidden or nowhere):
                self.invisible_forms.add(top)
            self._run(inner, inner_res, matrix, depth + 1, clip, hidden, top, text_clip)

    def hidden(self) -> list[tuple[Glyph, str]]:
        """(glyph, how) for every glyph nobody can see: drawn in a state that hides it (layer
        switched off, outside the page or its clipping area, tiny, squashed to no width), in
        an invisible mode (unless it lies on a picture: the OCR layer of a scan), under an
        opaque box or picture painted later, or in the colour of what is behind it."""
        out = []
        groups: dict[int, list[Glyph]] = {}
        pictures = [r for r in self.rects if r.image]
        # a line running past the page edge or its clip (a long line, a narrow table cell) is an
        # overflow, not hidden text: only lines with nothing on the page count
        seen_lines = {g.line for g in self.glyphs if g.why is None and not g.char.isspace()}
        for g in self.glyphs:  # glyphs of one text-showing operator share its painting order
            if g.why in (OUTSIDE, CLIPPED) and g.line in seen_lines:
                continue
            if g.why:
                out.append((g, g.why))
            elif g.invisible:
                if not any(r.contains(*g.centre) for r in pictures):
                    out.append((g, INVISIBLE_MODE))
            else:
                groups.setdefault(g.order, []).append(g)
        for order, glyphs in groups.items():
            x0, y0, x1, y1 = _bbox([g.centre for g in glyphs])
            near = [r for r in self.rects if r.x0 - 1 <= x1 and r.x1 + 1 >= x0 and r.y0 - 1 <= y1 and r.y1 + 1 >= y0]
            if not any(r.order > order and r.opaque for r in near):
                backgrounds = [WHITE] + [r.colour for r in near]
                if not any(_same(c, b) for c in {g.colour for g in glyphs} for b in backgrounds):
                    continue  # nothing painted over it and no background of its own colour
            for g in glyphs:
                cx, cy = g.centre
                at = [r for r in near if r.contains(cx, cy)]
                over = [r for r in at if r.order > order and r.opaque]
                if over:
                    out.append((g, UNDER_BOX if any(not r.image for r in over) else UNDER_PICTURE))
                    continue
                behind = [r for r in at if r.order < order]
                background = behind[-1].colour if behind else WHITE
                if _same(g.colour, background):
                    out.append((g, SAME_COLOUR_TEXT))
        out.sort(key=lambda item: item[0].order)
        return out
