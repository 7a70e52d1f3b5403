"""Taking hidden glyphs out of a PDF page (for ``sanitize``), from what ``GlyphWalker`` found.

The text-showing operators are rewritten so the hidden glyphs disappear while the visible
text keeps its place: a hidden stretch becomes a TJ kerning gap of the same width.
"""

from __future__ import annotations

from .pdf_glyphs import Glyph, GlyphWalker, raw_bytes


def remove_hidden_glyphs(page, reader) -> list[str]:
    """Rewrite ``page``'s content so hidden glyphs are gone; returns the removed text runs.

    Glyphs in the page's own content are cut out of their operators. A form XObject drawn
    wholly where nobody sees it goes whole; one drawn once by the page, with hidden glyphs in
    its own content, is replaced (for this page only) by a copy without them. Hidden glyphs
    anywhere else (a form drawn twice, or a form inside a form) are left: the caller re-inspects
    the result and refuses it."""
    from pypdf.generic import NameObject

    walker = GlyphWalker(page, reader).walk()
    flagged = walker.hidden()
    hidden_ids = {id(g) for g, _ in flagged}
    # a form drawn wholly where nobody sees it (a layer switched off, off the page) goes whole
    drop_forms = {top for top in walker.invisible_forms
                  if all(id(g) in hidden_ids for g in walker.glyphs if g.top == top)}
    if not flagged and not drop_forms:
        return []
    ops = walker.stream.operations
    removed_text: list[str] = []
    new_forms = {}
    for top, (name, xo, parsed) in walker.forms.items():
        mine = [g for g in walker.glyphs if g.top == top and g.op < 0]
        if top in drop_forms or not any(id(g) in hidden_ids for g in mine):
            continue
        if any(id(g) in hidden_ids and g.inner < 0 for g in mine):
            continue  # in a form inside the form
        if sum(1 for operands, op in ops if op == b"Do" and operands and operands[0] == name) != 1:
            continue  # drawn twice: what one drawing hides the other may show
        parsed.operations, text = _cut(parsed.operations, [g for g in mine if g.inner >= 0], hidden_ids,
                                       lambda g: g.inner)
        new_forms[name] = _form_copy(xo, parsed, reader)
        removed_text += text
    new_ops, text = _cut(ops, [g for g in walker.glyphs if g.op >= 0], hidden_ids, lambda g: g.op)
    removed_text += text
    for index in sorted(drop_forms):
        text = "".join(g.char for g in walker.glyphs if g.top == index)
        if text.strip():
            removed_text.append(text)
    if drop_forms:
        dropped = {id(ops[i]) for i in drop_forms}
        new_ops = [item for item in new_ops if id(item) not in dropped]
    if new_forms:
        _use_forms(page, new_forms, reader)
    walker.stream.operations = new_ops
    if hasattr(page, "replace_contents"):
        page.replace_contents(walker.stream)
    else:  # pragma: no cover
        page[NameObject("/Contents")] = walker.stream
    return [" ".join(t.split()) for t in removed_text if t.strip()]


def _form_copy(xo, parsed, writer):
    """A new form XObject with ``xo``'s entries and ``parsed``'s (rewritten) content."""
    from pypdf.generic import DecodedStreamObject, NameObject

    copy = DecodedStreamObject()
    for key, value in xo.items():
        if key not in ("/Filter", "/DecodeParms", "/Length"):
            copy[NameObject(key)] = value
    copy.set_data(parsed.get_data())
    return writer._add_object(copy)


def _use_forms(page, new_forms: dict, writer) -> None:
    """Point ``page`` (only) at the rewritten forms: its resources and XObject dictionaries are
    copied, since other pages may share them."""
    from pypdf.generic import DictionaryObject, NameObject

    res = page["/Resources"].get_object()
    res_copy = DictionaryObject({NameObject(k): v for k, v in res.items()})
    xobjects = DictionaryObject({NameObject(k): v for k, v in res["/XObject"].get_object().items()})
    for name, ref in new_forms.items():
        xobjects[NameObject(name)] = ref
    res_copy[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = res_copy


def _cut(ops, glyphs: list[Glyph], hidden_ids: set[int], at) -> tuple[list, list[str]]:
    """``ops`` with the hidden glyphs (``id`` in ``hidden_ids``; ``at(g)`` their operator's
    index) cut out of their text-showing operators, each hidden stretch replaced by a TJ gap of
    its width; and the text cut out."""
    from pypdf.generic import ArrayObject, ByteStringObject, FloatObject

    by_op: dict[int, set[tuple[int, int]]] = {}
    for g in glyphs:
        if id(g) in hidden_ids:
            by_op.setdefault(at(g), set()).add((g.part, g.start))
    glyphs_by_op: dict[int, list[Glyph]] = {}
    for g in glyphs:
        if at(g) in by_op:
            glyphs_by_op.setdefault(at(g), []).append(g)
    removed_text: list[str] = []
    new_ops = []
    for index, item_op in enumerate(ops):
        operands, op = item_op
        if index not in by_op:
            new_ops.append(item_op)
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
            raw = raw_bytes(item)
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
    return new_ops, removed_text
