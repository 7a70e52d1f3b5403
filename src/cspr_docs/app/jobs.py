"""Checks running in the background, and the uploads they read.

An upload is written under the app's temporary folder (``workdir/<job id>/``), never into the
case folder, under a name the app chooses; the name the browser sent is only shown. A check
runs in a worker thread so that the page can show its progress and the server stays
responsive; its outcome is the same report ``check --format html`` writes.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

SUFFIXES = (".docx", ".pdf")
_FORBIDDEN = set('/\\:*?"<>|')


class UploadRefused(Exception):
    """An upload the app will not take, with the sentence to show."""


def safe_display_name(name: str | None) -> str:
    """The uploaded file's name as sent, if it is a plain file name; refuses path tricks
    (``../x.docx``, ``C:\\x.docx``, control characters) rather than guessing."""
    if not name or not name.strip():
        raise UploadRefused("Choose a .docx or .pdf file to check.")
    if (any(ch in _FORBIDDEN or not ch.isprintable() for ch in name) or name.strip(". ") == ""
            or name.startswith(".") or len(name) > 200):
        raise UploadRefused("The file's name is not allowed: rename it to a plain name such as "
                            "report.docx and upload it again.")
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadRefused("Only Word (.docx) and PDF (.pdf) files can be checked.")
    return name


@dataclass
class CheckJob:
    id: str
    name: str                 # as the officer named it (shown, never used as a path)
    path: Path                # the upload in the app's temporary folder
    doc_type: str
    case_file: Path | None
    register: Path | None
    started: float = field(default_factory=time.monotonic)
    stage: str = "Starting"
    html: str | None = None   # the findings report, when done
    error: str | None = None  # one sentence, when the check could not run
    rules: tuple[str, ...] = ()  # the rules with findings, for their explanations

    @property
    def done(self) -> bool:
        return self.html is not None or self.error is not None

    @property
    def folder(self) -> Path:
        return self.path.parent


class Jobs:
    """The checks of this run, by id; one runs at a time (the others wait their turn), each in
    a daemon thread, so that Ctrl-C never waits for a long check to finish."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self._jobs: dict[str, CheckJob] = {}
        self._lock = threading.Lock()
        self._turn = threading.Semaphore(1)
        self._stopping = threading.Event()

    def get(self, job_id: str) -> CheckJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def store_upload(self, name: str, data: bytes) -> tuple[str, Path]:
        """Write the upload to a new folder of its own; returns the job id and the path.

        The content must be what the name says (the readers' own test, before anything is
        written); a file that is not is refused with the readers' one-line reason."""
        from ..document import sniff_format

        if not data:
            raise UploadRefused(f"{name} is empty.")
        try:
            sniff_format(Path(name), data)
        except InputError as exc:
            raise UploadRefused(f"{exc}.") from None
        job_id = secrets.token_urlsafe(12)
        folder = self.workdir / job_id
        folder.mkdir(mode=0o700)
        path = folder / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(data)
        return job_id, path

    def start(self, job: CheckJob, password: str | None = None) -> None:
        with self._lock:
            self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, password), daemon=True,
                         name=f"cspr-check-{job.id}").start()

    def _run(self, job: CheckJob, password: str | None) -> None:
        if not self._turn.acquire(blocking=False):
            job.stage = "Waiting for another check to finish"
            self._turn.acquire()
        try:
            if not self._stopping.is_set():
                _run_check(job, password)
        finally:
            self._turn.release()

    def shutdown(self) -> None:
        """No check starts after this; one running is abandoned with the process."""
        self._stopping.set()


def _run_check(job: CheckJob, password: str | None) -> None:
    """Run ``check`` on the upload, as ``check --format html`` does, and keep the page."""
    from ..checks.run import check_path
    from ..config import effective_config
    from ..html_report import render_html

    try:
        job.stage = "Reading the document and running the checks"
        cfg = effective_config(None, near=str(job.case_file) if job.case_file else None)
        # the same settings check --format html takes from cspr-docs.yaml
        options = cfg.check_options(str(job.register) if job.register else None)
        report, doc = check_path(job.path, doc_type=job.doc_type,
                                 case_file=str(job.case_file) if job.case_file else None,
                                 password=password or None, keep_document=True, **options)
        job.stage = "Preparing the report"
        report.document = job.name
        deadline = None
        if job.case_file:
            from ..casefile import load_case_with_raw
            from ..commands.check import publication_deadline

            deadline = publication_deadline(load_case_with_raw(job.case_file)[0])
        job.rules = tuple(sorted({f.rule for f in report.findings}))
        job.html = render_html([report], {job.name: doc} if doc is not None else {},
                               deadline=deadline)
    except InputError as exc:
        job.error = describe_input_error(exc, job, password=bool(password))
    except Exception as exc:  # noqa: BLE001 (one sentence on the page, never a traceback)
        from ..errors import bug_summary

        job.error = (f"{job.name} could not be checked because of an unexpected problem "
                     f"({bug_summary(exc)}). The app is still running.")
    finally:
        job.stage = "Finished"


def describe_input_error(exc: InputError, job: CheckJob, password: bool = False) -> str:
    """The error as one sentence naming the file as the officer knows it (a problem in the
    upload names the upload; a problem in a case file or register names that file)."""
    upload = exc.path in (None, str(job.path))
    where = job.name if upload else Path(exc.path).name
    problem = exc.problem.rstrip(".")
    if upload and job.path.suffix == ".pdf" and "encrypted" in problem:
        if password:
            return f"{where} is password-protected and the password you typed does not open it."
        return (f"{where} is password-protected: choose \"The PDF has a password\" on the form, "
                "type its password and check it again.")
    return f"{where}: {problem}."
