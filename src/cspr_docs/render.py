"""Rendering Word drafts from a case file with docxtpl in a Jinja sandbox."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .casefile import CaseFile
from .dates import format_month_year, format_uk
from .errors import InputError
from .files import bundled, write_atomic

#: Document type -> bundled template file.
TEMPLATES = {
    "rapid-review": "rapid_review.docx",
    "lcspr": "lcspr_report.docx",
    "improvements": "improvements_summary.docx",
    "learning-briefing": "learning_briefing.docx",
}
#: The header text draft renders carry (and ``check`` looks for before publication).
DRAFT_MARKING = "DRAFT – OFFICIAL-SENSITIVE – not for publication"


class PathDict(dict):
    """A mapping from the case file that knows its field path (``review.reviewer``)."""

    def __init__(self, data: dict, path: str) -> None:
        super().__init__(data)
        self.path = path


class PathList(list):
    """A list from the case file that knows its field path (``review.findings``)."""

    def __init__(self, data: list, path: str) -> None:
        super().__init__(data)
        self.path = path


class UKDate(str):
    """A case-file date as templates print it (``3 March 2027``), keeping the date itself
    for the ``month_year`` filter."""

    def __new__(cls, value: date) -> "UKDate":
        text = super().__new__(cls, format_uk(value))
        text.date = value
        return text


def month_year(value: Any) -> Any:
    """Jinja filter: ``{{ incident.date | month_year }}`` prints ``September 2026``."""
    return format_month_year(value.date) if isinstance(value, UKDate) else value


def make_environment(undefined: type | None = None):
    """The Jinja environment every template renders (and is linted) in: sandboxed,
    autoescaping, with the cspr-docs filters."""
    from jinja2 import Undefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(autoescape=True, undefined=undefined or Undefined)
    env.filters["month_year"] = month_year
    from .render_facts import FILTERS

    env.filters.update(FILTERS)
    return env


def build_context(case: CaseFile) -> dict[str, Any]:
    """The template context: case sections by name, dates as UK strings, no nulls."""

    def convert(value: Any, path: str) -> Any:
        if isinstance(value, dict):
            return PathDict({k: convert(v, f"{path}.{k}" if path else k)
                             for k, v in value.items() if v is not None}, path)
        if isinstance(value, list):
            return PathList([convert(v, f"{path}[{i}]") for i, v in enumerate(value)], path)
        if isinstance(value, date):
            return UKDate(value)
        return value

    data = case.model_dump(by_alias=True, exclude_none=True)
    return {k: convert(v, k) for k, v in data.items()}


def _undefined_class(draft: bool, missing: list[str]):
    from jinja2 import ChainableUndefined

    class MissingField(ChainableUndefined):
        """An absent case field: recorded, and shown as ``[MISSING: path]`` in drafts."""

        __slots__ = ()

        @property
        def field_path(self) -> str:
            obj, name = self._undefined_obj, self._undefined_name
            if isinstance(obj, PathList):
                return f"{obj.path}[{name}]"
            if isinstance(obj, PathDict):
                return f"{obj.path}.{name}" if obj.path else str(name)
            return str(name) if name is not None else "?"

        def _refuse_if_unsafe(self) -> None:
            # The sandbox reports forbidden access through an undefined with a hint:
            # that must fail loudly, never render as a quiet placeholder.
            if self._undefined_hint is not None:
                self._fail_with_undefined_error()

        def __getattr__(self, name: str) -> Any:
            self._refuse_if_unsafe()
            if name.startswith("__"):
                raise AttributeError(name)
            return MissingField(obj=PathDict({}, self.field_path), name=name)

        __getitem__ = __getattr__

        def _record(self) -> None:
            self._refuse_if_unsafe()
            if self.field_path not in missing:
                missing.append(self.field_path)

        def __str__(self) -> str:
            self._record()
            return f"[MISSING: {self.field_path}]" if draft else ""

        def __iter__(self):
            self._record()
            return iter(())

    return MissingField


@dataclass
class RenderResult:
    """What a render produced: the output path and the case fields that were missing."""

    output: Path | None
    missing: list[str] = field(default_factory=list)
    pdf: Path | None = None


class MissingFields(Exception):
    """A final render needs fields the case file does not have."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(f"{len(missing)} field(s) missing")


def template_path(doc_type: str, template: str | Path | None = None) -> Path:
    """The template to use: an explicit path, or the bundled one for ``doc_type``."""
    if template is not None:
        return Path(template)
    if doc_type not in TEMPLATES:
        raise InputError(None, f"no bundled template for type '{doc_type}'; "
                               f"give one with --template (bundled: {', '.join(TEMPLATES)})")
    return bundled("templates") / TEMPLATES[doc_type]


def _add_draft_header(docx_document) -> None:
    """Put the DRAFT marking first in every header (all pages of every section)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import RGBColor

    from xml.sax.saxutils import escape

    headers = [rel.target_part for rel in docx_document.part.rels.values()
               if rel.reltype == RT.HEADER and not rel.is_external]
    if not headers:  # a template without headers: python-docx adds them
        for section in docx_document.sections:
            marker = section.header.paragraphs[0]
            run = marker.add_run(DRAFT_MARKING)
            run.bold = True
            run.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)
        return
    marking = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:rPr><w:b/>'
        f'<w:color w:val="A00000"/></w:rPr><w:t>{escape(DRAFT_MARKING)}</w:t></w:r></w:p>')
    from copy import deepcopy

    # docxtpl swaps each rendered header in as a new part: edit the parts the package saves
    for part in headers:
        part._element.insert(0, deepcopy(marking))


def _fill_contents(docx_document) -> None:
    """List the rendered headings in the contents (TOC) field, so the .docx shows its
    contents before Word or LibreOffice updates the field with page numbers."""
    import re

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = docx_document.element.body
    instr = next((i for i in body.iter(qn("w:instrText"))
                  if (i.text or "").strip().startswith("TOC")), None)
    if instr is None:
        return
    paragraph = instr.getparent().getparent()
    chars = [c for c in paragraph.iter(qn("w:fldChar"))]
    kinds = [c.get(qn("w:fldCharType")) for c in chars]
    if paragraph.tag != qn("w:p") or kinds != ["begin", "separate", "end"]:
        return  # a field spread over several paragraphs: leave it to Word
    levels = re.search(r'\\o\s+"(\d)-(\d)"', instr.text or "")
    low, high = (int(levels.group(1)), int(levels.group(2))) if levels else (1, 3)
    numbered = docx_document.styles["Heading 1"].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None \
        if "Heading 1" in [s.name for s in docx_document.styles] else False
    entries, section = [], 0
    for p in docx_document.paragraphs:
        name = p.style.name if p.style is not None else ""
        match = re.fullmatch(r"Heading (\d)", name)
        if not match or not p.text.strip() or not low <= int(match.group(1)) <= high:
            continue
        level = int(match.group(1))
        if level == 1:
            section += 1
        prefix = f"{section}. " if numbered and level == 1 else ""
        entries.append((level, prefix + " ".join(p.text.split())))
    if not entries:
        return
    separate_run, end_run = chars[1].getparent(), chars[2].getparent()
    after = False
    for child in list(paragraph):
        if child is separate_run:
            after = True
        elif after and child is not end_run:
            paragraph.remove(child)  # the template's placeholder result

    def text_run(text):
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        r.append(t)
        return r

    def set_style(p, level):
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        for old in ppr.findall(qn("w:pStyle")):
            ppr.remove(old)
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), f"TOC{level}")
        ppr.insert(0, style)

    paragraph.remove(end_run)
    set_style(paragraph, entries[0][0])
    paragraph.append(text_run(entries[0][1]))
    last = paragraph
    for level, text in entries[1:]:
        new = OxmlElement("w:p")
        set_style(new, level)
        new.append(text_run(text))
        last.addnext(new)
        last = new
    last.append(end_run)


def _add_logo(docx_document, logo: Path, case: CaseFile) -> None:
    """The partnership's logo at the top of the cover, with alternative text."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from .files import read_input

    data = read_input(logo, limit=10 * 1024 * 1024)
    if not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
        raise InputError(logo, "the logo must be a PNG or JPEG image")
    first = docx_document.paragraphs[0] if docx_document.paragraphs else docx_document.add_paragraph()
    holder = first.insert_paragraph_before()
    try:
        holder.add_run().add_picture(io.BytesIO(data), height=Cm(2.2))
    except Exception:  # python-docx's image errors come in several types
        holder._p.getparent().remove(holder._p)
        raise InputError(logo, "the logo is not a readable PNG or JPEG image") from None
    name = case.case.partnership if case.case and case.case.partnership else "Partnership"
    for doc_pr in holder._p.iter(qn("wp:docPr")):
        doc_pr.set("descr", f"{name} logo")
        doc_pr.set("name", "Logo")


def _set_title_property(docx_document) -> None:
    """The rendered document's title (for the PDF title and screen readers): the text of its
    first Title-style paragraph, when it has one."""
    for paragraph in docx_document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Title" and paragraph.text.strip():
            docx_document.core_properties.title = " ".join(paragraph.text.split())[:250]
            return


def load_template(path: Path):
    """A docxtpl ``DocxTemplate`` for ``path``, refusing what is not a readable Word package."""
    from docxtpl import DocxTemplate

    from .files import read_input
    from .readers.docx import check_package

    raw = read_input(path)
    check_package(path, raw)  # a zip, a Word package, no zip bomb
    try:
        tpl = DocxTemplate(io.BytesIO(raw))
        tpl.init_docx()
    except Exception as exc:  # docx/zip errors come in many types
        raise InputError(path, f"not a readable Word template ({type(exc).__name__}: {exc})") from None
    return tpl


def render_bytes(case: CaseFile, template: Path, *, draft: bool = False,
                 logo: str | Path | None = None) -> tuple[bytes, list[str]]:
    """Render ``template`` with ``case``; returns the .docx bytes and the missing field paths.

    Rendering happens in a Jinja ``SandboxedEnvironment`` with autoescaping on, so
    case text such as ``<b>`` or ``{{`` appears literally and no template can
    reach Python internals. A final render with missing fields raises ``MissingFields``.
    """
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError, TemplateSyntaxError

    tpl = load_template(template)
    missing: list[str] = []
    env = make_environment(_undefined_class(draft, missing))
    try:
        tpl.render(build_context(case), env)
    except SecurityError as exc:
        raise InputError(template, f"template refused by the sandbox: {exc}") from None
    except TemplateSyntaxError as exc:
        raise InputError(template, f"template syntax error: {exc.message}") from None
    except TemplateError as exc:
        raise InputError(template, f"template error: {exc}") from None
    if missing and not draft:
        raise MissingFields(missing)
    if draft:
        _add_draft_header(tpl.docx)
    _set_title_property(tpl.docx)
    _fill_contents(tpl.docx)
    if logo is not None:
        _add_logo(tpl.docx, Path(logo), case)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue(), missing


def render_to_file(case: CaseFile, doc_type: str, output: str | Path, *,
                   template: str | Path | None = None, draft: bool = False,
                   force: bool = True, inputs: tuple[str | Path, ...] = (),
                   pdf: bool = False, logo: str | Path | None = None) -> RenderResult:
    """Render the template for ``doc_type`` and write it atomically to ``output``.

    An ``output`` ending in ``.pdf`` gets a PDF (through LibreOffice), never a Word file;
    ``pdf=True`` writes the .docx and a .pdf beside it. Nothing is written unless every
    output can be made.
    """
    from .pdf_export import docx_to_pdf

    out = Path(output)
    if out.suffix.lower() not in (".docx", ".pdf"):
        raise InputError(out, "the output must be a .docx (Word) or .pdf file name, so that the "
                              "file's content matches its name")
    tpl = template_path(doc_type, template)
    data, missing = render_bytes(case, tpl, draft=draft, logo=logo)
    guard = (tpl, *inputs)
    if out.suffix.lower() == ".pdf":
        _refuse_existing(out, force)
        written = write_atomic(out, docx_to_pdf(data, out), force=force, inputs=guard)
        return RenderResult(written, missing, pdf=written)
    if not pdf:
        return RenderResult(write_atomic(out, data, force=force, inputs=guard), missing)
    pdf_path = out.with_suffix(".pdf")
    for path in (out, pdf_path):
        _refuse_existing(path, force)
    pdf_bytes = docx_to_pdf(data, pdf_path)
    written = write_atomic(out, data, force=force, inputs=guard)
    try:
        pdf_written = write_atomic(pdf_path, pdf_bytes, force=force, inputs=guard)
    except BaseException:
        written.unlink(missing_ok=True)
        raise
    return RenderResult(written, missing, pdf=pdf_written)


def _refuse_existing(path: Path, force: bool) -> None:
    """Fail before any work is written when an output exists and may not be replaced."""
    if path.exists() and not force:
        raise InputError(path, "already exists (use --force to overwrite)")
