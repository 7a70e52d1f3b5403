"""A partnership's own configuration, cspr-docs.yaml: found next to the case file or above it (or
--config), validated with line numbers, written by init, shown by `cspr-docs config`, and used by
check (rule severities, checklists, default register) and distribute."""

from __future__ import annotations

import json

import pytest

from cspr_docs.config import effective_config, find_config, load_config, partnership_details
from cspr_docs.errors import InputError
from fixtures.corpus import with_replacements, write_case, write_docx

NO_REVIEWER = {"13. About the reviewer": ("13. Acknowledgements", ["The partnership thanks the family."])}


@pytest.fixture
def tree(tmp_path):
    """cases/cspr-docs.yaml shared by cases/case-1/ (case file and a report with no reviewer)."""
    cases = tmp_path / "cases"
    (cases / "case-1").mkdir(parents=True)
    case = write_case(cases / "case-1" / "case.yaml")
    report = write_docx(cases / "case-1" / "report.docx", with_replacements(**NO_REVIEWER))
    return cases, case, report


def findings(cli, *args):
    r = cli("check", *args, "--type", "lcspr", "--format", "json")
    assert r.code in (0, 1), r.stderr
    return r.code, [f for f in json.loads(r.stdout)["findings"]]


def test_init_writes_a_commented_config_once(cli, tmp_path):
    assert cli("init", tmp_path / "cases" / "a").code == 0
    written = tmp_path / "cases" / "a" / "cspr-docs.yaml"
    text = written.read_text()
    assert text.startswith("# cspr-docs.yaml") and "partnership:" in text and "rules:" in text
    # nothing invented is in force: every example value is commented out, and uncommenting the
    # partnership block gives a valid file
    assert load_config(written).partnership == {}
    uncommented = text.replace("# partnership:", "partnership:").replace("  # name:", "  name:")
    written.write_text(uncommented)
    assert load_config(written).partnership["name"] == "Example Safeguarding Children Partnership"
    written.write_text(text)
    # a case inside a folder that already has one does not get its own
    assert cli("init", tmp_path / "cases" / "a" / "b").code == 0
    assert not (tmp_path / "cases" / "a" / "b" / "cspr-docs.yaml").exists()


def test_found_next_to_the_case_file_or_above(tree, tmp_path):
    cases, case, _ = tree
    assert find_config(case) is None
    (cases / "cspr-docs.yaml").write_text("partnership:\n  name: Northshire SCP\n")
    assert find_config(case) == (cases / "cspr-docs.yaml").resolve()
    (cases / "case-1" / "cspr-docs.yaml").write_text("partnership:\n  name: Nearer\n")
    assert partnership_details(near=case) == {"name": "Nearer"}
    assert effective_config(cases / "cspr-docs.yaml", near=case).partnership == {"name": "Northshire SCP"}


def test_rule_severities_apply_to_check(cli, tree):
    cases, case, report = tree
    code, found = findings(cli, report, "--case", case)
    rev = [f for f in found if f["rule"] == "REV001"]
    assert rev and rev[0]["severity"] == "warning" and code == 0
    (cases / "cspr-docs.yaml").write_text("rules:\n  REV001: error   # our procedure\n  ACC001: off\n")
    code, found = findings(cli, report, "--case", case)
    assert [f["severity"] for f in found if f["rule"] == "REV001"] == ["error"] and code == 1
    # off: gone; without the case file the configuration is searched from the current folder
    (cases / "cspr-docs.yaml").write_text("rules:\n  REV001: off\n")
    code, found = findings(cli, report, "--case", case)
    assert not [f for f in found if f["rule"] == "REV001"] and code == 0
    code, found = findings(cli, report, "--config", cases / "cspr-docs.yaml")
    assert not [f for f in found if f["rule"] == "REV001"]


def test_checklists_and_register_from_the_config(cli, tree):
    cases, case, report = tree
    (cases / "extra.yaml").write_text(
        "items:\n  - id: ns.glossary\n    title: Glossary\n    severity: error\n"
        "    source: Northshire standard\n    headings: [glossary]\n")
    (cases / "register.yaml").write_text("people:\n  - name: Jane Smith\n    pseudonym: the reviewer\n")
    (cases / "cspr-docs.yaml").write_text("checklists: [extra.yaml]\nregister: register.yaml\n")
    doc = write_docx(cases / "case-1" / "named.docx")  # names its reviewer, Jane Smith
    _, found = findings(cli, doc, "--case", case)
    assert [f["location"]["field"] for f in found if f["rule"] == "SEC001"] == ["ns.glossary"]
    assert [f["text"] for f in found if f["rule"] == "ANO001"] == ["Jane Smith"]


@pytest.mark.parametrize("text, message", [
    ("rules:\n  ACC006: offf\n", "line 2: rules: ACC006: 'offf' is not one of error, warning, info, off"),
    ("partnership:\n  name: N\nrules:\n  XYZ123: off\n", "line 4: rules: 'XYZ123' is not a rule"),
    ("partnership:\n  name: N\n  fax: '0123'\n", "line 3: unknown setting 'partnership.fax'"),
    ("colour: blue\n", "line 1: unknown setting 'colour'"),
    ("register: nowhere.yaml\n", "line 1: register: no such file 'nowhere.yaml'"),
    ("templates:\n  memo: t.docx\n", "line 2: templates: 'memo' is not a document type"),
    ("- just\n- a list\n", "a cspr-docs.yaml must be a mapping"),
])
def test_invalid_config_is_one_line_with_its_line_number(cli, tree, text, message):
    cases, case, report = tree
    (cases / "cspr-docs.yaml").write_text(text)
    with pytest.raises(InputError) as exc:
        load_config(cases / "cspr-docs.yaml")
    assert message in str(exc.value)
    r = cli("check", report, "--type", "lcspr", "--case", case)
    assert r.code == 2 and message in r.stderr and r.stderr.count("\n") == 1 and r.stdout == ""


def test_config_command_shows_values_and_where_they_came_from(cli, tree):
    cases, case, _ = tree
    (cases / "cspr-docs.yaml").write_text(
        "partnership:\n  name: Northshire SCP\n  website: https://www.northshirescp.org.uk\n"
        "  social: ['@NorthshireSCP']\nrules:\n  ACC006: off\n")
    r = cli("config", "--case", case)
    assert r.code == 0
    path = (cases / "cspr-docs.yaml").resolve()
    assert f"partnership.name: Northshire SCP    # {path}:2" in r.stdout
    assert f"partnership.website: https://www.northshirescp.org.uk    # {path}:3" in r.stdout
    assert f"rules.ACC006: off    # {path}:6" in r.stdout
    assert "rules.REV001: warning    # default (should)" in r.stdout
    assert "partnership.phone: (not set)    # default" in r.stdout
    assert cli("config", "--config", cases / "nope.yaml").code == 2


def test_partnership_details_for_other_modules(tree):
    cases, case, _ = tree
    (cases / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (cases / "cspr-docs.yaml").write_text(
        "partnership:\n  name: Northshire SCP\n  local_authority: Northshire Council\n"
        "  address: 1 High Street, Northtown\n  phone: '01234 567890'\n  email: scp@northshire.gov.uk\n"
        "  social: ['@NorthshireSCP']\n  logo: logo.png\n")
    details = partnership_details(near=case)
    assert details == {"name": "Northshire SCP", "local_authority": "Northshire Council",
                       "address": "1 High Street, Northtown", "phone": "01234 567890",
                       "email": "scp@northshire.gov.uk", "social": ["@NorthshireSCP"],
                       "logo": str((cases / "logo.png").resolve())}
    assert partnership_details(near=cases.parent) == {}  # none found: nothing


def test_template_override_per_document_type(cli, tmp_path, example_case):
    import shutil

    import docx

    folder = tmp_path / "cases"
    folder.mkdir()
    case = folder / "case.yaml"
    shutil.copy(example_case, case)
    own = folder / "our-briefing.docx"
    d = docx.Document()
    d.add_paragraph("Northshire learning briefing about {{ child.pseudonym }}")
    d.save(str(own))
    (folder / "cspr-docs.yaml").write_text("templates:\n  learning-briefing: our-briefing.docx\n")
    out = tmp_path / "briefing.docx"
    r = cli("render", case, "--type", "learning-briefing", "-o", out)
    assert r.code == 0, r.stderr
    assert docx.Document(str(out)).paragraphs[0].text.startswith("Northshire learning briefing about")
    # other types still use the bundled template
    other = tmp_path / "rapid.docx"
    assert cli("render", case, "--type", "rapid-review", "-o", other).code == 0
    assert not any("Northshire" in p.text for p in docx.Document(str(other)).paragraphs)


def test_public_details_and_allow_words_reach_scan_and_check(cli, tmp_path, example_case):
    """The partnership's phone and address and an allow-word in cspr-docs.yaml are never flagged
    by scan or check; without the configuration the same text is flagged (written down first:
    the phone, the address, its postcode, the building's name and the village name)."""
    import shutil

    folder = tmp_path / "cases" / "c1"
    folder.mkdir(parents=True)
    case = folder / "case.yaml"
    shutil.copy(example_case, case)
    report = folder / "report.txt"
    report.write_text("The review was discussed with Northdale Safeguarding Partnership staff. For copies, "
                      "telephone 01632 960123 or write to Harbour House, 12 Quay Street, Northdale NE99 1AB."
                      "\n\nThe officer from Pellingford attended.\n", encoding="utf-8")

    def ano(*args):
        r = cli(*args, "--format", "json")
        return [f for f in json.loads(r.stdout)["findings"] if f["rule"].startswith("ANO")]

    scan_args = ("scan", report, "--case", case)
    check_args = ("check", report, "--type", "lcspr", "--case", case)
    before = ano(*scan_args)
    assert {f["entity"] for f in before} >= {"PHONE_NUMBER", "UK_POSTCODE"}
    assert any(f["text"] == "Pellingford" for f in before)
    assert len(ano(*check_args)) == len(before)
    (tmp_path / "cases" / "cspr-docs.yaml").write_text(
        "partnership:\n  name: Northdale Safeguarding Partnership\n  phone: 01632 960123\n"
        "  address: Harbour House, 12 Quay Street, Northdale NE99 1AB\nallow_words: [Pellingford]\n")
    assert ano(*scan_args) == []
    assert ano(*check_args) == []
    # a real name next to them is still found
    report.write_text(report.read_text() + "Kelly Brannigan rang the duty desk.\n", encoding="utf-8")
    assert [f["text"] for f in ano(*scan_args)] == ["Kelly Brannigan"]


def test_scan_and_redact_use_the_register_named_in_the_config(cli, tmp_path, example_case):
    """Expected before running: with only `register:` in cspr-docs.yaml, scan reports the
    registered child's name (also lower case in a pasted message) as ANO001 errors and redact
    replaces it without --register; with no register anywhere, redact refuses in one line."""
    import shutil

    folder = tmp_path / "cases" / "c1"
    folder.mkdir(parents=True)
    case = folder / "case.yaml"
    shutil.copy(example_case, case)
    (folder / "register.yaml").write_text("people:\n  - name: Summer Brannigan\n    pseudonym: Child A\n")
    report = folder / "report.txt"
    report.write_text("3.1 Summer Brannigan was seen at home.\n\nMessage: tell summer ill get her that\n",
                      encoding="utf-8")
    r = cli("redact", report, "-o", tmp_path / "none.txt", "--case", case)
    assert r.code == 2 and "--register" in r.stderr and not (tmp_path / "none.txt").exists()
    (tmp_path / "cases" / "cspr-docs.yaml").write_text("register: c1/register.yaml\n")
    r = cli("scan", report, "--case", case, "--format", "json")
    errors = [f["text"] for f in json.loads(r.stdout)["findings"] if f["rule"] == "ANO001"]
    assert r.code == 1 and "Summer Brannigan" in errors and "summer" in errors
    out = tmp_path / "copy.txt"
    r = cli("redact", report, "-o", out, "--case", case)
    assert r.code == 0, r.stderr
    assert "summer" not in out.read_text(encoding="utf-8").lower()


def test_lowering_a_statutory_must_is_noted_every_time(cli, tree):
    """DIS001 (the full report to the Panel: a must) set to off or warning is obeyed but noted on
    stderr; REV001 (a should) lowered is not noted."""
    cases, case, report = tree
    (cases / "cspr-docs.yaml").write_text("rules:\n  DIS001: off\n  PUB002: warning\n  REV001: info\n")
    r = cli("check", report, "--type", "lcspr", "--case", case, "--format", "json")
    notes = [line for line in r.stderr.splitlines() if "note:" in line]
    assert len(notes) == 2 and "DIS001 to off" in notes[0] and "PUB002 to warning" in notes[1]
    assert all("statutory duty (must)" in n for n in notes) and "REV001" not in r.stderr
    assert not [f for f in json.loads(r.stdout)["findings"] if f["rule"] == "DIS001"]
