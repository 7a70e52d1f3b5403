"""Lists of people, one a line (attendees of a learning event, a review panel): the language
model misses names on lines of their own. Expected findings written before the run (the
red-team pass's layouts, rewritten here): every person's name whole, no team or agency, in
.txt, .md and .docx."""

from __future__ import annotations

import docx
import pytest

from cspr_docs.anonymise import scan_document
from cspr_docs.document import read_document

TAIL = "\nThe group discussed the chronology and agreed the findings.\n"


def _warnings(tmp_path, text, suffix=".txt"):
    path = tmp_path / f"list{suffix}"
    path.write_text(text, encoding="utf-8")
    return [f.text for f in scan_document(read_document(path)) if f.severity.value != "info"]


@pytest.mark.parametrize("title", ["Attendees", "## Attendees", "**Present:**", "In attendance:"])
def test_every_name_under_a_people_title(tmp_path, title):
    text = f"Learning event\n\n{title}\n\n- Fenella Ruscombe\n- Peregrine Askwith\n- Clemency Mortlake\n" + TAIL
    assert _warnings(tmp_path, text, ".md") == ["Fenella Ruscombe", "Peregrine Askwith", "Clemency Mortlake"]


def test_a_team_in_the_list_is_skipped_not_a_stop(tmp_path):
    text = "Attendees\n1. Fenella Ruscombe\n2. Early Help Team\n3. Peregrine Askwith\n4. Clemency Mortlake\n" + TAIL
    assert _warnings(tmp_path, text) == ["Fenella Ruscombe", "Peregrine Askwith", "Clemency Mortlake"]


def test_surnames_that_are_words_and_roles_after_the_name(tmp_path):
    text = ("Present:\n- Sophie Page, Health Visitor\n- Carl Young (School Nurse)\n"
            "- Ruth Constable \u2013 Family Support Worker\n- Nadia Story\n" + TAIL)
    assert _warnings(tmp_path, text) == ["Sophie Page", "Carl Young", "Ruth Constable", "Nadia Story"]


def test_agencies_under_a_people_title_are_not_people(tmp_path):
    text = ("Attendees\n1. Kelderby Council\n2. Westmarch Constabulary\n3. Ashgrove Integrated Care Board\n"
            "4. Barnardo's\n" + TAIL)
    assert _warnings(tmp_path, text) == []


def test_an_untitled_list_of_agencies_after_one_person(tmp_path):
    text = ("Those who contributed:\n\n- Kelly Ashworth\n- Darren Whitlow\n- Kelderby Council\n"
            "- Westmarch Constabulary\n" + TAIL)
    assert _warnings(tmp_path, text) == ["Kelly Ashworth", "Darren Whitlow"]


def test_word_list_paragraphs_under_a_heading(tmp_path):
    d = docx.Document()
    d.add_paragraph("Learning event record")
    d.add_heading("Attendees", level=2)
    for name in ("Fenella Ruscombe", "Peregrine Askwith", "Clemency Mortlake"):
        d.add_paragraph(name, style="List Bullet")
    d.add_paragraph("The group discussed the chronology and agreed the findings.")
    path = tmp_path / "event.docx"
    d.save(path)
    found = [f.text for f in scan_document(read_document(path)) if f.severity.value != "info"]
    assert found == ["Fenella Ruscombe", "Peregrine Askwith", "Clemency Mortlake"]
