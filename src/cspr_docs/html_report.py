"""``--format html``: one self-contained page a person reads (SPEC §6, issue #6).

The page has no external assets at all (inline CSS and JS only, a strict
Content-Security-Policy), so it opens from a file and works offline. For each
report it shows a summary (counts by severity and by rule family, the
publication deadline), the checklist as a table, the findings that point at no
text (hidden content and metadata, case file, whole document) as lists, and
the document's text with every finding highlighted in place: hover a
highlight for its rule and message, click it (or press Enter) for the detail.
Checkboxes filter highlights and list items by rule family.

Document text is hostile input: everything that comes from a document, a case
file or a finding is escaped with :func:`html.escape`, and nothing is ever put
into a URL, a script or a style.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from . import __version__
from .dates import format_uk_long
from .model import Block, Document
from .findings import IDENTIFYING_NOTE, Finding, Report, Severity, rule_catalogue, summarise

__all__ = ["render_html", "CSP"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

#: Parts that hold no text block of their own: findings there are listed, not highlighted.
_NO_TEXT_PARTS = {"properties", "pdf-metadata", "annotation", "case-file"}
#: Parts read as the main flow of the document (body paragraphs and table cells).
_MAIN_PARTS = {"body", "table"}
#: Other text parts, shown after the main text under their own heading, in this order.
_PART_GROUPS = (("header", "Headers"), ("footer", "Footers"),
                ("footnote", "Footnotes and endnotes"), ("comment", "Comments"),
                ("tracked-change", "Tracked deletions (still in the file)"),
                ("alt-text", "Picture descriptions (alt text)"), ("tooltip", "Hyperlink tooltips"),
                ("chart", "Charts"), ("diagram", "Diagrams (SmartArt)"),
                ("alt-chunk", "Imported content"), ("drawing", "WordArt and watermarks"))
_HIDDEN_PARTS = {"properties", "pdf-metadata", "annotation", "comment", "tracked-change",
                 "header", "footer", "footnote"}
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_STATUS = {"ok": ("ok", "\u2713 Present"), "present": ("ok", "\u2713 Present"),
           "missing": ("missing", "\u2717 Missing"),
           "empty": ("empty", "! Empty (heading with no body text)")}
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _esc(value: object) -> str:
    """Escape text for element content and quoted attributes; drop what HTML cannot hold."""
    return html.escape(_BAD_CHARS.sub("\ufffd", str(value)), quote=True)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "other"


def _family(rule: str) -> str:
    return rule_catalogue().get(rule, {}).get("family", "other")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(_plural(counts[s.value], s.value) for s in _SEVERITIES)


# --------------------------------------------------------------------------- placing findings

@dataclass
class _Placed:
    """A finding that points into a block: its id and its span inside the block's text."""

    fid: str
    finding: Finding
    start: int
    end: int


@dataclass
class _Layout:
    """Where each finding of one report goes: into a block's text, or into a list."""

    in_block: dict[int, list[_Placed]] = field(default_factory=dict)
    #: (list section, finding, id) of the findings that point at no block
    listed: list[tuple[str, Finding, str]] = field(default_factory=list)


class _BlockIndex:
    """Find the block a location points into: by part + paragraph (docx), by page and
    offset (pdf), or by offset alone (txt/md)."""

    def __init__(self, doc: Document) -> None:
        self.blocks = doc.blocks
        self.by_paragraph: dict[tuple[str, int], int] = {}
        self.by_offset: dict[tuple[str, int | None], tuple[list[int], list[int]]] = {}
        for i, b in enumerate(doc.blocks):
            loc = b.location
            if loc.part in _NO_TEXT_PARTS:
                continue
            part = "main" if loc.part in _MAIN_PARTS else loc.part
            if loc.paragraph is not None:
                self.by_paragraph.setdefault((part, loc.paragraph), i)
            elif loc.start is not None:
                bases, idx = self.by_offset.setdefault((part, loc.page), ([], []))
                bases.append(loc.start)
                idx.append(i)
        for bases, idx in self.by_offset.values():
            order = sorted(range(len(bases)), key=lambda k: (bases[k], idx[k]))
            bases[:] = [bases[k] for k in order]
            idx[:] = [idx[k] for k in order]

    def locate(self, f: Finding) -> tuple[int, int, int] | None:
        """``(block index, start, end)`` inside the block's text, or ``None``."""
        loc = f.location
        if loc.part in _NO_TEXT_PARTS:
            return None
        part = "main" if loc.part in _MAIN_PARTS else loc.part
        if loc.paragraph is not None:
            i = self.by_paragraph.get((part, loc.paragraph))
        elif loc.start is not None:
            found = self.by_offset.get((part, loc.page))
            if found is None:
                return None
            bases, idx = found
            k = bisect_right(bases, loc.start) - 1
            i = None
            while k >= 0:  # blocks do not overlap; several may share a base (empty ones)
                if loc.start <= bases[k] + len(self.blocks[idx[k]].text):
                    i = idx[k]
                    break
                if k > 0 and bases[k - 1] == bases[k]:
                    k -= 1
                    continue
                break
        else:
            return None
        if i is None:
            return None
        block = self.blocks[i]
        if loc.start is None:  # the finding is about the whole block
            return i, 0, len(block.text)
        base = block.location.start or 0
        start = loc.start - base
        end = (loc.end if loc.end is not None else loc.start) - base
        if start < 0 or start > len(block.text):
            return None
        return i, start, max(start, min(end, len(block.text)))


def _list_group(f: Finding) -> str:
    if f.location.part == "case-file":
        return "case-file"
    if f.location.part in _HIDDEN_PARTS or _family(f.rule) == "hidden content":
        return "hidden"
    return "whole"


def _layout(ri: int, rep: Report, doc: Document | None) -> _Layout:
    lay = _Layout()
    index = _BlockIndex(doc) if doc is not None else None
    for j, f in enumerate(rep.findings):
        fid = f"f{ri}-{j}"
        placed = index.locate(f) if index is not None else None
        if placed is None:
            group = _list_group(f)
            if group == "whole" and doc is None and (f.location.start is not None
                                                      or f.location.paragraph is not None):
                group = "text-unavailable"
            lay.listed.append((group, f, fid))
        else:
            i, s, e = placed
            lay.in_block.setdefault(i, []).append(_Placed(fid, f, s, e))
    return lay


# --------------------------------------------------------------------------- rendering pieces

_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def _title(f: Finding) -> str:
    return f"{f.severity.value.upper()} {f.rule} ({_family(f.rule)}): {f.message}"


def _mark_attrs(p: _Placed, enclosing: list[str]) -> str:
    f = p.finding
    sev = f.severity.value
    title = "\n".join([_title(f), *reversed(enclosing), "Click for details."])
    point = " point" if p.start == p.end else ""
    return (f'class="f sev-{sev}{point}" id="{p.fid}" data-finding="{p.fid}" '
            f'data-rule="{_esc(f.rule)}" data-severity="{sev}" data-family="{_slug(_family(f.rule))}" '
            f'title="{_esc(title)}" data-detail="d{p.fid[1:]}"'
            # only the outermost mark of a nest is a button (the script keeps it so as filters change)
            + ('' if enclosing else
               f' tabindex="0" role="button" aria-expanded="false" aria-controls="d{p.fid[1:]}"'))


def _order(p: _Placed) -> tuple:
    """Document order; on the same span the most severe finding is innermost (its colour shows)."""
    return (p.start, -p.end, _RANK[p.finding.severity], int(p.fid.rsplit("-", 1)[1]))


def _highlight(text: str, placed: list[_Placed]) -> str:
    """``text`` escaped, with a ``<mark>`` for each placed finding.

    Marks nest when spans nest; a span that crosses the end of an enclosing one is
    clipped to it (its detail still quotes the whole matched text)."""
    out: list[str] = []
    pos = 0
    stack: list[tuple[int, str]] = []  # (end, title) of the open marks
    for p in sorted(placed, key=_order):
        while stack and stack[-1][0] <= p.start:
            end = stack.pop()[0]
            out.append(_esc(text[pos:end]))
            out.append("</mark>")
            pos = end
        out.append(_esc(text[pos:p.start]))
        pos = p.start
        end = min(p.end, stack[-1][0]) if stack else p.end
        out.append(f"<mark {_mark_attrs(p, [t for _, t in stack])}>")
        stack.append((end, _title(p.finding)))
    while stack:
        end = stack.pop()[0]
        out.append(_esc(text[pos:end]))
        out.append("</mark>")
        pos = end
    out.append(_esc(text[pos:]))
    return "".join(out)


def _detail_items(f: Finding, contains: str | None = None) -> str:
    rows = [("Rule", f"{f.rule} ({_family(f.rule)}): {rule_catalogue().get(f.rule, {}).get('summary', '')}"),
            ("Severity", f.severity.value), ("Message", f.message),
            ("Where", f.location.describe())]
    if f.text is not None:
        rows.append(("Matched text", f.text))
    elif contains is not None:
        rows.append(("Contains", contains))
    if f.entity:
        rows.append(("Entity", f.entity))
    if f.score is not None:
        rows.append(("Confidence", f"{f.score:.2f}"))
    if f.source:
        rows.append(("Source", f.source))
    return "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in rows)


def _details(placed: list[_Placed]) -> str:
    out = []
    for p in sorted(placed, key=_order):
        f = p.finding
        did = "d" + p.fid[1:]
        out.append(f'<div class="detail sev-{f.severity.value}" id="{did}" data-detail-for="{p.fid}" '
                   f'data-family="{_slug(_family(f.rule))}">'
                   f'<p class="detail-head">{_badge(f.severity)} <strong>{_esc(f.rule)}</strong> '
                   f'{_esc(f.message)}</p><dl>{_detail_items(f)}</dl></div>')
    return "".join(out)


def _badge(sev: Severity) -> str:
    return f'<span class="badge sev-{sev.value}">{sev.value.upper()}</span>'


class _Outline:
    """HTML heading ranks for the document's headings: they sit under this page's h3
    "Document text", so level 1 (and the title, level 0) is h4; a document that skips
    levels (H1 -> H3) does not make the page skip them (a screen reader lists them)."""

    def __init__(self) -> None:
        self.last = 3

    def rank(self, level: int | None) -> int:
        self.last = min(6, 3 + max(level if level is not None else 1, 1), self.last + 1)
        return self.last


def _block_html(ri: int, i: int, block: Block, placed: list[_Placed], tag: str | None = None,
                outline: _Outline | None = None) -> str:
    body = _highlight(block.text, placed) if placed else _esc(block.text)
    if tag is None:
        if block.kind == "heading":
            level = block.level if block.level is not None else 1
            tag = f"h{(outline or _Outline()).rank(level)}"
            cls = f"blk doc-heading lvl-{min(max(level, 0), 9)}"
        else:
            tag = "p"
            cls = f"blk {block.kind}"
    else:
        cls = f"blk {block.kind}"
    if not block.text.strip() and not placed:
        return ""
    return f'<{tag} class="{cls}" id="b{ri}-{i}">{body}</{tag}>' + _details(placed)


def _cell_coords(block: Block):
    """(table, row, column) of a table-cell block, or None (from the document model)."""
    cell = block.cell
    if cell is None:
        return None
    return cell.table, cell.row, cell.column


def _table_html(ri: int, cells: list[tuple[int, Block, tuple]], lay: _Layout) -> str:
    rows: list[list[tuple[Block, list[tuple[int, Block]]]]] = []  # rows of (first block, paragraphs)
    last_row = last_cell = None
    for i, block, (_table, row, column) in cells:
        if row != last_row:
            rows.append([])
            last_row, last_cell = row, None
        if column != last_cell:
            rows[-1].append((block, []))
            last_cell = column
        rows[-1][-1][1].append((i, block))
    out = ['<div class="table-wrap"><table class="doc-table">']
    for row in rows:
        header = all(first.cell.header for first, _ in row)
        cell_tag = "th" if header else "td"
        out.append("<tr>")
        for first, cell in row:
            inner = "".join(_block_html(ri, i, b, lay.in_block.get(i, []), tag="p") for i, b in cell)
            attrs = ' scope="col"' if cell_tag == "th" else ""
            if first.cell.span > 1:
                attrs += f' colspan="{int(first.cell.span)}"'
            out.append(f"<{cell_tag}{attrs}>{inner}</{cell_tag}>")
        out.append("</tr>")
    out.append("</table></div>")
    return "".join(out)


def _document_text(ri: int, doc: Document, lay: _Layout) -> str:
    main: list[str] = []
    groups: dict[str, list[str]] = {part: [] for part, _ in _PART_GROUPS}
    pending: list[tuple[int, Block, tuple]] = []
    last_page = None
    outline = _Outline()

    def flush() -> None:
        if pending:
            main.append(_table_html(ri, pending, lay))
            pending.clear()

    for i, block in enumerate(doc.blocks):
        part = block.location.part
        if part in _NO_TEXT_PARTS:
            continue
        if part in groups:
            groups[part].append(_block_html(ri, i, block, lay.in_block.get(i, [])))
            continue
        coords = _cell_coords(block) if block.kind == "cell" else None
        if coords is not None:
            if pending and pending[-1][2][0] != coords[0]:
                flush()
            pending.append((i, block, coords))
            continue
        flush()
        page = block.location.page
        if page is not None and page != last_page:
            main.append(f'<p class="page-marker">Page {int(page)}</p>')
            last_page = page
        main.append(_block_html(ri, i, block, lay.in_block.get(i, []), outline=outline))
    flush()
    out = [f'<div class="doc-text">{"".join(main)}</div>']
    for part, title in _PART_GROUPS:
        content = "".join(groups[part])
        if content:
            out.append(f'<div class="part part-{part}"><h4>{_esc(title)}</h4>{content}</div>')
    return "".join(out)


#: Parts whose whole text may be quoted under a listed finding that names no paragraph.
_QUOTABLE_PARTS = {"comment", "tracked-change", "footnote", "annotation"}


def _contains(f: Finding, doc: Document | None) -> str | None:
    """What a listed finding's location holds, when the document tells us."""
    if doc is None:
        return None
    loc = f.location
    if loc.field and loc.part in ("properties", "pdf-metadata"):
        if loc.part == "properties" and loc.field in doc.properties:
            return doc.properties[loc.field]
        texts = [b.text for b in doc.blocks
                 if b.location.part == loc.part and b.location.field == loc.field]
    elif loc.part in _QUOTABLE_PARTS and loc.field is None:
        texts = [b.text for b in doc.blocks if b.location.part == loc.part
                 and (loc.paragraph is None or b.location.paragraph == loc.paragraph)
                 and (loc.page is None or b.location.page == loc.page)]
    else:
        return None
    joined = " \u2016 ".join(t for t in texts if t.strip())
    if not joined:
        return None
    return joined if len(joined) <= 2000 else joined[:2000] + "\u2026"


def _list_item(f: Finding, fid: str, doc: Document | None) -> str:
    fam = _family(f.rule)
    contains = _contains(f, doc) if f.text is None else None
    what = f.text if f.text is not None else contains
    quote = f'<span class="contains">Contains: <q>{_esc(what)}</q></span>' if what else ""
    return (f'<li class="f item sev-{f.severity.value}" id="{fid}" data-finding="{fid}" '
            f'data-rule="{_esc(f.rule)}" data-severity="{f.severity.value}" '
            f'data-family="{_slug(fam)}">'
            f'<details><summary>{_badge(f.severity)} <strong>{_esc(f.rule)}</strong> '
            f'{_esc(f.message)} <span class="where">({_esc(f.location.describe())})</span> '
            f'{quote}</summary><dl>{_detail_items(f, contains)}</dl></details></li>')


_LIST_SECTIONS = (("hidden", "Hidden content and metadata",
                   "Things in the file a reader does not see on the page but can still find."),
                  ("case-file", "Case file", "Problems found in the case file (case.yaml)."),
                  ("whole", "Whole-document findings",
                   "Findings about the document as a whole rather than a place in its text."),
                  ("text-unavailable", "Findings in the text",
                   "The document's text is not included in this page; these point into it."))


def _summary(ri: int, rep: Report, deadline: date | None) -> str:
    counts = summarise(rep.findings)
    cat = rule_catalogue()
    fams: dict[str, dict[str, int]] = {}
    rules: dict[str, int] = {}
    for f in rep.findings:
        row = fams.setdefault(_family(f.rule), {s.value: 0 for s in _SEVERITIES})
        row[f.severity.value] += 1
        rules[f.rule] = rules.get(f.rule, 0) + 1
    out = [f'<section class="summary" aria-labelledby="sum{ri}"><h3 id="sum{ri}">Summary</h3>',
           f'<p class="counts" id="counts{ri}" data-error="{counts["error"]}" '
           f'data-warning="{counts["warning"]}" data-info="{counts["info"]}">']
    for s in _SEVERITIES:
        out.append(f'<span class="count sev-{s.value}"><strong>{counts[s.value]}</strong> '
                   f'{_plural(counts[s.value], s.value).split(" ", 1)[1]}</span> ')
    out.append("</p>")
    verdict = ("Not ready to publish: fix every error first." if counts["error"]
               else "No errors found." + (" Review the warnings." if counts["warning"] else ""))
    out.append(f'<p class="verdict">{_esc(verdict)}</p>')
    if rep.doc_type:
        out.append(f'<p>Checked as: <strong>{_esc(rep.doc_type)}</strong></p>')
    if deadline:
        out.append(f'<p class="deadline">Publication deadline: <strong>{_esc(format_uk_long(deadline))}'
                   f'</strong></p>')
    if fams:
        out.append('<table class="families"><caption>Findings by rule family</caption><thead><tr>'
                   '<th scope="col">Family</th><th scope="col">Errors</th>'
                   '<th scope="col">Warnings</th><th scope="col">Info</th>'
                   '<th scope="col">Total</th></tr></thead><tbody>')
        for fam, row in sorted(fams.items()):
            out.append(f'<tr data-family="{_slug(fam)}"><th scope="row">{_esc(fam)}</th>'
                       + "".join(f"<td>{row[s.value]}</td>" for s in _SEVERITIES)
                       + f"<td>{sum(row.values())}</td></tr>")
        out.append("</tbody></table>")
        out.append('<table class="rules"><caption>Findings by rule</caption><thead><tr>'
                   '<th scope="col">Rule</th><th scope="col">Family</th>'
                   '<th scope="col">What it means</th><th scope="col">Count</th></tr></thead><tbody>')
        for rule, n in sorted(rules.items()):
            out.append(f'<tr><th scope="row">{_esc(rule)}</th><td>{_esc(_family(rule))}</td>'
                       f'<td>{_esc(cat.get(rule, {}).get("summary", ""))}</td><td>{n}</td></tr>')
        out.append("</tbody></table>")
    out.append("</section>")
    return "".join(out)


def _checklist(ri: int, rep: Report) -> str:
    if not rep.checklist:
        return ""
    links: dict[str, list[tuple[str, str]]] = {}
    for j, f in enumerate(rep.findings):
        if f.rule in ("SEC001", "SEC002") and f.location.field:
            links.setdefault(f.location.field, []).append((f"f{ri}-{j}", f.rule))
    out = [f'<section class="checklist" aria-labelledby="chk{ri}"><h3 id="chk{ri}">Checklist</h3>',
           '<table class="checklist"><caption>Required sections and items'
           + (f" for {_esc(rep.doc_type)}" if rep.doc_type else "") + "</caption><thead><tr>"
           '<th scope="col">Item</th><th scope="col">Title</th><th scope="col">Status</th>'
           '<th scope="col">Source</th><th scope="col">Finding</th></tr></thead><tbody>']
    for item_id, title, status, source in rep.checklist:
        cls, label = _STATUS.get(str(status).lower(), ("other", str(status)))
        refs = " ".join(f'<a href="#{fid}">{_esc(rule)}</a>' for fid, rule in links.get(item_id, []))
        out.append(f'<tr class="status-{cls}"><th scope="row">{_esc(item_id)}</th><td>{_esc(title)}</td>'
                   f'<td class="status"><span class="status-{cls}">{_esc(label)}</span></td>'
                   f'<td class="source">{_esc(source or "")}</td><td>{refs}</td></tr>')
    out.append("</tbody></table></section>")
    return "".join(out)


def _report_section(ri: int, rep: Report, doc: Document | None, deadline: date | None) -> str:
    if rep.error:
        return (f'<section class="document" id="doc{ri}" aria-labelledby="doc{ri}-h">'
                f'<h2 id="doc{ri}-h">{_esc(rep.document)}</h2>'
                f'<p class="read-error" role="alert"><strong>Not checked:</strong> {_esc(rep.error)}</p>'
                "</section>")
    lay = _layout(ri, rep, doc)
    out = [f'<section class="document" id="doc{ri}" aria-labelledby="doc{ri}-h">',
           f'<h2 id="doc{ri}-h">{_esc(rep.document)}</h2>',
           _summary(ri, rep, deadline), _checklist(ri, rep)]
    for key, title, blurb in _LIST_SECTIONS:
        items = [_list_item(f, fid, doc) for group, f, fid in lay.listed if group == key]
        if items:
            out.append(f'<section class="listed list-{key}" aria-labelledby="{key}{ri}">'
                       f'<h3 id="{key}{ri}">{_esc(title)}</h3><p class="blurb">{_esc(blurb)}</p>'
                       f'<ul class="findings">{"".join(items)}</ul></section>')
    if doc is not None:
        placed = sum(len(v) for v in lay.in_block.values())
        out.append(f'<section class="text" aria-labelledby="txt{ri}"><h3 id="txt{ri}">Document text</h3>'
                   f'<p class="blurb">{_plural(placed, "finding")} highlighted in the text. Hover a '
                   f'highlight to see its rule; click it or press Enter for the detail.</p>'
                   + _document_text(ri, doc, lay) + "</section>")
    out.append("</section>")
    return "".join(out)


def _filter(reports: list[Report]) -> str:
    fams: dict[str, int] = {}
    for rep in reports:
        for f in rep.findings:
            fam = _family(f.rule)
            fams[fam] = fams.get(fam, 0) + 1
    if not fams:
        return ""
    boxes = "".join(
        f'<label class="fam"><input type="checkbox" class="family" id="fam-{_slug(fam)}" '
        f'value="{_slug(fam)}" checked> {_esc(fam)} <span class="n">({n})</span></label>'
        for fam, n in sorted(fams.items()))
    return ('<section class="filter" aria-labelledby="filter-h"><h2 id="filter-h" class="sr-only">'
            'Filter</h2><fieldset><legend>Show findings of these rule families</legend>'
            f'{boxes}</fieldset><p id="filter-status" class="sr-only" aria-live="polite"></p></section>')


def _index(reports: list[Report]) -> str:
    items = []
    for ri, rep in enumerate(reports):
        items.append(f'<li><a href="#doc{ri}">{_esc(rep.document)}</a> '
                     f'<span class="where">({_esc(_counts_text(summarise(rep.findings)))})</span></li>')
    return ('<nav class="index" aria-labelledby="index-h"><h2 id="index-h">Documents</h2>'
            f'<ul>{"".join(items)}</ul></nav>')


_CSS = """
:root{--err:#b3261e;--err-bg:#fde2e0;--warn:#7a4d00;--warn-bg:#fff1c2;--info:#1f5f99;--info-bg:#dcecfb;
--fg:#1b1b1b;--muted:#4a4a4a;--line:#c9c9c9;--focus:#1d4ed8}
*{box-sizing:border-box}
html{scroll-padding-top:7rem;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:#fff;
line-height:1.5}
body{margin:0}
main{max-width:62rem;margin:0 auto;padding:0 1rem 4rem}
.banner{background:#7a0000;color:#fff;padding:.75rem 1rem;font-weight:600;border-bottom:4px solid #3d0000}
.banner strong{letter-spacing:.05em}
h1{font-size:1.6rem;margin:1rem 0 .25rem}
h2{font-size:1.35rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
.meta,.blurb,.where{color:var(--muted)}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);
white-space:nowrap;border:0}
html:not(.js) .filter{display:none}
.filter{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:.4rem 0}
.filter fieldset{border:1px solid var(--line);margin:0;padding:.3rem .6rem}
.filter legend{font-weight:600;padding:0 .3rem}
.filter label{display:inline-block;margin:.15rem 1rem .15rem 0;cursor:pointer}
.filter input{width:1.1rem;height:1.1rem;vertical-align:-.15rem}
.counts{font-size:1.15rem}
.count{display:inline-block;margin-right:1rem;padding:.1rem .5rem;border-left:.35rem solid}
.count.sev-error{border-color:var(--err)}.count.sev-warning{border-color:var(--warn)}
.count.sev-info{border-color:var(--info)}
.verdict{font-weight:600}
.deadline{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
span.status-ok{color:#1e5e2a;font-weight:600}span.status-missing{color:var(--err);font-weight:600}
span.status-empty{color:var(--warn);font-weight:600}
table.checklist tr.status-missing th,table.checklist tr.status-empty th{border-left:.35rem solid var(--err)}
table.checklist tr.status-empty th{border-left-color:var(--warn)}
table.checklist td.source{font-size:.9rem;color:var(--muted)}
td.status{white-space:nowrap}
.badge{display:inline-block;font-size:.75rem;font-weight:700;padding:0 .35rem;border-radius:.2rem;color:#fff}
.badge.sev-error{background:var(--err)}.badge.sev-warning{background:var(--warn)}
.badge.sev-info{background:var(--info)}
ul.findings{list-style:none;padding:0}
ul.findings li{border-left:.35rem solid var(--line);padding:.2rem .6rem;margin:.4rem 0;background:#fafafa}
li.sev-error{border-left-color:var(--err)!important}li.sev-warning{border-left-color:var(--warn)!important}
li.sev-info{border-left-color:var(--info)!important}
li.f.off{display:none}
summary{cursor:pointer}
.contains q{background:#eee;padding:0 .2rem;white-space:pre-wrap;word-break:break-word}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.4rem 0}
dt{font-weight:600}dd{margin:0;white-space:pre-wrap;word-break:break-word}
.doc-text,.part{border:1px solid var(--line);padding:.5rem 1rem;background:#fff}
.part{margin-top:1rem;background:#fbfbf7}
.part h4{margin:.2rem 0 .5rem;color:var(--muted)}
.blk{white-space:pre-wrap;word-break:break-word;margin:.5rem 0}
.doc-heading{margin:1rem 0 .4rem}
.doc-heading{font-size:1rem}.doc-heading.lvl-0{font-size:1.5rem}.doc-heading.lvl-1{font-size:1.3rem}
.doc-heading.lvl-2{font-size:1.12rem}
.page-marker{color:var(--muted);font-size:.85rem;border-top:1px dashed var(--line);padding-top:.3rem}
.table-wrap{overflow-x:auto}
.doc-table p{margin:.1rem 0}
mark.f{color:inherit;cursor:pointer;padding:0 .05rem;border-bottom:3px solid;border-radius:.1rem}
mark.sev-error{background:var(--err-bg);border-bottom-color:var(--err);border-bottom-style:solid}
mark.sev-warning{background:var(--warn-bg);border-bottom-color:var(--warn);border-bottom-style:dashed}
mark.sev-info{background:var(--info-bg);border-bottom-color:var(--info);border-bottom-style:dotted}
mark.f mark.f{padding:0 .1rem;box-shadow:inset 0 0 0 1px currentColor}
mark.point{display:inline-block;min-width:.6rem;min-height:1em;vertical-align:text-bottom}
mark.f.off,mark.f mark.f.off{background:transparent;border-bottom-color:transparent;box-shadow:none;
cursor:auto}
mark.f[aria-expanded=true]{outline:2px solid var(--fg)}
:focus-visible{outline:3px solid var(--focus)!important;outline-offset:2px}
.detail{border:1px solid var(--line);border-left:.35rem solid;padding:.3rem .7rem;margin:.3rem 0 .8rem;
background:#fafafa;white-space:normal}
.detail.sev-error{border-left-color:var(--err)}.detail.sev-warning{border-left-color:var(--warn)}
.detail.sev-info{border-left-color:var(--info)}
.detail-head{margin:.2rem 0}
.js .detail:not(.open){display:none}
.index ul{padding-left:1.2rem}
footer{color:var(--muted);font-size:.9rem;margin-top:3rem}
@media print{.filter{display:none}.js .detail:not(.open){display:none}}
"""

_JS = """
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function live(m) { return !m.classList.contains("off"); }
  // the live marks an outermost mark stands for: itself and the live marks inside it
  function nest(top) {
    return [top].concat(Array.prototype.slice.call(top.querySelectorAll("mark.f"))).filter(live);
  }
  // the outermost live mark around an element (only it is a button: no nested controls)
  function topOf(el) {
    var top = null;
    var m = el && el.closest ? el.closest("mark.f") : null;
    for (; m; m = m.parentElement ? m.parentElement.closest("mark.f") : null) {
      if (live(m)) { top = m; }
    }
    return top;
  }
  function detail(m) { return document.getElementById(m.getAttribute("data-detail")); }
  function setOpen(top, open) {
    nest(top).forEach(function (m) { var d = detail(m); if (d) { d.classList.toggle("open", open); } });
    top.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function refresh() {
    var marks = document.querySelectorAll("mark.f");
    marks.forEach(function (m) {
      if (!live(m)) {
        var d = detail(m);
        if (d) { d.classList.remove("open"); }
        if (m.title) { m.setAttribute("data-title", m.title); m.removeAttribute("title"); }
      } else if (m.hasAttribute("data-title")) {
        m.title = m.getAttribute("data-title");
        m.removeAttribute("data-title");
      }
    });
    marks.forEach(function (m) {
      if (live(m) && topOf(m) === m) {
        var group = nest(m);
        m.setAttribute("tabindex", "0");
        m.setAttribute("role", "button");
        m.setAttribute("aria-controls", group.map(function (n) { return n.getAttribute("data-detail"); }).join(" "));
        m.setAttribute("aria-expanded", group.some(function (n) {
          var d = detail(n); return d && d.classList.contains("open"); }) ? "true" : "false");
      } else {
        ["tabindex", "role", "aria-controls", "aria-expanded"].forEach(function (a) { m.removeAttribute(a); });
      }
    });
    var hidden = document.querySelectorAll(".f.off").length;
    var status = document.getElementById("filter-status");
    if (status) { status.textContent = hidden ? hidden + " findings hidden by the filter" : "All findings shown"; }
  }
  document.addEventListener("click", function (ev) {
    var top = topOf(ev.target);
    if (top) { setOpen(top, top.getAttribute("aria-expanded") !== "true"); }
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t && t.matches && t.matches("mark.f[role=button]") && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      setOpen(t, t.getAttribute("aria-expanded") !== "true");
    } else if (ev.key === "Escape") {
      document.querySelectorAll("mark.f[role=button]").forEach(function (m) { setOpen(m, false); });
    }
  });
  function apply(box) {
    document.querySelectorAll('.f[data-family="' + box.value + '"]').forEach(function (el) {
      el.classList.toggle("off", !box.checked);
    });
  }
  var boxes = document.querySelectorAll("input.family");
  boxes.forEach(function (box) {
    box.addEventListener("change", function () { apply(box); refresh(); });
    apply(box);  // a browser may restore a box's state on reload
  });
  refresh();
})();
"""


def render_html(reports: list[Report], documents: dict[str, Document] | None = None, *,
                deadline: date | None = None) -> str:
    """One self-contained HTML page for ``reports``.

    ``documents`` maps ``Report.document`` to the read ``Document`` so its text can be
    shown with the findings highlighted in place; without it findings are listed.
    ``deadline`` is the publication deadline to show in the summary.
    """
    documents = documents or {}
    several = len(reports) > 1
    if several:
        title = f"cspr-docs check: {len(reports)} documents"
    elif reports:
        title = f"cspr-docs check: {reports[0].document}"
    else:
        title = "cspr-docs check: nothing checked"
    total = summarise(f for r in reports for f in r.findings)
    parts = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             '<meta name="referrer" content="no-referrer">',
             f"<title>{_esc(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
             '<div class="banner" role="note" id="banner"><strong>OFFICIAL-SENSITIVE</strong> '
             f"\u2014 {_esc(IDENTIFYING_NOTE)}</div>",
             "<main>", f"<h1>{_esc(title)}</h1>",
             f'<p class="meta">Pre-publication check by cspr-docs {_esc(__version__)}: '
             f'{_plural(len(reports), "document")}, {_esc(_counts_text(total))}.</p>']
    if deadline and several:
        parts.append(f'<p class="deadline">Publication deadline: <strong>'
                     f'{_esc(format_uk_long(deadline))}</strong></p>')
    if several:
        parts.append(_index(reports))
    parts.append(_filter(reports))
    for ri, rep in enumerate(reports):
        parts.append(_report_section(ri, rep, documents.get(rep.document),
                                     None if several else deadline))
    parts.append(f'<footer><p>{_esc(IDENTIFYING_NOTE)} Generated offline by cspr-docs '
                 f'{_esc(__version__)}; this page loads nothing from the network.</p></footer>')
    parts.extend(["</main>", f"<script>{_JS}</script>", "</body>", "</html>"])
    return "\n".join(parts) + "\n"
