"""The document types (SPEC §3): one table, imported wherever a type is named."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocType:
    name: str
    title: str
    published: bool          # its text is published: distribution and publication rules apply
    public: bool             # reaches the public or a wide audience: it must not identify the family
    template: str | None     # the bundled Word template (templates/), None: not rendered
    init: bool               # `cspr-docs init --type` can start a case for it

    @property
    def checklist(self) -> str:
        """The bundled checklist's file name (checklists/)."""
        return self.name.replace("-", "_") + ".yaml"


TYPES: dict[str, DocType] = {t.name: t for t in (
    DocType("rapid-review", "Rapid review", published=False, public=False, template="rapid_review.docx", init=True),
    DocType("lcspr", "Local child safeguarding practice review", published=True, public=True,
            template="lcspr_report.docx", init=True),
    DocType("improvements", "Information about improvements (published instead of the full report)",
            published=True, public=True, template="improvements_summary.docx", init=True),
    DocType("national", "National child safeguarding practice review", published=True, public=True,
            template=None, init=False),
    DocType("learning-briefing", "Learning briefing", published=False, public=True,
            template="learning_briefing.docx", init=True),
)}

#: Every document type ``check --type`` accepts.
DOC_TYPES = tuple(TYPES)
#: Document types whose text is published (distribution and publication rules apply).
PUBLISHED_TYPES = tuple(t.name for t in TYPES.values() if t.published)
#: Document types that reach the public or a wide audience, so must not identify the family
#: (the rapid review goes to the Panel, which needs its exact facts).
PUBLIC_TYPES = tuple(t.name for t in TYPES.values() if t.public)
#: Document types with a bundled template (``render --type``).
TEMPLATE_TYPES = tuple(t.name for t in TYPES.values() if t.template)
#: Document types ``init --type`` offers.
INIT_TYPES = tuple(t.name for t in TYPES.values() if t.init)
#: Names a rule's ``types`` list may use for a group of types.
TYPE_GROUPS = {"all": DOC_TYPES, "published": PUBLISHED_TYPES, "public": PUBLIC_TYPES}
