"""Case files (and every YAML input) are bounded: a hostile one is refused in a second or two
with one line naming the file, the line and the field, never parsed for minutes."""

from __future__ import annotations

import re

import pytest

from fixtures.corpus import example_data, write_case


@pytest.fixture
def parse_counted(monkeypatch):
    """Count the YAML events the loader pulls, and fail if it ever builds the document."""
    from ruamel.yaml import YAML

    pulled = {"events": 0}
    real_parse = YAML.parse

    def counted(self, stream):
        for event in real_parse(self, stream):
            pulled["events"] += 1
            yield event

    def never(self, stream):
        raise AssertionError("the document was built")

    monkeypatch.setattr(YAML, "parse", counted)
    monkeypatch.setattr(YAML, "load", never)
    return pulled


def test_a_million_list_items_in_2_mb_are_refused_quickly(cli, tmp_path, parse_counted):
    path = tmp_path / "case.yaml"
    path.write_text("case:\n  reference: CSPR-1\nreview:\n  good_practice: ["
                    + ",".join(["a"] * 1_000_000) + "]\n")
    assert path.stat().st_size > 2_000_000
    for command in (["validate", path], ["timeline", path], ["render", path, "--type", "lcspr",
                                                                  "-o", tmp_path / "out.docx"]):
        parse_counted["events"] = 0
        result = cli(*command)
        assert result.code == 2, result.stderr
        # parsing stopped at the bound: the whole file (a million events) took minutes
        assert 10_000 < parse_counted["events"] < 10_100
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert f"{path}: line 4: review.good_practice: more than 10,000 items" in lines[0]
    assert not (tmp_path / "out.docx").exists()


def test_a_block_list_of_many_items_names_the_line_it_passed_the_bound(cli, tmp_path, parse_counted):
    path = tmp_path / "case.yaml"
    path.write_text("review:\n  findings:\n" + "".join(f"  - title: t{i}\n" for i in range(20_000)))
    result = cli("validate", path)
    assert result.code == 2 and parse_counted["events"] < 50_000  # of about 80,000
    assert "line 10003: review.findings: more than 10,000 items" in result.stderr


def test_a_huge_value_and_deep_nesting_are_refused(cli, tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_text("incident:\n  summary: " + "x" * 1_500_000 + "\n")
    result = cli("validate", huge)
    assert result.code == 2
    assert "line 2: incident.summary: a value of 1,500,000 characters (the limit is 1,000,000)" in result.stderr
    assert "xxxx" not in result.stderr
    deep = tmp_path / "deep.yaml"
    deep.write_text("review:\n  background: " + "[" * 5000 + "]" * 5000 + "\n")
    result = cli("validate", deep)
    assert result.code == 2 and "nested more than 64 deep" in result.stderr
    assert "internal error" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_mapping_with_too_many_keys_is_refused(cli, tmp_path):
    path = tmp_path / "keys.yaml"
    path.write_text("child:\n" + "".join(f"  k{i}: v\n" for i in range(10_050)))
    result = cli("validate", path)
    assert result.code == 2 and "child: more than 10,000 keys" in result.stderr


def test_the_case_schema_bounds_lists_and_text_by_field(cli, tmp_path):
    data = example_data()
    data["review"]["good_practice"] = [f"Practice {i}" for i in range(1_500)]
    data["incident"]["summary"] = "The day was recorded. " * 6_000  # 132,000 characters
    path = write_case(tmp_path / "case.yaml", data)
    result = cli("validate", path)
    assert result.code == 1
    assert "review.good_practice: a list of 1,500 items (the limit is 1,000)" in result.stdout
    assert "incident.summary: text of 132,000 characters (the limit is 100,000)" in result.stdout
    assert "The day was recorded" not in result.stdout + result.stderr
    rendered = cli("render", path, "--type", "lcspr", "-o", tmp_path / "out.docx")
    assert rendered.code == 2 and len(rendered.stderr.strip().splitlines()) == 1
    assert "(and 1 more; run 'cspr-docs validate')" in rendered.stderr


def test_cases_inside_the_bounds_still_validate(cli, tmp_path, example_case):
    assert cli("validate", example_case).code == 0
    data = example_data()
    data["review"]["good_practice"] = [f"Practice {i}" for i in range(1_000)]
    data["incident"]["summary"] = "The day was recorded. " * 4_000  # 88,000 characters
    path = write_case(tmp_path / "case.yaml", data)
    result = cli("validate", path)
    assert result.code == 0, result.stdout


def test_a_register_of_two_thousand_names_still_loads(cli, tmp_path):
    from cspr_docs.yamlio import load_yaml

    path = tmp_path / "register.yaml"
    path.write_text("people:\n" + "".join(f"  - name: Person{i} Example\n    role: witness\n"
                                          for i in range(2_000)))
    assert len(load_yaml(path)["people"]) == 2_000


def test_control_characters_in_case_text_are_refused_with_their_place(cli, tmp_path):
    """YAML lets "\\x07" escapes through; a Word document cannot hold them (the text after one
    was silently lost from the rendered draft)."""
    data = example_data()
    data["incident"]["summary"] = "MARK-ONE"
    data["review"]["good_practice"] = ["Prompt referral.", "MARK-TWO"]
    path = write_case(tmp_path / "case.yaml", data)
    text = re.sub(r">-\s+MARK-ONE", "MARK-ONE", path.read_text())  # a plain scalar, not folded
    text = text.replace("MARK-ONE", '"Seen at home\\x07 on Monday."')
    path.write_text(text.replace("MARK-TWO", '"Shared\\x01 records."'))
    result = cli("validate", path)
    assert result.code == 1
    assert ("incident.summary: contains the control character U+0007 at character 13, "
            "which a Word document cannot hold") in result.stdout
    assert "review.good_practice: contains the control character U+0001 at item 2, character 7" in result.stdout
    assert "Seen at home" not in result.stdout and "Shared" not in result.stdout
    rendered = cli("render", path, "--type", "lcspr", "-o", tmp_path / "out.docx")
    assert rendered.code == 2 and not (tmp_path / "out.docx").exists()
    data["incident"]["summary"] = "Tabs\tand\nnew lines are fine."
    data["review"]["good_practice"] = ["Prompt referral."]
    assert cli("validate", write_case(tmp_path / "ok.yaml", data)).code == 0
