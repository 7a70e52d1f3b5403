#!/usr/bin/env python3
"""Build the bundled docxtpl Word templates in ``templates/``.

Run from anywhere::

    python3 scripts/build_templates.py

It writes four templates, each a plain Word document that a business unit can
open and restyle (only Word's built-in styles are used):

    templates/rapid_review.docx
    templates/lcspr_report.docx
    templates/improvements_summary.docx
    templates/learning_briefing.docx

The templates use Jinja tags (docxtpl) whose variables are the fields of the
case file (SPEC section 4): ``case``, ``child``, ``incident``, ``notification``,
``rapid_review``, ``review``, ``publication`` and ``distribution``. Dates reach
the templates as formatted strings ("3 March 2027"); absent or null fields are
undefined, so optional fields are tested with ``is defined``.

docxtpl rules followed here:

* every Jinja tag sits in a single run (``add_paragraph(text, style)`` and
  ``add_run(text)`` each make exactly one run);
* paragraph-level tags (``{%p ... %}``) sit alone in their own paragraph;
* table-row tags (``{%tr ... %}``) sit alone in the first cell of their own row.

The build is deterministic: fixed document properties and dates, fixed zip
entry timestamps, so re-running the script gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

LANGUAGE = "en-GB"
FIXED_DATE = dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

# Widths for the three-column recommendations table (A4 text width is 16 cm).
RECOMMENDATION_WIDTHS = (Cm(9.0), Cm(4.5), Cm(2.5))
RECOMMENDATION_HEADERS = ("Recommendation", "Responsible agency (who)", "By when")
RECOMMENDATION_CELLS = ("{{ loop.index }}. {{ r.text }}", "{{ r.owner }}", "{{ r.due }}")


# ---------------------------------------------------------------------------
# A small wrapper around python-docx that knows the docxtpl conventions
# ---------------------------------------------------------------------------


class TemplateBuilder:
    """Adds paragraphs, headings, Jinja loops and tables to a new document."""

    def __init__(self, title_property: str) -> None:
        self.doc = Document()
        self.title_property = title_property
        self._set_page_a4()

    # -- text ---------------------------------------------------------------

    def title(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Title")

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_paragraph(text, style=f"Heading {level}")

    def para(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Normal")

    def field(self, label: str, value: str) -> None:
        """A "Label: value" line; the label is bold, the value its own run."""
        paragraph = self.doc.add_paragraph(style="Normal")
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    def bullet(self, text: str) -> None:
        self.doc.add_paragraph(text, style="List Bullet")

    def tag(self, tag: str) -> None:
        """A paragraph-level Jinja tag ({%p ... %}) alone in its paragraph."""
        assert tag.startswith("{%p ") and tag.endswith(" %}"), tag
        self.doc.add_paragraph(tag, style="Normal")

    def bullet_loop(self, iterable: str, item: str = "x", text: str | None = None) -> None:
        """One bullet paragraph for each item of a list."""
        self.tag(f"{{%p for {item} in {iterable} %}}")
        self.bullet(text or f"{{{{ {item} }}}}")
        self.tag("{%p endfor %}")

    # -- tables -------------------------------------------------------------

    def loop_table(
        self,
        caption: str,
        headers: tuple[str, ...],
        loop: str,
        cells: tuple[str, ...],
        widths: tuple,
    ) -> None:
        """A "Table Grid" table: a repeating header row, then one row per item.

        Rows: header | {%tr for ... %} | the item's cells | {%tr endfor %}.
        docxtpl removes the two tag rows and repeats the middle one.
        """
        table = self.doc.add_table(rows=4, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _set_table_caption(table, caption)

        header, loop_start, body, loop_end = table.rows
        for cell, text in zip(header.cells, headers):
            cell.paragraphs[0].add_run(text).bold = True
        _mark_header_row(header)

        loop_start.cells[0].paragraphs[0].add_run(f"{{%tr {loop} %}}")
        for cell, text in zip(body.cells, cells):
            cell.paragraphs[0].add_run(text)
        loop_end.cells[0].paragraphs[0].add_run("{%tr endfor %}")

        for column, width in zip(table.columns, widths):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
        # A table directly followed by a heading looks cramped; a blank line helps.
        self.doc.add_paragraph(style="Normal")

    def recommendations_table(self) -> None:
        self.loop_table(
            "Recommendations",
            RECOMMENDATION_HEADERS,
            "for r in review.recommendations",
            RECOMMENDATION_CELLS,
            RECOMMENDATION_WIDTHS,
        )

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


def _set_table_caption(table, caption: str) -> None:
    """Word's table "alt text" title (w:tblCaption) for screen readers."""
    tbl_pr = table._tbl.tblPr
    element = etree.SubElement(tbl_pr, qn("w:tblCaption"))
    element.set(qn("w:val"), caption)


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


# ---------------------------------------------------------------------------
# Rapid review
# ---------------------------------------------------------------------------


def build_rapid_review() -> TemplateBuilder:
    b = TemplateBuilder("Rapid review")
    b.title("Rapid review: {{ child.pseudonym }}")
    b.field("Case reference", "{{ case.reference }}")
    b.field("Safeguarding partnership", "{{ case.partnership }}")
    b.field("Local authority", "{{ case.local_authority }}")
    b.para(
        "This rapid review was carried out by the safeguarding partners under chapter 5 "
        "of Working Together to Safeguard Children 2023. It records the facts as far as "
        "they could be established quickly, the action taken to keep children safe, the "
        "potential for learning and the partners' decision on next steps."
    )

    b.heading("Case details")
    b.heading("The child", 2)
    b.field("Pseudonym", "{{ child.pseudonym }}")
    b.field("Age at the time of the incident", "{{ child.age_at_incident }}")
    b.field("Looked-after child", YES_NO.replace("VALUE", "child.looked_after"))
    b.field("Care leaver", YES_NO.replace("VALUE", "child.care_leaver"))
    b.heading("The incident", 2)
    b.field("Type of incident", INCIDENT_TYPE)
    b.field("Date of the incident", "{{ incident.date }}")
    b.field("Date the local authority became aware", "{{ incident.la_aware_date }}")
    b.para("{{ incident.summary }}")
    b.heading("Notification and timescales", 2)
    b.field("Notified to the Child Safeguarding Practice Review Panel", "{{ notification.submitted }}")
    b.field(
        "Secretary of State and Ofsted notified",
        "{% if notification.sos_ofsted_notified is defined %}{{ notification.sos_ofsted_notified }}"
        "{% elif incident.type == 'death' and (child.looked_after or child.care_leaver) %}Not recorded"
        "{% else %}Not required (only when a looked-after child or care leaver dies){% endif %}",
    )
    b.field("Rapid review meeting", "{{ rapid_review.meeting_date }}")
    b.field("Rapid review sent to the Panel", "{{ rapid_review.submitted_to_panel }}")

    b.heading("Agencies involved")
    b.para("The agencies below had contact with {{ child.pseudonym }} or the family and contributed to this review.")
    b.loop_table(
        "Agencies involved",
        ("Agency", "Involvement"),
        "for a in rapid_review.agencies",
        ("{{ a.name }}", "{{ a.involvement }}"),
        (Cm(5.0), Cm(11.0)),
    )

    b.heading("The facts, including key practice episodes")
    b.para("{{ rapid_review.facts }}")

    b.heading("Child and family context, including race, ethnicity and other inequalities")
    b.para(
        "Partners considered {{ child.pseudonym }}'s daily life and the family's circumstances, "
        "including race, ethnicity, culture, faith, language, disability and any other protected "
        "characteristic, and asked whether racism, poverty or other inequalities shaped the "
        "family's experience or the help they were offered. What is known is set out in the "
        "facts above; questions that remain open are carried into the key lines of enquiry below."
    )

    b.heading("Immediate action and agency actions to keep children safe")
    b.bullet_loop("rapid_review.immediate_actions", "action")

    b.heading("Potential for identifying improvements and learning")
    b.bullet_loop("rapid_review.learning", "item")

    b.heading("Good practice")
    b.bullet_loop("rapid_review.good_practice", "item")

    b.heading("Decision and next steps")
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
    b.heading("Key lines of enquiry", 2)
    b.bullet_loop("rapid_review.key_lines_of_enquiry", "line")
    return b


# ---------------------------------------------------------------------------
# Local child safeguarding practice review report
# ---------------------------------------------------------------------------


def build_lcspr_report() -> TemplateBuilder:
    b = TemplateBuilder("Local child safeguarding practice review")
    b.title("Local child safeguarding practice review: {{ child.pseudonym }}")
    b.para("{{ case.partnership }}")
    b.field("Independent reviewer", "{{ review.reviewer.name }}")
    b.field("Date of publication", "{{ publication.planned_date }}")

    b.heading("Introduction and reason for the review")
    b.para(
        "This report sets out the findings of a local child safeguarding practice review "
        "commissioned by the {{ case.partnership }} about {{ child.pseudonym }}, who was "
        "{{ child.age_at_incident }} old at the time of the incident."
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
    b.para(
        "The review looks at agencies' involvement with {{ child.pseudonym }} and the family "
        "from {{ review.scope['from'] | month_year }} to {{ review.scope.to | month_year }}."
    )
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
    b.para(
        "Each finding below describes what happened, why it happened as it did and what "
        "it tells the partnership about the wider safeguarding system."
    )
    b.tag("{%p for f in review.findings %}")
    b.heading("{{ f.title }}", 2)
    b.para("{{ f.analysis }}")
    b.tag("{%p endfor %}")

    b.heading("Analysis of systemic and underlying reasons")
    b.para(
        "This section draws together the systemic and underlying reasons why actions were or "
        "were not taken. The findings point to features of the local system, such as "
        "procedures, recording systems, workload, training and the way agencies share "
        "information, rather than to the choices of individual practitioners. The systemic "
        "themes identified are:"
    )
    b.bullet_loop("review.findings", "f", "{{ f.title }}")

    b.heading("Good practice")
    b.para("The review also found examples of good practice, which the partnership wants to recognise and build on:")
    b.bullet_loop("review.good_practice", "item")

    b.heading("Conclusions")
    b.para(
        "The review made {{ review.findings|length }} findings about how agencies worked "
        "together to safeguard {{ child.pseudonym }}. Taken together, they show where the "
        "partnership's arrangements need to change so that practitioners are better able to "
        "see and respond to risk to young children. The recommendations below set out what "
        "will change, who is responsible and by when. The safeguarding partners will monitor "
        "progress and report on it in their yearly report."
    )

    b.heading("Summary of recommended improvements")
    b.para("The review recommends the following improvements to safeguard and promote the welfare of children:")
    b.bullet_loop("review.recommendations", "r", "{{ r.text }}")

    b.heading("Recommendations")
    b.para("Each recommendation names the agency responsible for it and the date by which it should be completed.")
    b.recommendations_table()

    b.heading("About the reviewer")
    b.field("Independent reviewer", "{{ review.reviewer.name }}")
    b.para("{{ review.reviewer.independence }}")

    b.heading("Publication and distribution")
    b.para(
        "This report is published by the {{ case.partnership }} on {{ publication.planned_date }} "
        "and will remain publicly available until at least {{ publication.available_until }}."
    )
    b.para(
        "Before publication, a copy of the report was sent to the Child Safeguarding Practice "
        "Review Panel, the Secretary of State for Education and Ofsted, no later than seven "
        "working days before the date of publication."
    )
    return b


# ---------------------------------------------------------------------------
# Information about improvements (published instead of the full report)
# ---------------------------------------------------------------------------


def build_improvements_summary() -> TemplateBuilder:
    b = TemplateBuilder("Information about improvements following a child safeguarding practice review")
    b.title("Information about improvements following a child safeguarding practice review: {{ child.pseudonym }}")
    b.para("{{ case.partnership }}")
    b.field("Independent reviewer", "{{ review.reviewer.name }}")
    b.field("Date of publication", "{{ publication.planned_date }}")

    b.heading("About this summary")
    b.para(
        "The {{ case.partnership }} carried out a local child safeguarding practice review about "
        "{{ child.pseudonym }}. This document sets out the improvements that agencies will make "
        "as a result of the review, who is responsible for each of them and by when."
    )

    b.tag("{%p if publication.full_report %}")
    b.heading("Where to find the full report")
    b.para(
        "The full report of the review has also been published by the {{ case.partnership }} and "
        "can be read alongside this summary."
    )
    b.tag("{%p else %}")
    b.heading("Why the full report is not published")
    b.para(
        "The safeguarding partners decided to publish this information instead of the full "
        "report, and have given their reasons to the Child Safeguarding Practice Review Panel "
        "and the Secretary of State for Education."
    )
    # An absent full_report lands here too: print it so the renderer reports it missing.
    b.para(
        "{% if publication.full_report is not defined %}{{ publication.full_report }} {% endif %}"
        "{{ publication.non_publication_justification }}"
    )
    b.tag("{%p endif %}")

    b.heading("Summary of the case")
    b.para(
        "{{ child.pseudonym }} was {{ child.age_at_incident }} old at the time of the incident. "
        "The review considered agencies' involvement with {{ child.pseudonym }} and the family "
        "from {{ review.scope['from'] | month_year }} to {{ review.scope.to | month_year }}."
    )
    b.para("{{ incident.summary }}")

    b.heading("The improvements to be made")
    b.para("The review identified the following improvements to safeguard and promote the welfare of children:")
    b.bullet_loop("review.recommendations", "r", "{{ r.text }}")

    b.heading("Who will make the improvements and by when")
    b.para(
        "The table sets out each recommendation, the agency responsible for it and the date "
        "by which it should be completed."
    )
    b.recommendations_table()

    b.heading("Learning and good practice")
    b.heading("What the review found", 2)
    b.bullet_loop("review.findings", "f", "{{ f.title }}")
    b.heading("Good practice", 2)
    b.bullet_loop("review.good_practice", "item")

    b.heading("About the reviewer")
    b.field("Independent reviewer", "{{ review.reviewer.name }}")
    b.para("{{ review.reviewer.independence }}")

    b.heading("Contact")
    b.para(
        "This information will remain publicly available until at least "
        "{{ publication.available_until }}. Questions about the review or about progress on "
        "the improvements can be sent to the {{ case.partnership }} business unit."
    )
    return b


# ---------------------------------------------------------------------------
# Seven-minute learning briefing
# ---------------------------------------------------------------------------


def build_learning_briefing() -> TemplateBuilder:
    b = TemplateBuilder("Seven-minute learning briefing")
    b.title("7-minute briefing: learning from the review about {{ child.pseudonym }}")
    b.para("{{ case.partnership }}")
    b.field("Independent reviewer", "{{ review.reviewer.name }}")

    b.heading("Background")
    b.para(
        "This briefing shares the learning from a local child safeguarding practice review "
        "carried out by the {{ case.partnership }} about {{ child.pseudonym }}, who was "
        "{{ child.age_at_incident }} old at the time of the incident. The review looked at "
        "agencies' involvement from {{ review.scope['from'] | month_year }} to {{ review.scope.to | month_year }}."
    )
    b.para("{{ incident.summary }}")

    b.heading("Why it matters")
    b.para(
        "Reviews help every agency learn how to keep children safer. The circumstances in this "
        "case are not unusual: the same pressures and gaps could affect any child and family "
        "we work with. Take seven minutes, on your own or with your team, to read this "
        "briefing and think about what it means for your practice."
    )

    b.heading("Information: what happened")
    b.para("{{ review.background }}")

    b.heading("Key learning")
    b.tag("{%p for f in review.findings %}")
    b.heading("{{ f.title }}", 2)
    b.para("{{ f.analysis }}")
    b.tag("{%p endfor %}")
    b.heading("Good practice", 2)
    b.bullet_loop("review.good_practice", "item")

    b.heading("What should I do? Improvements to practice")
    b.para("The partnership has agreed these improvements. Find out what your agency is doing about each of them.")
    b.recommendations_table()
    b.para("In your own practice:")
    for text in (
        "See the child, and talk with them or observe them, on every visit or appointment.",
        "Ask who lives in the household and who else cares for the child, and record it.",
        "Share information with other agencies when you are worried, and follow it up.",
        "Talk to your safeguarding lead or supervisor when something does not feel right.",
    ):
        b.bullet(text)

    b.heading("Reflect: reflective questions")
    for text in (
        "How do you find out what daily life is like for the children you work with?",
        "How confident are you that you know every adult who lives with or cares for a child?",
        "When a parent's explanation seems to account for a concern, what do you do to test it?",
        "How do you make sure your communication meets the needs of each parent, including any "
        "learning needs, disability or language needs?",
        "How might a family's race, culture or experience of discrimination affect how they "
        "engage with services, and how you respond to them?",
        "What would you change in your practice or your team's practice after reading this briefing?",
    ):
        b.bullet(text)

    b.heading("Further information")
    b.para(
        "The published review and other learning materials are available from the "
        "{{ case.partnership }}. Speak to your agency's safeguarding lead if you would like to "
        "discuss this briefing."
    )
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
