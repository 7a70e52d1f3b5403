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
    """One problem found by one rule.

    ``severity`` and ``source`` may be left out (``None``): the rule catalogue supplies the
    default from the rule's duty and its source. ``duty`` is the duty behind this finding
    (``must``/``should``/``convention``) when it differs from the rule's (a copy to Ofsted under
    DIS004 is a ``should``); ``check --strict`` counts ``should`` findings as failures.
    """

    rule: str
    severity: Severity | None = None
    message: str = ""
    location: Location = field(default_factory=Location)
    text: str | None = None
    entity: str | None = None
    score: float | None = None
    source: str | None = None
    duty: str | None = field(default=None, compare=False, repr=False)
    #: where a person finds it: heading, page and a snippet to search for (text output)
    where: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        rule = _catalogued(self.rule)
        if self.severity is None:
            self.severity = Severity(rule.severity if rule else "error")
        elif not isinstance(self.severity, Severity):
            self.severity = Severity(self.severity)
        if self.source is None and rule is not None:
            self.source = rule.source
        if self.duty is None and rule is not None:
            # a checklist item or a caller may have set the severity: the duty follows it
            self.duty = rule.duty if rule.severity == self.severity.value else \
                DUTY_OF_SEVERITY[self.severity.value]

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity.value, "message": self.message,
                "location": self.location.to_dict(), "text": self.text, "entity": self.entity,
                "score": self.score, "source": self.source}


def _catalogued(rule_id: str):
    from .catalogue import rules

    return rules().get(rule_id)


def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts by severity: ``{"error": n, "warning": n, "info": n}``."""
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def exit_code(findings: Iterable[Finding], strict: bool = False) -> int:
    """0 when no finding is an error, 1 otherwise (SPEC §3). ``strict``: a finding of a
    ``should`` duty (a warning by default) counts as well."""
    for f in findings:
        if f.severity is Severity.ERROR or (strict and f.duty == "should" and f.severity is Severity.WARNING):
            return 1
    return 0


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, dict]:
    """Every rule ID with its family, default severity, summary and duty (``data/rules.yaml``,
    see ``catalogue``): the dictionary form the report renderers read."""
    from .catalogue import rules

    return {r.id: {"family": r.family, "severity": r.severity, "summary": r.title, "duty": r.duty,
                   "source": r.source, "help": f"{r.what} Why: {r.why} How to fix it: {r.fix}"}
            for r in rules().values()}


DUTY_OF_SEVERITY = {"error": "must", "warning": "should", "info": "convention"}


def make_finding(rule: str, message: str, location: Location | None = None, *,
                 severity: Severity | str | None = None, duty: str | None = None, **extra) -> Finding:
    """A finding for a catalogued rule. Its severity is ``severity`` when given, else the
    severity of ``duty`` when given (a finding whose duty differs from its rule's), else the
    rule's default; its source is the catalogue's unless ``source=`` is given."""
    from .catalogue import DUTY_SEVERITY, get

    info = get(rule)  # KeyError here means a rule ID not in the catalogue
    if severity is not None:
        sev = Severity(severity)
        duty = duty or (info.duty if info.severity == sev.value else DUTY_OF_SEVERITY[sev.value])
    else:
        duty = duty or info.duty
        sev = Severity(DUTY_SEVERITY[duty])
    return Finding(rule, sev, message, location or Location(), duty=duty, **extra)


IDENTIFYING_NOTE = ("This report quotes the identifying text it found: handle it as "
                    "OFFICIAL-SENSITIVE and do not publish it.")


@dataclass
class Report:
    """The findings for one document (or case file) and what was checked."""

    document: str
    findings: list[Finding]
    doc_type: str | None = None
    #: checklist rows for junit/html: (item id, title, status ok|missing|empty, source)
    checklist: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    #: rule families that ran, so junit can show a passing test case for each
    families: list[str] = field(default_factory=list)
    #: why the document could not be checked at all (a batch goes on past it)
    error: str | None = None
    #: the case file that ``case-file`` locations (with their YAML line) refer to
    case_file: str | None = None

    def file_of(self, finding: Finding) -> str:
        """The file a finding's location is in: the case file or the document."""
        return self.case_file if finding.location.part == "case-file" and self.case_file else self.document
