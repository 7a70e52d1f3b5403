"""Register entries and detected identifying text appear only in the findings report the
user asked for: never in logs, progress or error messages (issue #7)."""

from __future__ import annotations

import logging

import docx
import pytest

from cspr_docs.anonymise import load_register

SECRETS = ["Jayden Walsh", "Kelly Walsh", "14 Elm Road", "Exampleton Primary School"]


@pytest.fixture
def report(tmp_path):
    d = docx.Document()
    d.core_properties.title = "Review"
    d.add_heading("Child A", 1)
    d.add_paragraph("Jayden Walsh lived at 14 Elm Road with Kelly Walsh and attended "
                    "Exampleton Primary School. Call 07700 900123.")
    d.sections[0].header.paragraphs[0].text = "Jayden Walsh"
    path = tmp_path / "report.docx"
    d.save(path)
    return path


#: Words that only the register entries above contain
TELLTALES = ["Jayden", "Walsh", "Elm Road", "Exampleton"]


def _leaks(text: str) -> list[str]:
    return [word for word in TELLTALES if word in text]


@pytest.mark.parametrize("command, report_file", [
    (["scan", "{doc}", "--register", "{reg}", "--format", "json", "-o", "{tmp}/scan.json"], "scan.json"),
    (["check", "{doc}", "--type", "lcspr", "--register", "{reg}", "--format", "html", "-o",
      "{tmp}/check.html"], "check.html"),
    (["redact", "{doc}", "--register", "{reg}", "-o", "{tmp}/redacted.docx", "--mapping",
      "{tmp}/mapping.json"], "mapping.json"),
])
def test_identifying_text_only_in_the_asked_for_report(cli, caplog, tmp_path, report, example_register,
                                                       command, report_file):
    register = load_register(example_register)
    assert set(SECRETS) <= {e.name for e in register.people} | {p.text for p in register.places}
    caplog.set_level(logging.DEBUG)
    args = [a.format(doc=report, reg=example_register, tmp=tmp_path) for a in command]
    result = cli(*args)
    assert result.code in (0, 1), result.stderr
    assert _leaks(result.stdout) == [] and _leaks(result.stderr) == []
    assert _leaks(caplog.text) == [], caplog.text
    assert _leaks((tmp_path / report_file).read_text()), "the report the user asked for names them"


def test_an_internal_error_never_quotes_its_message(cli, monkeypatch, report, example_register):
    import cspr_docs.anonymise as anonymise

    def broken(*args, **kwargs):
        raise KeyError("Jayden Walsh")

    monkeypatch.setattr(anonymise, "scan_document", broken)
    result = cli("scan", report, "--register", example_register)
    assert result.code == 2
    assert "internal error: KeyError at" in result.stderr and "Jayden" not in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("text, problem", [
    ("people:\n  - name: Jayden Walsh\n    pseudonym: [Child A\n", "invalid YAML"),
    ("people:\n  - name: Jayden Walsh\n    name: Kelly Walsh\n", 'duplicate key "name"'),
    ("people:\n  - name: Jayden Walsh\n    nickname: Jay Walsh\n", "unknown field"),
])
def test_a_broken_register_is_reported_without_its_entries(cli, tmp_path, report, text, problem):
    register = tmp_path / "register.yaml"
    register.write_text(text)
    result = cli("scan", report, "--register", register)
    assert result.code == 2 and "register.yaml" in result.stderr and problem in result.stderr
    assert _leaks(result.stderr + result.stdout) == []
