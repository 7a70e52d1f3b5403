"""The project documents itself: `cspr-docs rules`, docs/rules.md and the README's rule table come
from the catalogue (and fail here when stale); the README points only inside the repository; adding a
rule takes its catalogue entry, its code and its cases (the worked example of docs/adding-a-rule.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cspr_docs.catalogue import rules
from cspr_docs.ruledocs import README_BEGIN, README_END, markdown_table, readme_with_table, reference_markdown

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def test_readme_rule_table_is_current():
    text = README.read_text(encoding="utf-8")
    assert README_BEGIN in text and README_END in text
    assert text == readme_with_table(text), "README rule table is stale: run python scripts/gen_rule_docs.py"
    for rule_id in rules():
        assert f"| {rule_id} |" in text


def test_docs_rules_md_is_current():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == reference_markdown(), \
        "docs/rules.md is stale: run python scripts/gen_rule_docs.py"


def test_design_docs_exist_and_cover_the_registry():
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    for topic in ("## Jobs", "## Document model", "## Rule registry"):
        assert topic in design
    adding = (ROOT / "docs" / "adding-a-rule.md").read_text(encoding="utf-8")
    assert "rules.yaml" in adding and "@implements" in adding and "tests/rule_cases" in adding


REPO_DIRS = ("src/", "docs/", "tests/", "templates/", "checklists/", "examples/", "scripts/", "benchmarks/")


def test_readme_points_only_inside_the_repository():
    text = README.read_text(encoding="utf-8")
    assert "shared folder" not in text and "SPEC.md" not in text and "/work/" not in text
    assert not re.search(r"\]\((?!#)(?:\.\./|/|[a-z]+://)", text), "a Markdown link leaves the repository"
    for path in re.findall(r"`([\w./-]+)`", text):
        if path.startswith(REPO_DIRS):
            assert (ROOT / path).exists(), f"README names {path}, which is not in the repository"


def test_rules_command_lists_and_explains(cli):
    r = cli("rules")
    assert r.code == 0
    listed = [line.split()[0] for line in r.stdout.splitlines() if re.match(r"[A-Z]{3}\d{3} ", line)]
    assert listed == list(rules())
    r = cli("rules", "DIS004")
    assert r.code == 0
    for part in ("DIS004 (distribution)", "Duty:      must (default severity: error)",
                 "Source:    Working Together to Safeguard Children 2023", "What it checks:",
                 "Why it matters:", "How to fix it:", "Example: Publication on Tuesday 5 January 2027"):
        assert part in r.stdout
    assert cli("rules", "rev001").stdout.startswith("REV001 (reviewer)")
    assert cli("rules", "--markdown").stdout == markdown_table()
    bad = cli("rules", "XYZ999")
    assert bad.code == 2 and "no rule 'XYZ999'" in bad.stderr


def test_every_rule_has_a_duty_severity_and_source():
    for r in rules().values():
        assert r.severity == {"must": "error", "should": "warning", "convention": "info"}[r.duty]
        assert r.source and r.what and r.why and r.fix and r.example
    # the "should" duties of the guidance are warnings (issue 13)
    assert {k: rules()[k].severity for k in ("REV001", "TIM003", "PUB001", "DIS003", "DIS007")} == \
        dict.fromkeys(("REV001", "TIM003", "PUB001", "DIS003", "DIS007"), "warning")


@pytest.fixture
def rec003():
    """The worked example of docs/adding-a-rule.md, added for one test: a catalogue entry and its code."""
    import re as _re

    from cspr_docs.catalogue import Rule
    from cspr_docs.checks import registry
    from cspr_docs.findings import make_finding, rule_catalogue

    entry = Rule(id="REC003", family="recommendations", title='A recommendation is addressed only to "all agencies"',
                 duty="should", source="Working Together to Safeguard Children 2023, ch.5",
                 types=("lcspr", "improvements", "national"), needs_case=False, sanitize=False, job="check",
                 what="A recommendation names no agency but all agencies.", why="No one owns it.",
                 fix="Name the lead agency.", example="All agencies should improve information sharing.")
    rules()["REC003"] = entry
    rule_catalogue.cache_clear()
    pattern = _re.compile(r"^(?:Recommendation \d+:\s*)?All (?:agencies|partners)\b", _re.I)

    @registry.implements("REC003")
    def check_all_agencies(ctx):
        for block in ctx.doc.blocks:
            m = pattern.search(block.text)
            if m:
                yield make_finding("REC003", "recommendation addressed only to all agencies",
                                   block.span(m.start(), m.end()), text=m.group(0))

    yield
    del rules()["REC003"]
    rule_catalogue.cache_clear()
    registry._BY_RULE.pop("REC003")
    registry._CHECKERS[:] = [c for c in registry._CHECKERS if c.run is not check_all_agencies]


def test_adding_a_rule_needs_only_its_entry_code_and_cases(rec003, tmp_path):
    from cspr_docs.checks import run_checks
    from cspr_docs.document import read_document
    from cspr_docs.ruledocs import explain

    path = tmp_path / "r.md"
    path.write_text("# Recommendations\n\nRecommendation 1: All agencies should improve information sharing "
                    "by March 2027.\n", encoding="utf-8")
    report = run_checks(read_document(path), "lcspr")
    (f,) = [f for f in report.findings if f.rule == "REC003"]
    assert f.severity.value == "warning" and f.source.startswith("Working Together")
    assert f.text == "Recommendation 1: All agencies"
    # applicability from the entry: a rapid review does not run it
    assert not [f for f in run_checks(read_document(path), "rapid-review").findings if f.rule == "REC003"]
    assert explain("REC003").startswith('REC003 (recommendations): A recommendation is addressed only to')
    assert "| REC003 | recommendations | should | warning |" in markdown_table()


def test_sarif_rules_carry_the_catalogue_help_duty_and_source(cli, tmp_path):
    import json

    from fixtures.corpus import with_replacements, write_docx

    doc = write_docx(tmp_path / "r.docx", with_replacements(
        **{"13. About the reviewer": ("13. Acknowledgements", ["The partnership thanks the family."])}))
    r = cli("check", doc, "--type", "lcspr", "--format", "sarif")
    driver = json.loads(r.stdout)["runs"][0]["tool"]["driver"]
    (rev,) = [rule for rule in driver["rules"] if rule["id"] == "REV001"]
    assert rev["help"]["text"].startswith(rules()["REV001"].what) and "How to fix it:" in rev["help"]["text"]
    assert rev["properties"]["duty"] == "should" and rev["defaultConfiguration"]["level"] == "warning"
    assert rev["properties"]["source"].startswith("Working Together")
