"""The rule catalogue as data (``data/rules.yaml``): one entry per rule, validated once.

Every rule has an id, family, title, duty (``must`` / ``should`` / ``convention``), source, the
document types it applies to, whether it needs the case file, whether ``sanitize`` fixes it,
and the texts ``cspr-docs rules ID`` prints. Its default severity follows from its duty.
The code of each rule registers against its id in ``checks.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .doctypes import DOC_TYPES, TYPE_GROUPS

#: Default severity of each duty (SPEC §5).
DUTY_SEVERITY = {"must": "error", "should": "warning", "convention": "info"}

@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    title: str
    duty: str
    source: str
    types: tuple[str, ...]
    needs_case: bool
    sanitize: bool
    job: str
    what: str
    why: str
    fix: str
    example: str

    @property
    def severity(self) -> str:
        """The default severity: must -> error, should -> warning, convention -> info."""
        return DUTY_SEVERITY[self.duty]

    def applies(self, doc_type: str, has_case: bool) -> bool:
        """True when ``check`` runs this rule for ``doc_type`` (with or without a case file)."""
        return self.job == "check" and doc_type in self.types and (has_case or not self.needs_case)

class CatalogueError(Exception):
    """The bundled catalogue is broken (a bug, found when the checker is imported)."""

@lru_cache(maxsize=1)
def _model():
    from pydantic import BaseModel, ConfigDict, Field

    class RuleModel(BaseModel):
        model_config = ConfigDict(extra="forbid")
        family: str = Field(min_length=1)
        title: str = Field(min_length=1)
        duty: Literal["must", "should", "convention"]
        source: str = Field(min_length=1)
        types: list[str] = Field(min_length=1)
        needs_case: bool = False
        sanitize: bool = False
        job: Literal["check", "templates"] = "check"
        what: str = Field(min_length=1)
        why: str = Field(min_length=1)
        fix: str = Field(min_length=1)
        example: str = Field(min_length=1)

    return RuleModel

def _types(rule_id: str, names: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        if name in TYPE_GROUPS:
            out += TYPE_GROUPS[name]
        elif name in DOC_TYPES:
            out.append(name)
        else:
            raise CatalogueError(f"rules.yaml: {rule_id}: unknown document type or group '{name}'")
    return tuple(dict.fromkeys(out))

@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """Every rule, by id, in catalogue order."""
    import re

    from pydantic import ValidationError

    from .files import bundled
    from .yamlio import line_of, load_bundled, load_yaml

    path = bundled("data") / "rules.yaml"
    data = load_bundled(path)

    def where(rule_id) -> str:  # the line is looked up only for an error (round-trip load)
        return f"rules.yaml line {line_of(load_yaml(path), (rule_id,))}"

    out: dict[str, Rule] = {}
    for rule_id, entry in data.items():
        if not re.fullmatch(r"[A-Z]{3}\d{3}", str(rule_id)):
            raise CatalogueError(f"{where(rule_id)}: bad rule id '{rule_id}'")
        if isinstance(entry, dict) and ("severity" in entry or "summary" in entry):
            raise CatalogueError(f"{where(rule_id)}: {rule_id}: the old format "
                                 "(severity, summary): give duty, title, source, types, what, why, fix and "
                                 "example instead (docs/adding-a-rule.md)")
        try:
            parsed = _model().model_validate(dict(entry))
        except ValidationError as exc:
            err = exc.errors()[0]
            raise CatalogueError(f"{where(rule_id)}: {rule_id}: "
                                 f"{'.'.join(map(str, err['loc']))}: {err['msg']}") from None
        values = parsed.model_dump()
        values["types"] = _types(rule_id, values["types"])
        out[str(rule_id)] = Rule(id=str(rule_id), **values)
    return out

def get(rule_id: str) -> Rule:
    """The rule ``rule_id``; ``KeyError`` naming it when it is not in the catalogue."""
    try:
        return rules()[rule_id]
    except KeyError:
        raise KeyError(f"rule {rule_id!r} is not in the catalogue (data/rules.yaml)") from None

