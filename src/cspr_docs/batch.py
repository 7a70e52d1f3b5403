"""Running one per-document job over many files: folders expanded, work spread over CPU cores,
one unreadable file reported without stopping the rest."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .document import FORMATS, Document
from .errors import InputError, bug_summary


@dataclass
class Outcome:
    """What one file gave: a result, or the one-line reason it could not be read."""

    path: Path
    result: Any = None
    error: str | None = None


def expand_inputs(paths: list[str | Path]) -> list[Path]:
    """Files as given, and every .docx/.pdf/.txt/.md under any folder given (sorted)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(("~$", "."))
                           and f.suffix.lower().lstrip(".") in FORMATS)
            if not found:
                raise InputError(p, "folder holds no .docx, .pdf, .txt or .md files")
            out.extend(found)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def portable(doc: Document) -> Document:
    """A copy of ``doc`` that can cross a process boundary (no XML nodes, no raw bytes)."""
    return doc.portable()


def _guarded(job: Callable[[Path], Any], path: Path) -> Outcome:
    try:
        return Outcome(path, result=job(path))
    except InputError as exc:
        return Outcome(path, error=str(exc))


def run_batch(job: Callable[[Path], Any], paths: list[Path], *, jobs: int | None = None,
              progress: bool = False) -> list[Outcome]:
    """Run ``job(path)`` for every path, in parallel when there are several.

    ``job`` must be a picklable top-level callable (e.g. a ``functools.partial``).
    Results come back in the order of ``paths``.
    """
    if progress:  # the batch's own bar: no per-file progress line (``progress.py``) under it
        previous = os.environ.get("CSPR_DOCS_NO_PROGRESS")
        os.environ["CSPR_DOCS_NO_PROGRESS"] = "1"
        try:
            return _run_batch(job, paths, jobs=jobs, progress=progress)
        finally:
            if previous is None:
                os.environ.pop("CSPR_DOCS_NO_PROGRESS", None)
            else:
                os.environ["CSPR_DOCS_NO_PROGRESS"] = previous
    return _run_batch(job, paths, jobs=jobs, progress=progress)


def _run_batch(job: Callable[[Path], Any], paths: list[Path], *, jobs: int | None,
               progress: bool) -> list[Outcome]:
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        outcomes = []
        for path in _progress(paths, progress):
            outcomes.append(_guarded(job, path))
        return outcomes
    results: dict[Path, Outcome] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_guarded, job, p): p for p in paths}
        for future in _progress(as_completed(futures), progress, total=len(paths)):
            path = futures[future]
            try:
                results[path] = future.result()
            except Exception as exc:  # a crash in one file must not lose the others
                results[path] = Outcome(path, error=f"{path}: could not be processed "
                                                     f"(internal error: {bug_summary(exc)})")
    return [results[p] for p in paths]


def _progress(items, enabled: bool, total: int | None = None):
    """Wrap ``items`` in a progress bar on a terminal (stderr), else return them unchanged."""
    if not enabled:
        return items
    from rich.progress import track

    return track(items, description="Checking", total=total, transient=True)
