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
    ("people:\n  - name: Jayden Walsh\n    name: Kelly Walsh\n", "duplicate key"),
    ("people:\n  - name: Jayden Walsh\n    nickname: Jay Walsh\n", "unknown field"),
])
def test_a_broken_register_is_reported_without_its_entries(cli, tmp_path, report, text, problem):
    register = tmp_path / "register.yaml"
    register.write_text(text)
    result = cli("scan", report, "--register", register)
    assert result.code == 2 and "register.yaml" in result.stderr and problem in result.stderr
    assert _leaks(result.stderr + result.stdout) == []


def test_a_damaged_pdf_is_refused_without_quoting_its_text(cli, tmp_path):
    from fixtures.hostile import uncompressed_pdf

    data = uncompressed_pdf("Jayden Walsh was seen.")
    assert b"Jayden Walsh" in data and b"Tj" in data
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data.replace(b"Tj", b"~j"))  # pypdf's own error would quote the stream
    out = tmp_path / "out"
    out.mkdir()
    for command in (["inspect", path], ["scan", path], ["check", path, "--type", "lcspr"],
                    ["sanitize", path, "-o", out / "clean.pdf"]):
        result = cli(*command)
        assert result.code == 2, (command, result)
        assert "damaged.pdf" in result.stderr and result.stderr.count("\n") == 1
        assert _leaks(result.stdout + result.stderr) == [], result.stderr
    assert list(out.iterdir()) == []


def test_a_crash_in_a_batch_worker_names_the_place_not_the_message(cli, tmp_path, report):
    from cspr_docs.batch import run_batch
    from functools import partial

    second = tmp_path / "second.docx"
    second.write_bytes(report.read_bytes())
    (outcome, _) = run_batch(partial(_explode, "Jayden Walsh"), [report, second], jobs=2)
    assert outcome.error and "internal error: KeyError at test_no_leaks.py:" in outcome.error
    assert "Jayden" not in outcome.error


def _explode(secret: str, path):
    raise KeyError(secret)
