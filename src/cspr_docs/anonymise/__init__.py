"""The anonymisation stage (SPEC §3 ``scan``/``redact``, rules ANO001/ANO002).

Public API (also used by ``check``)::

    load_register(path) -> Register
    scan_document(doc, register=None, *, case=None, min_score=0.4, settings=None, credits=False) -> list[Finding]
    redact_document(doc, register, *, case=None, min_score=0.4, settings=None, suffix=None) -> Redaction

Heavy libraries (presidio, spaCy) are imported only when a scan runs; the analyzer is
built once per process and model.
"""

from __future__ import annotations

from .register import Register, load_register
from .settings import DEFAULT_MIN_SCORE, DEFAULT_MODEL, Settings

__all__ = ["Register", "load_register", "scan_document", "redact_document", "Settings",
           "DEFAULT_MIN_SCORE", "DEFAULT_MODEL"]


def scan_document(doc, register=None, *, case=None, min_score: float = DEFAULT_MIN_SCORE, settings=None,
                  credits: bool = False):
    """ANO001/ANO002 findings for a read ``Document`` (see ``scan.scan_document``); ``credits``
    adds the report's author, reviewer or chair as ``info`` findings."""
    from .scan import scan_document as _scan

    return _scan(doc, register, case=case, min_score=min_score, settings=settings, credits=credits)


def redact_document(doc, register=None, *, case=None, min_score: float = DEFAULT_MIN_SCORE,
                    settings=None, suffix: str | None = None):
    """A pseudonymised copy of ``doc`` as a ``Redaction`` (``.data`` bytes, ``.mapping``);
    ``suffix`` (``.docx``, ``.txt``, ``.md``) picks the output format (see ``redact.redact_document``)."""
    from .redact import redact_document as _redact

    return _redact(doc, register, case=case, min_score=min_score, settings=settings, suffix=suffix)
