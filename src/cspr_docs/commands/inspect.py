"""``inspect`` (hidden content, markings, accessibility) and ``sanitize`` (clean copy)."""

from __future__ import annotations

from pathlib import Path

import click

from ..doctypes import DOC_TYPES

from .common import emit, existing_file, password_option, report_options


@click.command("inspect")
@click.argument("document", type=click.Path(dir_okay=False))
@click.option("--type", "doc_type", default=None,
              type=click.Choice(list(DOC_TYPES)),
              help="The document's type: a rapid review (never published) may carry its "
                   "protective marking, so PUB002 reports only a DRAFT marking on it.")
@password_option
@report_options
def inspect_command(document: str, doc_type: str | None, password: str | None, fmt: str,
                    output: str | None) -> int:
    """Hidden content, draft markings and accessibility of DOCUMENT (.docx, .pdf, .txt, .md).

    Runs rules HID001-HID008, PUB002 and ACC001-ACC006 only; 'check' runs them too.
    """
    from ..document import read_document
    from ..inspect import FAMILIES, accessibility, inspect_document
    from ..report import Report

    path = existing_file(document)
    doc = read_document(path, password)
    findings = inspect_document(doc) + accessibility(doc)
    from ..checks.outline import build_outline
    from ..checks.where import add_places

    add_places(findings, doc, build_outline(doc))  # heading, page and snippet for text output
    if doc_type is not None:
        from ..inspect.markings import allowed_for_type

        findings = [f for f in findings if allowed_for_type(f, doc_type)]
    return emit([Report(document=str(path), findings=findings, families=list(FAMILIES))],
                fmt, output, inputs=(path,))


@click.command("sanitize")
@click.argument("document", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the clean copy (same format as DOCUMENT).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@password_option
def sanitize_command(document: str, output: str, force: bool, password: str | None) -> int:
    """Write a clean copy of DOCUMENT without comments, tracked changes, personal
    properties, custom XML, hidden text (.docx) or metadata, annotations, attachments,
    JavaScript and other active content, hidden text and earlier revisions (.pdf).
    DOCUMENT itself is never changed."""
    from ..inspect import inspect_document
    from ..sanitize import CannotSanitize, sanitize_file

    try:
        removed, copy = sanitize_file(existing_file(document), Path(output), force=force, password=password)
    except CannotSanitize as exc:
        for f in exc.left:
            click.echo(f"{document}:{f.location.describe()}: still present: {f.rule} {f.message}", err=True)
        click.echo(f"{document}: sanitize cannot take out what is listed above (for example hidden text "
                   f"drawn inside a form XObject, or removed text also stored in a part it keeps); "
                   f"nothing was written to {output}: delete it in the source document and save or "
                   "export it again", err=True)
        return 1
    for item in removed:
        click.echo(f"removed: {item}")
    click.echo(f"wrote {output}" + ("" if removed else " (nothing needed removing)"))
    left = [f for f in inspect_document(copy) if f.rule.startswith("HID")]
    for f in left:
        click.echo(f"{output}:{f.location.describe()}: still present: {f.rule} {f.message}", err=True)
    if left:
        click.echo(f"{len(left)} hidden-content finding(s) need fixing in the source document", err=True)
        return 1
    return 0


COMMANDS = [inspect_command, sanitize_command]
