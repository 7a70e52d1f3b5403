"""The one exception type that turns into a clean one-line message and exit code 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """An input (file, option, template) that the command cannot use.

    The CLI prints ``path: problem`` on one line and exits with code 2.
    """

    def __init__(self, path: str | Path | None, problem: str) -> None:
        self.path = printable(str(path)) if path is not None else None
        self.problem = " ".join(str(problem).split())  # always one line
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


def printable(text: str) -> str:
    """``text`` with line breaks and other control characters shown as escapes (``\\r``),
    so that a file name can never break a one-line message."""
    if all(ch.isprintable() or ch == " " for ch in text):
        return text
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


def os_error_message(exc: OSError) -> str:
    """``folder: cannot write here: no space left on the disk``: an operating-system error
    as one line naming the file or folder, never a traceback."""
    from .files import _reason

    where = exc.filename if exc.filename not in (None, "") else None
    if where is not None:
        where = Path(where)
        if exc.errno is not None and not where.exists() and where.parent.exists():
            where = where.parent  # a file that could not be created: name its folder
        return f"{printable(str(where))}: cannot read or write here: {_reason(exc)}"
    return f"a file operation failed: {_reason(exc)}"


def bug_summary(exc: BaseException) -> str:
    """``KeyError at scan.py:123``: an unexpected error's type and where it happened.

    Never the exception's own message, which may quote text from a case document. For an
    error raised in a worker process, the place is taken from the worker's traceback.
    """
    import re
    import traceback

    places = [(f.filename, f.lineno) for f in traceback.extract_tb(exc.__traceback__)]
    remote = getattr(exc.__cause__, "tb", None)  # concurrent.futures' _RemoteTraceback
    if isinstance(remote, str):
        places += [(name, int(line)) for name, line in re.findall(r'File "(.+?)", line (\d+)', remote)]
    where = f" at {Path(places[-1][0]).name}:{places[-1][1]}" if places else ""
    return f"{type(exc).__name__}{where}"
