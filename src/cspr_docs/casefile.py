"""The case file (``case.yaml``, SPEC §4) as a typed model, with line-numbered validation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from .errors import InputError
from .files import bundled
from .yamlio import line_of, load_yaml


def _to_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date) or value is None:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f'not a date "{value}" (write dates as YYYY-MM-DD)')


Day = Annotated[date, BeforeValidator(_to_date)]


@lru_cache(maxsize=1)
def recipients() -> dict:
    """The recipients and items catalogue from ``data/recipients.yaml``."""
    return dict(load_yaml(bundled("data") / "recipients.yaml"))


Recipient = Literal[tuple(recipients()["recipients"])]  # type: ignore[valid-type]
Item = Literal[tuple(recipients()["items"])]  # type: ignore[valid-type]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class CaseInfo(_Model):
    reference: str | None = Field(None, description="Local reference; never the child's name")
    partnership: str | None = None
    local_authority: str | None = None


class PartnershipInfo(_Model):
    """The partnership's public, non-identifying details (its back page): never flagged by ``scan``."""

    name: str | None = None
    local_authority: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    social: list[str] | None = None
    logo: str | None = None


class Child(_Model):
    pseudonym: str | None = Field(None, description="e.g. Child A")
    age_at_incident: str | None = None
    looked_after: bool | None = None
    care_leaver: bool | None = None


class Incident(_Model):
    type: Literal["death", "serious_harm", "other"] | None = None
    date: Day | None = None
    la_aware_date: Day | None = Field(None, description="When the local authority became aware")
    summary: str | None = None


class Notification(_Model):
    submitted: Day | None = Field(None, description="Notification to the Panel")
    sos_ofsted_notified: Day | None = Field(
        None, description="Required when a looked-after child died")


class Agency(_Model):
    name: str | None = None
    involvement: str | None = None


class RapidReview(_Model):
    meeting_date: Day | None = None
    submitted_to_panel: Day | None = None
    agencies: list[Agency] | None = None
    facts: str | None = None
    immediate_actions: list[str] | None = None
    learning: list[str] | None = None
    good_practice: list[str] | None = None
    decision: Literal["lcspr", "no_review", "refer_national"] | None = None
    rationale: str | None = None
    key_lines_of_enquiry: list[str] | None = None


class Reviewer(_Model):
    name: str | None = None
    independence: str | None = None


class CommissioningNotified(_Model):
    panel: Day | None = None
    ofsted: Day | None = None
    dfe: Day | None = None


class Scope(_Model):
    from_: Day | None = Field(None, alias="from")
    to: Day | None = None


class ReviewFinding(_Model):
    title: str | None = None
    analysis: str | None = None


class Recommendation(_Model):
    text: str | None = None
    owner: str | None = Field(None, description="Responsible agency")
    due: Day | None = None


class Review(_Model):
    kind: Literal["local", "national"] | None = None
    decision_date: Day | None = None
    reviewer: Reviewer | None = None
    commissioning_notified: CommissioningNotified | None = None
    scope: Scope | None = None
    terms_of_reference: str | None = None
    methodology: str | None = None
    family_involvement: str | None = None
    child_perspective: str | None = None
    background: str | None = None
    findings: list[ReviewFinding] | None = None
    good_practice: list[str] | None = None
    recommendations: list[Recommendation] | None = None


class Publication(_Model):
    full_report: bool | None = None
    planned_date: Day | None = None
    non_publication_justification: str | None = None
    delay_reasons: str | None = None
    available_until: Day | None = None


class Distribution(_Model):
    recipient: Recipient  # type: ignore[valid-type]
    item: Item  # type: ignore[valid-type]
    sent: Day | None = None


class CaseFile(_Model):
    """A whole case file. Every field may be absent until it is known."""

    case: CaseInfo | None = None
    partnership: PartnershipInfo | None = None
    child: Child | None = None
    incident: Incident | None = None
    notification: Notification | None = None
    rapid_review: RapidReview | None = None
    review: Review | None = None
    publication: Publication | None = None
    distribution: list[Distribution] | None = None


@dataclass
class Problem:
    """One validation problem: YAML line, field path, message."""

    line: int | None
    field: str
    message: str


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _message(err: dict) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "value_error":
        return str(err["ctx"]["error"])
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind == "missing":
        return "required"
    if kind == "literal_error":
        return f'"{value}" is not allowed; use one of {err["ctx"]["expected"]}'
    if kind.startswith("bool"):
        return f'must be true or false, not "{value}"'
    if kind in ("list_type", "model_type", "dict_type"):
        want = {"list_type": "a list", "model_type": "a mapping of fields",
                "dict_type": "a mapping"}[kind]
        return f"must be {want}"
    if kind.startswith("string"):
        return f'must be text, not "{value}"'
    return err["msg"]


def validate_data(data: Any) -> tuple[CaseFile | None, list[Problem]]:
    """Validate loaded YAML; returns the model (or None) and every problem found."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(1, "(top level)", "a case file must be a mapping of sections")]
    try:
        return CaseFile.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            problems.append(Problem(line_of(data, loc), _field_path(loc), _message(err)))
        problems.sort(key=lambda p: (p.line or 0, p.field))
        return None, problems


def check_case(path: str | Path) -> tuple[CaseFile | None, list[Problem]]:
    """Load and validate a case file; unreadable files raise ``InputError``."""
    return validate_data(load_yaml(path))


def load_case_with_raw(path: str | Path) -> tuple[CaseFile, Any]:
    """Load a case file that must be valid, with its raw YAML (for line numbers).

    The first problem becomes an ``InputError`` naming its line.
    """
    raw = load_yaml(path)
    case, problems = validate_data(raw)
    if case is None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more; run 'cspr-docs validate')" if len(problems) > 1 else ""
        raise InputError(path, f"line {first.line}: {first.field}: {first.message}{more}")
    return case, raw


def load_case(path: str | Path) -> CaseFile:
    """Load a case file that must be valid (see ``load_case_with_raw``)."""
    return load_case_with_raw(path)[0]


def json_schema() -> dict:
    """The case file's JSON Schema, for editors' autocompletion."""
    schema = CaseFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cspr-docs case file"
    return schema
