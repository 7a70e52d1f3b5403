"""Recognising a document's contents list, whatever the format (issue 12).

Real reports open with a contents list: ``3. Methodology 5``, ``1.2 Terms of Reference Page 4``,
``Chapter 4 Family Perspectives 9``, ``2 Review process ........ 3``, Word's TOC field, or the
whole list run together on one line. An entry is evidence that a section exists; it is never a
section itself, never empty and never the parent of body text. Every reader calls
``mark_contents`` on its blocks: the blocks of a contents list are marked ``contents=True`` and
become plain paragraphs (a numbered entry is no longer taken for a heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block

#: the heading of a contents list
TITLE = re.compile(r"^\s*#*\s*(?:table\s+of\s+)?contents?(?:\s+page)?\s*:?\s*$", re.I)
_NUM = r"(?:(?:section|chapter|part|appendix|annex)\s+)?(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z]\.|[ivx]{1,5}\.)"
_LEADER = r"(?:\s*(?:\.\s*){2,}|\s*(?:\u2026\s*)+|\s*(?:_\s*){3,}|\s*(?:-\s*){3,}|\t+|\s{2,}|\s+)"
#: one entry: optional numbering, a title (no digits at its end), a leader, an optional "Page", a page number
ENTRY = re.compile(
    rf"^\s*(?:[-*\u2022]\s+)?(?P<num>{_NUM}\s+)?(?P<title>[A-Za-z\u2018\u2019'\"(][^\t\n]{{1,110}}?)"
    rf"{_LEADER}(?:(?:page|p\.?|pg\.?)\s*)?(?P<page>\d{{1,3}}|[ivx]{{1,5}})\s*$", re.I)
#: a Markdown contents entry: a link to a place in the same document
MD_LINK = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*\[(?P<title>[^\]]{1,110})\]\(#[^)\s]*\)\s*$")
#: entries run together on one line: "1. Introduction 3 2. Background 4 3. Methodology 5"
_RUN_ENTRY = re.compile(
    rf"(?P<num>{_NUM}\s+)?(?P<title>[A-Z][^\d\u2026]{{1,90}}?){_LEADER}(?:(?:page|p\.?)\s*)?(?P<page>\d{{1,3}})(?=\s|$)")
#: a page number followed by the next entry's (numbered) title: "... 3 2. Background ..."
_NEXT_ENTRY = re.compile(r"(?<![\d.,/:])\d{1,3}\s+(?:(?:section|chapter|part|appendix)\s+)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-Z]")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


@dataclass(frozen=True)
class Entry:
    """One contents entry: its title (without numbering or page) and the page it names."""

    title: str
    page: int | None


def _page(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    return None  # a roman-numbered front-matter page


def _entry(line: str) -> Entry | None:
    line = line.strip()
    if not line or len(line) > 160:
        return None
    m = MD_LINK.match(line)
    if m:
        return Entry(m.group("title").strip(), None)
    m = ENTRY.match(line)
    if not m:
        return None
    title = m.group("title").strip().rstrip(".\u2026_ -").strip()
    words = title.split()
    if not words or len(words) > 16 or title.endswith((":", ",", ";", "=")):
        return None
    if re.search(r"\b(?:age|aged|year|years|months|weeks|days|under|over|to|of|and|or|the|on|at|in|from)$",
                 title, re.I) and not re.search(r"\.{2}|\u2026|\t|page\s*\d", line, re.I):
        return None  # "children aged 3", "rise from 2 to 3": a sentence ending in a number
    if not title[0].isupper() and not title[0] in "\u2018'\"(":
        return None
    return Entry(title, _page(m.group("page").lower()) if m.group("page") else None)


def run_together(text: str) -> list[Entry]:
    """Entries of a contents list written on one line (at least four, pages never going back)."""
    if len(text) > 4000 or len(_NEXT_ENTRY.findall(text)) < 3:
        return []  # too long for a contents list, or no page number followed by the next entry
    text = " ".join(text.split())
    body = re.sub(r"^(?:table\s+of\s+)?contents?\s*:?\s*", "", text, flags=re.I)
    found = list(_RUN_ENTRY.finditer(body))
    if len(found) < 4:
        return []
    covered = sum(m.end() - m.start() for m in found)
    pages = [int(m.group("page")) for m in found]
    if covered < 0.85 * len(body.strip()) or any(b < a for a, b in zip(pages, pages[1:])):
        return []
    titles = [m.group("title").strip().rstrip(". ") for m in found]
    if any(len(t.split()) > 12 for t in titles):
        return []
    return [Entry(t, p) for t, p in zip(titles, pages)]


def block_entries(block: Block) -> list[Entry] | None:
    """The entries a block holds when every line of it is a contents entry (a long entry may wrap
    onto a following line), else None."""
    lines = [line for line in block.text.replace("\r", "\n").split("\n") if line.strip()]
    if not lines:
        return None
    entries: list[Entry] = []
    pending = ""
    for line in lines:
        together = [] if pending else run_together(line)
        if together:
            entries.extend(together)
            continue
        entry = _entry((pending + " " + line).strip() if pending else line)
        if entry is not None:
            entries.append(entry)
            pending = ""
        elif not pending and len(line.split()) <= 12 and not line.rstrip().endswith((".", ":", ";")):
            pending = line.strip()  # the first half of a wrapped entry
        else:
            return None
    if pending:
        return None
    return entries


#: an entry of a contents list without page numbers (a web page's list of links):
#: "4. Duty on Local Authorities to Notify Incidents", "Appendix A: Glossary", "Purpose of reviews"
_UNPAGED = re.compile(rf"^\s*(?:[-*\u2022]\s+)?(?P<num>{_NUM}\s+)?(?P<title>[A-Z\u2018'\"(][^\t\n]{{1,100}})$", re.I)


def unpaged_entry(block: Block) -> tuple[str, str] | None:
    """(numbering, title) of a one-line block shaped like a contents entry without a page
    number: short, capitalised, no full stop at its end. Only ever taken for an entry under a
    "Contents" title, in a run whose titles come again further on (``mark_contents``)."""
    text = block.text.strip()
    if "\n" in text or len(text) > 120:
        return None
    m = _UNPAGED.match(text)
    if not m:
        return None
    title = m.group("title").strip()
    words = title.split()
    if len(words) > 12 or title.endswith((".", ",", ";", ":", "?", "!")) or not title[0].isupper() \
            and title[0] not in "\u2018'\"(":
        return None
    return (m.group("num") or "").strip().lower(), title


def _unpaged_run(main: list[Block], start: int) -> list[tuple[Block, list[Entry]]]:
    """Consecutive unpaged entries from ``start``, each one's title standing again further on as
    a heading or line of its own (the section it links to). The run ends at the first line that
    is not such an entry, at a title met before in the run, where the numbering starts again
    (the body's first heading, "1. Introduction") or where numbered entries give way to
    unnumbered lines ("Review Panel" after the list)."""
    run: list[tuple[Block, list[Entry]]] = []
    seen: set[str] = set()
    last = None
    numbered = None
    latest = _last_lines(main, start)
    for k, b in enumerate(main[start:], start):
        found = unpaged_entry(b)
        if found is None:
            break
        num, title = found
        key = _words(title)
        lead = re.match(r"\d+", num)
        if key in seen or (lead and last is not None and int(lead.group()) <= last):
            break
        if numbered is None:
            numbered = bool(num)
        elif numbered != bool(num):
            break
        if not key or latest.get(key, -1) <= k:  # the title never stands again further on
            break
        seen.add(key)
        if lead:
            last = int(lead.group())
        run.append((b, [Entry(title, None)]))
    return run


def _last_lines(main: list[Block], start: int) -> dict[str, int]:
    """For each line from ``start`` on (numbering aside, as ``_words`` folds it), the last block
    that holds it: read once for the whole run."""
    latest: dict[str, int] = {}
    for k in range(start, len(main)):
        for line in main[k].text.split("\n"):
            words = _words(re.sub(rf"^\s*(?:{_NUM}\s+)?", "", line.strip(), flags=re.I))
            if words:
                latest[words] = k
    return latest


def _pages_ok(entries: list[Entry], titled: bool = False) -> bool:
    """Page numbers that do not go back (once is allowed under a "Contents" title: a list may
    restart for the appendices)."""
    pages = [e.page for e in entries if e.page is not None]
    backwards = sum(1 for a, b in zip(pages, pages[1:]) if b < a)
    return backwards <= len(pages) // 6 + (1 if titled else 0)


def mark_contents(blocks: list[Block], parts: tuple[str, ...] = ("body",)) -> list[Entry]:
    """Find contents lists among ``blocks`` (those in ``parts``, not table cells), mark their
    blocks ``contents=True`` (a heading among them becomes a paragraph) and return their entries.

    A contents list is a block already known to be one (``contents`` set by the reader: Word's
    TOC field or styles), a block of entries run together on one line, or a run of consecutive
    entry blocks: at least three entries, or two after a "Contents" title, with page numbers
    that do not go back.
    """
    main = [b for b in blocks if b.location.part in parts and b.kind != "cell" and b.text.strip()]
    found: list[Entry] = []
    i = 0
    while i < len(main):
        block = main[i]
        titled = bool(TITLE.match(block.text))
        start = i + 1 if titled else i
        run: list[tuple[Block, list[Entry]]] = []
        j = start
        while j < len(main):
            b = main[j]
            entries = block_entries(b)
            if b.contents and entries is None:
                entries = [Entry(_strip_page(b.text), None)]
            if entries is None:
                break
            run.append((b, entries))
            j += 1
        flat = [e for _, es in run for e in es]
        known = any(b.contents for b, _ in run)
        if titled and not run:
            # a list without page numbers (a web page's contents): at least three entries under
            # the title whose titles mostly come again further on, as the headings they link to
            unpaged = _unpaged_run(main, start)
            if len(unpaged) >= 3:
                run, j = unpaged, start + len(unpaged)
                flat = [e for _, es in run for e in es]
        if run and (known or (titled and len(flat) >= 2)
                    or (len(flat) >= 3 and _repeated(flat, main[j:]))) and _pages_ok(flat, titled):
            if titled:
                _mark(block)
            for b, _ in run:
                _mark(b)
            found.extend(flat)
            i = j
            continue
        together = run_together(block.text)
        if together and (titled or TITLE.match(block.text.split()[0]) or _repeated(together, main[i + 1:])):
            _mark(block)
            found.extend(together)
        elif block.contents:
            _mark(block)
            found.append(Entry(_strip_page(block.text), None))
        i += 1
    return found


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _repeated(entries: list[Entry], later: list[Block]) -> bool:
    """Whether most entries' titles appear again further on (as the headings they point to): what
    tells a contents list without a "Contents" title from lines that merely end in numbers."""
    text = " " + " ".join(_words(b.text) for b in later) + " "
    hits = sum(1 for e in entries if _words(e.title) and f" {_words(e.title)} " in text)
    return hits * 2 >= len(entries)


def _strip_page(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(rf"{_LEADER}(?:page\s*)?\d{{1,3}}$", "", text, flags=re.I).strip() or text


def _mark(block: Block) -> None:
    block.contents = True
    if block.kind == "heading":
        block.kind = "paragraph"
        block.level = None


def cover_titles(blocks: list[Block]) -> None:
    """Headings before a contents list near the start are the cover page's title lines: level 0.
    For formats whose heading levels are guessed from type sizes (an untagged PDF), so that a
    cover's larger-type subtitle is not taken for a section heading."""
    main = [b for b in blocks if b.location.part == "body"]
    first = next((i for i, b in enumerate(main) if b.contents), None)
    if first is None:
        return
    before = [b for b in main[:first] if b.kind == "heading"]
    after = [b for b in main[first:] if b.kind == "heading"]
    if len(before) <= 6 and len(before) < len(after):
        for b in before:
            b.level = 0
