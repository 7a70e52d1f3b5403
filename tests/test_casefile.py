"""Case files: validation with field paths and YAML lines, init skeletons, schema, bad input."""

import json

from cspr_docs.casefile import check_case

THREE_ERRORS = """\
case:
  reference: ESCP-2026-001
child:
  pseudonym: Child B
  looked_after: perhaps
review:
  recommendations:
    - {text: Train staff, owner: ICB, due: 2027-01-31}
    - {text: Audit plans, owner: CSC, due: 2027-02-28}
    - {text: Review the pathway, owner: Police, due: next spring}
publication:
  planed_date: 2027-03-01
"""


def test_validate_reports_every_problem_with_line_numbers(cli, tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(THREE_ERRORS)
    result = cli("validate", case)
    assert result.code == 1
    lines = result.stdout.strip().splitlines()
    assert lines == [
        f'{case}:5: child.looked_after: must be true or false, not "perhaps"',
        f'{case}:10: review.recommendations[2].due: not a date "next spring" (write dates as YYYY-MM-DD)',
        f"{case}:12: publication.planed_date: unknown field (check the spelling)",
    ]


def test_validate_accepts_the_example_case(cli, example_case):
    result = cli("validate", example_case)
    assert result.code == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_unreadable_inputs_exit_2_with_one_line(cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("case:\n  reference: [unclosed\n")
    dupes = tmp_path / "dupes.yaml"
    dupes.write_text("case:\n  reference: A\n  reference: B\n")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"case:\n  reference: \xff\xfe\n")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n")
    for path, words in [(tmp_path / "missing.yaml", "no such file"), (broken, "invalid YAML"),
                        (dupes, "duplicate"), (binary, "not UTF-8"), (bomb, "aliases")]:
        result = cli("validate", path)
        assert result.code == 2, path
        err = result.stderr.strip()
        assert len(err.splitlines()) == 1 and str(path) in err and words in err, err
        assert "Traceback" not in result.stderr


def test_init_writes_skeletons_that_validate_and_refuses_to_overwrite(cli, tmp_path):
    folder = tmp_path / "new-case"
    result = cli("init", folder, "--type", "rapid-review")
    assert result.code == 0
    case_text = (folder / "case.yaml").read_text()
    assert "rapid_review:" in case_text and "publication:" not in case_text
    assert "# " in case_text  # commented for the author
    assert cli("validate", folder / "case.yaml").code == 0
    register_before = (folder / "register.yaml").read_bytes()
    again = cli("init", folder)
    assert again.code == 2 and "already exists" in again.stderr
    assert (folder / "register.yaml").read_bytes() == register_before


def test_init_improvements_starts_without_full_report(tmp_path, cli):
    cli("init", tmp_path, "--type", "improvements")
    case, problems = check_case(tmp_path / "case.yaml")
    assert problems == [] and case.publication.full_report is False


def test_schema_is_json_schema_with_every_section(cli):
    result = cli("schema")
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) == {"case", "partnership", "child", "incident", "notification",
                                         "rapid_review", "review", "publication", "distribution",
                                         "panel_response", "briefing"}
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)


def test_an_impossible_date_is_one_line_naming_its_line(cli, tmp_path):
    """2026-13-45 and 2027-02-30 look like dates to YAML but are none: validate, check and status
    give one line with the line number (never an internal error)."""
    for bad, line in (("2026-13-45", 4), ("2027-02-30", 4)):
        path = tmp_path / "case" / "case.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"case:\n  reference: X-1\nincident:\n  date: {bad}\n", encoding="utf-8")
        r = cli("validate", path)
        assert r.code == 2 and len(r.stderr.strip().splitlines()) == 1
        assert f"line {line}: not a real date" in r.stderr and "internal error" not in r.stderr
        r = cli("status", tmp_path, "--today", "2027-01-04")
        assert r.code == 2 and f"line {line}: not a real date" in r.stderr + r.stdout
