"""Rendering Word drafts: real templates, real files read back with python-docx."""

import zipfile

import docx
import pytest

from cspr_docs.casefile import load_case
from cspr_docs.dates import format_uk
from cspr_docs.render import DRAFT_MARKING, TEMPLATES
from fixtures.corpus import example_data, write_case


def all_text(path) -> str:
    """Every visible text of a .docx: body paragraphs, table cells, headers and footers."""
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in d.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def xml_of(path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".xml"))


@pytest.mark.parametrize("doc_type", sorted(TEMPLATES))
def test_example_renders_every_type_with_its_content(cli, tmp_path, example_case, doc_type):
    out = tmp_path / f"{doc_type}.docx"
    result = cli("render", example_case, "--type", doc_type, "-o", out)
    assert result.code == 0, result.stderr
    document = docx.Document(str(out))
    assert document.core_properties.title.strip()
    text = all_text(out)
    assert "{{" not in xml_of(out) and "{%" not in xml_of(out)
    case = load_case(example_case)
    assert case.child.pseudonym in text
    if doc_type != "rapid-review":
        assert case.review.reviewer.name in text
    if doc_type in ("lcspr", "improvements"):
        for rec in case.review.recommendations:
            assert rec.text in text and rec.owner in text and format_uk(rec.due) in text
            assert text.count(rec.text) == 1  # once, in the table
    if doc_type == "learning-briefing":  # the briefing's own short points, not report prose
        for point in case.briefing.practice_points:
            assert point in text
        assert case.review.background not in text


def test_recommendations_table_has_header_row(cli, tmp_path, example_case):
    out = tmp_path / "lcspr.docx"
    assert cli("render", example_case, "--type", "lcspr", "-o", out).code == 0
    document = docx.Document(str(out))
    rec_tables = [t for t in document.tables if "by when" in t.rows[0].cells[-1].text.lower()]
    assert rec_tables, "no recommendations table with a 'By when' header"
    header = rec_tables[0].rows[0]._tr
    assert header.trPr is not None and header.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert len(rec_tables[0].rows) == 1 + len(load_case(example_case).review.recommendations)


def test_case_text_with_markup_renders_literally(cli, tmp_path):
    data = example_data()
    hostile = "Smith & Sons <b>{{ x }}</b> {% if 1 %}"
    data["incident"]["summary"] = hostile
    case = write_case(tmp_path / "case.yaml", data)
    out = tmp_path / "out.docx"
    result = cli("render", case, "--type", "lcspr", "-o", out)
    assert result.code == 0, result.stderr
    assert hostile in all_text(out)  # python-docx parsed the XML: the file is well-formed


def make_template(path, *paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_sandbox_refuses_python_internals(cli, tmp_path, example_case):
    template = make_template(tmp_path / "evil.docx", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    out = tmp_path / "out.docx"
    result = cli("render", example_case, "--type", "lcspr", "--template", template, "-o", out)
    assert result.code == 2
    assert "sandbox" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_final_render_lists_every_missing_field_and_writes_nothing(cli, tmp_path):
    data = example_data()
    del data["review"]["reviewer"]
    del data["review"]["recommendations"]
    case = write_case(tmp_path / "case.yaml", data)
    out = tmp_path / "out.docx"
    result = cli("render", case, "--type", "lcspr", "-o", out)
    assert result.code == 1
    assert "review.reviewer.name" in result.stderr and "review.recommendations" in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".*tmp"))


def test_draft_render_marks_gaps_and_the_document(cli, tmp_path):
    data = example_data()
    del data["review"]["reviewer"]
    case = write_case(tmp_path / "case.yaml", data)
    out = tmp_path / "draft.docx"
    result = cli("render", case, "--type", "lcspr", "--draft", "-o", out)
    assert result.code == 0, result.stderr
    assert "DRAFT" in result.stdout and "missing" in result.stdout
    text = all_text(out)
    assert "[MISSING: review.reviewer.name]" in text
    assert DRAFT_MARKING in "\n".join(p.text for p in docx.Document(str(out)).sections[0].header.paragraphs)


def test_dates_render_in_uk_style(cli, tmp_path, example_case):
    out = tmp_path / "lcspr.docx"
    cli("render", example_case, "--type", "lcspr", "-o", out)
    planned = load_case(example_case).publication.planned_date
    assert format_uk(planned) in all_text(out)
    assert planned.isoformat() not in all_text(out)


def test_template_that_is_not_a_zip_is_exit_2(cli, tmp_path, example_case):
    fake = tmp_path / "fake.docx"
    fake.write_text("this is not a Word file")
    result = cli("render", example_case, "--type", "lcspr", "--template", fake, "-o", tmp_path / "o.docx")
    assert result.code == 2 and str(fake) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_render_never_overwrites_without_force_nor_its_input(cli, tmp_path, example_case):
    out = tmp_path / "out.docx"
    out.write_bytes(b"keep me")
    result = cli("render", example_case, "--type", "lcspr", "-o", out)
    assert result.code == 2 and out.read_bytes() == b"keep me"
    assert cli("render", example_case, "--type", "lcspr", "-o", out, "--force").code == 0
    before = example_case.read_bytes()
    result = cli("render", example_case, "--type", "lcspr", "-o", example_case, "--force")
    assert result.code == 2 and example_case.read_bytes() == before


def test_missing_list_item_is_named_by_its_full_path(cli, tmp_path, example_case):
    template = make_template(tmp_path / "t.docx", "{{ review.findings[99].title }}")
    result = cli("render", example_case, "--type", "lcspr", "--template", template, "-o", tmp_path / "o.docx")
    assert result.code == 1
    assert "missing: review.findings[99].title" in result.stderr


def test_published_report_dates_events_by_month_and_year(cli, tmp_path, example_case):
    out = tmp_path / "lcspr.docx"
    cli("render", example_case, "--type", "lcspr", "-o", out)
    scope = load_case(example_case).review.scope
    text = all_text(out)
    assert f"from {scope.from_:%B %Y} to {scope.to:%B %Y}." in text
    assert format_uk(scope.to) not in text  # the scope ends on the incident: a full date identifies
