"""SEC001/SEC002: every required checklist item has a section, and the section has text."""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, Location, make_finding
from .checklist import ChecklistItem
from .context import CheckContext
from .outline import Heading, Outline, any_match
from .placeholders import only_placeholder
from .registry import implements


def match_item(item: ChecklistItem, outline: Outline, text: str | None = None) -> tuple[str, Heading | None]:
    """``("ok"|"empty"|"missing", heading)`` for one checklist item in ``outline``."""
    # the title (level 0) does not count: "Information about improvements ..." is not a section
    found = [h for h in outline.headings if h.level >= 1 and any_match(item.headings, h.normalised)]
    if found:
        for h in found:
            if outline.has_body(h):
                return "ok", h
        return "empty", found[0]
    text = outline.normalised_text() if text is None else text
    if any(any_match(item.headings, entry) and entry in text for entry in outline.contents):
        # the contents list names the section and its title reappears in the body (a heading the
        # reader did not recognise); an entry whose section was deleted is no evidence
        return "ok", None
    if item.body and any_match(item.body, text):
        return "ok", None
    if not outline.structured and any_match(item.headings, text):
        return "ok", None
    return "missing", None


@implements("SEC001", "SEC002")
def check_sections(ctx: CheckContext) -> Iterator[Finding]:
    outline = ctx.outline
    text = outline.normalised_text()
    for item in ctx.checklist.items:
        if item.rule:
            continue  # checked by its rule family; run_checks fills the row
        status, heading = match_item(item, outline, text)
        ctx.rows.append((item.id, item.title, status, item.source))
        if status == "missing":
            how = "no heading" if outline.structured else "no heading or text"
            yield make_finding(
                "SEC001", f"required section missing: {item.title} ({how} matching "
                          f"{', '.join(repr(p) for p in item.headings[:4])})",
                Location(part="body", field=item.id), severity=item.severity, source=item.source)
        elif status == "empty":
            loc = heading.block.location
            placeholder = any(only_placeholder(b.text) for b in outline.section_blocks(heading))
            yield make_finding(
                "SEC002", f"section '{heading.block.text.strip().lstrip('#').strip()}' ({item.title}) "
                          + ("holds only a placeholder, no text" if placeholder else "has no body text"),
                Location(part=loc.part, paragraph=loc.paragraph, page=loc.page, start=loc.start,
                         end=loc.end, field=item.id),
                source=item.source, text=heading.block.text.strip().lstrip("#").strip())
