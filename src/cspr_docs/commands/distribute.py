"""``distribute``: the pre-publication email pack, written only for a document ready to publish."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..doctypes import PUBLISHED_TYPES
from ..errors import InputError
from .common import date_option, existing_file, password_option
from .config import config_option, load_effective


def readiness(doc, doc_type: str, *, register=None, unpublished: bool = False, severities=None) -> list:
    """The findings that make ``doc`` not ready to send: every error ``check`` finds in the
    document itself (register names, DRAFT or OFFICIAL-SENSITIVE markings, comments, tracked
    changes, unfilled placeholders, missing required sections ...). Case-file rules are not
    run: sending the copies is what this command prepares. For a full report that will not be
    published (``unpublished``) the anonymisation rules are left out."""
    from ..checks import run_checks
    from ..findings import Severity

    settings = dict(severities or {})
    if unpublished:
        settings.update({"ANO001": "off", "ANO002": "off"})
    report = run_checks(doc, doc_type, register=register, severities=settings)
    return [f for f in report.findings if f.severity is Severity.ERROR]


@click.command("distribute")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--document", required=True, type=click.Path(dir_okay=False),
              help="The document to be published: the final report, or the information about "
                   "improvements when the full report is not published.")
@click.option("--full-report", "full_report", type=click.Path(dir_okay=False),
              help="The full report, when it is not published (publication.full_report: false): it "
                   "still goes to the Panel and the Secretary of State.")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(),
              help="Folder to write the email drafts and distribution.yaml to (created if missing).")
@date_option("--publication-date", "Planned publication date (default: publication.planned_date in the case file).")
@date_option("--today", "Treat this date as today (default: the real date).")
@click.option("--type", "doc_type", type=click.Choice(PUBLISHED_TYPES),
              help="What the document is, for the readiness check (default: national for a national "
                   "review, improvements when the full report is not published, else lcspr).")
@click.option("--register", type=click.Path(dir_okay=False),
              help="The case register: a real name, place or number found in the document blocks it.")
@click.option("--force", is_flag=True,
              help="Write the pack even if the document is not ready (the blocking findings are "
                   "listed as a warning), and overwrite files already in the output folder.")
@config_option
@password_option
def distribute(case_file: str, document: str, full_report: str | None, out_dir: str,
               publication_date: date | None, today: date | None, doc_type: str | None,
               register: str | None, force: bool, password: str | None, config_file: str | None = None) -> int:
    """Write email drafts (.eml) sending DOCUMENT to the recipients of the copies before publication.

    Local review: the Panel, the Secretary of State and Ofsted, no later than 7 working days
    before publication (the full report to the Panel and the Secretary of State also when only
    information about improvements is published). National review: the Secretary of State in
    that timescale, and the safeguarding partners, Ofsted, CQC and HMICFRS. Plus
    distribution.yaml to paste into the case file once sent. The document is checked first:
    any error (register names, DRAFT markings, comments, tracked changes, placeholders ...)
    refuses the pack (exit 1) unless --force. Nothing is sent: open each draft in your mail client.
    """
    from ..casefile import load_case
    from ..checks.distribution import full_report_published
    from ..dates import format_uk_long
    from ..distribute import LateError, build_pack
    from ..document import read_document
    from ..files import write_all

    today_date = today or date.today()
    case = load_case(existing_file(case_file))
    doc_path = existing_file(document)
    cfg = load_effective(config_file, case_file)
    register = register or (str(cfg.register) if cfg.register else None)
    reg = None
    if register:
        from ..anonymise import load_register

        reg = load_register(existing_file(register))
    doc = read_document(doc_path, password)  # never attach a damaged or unreadable file
    full = full_report_published(case, doc_type or "lcspr")
    national = bool(case.review and case.review.kind == "national")
    full_doc = None
    if not full:
        if not full_report:
            raise click.UsageError("the full report is not published (publication.full_report: false), "
                                   "but it must still go to the Panel and the Secretary of State: give it "
                                   "with --full-report PATH")
        full_doc = read_document(existing_file(full_report), password)
    planned = publication_date or (case.publication.planned_date if case.publication else None)
    if planned is None:
        click.echo(f"cspr-docs: {case_file}: no publication date: set publication.planned_date "
                   "in the case file or give --publication-date YYYY-MM-DD", err=True)
        return 1
    kind = doc_type or ("national" if national else ("lcspr" if full else "improvements"))
    blocking = [(doc_path, f) for f in readiness(doc, kind, register=reg, severities=cfg.severities())]
    if full_doc is not None:
        blocking += [(Path(full_report), f) for f in readiness(full_doc, "national" if national else "lcspr",
                                                               unpublished=True, severities=cfg.severities())]
    if blocking:
        for path, f in blocking:
            click.echo(f"{path}:{f.location.describe()}: ERROR {f.rule} {f.message}")
        if not force:
            click.echo(f"cspr-docs: not ready to send: {len(blocking)} blocking finding(s) listed above; "
                       "fix them (cspr-docs sanitize, redact) or give --force", err=True)
            return 1
        click.echo(f"WARNING: writing the pack despite {len(blocking)} blocking finding(s) (--force)")
    try:
        pack = build_pack(case, doc_path, doc.data, planned, today_date,
                          (Path(full_report), full_doc.data) if full_doc is not None else None,
                          doc_type=doc_type or "lcspr")
    except LateError as exc:
        click.echo(f"cspr-docs: {exc}", err=True)
        return 1

    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "is a file, not a folder")
    targets = [(folder / d.filename, d.message) for d in pack.drafts]
    targets.append((folder / "distribution.yaml", pack.snippet.encode("utf-8")))
    inputs = (case_file, doc_path) + ((full_report,) if full_report else ())
    # every file or none: destinations checked first, then written and renamed together
    write_all(targets, force=force, inputs=inputs, create_folders=True)
    for d in pack.drafts:
        to = f"to {d.address}" if d.address else "no address known: fill in To"
        click.echo(f"wrote {folder / d.filename} ({to}{'' if d.timed else '; no set timescale'})")
    click.echo(f"wrote {folder / 'distribution.yaml'}")
    click.echo(f"Send the drafts no later than {format_uk_long(pack.latest)} (publication: "
               f"{format_uk_long(pack.planned)}); nothing has been sent. Then paste "
               f"distribution.yaml into {case_file}.")
    return 0


COMMANDS: list = [distribute]
