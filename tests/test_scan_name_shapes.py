"""Issue 11 name shapes checked as a new user would: a hyphenated forename on its own
("Ellie-May") is a name wherever it stands; title-case compounds are not ("Multi-Agency",
"Decision-Making", "Anglo-Saxon", "Front-Line"). A public body's mailbox is not a person's
address; a personal one is. Expected findings written before the run."""

from __future__ import annotations

from cspr_docs.anonymise import scan_document
from cspr_docs.document import read_document


def _warnings(tmp_path, text):
    path = tmp_path / "shapes.txt"
    path.write_text(text, encoding="utf-8")
    return [f.text for f in scan_document(read_document(path)) if f.severity.value != "info"]


def test_a_hyphenated_forename_alone_is_a_name(tmp_path):
    text = ("Ellie-May was seen at home by the health visitor.\nThe health visitor saw Ellie-May at home.\n"
            "Ellie-May and Tyler-Jay were at nursery.\n")
    assert _warnings(tmp_path, text) == ["Ellie-May", "Ellie-May", "Ellie-May", "Tyler-Jay"]


def test_title_case_compounds_are_not_names(tmp_path):
    text = ("The Multi-Agency Safeguarding Hub and the Decision-Making Panel met. Long-Term plans, "
            "Anglo-Saxon history and the Front-Line staff were discussed. A Non-Accidental Injury was "
            "suspected. Well-Being matters to the Afro-Caribbean community. A Follow-Up visit was made.\n")
    assert _warnings(tmp_path, text) == []


def test_public_mailboxes_and_personal_addresses(tmp_path):
    text = ("Write to mailbox@nationalpanel.gov.uk or safeguarding.partnership@kelderby.gov.uk. "
            "The mother wrote from kellyashworth88@gmail.com.\n")
    assert _warnings(tmp_path, text) == ["kellyashworth88@gmail.com"]


def test_places_named_town_city_or_hall_are_still_places(tmp_path):
    """Second red-team pass: a filter meant for public bodies dropped real places."""
    text = ("The family lived in Brayford City and later Colbeck Town, near the Whitby Hall estate. "
            "They moved to Redwick Town centre. The Kelderby Safeguarding Partnership was told.\n")
    warn = _warnings(tmp_path, text)
    for place in ("Brayford City", "Colbeck Town", "Whitby Hall", "Redwick Town"):
        assert any(place in w for w in warn), place
    assert not any("Partnership" in w for w in warn)
