"""The PDF reader: headings from bookmarks, font size/weight or numbering; page offsets; errors."""

from __future__ import annotations

import pytest

from cspr_docs.document import read_document
from fixtures.corpus import REPORT, write_pdf, write_plain_pdf


def page_texts(doc):
    return [p.extract_text() for p in doc.native.pages]


def test_headings_from_font_size(tmp_path):
    doc = read_document(write_pdf(tmp_path / "r.pdf"))
    assert doc.format == "pdf"
    heads = [(b.level, b.text) for b in doc.headings()]
    assert heads[0] == (0, REPORT[0][1])  # the one largest line on page 1 is the title
    assert (1, "1. Introduction") in heads
    assert (2, "7.1 Information about new adults was not shared") in heads
    assert len([h for h in heads if h[0] == 1]) == len([r for r in REPORT if r[0] == 1])


def test_headings_from_bookmarks(tmp_path):
    doc = read_document(write_pdf(tmp_path / "r.pdf", bookmarks=True))
    heads = [(b.level, b.text) for b in doc.headings()]
    assert (1, "12. Recommendations") in heads
    assert (2, "7.1 Information about new adults was not shared") in heads
    # only the outline's entries are headings: the (unbookmarked) title is body text
    assert REPORT[0][1] not in [h[1] for h in heads]


def test_headings_from_numbering_when_one_font(tmp_path):
    doc = read_document(write_plain_pdf(tmp_path / "r.pdf"))
    heads = [(b.level, b.text) for b in doc.headings()]
    assert (1, "2. Scope and terms of reference") in heads
    assert (2, "7.1 Information about new adults was not shared") in heads


def test_locations_are_page_offsets(tmp_path):
    doc = read_document(write_pdf(tmp_path / "r.pdf"))
    texts = page_texts(doc)
    body = [b for b in doc.blocks if b.location.part == "body"]
    assert {b.location.page for b in body} == set(range(1, len(texts) + 1))
    for b in body:
        loc = b.location
        assert loc.paragraph is None
        assert texts[loc.page - 1][loc.start:loc.end] == b.text
    # a span inside a block maps back into the page text
    b = next(b for b in body if "smiley toddler" in b.text)
    i = b.text.index("smiley")
    span = b.span(i, i + 6)
    assert texts[span.page - 1][span.start:span.end] == "smiley"


def test_properties_and_native(tmp_path):
    from pypdf import PdfReader

    doc = read_document(write_pdf(tmp_path / "r.pdf"))
    assert isinstance(doc.native, PdfReader)
    assert doc.properties["title"] == "Child B review"
    assert any(b.location.part == "pdf-metadata" and b.location.field == "title" for b in doc.blocks)


def test_pdf_with_a_wrong_xref_offset_is_repaired_and_read_in_full(tmp_path, cli):
    import re

    good = write_pdf(tmp_path / "r.pdf")
    data = good.read_bytes()
    pointer = re.search(rb"startxref\s+(\d+)", data)
    broken = tmp_path / "xref.pdf"
    broken.write_bytes(data[: pointer.start(1)] + b"999" + data[pointer.end(1):])
    assert read_document(broken).text() == read_document(good).text()
    assert cli("check", broken, "--type", "lcspr").code in (0, 1)


def test_broken_pdf_is_one_line_exit_2(tmp_path, cli):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    r = cli("check", path, "--type", "lcspr")
    assert r.code == 2
    assert r.stderr.count("\n") == 1 and "broken.pdf" in r.stderr
    assert "Traceback" not in r.stderr


def test_truncated_pdf_is_one_line_exit_2(tmp_path, cli):
    good = write_pdf(tmp_path / "r.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(good[: len(good) // 3])
    r = cli("check", path, "--type", "lcspr")
    assert r.code in (0, 1, 2)  # pypdf may recover part of it; it must never crash
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr


def test_broken_pdf_in_a_real_process_prints_one_line(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    out = subprocess.run([sys.executable, "-c", "import sys; from cspr_docs.cli import run; "
                          f"sys.exit(run(['check', {str(path)!r}, '--type', 'lcspr']))"],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.splitlines() == [out.stderr.strip()] and "broken.pdf" in out.stderr


@pytest.mark.parametrize("bookmarks", [False, True])
def test_wrapped_heading_is_one_heading(tmp_path, bookmarks):
    from fixtures.corpus import with_replacements

    long = ("8. Why things happened as they did: the systemic and underlying reasons behind the decisions "
            "that agencies made about Child B and the family")
    report = with_replacements(**{"8. Why things happened: systemic issues": (long, ["Workloads were high."])})
    doc = read_document(write_pdf(tmp_path / "r.pdf", report, bookmarks=bookmarks))
    heads = [b for b in doc.headings() if b.text.startswith("8. ")]
    assert len(heads) == 1 and heads[0].level == 1
    assert "\n" in heads[0].text  # it really was wrapped
    assert " ".join(heads[0].text.split()) == long
    texts = page_texts(doc)
    loc = heads[0].location
    assert texts[loc.page - 1][loc.start:loc.end] == heads[0].text


def test_headings_from_structure_tags(tmp_path):
    from fixtures.corpus import write_tagged_pdf

    doc = read_document(write_tagged_pdf(tmp_path / "r.pdf"))
    heads = [(b.level, b.text) for b in doc.headings()]
    assert heads[0] == (0, REPORT[0][1])  # /Title
    assert (1, "Introduction") in heads  # /H1, unnumbered and in the body font
    assert (1, "Recommendations") in heads  # /Heading1 role-mapped to /H1 on a later page
    assert (2, "Information about new adults was not shared") in heads  # /H2
    assert len(heads) == len(REPORT)
    assert not any("toddler" in text for _, text in heads)
    assert {b.location.page for b in doc.headings()} == {1, 2, 3}
