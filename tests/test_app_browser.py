"""``cspr-docs app`` used as an officer would, in headless Chromium (issue #17).

The app runs as a subprocess on 127.0.0.1 (tests/appserver.py); Chromium (tests/browser.py,
driven over a pipe) opens its address, picks a file in the form, clicks the buttons and
downloads what the app makes. Expected findings are written down before the check runs, and
the page must show the same findings as ``check --format json`` gives for the same file.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import docx
import pytest

from appserver import running_app
from browser import BrowserError, Chromium, find_chromium
from conftest import run_cli
from fixtures.corpus import REPORT, write_docx
from fixtures.portfolio import BOARD, LATE_STATUS, TODAY, write_portfolio

pytestmark = [
    pytest.mark.allow_hosts(["127.0.0.1"]),
    pytest.mark.skipif(find_chromium() is None and not os.environ.get("CI"),
                       reason="headless Chromium is not installed; under CI these tests run and fail instead"),
]

SYSTEMIC = "8. Why things happened: systemic issues"


class AppBrowser(Chromium):
    """The test driver, with what the app needs: open an http address, pick a file, download."""

    def pick_file(self, selector: str, path: Path) -> None:
        root = self._send("DOM.getDocument")["root"]["nodeId"]
        node = self._send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        self._send("DOM.setFileInputFiles", {"nodeId": node, "files": [str(path)]})

    def downloads_to(self, folder: Path) -> None:
        self._send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)},
                   session=False)

    def wait_for(self, expression: str, seconds: float = 120):
        deadline = time.monotonic() + seconds
        while True:
            try:
                value = self.evaluate(f"document.readyState === 'complete' && ({expression})")
                if value:
                    return value
            except BrowserError:  # the page is being replaced (a form post, a refresh)
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression} on "
                                     f"{self.evaluate('location.href + document.body.innerText')}")
            self.settle(0.3)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_portfolio(tmp_path_factory.mktemp("portfolio"))


@pytest.fixture(scope="module")
def app(folder, tmp_path_factory):
    with running_app(folder, tmp_path_factory.mktemp("apptmp"), "--today", TODAY) as a:
        yield a


@pytest.fixture(scope="module")
def browser():
    with AppBrowser() as b:
        yield b


@pytest.fixture
def page(browser):
    browser.console.clear()
    yield browser
    assert browser.console_errors == []  # no script error, no CSP violation, nothing failed to load


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> Path:
    """A report with known faults: no section on systemic reasons, and a reviewer's comment
    still in the file."""
    path = write_docx(tmp_path_factory.mktemp("faulty") / "Child B report.docx",
                      [s for s in REPORT if s[1] != SYSTEMIC])
    d = docx.Document(str(path))
    target = next(p for p in d.paragraphs if p.text.startswith("The review identified"))
    d.add_comment(target.runs[0], text="Check this with the police before it goes out", author="Reviewer")
    d.save(str(path))
    return path


def _shoot(page, name: str) -> None:
    shots = os.environ.get("CSPR_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(Path(shots) / name)


def test_the_board_lists_the_folders_cases(app, page):
    page.goto(app.url)
    assert page.evaluate("document.title") == "Cases and deadlines - cspr-docs"
    rows = page.evaluate("Array.from(document.querySelectorAll('#board tbody tr')).map(r => r.dataset.case)")
    assert sorted(rows) == sorted(BOARD)
    late = page.evaluate("Array.from(document.querySelectorAll('#board tbody tr.is-late')).map(r => r.dataset.case)")
    assert sorted(late) == sorted(ref for ref, row in BOARD.items() if row["late"])
    stage = page.evaluate("document.querySelector(\"#board tr[data-case='EX-C07']\").cells[1].textContent")
    assert stage == BOARD["EX-C07"]["stage"]
    broken = page.evaluate("document.getElementById('broken').textContent")
    assert "broken-yaml" in broken
    _shoot(page, "app-board.png")


def test_upload_a_report_with_known_faults_and_see_the_findings(app, page, faulty, tmp_path):
    expected = {"SEC001", "HID001"}  # the missing systemic-reasons section; the comment
    page.goto(app.url + "check")
    page.pick_file("#document", faulty)
    page.evaluate("document.getElementById('type').value = 'lcspr'")
    _shoot(page, "app-check-form.png")
    page.click("#start-check")
    page.wait_for("document.getElementById('app-bar') !== null")
    rules = set(page.evaluate(
        "Array.from(document.querySelectorAll('[data-rule]')).map(e => e.dataset.rule)"))
    assert expected <= rules
    text = page.evaluate("document.body.innerText")
    assert "systemic" in text.lower() and "Check this with the police" in text
    assert page.evaluate("document.title") == "cspr-docs check: Child B report.docx"
    # the same findings as `check` gives on the command line
    out = tmp_path / "cli.json"
    run_cli("check", faulty, "--type", "lcspr", "--format", "json", "-o", out)
    cli_rules = {f["rule"] for f in json.loads(out.read_text())["findings"]}
    assert rules == cli_rules
    # each rule found is explained from the rule registry, with how to fix it
    from cspr_docs.catalogue import rules as catalogue

    helped = page.evaluate("Array.from(document.querySelectorAll('[data-rule-help]'))"
                           ".map(a => [a.dataset.ruleHelp, a.querySelector('.fix').textContent])")
    assert dict(helped) == {r: catalogue()[r].fix for r in cli_rules}
    # the report's own script runs under the app's policy: the family filter still works
    family = page.evaluate("document.querySelector('input.family').value")
    page.click("input.family")
    assert page.evaluate(f"document.querySelector('.f[data-family=\"{family}\"]').classList.contains('off')")
    page.click("input.family")
    _shoot(page, "app-report.png")


def test_download_a_clean_copy_of_the_checked_report(app, page, faulty, tmp_path):
    page.goto(app.url + "check")
    page.pick_file("#document", faulty)
    page.click("#start-check")
    page.wait_for("document.getElementById('app-bar') !== null")
    page.downloads_to(tmp_path)
    page.click("#get-sanitized")
    got = _wait_file(tmp_path, "Child B report-sanitized.docx")
    copy = docx.Document(str(got))
    assert not copy.comments and any(p.text.startswith("The review identified") for p in copy.paragraphs)
    assert faulty.exists() and docx.Document(str(faulty)).comments  # the upload itself unchanged


def _wait_file(folder: Path, name: str, seconds: float = 60) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        path = folder / name
        if path.exists() and not list(folder.glob("*.crdownload")) and path.stat().st_size:
            return path
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded: {sorted(p.name for p in folder.iterdir())}")


def test_render_a_draft_from_a_case_page_and_download_it(app, page, folder, tmp_path):
    page.goto(app.url)
    page.click("#board tbody tr[data-case='EX-C01'] a")
    page.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'EX-C01'")
    steps = dict(page.evaluate("Array.from(document.querySelectorAll('#timeline tbody tr'))"
                               ".map(tr => [tr.cells[0].textContent, tr.cells[3].textContent])"))
    assert steps["Rapid review to the Panel"] == LATE_STATUS[("EX-C01", "Rapid review to the Panel")]
    assert steps["Notification to the Panel"] == "on time"
    _shoot(page, "app-case.png")
    before = sorted(folder.rglob("*"))
    page.downloads_to(tmp_path)
    page.click("#make-lcspr-draft-docx")
    got = _wait_file(tmp_path, "EX-C01-lcspr-draft.docx")
    text = "\n".join(p.text for s in docx.Document(str(got)).sections for p in s.header.paragraphs)
    assert "DRAFT" in text
    assert sorted(folder.rglob("*")) == before  # nothing written into the case folder


def test_a_final_version_of_an_incomplete_case_names_what_is_missing(app, page):
    page.goto(app.url)
    page.click("#board tbody tr[data-case='EX-C01'] a")
    page.wait_for("document.getElementById('make-lcspr-final-docx') !== null")
    page.click("#make-lcspr-final-docx")
    page.wait_for("document.getElementById('missing') !== null")
    assert page.evaluate("document.querySelectorAll('#missing li').length") >= 1
    assert "cannot be made yet" in page.evaluate("document.querySelector('h1').textContent")
    refused = [e for e in page.console if "status of 422" in e["text"]]
    assert len(refused) == 1 and refused[0]["url"].endswith("/render")  # the page's own status
    page.console.remove(refused[0])
