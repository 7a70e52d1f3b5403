"""Issue 11 leftover: a registered person written with initials ("K. Walsh", "Mrs K. Walsh",
"Kelly W.", "K.W.") kept the initial in the redacted copy ("K. [name]") or was not found at all.

Expected (written before running): each short form is one register finding and becomes the
person's pseudonym when only one registered person fits it, "[name]" when two do; initials that
spell an abbreviation or a short word ("CP" for Callum Price, "TO" for Tyler-Jay O'Donnell-Price)
are not looked for on their own; a lower-case "a Walsh family member" keeps its "a".
"""

from __future__ import annotations

from cspr_docs.anonymise import Register, redact_document, scan_document
from cspr_docs.document import read_document

REGISTER = Register.model_validate({"people": [
    {"name": "Kelly Walsh", "pseudonym": "Mother"},
    {"name": "Jayden Walsh", "pseudonym": "Child A"},
    {"name": "Darren Walsh", "pseudonym": "Father"},
    {"name": "Jordan Walsh", "pseudonym": "Sibling 1"},
    {"name": "Callum Price", "pseudonym": "Child B"},
    {"name": "Tyler-Jay O'Donnell-Price", "pseudonym": "Child C"},
]})

TEXT = ("The health visitor wrote to K. Walsh on the Monday. Mrs K. Walsh did not reply.\n"
        "K Walsh was seen at the clinic; Kelly W. attended later and D Walsh (father) was out.\n"
        "J. Walsh was named by the school, and the notes used K.W. and D.W. throughout; KW is undefined.\n"
        "A Walsh family member rang. The CP plan was reviewed.\n"
        "WELCOME TO THE REVIEW\n")
EXPECTED = ("The health visitor wrote to Mother on the Monday. Mother did not reply.\n"
            "Mother was seen at the clinic; Mother attended later and Father (father) was out.\n"
            "[name] was named by the school, and the notes used Mother and Father throughout; KW is undefined.\n"
            "A [name] family member rang. The CP plan was reviewed.\n"
            "WELCOME TO THE REVIEW\n")


def _doc(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(TEXT, encoding="utf-8")
    return read_document(path)


def test_short_forms_become_the_pseudonym_in_the_copy(tmp_path):
    result = redact_document(_doc(tmp_path), REGISTER)
    assert result.data.decode("utf-8") == EXPECTED
    assert result.places == []


def test_short_forms_are_register_findings_and_abbreviations_are_not(tmp_path):
    found = [f for f in scan_document(_doc(tmp_path), REGISTER) if f.rule == "ANO001"]
    texts = [f.text for f in found]
    for form in ("K. Walsh", "Mrs K. Walsh", "K Walsh", "Kelly W.", "D Walsh", "J. Walsh", "K.W.", "D.W."):
        assert form in texts, form
    assert "CP" not in texts and "TO" not in texts and "KW" not in texts  # undotted: not looked for
    assert all(f.severity.value == "error" for f in found)


def test_middle_names_hyphens_apostrophes_and_scans(tmp_path):
    """Second red-team pass: short forms of longer names leaked in part ("K. Mother", "Mother.P."),
    and undotted initials turned "a CT scan" into "a Brother scan"."""
    register = Register.model_validate({"people": [
        {"name": "Jayden Lee Walsh", "pseudonym": "Child A"},
        {"name": "Kelly Ashworth-Price", "pseudonym": "Mother"},
        {"name": "Siobhan O'Neill", "pseudonym": "Aunt"},
        {"name": "Callum Taylor", "pseudonym": "Brother"},
        {"name": "Dylan Nathan Adams", "pseudonym": "Uncle"},
    ]})
    text = ("J.W. and J.L.W. were seen. K. Ashworth-Price and K.A.P. rang; S. O'Neill called back.\n"
            "A CT scan was done and the appointment was marked DNA.\n")
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    copy = redact_document(read_document(path), register).data.decode("utf-8")
    assert copy == ("Child A and Child A were seen. Mother and Mother rang; Aunt called back.\n"
                    "A CT scan was done and the appointment was marked DNA.\n")

