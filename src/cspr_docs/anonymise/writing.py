"""``redact``'s outputs: its copy and mapping are written all or nothing by
``files.write_all``; destinations are checked before any work (``files.check_destinations``);
a SIGTERM meanwhile unwinds through the writer's clean-up, so no temporary is left and a file
``--force`` was replacing is put back.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from ..files import check_destinations as _check, write_all


def check_destinations(targets: list[Path], *, force: bool, inputs: tuple = ()) -> None:
    """Refuse before any work: an input as output, two outputs on one path, an existing file
    without ``force``, a missing or unwritable folder."""
    _check([(Path(t), b"") for t in targets], force, inputs)


@contextmanager
def cleanup_on_sigterm():
    """While inside, SIGTERM ends the process (exit 143) by unwinding, so the writer's own
    clean-up runs (temporaries removed, replaced files restored)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old if old is not None else signal.SIG_DFL)


def write_together(files: list[tuple[Path, bytes]], *, force: bool, inputs: tuple = ()) -> None:
    """Write every ``(path, data)`` or none of them."""
    write_all(files, force=force, inputs=inputs)
