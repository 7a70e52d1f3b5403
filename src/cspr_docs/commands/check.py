"""``check`` (pre-publication compliance) and ``timeline`` (statutory deadlines of a case)."""

from __future__ import annotations

from datetime import date

import click

from .common import emit, existing_file, report_options

DOC_TYPES = ["rapid-review", "lcspr", "improvements", "national", "learning-briefing"]
_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("check")
@click.argument("document", type=click.Path(dir_okay=False))
@click.option("--type", "doc_type", type=click.Choice(DOC_TYPES), required=True,
              help="What the document is.")
@click.option("--case", "case_file", type=click.Path(dir_okay=False),
              help="The case file: turns on the distribution, timescale, publication and "
                   "notification rules.")
@click.option("--publication-date", type=_DATE, metavar="YYYY-MM-DD",
              help="Publication date (overrides publication.planned_date in the case file).")
@click.option("--checklist", "checklists", multiple=True, type=click.Path(dir_okay=False),
              help="A partnership checklist to add to the bundled one (repeatable).")
@click.option("--rapid-review-clock", type=click.Choice(["la-aware", "notification"]),
              default="la-aware", show_default=True,
              help="When the 15-working-day rapid review clock starts: when the local authority "
                   "became aware, or the notification date.")
@report_options
def check(document: str, doc_type: str, case_file: str | None, publication_date, checklists: tuple,
          rapid_review_clock: str, fmt: str, output: str | None) -> int:
    """Pre-publication check of DOCUMENT (.docx, .pdf, .txt, .md): sections, reviewer,
    recommendations and, with --case, distribution, timescales, publication and notification.

    Exit code 0: no errors; 1: at least one error; 2: the check could not run.
    """
    from ..casefile import load_case_with_raw
    from ..checks import run_checks
    from ..checks.checklist import checklist_for
    from ..document import read_document

    checklist = checklist_for(doc_type, tuple(existing_file(c) for c in checklists))
    case = raw = None
    if case_file:
        case, raw = load_case_with_raw(existing_file(case_file))
    doc = read_document(existing_file(document))
    report = run_checks(doc, doc_type, case=case, case_raw=raw,
                        publication_date=publication_date.date() if publication_date else None,
                        checklist=checklist,
                        rapid_review_clock="notification" if rapid_review_clock == "notification"
                        else "la_aware_date")
    report.document = document
    return emit([report], fmt, output, inputs=(document,) + ((case_file,) if case_file else ()))


@click.command("timeline")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Table format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the table to this file.")
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False),
              help="Also write the deadlines as an .ics calendar file (for Outlook and others).")
@click.option("--today", type=_DATE, metavar="YYYY-MM-DD",
              help="Count 'due in' and 'missing' from this date instead of today.")
@click.option("--publication-date", type=_DATE, metavar="YYYY-MM-DD",
              help="Publication date (overrides publication.planned_date).")
@click.option("--rapid-review-clock", type=click.Choice(["la-aware", "notification"]),
              default="la-aware", show_default=True, help="When the rapid review clock starts.")
def timeline(case_file: str, fmt: str, output: str | None, ics_path: str | None, today,
             publication_date, rapid_review_clock: str) -> int:
    """Every statutory deadline for CASE_FILE: due date, actual date and status."""
    from ..casefile import load_case_with_raw
    from ..files import write_atomic
    from ..timeline import build_timeline, render_csv, render_ics, render_json, render_text

    case, _ = load_case_with_raw(existing_file(case_file))
    entries = build_timeline(case, today=today.date() if today else date.today(),
                             publication_date=publication_date.date() if publication_date else None,
                             rapid_review_clock="notification" if rapid_review_clock == "notification"
                             else "la_aware_date")
    text = {"text": render_text, "json": render_json, "csv": render_csv}[fmt](entries, case_file)
    if output:
        write_atomic(output, text.encode("utf-8"), inputs=(case_file,))
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
    if ics_path:
        write_atomic(ics_path, render_ics(entries, case).encode("utf-8"), inputs=(case_file,))
        click.echo(f"wrote {ics_path}", err=True)
    return 0


COMMANDS: list = [check, timeline]
