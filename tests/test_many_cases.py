"""``status``, ``actions`` and ``yearly`` over a folder of cases (issue #15).

The expected board, tracker and yearly figures are in ``fixtures/portfolio.py``, worked out by
hand with the England bank holiday calendar before the code existed.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import sha256_of
from fixtures.corpus import write_case
from fixtures.portfolio import (BOARD, BROKEN, CASES, LATE_STATUS, TODAY, TRACKER, YEAR, YEARLY,
                                write_portfolio)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_portfolio(tmp_path_factory.mktemp("portfolio"))


@pytest.fixture(scope="module")
def board(folder) -> dict:
    from conftest import run_cli

    r = run_cli("status", folder, "--today", TODAY, "--format", "json")
    assert r.code == 2, r.stderr  # two broken case files
    return json.loads(r.stdout) | {"_stderr": r.stderr}


# --------------------------------------------------------------------------- the board

def test_board_rows_match_the_hand_worked_figures(board):
    got = {c["case"]: c for c in board["cases"]}
    assert set(got) == set(BOARD)
    for ref, want in BOARD.items():
        row = got[ref]
        assert row["stage"] == want["stage"], ref
        nxt = row["next_deadline"]
        assert (None if nxt is None else (nxt["name"], nxt["due"], nxt["working_days_left"])) == want["next"], ref
        assert [x["name"] for x in row["late"]] == want["late"], ref
        assert (row["open_recommendations"], row["overdue_recommendations"]) == (want["open"], want["overdue"]), ref
        for item in row["late"]:
            if (ref, item["name"]) in LATE_STATUS:
                assert item["status"] == LATE_STATUS[(ref, item["name"])], (ref, item)


def test_every_stage_is_on_the_board(board):
    from cspr_docs.portfolio import STAGES

    assert {c["stage"] for c in board["cases"]} == set(STAGES)


def test_broken_case_files_are_listed_with_one_line_each_and_the_rest_shown(board, folder):
    errors = {Path(e["path"]).parent.name: e["error"] for e in board["errors"]}
    assert set(errors) == set(BROKEN)
    for key, fragment in BROKEN.items():
        assert fragment in errors[key] and "\n" not in errors[key]
        assert str(folder / key / "case.yaml") in errors[key]
    assert "line 11: review.recommendations[0].status" in errors["C12"]  # the careful reader's line
    lines = [ln for ln in board["_stderr"].splitlines() if ln.startswith("cspr-docs: error:")]
    assert len(lines) == 2 and "Traceback" not in board["_stderr"]


def test_text_and_csv_boards_hold_the_same_cases(cli, folder):
    text = cli("status", folder, "--today", TODAY)
    assert text.code == 2
    for ref in BOARD:
        assert ref in text.stdout
    assert "Wednesday 20 January 2027" in text.stdout and "2 case file(s) could not be read" in text.stdout
    r = cli("status", folder, "--today", TODAY, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    good = {row["case"]: row for row in rows if not row["error"]}
    assert set(good) == set(BOARD) and len(rows) == len(BOARD) + 2
    assert good["EX-C07"]["next_due"] == "2027-01-25" and good["EX-C07"]["working_days_left"] == "3"
    assert good["EX-C11"]["open_delays"] == "inquest"
    assert good["EX-C10"]["late"] == "Report available until (at least): too short by 366 days"


def test_a_clean_folder_exits_0_and_an_empty_or_missing_one_is_handled(cli, tmp_path):
    (tmp_path / "one").mkdir()
    write_case(tmp_path / "one" / "case.yaml", CASES["C04"])
    r = cli("status", tmp_path, "--today", TODAY, "--format", "json")
    assert r.code == 0 and [c["stage"] for c in json.loads(r.stdout)["cases"]] == ["decided"]
    (tmp_path / "empty").mkdir()
    r = cli("status", tmp_path / "empty", "--today", TODAY)
    assert r.code == 0 and "No case.yaml files" in r.stdout
    r = cli("status", tmp_path / "nowhere")
    assert r.code == 2 and "no such folder" in r.stderr
    r = cli("status", tmp_path, "--today", "20/01/2027")
    assert r.code == 2 and "YYYY-MM-DD" in r.stderr


def test_the_rapid_review_clock_can_start_at_the_notification(cli, tmp_path):
    # C02: notified Tue 19 Jan 2027; 15 working days after: 20-22 (3), 25-29 (8), 1-5 Feb (13),
    # 8, 9 Feb (15) -> 9 Feb; from 20 Jan: 21, 22, 25-29, 1-5, 8, 9 Feb = 14 working days left.
    (tmp_path / "c").mkdir()
    write_case(tmp_path / "c" / "case.yaml", CASES["C02"])
    r = cli("status", tmp_path, "--today", TODAY, "--format", "json", "--rapid-review-clock", "notification")
    nxt = json.loads(r.stdout)["cases"][0]["next_deadline"]
    assert (nxt["due"], nxt["working_days_left"]) == ("2027-02-09", 14)


def test_yaml_1_1_booleans_fall_back_to_the_careful_reader(cli, tmp_path):
    """A text field that PyYAML would read as a boolean (``text: No``) must still load."""
    (tmp_path / "c").mkdir()
    path = tmp_path / "c" / "case.yaml"
    path.write_text("case:\n  reference: EX-Y\nreview:\n  recommendations:\n    - text: No\n"
                    "      owner: On\n      due: 2026-01-01\n", encoding="utf-8")
    r = cli("actions", tmp_path, "--today", TODAY, "--format", "json")
    assert r.code == 0, r.stderr
    rec = json.loads(r.stdout)["recommendations"][0]
    assert (rec["recommendation"], rec["owner"], rec["days_overdue"]) == ("No", "On", 384)


def test_aliases_and_duplicate_keys_are_refused_by_the_fast_reader_too(tmp_path):
    from cspr_docs.errors import InputError
    from cspr_docs.yamlio import load_yaml_fast

    for text in ("a: &x [1]\nb: *x\n", "a: 1\na: 2\n", "a: [1\n"):
        path = tmp_path / "x.yaml"
        path.write_text(text)
        with pytest.raises(InputError):
            load_yaml_fast(path)


# --------------------------------------------------------------------------- the calendar

def test_ics_parses_and_holds_every_deadline(cli, folder, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    from datetime import date

    from cspr_docs.portfolio import board

    ics = tmp_path / "board.ics"
    r = cli("status", folder, "--today", TODAY, "--format", "csv", "--ics", ics)
    assert r.code == 2 and ics.exists()
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    events = [(str(e["SUMMARY"]), e["DTSTART"].dt) for e in cal.walk("VEVENT")]
    expected = [(f"{row.reference}: {d.name}", d.due) for row in board(folder, date.fromisoformat(TODAY))
                if not row.error for d in row.deadlines if d.due]
    assert sorted(events) == sorted(expected) and len(expected) > 40
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert ("EX-C07: Copy of full report to Ofsted", date(2027, 1, 25)) in events
    assert ("EX-C13: Notification to the Panel", date(2027, 1, 26)) in events


# --------------------------------------------------------------------------- the tracker

def _tracker_rows(text: str) -> list[tuple]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [(r["case"], int(r["number"]), r["owner"], r["status"], r["due"], int(r["days_overdue"]),
             r["last_update"] or None) for r in rows]


def test_tracker_matches_the_hand_worked_rows_grouped_by_owner(cli, folder):
    r = cli("actions", folder, "--today", TODAY, "--format", "csv")
    assert r.code == 2  # the broken case files are still reported
    got = _tracker_rows(r.stdout)
    assert sorted(got) == sorted(TRACKER)
    owners = [row[2] for row in got]
    assert owners == sorted(owners, key=str.casefold)  # grouped by owning agency
    statuses = {row[3] for row in got}
    assert statuses == {"not started", "in progress", "completed", "impact evidenced"}


def test_tracker_filters(cli, folder):
    r = cli("actions", folder, "--today", TODAY, "--format", "csv", "--overdue")
    assert sorted((c, n, d) for c, n, _, _, _, d, _ in _tracker_rows(r.stdout)) == \
        [("EX-C07", 2, 20), ("EX-C08", 2, 81), ("EX-C09", 2, 1)]
    r = cli("actions", folder, "--today", TODAY, "--format", "csv", "--owner", "police")
    assert {(c, n) for c, n, *_ in _tracker_rows(r.stdout)} == {("EX-C07", 2), ("EX-C08", 3), ("EX-C14", 2)}
    r = cli("actions", folder, "--today", TODAY, "--format", "csv", "--owner", "nobody at all")
    assert _tracker_rows(r.stdout) == []
    text = cli("actions", folder, "--today", TODAY, "--owner", "police").stdout
    assert "Example Police (3)" in text and "20 days" in text and "1 overdue" in text


def test_xlsx_holds_the_same_rows_as_the_csv_with_header_filter_and_frozen_panes(cli, folder, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "tracker.xlsx"
    r = cli("actions", folder, "--today", TODAY, "-o", out)
    assert r.code == 2 and out.exists()
    ws = openpyxl.load_workbook(out).active
    values = list(ws.iter_rows(values_only=True))
    from cspr_docs.tracker import HEADERS

    assert values[0] == HEADERS and ws["A1"].font.bold
    assert ws.auto_filter.ref == f"A1:J{len(values)}"
    assert ws.freeze_panes == "C2"

    def plain(v):
        return v.date().isoformat() if hasattr(v, "date") else ("" if v is None else str(v))
    xlsx_rows = [[plain(v) for v in row] for row in values[1:]]
    csv_rows = list(csv.reader(io.StringIO(cli("actions", folder, "--today", TODAY, "--format", "csv").stdout)))
    assert xlsx_rows == csv_rows[1:] and len(xlsx_rows) == len(TRACKER)
    # again without overwriting, then with --force
    assert cli("actions", folder, "--today", TODAY, "-o", out).code == 2
    assert cli("actions", folder, "--today", TODAY, "-o", out, "--force").code == 2
    assert cli("actions", folder, "--format", "xlsx").code == 2  # needs a file


# --------------------------------------------------------------------------- the yearly figures

def test_yearly_figures_match_the_hand_worked_ones(cli, folder):
    r = cli("yearly", folder, "--from", YEAR[0], "--to", YEAR[1], "--today", TODAY, "--format", "json")
    assert r.code == 2, r.stderr
    fig = json.loads(r.stdout)
    for key in ("notifications", "rapid_reviews", "local_reviews", "national_reviews", "themes"):
        assert fig[key] == YEARLY[key], key
    assert fig["decisions"] == YEARLY["decisions"]
    for clock, (on_time, total) in YEARLY["timeliness"].items():
        assert (fig["timeliness"][clock]["on_time"], fig["timeliness"][clock]["total"]) == (on_time, total), clock
    rec = fig["recommendations"]
    assert {k: rec[k] for k in YEARLY["recommendations"]} == YEARLY["recommendations"]
    d = fig["delays"]
    want = YEARLY["delays"]
    assert (d["total"], d["panel_told"], d["sos_told"]) == (want["total"], want["panel_told"], want["sos_told"])
    assert d["reasons"]["criminal_investigation"] == 1 and d["reasons"]["inquest"] == 1


def test_yearly_period_edges_and_options(cli, folder):
    # one day: only C07's notification (4 Mar 2026)
    r = cli("yearly", folder, "--from", "2026-03-04", "--to", "2026-03-04", "--today", TODAY, "--format", "json")
    fig = json.loads(r.stdout)
    assert fig["notifications"] == 1 and fig["rapid_reviews"]["completed"] == 0
    assert cli("yearly", folder, "--from", "2026-03-04").code == 2
    assert cli("yearly", folder, "--from", "2026-03-04", "--to", "2026-03-01").code == 2
    csv_out = cli("yearly", folder, "--from", YEAR[0], "--to", YEAR[1], "--today", TODAY, "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(csv_out)))
    assert rows[0] == ["section", "measure", "value"]
    assert ["Timeliness", "Copies sent 7 working days before publication", "9 of 10 (90%)"] in rows


def test_yearly_word_section_renders_from_the_template_with_no_gaps(cli, folder, tmp_path):
    import docx

    out = tmp_path / "yearly.docx"
    r = cli("yearly", folder, "--from", YEAR[0], "--to", YEAR[1], "--today", TODAY, "-o", out)
    assert r.code == 2 and out.exists()
    doc = docx.Document(out)
    texts = [p.text for p in doc.paragraphs]
    cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    everything = "\n".join(texts + [c for row in cells for c in row])
    for gap in ("{{", "}}", "{%", "%}", "None", "MISSING", "undefined"):
        assert gap not in everything
    assert all(c.strip() for row in cells for c in row)  # no empty cell
    assert texts[0] == "Child safeguarding practice reviews: 1 January 2026 to 31 December 2026"
    assert "Example Safeguarding Children Partnership" in texts[1] and "13 case files" in texts[1]
    assert "(2 more could not be read and are not counted" in texts[1]  # C12 and broken-yaml
    assert ["Open and overdue on 31 December 2026", "1"] in cells or any(
        row[0] == "Open and overdue on 31 December 2026" for row in cells)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Notifications", "Rapid reviews", "Decisions", "Local reviews", "National reviews",
                        "Timeliness", "Themes", "Recommendations", "Delays"]
    assert ["Notifications made to the Panel", "6"] in cells and ["Neglect", "3"] in cells
    assert ["Published within 6 months of the decision", "2 of 4 (50%)"] in cells
    assert len(doc.tables) == len(headings)
    assert all(t.rows[0].cells[0].text == "Measure" for t in doc.tables)


def test_yearly_template_is_left_out_of_case_template_validation():
    from cspr_docs.files import bundled
    from cspr_docs.template_lint import find_templates

    assert all(p.parent.name == "templates" for p in find_templates([bundled("templates")]))
    assert (bundled("templates") / "yearly" / "yearly_figures.docx").exists()


# --------------------------------------------------------------------------- reads nothing else

def test_status_reads_only_case_files_and_never_loads_the_language_model(folder):
    """In a fresh interpreter: no spaCy/presidio/document readers imported, no report opened."""
    code = f"""
import builtins, io, os, sys
opened = []
real_open, real_io_open = builtins.open, io.open
def spy(file, *a, **k):
    opened.append(str(file)); return real_open(file, *a, **k)
builtins.open = io.open = spy
from pathlib import Path
real_read = Path.read_bytes
def spy_read(self):
    opened.append(str(self)); return real_read(self)
Path.read_bytes = spy_read
from cspr_docs.cli import run
code = run(["status", {str(folder)!r}, "--today", "{TODAY}", "--format", "html", "-o", os.devnull, "--force"])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in
               ("spacy", "presidio_analyzer", "presidio_anonymizer", "docx", "pypdf", "docxtpl", "thinc"))
import json
print(json.dumps({{"code": code, "heavy": heavy,
                  "read": sorted(set(f for f in opened if f.startswith({str(folder)!r})))}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["code"] == 2 and got["heavy"] == []
    assert len(got["read"]) == len(CASES) + 1, got["read"]  # each case file (the careful reader may re-read)
    assert all(p.endswith("case.yaml") for p in got["read"]) and not any("report" in p for p in got["read"])


def test_inputs_are_never_modified(cli, folder, tmp_path):
    files = sorted(folder.rglob("case.yaml"))
    before = [sha256_of(p) for p in files]
    cli("status", folder, "--today", TODAY, "--format", "html", "-o", tmp_path / "b.html", "--ics", tmp_path / "b.ics")
    cli("actions", folder, "--today", TODAY, "-o", tmp_path / "t.xlsx")
    cli("yearly", folder, "--from", YEAR[0], "--to", YEAR[1], "-o", tmp_path / "y.docx")
    assert [sha256_of(p) for p in files] == before


# --------------------------------------------------------------------------- the demo's portfolio

def test_demo_portfolio_and_board_are_current_on_any_day(tmp_path):
    from datetime import date

    import lxml.html

    from cspr_docs.demo import write_portfolio_demo
    from cspr_docs.portfolio import board

    lines: list[str] = []
    # as written (2 Dec 2026): the rapid review of ESCP-2026-021 (aware Thu 26 Nov) is due
    # 27 Nov (1), 30 Nov (2), 1-4 Dec (6), 7-11 (11), 14-17 Dec (15): 11 working days left.
    page = write_portfolio_demo(tmp_path / "a", lines.append, today=date(2026, 12, 2))
    rows = {r.reference: r for r in board(tmp_path / "a" / "portfolio", date(2026, 12, 2))}
    assert {k: r.stage for k, r in rows.items()} == {
        "ESCP-2025-032": "published", "ESCP-2026-014": "review under way", "ESCP-2026-021": "notified"}
    assert (rows["ESCP-2026-021"].next_name, rows["ESCP-2026-021"].working_days_left) == \
        ("Rapid review to the Panel", 11)
    assert (rows["ESCP-2025-032"].open_recs, rows["ESCP-2025-032"].overdue_recs) == (2, 1)
    assert all(not r.error for r in rows.values())
    tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    assert len(tree.xpath("//table[@id='board']/tbody/tr")) == 3
    assert any("case-board.html" in ln for ln in lines)
    # three years later the dates have moved with the calendar: the same stages
    later = date(2029, 12, 5)
    write_portfolio_demo(tmp_path / "b", lines.append, today=later)
    moved = {r.reference: r.stage for r in board(tmp_path / "b" / "portfolio", later)}
    assert moved == {k: r.stage for k, r in rows.items()}


# --------------------------------------------------------------------------- bad and empty inputs

def test_new_fields_are_checked_against_their_vocabularies(cli, tmp_path):
    data = dict(CASES["C11"])
    data["review"] = dict(data["review"], themes=["neglect", "bad luck"])
    data["publication"] = {"delays": [{"reason": "holiday", "panel_told": "2026-13-01"}]}
    write_case(tmp_path / "case.yaml", data)
    r = cli("validate", tmp_path / "case.yaml")
    assert r.code == 1
    assert 'review.themes[1]: "bad luck" is not allowed' in r.stdout
    assert 'publication.delays[0].reason: "holiday" is not allowed' in r.stdout
    assert "publication.delays[0].panel_told: not a date" in r.stdout


def test_one_unreadable_case_file_does_not_hide_the_others(cli, tmp_path):
    (tmp_path / "good").mkdir()
    write_case(tmp_path / "good" / "case.yaml", CASES["C13"])
    for name, body in (("deep", "case: " + "[" * 200 + "]" * 200 + "\n"), ("empty", ""),
                       ("alias", "case: &x {reference: A}\nchild: *x\n"), ("list", "- 1\n- 2\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "case.yaml").write_text(body, encoding="utf-8")
    r = cli("status", tmp_path, "--today", TODAY, "--format", "json")
    assert r.code == 2 and "Traceback" not in r.stderr
    out = json.loads(r.stdout)
    assert [c["case"] for c in out["cases"]] == ["EX-C13"]
    errors = {Path(e["path"]).parent.name: e["error"] for e in out["errors"]}
    assert set(errors) == {"deep", "empty", "alias", "list"}
    assert "file is empty" in errors["empty"] and "aliases" in errors["alias"]
    assert "mapping" in errors["list"]
    assert all("\n" not in e for e in errors.values())


def test_yearly_on_no_cases_renders_zeros_with_no_gaps(cli, tmp_path):
    import docx

    (tmp_path / "none").mkdir()
    out = tmp_path / "y.docx"
    r = cli("yearly", tmp_path / "none", "--from", "2026-04-01", "--to", "2027-03-31", "--today", TODAY, "-o", out)
    assert r.code == 0, r.stderr
    doc = docx.Document(out)
    cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Notifications made to the Panel", "0"] in cells and ["No themes recorded", "0"] in cells
    assert ["Notification to the Panel within 5 working days", "0 of 0 (none due)"] in cells
    assert all(c.strip() and "{" not in c for row in cells for c in row)


def test_ics_with_long_and_missing_references(cli, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    long_ref = "EX-" + "LONG-REFERENCE-" * 8
    for name, ref in (("a", long_ref), ("b", None)):
        (tmp_path / name).mkdir()
        data = dict(CASES["C13"], case={"reference": ref} if ref else {})
        write_case(tmp_path / name / "case.yaml", data)
    ics = tmp_path / "all.ics"
    assert cli("status", tmp_path, "--today", TODAY, "--format", "csv", "--ics", ics).code == 0
    raw = ics.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["X-WR-CALNAME"]) == "Case board deadlines"
    summaries = sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    assert summaries == sorted([f"{long_ref}: Notification to the Panel", f"{long_ref}: Rapid review to the Panel",
                                "b: Notification to the Panel", "b: Rapid review to the Panel"])


def test_a_broken_yearly_template_is_one_line_and_nothing_written(cli, folder, tmp_path):
    import docx

    bad = tmp_path / "bad.docx"
    d = docx.Document()
    d.add_paragraph("{{ sections[0].rows | nosuchfilter }} {% for %}")
    d.save(bad)
    out = tmp_path / "y.docx"
    r = cli("yearly", folder, "--from", YEAR[0], "--to", YEAR[1], "--template", bad, "-o", out)
    assert r.code == 2 and "could not be rendered" in r.stderr and not out.exists()
    assert "nosuchfilter" not in r.stderr


def test_fast_and_careful_readers_give_the_same_case(folder):
    from cspr_docs.casefile import validate_data
    from cspr_docs.files import bundled
    from cspr_docs.yamlio import load_yaml, load_yaml_fast

    paths = [p for p in sorted(folder.rglob("case.yaml")) if p.parent.name not in BROKEN]
    paths += [bundled("examples") / "case.yaml", *sorted((bundled("examples") / "portfolio").glob("*.yaml"))]
    for path in paths:
        fast, slow = validate_data(load_yaml_fast(path))[0], validate_data(load_yaml(path))[0]
        assert fast is not None and fast == slow, path


def test_outputs_all_or_none_and_never_over_a_case_file(cli, folder, tmp_path):
    html, ics = tmp_path / "b.html", tmp_path / "b.ics"
    ics.write_text("already here")
    r = cli("status", folder, "--today", TODAY, "--format", "html", "-o", html, "--ics", ics)
    assert r.code == 2 and "already exists" in r.stderr and not html.exists()  # nothing written
    assert ics.read_text() == "already here"
    target = folder / "C04" / "case.yaml"
    before = sha256_of(target)
    for args in (("status", folder, "-o", target, "--force"), ("actions", folder, "-o", target, "--force"),
                 ("yearly", folder, "--from", YEAR[0], "--to", YEAR[1], "--format", "json", "-o", target, "--force")):
        r = cli(*args)
        assert r.code == 2 and "overwrite an input" in r.stderr, args
    assert sha256_of(target) == before
    r = cli("status", folder, "--format", "csv", "-o", html, "--ics", html)
    assert r.code == 2 and "is given for two outputs" in r.stderr and not html.exists()


def test_text_typed_as_a_formula_never_runs_in_the_csv_or_xlsx(cli, tmp_path):
    """An owner or a recommendation typed as a formula ("=HYPERLINK(...)", "+cmd|...", "@SUM")
    stays text: the CSV cell starts with an apostrophe, the .xlsx cell is a string, not a formula."""
    from openpyxl import load_workbook

    nasty = ['=HYPERLINK("http://127.0.0.1/x","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)"]
    data = {"case": {"reference": "=1+1"}, "review": {"kind": "local", "decision_date": "2026-10-01",
            "recommendations": [{"text": nasty[1], "owner": nasty[0], "due": "2027-01-31"},
                                {"text": "Plain text.", "owner": nasty[2], "due": "2027-02-28"}]}}
    folder = tmp_path / "cases"
    (folder / "c1").mkdir(parents=True)
    write_case(folder / "c1" / "case.yaml", data)
    r = cli("actions", folder, "--today", "2027-01-04", "--format", "csv")
    assert r.code == 0, r.stderr
    cells = [c for row in csv.reader(io.StringIO(r.stdout)) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]
    assert f"'{nasty[0]}" in cells and f"'{nasty[2]}" in cells
    out = tmp_path / "a.xlsx"
    assert cli("actions", folder, "--today", "2027-01-04", "-o", out).code == 0
    ws = load_workbook(out).active
    values = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(c.value == nasty[0] for c in values)
    assert all(c.data_type == "s" for c in values)
    r = cli("status", folder, "--today", "2027-01-04", "--format", "csv")
    assert not [c for row in csv.reader(io.StringIO(r.stdout)) for c in row if c.startswith("=")]


def test_planned_dates_are_not_counted_as_done_in_the_yearly_figures(cli, tmp_path):
    """Expected before running (figures drawn on 2 Dec 2026 for 1 Apr 2026 - 31 Mar 2027): a
    review decided 1 Jul 2026 must be published by 1 Jan 2027; publication is only planned for
    10 Mar 2027 and the copies are recorded with dates still ahead. Neither counts as done:
    the publication clock is not yet due on 2 Dec, so it is left out (0 of 0), and the copies,
    due 1 Mar 2027, are pending (0 of 0) - never "1 of 1 on time"."""
    data = {"case": {"reference": "EX-P1"},
            "review": {"kind": "local", "decision_date": "2026-07-01"},
            "publication": {"full_report": True, "planned_date": "2027-03-10"},
            "distribution": [{"recipient": r, "item": "full_report", "sent": "2027-02-26"}
                             for r in ("panel", "secretary_of_state", "ofsted")]}
    (tmp_path / "c" / "p1").mkdir(parents=True)
    write_case(tmp_path / "c" / "p1" / "case.yaml", data)
    r = cli("yearly", tmp_path / "c", "--from", "2026-04-01", "--to", "2027-03-31", "--today", "2026-12-02",
            "--format", "json")
    fig = json.loads(r.stdout)
    for clock in ("publication", "copies"):
        assert (fig["timeliness"][clock]["on_time"], fig["timeliness"][clock]["total"]) == (0, 0), clock
    # drawn on 31 Mar 2027 the dates have passed and count: the three copies on time, but the
    # publication (due 1 Jan 2027) is late, and the reasons for that delay, due to the Panel and
    # the Secretary of State by 1 Jan, were never sent: copies 3 of 5, publication 0 of 1
    r = cli("yearly", tmp_path / "c", "--from", "2026-04-01", "--to", "2027-03-31", "--today", "2027-03-31",
            "--format", "json")
    fig = json.loads(r.stdout)
    assert (fig["timeliness"]["copies"]["on_time"], fig["timeliness"]["copies"]["total"]) == (3, 5)
    assert (fig["timeliness"]["publication"]["on_time"], fig["timeliness"]["publication"]["total"]) == (0, 1)
