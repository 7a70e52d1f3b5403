"""Rendering Word drafts from a case file with docxtpl in a Jinja sandbox."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .casefile import CaseFile
from .dates import format_month_year, format_uk
from .doctypes import TYPES
from .errors import InputError
from .files import bundled, write_atomic

#: Document type -> bundled template file (from the one table of document types).
TEMPLATES = {t.name: t.template for t in TYPES.values() if t.template}
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

    def __new__(cls, value: date) -> UKDate:
        text = super().__new__(cls, format_uk(value))
        text.date = value
        return text


def month_year(value: Any) -> Any:
    """Jinja filter: ``{{ incident.date | month_year }}`` prints ``September 2026``."""
    return format_month_year(value.date) if isinstance(value, UKDate) else value


def make_environment(undefined: type | None = None):
    """The Jinja environment every template renders (and is linted) in: sandboxed and
    bounded (``sandbox.BoundedSandbox``), autoescaping, with the cspr-docs filters."""
    from jinja2 import Undefined

    from .sandbox import BoundedSandbox

    env = BoundedSandbox(autoescape=True, undefined=undefined or Undefined)
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

    from .sandbox import TemplateLimit, guard

    tpl = load_template(template)
    missing: list[str] = []
    env = make_environment(_undefined_class(draft, missing))
    try:
        with guard(env):
            tpl.render(build_context(case), env)
    except TemplateLimit as exc:
        raise InputError(template, f"template refused: {exc}") from None
    except SecurityError as exc:
        raise InputError(template, f"template refused by the sandbox: {exc}") from None
    except TemplateSyntaxError as exc:
        raise InputError(template, f"template syntax error: {exc.message}") from None
    except TemplateError as exc:
        raise InputError(template, f"template error: {exc}") from None
    except (ArithmeticError, AttributeError, LookupError, RuntimeError, TypeError, ValueError) as exc:
        # a template that fails while evaluating ({{ 1 / 0 }}); the message may quote case text
        raise InputError(template, f"template fails while rendering ({type(exc).__name__})") from None
    if missing and not draft:
        raise MissingFields(missing)
    from .render_output import (
        add_draft_header,
        add_logo,
        fill_contents,
        highlight_gaps,
        set_title_property,
    )

    if draft:
        add_draft_header(tpl.docx, DRAFT_MARKING)
        highlight_gaps(tpl.docx)
    set_title_property(tpl.docx)
    fill_contents(tpl.docx)
    if logo is not None:
        add_logo(tpl.docx, Path(logo), case)
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
