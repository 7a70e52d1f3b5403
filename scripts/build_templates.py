#!/usr/bin/env python3
"""Build the bundled docxtpl Word templates in ``templates/``.

Run from anywhere::

    python3 scripts/build_templates.py

It writes four templates, each a plain Word document that a business unit can open and
restyle. The house style lives in Word styles, so changing a style changes every use:

* ``Normal`` - Arial 12 pt, near-black text; ``Numbered Paragraph`` - body text numbered
  1.1, 1.2 ... under its section (Heading 1 is numbered 1., 2. ... from the same list);
* ``Title``, ``Subtitle``, ``Cover Detail`` - the cover page; ``Contents Title`` and a
  Word TOC field - the contents list (Word updates it on opening; ``cspr-docs render
  --pdf`` updates it through LibreOffice);
* headers and footers carry the document title, "Page X of Y" and the protective marking
  where one applies (OFFICIAL-SENSITIVE on the rapid review);
* tables: a repeating, shaded header row, cell padding, rows that do not split across
  pages and column widths that fit a date such as "30 September 2027";
* every text colour reaches WCAG AA contrast on white (navy headings about 12:1).

    templates/rapid_review.docx
    templates/lcspr_report.docx
    templates/improvements_summary.docx
    templates/learning_briefing.docx

The templates use Jinja tags (docxtpl) whose variables are the fields of the case file
(SPEC section 4). Dates reach the templates as formatted strings ("3 March 2027"); absent
or null fields are undefined. Wording that depends on facts comes from the filters in
``cspr_docs.render_facts`` (``age_phrase``, ``age_group``, ``counted``, ``sent_sentence``,
``by_partner``) and an empty list is shown as a gap with ``gap`` in a ``for ... else``.

docxtpl rules followed here:

* every Jinja tag sits in a single run (``add_paragraph(text, style)`` and
  ``add_run(text)`` each make exactly one run);
* paragraph-level tags (``{%p ... %}``) sit alone in their own paragraph;
* table-row tags (``{%tr ... %}``) sit alone in the first cell of their own row.

The build is deterministic: fixed document properties and dates, fixed zip entry
timestamps, so re-running the script gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

LANGUAGE = "en-GB"
FIXED_DATE = dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

# House style. Contrast on white: TEXT 19.8:1, ACCENT 11.9:1, MARKING 7.1:1 (WCAG AA is 4.5:1).
FONT = "Arial"
TEXT = "0B0C0C"
ACCENT = "1F3864"
MARKING = "A00000"
HEADER_FILL = "D9E2F3"     # table header rows: TEXT on this fill is about 16:1
BOX_FILL = "F2F5FA"        # 7-minute briefing boxes
RULE = "5A6A85"            # table and box borders (3:1 or better against white)
TEXT_WIDTH = Cm(16.0)      # A4 with 2.5 cm margins
NUMBERING_ID = 90          # the outline list shared by Heading 1 and Numbered Paragraph

# Recommendations table: the date column fits "30 September 2027" on one line at 12 pt.
RECOMMENDATION_WIDTHS = (Cm(7.8), Cm(3.9), Cm(4.3))
RECOMMENDATION_HEADERS = ("Recommendation", "Responsible agency (who)", "By when")
RECOMMENDATION_CELLS = ("{{ loop.index }}. {{ r.text }}", "{{ r.owner }}", "{{ r.due }}")


# ---------------------------------------------------------------------------
# A small wrapper around python-docx that knows the docxtpl conventions
# ---------------------------------------------------------------------------


class TemplateBuilder:
    """Adds a cover, contents, numbered sections, Jinja loops and tables to a new document."""

    def __init__(self, title_property: str, header_title: str, marking: str | None = None) -> None:
        self.doc = Document()
        self.title_property = title_property
        self._set_page_a4()
        _house_styles(self.doc)
        _outline_numbering(self.doc)
        self._header_footer(header_title, marking)
        self._first = True

    # -- cover and contents ---------------------------------------------------

    def cover(self, partnership: str, title: str, details: list[str], marking: str | None = None,
              new_page: bool = True) -> None:
        """The cover: partnership, title, details (reviewer, month and year), any marking."""
        self._add(partnership, "Subtitle")
        self._add(title, "Title")
        for text in details:
            self._add(text, "Cover Detail")
        if marking:
            p = self._add(marking, "Cover Detail")
            p.runs[0].bold = True
            p.runs[0].font.color.rgb = RGBColor.from_string(MARKING)
        self._next_page = new_page

    def contents(self, levels: str = "1-2", new_page: bool = True) -> None:
        """A "Contents" title and a Word TOC field over the heading levels ``levels``;
        the first section starts on a new page unless ``new_page`` is false."""
        title = self._add("Contents", "Contents Title")
        title.paragraph_format.page_break_before = getattr(self, "_next_page", False)
        paragraph = self.doc.add_paragraph(style="Normal")
        _field(paragraph, f'TOC \\o "{levels}" \\h \\z \\u',
               "Contents: in Word, right-click here and choose Update Field.", dirty=True)
        self._next_page = new_page

    # -- text ---------------------------------------------------------------

    def _add(self, text: str, style: str):
        return self.doc.add_paragraph(text, style=style)

    def heading(self, text: str, level: int = 1) -> None:
        p = self._add(text, f"Heading {level}")
        if level == 1 and getattr(self, "_next_page", False):
            p.paragraph_format.page_break_before = True
            self._next_page = False

    def para(self, text: str, keep_with_next: bool = False) -> None:
        """A numbered body paragraph (1.1, 1.2 ...)."""
        p = self._add(text, "Numbered Paragraph")
        if keep_with_next:
            p.paragraph_format.keep_with_next = True

    def plain(self, text: str) -> None:
        self._add(text, "Normal")

    def field(self, label: str, value: str) -> None:
        """A "Label: value" line; the label is bold, the value its own run."""
        paragraph = self.doc.add_paragraph(style="Normal")
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    def bullet(self, text: str) -> None:
        self._add(text, "List Bullet")

    def tag(self, tag: str) -> None:
        """A paragraph-level Jinja tag ({%p ... %}) alone in its paragraph."""
        assert tag.startswith("{%p ") and tag.endswith(" %}"), tag
        self._add(tag, "Normal")

    def bullet_loop(self, iterable: str, item: str = "x", text: str | None = None,
                    style: str = "List Bullet") -> None:
        """One bullet paragraph for each item; an empty or absent list is a visible gap."""
        self.tag(f"{{%p for {item} in {iterable} %}}")
        self._add(text or f"{{{{ {item} }}}}", style)
        self.tag("{%p else %}")
        self._add(f"{{{{ {iterable} | gap }}}}", "Normal")
        self.tag("{%p endfor %}")

    # -- tables -------------------------------------------------------------

    def _table(self, caption: str, headers: tuple[str, ...], rows: int, widths: tuple):
        table = self.doc.add_table(rows=1 + rows, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _table_properties(table, caption)
        for cell, text in zip(table.rows[0].cells, headers):
            cell.paragraphs[0].add_run(text).bold = True
            _shade(cell, HEADER_FILL)
        for row in table.rows:
            for cell in row.cells:
                cell.paragraphs[0].style = self.doc.styles["Table Text"]
        _mark_header_row(table.rows[0])
        for row in table.rows:
            _keep_row_together(row)
        for column, width in zip(table.columns, widths):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
        return table

    def loop_table(self, caption: str, headers: tuple[str, ...], loop: str,
                   cells: tuple[str, ...], widths: tuple, gap: str | None = None) -> None:
        """A table: a repeating header row, then one row per item; an empty or absent
        list gives one row showing the gap.

        Rows: header | {%tr for ... %} | the item's cells | {%tr else %} | gap | {%tr endfor %}.
        docxtpl removes the tag rows and repeats the item row.
        """
        table = self._table(caption, headers, 5, widths)
        _, loop_start, body, loop_else, gap_row, loop_end = table.rows
        loop_start.cells[0].paragraphs[0].add_run(f"{{%tr {loop} %}}")
        for cell, text in zip(body.cells, cells):
            cell.paragraphs[0].add_run(text)
        loop_else.cells[0].paragraphs[0].add_run("{%tr else %}")
        iterable = gap or loop.split(" in ", 1)[1].strip()
        gap_row.cells[0].paragraphs[0].add_run(f"{{{{ {iterable} | gap }}}}")
        loop_end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
        self._after_table()

    def key_value_table(self, caption: str, rows: list[tuple[str, str]],
                        headers: tuple[str, str] = ("Detail", "Information"),
                        widths: tuple = (Cm(6.0), Cm(10.0))) -> None:
        """A two-column table of labelled facts (the label is the row's first cell)."""
        table = self._table(caption, headers, len(rows), widths)
        for row, (label, value) in zip(table.rows[1:], rows):
            row.cells[0].paragraphs[0].add_run(label).bold = True
            row.cells[1].paragraphs[0].add_run(value)
        self._after_table()

    def _after_table(self) -> None:
        # A little space between a table and what follows it.
        p = self._add("", "Normal")
        p.paragraph_format.space_after = Pt(2)

    def recommendations_table(self) -> None:
        self.loop_table(
            "Recommendations: what, who and by when",
            RECOMMENDATION_HEADERS,
            "for r in review.recommendations",
            RECOMMENDATION_CELLS,
            RECOMMENDATION_WIDTHS,
        )

    # -- 7-minute briefing boxes ---------------------------------------------

    def box(self, heading: str, paragraphs: list[tuple[str, str]]) -> None:
        """A numbered, bordered and shaded box: a Heading 1 and its paragraphs
        (``(style, text)``; a ``{%p ... %}`` tag is passed with style ``tag``)."""
        first = self._add(heading, "Heading 1")
        first.paragraph_format.space_before = Pt(4)
        _box(first)
        for style, text in paragraphs:
            if style == "tag":
                self.tag(text)
                continue
            paragraph = self._add(text, style)
            paragraph.paragraph_format.keep_with_next = True  # a box stays on one page
            _box(paragraph)
        self._add("", "Box Spacer")

    def compact(self) -> None:
        """Tighter spacing for a short document that must fit on two pages."""
        styles = self.doc.styles
        styles["Title"].font.size = Pt(22)
        styles["Title"].paragraph_format.space_before = Pt(6)
        styles["Title"].paragraph_format.space_after = Pt(8)
        styles["Subtitle"].paragraph_format.space_after = Pt(6)
        styles["Cover Detail"].font.size = Pt(12)
        styles["Contents Title"].font.size = Pt(13)
        styles["Contents Title"].paragraph_format.space_after = Pt(4)
        styles["toc 1"].paragraph_format.space_after = Pt(0)
        styles["Numbered Paragraph"].paragraph_format.space_after = Pt(4)
        styles["Heading 1"].font.size = Pt(14)
        styles["Heading 1"].paragraph_format.space_after = Pt(4)

    # -- header and footer ----------------------------------------------------

    def _header_footer(self, title: str, marking: str | None) -> None:
        section = self.doc.sections[0]
        section.header_distance = Cm(1.2)
        section.footer_distance = Cm(1.0)
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Header"]
        if marking:
            run = header.add_run(marking)
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(MARKING)
            header.add_run("\t")
        header.add_run(title)
        if not marking:
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        if marking:
            run = footer.add_run(marking)
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(MARKING)
        footer.add_run("\tPage ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")

    # -- output -------------------------------------------------------------

    def save(self, path: Path) -> None:
        self._set_core_properties()
        self._set_language_defaults()
        self._drop_unwanted_parts()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_normalise_zip(buffer.getvalue()))

    def _set_page_a4(self) -> None:
        for section in self.doc.sections:
            section.page_width = Mm(210)
            section.page_height = Mm(297)
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, Cm(2.5))

    def _set_core_properties(self) -> None:
        props = self.doc.core_properties
        props.title = self.title_property
        props.language = LANGUAGE
        for name in (
            "author",
            "last_modified_by",
            "comments",
            "keywords",
            "subject",
            "category",
            "content_status",
            "identifier",
            "version",
        ):
            setattr(props, name, "")
        props.revision = 1
        props.created = FIXED_DATE
        props.modified = FIXED_DATE

    def _set_language_defaults(self) -> None:
        """Make en-GB the default language (python-docx ships en-US)."""
        styles = self.doc.styles.element
        doc_defaults = _child(styles, "w:docDefaults", first=True)
        rpr_default = _child(doc_defaults, "w:rPrDefault", first=True)
        rpr = _child(rpr_default, "w:rPr")
        if rpr.find(qn("w:lang")) is None:
            etree.SubElement(rpr, qn("w:lang"))
        rpr.find(qn("w:lang")).set(qn("w:val"), LANGUAGE)
        for lang in styles.iter(qn("w:lang")):
            _replace_us_english(lang)

        settings = self.doc.settings.element
        for lang in settings.iter(qn("w:themeFontLang")):
            _replace_us_english(lang)
        # Do not ask Word to store a preview picture (an image) in the file.
        for element in settings.findall(qn("w:savePreviewPicture")):
            settings.remove(element)

        # The legacy Word 2010 copy of the styles carries en-US too.
        for rel in self.doc.part.rels.values():
            if rel.reltype == STYLES_WITH_EFFECTS and not rel.is_external:
                part = rel.target_part
                part._blob = part.blob.replace(b'"en-US"', b'"en-GB"')

    def _drop_unwanted_parts(self) -> None:
        """Remove the thumbnail image and the empty bibliography custom XML."""
        package_rels = self.doc.part.package.rels
        for rId, rel in list(package_rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                package_rels.pop(rId)
        for rId, rel in list(self.doc.part.rels.items()):
            if rel.reltype == RT.CUSTOM_XML:
                self.doc.part.rels.pop(rId)


# ---------------------------------------------------------------------------
# Styles, numbering, fields and table properties
# ---------------------------------------------------------------------------


def contrast_on_white(hex_colour: str) -> float:
    """WCAG 2 contrast ratio of a colour against white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return 1.05 / (0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b) + 0.05)


def _paragraph_style(doc, name: str, base: str = "Normal"):
    styles = doc.styles
    if name in [s.name for s in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _font(style, size: float | None = None, bold: bool | None = None, colour: str | None = None,
          italic: bool | None = False) -> None:
    font = style.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if colour is not None:
        font.color.rgb = RGBColor.from_string(colour)


def _house_styles(doc) -> None:
    """Arial 12 pt body, navy headings, styles for the cover, contents and numbered text."""
    styles_root = doc.styles.element
    # No theme fonts or theme colours: what the style says is what the reader sees.
    for fonts in styles_root.iter(qn("w:rFonts")):
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]
        for side in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(side), FONT)
    for colour in styles_root.iter(qn("w:color")):
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attribute), None)
        value = colour.get(qn("w:val"))
        if value and value != "auto" and contrast_on_white(value) < 4.5:
            colour.set(qn("w:val"), ACCENT)  # e.g. python-docx's light blue headings (4:1)
    doc_defaults = _child(styles_root, "w:docDefaults", first=True)
    rpr = _child(_child(doc_defaults, "w:rPrDefault", first=True), "w:rPr")
    fonts = _child(rpr, "w:rFonts")
    for side in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(side), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)

    normal = doc.styles["Normal"]
    _font(normal, 12, colour=TEXT, italic=None)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15

    for level, size, before in ((1, 16, 18), (2, 13, 12), (3, 12, 10)):
        style = doc.styles[f"Heading {level}"]
        _font(style, size, bold=True, colour=ACCENT)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True

    title = doc.styles["Title"]
    _font(title, 28, bold=True, colour=ACCENT)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    title.paragraph_format.space_before = Pt(24)
    title.paragraph_format.space_after = Pt(18)
    title.paragraph_format.line_spacing = 1.0

    subtitle = doc.styles["Subtitle"]
    _font(subtitle, 16, bold=True, colour=ACCENT)
    for numbering in subtitle.element.get_or_add_pPr().findall(qn("w:numPr")):
        subtitle.element.get_or_add_pPr().remove(numbering)
    subtitle.paragraph_format.space_after = Pt(36)
    rule = OxmlElement("w:pBdr")  # a navy rule under the partnership's name
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "6"), ("w:color", ACCENT)):
        bottom.set(qn(key), value)
    rule.append(bottom)
    subtitle.element.get_or_add_pPr().append(rule)

    cover = _paragraph_style(doc, "Cover Detail")
    _font(cover, 14, colour=TEXT)
    cover.paragraph_format.space_after = Pt(10)

    contents = _paragraph_style(doc, "Contents Title")
    _font(contents, 16, bold=True, colour=ACCENT)
    contents.paragraph_format.space_after = Pt(10)
    contents.paragraph_format.keep_with_next = True

    numbered = _paragraph_style(doc, "Numbered Paragraph")
    numbered.paragraph_format.space_after = Pt(8)

    bullet = doc.styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(4)
    bullet_ppr = bullet.element.get_or_add_pPr()
    for spacing in bullet_ppr.findall(qn("w:contextualSpacing")):
        bullet_ppr.remove(spacing)
    bullet.paragraph_format.left_indent = Cm(1.6)
    bullet.paragraph_format.first_line_indent = Cm(-0.6)

    spacer = _paragraph_style(doc, "Box Spacer")
    _font(spacer, 4)
    spacer.paragraph_format.space_after = Pt(0)
    spacer.paragraph_format.line_spacing = 1.0

    table_text = _paragraph_style(doc, "Table Text")
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0

    for level in (1, 2):  # the contents list's entries (Word's built-in "toc N" styles)
        toc = _paragraph_style(doc, f"toc {level}")
        toc.element.set(qn("w:styleId"), f"TOC{level}")
        toc.paragraph_format.space_after = Pt(3)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))

    for name in ("Header", "Footer"):
        style = doc.styles[name]
        _font(style, 10, colour=TEXT)
        ppr = style.element.get_or_add_pPr()
        for tabs in ppr.findall(qn("w:tabs")):
            ppr.remove(tabs)
        style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

    grid = doc.styles["Table Grid"].element
    for border in grid.iter():
        if border.get(qn("w:color")) == "auto":
            border.set(qn("w:color"), RULE)


def _outline_numbering(doc) -> None:
    """One outline list: Heading 1 as "1.", Numbered Paragraph as "1.1" (restarting in
    each section). The styles carry the numbering, so restyling keeps it."""
    numbering = doc.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(NUMBERING_ID))
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "multilevel")
    abstract.append(multi)
    for level in range(9):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        style = {0: "Heading1", 1: "NumberedParagraph"}.get(level)
        if style:
            element = OxmlElement("w:pStyle")
            element.set(qn("w:val"), style)
            lvl.append(element)
        text = OxmlElement("w:lvlText")
        text.set(qn("w:val"), "%1." if level == 0 else ".".join(f"%{i + 1}" for i in range(level + 1)))
        lvl.append(text)
        jc = OxmlElement("w:lvlJc")
        jc.set(qn("w:val"), "left")
        lvl.append(jc)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), "851")
        ind.set(qn("w:hanging"), "851")
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(NUMBERING_ID))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(NUMBERING_ID))
    num.append(ref)
    numbering.append(num)
    for style_name, level in (("Heading 1", 0), ("Numbered Paragraph", 1)):
        ppr = doc.styles[style_name].element.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), str(NUMBERING_ID))
        numpr.append(ilvl)
        numpr.append(num_id)
        ppr.insert(0, numpr)
    # the contents heading is based on Heading 1 but must not be numbered
    toc_heading = doc.styles["TOC Heading"].element.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "0")
    numpr.append(num_id)
    toc_heading.insert(0, numpr)


def _field(paragraph, instruction: str, placeholder: str, dirty: bool = False) -> None:
    """A Word field (PAGE, NUMPAGES, TOC ...) with ``placeholder`` as its last result."""

    def run_with(element):
        run = paragraph.add_run()
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _box(paragraph) -> None:
    """Border and shade a paragraph; consecutive boxed paragraphs join into one box."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "12")
        edge.set(qn("w:space"), "6")
        edge.set(qn("w:color"), ACCENT)
        borders.append(edge)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), BOX_FILL)
    ppr.append(borders)
    ppr.append(shading)
    paragraph.paragraph_format.left_indent = Cm(1.5)
    paragraph.paragraph_format.right_indent = Cm(0.2)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _table_properties(table, caption: str) -> None:
    """Alt-text title (w:tblCaption) and cell padding (w:tblCellMar)."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 85), ("left", 113), ("bottom", 85), ("right", 113)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(width))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    tbl_pr.append(element)


def _keep_row_together(row) -> None:
    """Do not split a row across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.insert(0, OxmlElement("w:cantSplit"))


def _child(parent, tag: str, first: bool = False):
    element = parent.find(qn(tag))
    if element is None:
        element = etree.Element(qn(tag))
        if first:
            parent.insert(0, element)
        else:
            parent.append(element)
    return element


def _replace_us_english(element) -> None:
    for attribute, value in list(element.attrib.items()):
        if value == "en-US":
            element.set(attribute, LANGUAGE)


def _mark_header_row(row) -> None:
    """Repeat the row at the top of each page and tell assistive tech it is a header."""
    tr_pr = row._tr.get_or_add_trPr()
    etree.SubElement(tr_pr, qn("w:tblHeader"))


def _normalise_zip(data: bytes) -> bytes:
    """Re-pack the .docx with fixed timestamps so builds are reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return output.getvalue()


# ---------------------------------------------------------------------------
# Shared wording
# ---------------------------------------------------------------------------

INCIDENT_TYPE = (
    "{% if incident.type == 'death' %}Death of a child"
    "{% elif incident.type == 'serious_harm' %}Serious harm to a child"
    "{% elif incident.type == 'other' %}Other"
    "{% else %}{{ incident.type }}{% endif %}"
)

# "Yes"/"No" for a boolean field; an absent field falls through to the last branch,
# so the renderer reports it as missing instead of quietly printing "No".
YES_NO = "{% if VALUE %}Yes{% elif VALUE is defined %}No{% else %}{{ VALUE }}{% endif %}"

CHILD_AGED = "{{ child.pseudonym }}, {{ child.age_at_incident | age_phrase }} at the time of the incident"
SCOPE = "from {{ review.scope['from'] | month_year }} to {{ review.scope.to | month_year }}"
PUBLISHED = "Published {{ publication.planned_date | month_year }}"


def published_report_cover(b: TemplateBuilder, title: str) -> None:
    b.cover("{{ case.partnership }}", title,
            ["Independent reviewer: {{ review.reviewer.name }}", PUBLISHED])


# ---------------------------------------------------------------------------
# Rapid review
# ---------------------------------------------------------------------------


def build_rapid_review() -> TemplateBuilder:
    b = TemplateBuilder("Rapid review", "Rapid review: {{ child.pseudonym }}", "OFFICIAL-SENSITIVE")
    b.cover("{{ case.partnership }}", "Rapid review: {{ child.pseudonym }}", [
        "For the Child Safeguarding Practice Review Panel",
        "Case reference: {{ case.reference }}",
        "Sent to the Panel: {{ rapid_review.submitted_to_panel }}",
    ], marking="OFFICIAL-SENSITIVE: not for publication")
    b.contents("1-1")

    b.heading("Case details")
    b.para(
        "This rapid review was carried out by the safeguarding partners under chapter 5 of "
        "Working Together to Safeguard Children 2023. It records the facts as far as they "
        "could be established, the action taken to keep children safe, the learning identified "
        "and the partners' decision on next steps.", keep_with_next=True)
    b.key_value_table("Case details", [
        ("Local authority", "{{ case.local_authority }}"),
        ("Case reference", "{{ case.reference }}"),
        ("Child", "{{ child.pseudonym }}"),
        ("Age at the time of the incident", "{{ child.age_at_incident }}"),
        ("Sex", "{{ child.sex }}"),
        ("Ethnicity", "{{ child.ethnicity }}"),
        ("Disability", "{{ child.disability }}"),
        ("Legal status", "{{ child.legal_status }}"),
        ("Plan status", "{{ child.plan_status }}"),
        ("Looked-after child", YES_NO.replace("VALUE", "child.looked_after")),
        ("Care leaver", YES_NO.replace("VALUE", "child.care_leaver")),
        ("Type of incident", INCIDENT_TYPE),
        ("Date of the incident", "{{ incident.date }}"),
        ("Date the local authority became aware", "{{ incident.la_aware_date }}"),
        ("Notified to the Panel", "{{ notification.submitted }}"),
        ("Secretary of State and Ofsted notified",
         "{% if notification.sos_ofsted_notified is defined %}{{ notification.sos_ofsted_notified }}"
         "{% elif incident.type == 'death' and (child.looked_after or child.care_leaver) %}"
         "{{ notification.sos_ofsted_notified }}"
         "{% else %}Not required (only when a looked-after child or care leaver dies){% endif %}"),
        ("Rapid review meeting", "{{ rapid_review.meeting_date }}"),
        ("Rapid review sent to the Panel", "{{ rapid_review.submitted_to_panel }}"),
    ])

    b.heading("The facts as far as they are established")
    b.para("{{ incident.summary }}")
    b.para("{{ rapid_review.facts }}")

    b.heading("Agencies involved")
    b.para("These agencies had contact with {{ child.pseudonym }} or the family and contributed "
           "to this rapid review.", keep_with_next=True)
    b.loop_table("Agencies involved", ("Agency", "Involvement"), "for a in rapid_review.agencies",
                 ("{{ a.name }}", "{{ a.involvement }}"), (Cm(5.0), Cm(11.0)))

    b.heading("Immediate action taken to keep children safe")
    b.bullet_loop("rapid_review.immediate_actions", "action")

    b.heading("Key practice episodes and the learning identified")
    b.para("The partners identified this learning:", keep_with_next=True)
    b.bullet_loop("rapid_review.learning", "item")

    b.heading("Race, culture and other inequalities considered")
    b.para("{{ rapid_review.inequalities_considered }}")

    b.heading("Good practice")
    b.bullet_loop("rapid_review.good_practice", "item")

    b.heading("Decision on a local review")
    b.para(
        "{% if rapid_review.decision == 'lcspr' %}"
        "The safeguarding partners decided to undertake a local child safeguarding practice review."
        "{% elif rapid_review.decision == 'refer_national' %}"
        "The safeguarding partners consider that the case raises issues that are complex or of "
        "national importance and ask the Child Safeguarding Practice Review Panel to consider a "
        "national review."
        "{% elif rapid_review.decision == 'no_review' %}"
        "The safeguarding partners decided that a child safeguarding practice review is not "
        "needed; the learning will be taken forward through the actions in this rapid review."
        "{% else %}{{ rapid_review.decision }}{% endif %}"
    )
    b.heading("Rationale", 2)
    b.para("{{ rapid_review.rationale }}")
    b.heading("Whether the case may be of national importance", 2)
    b.para("{{ rapid_review.national_importance }}")
    b.tag("{%p if rapid_review.decision != 'no_review' %}")
    b.heading("Scope and key lines of enquiry", 2)
    b.bullet_loop("rapid_review.key_lines_of_enquiry", "line")
    b.tag("{%p endif %}")

    b.heading("Next steps")
    b.bullet_loop("rapid_review.next_steps", "step")

    b.heading("Attendees")
    b.loop_table("Attendees at the rapid review meeting", ("Role", "Agency"),
                 "for a in rapid_review.attendees",
                 ("{% if a.name is defined %}{{ a.name }}, {% endif %}{{ a.role }}", "{{ a.agency }}"),
                 (Cm(7.0), Cm(9.0)))

    b.heading("Sign-off by the safeguarding partners")
    b.para("Each safeguarding partner's sign-off is recorded below.", keep_with_next=True)
    b.loop_table("Sign-off by the safeguarding partners", ("Partner", "Name", "Role", "Date"),
                 "for s in rapid_review.sign_off | by_partner",
                 ("{{ s.label }}", "{{ s.name }}", "{{ s.role }}", "{{ s.date }}"),
                 (Cm(3.4), Cm(3.6), Cm(4.7), Cm(4.3)), gap="rapid_review.sign_off")
    return b


# ---------------------------------------------------------------------------
# Local child safeguarding practice review report
# ---------------------------------------------------------------------------


def build_lcspr_report() -> TemplateBuilder:
    b = TemplateBuilder("Local child safeguarding practice review",
                        "Local child safeguarding practice review: {{ child.pseudonym }}")
    published_report_cover(b, "Local child safeguarding practice review: {{ child.pseudonym }}")
    b.contents("1-1")

    b.heading("Introduction and reason for the review")
    b.para(
        "This report sets out the findings of a local child safeguarding practice review "
        "commissioned by the {{ case.partnership }} about " + CHILD_AGED + "."
    )
    b.para("{{ incident.summary }}")
    b.para(
        "A rapid review was held on {{ rapid_review.meeting_date }}. On "
        "{{ review.decision_date }} the safeguarding partners decided to undertake this review, "
        "so that agencies could learn from what happened and improve the way they work together "
        "to keep children safe. The review is about learning and improvement: it does not seek "
        "to apportion blame to individual practitioners or agencies."
    )

    b.heading("Terms of reference and scope")
    b.para("The review looks at agencies' involvement with {{ child.pseudonym }} and the family "
           + SCOPE + ".")
    b.para("{{ review.terms_of_reference }}")

    b.heading("Methodology")
    b.para("{{ review.methodology }}")

    b.heading("Family involvement")
    b.para("{{ review.family_involvement }}")

    b.heading("The child's perspective and lived experience")
    b.para("{{ review.child_perspective }}")

    b.heading("Background and key circumstances")
    b.para("{{ review.background }}")

    b.heading("Analysis and findings")
    b.para("Each finding below describes what happened, why it happened as it did and what "
           "it tells the partnership about the wider safeguarding system.")
    b.tag("{%p for f in review.findings %}")
    b.heading("Finding {{ loop.index }}: {{ f.title }}", 2)
    b.para("{{ f.analysis }}")
    b.tag("{%p else %}")
    b.plain("{{ review.findings | gap }}")
    b.tag("{%p endfor %}")

    b.heading("Analysis of systemic and underlying reasons")
    b.para("The analysis of the systemic and underlying reasons why actions were or were not "
           "taken is set out with each finding above. The themes of the findings are:",
           keep_with_next=True)
    b.bullet_loop("review.findings", "f", "{{ f.title }}")

    b.heading("Good practice")
    b.para("The review also found good practice, which the partnership wants to recognise:",
           keep_with_next=True)
    b.bullet_loop("review.good_practice", "item")

    b.heading("Conclusions")
    b.para(
        "The review made {{ review.findings | counted('finding') }} about how agencies worked "
        "together to safeguard {{ child.pseudonym }}. {{ 'It shows' if review.findings | length == 1 else 'They show' }} where the partnership's "
        "arrangements need to change so that practitioners are better able to see and respond "
        "to risk to {{ child.age_at_incident | age_group }}. The recommendations below set out "
        "what will change, who is responsible and by when."
    )

    b.heading("Summary of recommended improvements")
    b.para("The review makes {{ review.recommendations | counted('recommendation') }} to "
           "safeguard and promote the welfare of children. "
           "{{ 'It names' if review.recommendations | length == 1 else 'Each names' }} the agency "
           "responsible for it and the date by which it should be completed.")
    b.heading("Recommendations: who and by when", 2)
    b.recommendations_table()

    b.heading("About the reviewer")
    b.para("The independent reviewer is {{ review.reviewer.name }}.")
    b.para("{{ review.reviewer.independence }}")

    b.heading("Publication and distribution")
    b.para(
        "This report is published by the {{ case.partnership }} on {{ publication.planned_date }} "
        "and will remain publicly available until at least {{ publication.available_until }}."
    )
    b.tag("{%p if distribution | sent_sentence('full_report', publication.planned_date) %}")
    b.para("{{ distribution | sent_sentence('full_report', publication.planned_date) }}")
    b.tag("{%p endif %}")
    return b


# ---------------------------------------------------------------------------
# Information about improvements (published instead of the full report)
# ---------------------------------------------------------------------------


def build_improvements_summary() -> TemplateBuilder:
    b = TemplateBuilder("Information about improvements following a child safeguarding practice review",
                        "Information about improvements: {{ child.pseudonym }}")
    published_report_cover(b, "Information about improvements following a child safeguarding "
                              "practice review: {{ child.pseudonym }}")
    b.contents("1-1")

    b.heading("About this summary")
    b.para(
        "The {{ case.partnership }} carried out a local child safeguarding practice review about "
        + CHILD_AGED + ". This document sets out the improvements that agencies will make as a "
        "result of the review, who is responsible for each of them and by when."
    )

    b.tag("{%p if publication.full_report %}")
    b.heading("Where to find the full report")
    b.para(
        "The full report of the review has also been published by the {{ case.partnership }} and "
        "can be read alongside this summary."
    )
    b.tag("{%p else %}")
    b.heading("Why the full report is not published")
    # An absent full_report lands here too: print it so the renderer reports it missing.
    b.para(
        "{% if publication.full_report is not defined %}{{ publication.full_report }} {% endif %}"
        "{{ publication.non_publication_justification }}"
    )
    b.tag("{%p endif %}")

    b.heading("Summary of the case")
    b.para("The review considered agencies' involvement with {{ child.pseudonym }} and the "
           "family " + SCOPE + ".")
    b.para("{{ incident.summary }}")

    b.heading("The improvements to be made")
    b.para("The review makes {{ review.recommendations | counted('recommendation') }} to "
           "safeguard and promote the welfare of children. The table sets out each one, the "
           "agency responsible for it and the date by which it should be completed.")
    b.heading("Who will make the improvements and by when", 2)
    b.recommendations_table()

    b.heading("Learning and good practice")
    b.heading("What the review found", 2)
    b.bullet_loop("review.findings", "f", "{{ f.title }}")
    b.heading("Good practice", 2)
    b.bullet_loop("review.good_practice", "item")

    b.heading("About the reviewer")
    b.para("The independent reviewer is {{ review.reviewer.name }}.")
    b.para("{{ review.reviewer.independence }}")

    b.heading("Publication and contact")
    b.para(
        "This information will remain publicly available until at least "
        "{{ publication.available_until }}. Questions about the review or about progress on "
        "the improvements can be sent to the {{ case.partnership }} business unit."
    )
    b.tag("{%p if distribution | sent_sentence('improvements_info', publication.planned_date) %}")
    b.para("{{ distribution | sent_sentence('improvements_info', publication.planned_date) }}")
    b.tag("{%p endif %}")
    return b


# ---------------------------------------------------------------------------
# Seven-minute learning briefing: seven numbered boxes on at most two pages
# ---------------------------------------------------------------------------

REFLECTIVE_QUESTIONS = (
    "What does this learning mean for the children and families you work with?",
    "Which of these findings could happen in your team, and what would help prevent it?",
    "What will you do differently after reading this briefing?",
)


def build_learning_briefing() -> TemplateBuilder:
    b = TemplateBuilder("Seven-minute learning briefing",
                        "7-minute briefing: {{ child.pseudonym }}")
    b.compact()
    b.cover("{{ case.partnership }}", "7-minute briefing: learning from the review about "
            "{{ child.pseudonym }}",
            ["Independent reviewer: {{ review.reviewer.name }}. " + PUBLISHED], new_page=False)
    b.contents("1-1", new_page=False)
    numbered = "Numbered Paragraph"

    b.box("Background", [
        (numbered, "The {{ case.partnership }} carried out a local child safeguarding practice "
                   "review about " + CHILD_AGED + ". The review looked at agencies' involvement "
                   + SCOPE + "."),
    ])
    b.box("The case: what happened", [(numbered, "{{ incident.summary }}")])
    b.box("What we learned", [
        ("tag", "{%p for f in review.findings %}"),
        (numbered, "{{ f.title }}"),
        ("tag", "{%p else %}"),
        ("Normal", "{{ review.findings | gap }}"),
        ("tag", "{%p endfor %}"),
    ])
    b.box("Why it matters", [
        ("tag", "{%p if briefing is defined and briefing.why_it_matters is defined %}"),
        (numbered, "{{ briefing.why_it_matters }}"),
        ("tag", "{%p else %}"),
        (numbered, "Reviews help every agency learn how to keep children safer. Take seven "
                   "minutes, on your own or with your team, to read this briefing and think "
                   "about what it means for your practice."),
        ("tag", "{%p endif %}"),
    ])
    b.box("What to do differently", [
        ("tag", "{%p if briefing is defined and briefing.practice_points is defined %}"),
        ("tag", "{%p for point in briefing.practice_points %}"),
        (numbered, "{{ point }}"),
        ("tag", "{%p else %}"),
        ("Normal", "{{ briefing.practice_points | gap }}"),
        ("tag", "{%p endfor %}"),
        ("tag", "{%p else %}"),
        ("tag", "{%p for r in review.recommendations %}"),
        (numbered, "{{ r.text }} ({{ r.owner }}, by {{ r.due }})"),
        ("tag", "{%p else %}"),
        ("Normal", "{{ review.recommendations | gap }}"),
        ("tag", "{%p endfor %}"),
        ("tag", "{%p endif %}"),
    ])
    b.box("Questions for reflection", [
        ("tag", "{%p if briefing is defined and briefing.reflective_questions is defined %}"),
        ("tag", "{%p for q in briefing.reflective_questions %}"),
        (numbered, "{{ q }}"),
        ("tag", "{%p else %}"),
        ("Normal", "{{ briefing.reflective_questions | gap }}"),
        ("tag", "{%p endfor %}"),
        ("tag", "{%p else %}"),
        *[(numbered, q) for q in REFLECTIVE_QUESTIONS],
        ("tag", "{%p endif %}"),
    ])
    b.box("Where to find out more", [
        ("tag", "{%p if briefing is defined and briefing.further_information is defined %}"),
        (numbered, "{{ briefing.further_information }}"),
        ("tag", "{%p else %}"),
        (numbered, "The published review is available from the {{ case.partnership }}. Speak to "
                   "your agency's safeguarding lead to discuss this briefing."),
        ("tag", "{%p endif %}"),
    ])
    return b


BUILDERS = {
    "rapid_review.docx": build_rapid_review,
    "lcspr_report.docx": build_lcspr_report,
    "improvements_summary.docx": build_improvements_summary,
    "learning_briefing.docx": build_learning_briefing,
}


def main() -> None:
    for filename, build in BUILDERS.items():
        path = TEMPLATES / filename
        build().save(path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
