"""Take the README's pictures of ``cspr-docs app`` (docs/app-*.png) with headless Chromium.

    python scripts/app_screenshot.py

Builds a folder of the bundled fictional cases, starts the app on 127.0.0.1, checks a draft
report (with a real name from the register and a reviewer's comment left in it) for the
example case, and captures the findings page and the case board. Everything is fictional.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from appserver import running_app  # noqa: E402
from test_app_browser import AppBrowser  # noqa: E402


def build_folder(root: Path) -> Path:
    """The example case with its register, and the portfolio cases, one folder each."""
    cases = root / "cases"
    (cases / "ESCP-2026-014").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "case.yaml", cases / "ESCP-2026-014" / "case.yaml")
    shutil.copy(ROOT / "examples" / "register.yaml", cases / "ESCP-2026-014" / "register.yaml")
    for path in sorted((ROOT / "examples" / "portfolio").glob("*.yaml")):
        (cases / path.stem).mkdir()
        shutil.copy(path, cases / path.stem / "case.yaml")
    return cases


def build_report(cases: Path, out: Path) -> Path:
    """A draft LCSPR from the example case, with two faults an officer must catch."""
    import docx

    from cspr_docs.casefile import load_case
    from cspr_docs.render import render_to_file

    render_to_file(load_case(cases / "ESCP-2026-014" / "case.yaml"), "lcspr", out, draft=True)
    d = docx.Document(str(out))
    para = next(p for p in d.paragraphs if len(p.text) > 80)
    run = para.add_run(" Jayden Walsh's nursery noticed the bruising in July.")
    d.add_comment(run, text="Check this date with the nursery", author="Reviewer")
    d.save(str(out))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cases = build_folder(tmp)
        report = build_report(cases, tmp / "ESCP-2026-014 LCSPR draft.docx")
        with running_app(cases, tmp / "apptmp", "--today", "2027-01-20") as app, AppBrowser() as page:
            page.goto(app.url)
            page.screenshot(ROOT / "docs" / "app-board.png", full_page=False)
            page.goto(app.url + "check")
            page.pick_file("#document", report)
            case = page.evaluate("Array.from(document.querySelectorAll('#case option'))"
                                 ".find(o => o.textContent.startsWith('ESCP-2026-014')).value")
            page.evaluate(f"document.getElementById('case').value = '{case}'")
            page.click("#start-check")
            page.wait_for("document.getElementById('app-bar') !== null", seconds=300)
            page.settle(1)
            page.screenshot(ROOT / "docs" / "app-check.png", full_page=False)
    print("wrote docs/app-board.png and docs/app-check.png")


if __name__ == "__main__":
    main()
