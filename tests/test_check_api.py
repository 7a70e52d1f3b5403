"""``run_checks`` as a library: families, applicability, extra families, the report it returns."""

from __future__ import annotations

import pytest

from cspr_docs.casefile import load_case_with_raw
from cspr_docs.checks import Family, builtin_families, run_checks
from cspr_docs.document import read_document
from cspr_docs.findings import Location, make_finding
from fixtures.corpus import WRITERS, write_case


@pytest.fixture
def doc(tmp_path):
    return read_document(WRITERS["docx-styled"](tmp_path / "report"))


def test_report_rows_and_families(doc, tmp_path):
    case, raw = load_case_with_raw(write_case(tmp_path / "case.yaml"))
    report = run_checks(doc, "lcspr", case=case, case_raw=raw)
    assert report.findings == [] and report.doc_type == "lcspr"
    assert report.families == ["sections", "reviewer", "recommendations", "distribution", "timescales",
                               "publication", "notification", "anonymisation", "hidden content",
                               "accessibility"]
    assert [r[0] for r in report.checklist][:2] == ["lcspr.introduction", "lcspr.scope"]
    assert {r[2] for r in report.checklist} == {"ok"}
    assert all(r[3] for r in report.checklist)  # every row carries its source


def test_case_families_need_a_case(doc):
    report = run_checks(doc, "lcspr")
    assert report.families == ["sections", "reviewer", "recommendations", "publication", "anonymisation",
                               "hidden content", "accessibility"]


def test_delegated_item_row_follows_its_rule(tmp_path):
    from fixtures.corpus import with_replacements

    path = WRITERS["markdown"](tmp_path / "r", with_replacements(**{"13. About the reviewer": None}))
    report = run_checks(read_document(path), "lcspr")
    rows = {r[0]: r[2] for r in report.checklist}
    assert rows["lcspr.reviewer"] == "missing"
    rev = [f for f in report.findings if f.rule == "REV001"]
    assert rev and rev[0].location.field == "lcspr.reviewer" and rev[0].severity.value == "warning"


def test_extra_families_run_for_their_types_only(doc):
    def shout(ctx):
        yield make_finding("TPL004", "custom family fired", Location(part="header", paragraph=1))

    extra = [Family("templates", shout, types=("national",))]
    assert "TPL004" not in [f.rule for f in run_checks(doc, "lcspr", extra_families=extra).findings]
    assert "TPL004" in [f.rule for f in run_checks(doc, "national", extra_families=extra).findings]


def test_builtin_family_names_are_catalogue_families():
    from cspr_docs.findings import rule_catalogue

    families = {info["family"] for info in rule_catalogue().values()}
    assert {f.name for f in builtin_families()} <= families


def test_unknown_type_or_clock(doc):
    with pytest.raises(ValueError):
        run_checks(doc, "memo")
    with pytest.raises(ValueError):
        run_checks(doc, "lcspr", rapid_review_clock="sundial")
