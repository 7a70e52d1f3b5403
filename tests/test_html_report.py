"""``--format html``: the self-contained page (issue #6).

Pure-Python tests parse the page with lxml.html; the browser tests open it from a
file in Debian's headless Chromium (driven over the DevTools pipe, tests/browser.py)
and look at it as a person would: highlights visible, counts visible, the family
filter working by mouse and keyboard, and a clean console.
"""

from __future__ import annotations

from datetime import date
import os
import re
from collections import Counter
from pathlib import Path

import docx
import lxml.html
import pytest

from cspr_docs.document import Block, Document, read_document
from cspr_docs.findings import Finding, Location, Severity, make_finding, rule_catalogue, summarise
from cspr_docs.html_report import CSP, render_html
from cspr_docs.report import IDENTIFYING_NOTE, Report

HOSTILE = 'The review covers <script>alert(1)</script> & <b>bold</b> "quotes" <img src=x onerror=alert(2)>.'
DEADLINE = date(2027, 3, 10)


# --------------------------------------------------------------------------- sample

def _find(doc: Document, needle: str, part: str | None = None, nth: int = 0) -> tuple[Block, int, int]:
    hits = [(b, m.start()) for b in doc.blocks if part is None or b.location.part == part
            for m in re.finditer(re.escape(needle), b.text)]
    block, start = hits[nth]
    return block, start, start + len(needle)


def _ano(doc: Document, rule: str, needle: str, part: str | None = None, nth: int = 0, **extra) -> Finding:
    block, s, e = _find(doc, needle, part, nth)
    return make_finding(rule, f"'{needle}' looks identifying", block.span(s, e), text=needle, **extra)


def build_sample(folder: Path, name: str = "lcspr-report.docx") -> tuple[Report, Document]:
    """A realistic .docx (title, headings, paragraphs, a table, a header, a comment,
    personal metadata) read with the real reader, with findings of every kind."""
    d = docx.Document()
    d.core_properties.author = "Sam Social Worker"
    d.add_heading("Local Child Safeguarding Practice Review: Child A", level=0)
    d.add_heading("1. Introduction", level=1)
    d.add_paragraph("Jayden Walsh lived at 14 Elm Road with his mother, Mrs Walsh.")
    d.add_heading("1.1 Scope", level=2)
    d.add_paragraph(HOSTILE)
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Agency", (0, 1): "Contact", (1, 0): "Children's Social Care",
                         (1, 1): "JJ visited on 3 May"}.items():
        table.cell(r, c).text = text
    d.add_heading("2. Recommendations", level=1)
    para = d.add_paragraph("Agencies should review ")
    run = para.add_run("home visits")
    d.add_comment(run, text="Check with Jayden Walsh's mum", author="Sam", initials="SS")
    d.sections[0].header.paragraphs[0].text = "DRAFT prepared by Jayden's school"
    path = folder / name
    d.save(path)
    doc = read_document(path)

    findings = [
        _ano(doc, "ANO001", "Jayden Walsh", "body"),
        _ano(doc, "ANO002", "Jayden Walsh", "body", entity="PERSON", score=0.85),  # same span: nests
        _ano(doc, "ANO001", "14 Elm Road"),
        _ano(doc, "ANO001", "Walsh", "body", nth=1),
        _ano(doc, "ANO001", "JJ", "table"),
        _ano(doc, "ANO002", "3 May", entity="DATE_TIME", score=0.6, severity="info"),
        _ano(doc, "ANO002", "alert(1)", entity="OTHER", score=0.3),  # inside the hostile text
        _ano(doc, "ANO001", "Jayden", "header"),
        make_finding("PUB002", "The document still carries a DRAFT marking",
                     _find(doc, "DRAFT", "header")[0].span(0, 5), text="DRAFT"),
        make_finding("HID001", "A comment is still in the file", Location("comment", paragraph=1)),
        make_finding("HID003", "Document properties hold personal data (author)",
                     Location(part="properties", field="author")),
        make_finding("DIS001", "No record of the copy sent to the Panel",
                     Location(part="case-file", field="distribution[0].sent", line=40),
                     source="Working Together 2023, ch.5"),
        make_finding("SEC001", "No section on systemic or underlying reasons",
                     Location(field="systemic"), source="Working Together 2023, ch.5"),
        make_finding("ACC003", "Heading levels skip or there is no H1"),
        _ano(doc, "ANO001", "Jayden Walsh", "comment"),  # nests inside the HID001 highlight
    ]
    checklist = [("introduction", "Introduction / reason for the review", "ok",
                  "Working Together 2023, ch.5"),
                 ("systemic", "Analysis of systemic or underlying reasons", "missing",
                  "Working Together 2023, ch.5 (LCSPR final report)"),
                 ("good-practice", "Good practice", "empty", None)]
    rep = Report(document=str(path), findings=findings, doc_type="lcspr", checklist=checklist,
                 families=["anonymisation", "hidden content", "sections"])
    return rep, doc


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Report, Document, str]:
    rep, doc = build_sample(tmp_path_factory.mktemp("html"))
    return rep, doc, render_html([rep], {rep.document: doc}, deadline=DEADLINE)


def _tree(page: str):
    return lxml.html.document_fromstring(page)


# --------------------------------------------------------------------------- pure Python

def test_page_is_self_contained_and_strict(sample):
    _, _, page = sample
    tree = _tree(page)
    assert page.startswith("<!DOCTYPE html>")
    assert tree.get("lang") == "en-GB"
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert csp == [CSP]
    assert "default-src 'none'" in CSP
    # no reference to anything outside the page: no URL scheme anywhere, no src/href but #anchors
    assert not re.search(r"(?i)\b(?:https?|ftp|data|file|javascript):", page)
    assert "//" not in "".join(tree.xpath("//@href | //@src | //@action"))
    assert not tree.xpath("//link | //img | //iframe | //object | //embed | //*[@src]")
    assert all(h.startswith("#") for h in tree.xpath("//@href"))
    assert len(tree.xpath("//script")) == 1 and not tree.xpath("//script/@src")


def test_banner_says_official_sensitive_first(sample):
    _, _, page = sample
    tree = _tree(page)
    banner = tree.xpath('//*[@id="banner"]')[0]
    assert "OFFICIAL-SENSITIVE" in banner.text_content()
    assert IDENTIFYING_NOTE in banner.text_content()
    assert tree.body[0] is banner  # the very first thing on the page


def test_every_finding_appears_exactly_once(sample):
    rep, _, page = sample
    tree = _tree(page)
    ids = Counter(tree.xpath("//*[@data-finding]/@data-finding"))
    assert sorted(ids) == sorted(f"f0-{j}" for j in range(len(rep.findings)))
    assert set(ids.values()) == {1}
    for j, f in enumerate(rep.findings):
        el = tree.get_element_by_id(f"f0-{j}")
        assert el.get("data-rule") == f.rule and el.get("data-severity") == f.severity.value
        assert el.get("data-family") == rule_catalogue()[f.rule]["family"].replace(" ", "-")


def test_findings_in_the_text_are_marks_over_the_matched_text(sample):
    rep, _, page = sample
    tree = _tree(page)
    marks = tree.xpath("//mark[@data-finding]")
    by_id = {m.get("data-finding"): m for m in marks}
    for j, f in enumerate(rep.findings):
        if f.text and f.location.part in ("body", "table", "header"):
            mark = by_id[f"f0-{j}"]
            assert mark.text_content() == f.text
            assert f.rule in mark.get("title") and f.message in mark.get("title")
            detail = tree.get_element_by_id(mark.get("data-detail"))
            assert f.message in detail.text_content() and detail.get("data-detail-for") == f"f0-{j}"
    # the two findings on "Jayden Walsh" nest, the error innermost so its colour shows, and
    # hovering the inner one names both; the table cell's mark sits inside a real table
    assert by_id["f0-1"].xpath("./mark/@data-finding") == ["f0-0"]
    assert "ANO002" in by_id["f0-0"].get("title")
    # only the outer mark of a nest is a control (no nested interactive elements)
    assert by_id["f0-1"].get("role") == "button" and by_id["f0-1"].get("tabindex") == "0"
    assert by_id["f0-0"].get("role") is None and by_id["f0-0"].get("tabindex") is None
    assert by_id["f0-4"].xpath("ancestor::table[contains(@class,'doc-table')]")
    # a comment finding with no offsets highlights the whole comment, under "Comments"
    comment = by_id["f0-9"]
    assert comment.text_content() == "Check with Jayden Walsh's mum"
    assert "Comments" in comment.xpath("ancestor::div[contains(@class,'part')]/h4")[0].text_content()


def test_findings_without_text_are_listed_with_what_they_contain(sample):
    _, _, page = sample
    tree = _tree(page)

    def items(section: str) -> list:
        return tree.xpath(f'//section[contains(@class,"list-{section}")]//li[@data-finding]')

    hidden = items("hidden")
    assert [li.get("data-rule") for li in hidden] == ["HID003"]
    assert "Sam Social Worker" in hidden[0].text_content()  # what the property holds
    case = items("case-file")
    assert [li.get("data-rule") for li in case] == ["DIS001"]
    assert "distribution[0].sent" in case[0].text_content() and "line 40" in case[0].text_content()
    assert [li.get("data-rule") for li in items("whole")] == ["SEC001", "ACC003"]
    headings = [h.text_content() for h in tree.xpath("//section[contains(@class,'listed')]/h3")]
    assert headings == ["Hidden content and metadata", "Case file", "Whole-document findings"]


def test_document_text_is_escaped_not_executed(sample):
    _, _, page = sample
    tree = _tree(page)
    assert len(tree.xpath("//script")) == 1  # only the page's own
    assert not tree.xpath("//b | //img")
    assert not tree.xpath("//@onerror")
    block = [p for p in tree.xpath("//p[contains(@class,'blk')]") if "review covers" in p.text_content()]
    assert block[0].text_content() == HOSTILE
    assert "&lt;script&gt;" in page and "&lt;/script&gt;" in page


def test_summary_counts_families_and_deadline(sample):
    rep, _, page = sample
    tree = _tree(page)
    counts = summarise(rep.findings)
    p = tree.get_element_by_id("counts0")
    assert {k: int(p.get(f"data-{k}")) for k in counts} == counts
    text = " ".join(p.text_content().split())
    assert f"{counts['error']} errors" in text and f"{counts['warning']} warnings" in text
    assert f"{counts['info']} info" in text
    fam_rows = {tr.get("data-family"): [int(td.text_content()) for td in tr.xpath("td")]
                for tr in tree.xpath("//table[contains(@class,'families')]//tr[@data-family]")}
    expected: dict[str, list[int]] = {}
    for f in rep.findings:
        row = expected.setdefault(rule_catalogue()[f.rule]["family"].replace(" ", "-"), [0, 0, 0, 0])
        row[["error", "warning", "info"].index(f.severity.value)] += 1
        row[3] += 1
    assert fam_rows == expected
    assert "10 March 2027" in tree.xpath("//*[contains(@class,'deadline')]")[0].text_content()
    filters = {i.get("value") for i in tree.xpath("//input[@type='checkbox' and contains(@class,'family')]")}
    assert filters == set(expected)


def test_checklist_table(sample):
    _, _, page = sample
    tree = _tree(page)
    rows = tree.xpath("//table[contains(@class,'checklist')]/tbody/tr")
    got = [(r.xpath("th")[0].text_content(), r.xpath("td[@class='status']")[0].text_content()) for r in rows]
    assert got == [("introduction", "\u2713 Present"), ("systemic", "\u2717 Missing"),
                   ("good-practice", "! Empty (heading with no body text)")]
    assert "Working Together 2023, ch.5 (LCSPR final report)" in rows[1].text_content()
    assert rows[1].xpath(".//a/@href") == ["#f0-12"]  # links to its SEC001 finding


def test_headings_in_order_and_document_headings_shifted(sample):
    _, _, page = sample
    tree = _tree(page)
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    doc_heads = [(h.tag, h.text_content()) for h in tree.xpath("//*[contains(@class,'doc-heading')]")]
    assert doc_heads == [("h4", "Local Child Safeguarding Practice Review: Child A"),
                         ("h4", "1. Introduction"), ("h5", "1.1 Scope"), ("h4", "2. Recommendations")]


def test_document_that_skips_heading_levels_does_not_make_the_page_skip(tmp_path):
    path = tmp_path / "skips.md"
    path.write_text("# Title\n\n### Deep\n\nText.\n\n###### Deeper\n\n## Back\n", encoding="utf-8")
    doc = read_document(path)
    tree = _tree(render_html([Report(document=str(path), findings=[])], {str(path): doc}))
    heads = [(h.tag, h.text_content(), h.get("class").split()[-1])
             for h in tree.xpath("//*[contains(@class,'doc-heading')]")]
    assert heads == [("h4", "# Title", "lvl-1"), ("h5", "### Deep", "lvl-3"),
                     ("h6", "###### Deeper", "lvl-6"), ("h5", "## Back", "lvl-2")]


def test_several_reports_get_an_index_and_unique_ids(tmp_path):
    rep1, doc1 = build_sample(tmp_path, "one.docx")
    rep2, doc2 = build_sample(tmp_path, "two <b>.docx")
    page = render_html([rep1, rep2], {rep1.document: doc1, rep2.document: doc2}, deadline=DEADLINE)
    tree = _tree(page)
    links = tree.xpath("//nav[contains(@class,'index')]//a")
    assert [a.get("href") for a in links] == ["#doc0", "#doc1"]
    assert [a.text_content() for a in links] == [rep1.document, rep2.document]
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert len(tree.xpath("//*[@data-finding]")) == len(rep1.findings) + len(rep2.findings)
    assert not tree.xpath("//b")


def test_without_documents_every_finding_is_listed(sample):
    rep, _, _ = sample
    tree = _tree(render_html([rep]))
    assert not tree.xpath("//mark")
    assert len(tree.xpath("//li[@data-finding]")) == len(rep.findings)
    assert tree.xpath("//section[contains(@class,'list-text-unavailable')]")


def test_plain_text_offsets_overlaps_and_points(tmp_path):
    text = "Intro line\n\nJayden Walsh was seen at 14 Elm Road.\nSecond line of it.\n\n# Next\n\nEnd."
    path = tmp_path / "r.md"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    at = text.index("Walsh was seen")
    findings = [make_finding("ANO001", "name", Location(start=text.index("Jayden"), end=at + 5),
                             text="Jayden Walsh"),
                make_finding("ANO002", "crossing", Location(start=at, end=at + 14), text="Walsh was seen"),
                make_finding("ACC004", "point", Location(start=text.index("End"), end=text.index("End"))),
                make_finding("ANO001", "place", Location(start=text.index("14 Elm"), end=text.index("14 Elm") + 11),
                             text="14 Elm Road"),
                make_finding("ANO001", "beyond the text", Location(start=len(text) + 50, end=len(text) + 60))]
    rep = Report(document=str(path), findings=findings)
    tree = _tree(render_html([rep], {rep.document: doc}))
    marks = {m.get("data-finding"): m for m in tree.xpath("//mark")}
    assert marks["f0-0"].text_content() == "Jayden Walsh"
    assert marks["f0-1"].text_content() == "Walsh"  # crossing span clipped to its enclosing mark
    assert "point" in marks["f0-2"].get("class") and marks["f0-2"].text_content() == ""
    assert marks["f0-3"].text_content() == "14 Elm Road"
    assert tree.xpath("//li/@data-finding") == ["f0-4"]
    assert tree.xpath("//h4[contains(@class,'doc-heading')]")[0].text_content() == "# Next"
    # the text survives unchanged apart from the markup
    body = "".join(p.text_content() for p in tree.xpath("//*[contains(@class,'blk')]"))
    assert "Jayden Walsh was seen at 14 Elm Road.\nSecond line of it." in body


def test_control_characters_and_empty_reports():
    rep = Report(document="x\x00<y>.txt", findings=[
        make_finding("ANO001", "bad \x07 char \ud800", Location(part="case-file", field="a<b>")),
        Finding("XYZ999", Severity.INFO, "a rule from a newer catalogue")])
    page = render_html([rep])
    page.encode("utf-8")  # no lone surrogates
    assert "\x00" not in page and "\x07" not in page and "x\ufffd&lt;y&gt;.txt" in page
    assert 'data-family="other"' in page
    empty = _tree(render_html([]))
    assert "OFFICIAL-SENSITIVE" in empty.get_element_by_id("banner").text_content()


# --------------------------------------------------------------------------- in a real browser
# Debian's headless Chromium opens the page from a file:// URL, driven over the DevTools
# protocol on a pipe (tests/browser.py): no TCP socket, so pytest-socket's
# --disable-socket stays on. Without Chromium the tests skip, except under CI where
# .ci/run installs it and a missing browser must fail, not skip.

from browser import Chromium, find_chromium  # noqa: E402  (tests/ is on sys.path via rootdir)

browser_test = pytest.mark.skipif(
    find_chromium() is None and not os.environ.get("CI"),
    reason="headless Chromium is not installed (apt-get install chromium chromium-driver); "
           "under CI (CI set) these tests run and fail instead")

VISIBLE_JS = """(function (sel) {
  return Array.from(document.querySelectorAll(sel)).map(function (el) {
    el.scrollIntoView({block: "center"});
    var r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {id: el.id, w: r.width, h: r.height, display: cs.display, visibility: cs.visibility,
            bg: cs.backgroundColor, onTop: !!hit && (hit === el || el.contains(hit) || hit.contains(el)),
            off: el.classList.contains("off")};
  });
})(%s)"""
TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture(scope="module")
def browser():
    with Chromium() as b:
        yield b


@pytest.fixture
def opened(sample, browser, tmp_path):
    rep, _, page = sample
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    browser.console.clear()
    browser.open(path)
    yield browser, rep
    shots = os.environ.get("CSPR_SCREENSHOTS")
    if shots:
        browser.screenshot(Path(shots) / "html-report.png")


def _visible(b: Chromium, selector: str) -> list[dict]:
    import json
    return b.evaluate(VISIBLE_JS % json.dumps(selector))


@browser_test
def test_browser_harness_sees_console_errors(browser, tmp_path):
    """Negative control: the console check below is not vacuous."""
    bad = tmp_path / "bad.html"
    bad.write_text(f'<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" '
                   f'content="{CSP}"><title>bad</title></head><body><script>console.error("boom");'
                   'undefinedFunction();</script><img src="missing.png" alt=""></body></html>')
    browser.console.clear()
    browser.open(bad)
    texts = " ".join(e["text"] for e in browser.console_errors)
    assert "boom" in texts and "undefinedFunction" in texts
    assert "Content Security Policy" in texts or "img-src" in texts  # the blocked image


@browser_test
def test_browser_shows_banner_counts_and_highlights_without_console_errors(opened):
    b, rep = opened
    assert b.evaluate("document.documentElement.classList.contains('js')")  # our script ran
    banner = b.evaluate("(function(){var r=document.getElementById('banner').getBoundingClientRect();"
                        "window.scrollTo(0,0);return {top:r.top,h:r.height,"
                        "text:document.getElementById('banner').innerText}})()")
    assert banner["h"] > 0 and "OFFICIAL-SENSITIVE" in banner["text"]
    counts = summarise(rep.findings)
    shown = b.evaluate("document.getElementById('counts0').innerText")
    for sev, word in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
        assert re.search(rf"\b{counts[sev]}\s+{word}\b", shown), shown
    assert _visible(b, "#counts0")[0]["w"] > 0
    marks = _visible(b, "mark[data-finding]")
    assert len(marks) == 11
    for m in marks:
        assert m["display"] != "none" and m["visibility"] == "visible", m
        assert m["w"] > 0 and m["h"] > 0, m
        assert m["bg"] != TRANSPARENT and m["onTop"], m  # highlighted, and not covered up
    items = _visible(b, "li[data-finding]")
    assert len(items) == 4 and all(i["w"] > 0 and i["h"] > 0 for i in items)
    assert b.evaluate("document.scripts.length") == 1  # the document's <script> stayed text
    assert b.console_errors == []


@browser_test
def test_browser_click_and_keyboard_open_the_detail(opened):
    b, _ = opened
    assert not _visible(b, "#d0-2")[0]["w"]  # closed
    b.click("#f0-2")  # '14 Elm Road'
    detail = b.evaluate("document.getElementById('d0-2').innerText")
    assert "ANO001" in detail and "14 Elm Road" in detail
    assert _visible(b, "#d0-2")[0]["h"] > 0
    assert b.evaluate("document.getElementById('f0-2').getAttribute('aria-expanded')") == "true"
    b.press("Escape")
    assert not _visible(b, "#d0-2")[0]["h"]
    # clicking the nested 'Jayden Walsh' opens both findings on it
    b.click("#f0-0")
    assert _visible(b, "#d0-0")[0]["h"] > 0 and _visible(b, "#d0-1")[0]["h"] > 0
    # keyboard: Tab reaches a highlight, Enter opens it
    b.evaluate("document.getElementById('f0-5').focus()")
    b.press("Enter")
    assert _visible(b, "#d0-5")[0]["h"] > 0
    assert b.console_errors == []


@browser_test
def test_browser_family_filter_by_mouse_and_keyboard(opened):
    b, _ = opened
    b.click("label[for='fam-anonymisation'], #fam-anonymisation")
    assert b.evaluate("document.getElementById('fam-anonymisation').checked") is False
    marks = {m["id"]: m for m in _visible(b, "mark[data-finding]")}
    ano = [i for i, m in marks.items()
           if b.evaluate(f"document.getElementById('{i}').dataset.family") == "anonymisation"]
    assert len(ano) == 9
    for i in ano:  # the text stays, the highlight goes
        assert marks[i]["off"] and marks[i]["bg"] == TRANSPARENT and marks[i]["w"] > 0
    for i, m in marks.items():
        if i not in ano:
            assert not m["off"] and m["bg"] != TRANSPARENT
    assert "hidden by the filter" in b.evaluate("document.getElementById('filter-status').textContent")
    # list items of a family disappear, by keyboard this time
    b.evaluate("document.getElementById('fam-hidden-content').focus()")
    b.press(" ")
    assert b.evaluate("document.getElementById('fam-hidden-content').checked") is False
    hid = {i["id"]: i for i in _visible(b, "li[data-finding]")}
    assert hid["f0-10"]["display"] == "none"  # HID003 list item
    assert hid["f0-11"]["display"] != "none"  # DIS001 still listed
    # anonymisation back on: the name inside the (now unhighlighted) comment becomes the control
    b.click("#fam-anonymisation")
    role = "(function(i){var m=document.getElementById(i);return [m.getAttribute('role'),m.tabIndex]})"
    assert b.evaluate(f"{role}('f0-14')") == ["button", 0]
    assert b.evaluate(f"{role}('f0-9')") == [None, -1]
    b.click("#f0-14")
    assert _visible(b, "#d0-14")[0]["h"] > 0 and not _visible(b, "#d0-9")[0]["h"]
    b.evaluate("document.getElementById('fam-hidden-content').focus()")
    b.press(" ")
    assert _visible(b, "#f0-10")[0]["display"] != "none"
    assert _visible(b, "#f0-9")[0]["bg"] != TRANSPARENT  # HID001 comment highlight is back
    assert b.evaluate(f"{role}('f0-9')") == ["button", 0]
    assert b.evaluate(f"{role}('f0-14')") == [None, -1]
    assert b.evaluate("document.getElementById('f0-9').getAttribute('aria-controls')") == "d0-9 d0-14"
    assert b.console_errors == []


def test_pdf_locations_match_by_page_and_offset(tmp_path):
    page1 = "Introduction\nJayden Walsh attended school."
    blocks = [Block("heading", "Introduction", Location("body", page=1, start=0, end=12), level=1),
              Block("paragraph", page1[13:], Location("body", page=1, start=13, end=len(page1))),
              Block("paragraph", "Jayden again on page two.", Location("body", page=2, start=0, end=25)),
              Block("paragraph", "Jane Author", Location("pdf-metadata", field="Author"))]
    doc = Document(path=tmp_path / "r.pdf", format="pdf", blocks=blocks)
    at = page1.index("Jayden")
    findings = [make_finding("ANO001", "p1", Location("body", page=1, start=at, end=at + 12), text="Jayden Walsh"),
                make_finding("ANO001", "p2", Location("body", page=2, start=0, end=6), text="Jayden"),
                make_finding("HID005", "PDF author", Location("pdf-metadata", field="Author")),
                make_finding("HID007", "failed redaction", Location("body", page=2), text="under the box"),
                make_finding("ANO001", "no such page", Location("body", page=9, start=0, end=3))]
    rep = Report(document="r.pdf", findings=findings)
    tree = _tree(render_html([rep], {"r.pdf": doc}))
    marks = {m.get("data-finding"): m.text_content() for m in tree.xpath("//mark")}
    assert marks == {"f0-0": "Jayden Walsh", "f0-1": "Jayden"}
    hidden = tree.xpath('//section[contains(@class,"list-hidden")]//li')
    assert [li.get("data-rule") for li in hidden] == ["HID005", "HID007"]
    assert "Jane Author" in hidden[0].text_content() and "under the box" in hidden[1].text_content()
    assert tree.xpath('//section[contains(@class,"list-whole")]//li/@data-finding') == ["f0-4"]
    assert [p.text for p in tree.xpath("//p[@class='page-marker']")] == ["Page 1", "Page 2"]


CONTRAST_JS = r"""(function () {
  function rgb(s) { var m = s.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
  function lum(c) {
    return [c.r, c.g, c.b].map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
      .reduce(function (acc, v, i) { return acc + v * [0.2126, 0.7152, 0.0722][i]; }, 0);
  }
  function background(el) {
    for (; el; el = el.parentElement) { var c = rgb(getComputedStyle(el).backgroundColor); if (c.a > 0) { return c; } }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  var out = [];
  document.querySelectorAll("body *").forEach(function (el) {
    var own = Array.from(el.childNodes).some(function (n) { return n.nodeType === 3 && n.textContent.trim(); });
    if (!own || !el.getClientRects().length) { return; }
    var cs = getComputedStyle(el);
    if (cs.visibility !== "visible" || cs.display === "none") { return; }
    var a = lum(rgb(cs.color)), b = lum(background(el));
    var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    out.push({tag: el.tagName, cls: el.className, text: el.textContent.slice(0, 30), ratio: ratio});
  });
  return out;
})()"""


@browser_test
def test_browser_text_contrast_and_keyboard_reach(opened):
    b, _ = opened
    # on a fresh page the filter is the first thing the keyboard reaches, and Space toggles it
    b.press("Tab")
    assert b.evaluate("document.activeElement.id") == "fam-accessibility"
    b.press(" ")
    assert b.evaluate("document.getElementById('fam-accessibility').checked") is False
    assert b.evaluate("document.getElementById('f0-13').classList.contains('off')")  # ACC003 item
    # and Tab goes on to the highlights in the text
    seen = set()
    for _ in range(40):
        b.press("Tab")
        seen.add(b.evaluate("document.activeElement.getAttribute('data-finding')"))
    assert {"f0-1", "f0-2", "f0-4"} <= seen and "f0-0" not in seen  # f0-0 nests in f0-1
    b.click("#f0-2")  # an open detail and a focused mark are checked for contrast too
    checked = b.evaluate(CONTRAST_JS)
    assert len(checked) > 50
    low = [c for c in checked if c["ratio"] < 4.5]  # WCAG 2.2 AA for normal text
    assert not low, low
    assert b.console_errors == []


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab <>&\"'\n\t\u00e9"), min_size=0, max_size=40),
       spans=st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45),
                                st.sampled_from(["error", "warning", "info"])), max_size=8))
def test_any_spans_keep_the_text_and_give_each_finding_one_element(text, spans):
    """Whatever the overlaps, the text reads back unchanged and each finding appears once."""
    blocks = [Block("paragraph", text, Location("body", start=0, end=len(text)))]
    doc = Document(path=Path("t.txt"), format="txt", blocks=blocks)
    findings = [make_finding("ANO002", f"m{k}", Location(start=min(a, b), end=max(a, b)), severity=sev)
                for k, (a, b, sev) in enumerate(spans)]
    tree = _tree(render_html([Report(document="t.txt", findings=findings)], {"t.txt": doc}))
    ids = tree.xpath("//*[@data-finding]/@data-finding")
    assert sorted(ids) == sorted(f"f0-{k}" for k in range(len(findings)))
    shown = tree.xpath("//p[contains(@class,'blk')]")
    if text.strip() or any(min(a, b) <= len(text) for a, b, _ in spans):
        assert shown and shown[0].text_content() == text
    for k, (a, b, _) in enumerate(spans):
        s, e = min(a, b), max(a, b)
        els = tree.xpath(f"//*[@data-finding='f0-{k}']")
        if s > len(text):
            assert els[0].tag == "li"
        else:
            assert els[0].tag == "mark"
            got = els[0].text_content()
            assert text[s:min(e, len(text))].startswith(got)  # clipped only by an enclosing mark
    # nobody controls a control
    assert not tree.xpath("//*[@role='button']//*[@role='button' or @tabindex]")


def test_docx_table_structure_with_header_row_and_merged_cells(tmp_path):
    from docx.oxml import OxmlElement

    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Agency", "Action"
    header = t.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    merged = t.cell(1, 0).merge(t.cell(1, 1))
    merged.text = "Spans both columns"
    t.cell(2, 0).text, t.cell(2, 1).text = "Police", "Review <visits>"
    path = tmp_path / "t.docx"
    d.save(path)
    doc = read_document(path)
    tree = _tree(render_html([Report(document="t.docx", findings=[])], {"t.docx": doc}))
    table = tree.xpath("//table[contains(@class,'doc-table')]")[0]
    assert [th.text_content() for th in table.xpath(".//th[@scope='col']")] == ["Agency", "Action"]
    assert table.xpath(".//td[@colspan='2']")[0].text_content() == "Spans both columns"
    assert table.xpath(".//tr")[2].text_content() == "PoliceReview <visits>"
