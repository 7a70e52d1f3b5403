"""Issue 11: ``scan`` on text laid out as real reports are (tests/corpus/realistic.py).

Targets: recall of planted identifiers >= 0.97, decoys flagged <= 0.03, at most 2 false alarms
per 1,000 words of published-style clean text, credits reported as information only. Run with
``-s`` to see the figures (the README quotes them). Then each listed false alarm and miss on
its own, in both directions, and issue 16 point 2 (email addresses redacted whole).
"""

from __future__ import annotations

import json

import pytest

from corpus.evaluate import evaluate, format_result
from corpus.realistic import CASE_YAML, clean_reports, draft, heldout
from cspr_docs.anonymise import Register, scan_document
from cspr_docs.casefile import load_case
from cspr_docs.document import read_document


def _scan(tmp_path, name, text, register=None, case=True):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    case_obj = None
    if case:
        (tmp_path / "case.yaml").write_text(CASE_YAML, encoding="utf-8")
        case_obj = load_case(tmp_path / "case.yaml")
    return scan_document(read_document(path), register, case=case_obj, credits=True)


def _flagged(findings):
    return [(f.location.start, f.location.end) for f in findings if f.severity.value != "info"]


@pytest.fixture(scope="module")
def draft_result(tmp_path_factory):
    doc = draft()
    found = _scan(tmp_path_factory.mktemp("draft"), "draft", doc.text)
    result = evaluate(doc.text, _flagged(found), doc.labels, doc.decoys)
    print("\n" + format_result("Realistic-layout draft (planted identifiers, decoys):", result))
    return doc, found, result


def test_texts_written_after_tuning(tmp_path):
    """Texts written after the cues were settled: the same targets (the README quotes both)."""
    drafts, cleans = heldout()
    for doc in drafts:
        found = _scan(tmp_path, "heldout", doc.text, case=False)
        result = evaluate(doc.text, _flagged(found), doc.labels, doc.decoys)
        print("\n" + format_result(f"Held-out {doc.name}:", result))
        f, t = result["overall"]
        assert f / t >= 0.97, result["missed"]
        fl, dt = result["decoys"]
        assert fl / dt <= 0.03
    for doc in cleans:
        alarms = [f.text for f in _scan(tmp_path, "heldout_clean", doc.text, case=False)
                  if f.severity.value != "info"]
        print(f"Held-out {doc.name}: {doc.words()} words, {len(alarms)} false alarm(s)")
        assert 1000 * len(alarms) / doc.words() <= 2.0, alarms


def test_recall_on_realistic_layout(draft_result):
    _doc, _found, result = draft_result
    found, total = result["overall"]
    assert total >= 70
    assert found / total >= 0.97, result["missed"]


def test_decoys_on_realistic_layout(draft_result):
    doc, found, result = draft_result
    flagged, total = result["decoys"]
    assert total >= 40
    assert flagged / total <= 0.03, [doc.text[s:e] for s, e in doc.decoys
                                     if any(a < e and s < b for a, b in _flagged(found))]


def test_no_finding_crosses_a_line(draft_result):
    _doc, found, _ = draft_result
    assert found and not [f.text for f in found if "\n" in f.text]


def test_credits_are_information(draft_result, tmp_path):
    docs = [draft_result[0], *clean_reports()]
    for doc in docs:
        found = draft_result[1] if doc is docs[0] else _scan(tmp_path, "c", doc.text)
        info = [(f.location.start, f.location.end) for f in found if f.severity.value == "info"]
        for s, e in doc.credits:
            assert not any(a < e and s < b for a, b in _flagged(found)), doc.text[s:e]
        # at least the credit on the cover page is reported, as information
        s, e = doc.credits[0]
        assert any(a < e and s < b for a, b in info), doc.text[s:e]


@pytest.mark.parametrize("with_case", [True, False], ids=["with case file", "without case file"])
def test_false_alarms_per_thousand_words_of_clean_text(tmp_path, with_case):
    from corpus.clean_text import CLEAN_PARAGRAPHS

    words = alarms = 0
    lines = []
    docs = [*clean_reports()]
    for doc in docs:
        found = [f for f in _scan(tmp_path, doc.name.replace(" ", "_"), doc.text, case=with_case)
                 if f.severity.value != "info"]
        n = doc.words()
        words += n
        alarms += len(found)
        lines.append(f"  {doc.name}: {n} words, {len(found)} false alarm(s) {[f.text for f in found]}")
    plain = "\n\n".join(CLEAN_PARAGRAPHS) + "\n"
    found = [f for f in _scan(tmp_path, "plain", plain, case=with_case) if f.severity.value != "info"]
    words += len(plain.split())
    alarms += len(found)
    rate = 1000 * alarms / words
    print(f"\nClean published-style text ({'with' if with_case else 'without'} case file): {words} words, "
          f"{alarms} false alarm(s), {rate:.2f} per 1,000 words")
    print("\n".join(lines))
    assert words >= 1500
    assert rate <= 2.0


def test_public_details_without_a_case_file(tmp_path):
    """National mailboxes, helplines, police forces, regions, vocabulary: public whatever the case."""
    text = ("The family lived across the South West and in London before moving to Merseyside. "
            "West Yorkshire Police shared records. The family kept a Pit Bull Terrier and a Cane "
            "Corso. Mother has von Willebrand disease; a Clare's Law request was made. The Brook "
            "Traffic Light Tool and the Graded Care Profile were used. Call the NSPCC on "
            "0808 800 5000 or Childline on 0800 1111; the Panel's mailbox is "
            "Mail.ncspr@education.gov.uk. The panel met on Microsoft Teams.\n")
    assert _flagged(_scan(tmp_path, "public", text, case=False)) == []


def test_partnership_back_page_is_public(tmp_path):
    text = ("Kelderby Safeguarding Children Partnership\nCivic Offices, 2 Minster Row, Kelderby, KB1 4TR\n"
            "Telephone: 01632 960 412\nEmail: kscp@kelderby.gov.uk\nWebsite: www.kelderbyscp.org.uk\n"
            "Twitter: @KelderbySCP\n")
    assert _flagged(_scan(tmp_path, "back", text)) == []
    # without a case file the layout still says what it is: a partnership's contact card
    assert _flagged(_scan(tmp_path, "back", text, case=False)) == []
    # ... but not when the lines are prose, or the number is a mobile, or the mailbox a person's
    other = ("Kelderby Safeguarding Children Partnership\nTelephone: 01632 960 412\nEmail: kscp@kelderby.gov.uk\n"
             "Mobile: 07700 900123\nEmail: kelly.walsh@example.com\nKelly lived at 14 Elm Road, KB2 9QQ.\n")
    flagged = {f.text for f in _scan(tmp_path, "back2", other, case=False) if f.severity.value != "info"}
    assert flagged == {"07700 900123", "kelly.walsh@example.com", "Kelly", "14 Elm Road", "KB2 9QQ"}, flagged


@pytest.mark.parametrize("text, must, must_not", [
    # contents lists and headings are not names
    ("Contents\nForeword ........ 2\nLessons Learnt ........ 9\nAppendix C\t14\nPage 1 of 18\n", set(),
     {"Foreword", "Lessons Learnt", "Appendix C", "Page"}),
    ("The Principal Social Worker and the Safeguarding Midwife met the Independent Chair.\n", set(),
     {"Principal Social Worker", "Safeguarding Midwife", "Independent Chair"}),
    # a finding never swallows the next line
    ("The visit was made by John O'Connor\nDesignated Safeguarding Lead\n", {"John O'Connor"},
     {"Designated", "Designated Safeguarding Lead"}),
    # nicknames, initials, name shapes
    ("He was known as Gaz at school and calls himself Big Mo online.\n", {"Gaz", "Big Mo"}, set()),
    ("Mr J. O'Connor said that K.M. had visited; M. Clarke agreed, e.g. on Monday.\n",
     {"J. O'Connor", "K.M.", "M. Clarke"}, {"e.g."}),
    ("From: Warsame, Hodan\nTo: Gartside, Ellie-May\nSubject: visit\n",
     {"Warsame, Hodan", "Gartside, Ellie-May"}, {"visit"}),
    ("11.03.22\tPolice\tPC Darren Holt attended. The social worker, Siobh\u00e1n N\u00ed Dhuibhir, "
     "emailed Kieran Obi (SW) and the Youth Offending Service.\n",
     {"Darren Holt", "Siobh\u00e1n N\u00ed Dhuibhir", "Kieran Obi", "11.03.22"}, {"Offending", "Police"}),
    # a post quoted in prose: the name a cue introduces, lower-case names inside the quote
    ("Baby Maisie was born early.\n\nA Facebook post by \"Shaz Harper\" read: \"me and maisie "
     "chilling x\". The baby was seen in the summer.\n", {"Maisie", "Shaz Harper", "maisie"},
     {"summer", "baby"}),
    # the review's own dates are public; the child's are not; post-nominals are not names
    ("Date approved:\n\n9 December 2025\n\nThe Rapid Review met on 3 March 2021. The child was "
     "seen by the GP on 4 March 2021. The reviewer, Jim Gamble QPM, thanks the family.\n",
     {"4 March 2021"}, {"9 December 2025", "3 March 2021", "QPM", "Jim Gamble QPM"}),
    # labelled numbers whatever their checksum; dotted dates; old registrations; references
    ("The NHS number is 9174681455 and the NI number QQ 12 34 56 C.\n", {"9174681455", "QQ 12 34 56 C"}, set()),
    ("Seen on 1.2.24, 12.07.25 and 14.9.09; see paragraph 4.1 and section 2.3.\n",
     {"1.2.24", "12.07.25", "14.9.09"}, {"4.1", "2.3"}),
    ("The car, registration W463 LJA, was seen. MFH 25/0441; PNC ID 01/847362F; case KB24C00517.\n",
     {"W463 LJA", "MFH 25/0441", "01/847362F", "KB24C00517"}, set()),
    ("She was on Snapchat as sumz_xo and had a TikTok account lilsummer09. She added him on "
     "Snapchat and messaged him.\n", {"sumz_xo", "lilsummer09"}, {"and"}),
    # named premises
    ("They stayed at the Kestrel Lodge Hotel, ate at Golden Dragon Takeaway, went to Brackley "
     "Youth Club and Hollins Park, and were registered with Dr Shah & Partners. The cousin went "
     "to Little Owls nursery; the youth club and the care home were closed.\n",
     {"Kestrel Lodge Hotel", "Golden Dragon Takeaway", "Brackley Youth Club", "Hollins Park",
      "Dr Shah & Partners", "Little Owls"}, {"youth club", "care home"}),
])
def test_listed_false_alarms_and_misses(tmp_path, text, must, must_not):
    found = {f.text for f in _scan(tmp_path, "case", text, case=False) if f.severity.value != "info"}
    assert must <= found, must - found
    assert not (must_not & found), must_not & found


def test_cited_authors_and_area_names_of_public_bodies_are_public(tmp_path):
    text = ("Research by Brandon et al. (2020) and Munro (2011) informed the review. Kelly Walsh "
            "met Ben Carter in 2019.\n\n"
            "Munro, E. (2011) The Munro Review of Child Protection. London: DfE.\n\n"
            "Ashvale Borough Council and Ashvale Safeguarding Children Partnership agreed. Later, "
            "Ashvale was praised; the national reviews of Arthur Labinjo-Hughes and Star Hobson "
            "were considered.\n\n"
            "Dr Sidebotham's research on neglect (Sidebotham et al, 2016) was discussed with the "
            "Youth Offending Service at the Children's Centre on Mare Street.\n")
    found = {f.text for f in _scan(tmp_path, "cite", text, case=False) if f.severity.value != "info"}
    assert found == {"Kelly Walsh", "Ben Carter", "Mare Street"}, found


def test_register_hit_inside_a_wider_name_flags_the_whole_name(tmp_path):
    register = Register.model_validate({"people": [{"name": "Liam Xavier", "pseudonym": "Uncle"}]})
    found = _scan(tmp_path, "wide", "Liam Lewandowski visited. Liam said little.\n", register, case=False)
    texts = {(f.rule, f.text) for f in found}
    assert ("ANO001", "Liam Lewandowski") in texts and ("ANO001", "Liam") in texts


def test_found_names_propagate_in_any_case_and_across_lines(tmp_path):
    text = ("Summer Ashby-Clarke is the half-sister. Mark Ellison is the uncle.\n\n"
            "Mark said that Summer's phone was taken. The visit was in the summer of 2023.\n\n"
            "TJ: tell summer ill get her that\nEllie: ok dont tell mark\n"
            "TJ: ASHBY-CLARKE said hes coming\n\n"
            "The report names Mark\nEllison on two lines.\n")
    found = [f for f in _scan(tmp_path, "prop", text, case=False) if f.severity.value != "info"]
    at = {(f.location.start, f.text) for f in found}
    for word, nth in (("Mark", 1), ("Summer", 1), ("summer", 1), ("mark", 0), ("ASHBY-CLARKE", 0),
                      ("Ellison", 1), ("TJ", 0)):
        pos = -1
        for _ in range(nth + 1):
            pos = text.index(word, pos + 1)
        assert (pos, word) in at, word
    # ordinary prose keeps its ordinary words
    assert (text.index("summer of 2023"), "summer") not in at
    assert not [f.text for f in found if "\n" in f.text]


def test_defined_abbreviations_are_identifying(tmp_path):
    text = ("Attendees: Helen Ashworth-Leigh (HAL), Rory Dunmore (RD).\n\n"
            "HAL agreed to write to KRI. RD would follow up with the MASH.\n\n"
            "Glossary\nKRI: Kelderby Royal Infirmary\nMASH: Multi-Agency Safeguarding Hub\n")
    found = [f.text for f in _scan(tmp_path, "abbr", text, case=False) if f.severity.value != "info"]
    assert found.count("HAL") == 2 and found.count("KRI") == 2 and found.count("RD") == 2
    assert "MASH" not in found


def test_email_address_holding_a_register_name_is_redacted_whole(cli, tmp_path):
    """Issue 16 point 2: a register hit inside an address does not cancel the address finding."""
    reg = tmp_path / "register.yaml"
    reg.write_text("people:\n  - name: Kelly Walsh\n    pseudonym: Mother\n", encoding="utf-8")
    src = tmp_path / "emails.txt"
    src.write_text("Mother wrote from kelly.walsh@example.com and then walsh.kelly@outlook.com.\n",
                   encoding="utf-8")
    scan = cli("scan", src, "--register", reg, "--format", "json")
    found = json.loads(scan.stdout)["findings"]
    assert {(f["rule"], f["text"]) for f in found} == {("ANO001", "kelly.walsh@example.com"),
                                                       ("ANO001", "walsh.kelly@outlook.com")}
    out = tmp_path / "public.txt"
    assert cli("redact", src, "--register", reg, "-o", out).code == 0
    copy = out.read_text(encoding="utf-8")
    for part in ("kelly", "walsh", "Kelly", "Walsh", "example.com", "outlook", "@"):
        assert part not in copy, part
    assert copy.count("[email address]") == 2
    rescan = cli("scan", out, "--register", reg, "--format", "json")
    assert rescan.code == 0 and json.loads(rescan.stdout)["findings"] == []


def _as_docx(doc, path):
    """``doc`` as a Word file: one paragraph a line, numbered and short title lines as headings.
    Returns, for each label, decoy and credit span, its (paragraph, start, end)."""
    import re

    import docx

    word = docx.Document()
    where = {}
    number = 0
    pos = 0
    heading = re.compile(r"^(?:\d+\.\s+[A-Z][^.]{0,60}|Contents|Foreword|Glossary|Appendix [A-Z0-9][^.]{0,40}"
                         r"|Key Practice Episode \d+:[^.]*|Finding \d+:[^.]*)$")
    for line in doc.text.split("\n"):
        if line.strip():
            number += 1
            if heading.match(line.strip()):
                word.add_heading(line, level=1)
            else:
                word.add_paragraph(line)
            where[number] = (pos, pos + len(line))
        pos += len(line) + 1
    word.save(path)

    def locate(s, e):
        for p, (a, b) in where.items():
            if a <= s < b:
                return p, s - a, min(e, b) - a
        raise AssertionError((s, e))

    return ([(*locate(s, e), k) for s, e, k in doc.labels], [locate(s, e) for s, e in doc.decoys])


def test_same_targets_in_word_documents(tmp_path):
    """The layout cues hold when the report is a .docx (headings styled, one paragraph a line)."""
    (tmp_path / "case.yaml").write_text(CASE_YAML, encoding="utf-8")
    case = load_case(tmp_path / "case.yaml")
    doc = draft()
    labels, decoys = _as_docx(doc, tmp_path / "draft.docx")
    found = [f for f in scan_document(read_document(tmp_path / "draft.docx"), case=case, credits=True)
             if f.severity.value != "info"]

    def hit(p, s, e):
        return any(f.location.paragraph == p and f.location.start < e and s < f.location.end for f in found)

    recall = sum(hit(p, s, e) for p, s, e, _k in labels) / len(labels)
    decoy_rate = sum(hit(p, s, e) for p, s, e in decoys) / len(decoys)
    words = alarms = 0
    for clean in clean_reports():
        _as_docx(clean, tmp_path / "clean.docx")
        alarms += sum(1 for f in scan_document(read_document(tmp_path / "clean.docx"), case=case)
                      if f.severity.value != "info")
        words += clean.words()
    print(f"\n.docx: recall {recall:.3f}, decoys flagged {decoy_rate:.3f}, "
          f"{1000 * alarms / words:.2f} false alarms per 1,000 words")
    assert recall >= 0.97 and decoy_rate <= 0.03 and 1000 * alarms / words <= 2.0


def test_partnership_details_from_settings(tmp_path):
    """The configuration's partnership block (same field names) works like the case file's."""
    from corpus.realistic import PARTNERSHIP
    from cspr_docs.anonymise import Settings

    text = "Telephone: 01632 960 412\nEmail: kscp@kelderby.gov.uk\nTwitter: @KelderbySCP\nCall 01632 960 999.\n"
    path = tmp_path / "back.txt"
    path.write_text(text, encoding="utf-8")
    found = {f.text for f in scan_document(read_document(path), settings=Settings(partnership=PARTNERSHIP))}
    assert found == {"01632 960 999"}
