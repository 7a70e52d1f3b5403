"""Many cases at once (issue #15): ``status`` (the deadline board), ``actions`` (the
recommendations tracker) and ``yearly`` (the figures for the partners' yearly report)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import click

from ..cells import csv_rows
from ..errors import InputError
from .common import date_option, rapid_review_clock_option

_folder = click.argument("folder", type=click.Path(file_okay=False))
_force = click.option("--force", is_flag=True, help="Overwrite output files that exist.")


def _check_outputs(paths: list[str | None], force: bool, cases: list) -> tuple:
    """Refuse, before anything is written, an output that exists (without --force), that would
    overwrite a case file, or two outputs on one path (``files.check_destinations``)."""
    from ..files import check_destinations

    inputs = tuple(c.path for c in cases)
    check_destinations([(Path(p), b"") for p in paths if p], force, inputs)
    return inputs


def _write(path: str, data: bytes, force: bool, inputs: tuple = ()) -> None:
    from ..files import write_atomic

    write_atomic(path, data, force=force, inputs=inputs)
    click.echo(f"wrote {path}", err=True)


def _out(text: str, output: str | None, force: bool, inputs: tuple = ()) -> None:
    if output:
        _write(output, text.encode("utf-8"), force, inputs)
    else:
        click.echo(text, nl=False)


def _progress(paths: list):
    """A progress bar on a terminal for a large folder (SPEC §3: work over about a second)."""
    import sys

    if len(paths) < 200 or not sys.stderr.isatty():
        return paths

    def bar():
        with click.progressbar(paths, label="Reading case files", file=sys.stderr) as items:
            yield from items
    return bar()


def _report_broken(rows) -> int:
    """One line on stderr per case file that could not be read; 2 if there was any."""
    broken = [r for r in rows if getattr(r, "error", None)]
    for r in broken:
        click.echo(f"cspr-docs: error: {r.error}", err=True)
    return 2 if broken else 0


def _status_csv(rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["case", "path", "stage", "next_deadline", "next_due", "working_days_left", "late",
                "open_recommendations", "overdue_recommendations", "available_until", "open_delays",
                "error"])
    for r in rows:
        if r.error:
            w.writerow(csv_rows([[r.reference, r.path, "", "", "", "", "", "", "", "", "", r.error]])[0])
            continue
        w.writerow(csv_rows([[r.reference, r.path, r.stage, r.next_name or "",
                              r.next_due.isoformat() if r.next_due else "",
                              "" if r.working_days_left is None else r.working_days_left,
                              "; ".join(f"{n}: {s}" for n, s in r.late), r.open_recs, r.overdue_recs,
                              r.available_until.isoformat() if r.available_until else "",
                              "; ".join(r.delays), ""]])[0])
    return buf.getvalue()


def _status_text(rows, today: date) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from ..dates import format_uk_long, format_uk_short

    import sys

    tty = sys.stdout.isatty()
    console = Console(record=True, width=None if tty else 160, force_terminal=tty or None)
    table = Table(title=f"Case board as at {format_uk_long(today)}", title_justify="left")
    for h in ("Case", "Stage", "Next deadline", "Due", "Working days left", "Late",
              "Open recs", "Overdue recs", "Available until"):
        table.add_column(h, overflow="fold")
    for r in rows:
        if r.error:
            continue
        table.add_row(*(escape(c) for c in (
            r.reference, r.stage, r.next_name or "-", format_uk_short(r.next_due) if r.next_due else "-",
            "-" if r.working_days_left is None else str(r.working_days_left),
            "\n".join(f"{n}: {s}" for n, s in r.late) or "-", str(r.open_recs), str(r.overdue_recs),
            format_uk_short(r.available_until) if r.available_until else "-")))
    with console.capture() as cap:
        console.print(table)
        broken = [r for r in rows if r.error]
        if broken:
            console.print(f"{len(broken)} case file(s) could not be read:", markup=False)
            for r in broken:
                console.print(f"  {r.error}", markup=False, highlight=False, soft_wrap=True)
    return cap.get()


def _ics(rows) -> str:
    """One calendar with every deadline of every case: the timeline's own events, each case's
    calendar header dropped (with any folded continuation lines) and one header for all."""
    from ..casefile import CaseInfo
    from ..timeline import render_ics

    head, events = None, []
    for r in rows:
        if r.error:
            continue
        case = r.case
        if not (case.case and case.case.reference):  # name the events after the case's folder
            info = (case.case or CaseInfo()).model_copy(update={"reference": r.reference})
            case = case.model_copy(update={"case": info})
        lines = render_ics(r.deadlines, case).split("\r\n")
        first = lines.index("BEGIN:VEVENT") if "BEGIN:VEVENT" in lines else len(lines) - 2
        if head is None:
            head, skipping = [], False
            for ln in lines[:first]:
                skipping = ln.startswith("X-WR-CALNAME") or (skipping and ln.startswith(" "))
                if not skipping:
                    head.append(ln)
        events += [ln for ln in lines[first:] if ln and ln != "END:VCALENDAR"]
    head = head or ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cspr-docs//timeline//EN"]
    return "\r\n".join(head + ["X-WR-CALNAME:Case board deadlines"] + events + ["END:VCALENDAR"]) + "\r\n"


@click.command("status")
@_folder
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]), default="text",
              show_default=True, help="Board format (html: a page with sorting and filtering).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the board to this file.")
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False),
              help="Also write every case's deadlines to one .ics calendar file.")
@date_option("--today", "Draw the board as on this date instead of today.")
@rapid_review_clock_option
@_force
def status(folder: str, fmt: str, output: str | None, ics_path: str | None, today: date | None,
           rapid_review_clock: str, force: bool) -> int:
    """The deadline board: one row for each case.yaml under FOLDER.

    Stage, the next statutory deadline and the working days left, anything late, and open and
    overdue recommendations. Only case files are read. A case file that cannot be read is
    listed with its error and the exit code is 2.
    """
    from ..board_html import board_json, render_board_html
    from ..portfolio import board

    today = today or date.today()
    rows = board(folder, today, rapid_review_clock, progress=_progress)
    inputs = _check_outputs([output, ics_path], force, rows)
    if fmt == "html":
        text = render_board_html(rows, today, source=folder)
    elif fmt == "json":
        text = board_json(rows, today)
    elif fmt == "csv":
        text = _status_csv(rows)
    else:
        text = _status_text(rows, today)
        if not rows:
            text += f"No case.yaml files under {folder}.\n"
    if ics_path:  # the board and the calendar: both files or neither
        from ..files import write_all

        files = ([(output, text.encode("utf-8"))] if output else []) + [(ics_path, _ics(rows).encode("utf-8"))]
        written = write_all(files, force=force, inputs=inputs)
        if not output:
            click.echo(text, nl=False)
        for path in written:
            click.echo(f"wrote {path}", err=True)
    else:
        _out(text, output, force, inputs)
    return _report_broken(rows)


@click.command("actions")
@_folder
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "xlsx"]), default=None,
              help="Tracker format (default: from the --output suffix, else text). xlsx needs --output.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the tracker to this file (.xlsx, .csv or .json).")
@click.option("--overdue", is_flag=True, help="Only open recommendations past their due date.")
@click.option("--owner", metavar="TEXT", help="Only agencies whose name contains TEXT (any case).")
@date_option("--today", "Count days overdue as on this date instead of today.")
@_force
def actions(folder: str, fmt: str | None, output: str | None, overdue: bool, owner: str | None,
            today: date | None, force: bool) -> int:
    """The recommendations tracker across every case under FOLDER, grouped by owning agency:
    status, due date, days overdue and the last update."""
    from ..portfolio import load_cases
    from ..tracker import actions as collect, render_csv, render_json, render_text, render_xlsx

    today = today or date.today()
    if fmt is None:
        suffix = Path(output).suffix.lower() if output else ""
        fmt = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}.get(suffix, "text")
    if fmt == "xlsx" and not output:
        raise InputError(None, "--format xlsx needs -o/--output FILE.xlsx")
    cases = load_cases(folder, progress=_progress)
    rows = collect(cases, today, overdue_only=overdue, owner=owner)
    inputs = _check_outputs([output], force, cases)
    if fmt == "xlsx":
        _write(output, render_xlsx(rows, today), force, inputs)
    elif fmt == "text":
        import sys

        from rich.console import Console

        tty = output is None and sys.stdout.isatty()
        console = Console(record=True, width=None if tty else 160, force_terminal=tty or None)
        with console.capture() as cap:
            render_text(rows, today, console)
        _out(cap.get(), output, force, inputs)
    else:
        _out(render_csv(rows) if fmt == "csv" else render_json(rows, today), output, force, inputs)
    return _report_broken(cases)


@click.command("yearly")
@_folder
@date_option("--from", "The first day of the period (e.g. 2026-04-01).")
@date_option("--to", "The last day of the period (e.g. 2027-03-31).")
@click.option("--format", "fmt", type=click.Choice(["docx", "json", "csv"]), default=None,
              help="docx: a Word section for the yearly report (needs --output); default: from "
                   "the --output suffix, else json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the figures to this file.")
@click.option("--template", type=click.Path(dir_okay=False),
              help="Word template for the section (default: the bundled templates/yearly/yearly_figures.docx).")
@date_option("--today", "Draw the figures as on this date instead of today.")
@rapid_review_clock_option
@_force
def yearly(folder: str, to: date | None, fmt: str | None, output: str | None, template: str | None,
           today: date | None, rapid_review_clock: str, force: bool, **period: date | None) -> int:
    """The figures a yearly report needs for the period --from to --to, from every case under
    FOLDER: notifications, rapid reviews, decisions, reviews commissioned and published,
    timeliness of each statutory clock, themes, recommendations and delays."""
    from ..portfolio import load_cases
    from ..yearly import figures, render_csv, render_docx, render_json

    from_ = period.get("from")  # click names the --from value after the keyword
    if from_ is None or to is None:
        raise InputError(None, "give the period with --from YYYY-MM-DD and --to YYYY-MM-DD")
    if to < from_:
        raise InputError(None, "--to is before --from")
    if fmt is None:
        suffix = Path(output).suffix.lower() if output else ""
        fmt = {".docx": "docx", ".csv": "csv"}.get(suffix, "json")
    if fmt == "docx" and not output:
        raise InputError(None, "--format docx needs -o/--output FILE.docx")
    if template and not Path(template).is_file():
        raise InputError(template, "no such file")
    cases = load_cases(folder, progress=_progress)
    fig = figures(cases, from_, to, today or date.today(), rapid_review_clock)
    inputs = _check_outputs([output], force, cases)
    if fmt == "docx":
        names = {c.case.case.partnership for c in cases if c.error is None and c.case.case
                 and c.case.case.partnership}
        try:
            data = render_docx(fig, names.pop() if len(names) == 1 else None, template)
        except Exception as exc:  # noqa: BLE001 (a partnership's own template: say what, not its text)
            raise InputError(template or "templates/yearly/yearly_figures.docx",
                             f"the Word template could not be rendered ({type(exc).__name__})") from None
        _write(output, data, force, inputs)
    else:
        _out((render_csv if fmt == "csv" else render_json)(fig), output, force, inputs)
    return _report_broken(cases)


COMMANDS: list = [status, actions, yearly]
