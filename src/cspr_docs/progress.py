"""Progress for long work on a terminal (issue 12): after about two seconds of silence, one line
on standard error, rewritten in place ("reading report.pdf: page 57 of 201"). Nothing is shown
when standard error is not a terminal (pipes, CI logs, tests) or ``CSPR_DOCS_NO_PROGRESS`` is set.
"""

from __future__ import annotations

import os
import sys
import time

DELAY = 2.0       # seconds of work before anything is shown
INTERVAL = 0.25   # at most four updates a second

_started: float | None = None
_last = 0.0
_shown = False


def _enabled() -> bool:
    stream = sys.stderr
    return bool(getattr(stream, "isatty", None)) and stream.isatty() and \
        not os.environ.get("CSPR_DOCS_NO_PROGRESS")


def start() -> None:
    """Start timing a piece of work (reading a file, checking it)."""
    global _started, _shown
    _started, _shown = time.monotonic(), False


def step(what: str, done: int | None = None, total: int | None = None) -> None:
    """Report progress; shown only on a terminal and only once the work has taken ``DELAY``."""
    global _last, _shown, _started
    now = time.monotonic()
    if _started is None:
        _started = now
    if now - _started < DELAY or now - _last < INTERVAL or not _enabled():
        return
    _last = now
    count = f": {done} of {total}" if done is not None and total else ""
    sys.stderr.write(f"\r\x1b[2K{what}{count} ...")
    sys.stderr.flush()
    _shown = True


def done() -> None:
    """Clear the progress line (if one was shown)."""
    global _shown, _started
    if _shown and _enabled():
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()
    _shown, _started = False, None
