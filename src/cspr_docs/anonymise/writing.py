"""Writing several outputs all or nothing (``redact``'s copy and mapping).

Every destination is checked before any work; each file goes to a temporary in its own folder
and the temporaries are renamed together at the end. If a rename fails, the files already
renamed are taken back (a file that existed before is restored). A SIGTERM while temporaries
exist removes them before the process ends.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError

#: Temporaries this process has open (removed by the writer's clean-up, also on SIGTERM).
_TEMPS: set[str] = set()


def check_destinations(targets: list[Path], *, force: bool, inputs: tuple = ()) -> None:
    """Refuse before any work: an input as output, two outputs on one path, an existing file
    without ``force``, a missing or unwritable folder."""
    seen: set[Path] = set()
    for target in targets:
        resolved = target.resolve()
        if resolved in seen:
            raise InputError(target, "the mapping must not be written to the output file")
        seen.add(resolved)
        for src in inputs:
            if Path(src).exists() and target.exists() and resolved == Path(src).resolve():
                raise InputError(target, "output would overwrite an input file; choose another path")
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise InputError(target, "output folder does not exist")
        if target.is_dir():
            raise InputError(target, "is a folder, not a file")
        if target.exists() and not force:
            raise InputError(target, "already exists (use --force to overwrite)")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise InputError(target, f"cannot write into folder {folder} (permission denied)")


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
    _TEMPS.discard(path)


@contextmanager
def cleanup_on_sigterm():
    """While inside, SIGTERM removes this process's temporaries and ends it (exit 143)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        # unwinding runs the writers' own clean-up (temporaries removed, replaced files restored)
        raise SystemExit(128 + signum)

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old if old is not None else signal.SIG_DFL)


def write_together(files: list[tuple[Path, bytes]], *, force: bool, inputs: tuple = ()) -> None:
    """Write every ``(path, data)`` or none of them."""
    check_destinations([p for p, _ in files], force=force, inputs=inputs)
    temps: list[tuple[str, Path]] = []
    done: list[list] = []      # [path, backup of what it replaced or None, backup holds the old file]
    current = files[0][0]
    try:
        for path, data in files:
            current = path
            folder = path.parent if str(path.parent) else Path(".")
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
            _TEMPS.add(tmp)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, path in temps:
            current = path
            entry = [path, None, False]
            done.append(entry)
            if path.exists():
                fd, entry[1] = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".",
                                                prefix=f".{path.name}.", suffix=".old")
                os.close(fd)
                os.replace(path, entry[1])
                entry[2] = True
            os.replace(tmp, path)
            _TEMPS.discard(tmp)
    except BaseException as exc:
        placed = {path for tmp, path in temps if tmp not in _TEMPS}   # renamed into place
        for path, backup, moved in reversed(done):
            if backup and moved:
                os.replace(backup, path)      # what was there before comes back
                continue
            if backup:
                Path(backup).unlink(missing_ok=True)
            if path in placed:
                path.unlink(missing_ok=True)  # a new file: taken back
        if not isinstance(exc, OSError):
            raise
        raise InputError(current, f"cannot be written ({exc.strerror or type(exc).__name__}); "
                                  "nothing was written") from None
    finally:
        for tmp, _path in temps:
            if tmp in _TEMPS:
                _remove(tmp)
    for _path, backup, _moved in done:
        if backup:
            Path(backup).unlink(missing_ok=True)
