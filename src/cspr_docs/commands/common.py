"""Options and output shared by every command that reports findings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import click

from ..errors import InputError


def report_options(func: Callable) -> Callable:
    """Add ``--format`` and ``-o/--output`` (SPEC §3) to a reporting command."""
    func = click.option("-o", "--output", type=click.Path(dir_okay=False),
                        help="Write the report to this file instead of the terminal.")(func)
    func = click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "junit"]),
                        default="text", show_default=True, help="Report format.")(func)
    return func


def existing_file(path: str) -> Path:
    """``path`` as a Path, or an ``InputError`` when it does not exist."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    return p


def emit(reports: list, fmt: str, output: str | None, inputs: tuple = ()) -> int:
    """Print or write the reports; return the exit code their findings call for."""
    from ..files import write_atomic
    from ..findings import exit_code
    from ..report import render

    colour = output is None and fmt == "text" and sys.stdout.isatty()
    text = render(reports, fmt, colour=colour)
    if output:
        write_atomic(output, text.encode("utf-8"), inputs=inputs)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
    return exit_code(f for r in reports for f in r.findings)
