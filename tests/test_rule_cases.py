"""Rule test cases as data (as sqlfluff's rule cases are): ``tests/rule_cases/ID.yaml``.

Each file holds the cases of one rule::

    rule: DIS004
    type: lcspr                 # document type (default lcspr)
    cases:
      - name: copy to the Panel one working day late over Christmas
        text: |                 # the document: a Markdown snippet, or
        # corpus: docx          #   the corpus report (docx|markdown|pdf|text) with optional
        # replace: {"13. About the reviewer": null}   headings replaced or removed, or
        # builder: docx_with_comment                  a builder in fixtures/rule_builders.py
        case: {distribution: [...]}   # overrides of the corpus case file (omit: no case file)
        register: {people: [...]}     # a case register (optional)
        publication_date: 2027-01-05  # --publication-date (optional)
        expect:                       # the findings of THIS rule, in order
          - {severity: error, contains: "latest 22 Dec 2026"}

The runner runs only the code registered for the rule, with the applicability ``check`` uses.
A test proves the ids in the catalogue = the ids registered = the ids with cases, and that every
rule has a passing case (``expect: []``) and a failing one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

CASES = Path(__file__).parent / "rule_cases"


def _load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _all_cases():
    for path in sorted(CASES.glob("*.yaml")):
        data = _load(path)
        for i, case in enumerate(data["cases"]):
            yield pytest.param(data, case, id=f"{data['rule']}-{i}-{case['name'][:40]}")


def _document(case: dict, tmp_path: Path) -> Path:
    from fixtures import rule_builders
    from fixtures.corpus import WRITERS, with_replacements

    if "text" in case:
        path = tmp_path / case.get("file", "document.md")
        path.write_text(case["text"], encoding="utf-8")
        return path
    if "builder" in case:
        return getattr(rule_builders, case["builder"])(tmp_path)
    kind = {"docx": "docx-styled", "markdown": "markdown", "pdf": "pdf-font", "text": "text"}[case["corpus"]]
    replace = {k: (tuple(v) if v else None) for k, v in (case.get("replace") or {}).items()}
    return WRITERS[kind](tmp_path / "report", with_replacements(**replace) if replace else None)


def _findings(data: dict, case: dict, tmp_path: Path) -> list:
    from datetime import date

    from cspr_docs.checks import registry
    from cspr_docs.checks.checklist import checklist_for
    from cspr_docs.checks.context import CheckContext
    from cspr_docs.document import read_document
    from fixtures.corpus import case_data, write_case

    rule = data["rule"]
    doc_type = case.get("type", data.get("type", "lcspr"))
    checker = registry.registered()[rule]
    if "template" in case:  # templates validate: the template rendered with the example case
        from fixtures import rule_builders
        from cspr_docs.casefile import load_case
        from cspr_docs.files import bundled

        template = getattr(rule_builders, case["template"])(tmp_path)
        found = checker.run(template, load_case(bundled("examples") / "case.yaml"), doc_type)
        return [f for f in found if f.rule == rule]
    loaded = raw = None
    if "case" in case:
        from cspr_docs.casefile import load_case_with_raw

        loaded, raw = load_case_with_raw(write_case(tmp_path / "case.yaml", case_data(**(case["case"] or {}))))
    register = None
    if case.get("register"):
        from cspr_docs.anonymise import load_register

        reg_path = tmp_path / "register.yaml"
        YAML().dump(case["register"], reg_path)
        register = load_register(reg_path)
    if rule not in registry.applicable(doc_type, loaded is not None):
        return []
    doc = read_document(_document(case, tmp_path))
    planned = loaded.publication.planned_date if loaded is not None and loaded.publication else None
    given = case.get("publication_date")
    if isinstance(given, str):
        given = date.fromisoformat(given)
    ctx = CheckContext(doc=doc, doc_type=doc_type, checklist=checklist_for(doc_type), case=loaded,
                       case_raw=raw, publication_date=given or planned, register=register)
    return [f for f in checker.run(ctx) if f.rule == rule]


@pytest.mark.parametrize("data, case", list(_all_cases()))
def test_rule_case(data, case, tmp_path):
    found = _findings(data, case, tmp_path)
    expected = case["expect"] or []
    got = [(f.severity.value, f.message) for f in found]
    assert len(found) == len(expected), got
    for f, want in zip(found, expected):
        if "severity" in want:
            assert f.severity.value == want["severity"], got
        if "contains" in want:
            assert want["contains"] in f.message, got
        if "text" in want:
            assert f.text == want["text"], got
        if "part" in want:
            assert f.location.part == want["part"], got


def test_catalogue_registry_and_cases_agree():
    from cspr_docs.catalogue import rules
    from cspr_docs.checks import registry

    catalogue = set(rules())
    registered = set(registry.registered())
    with_cases = {p.stem for p in CASES.glob("*.yaml")}
    assert catalogue == registered, catalogue ^ registered
    assert catalogue == with_cases, sorted(catalogue ^ with_cases)
    for path in CASES.glob("*.yaml"):
        data = _load(path)
        assert data["rule"] == path.stem
        failing = sum(1 for c in data["cases"] if c["expect"])
        passing = len(data["cases"]) - failing
        assert failing >= 1 and passing >= 1, f"{path.name}: needs a passing and a failing case"


def test_unknown_or_unimplemented_id_fails_at_import():
    from cspr_docs.checks import registry

    with pytest.raises(registry.RegistryError, match="ZZZ999"):
        registry.implements("ZZZ999")
    with pytest.raises(registry.RegistryError, match="already implemented"):
        registry.implements("DIS001")(lambda ctx: [])
    # a catalogued id with no code: load() refuses it
    saved = registry._BY_RULE.pop("NOT001")
    try:
        with pytest.raises(registry.RegistryError, match="NOT001"):
            registry.load()
    finally:
        registry._BY_RULE["NOT001"] = saved


def test_catalogue_entries_are_validated(tmp_path, monkeypatch):
    from cspr_docs import catalogue

    def broken(text):
        data = tmp_path / "data"
        data.mkdir(exist_ok=True)
        (data / "rules.yaml").write_text(text)
        monkeypatch.setattr("cspr_docs.files.bundled", lambda name: tmp_path / name)
        catalogue.rules.cache_clear()
        try:
            with pytest.raises(catalogue.CatalogueError) as exc:
                catalogue.rules()
        finally:
            catalogue.rules.cache_clear()
        return str(exc.value)

    assert "old format" in broken("HID009: {family: hidden content, severity: error, summary: x}\n")
    assert "duty" in broken("HID009: {family: f, title: t, duty: may, source: s, types: [all], what: w, "
                            "why: y, fix: f, example: e}\n")
    assert "unknown document type" in broken("HID009: {family: f, title: t, duty: must, source: s, "
                                             "types: [memo], what: w, why: y, fix: f, example: e}\n")
    assert "bad rule id" in broken("hid9: {family: f}\n")
