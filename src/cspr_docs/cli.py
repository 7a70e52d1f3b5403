"""The ``cspr-docs`` command line. Heavy libraries are imported inside commands."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .commands import anonymise, cases, check, templates
from .commands import config as config_commands, distribute, rules as rules_commands
from .commands import inspect as inspect_commands
from .commands import app as app_command
from .commands.common import existing_file
from .doctypes import INIT_TYPES, TEMPLATE_TYPES
from .errors import InputError

RENDER_TYPES = list(TEMPLATE_TYPES)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cspr-docs")
def cli() -> None:
    """Assemble, anonymise and check Child Safeguarding Practice Review documents.

    Everything runs on this computer: no file or text is ever sent over the network.
    """


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--type", "doc_type", type=click.Choice(list(INIT_TYPES)),
              default="lcspr", show_default=True, help="What the case is being prepared for.")
def init(folder: str, doc_type: str) -> int:
    """Start a case: write a commented case.yaml and an empty register.yaml to FOLDER."""
    from .casefile_init import init_case

    for path in init_case(folder, doc_type):
        click.echo(f"wrote {path}")
    click.echo("Next: fill in case.yaml (names go only in register.yaml), then "
               f"'cspr-docs validate {Path(folder) / 'case.yaml'}'.")
    return 0


@cli.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
def validate(case_file: str) -> int:
    """Check CASE_FILE against the case schema; report every problem with its line."""
    from .casefile import check_case

    case, problems = check_case(existing_file(case_file))
    for p in problems:
        click.echo(f"{case_file}:{p.line}: {p.field}: {p.message}")
    if problems:
        click.echo(f"{len(problems)} problem(s) in {case_file}", err=True)
        return 1
    click.echo(f"{case_file}: valid")
    return 0


@cli.command()
def schema() -> int:
    """Print the case file's JSON Schema (for editor autocompletion)."""
    from .casefile import json_schema

    click.echo(json.dumps(json_schema(), indent=2))
    return 0


@cli.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--type", "doc_type", type=click.Choice(RENDER_TYPES), required=True,
              help="Which document to draft.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The .docx file to write (a name ending .pdf writes a PDF, through LibreOffice).")
@click.option("--template", type=click.Path(dir_okay=False), help="Use this template instead of the bundled one.")
@click.option("--draft/--final", default=False,
              help="--final (default) fails on any missing field; --draft fills gaps with "
                   "[MISSING: field] and marks the document DRAFT.")
@click.option("--pdf", "pdf", is_flag=True,
              help="Also write an accessible PDF beside the .docx (needs LibreOffice).")
@click.option("--logo", type=click.Path(dir_okay=False),
              help="The partnership's logo (PNG or JPEG) for the cover page.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def render(case_file: str, doc_type: str, output: str, template: str | None,
           draft: bool, force: bool, pdf: bool, logo: str | None) -> int:
    """Render a Word draft of type --type from CASE_FILE."""
    from .casefile import load_case
    from .render import MissingFields, render_to_file

    case = load_case(existing_file(case_file))
    if template is None or logo is None:  # the partnership's template and logo (cspr-docs.yaml)
        from .config import effective_config

        cfg = effective_config(near=case_file)
        if template is None:
            override = cfg.template_for(doc_type)
            template = str(override) if override else None
        logo = logo or cfg.partnership.get("logo")
    try:
        result = render_to_file(case, doc_type, output, template=template, draft=draft,
                                force=force, inputs=(case_file,), pdf=pdf, logo=logo)
    except MissingFields as exc:
        for path in exc.missing:
            click.echo(f"{case_file}: missing: {path}", err=True)
        click.echo(f"not written: {len(exc.missing)} field(s) the template needs are missing "
                   "(fill them in, or use --draft)", err=True)
        return 1
    also = f" and {result.pdf}" if result.pdf and result.pdf != result.output else ""
    if draft:
        for path in result.missing:
            click.echo(f"{case_file}: missing: {path}", err=True)
        click.echo(f"wrote {result.output}{also} (DRAFT, {len(result.missing)} missing field(s)"
                   + (f": {', '.join(result.missing)})" if result.missing else ")"))
    else:
        click.echo(f"wrote {result.output}{also}")
    return 0


@cli.command()
@click.argument("document", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the page images (made if needed).")
@click.option("--dpi", type=click.IntRange(20, 300), default=60, show_default=True,
              help="Resolution of the images.")
@click.option("--pages", type=click.IntRange(1, 500), default=None,
              help="Only the first N pages.")
def preview(document: str, out_dir: str, dpi: int, pages: int | None) -> int:
    """PNG page images of DOCUMENT (.docx or .pdf), for authors and CI to see a change.

    A .docx is converted through LibreOffice first; the images come from pdftoppm."""
    from .preview import write_previews

    for path in write_previews(existing_file(document), Path(out_dir), dpi=dpi, pages=pages):
        click.echo(f"wrote {path}")
    return 0


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Write into OUT_DIR even if it already holds files.")
def demo(out_dir: str, force: bool) -> int:
    """Tour of the toolkit on the bundled fictional case: writes into OUT_DIR."""
    from .demo import run_demo

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(out, "is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InputError(out, "already exists and is not empty (use --force to write into it)")
    return run_demo(out, echo=click.echo)


for _module in (anonymise, check, inspect_commands, templates, cases):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
for _module in (distribute, rules_commands, config_commands, app_command):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def run(args: list[str] | None = None) -> int:
    """Run the CLI and return its exit code: 0/1 per findings, 2 when a command cannot run."""
    try:
        code = cli.main(args=args, prog_name="cspr-docs", standalone_mode=False)
    except InputError as exc:
        click.echo(f"cspr-docs: error: {exc}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("cspr-docs: aborted", err=True)
        return 2
    except click.ClickException as exc:
        exc.show()
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a full disk, a read-only folder: one line naming the place
        if os.environ.get("CSPR_DOCS_DEBUG"):
            raise
        from .errors import os_error_message

        click.echo(f"cspr-docs: error: {os_error_message(exc)}", err=True)
        return 2
    except Exception as exc:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("CSPR_DOCS_DEBUG"):
            raise
        from .errors import bug_summary

        click.echo(f"cspr-docs: internal error: {bug_summary(exc)} "
                   "(set CSPR_DOCS_DEBUG=1 to see details)", err=True)
        return 2
    return code if isinstance(code, int) else 0


def main() -> None:
    """Console entry point."""
    sys.exit(run())
