"""Reading inputs safely, writing outputs atomically, and finding bundled data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError

#: Largest input file we read at all (a published report is a few MB).
MAX_INPUT_BYTES = 200 * 1024 * 1024
#: Largest YAML file (case file, register, checklist).
MAX_YAML_BYTES = 5 * 1024 * 1024

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """Path of a bundled data folder (``templates``, ``checklists``, ``examples``, ``data``).

    In an installed wheel they sit inside the package; in a source checkout
    (editable install) they sit at the repository root.
    """
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise InputError(None, f"bundled folder '{name}' is missing from this installation")


def read_input(path: str | Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read an input file's bytes (read-only), refusing missing, empty or oversized files."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a folder, not a file")
    size = p.stat().st_size
    if size > limit:
        raise InputError(p, f"file is {size:,} bytes; the limit is {limit:,}")
    try:
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(p, f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise InputError(p, "file is empty")
    return data


def read_text(path: str | Path, limit: int = MAX_INPUT_BYTES) -> str:
    """Read an input file as UTF-8 text (a leading BOM is dropped)."""
    data = read_input(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not UTF-8 text (bad byte at offset {exc.start})") from None


def write_atomic(path: str | Path, data: bytes, *, force: bool = True,
                 inputs: tuple[str | Path, ...] = ()) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    Refuses to write over any of ``inputs`` and, unless ``force``, over an existing file.
    Either the whole new file appears or nothing does.
    """
    out = Path(path)
    for src in inputs:
        if Path(src).exists() and out.exists() and out.resolve() == Path(src).resolve():
            raise InputError(out, "output would overwrite an input file; choose another path")
    if out.exists() and not force:
        raise InputError(out, "already exists (use --force to overwrite)")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(out, "output folder does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
