"""The app's pages: the case board, one case (timeline and drafts), and checking a report.

Every page is rendered on the server from Jinja2 templates (autoescaped); the findings report
is ``html_report.render_html``'s page itself, with a bar of the app's actions added on top.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from datetime import date
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from ..doctypes import DOC_TYPES, TYPES
from ..errors import InputError
from .jobs import CheckJob, UploadRefused, describe_input_error, safe_display_name
from .security import checked_form

RENDER_TYPES = [name for name, t in TYPES.items() if t.template]


class Site:
    """What every page needs: the case folder, the run's jobs, templates and CSRF token."""

    def __init__(self, folder: Path, workdir: Path, jobs, templates, csrf: str, max_upload: int,
                 today: date | None = None) -> None:
        self.folder, self.workdir, self.jobs = folder, workdir, jobs
        self.templates, self.csrf, self.max_upload = templates, csrf, max_upload
        self._today = today

    @property
    def today(self) -> date:
        """The date deadlines count from (``--today``, else the computer's date)."""
        return self._today or date.today()

    # ------------------------------------------------------------------ helpers
    def page(self, request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        context.update(request=request, csrf=self.csrf, folder=self.folder)
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def problem(self, request: Request, sentence: str, status: int = 400, back: str = "home") -> HTMLResponse:
        return self.page(request, "problem.html", status, sentence=sentence, back=back)

    def cases(self) -> dict[str, Path]:
        """Every case file under the folder, by a stable id (never a path from the browser)."""
        from ..portfolio import find_case_files

        out = {}
        for path in find_case_files(self.folder):
            rel = path.relative_to(self.folder).as_posix()
            out[hashlib.sha256(rel.encode()).hexdigest()[:12]] = path
        return out

    def case_choices(self) -> list[tuple[str, str]]:
        from ..portfolio import load_case_fast

        choices = []
        for cid, path in self.cases().items():
            loaded = load_case_fast(path)
            rel = path.parent.relative_to(self.folder).as_posix()
            label = loaded.reference if not loaded.error else f"{rel} (case file cannot be read)"
            choices.append((cid, f"{label} ({rel})" if rel != "." and rel != label else label))
        return choices

    def register_for(self, case_file: Path | None) -> Path | None:
        """The case's register: register.yaml beside its case file, else the partnership's
        default register (cspr-docs.yaml), as ``check`` finds it."""
        if case_file is None:
            return None
        beside = case_file.parent / "register.yaml"
        if beside.is_file():
            return beside
        from ..config import effective_config

        default = effective_config(None, near=str(case_file)).register
        return Path(default) if default else None

    # ------------------------------------------------------------------ board and cases
    async def home(self, request: Request) -> Response:
        from ..portfolio import board

        today = self.today
        ids = {path: cid for cid, path in self.cases().items()}
        rows = [(ids.get(Path(r.path)), r) for r in board(self.folder, today)]
        return self.page(request, "home.html", rows=rows, today=today)

    async def case(self, request: Request) -> Response:
        from ..casefile import load_case_with_raw
        from ..pdf_export import soffice
        from ..timeline import build_timeline

        cid = request.path_params["cid"]
        path = self.cases().get(cid)
        if path is None:
            return self.problem(request, "There is no such case in this folder.", 404)
        try:
            case, _ = load_case_with_raw(path)
        except InputError as exc:
            return self.problem(request, f"{_rel(path, self.folder)} cannot be read: {exc.problem}", 422)
        entries = build_timeline(case, today=self.today)
        types = [(name, TYPES[name].title) for name in RENDER_TYPES]
        return self.page(request, "case.html", cid=cid, case=case, path=_rel(path, self.folder),
                         entries=entries, types=types, pdf=soffice() is not None,
                         reference=_reference(case, path))

    async def render(self, request: Request) -> Response:
        from ..casefile import load_case_with_raw
        from ..config import effective_config
        from ..render import MissingFields, render_to_file

        form = await checked_form(request, self.csrf, max_files=0)
        path = self.cases().get(request.path_params["cid"])
        doc_type, mode, fmt = form.get("type"), form.get("mode"), form.get("format", "docx")
        if path is None or doc_type not in RENDER_TYPES or mode not in ("draft", "final") \
                or fmt not in ("docx", "pdf"):
            return self.problem(request, "That document cannot be made: choose a case and a "
                                         "document type from the case page.", 400)
        back = f"case/{request.path_params['cid']}"
        try:
            case, _ = load_case_with_raw(path)
            cfg = effective_config(None, near=str(path))
            template = cfg.template_for(doc_type)
            folder = self.workdir / f"render-{secrets.token_urlsafe(8)}"
            folder.mkdir(mode=0o700)
            ref = _reference(case, path)
            ref = re.sub(r"[^A-Za-z0-9_-]+", "-", ref).strip("-")[:60] or "case"
            out = folder / f"{ref}-{doc_type}-{mode}.{fmt}"
            result = await run_in_threadpool(  # LibreOffice can take a while: keep serving
                render_to_file, case, doc_type, out, template=str(template) if template else None,
                draft=mode == "draft", inputs=(str(path),), logo=cfg.partnership.get("logo"))
        except MissingFields as exc:
            return self.page(request, "missing.html", 422, missing=exc.missing, back=back,
                             doc_type=TYPES[doc_type].title)
        except InputError as exc:
            return self.problem(request, f"The document could not be made: {exc.problem}.", 422, back)
        return _download(result.output, out.name)

    # ------------------------------------------------------------------ checking a report
    async def check_form(self, request: Request) -> Response:
        return self.page(request, "check.html", cases=self.case_choices(), types=DOC_TYPES,
                         titles={k: t.title for k, t in TYPES.items()},
                         chosen=request.query_params.get("case"),
                         limit_mb=self.max_upload // (1024 * 1024))

    async def check_start(self, request: Request) -> Response:
        form = await checked_form(request, self.csrf)
        upload = form.get("document")
        doc_type = form.get("type")
        cid = form.get("case") or ""
        try:
            if upload is None or isinstance(upload, str):
                raise UploadRefused("Choose a .docx or .pdf file to check.")
            name = safe_display_name(upload.filename)
            if doc_type not in DOC_TYPES:
                raise UploadRefused("Choose what kind of document it is.")
            case_file = None
            if cid:
                case_file = self.cases().get(cid)
                if case_file is None:
                    raise UploadRefused("That case is not in this folder any more: choose another.")
            data = await upload.read()
            job_id, path = self.jobs.store_upload(name, data)
        except UploadRefused as exc:
            return self.problem(request, str(exc), 400, "check")
        finally:
            if upload is not None and not isinstance(upload, str):
                await upload.close()
        job = CheckJob(job_id, name, path, doc_type, case_file, self.register_for(case_file))
        password = form.get("password")
        self.jobs.start(job, password if isinstance(password, str) else None)
        return RedirectResponse(request.url_for("check_result", job=job_id), status_code=303)

    async def check_result(self, request: Request) -> Response:
        job = self.jobs.get(request.path_params["job"])
        if job is None:
            return self.problem(request, "That check is not known (the app may have been "
                                         "restarted): check the report again.", 404, "check")
        if job.error:
            return self.problem(request, job.error, 422, "check")
        if job.html is None:
            import time

            return self.page(request, "progress.html", job=job,
                             seconds=int(time.monotonic() - job.started))
        bar = self.templates.get_template("report_bar.html").render(
            request=request, job=job, csrf=self.csrf,
            pseudonymise=job.register is not None)
        from ..catalogue import rules

        catalogue = rules()
        help_ = self.templates.get_template("rule_help.html").render(
            rules=[catalogue[r] for r in job.rules if r in catalogue])
        page = job.html.replace("<body>", "<body>\n" + bar, 1)
        head, footer, tail = page.rpartition("<footer>")  # the renderer's own footer, last
        page = head + help_ + footer + tail if footer else page
        return HTMLResponse(page, headers={"Content-Security-Policy": report_csp(page, request)})

    async def check_copy(self, request: Request) -> Response:
        await checked_form(request, self.csrf, max_files=0)
        job = self.jobs.get(request.path_params["job"])
        kind = request.path_params["kind"]
        if job is None or not job.done:
            return self.problem(request, "That check is not known: check the report again.", 404, "check")
        stem = Path(job.name).stem or "document"
        back = f"check/{job.id}"
        try:
            if kind == "sanitized":
                from ..sanitize import CannotSanitize, sanitize_file

                out = _fresh(job.folder / f"sanitized{job.path.suffix}")
                try:
                    await run_in_threadpool(sanitize_file, job.path, out)
                except CannotSanitize:
                    return self.problem(request, f"A clean copy of {job.name} cannot be made: some "
                                                 "hidden text or active content cannot be taken out "
                                                 "safely. Remove it in the program that made the file.",
                                        422, back)
                return _download(out, f"{stem}-sanitized{job.path.suffix}")
            if kind == "pseudonymised":
                return await run_in_threadpool(self._pseudonymised, request, job, stem, back)
        except InputError as exc:
            return self.problem(request, describe_input_error(exc, job), 422, back)
        return self.problem(request, "There is no such copy.", 404, back)

    def _pseudonymised(self, request: Request, job: CheckJob, stem: str, back: str) -> Response:
        from ..anonymise import load_register
        from ..anonymise.redact import redact_to_file
        from ..casefile import load_case_with_raw
        from ..document import read_document

        if job.register is None:
            return self.problem(request, "A pseudonymised copy needs the case's register.yaml: "
                                         "choose a case that has one and check the report again.",
                                422, back)
        case = load_case_with_raw(job.case_file)[0] if job.case_file else None
        out = _fresh(job.folder / "pseudonymised.docx")
        result = redact_to_file(read_document(job.path), load_register(job.register), out, case=case)
        if result.places:
            return self.problem(request, f"The pseudonymised copy was not made: a name from the "
                                         f"register is still in {len(result.places)} place(s) of the "
                                         "copy that could not be cleaned.", 422, back)
        return _download(out, f"{stem}-pseudonymised.docx")


def _fresh(path: Path) -> Path:
    """``path``, or a numbered name beside it when it exists (a second download)."""
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _reference(case, path: Path) -> str:
    """The case's reference, or its folder's name when it has none."""
    ref = getattr(getattr(case, "case", None), "reference", None)
    return str(ref) if ref else path.parent.name


def _rel(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.name


_MEDIA = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          ".pdf": "application/pdf"}


def _download(path: Path, name: str) -> FileResponse:
    """``path`` as a download the browser saves under ``name`` (never shown in the page)."""
    return FileResponse(path, media_type=_MEDIA.get(path.suffix.lower(), "application/octet-stream"),
                        filename=name, content_disposition_type="attachment")


def _hashes(page: str, tag: str) -> str:
    found = re.findall(rf"<{tag}>(.*?)</{tag}>", page, flags=re.S)
    return " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                    for s in found)


def report_csp(page: str, request: Request) -> str:
    """The findings report's policy: only its own inline script and styles (by their hashes),
    the app's stylesheet, and forms posting back to the app."""
    return (f"default-src 'none'; script-src {_hashes(page, 'script') or chr(39) + 'none' + chr(39)}; "
            f"style-src 'self' {_hashes(page, 'style')}; img-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")
