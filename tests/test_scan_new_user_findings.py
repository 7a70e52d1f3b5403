"""What a new user found checking the README's claims from a clean clone (written here as
tests, each with the outcome a careful reader expects)."""

from __future__ import annotations

import zipfile

import docx

from cspr_docs.anonymise import Register, redact_document, scan_document
from cspr_docs.document import read_document


def _found(tmp_path, text, name="t.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found = scan_document(read_document(path), credits=True)
    return [f.text for f in found if f.severity.value != "info"], [f.text for f in found if f.severity.value == "info"]


def test_a_name_on_a_cover_line_above_an_author_label_is_not_a_credit(tmp_path):
    warn, info = _found(tmp_path, "Report into the death of Harley Brannigan\nAuthor: Bronwen Castellane\n\n"
                                  "1.1 Harley Brannigan lived with his mother.\n")
    assert warn == ["Harley Brannigan", "Harley Brannigan"] and info == ["Bronwen Castellane"]


def test_lower_case_mentions_that_act_in_a_sentence(tmp_path):
    warn, _ = _found(tmp_path, "Mother's partner, who is known as Gaz, moved in.\nLater gaz was seen at the "
                               "flat.\nSummer Walsh was born in 2019. The summer was hot and summer holidays "
                               "began. Later summer was seen at the park.\n")
    assert warn.count("gaz") == 1 and "Gaz" in warn
    # a forename that is also a word stays the word in ordinary prose (red-team pass 3: "grace was
    # shown", "no mark was found"); only a pasted message makes "summer" a name
    assert warn.count("summer") == 0


def test_dotted_dates_closing_a_sentence(tmp_path):
    warn, _ = _found(tmp_path, "The last visit was on 12.10.2023.\nThe next was on 01.02.2024.\n")
    assert warn == ["12.10.2023", "01.02.2024"]


def test_plural_dog_breeds_forces_and_conditions(tmp_path):
    warn, _ = _found(tmp_path, "The family kept two Jack Russell Terriers, a Bichon Frise and two Cavalier King "
                               "Charles Spaniels. Avon and Somerset Constabulary attended. The boy had Duchenne "
                               "muscular dystrophy; the Lundy model and the Wood Report were used.\n")
    assert warn == []


def test_premises_named_before_a_lower_case_word(tmp_path):
    warn, _ = _found(tmp_path, "Mother often met him at the Red Lion pub. Child B later attended Oakfield "
                               "Family Hub.\n")
    assert "Red Lion" in warn and "Oakfield Family Hub" in warn


def test_email_header_names_one_person_one_pseudonym_and_no_garbling(tmp_path):
    d = docx.Document()
    for line in ("From: Oyelaran, Gareth", "To: Chaudhry, Priya", "Subject: home visit",
                 "Priya Chaudhry visited the family on Tuesday."):
        d.add_paragraph(line)
    path = tmp_path / "hdr.docx"
    d.save(path)
    out = redact_document(read_document(path), Register())
    paragraphs = [p.text for p in docx.Document(__import__("io").BytesIO(out.data)).paragraphs]
    assert paragraphs == ["From: Person 1", "To: Person 2", "Subject: home visit",
                          "Person 2 visited the family on Tuesday."]


def test_a_found_name_leaves_comment_authors_too(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Rhiannon Kettleby attended the strategy meeting.")
    d.add_comment(p.runs, text="Check this.", author="Rhiannon Kettleby", initials="RK")
    path = tmp_path / "auth.docx"
    d.save(path)
    out = redact_document(read_document(path), Register())
    out_path = tmp_path / "auth.red.docx"
    out_path.write_bytes(out.data)
    with zipfile.ZipFile(out_path) as z:
        for name in z.namelist():
            body = z.read(name).decode("utf-8", "ignore")
            assert "Kettleby" not in body and 'w:initials="RK"' not in body, name


def test_third_red_team_pass(tmp_path):
    """Names left in copies, or ordinary words garbled, after the new user's fixes."""
    from cspr_docs.anonymise import Register as Reg

    text = ("Lorna Scopes is the mother. Ms Scopes told the health visitor she was coping.\n"
            "Grace Pellow is the grandmother. Throughout, grace was shown by staff. No mark was found. "
            "Mark Ellery is her partner.\n"
            "Tasha Brennock visited. Police noted that tasha had a van. Later tasha refused help.\n"
            "The grandfather, Alan Birtle, was formerly Deputy Chief Constable.\n"
            "Foreword by Leah Marsh, Ellie's mother\n\n"
            "3.1 Ellie Marsh was four. Mia Walsh-Tennant moved schools.\n"
            "Visitors park on the road. Mother used the Turkish barbers and a YMCA hostel.\n")
    path = tmp_path / "t3.txt"
    path.write_text(text, encoding="utf-8")
    register = Reg.model_validate({"people": [{"name": "Mia Walsh", "pseudonym": "Sibling 1"}]})
    copy = redact_document(read_document(path), register).data.decode("utf-8")
    for real in ("Scopes", "tasha", "Alan Birtle", "Leah Marsh", "Ellie Marsh", "Walsh", "Tennant"):
        assert real not in copy, real
    for word in ("grace was shown", "No mark was found", "Visitors park", "Turkish barbers", "YMCA hostel"):
        assert word in copy, word

