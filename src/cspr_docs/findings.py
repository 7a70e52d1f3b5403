"""Findings: what every rule family yields and every renderer prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: Parts of a document a finding can point into (SPEC §6).
PARTS = ("body", "table", "header", "footer", "footnote", "comment", "tracked-change",
         "properties", "pdf-metadata", "annotation", "case-file",
         # .docx text outside paragraph runs (readers/docx_extras.py); ``paragraph`` is the
         # paragraph it is anchored to, ``field`` says what it is ("chart 1 title" ...)
         "alt-text", "tooltip", "chart", "diagram", "alt-chunk", "drawing")


@dataclass(frozen=True)
class Location:
    """Where a person finds the thing: part, paragraph (docx), page (pdf), character offsets.

    For ``case-file`` findings ``line`` is the YAML line and ``field`` the field path.
    """

    part: str = "body"
    paragraph: int | None = None
    page: int | None = None
    start: int | None = None
    end: int | None = None
    line: int | None = None
    field: str | None = None

    def describe(self) -> str:
        """Short human form such as ``body ¶12:30-41`` or ``page 3``."""
        bits = [self.part]
        if self.page is not None:
            bits.append(f"page {self.page}")
        if self.paragraph is not None:
            bits.append(f"¶{self.paragraph}")
        if self.field:
            bits.append(self.field)
        if self.line is not None:
            bits.append(f"line {self.line}")
        out = " ".join(bits)
        if self.start is not None:
            out += f":{self.start}-{self.end}"
        return out

    def to_dict(self) -> dict:
        d = asdict(self)
        return {k: v for k, v in d.items() if v is not None or k in ("paragraph", "page", "start", "end")}


@dataclass
class Finding:
    """One problem found by one rule."""

    rule: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    text: str | None = None
    entity: str | None = None
    score: float | None = None
    source: str | None = None

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity.value, "message": self.message,
                "location": self.location.to_dict(), "text": self.text, "entity": self.entity,
                "score": self.score, "source": self.source}


def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts by severity: ``{"error": n, "warning": n, "info": n}``."""
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def exit_code(findings: Iterable[Finding]) -> int:
    """0 when no finding is an error, 1 otherwise (SPEC §3)."""
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, dict]:
    """Every rule ID with its family, default severity and summary (``data/rules.yaml``)."""
    from .files import bundled
    from .yamlio import load_yaml

    return {rule: dict(info) for rule, info in load_yaml(bundled("data") / "rules.yaml").items()}


def make_finding(rule: str, message: str, location: Location | None = None, *,
                 severity: Severity | str | None = None, **extra) -> Finding:
    """A finding for a catalogued rule, with the catalogue's default severity unless given."""
    info = rule_catalogue()[rule]  # KeyError here means a rule ID not in the catalogue
    sev = Severity(severity or info["severity"])
    return Finding(rule, sev, message, location or Location(), **extra)
