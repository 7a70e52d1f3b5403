"""The document types (SPEC §3): one table, imported wherever a type is named."""

from __future__ import annotations

#: Every document type ``check --type`` accepts.
DOC_TYPES = ("rapid-review", "lcspr", "improvements", "national", "learning-briefing")
#: Document types whose text is published (distribution and publication rules apply).
PUBLISHED_TYPES = ("lcspr", "improvements", "national")
#: Document types that reach the public or a wide audience, so must not identify the family
#: (the rapid review goes to the Panel, which needs its exact facts).
PUBLIC_TYPES = PUBLISHED_TYPES + ("learning-briefing",)
#: Names a rule's ``types`` list may use for a group of types.
TYPE_GROUPS = {"all": DOC_TYPES, "published": PUBLISHED_TYPES, "public": PUBLIC_TYPES}
