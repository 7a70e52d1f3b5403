"""The case file (``case.yaml``, SPEC §4) as a typed model, with line-numbered validation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from .errors import InputError
from .files import bundled
from .yamlio import line_of, load_bundled, load_yaml


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
    return dict(load_bundled(bundled("data") / "recipients.yaml"))


Recipient = Literal[tuple(recipients()["recipients"])]  # type: ignore[valid-type]
Item = Literal[tuple(recipients()["items"])]  # type: ignore[valid-type]


#: Size bounds of a case file: no real case comes near them; a hostile one is refused at once.
MAX_LIST_ITEMS = 1_000
MAX_TEXT_CHARS = 100_000
#: Characters XML 1.0 (so a Word document) cannot hold; YAML lets "\x07" escapes through.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_max_length=MAX_TEXT_CHARS)

    @field_validator("*", mode="before")
    @classmethod
    def _bounded(cls, value: Any) -> Any:
        if isinstance(value, list) and len(value) > MAX_LIST_ITEMS:
            raise ValueError(f"a list of {len(value):,} items (the limit is {MAX_LIST_ITEMS:,})")
        texts = value if isinstance(value, list) else [value]
        for number, text in enumerate(texts, 1):
            bad = _FORBIDDEN_CHARS.search(text) if isinstance(text, str) else None
            if bad:  # Word documents (XML) cannot hold it: a render would lose the text after it
                where = f"item {number}, " if isinstance(value, list) else ""
                raise ValueError(f"contains the control character U+{ord(bad.group()):04X} at "
                                 f"{where}character {bad.start() + 1}, which a Word document cannot hold")
        return value


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
    # Case details the Panel's rapid review asks for (issue 14); free text, as recorded.
    sex: str | None = None
    ethnicity: str | None = None
    disability: str | None = Field(None, description="Any disability or special educational need, or 'None known'")
    legal_status: str | None = Field(None, description="e.g. no order; child arrangements order; care order")
    plan_status: str | None = Field(None, description="e.g. child in need plan, child protection plan, none")


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
    # The rapid review in the form the Panel expects (issue 14); models below.
    inequalities_considered: str | None = Field(
        None, description="What the partners considered about race, ethnicity, culture, disability "
                          "and other inequalities, and what they concluded")
    national_importance: str | None = Field(
        None, description="Whether the case may be of national importance, and why")
    next_steps: list[str] | None = None
    attendees: list["Attendee"] | None = None
    sign_off: list["PartnerSignOff"] | None = Field(
        None, description="Sign-off by the three safeguarding partners")


class Attendee(_Model):
    """Someone at the rapid review meeting (by role and agency; a name is optional)."""

    name: str | None = None
    role: str | None = None
    agency: str | None = None


class PartnerSignOff(_Model):
    """One safeguarding partner's sign-off of the rapid review."""

    partner: Literal["local_authority", "integrated_care_board", "police"]
    name: str | None = None
    role: str | None = None
    date: Day | None = None


class LearningBriefing(_Model):
    """The 7-minute briefing's own content (issue 14); every field optional."""

    why_it_matters: str | None = None
    practice_points: list[str] | None = Field(None, description="What to do differently (short points)")
    reflective_questions: list[str] | None = None
    further_information: str | None = None


RapidReview.model_rebuild()


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


# Many cases (issue #15): tracking recommendations, delays and the Panel's replies --------------

@lru_cache(maxsize=1)
def tracking() -> dict:
    """Themes, recommendation statuses and delay reasons from ``data/tracking.yaml``."""
    return dict(load_bundled(bundled("data") / "tracking.yaml"))


Theme = Literal[tuple(tracking()["themes"])]  # type: ignore[valid-type]
RecommendationStatus = Literal[tuple(tracking()["recommendation_statuses"])]  # type: ignore[valid-type]
DelayReason = Literal[tuple(tracking()["delay_reasons"])]  # type: ignore[valid-type]


class DatedNote(_Model):
    date: Day | None = None
    note: str | None = None


class Evidence(_Model):
    date: Day | None = None
    text: str | None = Field(None, description="What shows the recommendation worked")


class PublicationDelay(_Model):
    reason: DelayReason | None = None  # type: ignore[valid-type]
    details: str | None = None
    panel_told: Day | None = Field(None, description="When the Panel was told the reasons")
    secretary_of_state_told: Day | None = None
    ended: Day | None = None


class RapidReviewResponse(_Model):
    date: Day | None = None
    agreed_with_decision: bool | None = None
    further_information: str | None = Field(None, description="Any request for further information")


class PublicationComment(_Model):
    from_: Literal["panel", "secretary_of_state"] | None = Field(None, alias="from")
    date: Day | None = None
    comment: str | None = None
    partners_response: str | None = None
    responded: Day | None = None


class PanelResponse(_Model):
    rapid_review: RapidReviewResponse | None = None
    publication_comments: list[PublicationComment] | None = None


class Recommendation(_Model):
    text: str | None = None
    owner: str | None = Field(None, description="Responsible agency")
    due: Day | None = None
    status: RecommendationStatus | None = Field(  # type: ignore[valid-type]
        None, description="not_started (when absent), in_progress, completed, impact_evidenced")
    agency_lead: str | None = Field(None, description="Contact role in the owning agency")
    updates: list[DatedNote] | None = None
    evidence: list[Evidence] | None = None


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
    themes: list[Theme] | None = None  # type: ignore[valid-type]


class Publication(_Model):
    full_report: bool | None = None
    planned_date: Day | None = None
    non_publication_justification: str | None = None
    delay_reasons: str | None = None
    available_until: Day | None = None
    published: Day | None = Field(None, description="When it was actually published")
    delays: list[PublicationDelay] | None = None


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
    panel_response: PanelResponse | None = None
    briefing: LearningBriefing | None = None


@dataclass
class Problem:
    """One validation problem: YAML line, field path, message."""

    line: int | None
    field: str
    message: str


def field_path(loc: tuple) -> str:
    """A case-file field's path as people write it: ``publication.delays[0].panel_told``."""
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
    if kind == "string_too_long":  # never quote the text itself
        return (f"text of {len(value):,} characters (the limit is {err['ctx']['max_length']:,})"
                if isinstance(value, str) else "text too long")
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
            problems.append(Problem(line_of(data, loc), field_path(loc), _message(err)))
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
