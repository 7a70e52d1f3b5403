"""A page's top-level content stream as glyphs with positions, for removing failed redactions.

``redaction.find_hidden_text`` finds hidden text through pypdf's extraction visitors;
``sanitize`` needs more: *which bytes of which operator* to take out. This walker
tracks the text state itself (PDF 32000 §9.4), decodes and measures each glyph with
pypdf's ``Font``, records filled rectangles in painting order, and can rewrite the
text-showing operators so hidden glyphs disappear while the visible text keeps its
place (a hidden stretch becomes a TJ kerning gap of the same width).
"""

from __future__ import annotations

from dataclasses import dataclass


#: colours closer than this (0..1 per component) count as "the same"
SAME_COLOUR = 0.08
WHITE = (1.0, 1.0, 1.0)
#: how deep Form XObjects (which may draw other forms) are followed
MAX_FORM_DEPTH = 8


@dataclass
class Rect:
    """A filled, opaque area in page space, with when it was painted."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: tuple[float, float, float] | None
    order: int
    image: bool = False  # a picture: its colours are unknown, it only counts as a background

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
    invisible: bool
    order: int = 0    # painting order on the page


def _raw(s) -> bytes:
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
    for key in ("/Font", "/ExtGState", "/XObject"):
        value = res.get(key) if hasattr(res, "get") else None
        out[key] = value.get_object() if value is not None else {}
    return out


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
        self._fonts: dict = {}

    def walk(self) -> "GlyphWalker":
        if self.stream is not None:
            self._run(self.stream.operations, _resources(self.page), [1.0, 0, 0, 1.0, 0, 0], 0)
        return self

    def _run(self, operations, res, cm, depth: int) -> None:
        top = depth == 0
        fill: tuple | None = (0.0, 0.0, 0.0)
        alpha, mode = 1.0, 0
        stack = []
        tm = tlm = [1.0, 0, 0, 1.0, 0, 0]
        font = None
        size = tc = tw = ts = 0.0
        th, tl = 1.0, 0.0
        path_pts: list = []
        path_rects: list = []
        for index, (operands, op) in enumerate(operations):
            self._order += 1
            if op == b"q":
                stack.append((cm, fill, alpha, mode))
            elif op == b"Q" and stack:
                cm, fill, alpha, mode = stack.pop()
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
                except Exception:
                    pass
            elif op == b"BT":
                tm = tlm = [1.0, 0, 0, 1.0, 0, 0]
            elif op == b"Tf" and len(operands) == 2:
                font = _load_font(res["/Font"], operands[0], self._fonts)
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
                invisible = mode in (3, 7) or alpha < 0.1
                for part, item in enumerate(items):
                    if isinstance(item, (int, float)):
                        tm = _mul([1, 0, 0, 1, -_num(item) / 1000.0 * size * th, 0], tm)
                        continue
                    for start, end, text, width, is_space in _decode(font, _raw(item)):
                        adv = (width / 1000.0 * size + tc + (tw if is_space else 0.0)) * th
                        centre = _apply(_mul(tm, cm), adv / 2, ts + size * 0.3)
                        self.glyphs.append(Glyph(index if top else -1, part, start, end, text,
                                                 adv * 1000.0 / size if size else 0.0, centre, fill,
                                                 invisible, self._order))
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
            elif op in _END:
                if op in _PAINT and alpha >= 0.9:
                    shapes = list(path_rects) + ([_bbox(path_pts)] if len(path_pts) >= 3 else [])
                    for x0, y0, x1, y1 in shapes:
                        if x1 - x0 > 1 and y1 - y0 > 1:
                            self.rects.append(Rect(x0, y0, x1, y1, fill, self._order))
                path_pts, path_rects = [], []
            elif op == b"Do" and operands:
                self._do(operands[0], res, cm, depth)

    def _do(self, name, res, cm, depth: int) -> None:
        try:
            xo = res["/XObject"][name].get_object()
            subtype = xo.get("/Subtype")
        except Exception:
            return
        if subtype == "/Image":
            pts = [_apply(cm, 0, 0), _apply(cm, 1, 0), _apply(cm, 0, 1), _apply(cm, 1, 1)]
            self.rects.append(Rect(*_bbox(pts), None, self._order, image=True))
        elif subtype == "/Form" and depth < MAX_FORM_DEPTH:
            from pypdf.generic import ContentStream

            try:
                matrix = [_num(v) for v in xo.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                inner = ContentStream(xo, self.reader).operations
                inner_res = _resources(xo) if xo.get("/Resources") is not None else res
            except Exception:
                return
            self._run(inner, inner_res, _mul(matrix, cm), depth + 1)

    def hidden(self) -> list[tuple[Glyph, str]]:
        """(glyph, how) for glyphs under an opaque box painted later, or the colour of what
        is behind them."""
        out = []
        groups: dict[int, list[Glyph]] = {}
        for g in self.glyphs:  # glyphs of one text-showing operator share its painting order
            if not g.invisible:  # render mode 3: the OCR layer of a scanned page, there by design
                groups.setdefault(g.order, []).append(g)
        for order, glyphs in groups.items():
            x0, y0, x1, y1 = _bbox([g.centre for g in glyphs])
            near = [r for r in self.rects if r.x0 - 1 <= x1 and r.x1 + 1 >= x0 and r.y0 - 1 <= y1 and r.y1 + 1 >= y0]
            if not any(r.order > order and not r.image for r in near):
                backgrounds = [WHITE] + [r.colour for r in near]
                if not any(_same(c, b) for c in {g.colour for g in glyphs} for b in backgrounds):
                    continue  # nothing painted over it and no background of its own colour
            for g in glyphs:
                cx, cy = g.centre
                at = [r for r in near if r.contains(cx, cy)]
                if any(r.order > order and not r.image for r in at):
                    out.append((g, "under an opaque box drawn over it"))
                    continue
                behind = [r for r in at if r.order < order]
                background = behind[-1].colour if behind else WHITE
                if _same(g.colour, background):
                    out.append((g, "in the same colour as its background"))
        return out


def remove_hidden_glyphs(page, reader) -> list[str]:
    """Rewrite ``page``'s content so hidden glyphs are gone; returns the removed text runs."""
    from pypdf.generic import ArrayObject, ByteStringObject, FloatObject, NameObject

    walker = GlyphWalker(page, reader).walk()
    hidden = [g for g, _ in walker.hidden() if g.op >= 0]
    if not hidden:
        return []
    by_op: dict[int, set[tuple[int, int]]] = {}
    for g in hidden:
        by_op.setdefault(g.op, set()).add((g.part, g.start))
    glyphs_by_op: dict[int, list[Glyph]] = {}
    for g in walker.glyphs:
        if g.op in by_op:
            glyphs_by_op.setdefault(g.op, []).append(g)
    removed_text: list[str] = []
    ops = walker.stream.operations
    new_ops = []
    for index, (operands, op) in enumerate(ops):
        if index not in by_op:
            new_ops.append((operands, op))
            continue
        if op in (b"'", b'"'):
            if op == b'"' and len(operands) == 3:
                new_ops.append(([operands[0]], b"Tw"))
                new_ops.append(([operands[1]], b"Tc"))
            new_ops.append(([], b"T*"))
            items = [operands[-1]]
        elif op == b"TJ":
            items = list(operands[0])
        else:
            items = operands[:1]
        array = ArrayObject()
        current: list[str] = []
        for part, item in enumerate(items):
            if not (isinstance(item, (bytes, str))):
                array.append(item)
                continue
            raw = _raw(item)
            keep = bytearray()
            gap = 0.0
            for g in (g for g in glyphs_by_op[index] if g.part == part):
                if (part, g.start) in by_op[index]:
                    if keep:
                        array.append(ByteStringObject(bytes(keep)))
                        keep = bytearray()
                    gap += g.advance
                    current.append(g.char)
                else:
                    if gap:
                        array.append(FloatObject(round(-gap, 3)))
                        gap = 0.0
                    if current:
                        removed_text.append("".join(current))
                        current = []
                    keep += raw[g.start:g.end]
            if keep:
                array.append(ByteStringObject(bytes(keep)))
            if gap:
                array.append(FloatObject(round(-gap, 3)))
        if current:
            removed_text.append("".join(current))
        new_ops.append(([array], b"TJ"))
    walker.stream.operations = new_ops
    if hasattr(page, "replace_contents"):
        page.replace_contents(walker.stream)
    else:  # pragma: no cover
        page[NameObject("/Contents")] = walker.stream
    return [" ".join(t.split()) for t in removed_text if t.strip()]
