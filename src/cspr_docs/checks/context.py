"""What every rule family gets: the document, its type, the checklist and the case file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..document import Document
from ..doctypes import PUBLIC_TYPES, PUBLISHED_TYPES  # noqa: F401  (re-exported)
from ..findings import Location
from .checklist import Checklist

@dataclass
class CheckContext:
    doc: Document
    doc_type: str
    checklist: Checklist
    case: Any = None          # casefile.CaseFile
    case_raw: Any = None      # the loaded YAML (for line numbers)
    publication_date: date | None = None
    publication_date_from: str | None = None  # "--publication-date" or "publication.planned_date"
    rapid_review_clock: str = "la_aware_date"  # or "notification"
    register: Any = None      # anonymise.Register: its entries found in the document are errors
    #: the partnership's configuration for the anonymisation family: ``partnership`` (public
    #: details, never flagged) and ``allow_words`` (cspr-docs.yaml)
    anonymise_config: Any = None
    #: checklist rows (item id, title, ok|missing|empty, source), filled by the sections family
    rows: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    _outline: Any = None

    @property
    def outline(self):
        if self._outline is None:
            from .outline import build_outline

            self._outline = build_outline(self.doc)
        return self._outline

    def case_location(self, *path: str | int) -> Location:
        """A ``case-file`` location for the field ``path`` with its YAML line."""
        from ..yamlio import line_of

        text = ""
        for part in path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        line = line_of(self.case_raw, tuple(path)) if self.case_raw is not None else None
        return Location(part="case-file", field=text or None, line=line)

    def section(self, name: str) -> Any:
        """``case.<name>`` or None."""
        return getattr(self.case, name, None) if self.case is not None else None

    @property
    def national(self) -> bool:
        review = self.section("review")
        return self.doc_type == "national" or (review is not None and review.kind == "national")
