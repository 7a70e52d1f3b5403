"""``status --format html``: the case board page (issue #15), parsed and in headless Chromium.

The browser tests open the page from a file in Debian's headless Chromium (tests/browser.py, the
DevTools protocol over a pipe, so sockets stay blocked) and use it as a person would: sort by a
column with the mouse and the keyboard, filter by text, stage and "late only", with a clean console.
"""

from __future__ import annotations

import os
from pathlib import Path

import lxml.html
import pytest

from browser import Chromium, find_chromium
from conftest import run_cli
from fixtures.corpus import write_case
from fixtures.portfolio import BOARD, CASES, TODAY, write_portfolio

browser_test = pytest.mark.skipif(
    find_chromium() is None and not os.environ.get("CI"),
    reason="headless Chromium is not installed; under CI these tests run and fail instead")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    folder = write_portfolio(tmp_path_factory.mktemp("portfolio"))
    hostile = dict(CASES["C13"], case={"reference": 'EX-<script>alert(1)</script>&"x"'})
    (folder / "hostile").mkdir()
    write_case(folder / "hostile" / "case.yaml", hostile)
    out = folder.parent / "board.html"
    r = run_cli("status", folder, "--today", TODAY, "--format", "html", "-o", out)
    assert r.code == 2 and out.exists(), r.stderr
    return out


def _rows(tree) -> list[str]:
    return [tr.get("data-case") for tr in tree.xpath("//table[@id='board']/tbody/tr")]


def test_page_is_self_contained_with_strict_policy_and_escaped_text(page):
    from cspr_docs.html_report import CSP

    text = page.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(text)
    assert tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [CSP]
    assert not tree.xpath("//*[@src] | //link | //*[@href]")  # nothing loads from anywhere
    assert len(tree.xpath("//script")) == 1  # ours; the hostile reference stayed text
    assert "<script>alert(1)</script>" not in text.split("<script>")[0]
    assert 'EX-<script>alert(1)</script>&"x"' in _rows(tree)
    assert "OFFICIAL-SENSITIVE" in tree.get_element_by_id("banner").text_content()


def test_page_without_javascript_has_every_case_and_the_broken_files(page):
    tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    assert set(_rows(tree)) == set(BOARD) | {'EX-<script>alert(1)</script>&"x"'}
    broken = tree.get_element_by_id("broken").text_content()
    assert "C12" in broken and "broken-yaml" in broken and "invalid YAML" in broken
    row = tree.xpath("//tr[@data-case='EX-C07']")[0]
    cells = [td.text_content() for td in row.xpath("td")]
    assert cells[:5] == ["EX-C07", "awaiting publication", "Copy of full report to Ofsted", "25 Jan 2027", "3"]
    assert "Publication: late by 90 working days" in cells[5]
    assert tree.xpath("//th/@aria-sort") == []


# --------------------------------------------------------------------------- in a real browser

@pytest.fixture(scope="module")
def browser():
    with Chromium() as b:
        yield b


@pytest.fixture
def opened(page, browser):
    browser.console.clear()
    browser.open(page)
    yield browser
    shots = os.environ.get("CSPR_SCREENSHOTS")
    if shots:
        browser.screenshot(Path(shots) / "case-board.png")


VISIBLE = ("Array.from(document.querySelectorAll('#board tbody tr'))"
           ".filter(function(r){return r.offsetHeight>0}).map(function(r){return r.dataset.case})")
COLUMN = ("Array.from(document.querySelectorAll('#board tbody tr')).filter(function(r){return r.offsetHeight>0})"
          ".map(function(r){return r.cells[%d].getAttribute('data-value')})")


@browser_test
def test_browser_sorts_by_mouse_and_keyboard(opened):
    b = opened
    assert b.evaluate("document.documentElement.classList.contains('js')")
    # working days left (column 4): ascending with blanks last, then descending
    b.click("th[data-key='left'] button")
    left = b.evaluate(COLUMN % 4)
    numbers = [int(v) for v in left if v]
    assert numbers == [3, 4, 4, 8, 51, 70] and all(v == "" for v in left[len(numbers):])
    assert b.evaluate("document.querySelector(\"th[data-key='left']\").getAttribute('aria-sort')") == "ascending"
    b.click("th[data-key='left'] button")
    assert [int(v) for v in b.evaluate(COLUMN % 4) if v] == [70, 51, 8, 4, 4, 3]
    # stage by keyboard: Enter on the focused heading button; order follows the process
    b.evaluate("document.querySelector(\"th[data-key='stage'] button\").focus()")
    b.press("Enter")
    stages = [c for c in b.evaluate(COLUMN % 1)]
    assert stages == sorted(stages, key=int) and stages[0] == "0" and stages[-1] == "7"
    assert b.evaluate("document.querySelector(\"th[data-key='left']\").getAttribute('aria-sort')") is None
    # the case column sorts as text
    b.click("th[data-key='case'] button")
    cases = b.evaluate(VISIBLE)
    assert cases == sorted(cases, key=str.lower)
    assert b.console_errors == []


@browser_test
def test_browser_filters_by_text_stage_and_late(opened):
    b = opened
    total = len(BOARD) + 1
    b.evaluate("var t=document.getElementById('filter-text');t.value='ex-c07';"
               "t.dispatchEvent(new Event('input'))")
    assert b.evaluate(VISIBLE) == ["EX-C07"]
    assert b.evaluate("document.getElementById('board-status').textContent") == f"Showing 1 of {total} cases"
    b.evaluate("var t=document.getElementById('filter-text');t.value='';t.dispatchEvent(new Event('input'))")
    b.evaluate("var s=document.getElementById('filter-stage');s.value='published';"
               "s.dispatchEvent(new Event('change'))")
    assert sorted(b.evaluate(VISIBLE)) == ["EX-C08", "EX-C09", "EX-C10"]
    b.evaluate("var s=document.getElementById('filter-stage');s.value='';s.dispatchEvent(new Event('change'))")
    b.click("#filter-late")  # a real click on the box
    assert b.evaluate("document.getElementById('filter-late').checked") is True
    late = {ref for ref, row in BOARD.items() if row["late"]}
    assert set(b.evaluate(VISIBLE)) == late
    # combined: late and a stage with no late case shows nothing; with late ones, those
    b.evaluate("var s=document.getElementById('filter-stage');s.value='review under way';"
               "s.dispatchEvent(new Event('change'))")
    assert b.evaluate(VISIBLE) == []
    assert b.evaluate("document.getElementById('board-status').textContent") == f"Showing 0 of {total} cases"
    b.evaluate("var s=document.getElementById('filter-stage');s.value='awaiting publication';"
               "s.dispatchEvent(new Event('change'))")
    assert sorted(b.evaluate(VISIBLE)) == ["EX-C07", "EX-C11"]
    b.evaluate("document.getElementById('filter-late').focus()")
    b.press(" ")
    assert b.evaluate("document.getElementById('filter-late').checked") is False
    assert b.console_errors == []
