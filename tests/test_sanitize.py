"""``sanitize`` round trips: defect file -> clean copy with no HID finding, the same visible
text, and the input file untouched (issue #5)."""

from __future__ import annotations

import zipfile

import docx
import pytest

from conftest import sha256_of
from cspr_docs.document import read_document
from cspr_docs.errors import InputError
from cspr_docs.inspect import inspect_document
from cspr_docs.sanitize import sanitize_file
from fixtures.hidden import builders as b

def body_texts(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def assert_package_consistent(path) -> None:
    """Every internal relationship points at a part that exists, every content-type override
    names a part that exists, and every XML part parses: what Word needs to open the file."""
    import posixpath

    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(zf.read(name))
            if name.endswith(".rels"):
                base = posixpath.dirname(posixpath.dirname(name))
                for rel in etree.fromstring(zf.read(name)):
                    if rel.get("TargetMode") == "External":
                        continue
                    target = rel.get("Target")
                    full = target.lstrip("/") if target.startswith("/") else \
                        posixpath.normpath(posixpath.join(base, target))
                    assert full in names, f"{name}: {target} is missing"
        types = etree.fromstring(zf.read("[Content_Types].xml"))
        for ov in types:
            if ov.get("PartName"):
                assert ov.get("PartName").lstrip("/") in names, ov.get("PartName")


def hid(path):
    return [(f.rule, f.message) for f in inspect_document(read_document(path)) if f.rule.startswith("HID")]


#: the body paragraphs a reader sees in the base document
SEEN = [b.VISIBLE[0], b.VISIBLE[1], "Findings", b.VISIBLE[2], b.VISIBLE[3]]
DOCX_CASES = {
    "comment": (b.docx_with_comment, SEEN),
    # the insertion was visible (underlined) before and is accepted; the deletion was struck out
    "tracked": (b.docx_with_tracked_changes, SEEN[:3] + [SEEN[3] + " Added later."] + SEEN[4:]),
    "hidden": (b.docx_with_hidden_text, SEEN),
    "properties": (b.docx_with_properties, SEEN),
    "embedded": (b.docx_with_embedded, SEEN + [""]),
}


@pytest.mark.parametrize("case", sorted(DOCX_CASES))
def test_docx_round_trip(tmp_path, case):
    build, visible = DOCX_CASES[case]
    src = build(tmp_path / f"{case}.docx")
    before = sha256_of(src)
    assert hid(src), "the defect file must have a HID finding to start with"
    out = tmp_path / f"{case}.clean.docx"
    removed, _ = sanitize_file(src, out)
    assert removed
    assert sha256_of(src) == before  # the input is never modified
    assert hid(out) == []
    assert body_texts(out) == visible
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
    assert_package_consistent(out)


def test_docx_sanitize_keeps_title_and_language_and_clears_people(tmp_path):
    src = b.docx_with_properties(tmp_path / "p.docx")
    out = tmp_path / "p.clean.docx"
    removed, _ = sanitize_file(src, out)
    props = docx.Document(str(out)).core_properties
    assert props.title == "Rapid review" and props.language == "en-GB"
    assert props.author == "" and props.last_modified_by == ""
    assert any("Jane Smith" in r for r in removed) and any("CaseWorker" in r for r in removed)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert "docProps/custom.xml" not in names
        assert "custom.xml" not in zf.read("_rels/.rels").decode()
        assert "Maria Manager" not in zf.read("docProps/app.xml").decode()


def test_docx_sanitize_removes_deleted_text_from_the_file(tmp_path):
    src = b.docx_with_tracked_changes(tmp_path / "t.docx")
    out = tmp_path / "t.clean.docx"
    sanitize_file(src, out)
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("word/document.xml").decode()
    assert "14 Elm Road" not in xml and "w:ins" not in xml and "Added later." in xml


def test_docx_sanitize_removes_comment_parts_and_anchors(tmp_path):
    src = b.docx_with_comment(tmp_path / "c.docx")
    out = tmp_path / "c.clean.docx"
    removed, _ = sanitize_file(src, out)
    assert any("Sam Reviewer" in r for r in removed)
    with zipfile.ZipFile(out) as zf:
        assert "word/comments.xml" not in zf.namelist()
        xml = zf.read("word/document.xml").decode()
        assert "commentReference" not in xml and "commentRangeStart" not in xml
        assert "comments.xml" not in zf.read("word/_rels/document.xml.rels").decode()


def test_rendered_template_survives_sanitize_unchanged_in_text(cli, tmp_path, example_case):
    src = tmp_path / "lcspr.docx"
    assert cli("render", example_case, "--type", "lcspr", "-o", src).code == 0
    out = tmp_path / "lcspr.clean.docx"
    sanitize_file(src, out)
    assert body_texts(out) == body_texts(src)
    assert read_document(out).text() == read_document(src).text()


PDF_CASES = [b.pdf_with_author, b.pdf_with_extras]


@pytest.mark.parametrize("build", PDF_CASES, ids=lambda f: f.__name__)
def test_pdf_round_trip(tmp_path, build):
    from pypdf import PdfReader

    src = build(tmp_path / "in.pdf")
    before = sha256_of(src)
    assert hid(src)
    out = tmp_path / "out.pdf"
    removed, _ = sanitize_file(src, out)
    assert removed and sha256_of(src) == before
    assert hid(out) == []
    assert [p.extract_text() for p in PdfReader(out).pages] == [p.extract_text() for p in PdfReader(src).pages]
    assert PdfReader(out).metadata.title == "Rapid review"


def test_pdf_sanitize_reports_what_it_removed(tmp_path):
    src = b.pdf_with_extras(tmp_path / "x.pdf")
    removed, _ = sanitize_file(src, tmp_path / "x.clean.pdf")
    text = "\n".join(removed)
    assert "attachments" in text and "JavaScript" in text and "Ask Jayden's mother" in text


def test_sanitize_command_prints_removals_and_refuses_to_overwrite(cli, tmp_path):
    src = b.docx_with_comment(tmp_path / "c.docx")
    out = tmp_path / "c.clean.docx"
    result = cli("sanitize", src, "-o", out)
    assert result.code == 0
    assert "removed: comment by Sam Reviewer" in result.stdout and f"wrote {out}" in result.stdout
    again = cli("sanitize", src, "-o", out)
    assert again.code == 2 and "--force" in again.stderr
    assert cli("sanitize", src, "-o", out, "--force").code == 0


def test_sanitize_refuses_to_write_over_its_input(tmp_path):
    src = b.docx_with_comment(tmp_path / "c.docx")
    before = sha256_of(src)
    with pytest.raises(InputError):
        sanitize_file(src, src, force=True)
    assert sha256_of(src) == before


REDACTED = {"box": (b.pdf_redacted, ["Jayden Walsh", "Invisible note 14 Elm Road"]),
            "tj": (b.pdf_redacted_tj, ["Jayden Walsh"]),
            "unicode": (b.pdf_redacted_unicode, ["Siân Jones"])}


def _squash(text: str) -> str:
    return " ".join(text.replace(" ,", ",").split())


@pytest.mark.parametrize("case", sorted(REDACTED))
def test_pdf_failed_redaction_is_taken_out(tmp_path, case):
    from pypdf import PdfReader

    build, secrets = REDACTED[case]
    if case == "unicode" and not b.DEJAVU.exists():
        pytest.skip("DejaVu Sans not installed")
    src = build(tmp_path / "in.pdf")
    before = sha256_of(src)
    out = tmp_path / "out.pdf"
    removed, _ = sanitize_file(src, out)
    assert sha256_of(src) == before
    assert [r for r in removed if "failed redaction" in r] == [
        f'page {1 if s != "Invisible note 14 Elm Road" else 2} hidden text (failed redaction): "{s}"'
        for s in secrets]
    assert hid(out) == []
    original = [p.extract_text() for p in PdfReader(src).pages]
    clean = [p.extract_text() for p in PdfReader(out).pages]
    for secret in secrets:
        assert secret not in "\n".join(clean)
    # what a reader could see is unchanged: the original text without the hidden words
    seen = [_squash(t) for t in original]
    for secret in secrets:
        seen = [_squash(t.replace(secret, "")) for t in seen]
    assert [_squash(t) for t in clean] == seen


def test_sanitize_command_exits_1_when_a_failed_redaction_remains(cli, tmp_path):
    from fixtures.hidden.pdf_crafted import pdf_content

    # one form drawn twice: the box hides the first drawing only, so the form cannot be cut
    src = pdf_content(tmp_path / "r.pdf", "q 1 0 0 1 50 700 cm /Fm1 Do Q q 1 0 0 1 50 600 cm /Fm1 Do Q "
                      "0 g 45 695 200 18 re f\n", forms={"/Fm1": ("BT /F1 12 Tf 0 0 Td (Case officer Alex Jones) Tj ET",
                                                             None)})
    result = cli("sanitize", src, "-o", tmp_path / "r.clean.pdf")
    assert result.code == 1
    assert "still present: HID007" in result.stderr and "Alex Jones" in result.stderr
    assert "nothing was written" in result.stderr and not (tmp_path / "r.clean.pdf").exists()


def test_inspect_command_json(cli, tmp_path):
    import json

    src = b.docx_with_comment(tmp_path / "c.docx")
    result = cli("inspect", src, "--format", "json")
    assert result.code == 1
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["findings"]] == ["HID001"]
    assert data["findings"][0]["location"]["part"] == "comment"


def test_inspect_command_missing_file(cli, tmp_path):
    result = cli("inspect", tmp_path / "nope.docx")
    assert result.code == 2 and "nope.docx: no such file" in result.stderr


def test_sanitize_drops_attached_template(tmp_path):
    src = b.docx_with_attached_template(tmp_path / "t.docx")
    out = tmp_path / "t.clean.docx"
    removed, _ = sanitize_file(src, out)
    assert any("jsmith" in r for r in removed)
    assert hid(out) == []
    with zipfile.ZipFile(out) as zf:
        assert "attachedTemplate" not in zf.read("word/settings.xml").decode()
    assert body_texts(out) == SEEN


def test_docx_sanitize_drops_the_thumbnail_and_its_relationship(tmp_path):
    src = b.docx_with_comment(tmp_path / "c.docx")
    assert "docProps/thumbnail.jpeg" in zipfile.ZipFile(src).namelist()  # python-docx's template has one
    out = tmp_path / "c.clean.docx"
    removed, _ = sanitize_file(src, out)
    assert any("thumbnail" in r for r in removed)
    with zipfile.ZipFile(out) as zf:
        assert "docProps/thumbnail.jpeg" not in zf.namelist()
        assert "thumbnail" not in zf.read("_rels/.rels").decode()
    docx.Document(str(out))  # still opens


def _glossary_holding(text: str):
    """Edits adding a glossary document (a part Word keeps for building blocks, never shown in
    the body) that holds ``text``, related to the main document as Word relates it."""
    gloss = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             f'<w:glossaryDocument xmlns:w="{b.W_NS}"><w:docParts><w:docPart><w:docPartBody>'
             f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:docPartBody></w:docPart></w:docParts>'
             '</w:glossaryDocument>')
    rel = ('<Relationship Id="rIdGloss1" Target="glossary/document.xml" Type="http://schemas.openxmlformats.'
           'org/officeDocument/2006/relationships/glossaryDocument"/></Relationships>')
    ct = ('<Override PartName="/word/glossary/document.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.document.glossary+xml"/></Types>')
    return ({"word/glossary/document.xml": gloss.encode()},
            {"word/_rels/document.xml.rels": lambda s: s.replace("</Relationships>", rel),
             "[Content_Types].xml": lambda s: s.replace("</Types>", ct)})


def test_docx_sanitize_refuses_when_removed_text_survives_elsewhere(cli, tmp_path):
    """Expected before running: the tracked deletion's text is removed from the body, but a copy of
    it in the glossary part would survive, so sanitize writes nothing, exits 1 and names the
    part without quoting the text; without that copy the same file is sanitized (exit 0)."""
    src = b.docx_with_tracked_changes(tmp_path / "t.docx")
    plain = tmp_path / "plain.docx"
    plain.write_bytes(src.read_bytes())
    add, edit = _glossary_holding("The family lived at 14 Elm Road.")
    b.rewrite_zip(src, add=add, edit=edit)
    before = sha256_of(src)
    out = tmp_path / "t.clean.docx"
    r = cli("sanitize", src, "-o", out)
    assert r.code == 1 and not out.exists()
    assert "word/glossary/document.xml" in r.stderr and "HID002" in r.stderr
    assert "Elm Road" not in r.stderr + r.stdout
    assert sha256_of(src) == before and not list(tmp_path.glob(".*.tmp"))
    r = cli("sanitize", plain, "-o", tmp_path / "plain.clean.docx")
    assert r.code == 0 and (tmp_path / "plain.clean.docx").exists()
    # the same glossary holding ordinary text that the copy shows is no reason to refuse
    add, edit = _glossary_holding("Agencies shared information")
    shown = tmp_path / "shown.docx"
    shown.write_bytes(plain.read_bytes())
    b.rewrite_zip(shown, add=add, edit=edit)
    assert cli("sanitize", shown, "-o", tmp_path / "shown.clean.docx").code == 0
