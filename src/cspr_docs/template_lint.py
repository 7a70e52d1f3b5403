"""``templates validate``: rules TPL001-TPL004 over docxtpl Word templates (SPEC §5).

For one template this module

* reads every part docxtpl renders (body, headers, footers, footnotes, core properties),
  lints docxtpl's own markup (``{%p``/``{%tr``/``{%tc`` tags sharing their paragraph,
  row or cell with other text; ``{{p``/``{{r``/``{%p`` ... written without the space
  docxtpl needs; Jinja tags split by Word over several runs) and parses the XML exactly
  as docxtpl patches it, mapping each Jinja syntax error back to the paragraph that holds
  it (TPL001);
* compares every variable path the template uses with the case schema (TPL002);
* renders the example case strictly (TPL003) and runs ``check`` for the template's
  document type on the result (TPL004).

Heavy libraries (docxtpl, python-docx, jinja2, pydantic models) are imported inside functions.
"""

from __future__ import annotations

import bisect
import html
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import InputError
from .findings import Finding, Location, make_finding
from .inspect._common import quote
from .render import TEMPLATES, MissingFields, load_template, make_environment, render_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _R, _T, _TR, _TC = (f"{{{W}}}{t}" for t in ("p", "r", "t", "tr", "tc"))
_TAB, _BR, _CR = (f"{{{W}}}{t}" for t in ("tab", "br", "cr"))

#: Parts of a run's ancestry (below the paragraph) that docxtpl's run-joining cannot cross.
_CONTAINERS = {f"{{{W}}}{t}": t for t in ("hyperlink", "ins", "del", "sdt", "sdtContent",
                                           "smartTag", "fldSimple", "customXml", "moveTo",
                                           "moveFrom")}

#: Core properties docxtpl renders as templates (``DocxTemplate.render_properties``).
RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")

#: File-name patterns for templates that are not bundled (first match wins).
NAME_PATTERNS = (
    (re.compile(r"rapid", re.I), "rapid-review"),
    (re.compile(r"improvement", re.I), "improvements"),
    (re.compile(r"brief", re.I), "learning-briefing"),
    (re.compile(r"national", re.I), "national"),
    (re.compile(r"lcspr|practice[_ -]?review|report", re.I), "lcspr"),
)

#: Jinja globals and names that are not case fields.
_JINJA_NAMES = {"loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "caller",
                "varargs", "kwargs", "self", "super", "true", "false", "none", "True", "False",
                "None"}
#: Jinja block tags that need an ``end...`` tag.
_BLOCK_TAGS = {"for", "if", "macro", "call", "filter", "block", "with", "raw", "autoescape",
               "trans"}
#: Every tag name Jinja (with its default extensions) knows, for the ``{%p`` spelling lint.
_JINJA_TAGS = _BLOCK_TAGS | {"else", "elif", "set", "include", "import", "from", "extends",
                             "print", "do", "break", "continue", "pluralize"} | {
    f"end{t}" for t in _BLOCK_TAGS | {"set"}}
#: Filters that keep a list's items (so ``for x in list|sort`` still binds list items).
_ITEM_FILTERS = {"sort", "reverse", "unique", "selectattr", "rejectattr", "select", "reject",
                 "list", "batch", "slice"}

_TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_OPEN_RE = re.compile(r"\{[{%#]")


# ---------------------------------------------------------------------------
# Reading the template's parts
# ---------------------------------------------------------------------------


@dataclass
class Para:
    """One ``w:p`` of a part: its number, text, and the run each character came from."""

    number: int
    text: str
    runs: list[int]          # index into ``run_info`` per character
    run_info: list[tuple]    # (run id, container chain) per run
    in_table: bool
    node: Any = field(repr=False, default=None)


@dataclass
class TagRef:
    """A Jinja tag as written in the document."""

    para: Para
    start: int
    end: int
    text: str

    @property
    def norm(self) -> str:
        return _normalise_tag(self.text)


@dataclass
class PartSource:
    """One rendered part: kind (SPEC part name), its file name, paragraphs and patched Jinja source."""

    kind: str
    name: str
    paras: list[Para]
    source: str = ""                 # patched XML, one tag a line (for parsing)
    docxtpl_source: str = ""         # patched XML as docxtpl renders it
    tags: list[TagRef] = field(default_factory=list)
    tag_lines: list[int] = field(default_factory=list)  # line where each patched tag starts
    tag_map: list[TagRef | None] = field(default_factory=list)  # patched tag -> original
    property_name: str | None = None

    def location(self, para: Para | None) -> Location:
        if self.kind == "properties":
            return Location(part="properties", field=self.property_name)
        part = "table" if (para is not None and para.in_table and self.kind == "body") else self.kind
        fld = None if self.kind in ("body",) else self.name
        return Location(part=part, paragraph=para.number if para else None, field=fld)

    def para_at_line(self, lineno: int | None) -> Para | None:
        """The paragraph holding the tag that starts on (or before) ``lineno`` of ``source``."""
        if lineno is None or not self.tag_lines:
            return self.paras[0] if self.paras else None
        i = bisect.bisect_right(self.tag_lines, lineno) - 1
        while i >= 0:
            ref = self.tag_map[i]
            if ref is not None:
                return ref.para
            i -= 1
        for ref in self.tag_map:
            if ref is not None:
                return ref.para
        return self.paras[0] if self.paras else None


def _normalise_tag(text: str) -> str:
    """A tag's content without delimiters, docxtpl prefixes, whitespace control or spacing."""
    t = html.unescape(text)
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        t = t.replace(a, b)
    t = t[2:-2]
    t = re.sub(r"^(?:tr|tc|p|r)\s", "", t)
    t = t.strip("-+")
    return "".join(t.split())


def _runs_of(p) -> tuple[str, list[int], list[tuple]]:
    """Text of a paragraph (not of paragraphs nested in it) with the run of each character."""
    text: list[str] = []
    owners: list[int] = []
    run_info: list[tuple] = []
    index: dict[int, int] = {}
    for el in p.iter(_T, _TAB, _BR, _CR):
        if next(el.iterancestors(_P), None) is not p:
            continue
        run = next(el.iterancestors(_R), None)
        key = id(run) if run is not None else id(el)
        if key not in index:
            chain = []
            anc = el.getparent()
            while anc is not None and anc is not p:
                if anc.tag in _CONTAINERS:
                    chain.append(id(anc))
                anc = anc.getparent()
            index[key] = len(run_info)
            run_info.append((key, tuple(chain)))
        s = (el.text or "") if el.tag == _T else ("\t" if el.tag == _TAB else "\n")
        text.append(s)
        owners.extend([index[key]] * len(s))
    return "".join(text), owners, run_info


def _paras(root) -> list[Para]:
    out = []
    for n, p in enumerate(root.iter(_P), start=1):
        text, owners, info = _runs_of(p)
        in_table = next(p.iterancestors(_TC), None) is not None
        out.append(Para(n, text, owners, info, in_table, p))
    return out


def _xml_parts(tpl) -> Iterable[tuple[str, str, Any]]:
    """(kind, part name, element) for every XML part docxtpl renders."""
    from docx.opc.oxml import parse_xml

    yield "body", "word/document.xml", tpl.docx._element.body
    for kind, uri in (("header", tpl.HEADER_URI), ("footer", tpl.FOOTER_URI)):
        for _rel, part in tpl.get_headers_footers(uri):
            yield kind, str(part.partname).lstrip("/"), parse_xml(part.blob)
    for part in tpl.docx.part.package.parts:
        if part.content_type == ("application/vnd.openxmlformats-officedocument"
                                 ".wordprocessingml.footnotes+xml"):
            yield "footnote", str(part.partname).lstrip("/"), parse_xml(part.blob)


def read_parts(tpl) -> list[PartSource]:
    """Every part docxtpl renders, with its paragraphs and its patched Jinja source."""
    from lxml import etree

    parts = []
    for kind, name, root in _xml_parts(tpl):
        ps = PartSource(kind, name, _paras(root))
        patched = tpl.patch_xml(etree.tostring(root, encoding="unicode", pretty_print=False))
        ps.docxtpl_source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
        _index_source(ps, patched)
        parts.append(ps)
    props = tpl.docx.core_properties
    for name in RENDERED_PROPERTIES:
        value = getattr(props, name) or ""
        para = Para(1, value, [0] * len(value), [(0, ())], False)
        ps = PartSource("properties", "docProps/core.xml", [para], property_name=name)
        ps.docxtpl_source = value
        _index_source(ps, value)
        parts.append(ps)
    return parts


def _index_source(ps: PartSource, patched: str) -> None:
    """Put each tag of the patched source on its own line and map it to the tag as written."""
    ps.tags = [TagRef(para, m.start(), m.end(), m.group(0))
               for para in ps.paras for m in _TAG_RE.finditer(para.text)]
    # openers never closed in their paragraph: the patched source runs them on into the XML
    partial = [(para, m.start(), "".join(_TAG_RE.sub("", para.text)[m.start():].split()))
               for para in ps.paras for m in _OPEN_RE.finditer(_TAG_RE.sub("", para.text))]
    # A newline before each tag: the parse is the same, and an error's line names its tag.
    ps.source = _OPEN_RE.sub(lambda m: "\n" + m.group(0), patched)
    line_starts = [0] + [i + 1 for i, c in enumerate(ps.source) if c == "\n"]
    originals = ps.tags
    j = 0
    for opener in _OPEN_RE.finditer(ps.source):
        ps.tag_lines.append(bisect.bisect_right(line_starts, opener.start()))
        m = _TAG_RE.match(ps.source, opener.start())
        written = m.group(0) if m else ps.source[opener.start(): opener.start() + 300]
        norm = _normalise_tag(written)
        found = None
        for k in range(j, min(j + 50, len(originals))):
            if originals[k].norm == norm:
                found = k
                break
        if found is None:
            # an unclosed opener (its text starts this patched "tag"), else a tag docxtpl
            # made up (colspan, cellbg, vm, hm)
            flat = "".join(re.sub(r"<[^>]*>", "", html.unescape(written)).split())
            ref = next((TagRef(para, start, len(para.text), para.text[start:])
                        for para, start, text in partial if text and flat.startswith(text)), None)
            ps.tag_map.append(ref)
            continue
        ps.tag_map.append(originals[found])
        j = found + 1


# ---------------------------------------------------------------------------
# TPL001: docxtpl markup and Jinja syntax
# ---------------------------------------------------------------------------


def _other_text(container, tag_para: Para, tag: TagRef, paras: list[Para]) -> str:
    """Text in ``container`` (a row, cell or paragraph element) other than ``tag``."""
    chunks = []
    for p in paras:
        if p.node is container or container in p.node.iterancestors():
            if p is tag_para:
                chunks.append(p.text[: tag.start] + p.text[tag.end:])
            else:
                chunks.append(p.text)
    return "".join(chunks).strip()


def lint_markup(ps: PartSource) -> list[Finding]:
    """docxtpl pitfalls: structural tags sharing their paragraph/row/cell, missing spaces, split tags."""
    findings = []
    bound = _bound_names(ps.tags)
    for tag in ps.tags:
        para, text = tag.para, tag.text
        loc = ps.location(para)
        m = re.match(r"\{([{%])(tr|tc|p|r)\s", text)
        if m and not (m.group(1) == "{" and m.group(2) in ("tr", "tc")):
            level = m.group(2)
            where = {"p": "paragraph", "tr": "table row", "tc": "table cell", "r": "run"}[level]
            if level == "p":
                container = para.node
            elif para.node is not None:
                container = next(para.node.iterancestors(_TR if level == "tr" else _TC), None)
            else:
                container = None
            if level in ("tr", "tc") and container is None:
                findings.append(make_finding(
                    "TPL001", f"'{quote(text, 60)}' is a table {where} tag but is not in a table: "
                              "docxtpl drops the whole paragraph around it", loc, text=quote(para.text, 160)))
            elif level != "r" and container is not None:
                other = _other_text(container, para, tag, ps.paras)
                if other:
                    findings.append(make_finding(
                        "TPL001", f"'{quote(text, 60)}' shares its {where} with other text "
                                  f"('{quote(other, 60)}'): docxtpl replaces the whole {where} by the "
                                  f"tag, so that text is lost; put the tag alone in its own {where}",
                        loc, text=quote(para.text, 160)))
        else:
            m = re.match(r"\{([{%])\s*(p|r|tr|tc)([A-Za-z0-9_]\w*)?", text)
            word = re.match(r"\{[{%][-+]?\s*([A-Za-z_]\w*)", text)
            if m and word:
                name = word.group(1)
                spaced = text[2:3].isspace()
                if text[1] == "%" and name not in _JINJA_TAGS:
                    if spaced and name in ("p", "r", "tr", "tc"):
                        hint = f"no space between '{{%' and '{name}': write '{{%{name} ...'"
                    else:
                        hint = f"a docxtpl {m.group(2)} tag needs a space after '{m.group(2)}': " \
                               f"'{{%{m.group(2)} {name[len(m.group(2)):]} ...'"
                    findings.append(make_finding(
                        "TPL001", f"'{quote(text, 60)}': Jinja has no tag '{name}'; {hint}",
                        loc, text=quote(para.text, 160)))
                elif text[1] == "{" and not spaced and name not in _known_roots() \
                        and name not in bound and name[:1] in ("p", "r") and len(name) > 1:
                    pre = name[0]
                    findings.append(make_finding(
                        "TPL001", f"'{quote(text, 60)}' reads as the variable '{name}'; for a docxtpl "
                                  f"{'paragraph' if pre == 'p' else 'run'} tag write "
                                  f"'{{{{{pre} {name[1:]} ...}}}}' (space after '{pre}'), for a variable "
                                  f"'{{{{ {name} }}}}'", loc, text=quote(para.text, 160)))
        findings.extend(_split_tag(ps, tag, loc))
    for para in ps.paras:  # an opening delimiter with no closing one in its paragraph
        rest = _TAG_RE.sub("", para.text)
        for m in _OPEN_RE.finditer(rest):
            closer = {"{": "}}", "%": "%}", "#": "#}"}[m.group(0)[1]]
            findings.append(make_finding(
                "TPL001", f"'{m.group(0)}' is not closed by '{closer}' in the same paragraph "
                          f"('{quote(rest[m.start():], 60)}')", ps.location(para),
                text=quote(para.text, 160)))
    return findings


def _bound_names(tags: list[TagRef]) -> set[str]:
    """Names the template binds itself (loop variables, ``set``, macro names and arguments)."""
    names: set[str] = set()
    for tag in tags:
        body = re.sub(r"^\{%[-+]?\s*(?:(?:tr|tc|p|r)\s+)?", "", tag.text) if tag.text.startswith("{%") else ""
        m = re.match(r"for\s+([\w\s,()]+?)\s+in\b", body)
        if m:
            names.update(re.findall(r"\w+", m.group(1)))
        m = re.match(r"(?:set|with)\s+([\w\s,]+?)\s*(?:=|%)", body)
        if m:
            names.update(re.findall(r"\w+", m.group(1)))
        m = re.match(r"macro\s+(\w+)\s*\(([^)]*)\)", body)
        if m:
            names.add(m.group(1))
            names.update(re.findall(r"(\w+)\s*(?:=|,|$)", m.group(2)))
    return names


def _split_tag(ps: PartSource, tag: TagRef, loc: Location) -> list[Finding]:
    para = tag.para
    if ps.kind == "properties":
        return []
    owners = para.runs[tag.start: tag.end]
    runs = list(dict.fromkeys(owners))
    if len(runs) <= 1:
        return []
    chains = {para.run_info[r][1] for r in runs}
    pieces = []
    for r in runs:
        idx = [i for i, o in enumerate(owners) if o == r]
        pieces.append(tag.text[idx[0]: idx[-1] + 1])
    shown = " | ".join(repr(p) for p in pieces)
    if len(chains) > 1:
        why = ("it crosses a hyperlink, tracked change or content control, which docxtpl cannot "
               "rejoin cleanly: the rendered document loses the text that follows")
    else:
        why = ("docxtpl joins the pieces but keeps only the first run's formatting, and Word may "
               "split it differently after the next edit")
    return [make_finding(
        "TPL001", f"Jinja tag '{quote(tag.text, 60)}' is split by Word over {len(runs)} runs "
                  f"({shown}): {why}; retype the tag in one go (or paste it as plain text)",
        loc, text=quote(para.text, 160))]


def _env():

    return make_environment()


def _block_stack_top(ps: PartSource) -> TagRef | None:
    """The innermost block tag (``for``, ``if`` ...) never closed, for end-of-template errors."""
    stack: list[TagRef] = []
    for tag in ps.tags:
        if not tag.text.startswith("{%"):
            continue
        m = re.match(r"\{%[-+]?\s*(?:(?:tr|tc|p|r)\s+)?([A-Za-z_]\w*)(.*)", tag.text, re.S)
        if not m:
            continue
        name, rest = m.group(1), m.group(2)
        if name in _BLOCK_TAGS or (name == "set" and "=" not in rest):
            stack.append(tag)
        elif name.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else None


def syntax_errors(ps: PartSource) -> list[Finding]:
    """TPL001 for a Jinja syntax error in the patched source, at the paragraph that holds it."""
    from jinja2 import TemplateSyntaxError

    env = _env()
    try:
        env.compile(ps.source)
    except TemplateSyntaxError as exc:
        para = ps.para_at_line(exc.lineno)
        if "end of template" in (exc.message or ""):
            top = _block_stack_top(ps)
            if top is not None:
                para = top.para
        return [make_finding("TPL001", f"template syntax error: {exc.message}",
                             ps.location(para), text=quote(para.text, 160) if para else None)]
    except RecursionError:  # ((((...)))) or thousands of nested blocks
        return [make_finding("TPL001", "template cannot be compiled: it is nested too deeply",
                             ps.location(None))]
    except (ValueError, OverflowError, MemoryError) as exc:  # e.g. a 5,000-digit number
        return [make_finding("TPL001", f"template cannot be compiled ({type(exc).__name__})",
                             ps.location(None))]
    return []


# ---------------------------------------------------------------------------
# TPL002: variables against the case schema
# ---------------------------------------------------------------------------


@dataclass
class Use:
    """A variable path the template uses: ``review.recommendations[].owner``."""

    path: tuple[str, ...]
    shown: str        # with the template's own indices: review.findings[99].title
    part: PartSource
    para: Para | None

    @property
    def dotted(self) -> str:
        return _dotted(self.path)


def _dotted(path: Iterable[str]) -> str:
    out = ""
    for seg in path:
        out += seg if seg.startswith("[") else (f".{seg}" if out else seg)
    return out


def _known_roots() -> set[str]:
    from .casefile import CaseFile

    return {f.alias or n for n, f in CaseFile.model_fields.items()}


def _unwrap(annotation):
    """(kind, inner) for a field annotation: ('model', cls), ('list', item) or ('leaf', type)."""
    import types
    import typing

    from pydantic import BaseModel

    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return "leaf", annotation
        elif origin is list:
            return "list", typing.get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return "model", annotation
        else:
            return "leaf", annotation


def check_path(path: tuple[str, ...]) -> str | None:
    """``None`` when the case schema defines ``path``; else why not."""
    from .casefile import CaseFile

    kind, cur = "model", CaseFile
    done: list[str] = []
    for seg in path:
        if seg == "[]" or (seg.startswith("[") and seg != "[?]"):
            if kind != "list":
                return f"'{_dotted(done) or 'the case'}' is not a list"
            kind, cur = _unwrap(cur)
        elif seg == "[?]":  # a computed key: cannot tell
            return None
        elif kind == "model":
            fields = {f.alias or n: f for n, f in cur.model_fields.items()}
            if seg not in fields:
                where = f"'{_dotted(done)}'" if done else "the case file"
                return f"{where} has no field '{seg}' (fields: {', '.join(fields)})"
            kind, cur = _unwrap(fields[seg].annotation)
        elif kind == "list":
            return f"'{_dotted(done)}' is a list: use it in a for loop, or index it"
        else:
            return f"'{_dotted(done)}' is a single value and has no field '{seg}'"
        done.append(seg)
    return None


class _Collector:
    """Walks a Jinja AST with loop/set scopes, turning expressions into case-field paths."""

    def __init__(self, ps: PartSource) -> None:
        self.ps = ps
        self.uses: list[Use] = []

    # path of an expression: (normalised segments, shown segments) or None
    def path_of(self, node, scope) -> tuple[tuple, tuple] | None:
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.name in scope:
                bound = scope[node.name]
                return bound if bound is not None else None
            if node.name in _JINJA_NAMES:
                return None
            return (node.name,), (node.name,)
        if isinstance(node, nodes.Getattr):
            base = self.path_of(node.node, scope)
            return None if base is None else (base[0] + (node.attr,), base[1] + (node.attr,))
        if isinstance(node, nodes.Getitem):
            base = self.path_of(node.node, scope)
            if base is None:
                return None
            arg = node.arg
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                return base[0] + (arg.value,), base[1] + (arg.value,)
            if isinstance(arg, nodes.Const) and isinstance(arg.value, int):
                return base[0] + ("[]",), base[1] + (f"[{arg.value}]",)
            if isinstance(arg, nodes.Slice):
                return base
            return base[0] + ("[?]",), base[1] + ("[?]",)
        if isinstance(node, nodes.Filter) and node.name in _ITEM_FILTERS and node.node is not None:
            return self.path_of(node.node, scope)
        return None

    def record(self, node, scope) -> None:
        p = self.path_of(node, scope)
        if p is None:
            return
        para = self.ps.para_at_line(getattr(node, "lineno", None))
        self.uses.append(Use(p[0], _dotted(p[1]), self.ps, para))

    def visit(self, node, scope) -> None:
        from jinja2 import nodes

        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            if self.path_of(node, scope) is not None or isinstance(node, nodes.Name):
                if isinstance(node, nodes.Name) and node.ctx != "load":
                    return
                self.record(node, scope)
                if isinstance(node, nodes.Getitem):
                    self.visit(node.arg, scope)
                return
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            # a method call (``x.items()``, ``name.upper()``): the object is what is used
            self.visit(node.node.node, scope)
            for child in (*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs):
                if child is not None:
                    self.visit(child, scope)
            return
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            inner = dict(scope)
            item = self.path_of(node.iter, scope)
            bound = (item[0] + ("[]",), item[1] + ("[]",)) if item else None
            self._bind(node.target, bound, inner)
            inner["loop"] = None
            if node.test is not None:
                self.visit(node.test, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            return
        if isinstance(node, nodes.Assign):
            self.visit(node.node, scope)
            self._bind(node.target, self.path_of(node.node, scope), scope)
            return
        if isinstance(node, nodes.AssignBlock):
            for child in node.body:
                self.visit(child, scope)
            self._bind(node.target, None, scope)
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values):
                self.visit(value, scope)
                self._bind(target, self.path_of(value, scope), inner)
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope)
            for arg in node.args:
                inner[arg.name] = None
            if isinstance(node, nodes.Macro):
                scope[node.name] = None
            else:
                self.visit(node.call, scope)
            for child in node.body:
                self.visit(child, inner)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def _bind(self, target, bound, scope) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            scope[target.name] = bound
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, None, scope)


def variable_uses(ps: PartSource) -> list[Use]:
    """Every case-field path the part uses (empty when it does not parse)."""
    from jinja2 import TemplateSyntaxError

    try:
        ast = _env().parse(ps.source)
    except TemplateSyntaxError:
        return []
    collector = _Collector(ps)
    collector.visit(ast, {})
    return collector.uses


def unknown_variables(uses: list[Use]) -> list[Finding]:
    """TPL002 for each distinct use of a path the case schema does not define."""
    findings = []
    seen = set()
    for use in uses:
        why = check_path(use.path)
        if why is None:
            continue
        key = (use.dotted, use.part.name, use.part.property_name, use.para.number if use.para else None)
        if key in seen:
            continue
        seen.add(key)
        findings.append(make_finding(
            "TPL002", f"unknown variable '{use.shown}': {why}",
            use.part.location(use.para), text=quote(use.para.text, 160) if use.para else None))
    return findings


# ---------------------------------------------------------------------------
# TPL003 / TPL004: render the example, check the result
# ---------------------------------------------------------------------------


def _locate_missing(path: str, uses: list[Use]) -> Use | None:
    norm = re.sub(r"\[\d+\]", "[]", path)
    for use in uses:
        if use.shown == path or use.dotted == norm:
            return use
    # a path that went through a list index the example does not have: '99.title'
    tail = re.sub(r"^(\d+)", r"[\1]", path)
    for use in uses:
        if use.shown.endswith(tail):
            return use
    last = path.rsplit(".", 1)[-1]
    for use in uses:
        if use.shown.endswith("." + last):
            return use
    return None


def _locate_exception(exc: BaseException, parts: list[PartSource]) -> tuple[PartSource, Para] | None:
    """The paragraph a render exception came from, via the template frames of its traceback."""
    linenos = []
    seen = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        for frame in traceback.extract_tb(e.__traceback__):
            if frame.filename == "<template>" and frame.lineno:
                linenos.append(frame.lineno)
        if getattr(e, "lineno", None) and isinstance(getattr(e, "lineno"), int):
            linenos.append(e.lineno)
        e = e.__context__
    if not linenos:
        return None
    body = next((p for p in parts if p.kind == "body"), None)
    if body is None:
        return None
    lines = body.docxtpl_source.split("\n")
    lineno = linenos[-1]
    if not 0 < lineno <= len(lines):
        return None
    for m in _TAG_RE.finditer(lines[lineno - 1]):
        norm = _normalise_tag(m.group(0))
        for tag in body.tags:
            if tag.norm == norm:
                return body, tag.para
    return None


def render_example(template: Path, case, parts: list[PartSource], uses: list[Use]):
    """Render ``case`` with ``template`` strictly: (docx bytes or None, TPL003 findings)."""

    try:
        data, _missing = render_bytes(case, template, draft=False)
    except MissingFields as exc:
        findings = []
        seen: set[str] = set()
        for path in exc.missing:
            use = _locate_missing(path, uses)
            if use is not None and check_path(use.path) is not None:
                continue  # an unknown variable: TPL002 already says so
            shown = use.shown if use is not None and re.match(r"\d", path) else path
            norm = re.sub(r"\[\d+\]", "[]", shown)
            if norm in seen:
                continue
            seen.add(norm)
            loc = use.part.location(use.para) if use else Location(part="body")
            findings.append(make_finding(
                "TPL003", f"rendering the example case fails: the field '{shown}' is missing from "
                          "the example case (a final render needs every field the template prints)",
                loc, text=quote(use.para.text, 160) if use and use.para else None))
        return None, findings
    except Exception as exc:  # InputError (syntax, sandbox, template error) or a filter that raised
        where = _locate_exception(exc, parts)
        loc = where[0].location(where[1]) if where else Location(part="body")
        what = exc.problem if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        return None, [make_finding("TPL003", f"rendering the example case fails: {quote(what, 300)}",
                                   loc, text=quote(where[1].text, 160) if where else None)]
    return data, []


def check_rendered(template: Path, data: bytes, doc_type: str, case) -> list[Finding]:
    """TPL004 for each error ``check`` finds in the rendered example."""
    from .checks import run_checks
    from .readers.docx import read_docx

    try:
        doc = read_docx(Path(f"{template.stem}.rendered.docx"), data)
    except InputError as exc:
        return [make_finding("TPL003", f"rendering the example case gives a document Word cannot "
                                       f"read: {exc.problem}", Location(part="body"))]
    report = run_checks(doc, doc_type, case=case)
    out = []
    for f in report.findings:
        if f.severity.value != "error":
            continue
        out.append(make_finding(
            "TPL004", f"the rendered example fails check for '{doc_type}': {f.rule} {f.message} "
                      f"(rendered document, {f.location.describe()})",
            Location(part="body"), text=f.text))
    return out


# ---------------------------------------------------------------------------
# The whole validation of one template
# ---------------------------------------------------------------------------


def template_type(path: Path, given: str | None = None) -> str | None:
    """The document type of a template: ``--type``, a bundled file name, or a name pattern."""

    if given:
        return given
    by_file = {v: k for k, v in TEMPLATES.items()}
    if path.name in by_file:
        return by_file[path.name]
    for pattern, doc_type in NAME_PATTERNS:
        if pattern.search(path.stem):
            return doc_type
    return None


def validate_template(template: Path, case, doc_type: str | None = None) -> list[Finding]:
    """TPL001-TPL004 findings for one template; ``case`` is the example ``CaseFile``."""
    tpl = load_template(template)
    parts = read_parts(tpl)
    findings: list[Finding] = []
    syntax: list[Finding] = []
    uses: list[Use] = []
    for ps in parts:
        findings.extend(lint_markup(ps))
        errs = syntax_errors(ps)
        syntax.extend(errs)
        if not errs:
            uses.extend(variable_uses(ps))
    findings.extend(syntax)
    findings.extend(unknown_variables(uses))
    if not syntax:
        data, render_findings = render_example(template, case, parts, uses)
        findings.extend(render_findings)
        if data is not None and doc_type:
            findings.extend(check_rendered(template, data, doc_type, case))
    return findings


def find_templates(paths: Iterable[str | Path]) -> list[Path]:
    """The .docx templates named by ``paths`` (folders are searched, not recursively)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.glob("*.docx") if not q.name.startswith("~$"))
            if not found:
                raise InputError(p, "no .docx templates in this folder")
            out.extend(found)
        elif p.exists():
            if p.suffix.lower() != ".docx":
                raise InputError(p, "not a .docx template")
            out.append(p)
        else:
            raise InputError(p, "no such file or folder")
    return out
