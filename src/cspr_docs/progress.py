"""Progress for long work on a terminal (issue 12).

After about two seconds of work, one line on standard error, rewritten in place twice a second:
what is being done, how far it has got where that is known, and the seconds so far
("reading report.pdf: page 57 of 201 (4 s)", "checking report.pdf: anonymisation (9 s)"). A quiet
background thread redraws it, so work that reports no steps (a language model scanning the text)
still shows it is alive. Nothing is shown when standard error is not a terminal (pipes, CI logs,
tests) or ``CSPR_DOCS_NO_PROGRESS`` is set.
"""

from __future__ import annotations

import os
import sys
import threading
import time

DELAY = 2.0      # seconds of work before anything is shown
INTERVAL = 0.5   # seconds between redraws

_lock = threading.Lock()
_state = {"what": "", "done": None, "total": None, "started": None, "shown": False}
_stop: threading.Event | None = None


def _enabled() -> bool:
    stream = sys.stderr
    return callable(getattr(stream, "isatty", None)) and stream.isatty() and \
        not os.environ.get("CSPR_DOCS_NO_PROGRESS")


def _draw() -> None:
    with _lock:
        started = _state["started"]
        if started is None or time.monotonic() - started < DELAY or not _enabled():
            return
        done, total = _state["done"], _state["total"]
        count = f": {done} of {total}" if done is not None and total else ""
        seconds = int(time.monotonic() - started)
        sys.stderr.write(f"\r\x1b[2K{_state['what']}{count} ({seconds} s)")
        sys.stderr.flush()
        _state["shown"] = True


def _ticker(stop: threading.Event) -> None:
    while not stop.wait(INTERVAL):
        _draw()


def start(what: str = "working") -> None:
    """Start timing a piece of work; on a terminal a background redraw begins."""
    global _stop
    done()
    with _lock:
        _state.update(what=what, done=None, total=None, started=time.monotonic(), shown=False)
    if _enabled():
        _stop = threading.Event()
        threading.Thread(target=_ticker, args=(_stop,), daemon=True, name="cspr-progress").start()


def step(what: str, done: int | None = None, total: int | None = None) -> None:
    """Say what is being done now (and how far, when known)."""
    with _lock:
        if _state["started"] is None:
            _state["started"] = time.monotonic()
        _state.update(what=what, done=done, total=total)


def done() -> None:
    """Stop and clear the progress line (if one was shown)."""
    global _stop
    if _stop is not None:
        _stop.set()
        _stop = None
    with _lock:
        if _state["shown"] and _enabled():
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
        _state.update(started=None, shown=False)
