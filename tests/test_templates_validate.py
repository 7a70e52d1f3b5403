"""`templates validate`: broken templates built with python-docx fail with the right rule and
paragraph; the bundled templates pass."""

from __future__ import annotations

import json
import shutil
import zipfile

import docx
import pytest

from cspr_docs.files import bundled
from cspr_docs.template_lint import check_path, template_type

def make_template(path, *paragraphs, runs=None, header=None):
    """A .docx whose paragraph 1 is a valid title, then ``paragraphs``; ``runs`` adds a
    paragraph made of those separate runs; ``header`` sets the first header's text."""
    document = docx.Document()
    document.add_paragraph("Review about {{ child.pseudonym }}")
    for text in paragraphs:
        document.add_paragraph(text)
    if runs:
        paragraph = document.add_paragraph()
        for text in runs:
            paragraph.add_run(text)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


def validate(cli, *args):
    result = cli("templates", "validate", *[str(a) for a in args], "--format", "json")
    data = json.loads(result.stdout) if result.stdout.strip() else None
    if isinstance(data, dict):
        data = [data]
    return result, data


def rules_at(report):
    return [(f["rule"], f["location"]["part"], f["location"]["paragraph"]) for f in report["findings"]]


# -- the acceptance fixtures: one broken template per rule ---------------------------------


def test_syntax_error_is_tpl001_at_its_paragraph_with_its_text(cli, tmp_path):
    tpl = make_template(tmp_path / "broken.docx", "Introduction", "The child {{ child.pseudonym ", "After")
    result, (report,) = validate(cli, tpl)
    assert result.code == 1
    syntax = [f for f in report["findings"] if "syntax error" in f["message"]]
    assert syntax and syntax[0]["rule"] == "TPL001"
    assert syntax[0]["location"]["paragraph"] == 3
    assert "{{ child.pseudonym" in syntax[0]["text"]
    assert {r for r, _, _ in rules_at(report)} == {"TPL001"}  # no render attempted on a broken template


def test_unclosed_block_points_at_the_opening_tag(cli, tmp_path):
    tpl = make_template(tmp_path / "broken.docx", "Intro", "{%p if child.looked_after %}", "Looked after", "End")
    result, (report,) = validate(cli, tpl)
    assert result.code == 1
    assert rules_at(report) == [("TPL001", "body", 3)]
    assert "endif" in report["findings"][0]["message"]


def test_paragraph_tag_sharing_its_paragraph_is_tpl001(cli, tmp_path):
    tpl = make_template(tmp_path / "ptag.docx", "Findings: {%p if review.findings %}", "Some findings", "{%p endif %}")
    result, (report,) = validate(cli, tpl)
    assert result.code == 1
    assert rules_at(report) == [("TPL001", "body", 2)]
    assert "Findings:" in report["findings"][0]["message"]


def test_tag_split_across_runs_is_tpl001(cli, tmp_path):
    tpl = make_template(tmp_path / "split.docx", "Intro", runs=["Name: {{ child.", "pseudonym }}"])
    result, (report,) = validate(cli, tpl)
    assert result.code == 1
    assert rules_at(report) == [("TPL001", "body", 3)]
    message = report["findings"][0]["message"]
    assert "split" in message and "'{{ child.'" in message and "'pseudonym }}'" in message


def test_unknown_variable_is_tpl002_naming_the_path(cli, tmp_path):
    tpl = make_template(tmp_path / "unknown.docx", "Intro", "Reviewer: {{ review.reviewr.name }}")
    result, (report,) = validate(cli, tpl)
    assert result.code == 1
    assert rules_at(report) == [("TPL002", "body", 3)]
    finding = report["findings"][0]
    assert "review.reviewr.name" in finding["message"] and "reviewr" in finding["message"]
    assert finding["text"] == "Reviewer: {{ review.reviewr.name }}"


def test_loop_variables_and_aliases_resolve_against_the_schema(cli, tmp_path):
    tpl = make_template(
        tmp_path / "loops.docx",
        "{%p for r in review.recommendations %}",
        "{{ r.text }} by {{ r.owner }} ({{ r.ownr }})",
        "{%p endfor %}",
        "From {{ review.scope['from'] }} to {{ review.scope.to }}; {{ review.scope.from_ }}",
        "{% for f in review.findings|sort(attribute='title') %}{{ f.title }}{% endfor %}",
        "{{ review.findings|length }} {{ child.pseudonym.upper() }} {{ nonsense }}",
    )
    result, (report,) = validate(cli, tpl)
    assert result.code == 1
    messages = {f["location"]["paragraph"]: [] for f in report["findings"]}
    for f in report["findings"]:
        assert f["rule"] == "TPL002"
        messages[f["location"]["paragraph"]].append(f["message"])
    assert len(messages[3]) == 1 and "review.recommendations[].ownr" in messages[3][0]
    assert len(messages[5]) == 1 and "review.scope.from_" in messages[5][0]
    assert 6 not in messages
    assert len(messages[7]) == 1 and "'nonsense'" in messages[7][0]


def test_schema_paths():
    assert check_path(("review", "recommendations", "[]", "owner")) is None
    assert check_path(("review", "scope", "from")) is None
    assert check_path(("distribution", "[]", "recipient")) is None
    assert "no field 'reviewr'" in check_path(("review", "reviewr", "name"))
    assert "not a list" in check_path(("review", "reviewer", "[]"))
    assert "single value" in check_path(("child", "pseudonym", "first"))


@pytest.mark.parametrize("paragraph", ["First finding: {{ review.findings[99].title }}",
                                       "Total: {{ review.findings|sum }}"])
def test_render_failure_of_the_example_is_tpl003(cli, tmp_path, paragraph):
    tpl = make_template(tmp_path / "render.docx", "Intro", paragraph)
    result, (report,) = validate(cli, tpl)
    assert result.code == 1
    assert rules_at(report) == [("TPL003", "body", 3)]
    assert report["findings"][0]["text"] == paragraph


def test_tpl003_names_the_missing_field(cli, tmp_path):
    tpl = make_template(tmp_path / "render.docx", "Intro", "{{ review.findings[99].title }}")
    _, (report,) = validate(cli, tpl)
    assert "review.findings[99].title" in report["findings"][0]["message"]


def test_headers_are_parsed_too(cli, tmp_path):
    tpl = make_template(tmp_path / "header.docx", "Intro", header="Ref {{ case.referense }}")
    result, (report,) = validate(cli, tpl)
    assert result.code == 1
    assert [(f["rule"], f["location"]["part"]) for f in report["findings"]] == [("TPL002", "header")]


def test_core_properties_are_parsed_too(cli, tmp_path):
    path = make_template(tmp_path / "props.docx", "Intro")
    document = docx.Document(str(path))
    document.core_properties.title = "Review {{ child.pseudonym "
    document.save(str(path))
    result, (report,) = validate(cli, path)
    assert result.code == 1
    assert [(f["rule"], f["location"]["part"]) for f in report["findings"]][0] == ("TPL001", "properties")


def test_docxtpl_spelling_pitfalls(cli, tmp_path):
    tpl = make_template(tmp_path / "spelling.docx", "{% p if child.pseudonym %}", "x", "{%p endif %}")
    _, (report,) = validate(cli, tpl)
    assert any(f["rule"] == "TPL001" and "no space between" in f["message"] for f in report["findings"])
    tpl = make_template(tmp_path / "run.docx", "{{rtext}} and {{review.reviewer.name}}")
    _, (report,) = validate(cli, tpl)
    tpl001 = [f for f in report["findings"] if f["rule"] == "TPL001"]
    assert len(tpl001) == 1 and "{{r text" in tpl001[0]["message"]
    tpl = make_template(tmp_path / "loop.docx", "{%p for rec in review.recommendations %}",
                        "{{rec.text}} ({{rec.owner}})", "{%p endfor %}")
    result, (report,) = validate(cli, tpl)
    assert result.code == 0 and report["findings"] == []


@pytest.mark.parametrize("doc_type", ["lcspr"])
def test_rendered_example_failing_check_is_tpl004(cli, tmp_path, doc_type):
    pytest.importorskip("cspr_docs.checks")
    tpl = make_template(tmp_path / "thin.docx", "Reviewer: {{ review.reviewer.name }}")
    result, (report,) = validate(cli, tpl, "--type", doc_type)
    assert result.code == 1
    assert {f["rule"] for f in report["findings"]} == {"TPL004"}
    assert report["type"] == doc_type
    assert any("SEC001" in f["message"] for f in report["findings"])


# -- the bundled templates, formats and exit codes ---------------------------------------------


def test_bundled_templates_pass(cli):
    result = cli("templates", "validate")
    assert result.code == 0, result.stdout + result.stderr
    assert "4 documents: 0 error(s)" in result.stdout


def test_bundled_templates_map_to_their_types():
    folder = bundled("templates")
    assert template_type(folder / "lcspr_report.docx") == "lcspr"
    assert template_type(folder / "rapid_review.docx") == "rapid-review"
    assert template_type(folder / "improvements_summary.docx") == "improvements"
    assert template_type(folder / "learning_briefing.docx") == "learning-briefing"
    assert template_type(folder / "ours.docx") is None
    assert template_type(folder / "ours.docx", "national") == "national"


def test_a_folder_mixing_good_and_bad_templates(cli, tmp_path):
    shutil.copy(bundled("templates") / "lcspr_report.docx", tmp_path / "lcspr_report.docx")
    make_template(tmp_path / "unknown.docx", "{{ review.reviewr.name }}")
    (tmp_path / "notes.txt").write_text("not a template")
    result, reports = validate(cli, tmp_path)
    assert result.code == 1
    by_name = {r["document"].rsplit("/", 1)[-1]: r for r in reports}
    assert set(by_name) == {"lcspr_report.docx", "unknown.docx"}
    assert by_name["lcspr_report.docx"]["findings"] == []
    assert by_name["lcspr_report.docx"]["type"] == "lcspr"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_every_format(cli, tmp_path, fmt):
    tpl = make_template(tmp_path / "unknown.docx", "{{ review.reviewr.name }}")
    result = cli("templates", "validate", tpl, "--format", fmt)
    assert result.code == 1
    assert "TPL002" in result.stdout
    if fmt == "text":
        assert f"{tpl}:body ¶2: ERROR TPL002" in result.stdout
    if fmt == "sarif":
        sarif = json.loads(result.stdout)
        assert sarif["runs"][0]["results"][0]["ruleId"] == "TPL002"
    if fmt == "junit":
        assert "<failure" in result.stdout and 'name="templates"' in result.stdout


def test_report_to_a_file(cli, tmp_path):
    out = tmp_path / "report.sarif"
    result = cli("templates", "validate", "--format", "sarif", "-o", out)
    assert result.code == 0 and json.loads(out.read_text())["version"] == "2.1.0"


def test_unreadable_inputs_are_exit_2(cli, tmp_path):
    result = cli("templates", "validate", tmp_path / "missing")
    assert result.code == 2 and "missing" in result.stderr and "Traceback" not in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("templates", "validate", empty).code == 2
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip")
    result = cli("templates", "validate", fake)
    assert result.code == 2 and len(result.stderr.strip().splitlines()) == 1
    bad = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert cli("templates", "validate", bad).code == 2


def test_row_tag_sharing_its_row_with_text(cli, tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.rows[0].cells[0].text = "{%tr for r in review.recommendations %}"
    table.rows[0].cells[1].text = "Owner"  # lost: docxtpl replaces the whole row by the tag
    table.rows[1].cells[0].text = "{{ r.text }}"
    table.rows[1].cells[1].text = "{{ r.owner }}"
    table.rows[2].cells[0].text = "{%tr endfor %}"
    path = tmp_path / "table.docx"
    document.save(str(path))
    result, (report,) = validate(cli, path)
    assert result.code == 1
    assert rules_at(report) == [("TPL001", "table", 1)]
    assert "table row" in report["findings"][0]["message"] and "Owner" in report["findings"][0]["message"]


def test_split_across_a_tracked_insertion_cannot_be_healed(cli, tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = make_template(tmp_path / "tracked.docx", "Intro")
    document = docx.Document(str(path))
    paragraph = document.add_paragraph()
    paragraph.add_run("{{ child.")
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z">'
        '<w:r><w:t>pseudonym }}</w:t></w:r></w:ins>'))
    document.save(str(path))
    result, (report,) = validate(cli, path)
    assert result.code == 1
    split = [f for f in report["findings"] if "split" in f["message"]]
    assert split and split[0]["location"]["paragraph"] == 3 and "cannot" in split[0]["message"]
