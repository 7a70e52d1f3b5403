"""``templates validate`` (rules TPL001-TPL004) and ``distribute`` (the pre-publication email pack)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..errors import InputError
from ..checks import DOC_TYPES
from .common import date_option, emit, existing_file, password_option, report_options


@click.group("templates")
def templates_group() -> None:
    """Work on docxtpl Word templates."""


@templates_group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--type", "doc_type", type=click.Choice(DOC_TYPES),
              help="Document type of the templates (default: from the file name: bundled names, "
                   "or a name containing rapid, improvement, brief, national, lcspr or report).")
@click.option("--case", "case_file", type=click.Path(dir_okay=False),
              help="Sample case to render (default: the bundled example case).")
@report_options
def validate(paths: tuple[str, ...], doc_type: str | None, case_file: str | None,
             fmt: str, output: str | None) -> int:
    """Check every .docx template in PATHS (folders or files; default: the bundled templates).

    TPL001 template syntax and docxtpl markup; TPL002 variables the case schema does not
    define; TPL003 rendering the sample case fails; TPL004 the rendered sample fails `check`.
    """
    from ..casefile import load_case
    from ..files import bundled
    from ..report import Report
    from ..template_lint import find_templates, template_type, validate_template

    templates = find_templates(paths or (bundled("templates"),))
    case = load_case(existing_file(case_file) if case_file else bundled("examples") / "case.yaml")
    reports = []
    for template in templates:
        kind = template_type(template, doc_type)
        try:
            findings = validate_template(template, case, kind)
        except InputError as exc:  # one unreadable template does not stop the others
            reports.append(Report(document=str(template), findings=[], doc_type=kind, error=str(exc)))
            continue
        if kind is None:
            click.echo(f"{template}: document type unknown (name it after its type or give --type): "
                       "TPL004 (check of the rendered sample) skipped", err=True)
        reports.append(Report(document=str(template), findings=findings, doc_type=kind,
                              families=["templates"]))
    return emit(reports, fmt, output, inputs=tuple(templates))


@click.command("distribute")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--document", required=True, type=click.Path(dir_okay=False),
              help="The final report (or information about improvements) to attach.")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(),
              help="Folder to write the email drafts and distribution.yaml to (created if missing).")
@date_option("--publication-date", "Planned publication date (default: publication.planned_date in the case file).")
@date_option("--today", "Treat this date as today (default: the real date).")
@click.option("--force", is_flag=True, help="Overwrite files already in the output folder.")
@password_option
def distribute(case_file: str, document: str, out_dir: str, publication_date: date | None,
               today: date | None, force: bool, password: str | None) -> int:
    """Write email drafts (.eml) sending DOCUMENT to the Panel, the Secretary of State and Ofsted.

    One draft per statutory recipient, the document attached, to send no later than 7 working
    days before publication (Working Together 2023, ch.5); plus distribution.yaml to paste
    into the case file once sent. Nothing is sent: open each draft in your mail client.
    """
    from ..casefile import load_case
    from ..dates import format_uk_long
    from ..distribute import LateError, build_pack
    from ..document import read_document
    from ..files import write_all

    today_date = today or date.today()
    case = load_case(existing_file(case_file))
    doc_path = existing_file(document)
    data = read_document(doc_path, password).data  # never attach a damaged or unreadable file
    planned = publication_date or (case.publication.planned_date if case.publication else None)
    if planned is None:
        click.echo(f"cspr-docs: {case_file}: no publication date: set publication.planned_date "
                   "in the case file or give --publication-date YYYY-MM-DD", err=True)
        return 1
    try:
        pack = build_pack(case, doc_path, data, planned, today_date)
    except LateError as exc:
        click.echo(f"cspr-docs: {exc}", err=True)
        return 1

    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "is a file, not a folder")
    targets = [(folder / d.filename, d.message) for d in pack.drafts]
    targets.append((folder / "distribution.yaml", pack.snippet.encode("utf-8")))
    # every file or none: destinations checked first, then written and renamed together
    write_all(targets, force=force, inputs=(case_file, doc_path), create_folders=True)
    for d in pack.drafts:
        click.echo(f"wrote {folder / d.filename} (to {d.address})")
    click.echo(f"wrote {folder / 'distribution.yaml'}")
    click.echo(f"Send the drafts no later than {format_uk_long(pack.latest)} (publication: "
               f"{format_uk_long(pack.planned)}); nothing has been sent. Then paste "
               f"distribution.yaml into {case_file}.")
    return 0


COMMANDS: list = [templates_group, distribute]
