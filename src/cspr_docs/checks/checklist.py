"""Checklists: YAML files of required sections, one per document type (SPEC §8).

A checklist file::

    type: lcspr                      # optional; the document type it was written for
    title: Local child safeguarding practice review (final report)
    items:
      - id: lcspr.systemic-reasons
        title: Analysis of systemic or underlying reasons
        severity: error              # error = statutory must; warning = should / convention
        source: "Working Together to Safeguard Children 2023, ch.5 (final report)"
        headings: [systemic, underlying reasons]   # phrases looked for in headings
        body: [systemic reasons]     # optional: phrases that satisfy the item anywhere in the text
        rule: REV001                 # optional: the item is checked by that rule family instead
        also: [REC002]               # optional: further rules whose findings also fail the item

Phrases are matched after normalising case, numbering, punctuation and plural ``s``;
``a + b`` means both ``a`` and ``b`` somewhere in the same heading.
Bundled checklists live in ``checklists/``; ``check --checklist PATH`` adds a partnership's own
(an item with an existing id replaces it, so a partnership can raise or lower a severity).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError

def delegable_rules() -> tuple[str, ...]:
    """Rules a checklist item may delegate to (its row then reflects whether the rule fired):
    any rule ``check`` runs, from the catalogue."""
    from ..catalogue import rules

    return tuple(r.id for r in rules().values() if r.job == "check" and r.family != "sections")


@dataclass
class ChecklistItem:
    id: str
    title: str
    severity: str
    source: str
    headings: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    rule: str | None = None
    also: list[str] = field(default_factory=list)
    origin: str = ""  # the file the item came from

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule whose findings fail this item (``rule`` and ``also``)."""
        return ((self.rule,) if self.rule else ()) + tuple(self.also)


@dataclass
class Checklist:
    title: str
    items: list[ChecklistItem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def merge(self, other: "Checklist") -> None:
        """Add ``other``'s items; an item whose id is already present replaces it in place."""
        index = {item.id: i for i, item in enumerate(self.items)}
        for item in other.items:
            if item.id in index:
                self.items[index[item.id]] = item
            else:
                index[item.id] = len(self.items)
                self.items.append(item)
        self.files.extend(other.files)


@lru_cache(maxsize=1)
def _models():
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class ItemModel(BaseModel):
        model_config = ConfigDict(extra="forbid")
        id: str = Field(min_length=1)
        title: str = Field(min_length=1)
        severity: Literal["error", "warning", "info"]
        source: str = Field(min_length=1)
        headings: list[str] = Field(default_factory=list)
        body: list[str] = Field(default_factory=list)
        rule: str | None = None
        also: list[str] = Field(default_factory=list)

        @field_validator("rule")
        @classmethod
        def _rule(cls, value: str | None) -> str | None:
            if value is not None and value not in delegable_rules():
                raise ValueError(f"'{value}' is not a rule a checklist item can delegate to")
            return value

        @field_validator("also")
        @classmethod
        def _also(cls, value: list[str]) -> list[str]:
            for rule in value:
                if rule not in delegable_rules():
                    raise ValueError(f"'{rule}' is not a rule a checklist item can delegate to")
            return value

        @field_validator("headings", "body")
        @classmethod
        def _phrases(cls, value: list[str]) -> list[str]:
            from .outline import phrase_tokens

            for phrase in value:
                if not phrase_tokens(phrase):
                    raise ValueError(f'phrase "{phrase}" has no words left after normalising')
            return value

    class ChecklistModel(BaseModel):
        model_config = ConfigDict(extra="forbid")
        type: str | None = None
        types: list[str] | None = None
        title: str | None = None
        items: list[ItemModel] = Field(min_length=1)

    return ItemModel, ChecklistModel


def _problem(err: dict, data: Any) -> str:
    loc = list(err["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        try:
            item_id = data["items"][loc[1]].get("id") or f"#{loc[1] + 1}"
        except (AttributeError, IndexError, KeyError, TypeError):
            item_id = f"#{loc[1] + 1}"
        where = f"item {item_id}: "
        loc = loc[2:]
    field_name = ".".join(str(p) for p in loc)
    kind = err["type"]
    if kind == "missing":
        msg = f"{field_name} is required"
    elif kind == "extra_forbidden":
        msg = f"unknown field '{field_name}'"
    elif kind == "literal_error":
        msg = f"{field_name} must be one of {err['ctx']['expected']}, not \"{err.get('input')}\""
    elif kind == "value_error":
        msg = f"{field_name}: {err['ctx']['error']}"
    else:
        msg = f"{field_name}: {err['msg']}" if field_name else err["msg"]
    return where + msg


def load_checklist(path: str | Path) -> tuple[Checklist, list[str] | None]:
    """Load and validate one checklist file; returns it and the document types it is limited to.

    A broken file raises ``InputError(path, "item <id>: <problem>")``.
    """
    from pydantic import ValidationError

    from ..yamlio import line_of, load_yaml

    p = Path(path)
    data = load_yaml(p)
    if not isinstance(data, dict):
        raise InputError(p, "a checklist must be a mapping with an 'items' list")
    _, model = _models()
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        line = line_of(data, tuple(err["loc"]))
        where = f"line {line}: " if line else ""
        raise InputError(p, where + _problem(err, data)) from None
    seen: set[str] = set()
    for i, item in enumerate(parsed.items):
        if item.id in seen:
            raise InputError(p, f"line {line_of(data, ('items', i, 'id'))}: item {item.id}: "
                                "duplicate id in this checklist")
        seen.add(item.id)
        if not item.headings and not item.body and not item.rule:
            raise InputError(p, f"line {line_of(data, ('items', i))}: item {item.id}: "
                                "needs heading phrases, body phrases or a rule")
    checklist = Checklist(title=parsed.title or p.stem, files=[str(p)],
                          items=[ChecklistItem(origin=str(p), **item.model_dump()) for item in parsed.items])
    types = parsed.types or ([parsed.type] if parsed.type else None)
    return checklist, types


def bundled_checklist_path(doc_type: str) -> Path:
    from ..files import bundled

    from ..doctypes import TYPES

    return bundled("checklists") / (TYPES[doc_type].checklist if doc_type in TYPES else f"{doc_type}.yaml")


def checklist_for(doc_type: str, extra: tuple[str | Path, ...] | list = ()) -> Checklist:
    """The bundled checklist for ``doc_type`` plus any partnership checklists in ``extra``.

    A partnership file that declares ``type``/``types`` applies only to those document types.
    """
    path = bundled_checklist_path(doc_type)
    if path.exists():
        checklist, _ = load_checklist(path)
    else:
        checklist = Checklist(title=doc_type)
    for extra_path in extra:
        more, types = load_checklist(extra_path)
        if types and doc_type not in types and doc_type.replace("-", "_") not in types:
            continue
        checklist.merge(more)
    return checklist
