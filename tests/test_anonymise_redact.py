"""``cspr-docs redact``: pseudonymised copies that keep formatting and never keep the register."""

from __future__ import annotations

import json
import re

import docx

from conftest import sha256_of
from corpus.docx_builder import all_xml_text, build_sensitive_docx
from cspr_docs.anonymise import load_register

REGISTERED = ["Jayden", "Walsh", "Kelly", "Ryan", "Doherty", "Mia", "Darren", "Sandra", "Hughes",
              "Chloe", "Bennett", "Elm Road", "Little Acorns", "Elm Road Surgery", "Exampleton Primary",
              "LL123456", "07700 900461", "999 401 2345", "14/05/2022", "14 May 2022", "JJ", "Jay"]


def leftovers(text: str) -> list[str]:
    return [name for name in REGISTERED
            if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE)]


def test_redact_docx_split_runs_header_comment_tracked_change(cli, tmp_path, example_register):
    src = build_sensitive_docx(tmp_path / "report.docx")
    before = sha256_of(src)
    out, mapping = tmp_path / "public.docx", tmp_path / "mapping.json"
    result = cli("redact", src, "--register", example_register, "-o", out, "--mapping", mapping)
    assert result.code == 0, result.stderr
    assert sha256_of(src) == before                               # the input is never touched
    assert leftovers(all_xml_text(src))                        # (the test does see names in it)
    assert leftovers(all_xml_text(out)) == []                  # nothing registered, in any part

    red = docx.Document(out)
    paras = red.paragraphs
    assert paras[0].style.name == "Heading 1"
    assert paras[1].text == ("The review concerns Child A, who lived with his mother [name] "
                             "at the family home.")
    assert [r.bold for r in paras[1].runs if r.text] == [None, True, None]   # run formatting kept
    assert paras[2].runs[0].text == "Mother" and paras[2].runs[0].italic
    assert paras[3].style.name == "List Bullet"
    table = red.tables[0]
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[1].cells] == ["the nursery", "Mother's partner"]
    section = red.sections[0]
    assert section.header.paragraphs[0].text == "CONFIDENTIAL - Child A"
    assert section.footer.paragraphs[0].text == "Prepared about Sibling 1"
    assert red.core_properties.title == "Review concerning Child A"
    import zipfile

    with zipfile.ZipFile(out) as zf:
        footnotes = zf.read("word/footnotes.xml").decode()
    assert "Information from the " in footnotes and "relative" in footnotes and "<w:i/>" in footnotes
    comments = list(red.comments)
    assert comments[0].text == "Check with Father before publication"
    assert comments[0].author == "Mother's partner"

    data = json.loads(mapping.read_text())
    pairs = {(m["real"], m["replacement"]) for m in data["replacements"]}
    assert ("Jayden Walsh", "Child A") in pairs and ("14 Elm Road", "the family home") in pairs
    # the mapping never goes into the copy
    assert "Jayden Walsh" not in out.read_bytes().decode("latin-1")

    # the copy passes scan with the register
    rescan = cli("scan", out, "--register", example_register, "--format", "json")
    assert rescan.code == 0, rescan.stdout


def test_redact_txt_consistent_people_and_placeholders(cli, tmp_path, example_register):
    src = tmp_path / "report.md"
    src.write_text("# Review of Child A\n\n"
                   "Priya Sharma, the health visitor, phoned Mrs Walsh on 3 March 2021. Later "
                   "Priya Sharma met Tom Ellis; Ms Sharma wrote to tom.ellis@example.com.\n\n"
                   "Jayden's home was Flat 2, 9 Mill Lane, Exampleton EX4 7QT; he posted as @jay_w99 "
                   "and his NHS number is 943 476 5919. Tom Ellis was present.\n", encoding="utf-8")
    out, mapping = tmp_path / "public.md", tmp_path / "map.json"
    result = cli("redact", src, "--register", example_register, "-o", out, "--mapping", mapping)
    assert result.code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Review of Child A\n\n")
    assert text.count("Person 1") == 3 and text.count("Person 2") == 2   # same person, same placeholder
    for placeholder in ("[date]", "[email address]", "[address]", "[postcode]", "[handle]", "[NHS number]"):
        assert placeholder in text, placeholder
    assert "Child A's home" in text
    for real in ("Priya", "Sharma", "Ellis", "Walsh", "Mill Lane", "EX4", "jay_w99", "943"):
        assert real not in text, real
    data = json.loads(mapping.read_text())
    assert {"real": "Priya Sharma", "replacement": "Person 1"}.items() <= next(
        m for m in data["replacements"] if m["real"] == "Priya Sharma").items()


def test_redact_refuses_to_overwrite(cli, tmp_path, example_register):
    src = tmp_path / "report.txt"
    src.write_text("Jayden Walsh.\n")
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    refused = cli("redact", src, "--register", example_register, "-o", out)
    assert refused.code == 2 and "--force" in refused.stderr and out.read_text() == "keep me"
    assert cli("redact", src, "--register", example_register, "-o", out, "--force").code == 0
    assert out.read_text() == "Child A.\n"
    same = cli("redact", src, "--register", example_register, "-o", src, "--force")
    assert same.code == 2 and src.read_text() == "Jayden Walsh.\n"
    wrong = cli("redact", src, "--register", example_register, "-o", tmp_path / "out.pdf")
    assert wrong.code == 2
    needs_register = cli("redact", src, "-o", tmp_path / "x.txt")
    assert needs_register.code == 2


def test_text_input_to_fresh_docx(cli, tmp_path, example_register):
    src = tmp_path / "report.md"
    src.write_text("# Findings\n\nKelly Walsh was seen at Elm Road Surgery.\n")
    out = tmp_path / "out.docx"
    assert cli("redact", src, "--register", example_register, "-o", out).code == 0
    d = docx.Document(out)
    assert d.paragraphs[0].style.name == "Heading 1" and d.paragraphs[0].text == "Findings"
    assert d.paragraphs[1].text == "Mother was seen at the GP practice."


def test_redact_document_api(tmp_path, example_register):
    from cspr_docs.anonymise import redact_document
    from cspr_docs.document import read_document

    src = tmp_path / "a.txt"
    src.write_text("Darren Walsh called 07700 900461.\n")
    red = redact_document(read_document(src), load_register(example_register))
    assert red.data.decode() == "Father called [phone number].\n"
    assert red.count == 2 and {m["replacement"] for m in red.mapping} == {"Father", "[phone number]"}


def test_a_comment_by_a_registered_person_loses_their_initials_too(cli, tmp_path):
    """Written down first: a comment authored by "Kelly Walsh" (initials KW) becomes a comment by
    her pseudonym with the pseudonym's initials; a comment by someone not in the register keeps
    its author and initials."""
    import zipfile

    d = docx.Document()
    p1 = d.add_paragraph("The health visitor called on 3 May.")
    p2 = d.add_paragraph("The school nurse called on 4 May.")
    d.add_comment(p1.runs, text="Please check the date.", author="Kelly Walsh", initials="KW")
    d.add_comment(p2.runs, text="Agreed.", author="Sam Reviewer", initials="SR")
    src = tmp_path / "c.docx"
    d.save(src)
    reg = tmp_path / "register.yaml"
    reg.write_text("people:\n  - name: Kelly Walsh\n    pseudonym: Mother\n", encoding="utf-8")
    out = tmp_path / "c.public.docx"
    r = cli("redact", src, "--register", reg, "-o", out)
    assert r.code == 0, r.stderr
    with zipfile.ZipFile(out) as zf:
        comments = zf.read("word/comments.xml").decode("utf-8")
    assert 'w:author="Mother"' in comments and 'w:initials="M"' in comments
    assert "KW" not in comments and "Walsh" not in comments
    assert 'w:author="Sam Reviewer"' in comments and 'w:initials="SR"' in comments
