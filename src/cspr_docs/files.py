"""Reading inputs safely, writing outputs atomically, and finding bundled data."""

from __future__ import annotations

import errno
import os
import tempfile
import zipfile
from pathlib import Path

from .errors import InputError

#: Largest input file we read at all (a published report is a few MB).
MAX_INPUT_BYTES = 200 * 1024 * 1024
#: Largest YAML file (case file, register, checklist).
MAX_YAML_BYTES = 5 * 1024 * 1024

#: Zip-bomb guards for .docx/.xlsx packages (and packages embedded in them): no part, nor the
#: whole package, may inflate past these sizes or, once past ``RATIO_FROM_BYTES``, past
#: ``MAX_RATIO`` times its compressed size.
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_PACKAGE_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM_BYTES = 10 * 1024 * 1024
#: More parts than any real Office document has (Word writes tens to hundreds).
MAX_PARTS = 10_000

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


def open_package(path: str | Path, data: bytes, kind: str = "Office package") -> zipfile.ZipFile:
    """Open an Office package (a zip) from its bytes, refusing, before anything is inflated:
    a broken zip, encrypted parts, duplicate part names (compared as OPC does, ignoring case),
    too many parts, and zip bombs (a part or the whole package inflating past the limits above,
    by size or by ratio). Every .docx/.xlsx opener goes through here."""
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        # zipfile's message can quote part names (they can hold names): give its kind only
        raise InputError(path, f"not a valid {kind} (broken zip archive: {type(exc).__name__})") from None
    if len(infos) > MAX_PARTS:
        raise InputError(path, f"refused: the package has {len(infos):,} parts (limit {MAX_PARTS:,})")
    seen: set[str] = set()
    total = packed = 0
    for number, info in enumerate(infos, 1):
        key = info.filename.replace("\\", "/").lstrip("/").casefold()
        if key in seen:
            raise InputError(path, f"refused: part {number} has the same name as an earlier part "
                                   "(a package may hold each part once)")
        seen.add(key)
        if info.flag_bits & 0x1:
            raise InputError(path, f"part {number} of the package is encrypted")
        total += info.file_size
        packed += info.compress_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO):
            raise InputError(path, f"refused: part {number} of the package would inflate to "
                                   f"{info.file_size:,} bytes (limit {MAX_PART_BYTES:,}, "
                                   f"compression ratio limit {MAX_RATIO}:1)")
    if total > MAX_PACKAGE_BYTES or (total > RATIO_FROM_BYTES and total / max(packed, 1) > MAX_RATIO):
        raise InputError(path, f"refused: the package would inflate to {total:,} bytes, "
                               f"{total / max(packed, 1):,.0f} times its compressed size "
                               f"(limits {MAX_PACKAGE_BYTES:,} bytes, {MAX_RATIO}:1)")
    return zf


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
    Either the whole new file appears or nothing does (see ``write_all``).
    """
    return write_all([(path, data)], force=force, inputs=inputs)[0]


_REASONS = {errno.ENOSPC: "no space left on the disk", errno.EDQUOT: "the disk quota is used up",
            errno.EROFS: "the folder is on a read-only disk", errno.EACCES: "the folder is not writable",
            errno.EPERM: "the folder is not writable", errno.EFBIG: "the file is too large for this disk",
            errno.ENAMETOOLONG: "the file name is too long"}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


def check_destinations(outputs: list[tuple[Path, bytes]], force: bool,
                       inputs: tuple[str | Path, ...], create_folders: bool = False) -> list[Path]:
    """Refuse, before anything is written, any output that cannot or must not be written.
    Returns the folders that do not exist yet (to create when ``create_folders``)."""
    seen: dict[str, Path] = {}
    missing: list[Path] = []
    for out, _ in outputs:
        if any(not (ch.isprintable() or ch == " ") for ch in str(out)):
            raise InputError(out, "the file or folder name contains a line break or control character")
        key = _key(out)
        if key in seen:
            raise InputError(out, f"is given for two outputs ({seen[key]} and {out}); "
                                  "choose a different path for each")
        seen[key] = out
        for src in inputs:
            if _same_file(out, Path(src)):
                raise InputError(out, "output would overwrite an input file; choose another path")
        if out.is_dir():
            raise InputError(out, "is a folder; give a file name")
        if out.exists() and not force:
            raise InputError(out, "already exists (use --force to overwrite)")
        folder = out.parent
        if folder.exists() and not folder.is_dir():
            raise InputError(folder, "is a file, not a folder")
        if not folder.exists():
            if not create_folders:
                raise InputError(out, "output folder does not exist")
            if folder not in missing:
                missing.append(folder)
            continue
        if not os.access(folder, os.W_OK | os.X_OK):
            raise InputError(folder, "cannot write here: the folder is not writable; nothing was written")
    return missing


def write_all(outputs: list[tuple[str | Path, bytes]], *, force: bool = True,
              inputs: tuple[str | Path, ...] = (), create_folders: bool = False) -> list[Path]:
    """Write several outputs all-or-nothing.

    Every destination is checked first (its folder exists and is writable, it is not an
    input, no two outputs share a path, ``--force`` rules); then every output is written to
    a temporary file in its own folder, and only when all are complete are they renamed
    into place together. On any failure (a full disk, a read-only folder) the temporaries
    are removed, files already renamed are put back as they were, folders this call
    created are removed, and an ``InputError`` names the folder: nothing is written.
    """
    items = [(Path(p), bytes(d)) for p, d in outputs]
    created: list[Path] = []
    temps: list[tuple[Path, Path]] = []        # (temporary, destination)
    done: list[tuple[Path, Path | None, bool]] = []  # (destination, backup, existed before)
    current = items[0][0].parent if items else Path(".")
    try:
        for folder in check_destinations(items, force, inputs, create_folders):
            current = folder
            for parent in reversed([folder, *folder.parents]):
                if not parent.exists():
                    parent.mkdir()
                    created.append(parent)
        for out, data in items:
            current = out.parent
            fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
            temps.append((Path(tmp), out))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        for tmp, out in temps:
            current = out.parent
            backup, existed = None, out.exists()
            if len(items) > 1 and existed:  # keep the old file until every rename succeeded
                backup = out.with_name(f".{out.name}.{os.getpid()}.old")
                os.replace(out, backup)
            done.append((out, backup, existed))
            os.replace(tmp, out)
    except BaseException as exc:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        for out, backup, existed in reversed(done):
            try:
                if backup is not None:
                    os.replace(backup, out)
                elif not existed:
                    out.unlink(missing_ok=True)
            except OSError:
                pass
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise InputError(current.absolute(), f"cannot write here: {_reason(exc)}; nothing was written") from None
        raise
    for _, backup, _ in done:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return [out for out, _ in items]
