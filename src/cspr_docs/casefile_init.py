"""``cspr-docs init``: a commented case file and an empty register to start from."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import InputError
from .files import bundled, write_all

#: Which case-file sections each starting point needs.
SECTIONS = {
    "rapid-review": ("case", "child", "incident", "notification", "rapid_review"),
    "lcspr": None,  # everything
    "improvements": None,
    "learning-briefing": None,  # a briefing draws on the whole review
}


def skeleton(doc_type: str) -> str:
    """The commented ``case.yaml`` text for a new case of ``doc_type``."""
    text = (bundled("data") / "case_skeleton.yaml").read_text(encoding="utf-8")
    wanted = SECTIONS[doc_type]
    if wanted is not None:
        # Split before each top-level key, keep the header comment and the wanted sections.
        chunks = re.split(r"(?m)^(?=[a-z_]+:)", text)
        text = chunks[0] + "".join(c for c in chunks[1:] if c.split(":", 1)[0] in wanted)
    if doc_type == "improvements":
        text = text.replace("full_report: true ", "full_report: false")
    return text


def init_case(folder: str | Path, doc_type: str) -> list[Path]:
    """Write ``case.yaml`` and ``register.yaml`` into ``folder``; never overwrite."""
    out = Path(folder)
    targets = {out / "case.yaml": skeleton(doc_type),
               out / "register.yaml": (bundled("data") / "register_skeleton.yaml").read_text(encoding="utf-8")}
    existing = [str(p) for p in targets if p.exists()]
    if existing:
        raise InputError(existing[0], "already exists; init never overwrites a case file")
    if out.exists() and not out.is_dir():
        raise InputError(out, "is a file, not a folder")
    from .config import FILENAME, find_config, skeleton as config_skeleton

    if find_config(out if out.exists() else out.parent) is None:  # one partnership file serves many cases
        targets[out / FILENAME] = config_skeleton()
    # all the files or none (the folder too, if this made it)
    return write_all([(p, text.encode("utf-8")) for p, text in targets.items()], force=False,
                     create_folders=True)
