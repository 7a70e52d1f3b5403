"""PDF output through LibreOffice and the page images (issue 14).

Each document type is rendered from the example case to .docx and PDF once per test session
(a LibreOffice conversion takes seconds). These tests skip only when LibreOffice (or poppler's
pdftotext) is truly absent; .ci/run installs both, so they run in CI.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from cspr_docs.casefile import load_case
from cspr_docs.render import TEMPLATES, render_to_file

TYPES = sorted(TEMPLATES)
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed (.ci/run installs it)")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils is not installed (.ci/run installs it)")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, example_case):
    """{type: (docx path, pdf path)}: each type converted once for the whole session."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("published")
    case = load_case(example_case)
    out = {}
    for doc_type in TYPES:
        result = render_to_file(case, doc_type, folder / f"{doc_type}.docx", pdf=True)
        out[doc_type] = (result.output, result.pdf)
    return out


def pages_text(pdf) -> list[str]:
    """pdftotext's text of each page (pages end with a form feed)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


@needs_office
@needs_poppler
@pytest.mark.parametrize("doc_type", TYPES)
def test_pdf_is_a_published_document(rendered, doc_type, example_case):
    docx_path, pdf = rendered[doc_type]
    assert pdf.read_bytes().startswith(b"%PDF-") and docx_path.read_bytes().startswith(b"PK")
    pages = pages_text(pdf)
    first = pages[0]
    case = load_case(example_case)
    # the cover: partnership and title with the pseudonym; then the contents, with page numbers
    assert case.case.partnership in first and "Child A" in first
    contents = "\n".join(pages[:2])
    assert "Contents" in contents
    assert re.search(r"^\s*1\. \S.*\.{5,}\s*\d+\s*$", contents, re.MULTILINE), "contents without page numbers"
    # numbered paragraphs and Page X of Y on every page
    assert re.search(r"^\s*1\.1\s+\S", "\n".join(pages), re.MULTILINE)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    whole = "\n".join(pages)
    for leftover in ("{{", "{%", "[MISSING"):
        assert leftover not in whole
    if doc_type == "learning-briefing":
        assert len(pages) <= 2
        for n in range(1, 8):  # seven numbered boxes
            assert re.search(rf"^\s*{n}\.\s+\S", whole, re.MULTILINE)
    if doc_type == "rapid-review":
        assert all("OFFICIAL-SENSITIVE" in page for page in pages)
    else:
        assert "OFFICIAL-SENSITIVE" not in whole and "DRAFT" not in whole


@needs_office
@pytest.mark.parametrize("doc_type", TYPES)
def test_pdf_passes_check_inspect_and_accessibility(cli, rendered, doc_type, example_case):
    _, pdf = rendered[doc_type]
    r = cli("check", pdf, "--type", doc_type, "--case", example_case, "--format", "json")
    data = json.loads(r.stdout)
    assert r.code == 0 and data["summary"]["error"] == 0, data["findings"]
    assert not [f for f in data["findings"] if f["rule"].startswith(("ACC", "HID", "PUB", "SEC"))]
    r = cli("inspect", pdf, "--type", doc_type, "--format", "json")
    data = json.loads(r.stdout)
    assert r.code == 0 and data["findings"] == [], data["findings"]


@needs_office
def test_pdf_is_tagged_with_title_and_language(rendered):
    from pypdf import PdfReader

    for doc_type, (_, pdf) in rendered.items():
        reader = PdfReader(str(pdf))
        root = reader.trailer["/Root"]
        assert str(root.get("/Lang", "")).lower().startswith("en"), doc_type
        assert bool(root["/MarkInfo"]["/Marked"])
        assert reader.metadata.title.endswith("Child A")
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


@needs_office
def test_inspect_without_a_type_still_flags_the_rapid_review_marking(cli, rendered):
    # the marking is right for the Panel and wrong for publication: only --type knows which
    _, pdf = rendered["rapid-review"]
    r = cli("inspect", pdf, "--format", "json")
    assert r.code == 1
    assert {f["rule"] for f in json.loads(r.stdout)["findings"]} == {"PUB002"}


@needs_office
def test_preview_writes_one_png_per_page(cli, rendered, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils is not installed")
    _, pdf = rendered["learning-briefing"]
    r = cli("preview", pdf, "-o", tmp_path / "pages", "--dpi", "30")
    assert r.code == 0, r.stderr
    images = sorted((tmp_path / "pages").glob("*.png"))
    assert [p.name for p in images] == ["learning-briefing-page-1.png", "learning-briefing-page-2.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in images)


def test_without_libreoffice_pdf_output_is_exit_2_and_nothing_written(cli, tmp_path, example_case,
                                                                      monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice on the path
    out = tmp_path / "report.pdf"
    r = cli("render", example_case, "--type", "lcspr", "-o", out)
    assert r.code == 2 and not out.exists()
    assert len(r.stderr.strip().splitlines()) == 1
    assert "LibreOffice" in r.stderr and "Save As > PDF" in r.stderr
    docx_out = tmp_path / "report.docx"
    r = cli("render", example_case, "--type", "lcspr", "-o", docx_out, "--pdf")
    assert r.code == 2 and not docx_out.exists() and not list(tmp_path.glob("report*"))
    r = cli("preview", example_case, "-o", tmp_path / "pages")
    assert r.code == 2 and len(r.stderr.strip().splitlines()) == 1


def test_output_name_must_match_its_content(cli, tmp_path, example_case):
    for name in ("report.txt", "report.doc", "report"):
        r = cli("render", example_case, "--type", "lcspr", "-o", tmp_path / name)
        assert r.code == 2 and ".docx" in r.stderr and not (tmp_path / name).exists()
