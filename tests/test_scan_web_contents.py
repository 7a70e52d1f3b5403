"""A partnership's web page or a report pasted from one: a contents list of links without page
numbers ("4. Duty on Local Authorities to Notify Incidents"), then the sections it links to.
Issue 11: single words of such a list ("Notify", "Expectations") were flagged as names.

Expected before running (a careful reader's findings):
- the clean page: no warning at all, and the contents entries are contents (the body's numbered
  headings are not);
- a name written into the body and into a contents entry: flagged in both places;
- a numbered list of people under "Attendees" (no "Contents" title): each name flagged;
- an unpaged list under "Contents" whose titles never come again is not taken for contents.
"""

from __future__ import annotations

import pytest

from cspr_docs.anonymise import scan_document
from cspr_docs.anonymise.cues import ordinary_word_shape
from cspr_docs.document import read_document

TITLES = ["Introduction", "Purpose of Local Reviews", "Criteria for Commissioning",
          "Duty on Local Authorities to Notify Incidents", "Rapid Review Decisions",
          "Appointing an Independent Reviewer", "Involving Families", "Publication Arrangements",
          "Sharing Learning Nationally", "Expectations for the Final Report"]
BODY = [
    "This page describes how our partnership carries out reviews when a child dies or is seriously harmed.",
    "A review looks for ways agencies can work together better; it does not apportion blame.",
    "The partners think about a local review whenever a case may hold learning for the area.",
    "The council tells the national Panel within five working days of hearing of an incident.",
    "Within fifteen working days the partners decide whether a local review should follow.",
    "The partners choose a reviewer with the experience the case calls for and agree terms of reference.",
    "Parents and wider family are invited to take part, and what they say is recorded in the report.",
    "The partners publish the report unless that would harm a child, and remove details that identify anyone.",
    "What is learned goes to the national Panel so that other areas can use it.",
    "The report is written plainly for practitioners and says what will change.",
]
BACK = ["Contact us", "Exampleshire Safeguarding Children Partnership",
        "Email: partnership@exampleshire.gov.uk", "Website: www.exampleshire-scp.org.uk"]


def page(titles=TITLES, body=BODY, extra_entry=None, extra_body=None) -> str:
    lines = ["Child Safeguarding Practice Reviews: how we work", "", "Contents"]
    entries = list(titles) + ([extra_entry] if extra_entry else [])
    lines += [f"{i}. {t}" for i, t in enumerate(entries, 1)]
    lines.append("")
    for i, (t, b) in enumerate(zip(titles, body), 1):
        lines += [f"{i}. {t}", b, ""]
    if extra_entry:
        lines += [f"{len(entries)}. {extra_entry}", extra_body, ""]
    return "\n".join(lines + BACK) + "\n"


def _scan(tmp_path, text):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    return doc, [f for f in scan_document(doc, credits=True) if f.severity.value != "info"]


def test_clean_web_page_raises_nothing_and_its_list_is_contents(tmp_path):
    doc, found = _scan(tmp_path, page())
    assert [f.text for f in found] == []
    entries = [b.text for b in doc.blocks if b.contents and b.text[:1].isdigit()]
    assert entries == [f"{i}. {t}" for i, t in enumerate(TITLES, 1)]
    body_headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert body_headings[:3] == ["1. Introduction", "2. Purpose of Local Reviews", "3. Criteria for Commissioning"]


def test_a_name_in_the_body_and_in_a_contents_entry_is_flagged_in_both(tmp_path):
    text = page(extra_entry="Account Given by Kelly Ashworth-Price",
                extra_body="Kelly Ashworth-Price described the weeks before the incident to the reviewer.")
    _, found = _scan(tmp_path, text)
    hits = [f for f in found if "Kelly Ashworth-Price" in f.text]
    lines = sorted({text.count("\n", 0, f.location.start) for f in hits})
    assert len(lines) == 3  # the contents entry, the body heading and the paragraph


def test_numbered_people_without_a_contents_title_are_names(tmp_path):
    text = ("Record of the learning event\n\nAttendees\n1. Kelly Ashworth\n2. Darren Whitlow\n"
            "3. Priya Sandhu\n\nThe group discussed the chronology and agreed the findings.\n")
    _, found = _scan(tmp_path, text)
    assert {f.text for f in found} >= {"Kelly Ashworth", "Darren Whitlow", "Priya Sandhu"}


def test_unpaged_list_whose_titles_never_return_is_not_contents(tmp_path):
    text = ("Contents\n1. Kelly Ashworth\n2. Darren Whitlow\n3. Priya Sandhu\n\n"
            "The meeting discussed the chronology.\n")
    doc, found = _scan(tmp_path, text)
    assert not any(b.contents for b in doc.blocks if b.text[:1].isdigit())
    assert {f.text for f in found} >= {"Kelly Ashworth", "Darren Whitlow", "Priya Sandhu"}


@pytest.mark.parametrize("word, ordinary", [
    ("Notify", True), ("Expectations", True), ("Effectiveness", True), ("Criminology", True),
    ("Florence", False), ("Constance", False), ("Trinity", False), ("Fleming", False),
    ("Louise", False), ("Ness", False), ("Clement", False), ("Clements", False),
    ("Harkness", False), ("Winship", False), ("Worship", False),
])
def test_ordinary_word_endings_leave_names_alone(word, ordinary):
    assert ordinary_word_shape(word) is ordinary


def test_txt_findings_name_the_file_line(tmp_path):
    """A .txt finding says which line of the file to open (a form feed from pdftotext is no line
    break to an editor); the JSON keeps the file offsets SPEC §6 gives."""
    text = "Cover page\fstill the first line\n\nThe visit was planned.\nKelly Ashworth rang the duty team.\n"
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    (found,) = [f for f in scan_document(read_document(path)) if f.text == "Kelly Ashworth"]
    assert found.location.line == 4
    assert text[found.location.start:found.location.end] == "Kelly Ashworth"
    assert found.location.describe().startswith("body line 4:")


def test_a_surname_after_a_title_in_a_heading_is_a_name(tmp_path):
    """Red-team finding: "Account of Mr Worship" lost its name to the word-ending cue."""
    text = ("Contents\n1. Introduction\n2. Account of Mr Worship\n3. Views of Ms Burness\n\n"
            "1. Introduction\nThe review heard from the family.\n\n2. Account of Mr Worship\n"
            "He described the visits.\n\n3. Views of Ms Burness\nShe described the school's concerns.\n")
    _, found = _scan(tmp_path, text)
    assert {"Worship", "Burness"} <= {f.text.split()[-1] for f in found}


def test_a_name_only_in_a_contents_entry_is_flagged(tmp_path):
    """Red-team finding: a contents entry naming someone whose section was renamed in the body."""
    text = ("Contents\n1. Introduction\n2. Background\n3. Views of Marguerite Oyelaran-Finch\n4. Findings\n\n"
            "1. Introduction\nThe review began in May.\n\n2. Background\nThe family moved often.\n\n"
            "3. The Grandmother's View\nShe spoke to the reviewer.\n\n4. Findings\nThere are three.\n")
    _, found = _scan(tmp_path, text)
    assert "Marguerite Oyelaran-Finch" in {f.text for f in found}


def test_lines_after_a_contents_list_are_not_swallowed(tmp_path):
    """Red-team finding: a panel list right after an unpaged contents list was taken for contents."""
    text = ("Contents\n1. Introduction\n2. Background\n3. Findings\n\nReview Panel\n"
            "Bartholomew Nkemelu, Designated Nurse\nIngrid Poskitt-Vale, Head of Early Help\n\n"
            "1. Introduction\nThe review began in May.\n\n2. Background\nThe family moved often.\n\n"
            "3. Findings\nThere are three.\n")
    doc, found = _scan(tmp_path, text)
    assert not any(b.contents for b in doc.blocks if "Nkemelu" in b.text or "Panel" in b.text)
    assert {"Bartholomew Nkemelu", "Ingrid Poskitt-Vale"} <= {f.text for f in found}



@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_numbers_whatever_the_line_endings(tmp_path, newline):
    text = newline.join(["Notes", "", "The visit was planned.", "Kelly Ashworth rang the duty team.", ""])
    path = tmp_path / "notes.txt"
    path.write_bytes(text.encode("utf-8"))
    (found,) = [f for f in scan_document(read_document(path)) if f.text == "Kelly Ashworth"]
    assert found.location.line == 4
