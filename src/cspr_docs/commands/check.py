"""``check`` (pre-publication compliance) and ``timeline`` (statutory deadlines of a case)."""

from __future__ import annotations

import sys
from datetime import date

import click

from ..report import Report
from ..doctypes import DOC_TYPES
from .common import date_option, emit, existing_file, password_option, rapid_review_clock_option, report_options
from .config import config_option, load_effective


@click.command("check")
@click.argument("documents", nargs=-1, required=True, type=click.Path())
@click.option("--type", "doc_type", type=click.Choice(DOC_TYPES), required=True,
              help="What the document is.")
@click.option("--case", "case_file", type=click.Path(dir_okay=False),
              help="The case file: turns on the distribution, timescale, publication and "
                   "notification rules.")
@click.option("--register", type=click.Path(dir_okay=False),
              help="The case register: any of its real names, places or numbers found is an error.")
@date_option("--publication-date", "Publication date (overrides publication.planned_date in the case file).")
@click.option("--checklist", "checklists", multiple=True, type=click.Path(dir_okay=False),
              help="A partnership checklist to add to the bundled one (repeatable).")
@rapid_review_clock_option
@click.option("--jobs", type=click.IntRange(1, 64), help="Documents checked at once (default: CPU cores).")
@click.option("--strict", is_flag=True,
              help="Count findings of \"should\" duties (warnings by default) towards exit code 1, "
                   "for partnerships whose local procedure requires them.")
@config_option
@password_option
@report_options
def check(documents: tuple[str, ...], doc_type: str, case_file: str | None, register: str | None,
          publication_date: date | None, checklists: tuple, rapid_review_clock: str, jobs: int | None,
          password: str | None, fmt: str, output: str | None, strict: bool = False,
          config_file: str | None = None) -> int:
    """Pre-publication check of DOCUMENTS (.docx, .pdf, .txt, .md files or folders of them):
    sections, reviewer, recommendations, identifying details, hidden content, accessibility
    and, with --case, distribution, timescales, publication and notification.

    Exit code 0: no errors; 1: at least one error (with --strict: or a warning from a
    "should" duty); 2: the check could not run (or a
    document could not be read; the others are still checked and reported).
    """
    from functools import partial

    from ..batch import expand_inputs, run_batch
    from ..casefile import load_case_with_raw
    from ..checks.checklist import checklist_for
    from ..checks.run import check_path

    cfg = load_effective(config_file, case_file)
    _note_weakened_musts(cfg)
    options = cfg.check_options(register, checklists)
    checklists, register = options["checklists"], options["register"]
    checklist_for(doc_type, tuple(existing_file(c) for c in checklists))  # fail early if broken
    case = None
    if case_file:
        case, _ = load_case_with_raw(existing_file(case_file))
    if register:
        from ..anonymise import load_register

        load_register(existing_file(register))  # fail early, before any document is read
    paths = expand_inputs(list(documents))
    job = partial(check_path, doc_type=doc_type, case_file=case_file, publication_date=publication_date,
                  rapid_review_clock=rapid_review_clock, password=password, keep_document=fmt == "html",
                  **options)
    outcomes = run_batch(job, paths, jobs=jobs, progress=sys.stderr.isatty() and len(paths) > 1)
    reports, docs = [], {}
    for outcome in outcomes:
        if outcome.error:
            reports.append(Report(document=str(outcome.path), findings=[], doc_type=doc_type,
                                  error=outcome.error))
            continue
        report, doc = outcome.result
        reports.append(report)
        if doc is not None:
            docs[report.document] = doc
    deadline = None
    if fmt == "html" and case is not None:
        deadline = publication_deadline(case)
    inputs = tuple(str(p) for p in paths) + tuple(p for p in (case_file, register) if p)
    return emit(reports, fmt, output, inputs=inputs, documents=docs, deadline=deadline, strict=strict)


def _note_weakened_musts(cfg) -> None:
    """A partnership may lower any rule, but lowering a statutory "must" is said every time."""
    from ..catalogue import rules

    catalogue = rules()
    for rule_id, level in sorted(cfg.severities().items()):
        info = catalogue.get(rule_id)
        if info is not None and info.duty == "must" and level != "error":
            click.echo(f"cspr-docs: note: {cfg.path} sets {rule_id} to {level}, though it checks a "
                       f"statutory duty (must): {info.title}", err=True)


def publication_deadline(case):
    """The date by which the report must be published (6 months after the decision)."""
    from ..timeline import build_timeline

    return next((e.due for e in build_timeline(case, today=date.today())
                 if e.name == "Publication" and e.due), None)


@click.command("timeline")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Table format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the table to this file.")
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False),
              help="Also write the deadlines as an .ics calendar file (for Outlook and others).")
@date_option("--today", "Count 'due in' and 'missing' from this date instead of today.")
@date_option("--publication-date", "Publication date (overrides publication.planned_date).")
@rapid_review_clock_option
@click.option("--force", is_flag=True, help="Overwrite the output or .ics file if it exists.")
def timeline(case_file: str, fmt: str, output: str | None, ics_path: str | None, today: date | None,
             publication_date: date | None, rapid_review_clock: str, force: bool) -> int:
    """Every statutory deadline for CASE_FILE: due date, actual date and status."""
    from ..casefile import load_case_with_raw
    from ..files import write_all
    from ..timeline import build_timeline, render_csv, render_ics, render_json, render_text

    case, _ = load_case_with_raw(existing_file(case_file))
    entries = build_timeline(case, today=today or date.today(), publication_date=publication_date,
                             rapid_review_clock=rapid_review_clock)
    text = {"text": render_text, "json": render_json, "csv": render_csv}[fmt](entries, case_file)
    outputs = [(output, text.encode("utf-8"))] if output else []
    if ics_path:
        outputs.append((ics_path, render_ics(entries, case).encode("utf-8")))
    write_all(outputs, force=force, inputs=(case_file,))  # both files or neither
    if not output:
        click.echo(text, nl=False)
    for path, _ in outputs:
        click.echo(f"wrote {path}", err=True)
    return 0


COMMANDS: list = [check, timeline]
