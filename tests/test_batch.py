"""Batches: folders expanded, files checked in parallel, one unreadable file reported, not fatal."""

import json
import shutil

import pytest

from conftest import run_cli


@pytest.fixture(scope="module")
def folder(tmp_path_factory, example_case):
    """20 reports: 19 rendered from the example case, one corrupt."""
    root = tmp_path_factory.mktemp("batch")
    first = root / "r01.docx"
    assert run_cli("render", example_case, "--type", "lcspr", "-o", first).code == 0
    for i in range(2, 20):
        shutil.copy(first, root / f"r{i:02}.docx")
    (root / "sub").mkdir()
    (root / "sub" / "r20.docx").write_text("not a Word file")
    (root / "notes.csv").write_text("ignored: not a report format")
    return root


def test_check_batch_reports_19_results_and_one_error(cli, folder, example_case):
    result = cli("check", folder, "--type", "lcspr", "--case", example_case, "--format", "json", "--jobs", "2")
    assert result.code == 2  # a document could not be read
    reports = json.loads(result.stdout)
    assert len(reports) == 20
    errors = [r for r in reports if "error" in r]
    assert [r["document"] for r in errors] == [str(folder / "sub" / "r20.docx")]
    assert "not a DOCX file" in errors[0]["error"]
    ok = [r for r in reports if "error" not in r]
    assert len(ok) == 19 and all(r["summary"]["error"] == 0 for r in ok)
    assert "r20.docx" in result.stderr


def test_scan_batch_sarif_and_junit_carry_the_unreadable_file(cli, folder, example_register):
    sarif = json.loads(cli("scan", folder, "--register", example_register, "--format", "sarif").stdout)
    run = sarif["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert len(run["invocations"][0]["toolExecutionNotifications"]) == 1
    junit = cli("scan", folder, "--register", example_register, "--format", "junit").stdout
    assert junit.count("<testsuite ") == 20 and junit.count("<error ") == 1


def test_html_batch_has_an_index_of_every_document(cli, folder, example_case, tmp_path):
    out = tmp_path / "batch.html"
    files = sorted(folder.glob("r0[1-3].docx"))
    assert cli("check", *files, "--type", "lcspr", "--case", example_case, "--format", "html", "-o", out).code == 0
    page = out.read_text()
    for f in files:
        assert f'href="#doc{files.index(f)}"' in page and str(f) in page


def test_an_empty_folder_is_exit_2(cli, tmp_path):
    result = cli("check", tmp_path, "--type", "lcspr")
    assert result.code == 2 and "no .docx" in result.stderr
