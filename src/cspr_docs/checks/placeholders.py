"""PUB003: an unfilled placeholder or template markup left in a document for publication.

Deliberately simple and strict: ``[MISSING: …]`` (what ``render --draft`` writes), Jinja
markup ``{{ }}`` / ``{% %}``, ``[insert …]``, date placeholders such as ``XX/XX/XXXX`` and a
capitalised ``TBC``/``TBA`` in the text a reader sees (not comments or tracked deletions).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding, make_finding
from .context import CheckContext
from .registry import implements

#: Where a reader sees text.
READ_PARTS = ("body", "table", "header", "footer", "footnote")
PATTERNS = [
    ("an unfilled field", re.compile(r"\[MISSING:[^\]\n]{0,200}\]")),
    ("template markup", re.compile(r"\{\{.{0,200}?\}\}|\{%.{0,200}?%\}|\{#.{0,200}?#\}")),
    ("an [insert ...] placeholder", re.compile(r"\[\s*(?:insert|add|enter)\b[^\]\n]{0,200}\]", re.I)),
    ("a date placeholder", re.compile(r"\b(?:XX|DD)[/.\-](?:XX|MM)[/.\-](?:XXXX|YYYY|XX|YY)\b", re.I)),
    ("TBC", re.compile(r"\bTB[CA]\b")),
]


def only_placeholder(text: str) -> bool:
    """True when ``text`` is nothing but placeholders (and punctuation): a section holding only
    "[MISSING: ...]" or "[insert analysis]" is not written."""
    rest = text
    for _, pattern in PATTERNS:
        rest = pattern.sub(" ", rest)
    return rest != text and not re.search(r"[A-Za-z0-9]", rest)


@implements("PUB003")
def check_placeholders(ctx: CheckContext) -> Iterator[Finding]:
    for block in ctx.doc.blocks:
        if block.location.part not in READ_PARTS:
            continue
        taken: list[tuple[int, int]] = []
        for what, pattern in PATTERNS:
            for m in pattern.finditer(block.text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                shown = m.group(0) if len(m.group(0)) <= 60 else m.group(0)[:57] + "..."
                yield make_finding("PUB003", f"{what} is left in the document: \"{shown}\"",
                                   block.span(m.start(), m.end()), text=m.group(0))
