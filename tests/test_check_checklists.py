"""Checklists: the bundled ones load and validate; a partnership's own adds items; broken ones
are exit 2 naming the file and the item."""

from __future__ import annotations

import json

import pytest

from cspr_docs.checks.checklist import checklist_for, load_checklist
from cspr_docs.errors import InputError
from cspr_docs.files import bundled
from fixtures.corpus import WRITERS

TYPES = ["rapid-review", "lcspr", "improvements", "national", "learning-briefing"]


@pytest.mark.parametrize("doc_type", TYPES)
def test_bundled_checklists_load(doc_type):
    checklist = checklist_for(doc_type)
    assert checklist.items
    for item in checklist.items:
        assert item.severity in ("error", "warning")
        assert item.source and ("Working Together" in item.source or "Panel" in item.source
                                or "convention" in item.source or "Children Act" in item.source)
    ids = [i.id for i in checklist.items]
    assert len(ids) == len(set(ids))


def test_every_bundled_file_is_a_document_type():
    names = {p.stem for p in bundled("checklists").glob("*.yaml")}
    assert names == {t.replace("-", "_") for t in TYPES}


def test_statutory_musts_are_errors():
    lcspr = {i.id: i for i in checklist_for("lcspr").items}
    assert lcspr["lcspr.systemic-reasons"].severity == "error"
    assert lcspr["lcspr.improvements-summary"].severity == "error"
    # "the name of the reviewer should be included": a should, so a warning
    assert lcspr["lcspr.reviewer"].severity == "warning" and lcspr["lcspr.reviewer"].rule == "REV001"


PARTNERSHIP = """\
title: Northshire additions
items:
  - id: northshire.glossary
    title: Glossary of terms
    severity: warning
    source: "Northshire SCP publication standard, section 2"
    headings: [glossary, terms used]
"""


def test_partnership_checklist_adds_an_item(cli, tmp_path):
    extra = tmp_path / "northshire.yaml"
    extra.write_text(PARTNERSHIP)
    doc = WRITERS["docx-styled"](tmp_path / "report")
    r = cli("check", doc, "--type", "lcspr", "--checklist", extra, "--format", "json")
    assert r.code == 0
    findings = json.loads(r.stdout)["findings"]
    assert [(f["rule"], f["location"]["field"], f["source"]) for f in findings] == [
        ("SEC001", "northshire.glossary", "Northshire SCP publication standard, section 2")]
    text = cli("check", doc, "--type", "lcspr", "--checklist", extra).stdout
    assert "[source: Northshire SCP publication standard, section 2]" in text


def test_partnership_checklist_can_raise_a_severity(cli, tmp_path):
    extra = tmp_path / "strict.yaml"
    extra.write_text("""\
items:
  - id: lcspr.conclusions
    title: Conclusions
    severity: error
    source: "Northshire SCP publication standard"
    headings: [conclusion]
""")
    from fixtures.corpus import with_replacements

    doc = WRITERS["docx-styled"](tmp_path / "report", with_replacements(**{"10. Conclusions": None}))
    assert cli("check", doc, "--type", "lcspr").code == 0
    assert cli("check", doc, "--type", "lcspr", "--checklist", extra).code == 1


def test_partnership_checklist_limited_to_types(tmp_path):
    extra = tmp_path / "rr.yaml"
    extra.write_text("types: [rapid-review]\n" + PARTNERSHIP)
    assert "northshire.glossary" not in [i.id for i in checklist_for("lcspr", [extra]).items]
    assert "northshire.glossary" in [i.id for i in checklist_for("rapid-review", [extra]).items]


@pytest.mark.parametrize("body, needle", [
    ("items:\n  - id: a.one\n    title: One\n    severity: fatal\n    source: s\n    headings: [x]\n",
     "item a.one: severity must be one of"),
    ("items:\n  - id: a.two\n    title: Two\n    severity: error\n    headings: [x]\n",
     "item a.two: source is required"),
    ("items:\n  - id: a.three\n    title: Three\n    severity: error\n    source: s\n",
     "item a.three: needs heading phrases"),
    ("items:\n  - id: a.four\n    title: Four\n    severity: error\n    source: s\n    headings: ['--']\n",
     "item a.four: headings"),
    ("items:\n  - id: a.five\n    title: Five\n    severity: error\n    source: s\n    headings: [x]\n"
     "    colour: red\n", "item a.five: unknown field 'colour'"),
    ("items:\n  - id: a.six\n    title: Six\n    severity: error\n    source: s\n    headings: [x]\n"
     "  - id: a.six\n    title: Six\n    severity: error\n    source: s\n    headings: [y]\n",
     "item a.six: duplicate id"),
    ("items: []\n", "items"),
    ("- just a list\n", "must be a mapping"),
    ("items: [\n", "invalid YAML"),
])
def test_broken_checklist_names_file_and_item(cli, tmp_path, body, needle):
    bad = tmp_path / "broken.yaml"
    bad.write_text(body)
    with pytest.raises(InputError) as err:
        load_checklist(bad)
    assert needle in str(err.value) and "broken.yaml" in str(err.value)
    doc = WRITERS["markdown"](tmp_path / "report")
    r = cli("check", doc, "--type", "lcspr", "--checklist", bad)
    assert r.code == 2 and "broken.yaml" in r.stderr and needle in r.stderr
    assert r.stderr.count("\n") == 1


def test_broken_checklist_message_has_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("items:\n  - id: a.one\n    title: One\n    severity: fatal\n    source: s\n"
                   "    headings: [x]\n")
    with pytest.raises(InputError, match="line 4: item a.one"):
        load_checklist(bad)
