"""``templates validate`` (rules TPL001-TPL004)."""

from __future__ import annotations

import click

from ..errors import InputError
from ..doctypes import DOC_TYPES
from .common import emit, existing_file, report_options


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


COMMANDS: list = [templates_group]
