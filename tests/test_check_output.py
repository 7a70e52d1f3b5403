"""``check`` output formats (text, json, sarif, junit), exit codes and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.corpus import WRITERS, case_data, with_replacements, without_systemic, write_case

SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
SYSTEMIC_SOURCE = "Working Together to Safeguard Children 2023, ch.5 (final report must include an analysis"


@pytest.fixture
def failing(tmp_path):
    """A report missing its systemic-reasons section, with a case whose Panel copy was late
    and whose notification was late (an error, a warning and a case-file finding)."""
    doc = WRITERS["docx-styled"](tmp_path / "report", without_systemic())
    dist = case_data()["distribution"]
    dist[0]["sent"] = "2026-12-23"
    case = write_case(tmp_path / "case.yaml", distribution=dist, notification={"submitted": "2026-03-20"})
    return doc, case


def test_text_format(cli, failing):
    doc, case = failing
    r = cli("check", doc, "--type", "lcspr", "--case", case)
    assert r.code == 1
    lines = r.stdout.splitlines()
    assert any(f"{doc}: whole document (checklist item lcspr.systemic-reasons): ERROR SEC001" in l and SYSTEMIC_SOURCE in l for l in lines)
    assert any("ERROR DIS004 copy to the Panel sent 23 Dec 2026" in l for l in lines)
    assert any("WARNING TIM001" in l for l in lines)
    assert lines[-1] == f"{doc}: 2 error(s), 1 warning(s), 0 info"


def test_json_format(cli, failing):
    doc, case = failing
    r = cli("check", doc, "--type", "lcspr", "--case", case, "--format", "json")
    assert r.code == 1
    data = json.loads(r.stdout)
    assert data["tool"] == "cspr-docs" and data["type"] == "lcspr" and data["document"] == str(doc)
    assert data["summary"] == {"error": 2, "warning": 1, "info": 0}
    sec = next(f for f in data["findings"] if f["rule"] == "SEC001")
    assert sec["source"].startswith(SYSTEMIC_SOURCE)
    assert set(sec["location"]) >= {"part", "paragraph", "page", "start", "end"}
    dis = next(f for f in data["findings"] if f["rule"] == "DIS004")
    assert dis["location"]["part"] == "case-file" and dis["location"]["line"]
    assert data["case_file"] == str(case)


def assert_valid_sarif(sarif: dict) -> None:
    """``sarif`` validates against the SARIF 2.1.0 schema, formats (URIs, dates) included."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(sarif), key=str)
    assert not errors, errors[0]


def test_sarif_is_valid_and_carries_sources(cli, failing):
    doc, case = failing
    r = cli("check", doc, "--type", "lcspr", "--case", case, "--format", "sarif")
    assert r.code == 1
    sarif = json.loads(r.stdout)
    assert_valid_sarif(sarif)
    run = sarif["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert {"SEC001", "DIS004", "TIM001"} <= set(ids)
    sec = next(res for res in run["results"] if res["ruleId"] == "SEC001")
    assert sec["level"] == "error" and sec["properties"]["source"].startswith(SYSTEMIC_SOURCE)
    assert sec["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("report.docx")
    assert all(res["ruleIndex"] == ids.index(res["ruleId"]) for res in run["results"])
    # a finding about the case file points at the case file's line, not at the report
    dis = next(res for res in run["results"] if res["ruleId"] == "DIS004")
    where = dis["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"].endswith("case.yaml") and where["region"]["startLine"] > 1


def test_sarif_valid_for_a_clean_document(cli, tmp_path):
    doc = WRITERS["pdf-font"](tmp_path / "report")
    r = cli("check", doc, "--type", "lcspr", "--format", "sarif")
    assert r.code == 0
    assert_valid_sarif(json.loads(r.stdout))


def test_junit_one_case_per_item_and_family(cli, failing):
    from xml.etree import ElementTree as ET

    doc, case = failing
    r = cli("check", doc, "--type", "lcspr", "--case", case, "--format", "junit")
    assert r.code == 1
    root = ET.fromstring(r.stdout)
    names = [c.get("name") for c in root.iter("testcase")]
    from cspr_docs.checks.checklist import checklist_for

    items = checklist_for("lcspr").items
    assert len([n for n in names if n.split(":")[0] in {i.id for i in items}]) == len(items)
    for family in ("sections", "reviewer", "recommendations", "distribution", "timescales",
                   "publication", "notification"):
        assert family in names
    failed = {c.get("name") for c in root.iter("testcase") if c.find("failure") is not None}
    assert "distribution" in failed and "timescales" not in failed  # TIM001 is a warning
    assert any(n.startswith("lcspr.systemic-reasons") for n in failed)


def test_output_file(cli, failing, tmp_path):
    doc, case = failing
    out = tmp_path / "report.json"
    r = cli("check", doc, "--type", "lcspr", "--case", case, "--format", "json", "-o", out)
    assert r.code == 1 and r.stdout == ""
    assert json.loads(out.read_text())["summary"]["error"] == 2


def test_exit_0_with_only_warnings(cli, tmp_path):
    doc = WRITERS["docx-styled"](tmp_path / "report", with_replacements(**{"10. Conclusions": None}))
    assert cli("check", doc, "--type", "lcspr").code == 0


@pytest.mark.parametrize("args, needle", [
    (["--publication-date", "5/1/2027"], "publication-date"),
    (["--type", "nope"], "type"),
    (["--case", "missing.yaml"], "missing.yaml: no such file"),
    (["--checklist", "missing.yaml"], "missing.yaml: no such file"),
])
def test_bad_arguments_exit_2(cli, tmp_path, args, needle):
    doc = WRITERS["markdown"](tmp_path / "report")
    base = ["check", doc] + ([] if "--type" in args else ["--type", "lcspr"])
    r = cli(*base, *args)
    assert r.code == 2 and needle in r.stderr and "Traceback" not in r.stderr


def test_missing_document_exit_2(cli, tmp_path):
    r = cli("check", tmp_path / "nope.docx", "--type", "lcspr")
    assert r.code == 2 and "nope.docx: no such file" in r.stderr


def test_invalid_case_file_exit_2(cli, tmp_path):
    doc = WRITERS["markdown"](tmp_path / "report")
    case = tmp_path / "case.yaml"
    case.write_text("review:\n  decision_date: next week\n")
    r = cli("check", doc, "--type", "lcspr", "--case", case)
    assert r.code == 2
    assert "case.yaml: line 2: review.decision_date" in r.stderr and r.stderr.count("\n") == 1


def test_inputs_are_not_modified(cli, failing):
    doc, case = failing
    before = (doc.read_bytes(), case.read_bytes())
    cli("check", doc, "--type", "lcspr", "--case", case)
    assert (doc.read_bytes(), case.read_bytes()) == before


def test_an_identifying_detail_is_placed_under_its_heading_without_quoting_it(cli, tmp_path):
    """Text output: a possible name keeps its exact place and gains the heading it sits under, so
    the officer can find it; the name itself is never part of the place."""
    report = tmp_path / "r.md"
    report.write_text("# Review\n\n## 1. Introduction\n\nThe review began in 2026.\n\n## 2. Background\n\n"
                      "The family moved twice. Kelly Brannigan rang the duty desk on a Friday.\n",
                      encoding="utf-8")
    r = cli("check", report, "--type", "lcspr")
    line = next(l for l in r.stdout.splitlines() if "ANO002" in l)
    where = line.split(": WARNING")[0]
    assert 'under "2. Background"' in where and "Brannigan" not in where


def test_dash_means_the_terminal(tmp_path):
    """"-o -" prints the report (a new user's slip wrote a file literally named "-")."""
    import subprocess
    import sys

    doc = tmp_path / "notes.txt"
    doc.write_text("Kelly Ashworth rang the duty team.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "cspr_docs", "scan", str(doc), "--format", "json", "-o", "-"],
                       cwd=tmp_path, capture_output=True, text=True)
    assert json.loads(r.stdout)["findings"][0]["text"] == "Kelly Ashworth"
    assert not (tmp_path / "-").exists()
