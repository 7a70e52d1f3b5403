"""Options and output shared by every command that reports findings."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Callable

import click

from ..errors import InputError
from ..report import FORMATS


def _remember_force(ctx: click.Context, _param, value: bool) -> bool:
    ctx.meta["cspr_docs.force"] = value
    return value


def report_options(func: Callable) -> Callable:
    """Add ``--format``, ``-o/--output`` and ``--force`` (SPEC §3) to a reporting command."""
    func = click.option("--force", is_flag=True, expose_value=False, callback=_remember_force,
                        help="Overwrite the --output file if it exists.")(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False),
                        help="Write the report to this file instead of the terminal ('-': the terminal).")(func)
    func = click.option("--format", "fmt", type=click.Choice(FORMATS),
                        default="text", show_default=True, help="Report format.")(func)
    return func


def _iso_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(None, f'{param.opts[0]}: not a date "{value}" (write it as YYYY-MM-DD)') from None


def date_option(name: str, help: str) -> Callable:
    """A ``YYYY-MM-DD`` option whose value is a ``date`` (a bad value is one clear line, exit 2)."""
    return click.option(name, metavar="YYYY-MM-DD", callback=_iso_date, help=help)


def _clock(_ctx: click.Context, _param, value: str) -> str:
    return "notification" if value == "notification" else "la_aware_date"


def rapid_review_clock_option(func: Callable) -> Callable:
    """Add ``--rapid-review-clock la-aware|notification``; the value is the clock's case field."""
    return click.option("--rapid-review-clock", type=click.Choice(["la-aware", "notification"]),
                        default="la-aware", show_default=True, callback=_clock,
                        help="When the 15-working-day rapid review clock starts: when the local "
                             "authority became aware, or the notification date.")(func)


def _ask_password(_ctx: click.Context, _param, wanted: bool) -> str | None:
    return click.prompt("PDF password", hide_input=True) if wanted else None


def password_option(func: Callable) -> Callable:
    """Add ``--password``: ask for an encrypted PDF's password, without showing it.

    It is never given on the command line, so it stays out of shell history and process lists.
    """
    return click.option("--password", is_flag=True, callback=_ask_password,
                        help="Ask for the password of encrypted PDFs (typed without showing).")(func)


def existing_file(path: str) -> Path:
    """``path`` as a Path, or an ``InputError`` when it does not exist."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    return p


def emit(reports: list, fmt: str, output: str | None, inputs: tuple = (), *,
         documents: dict | None = None, deadline=None, strict: bool = False) -> int:
    """Print or write the reports; return the exit code: 2 if any document could not be
    read, else 1 if any finding is an error (or, with ``strict``, a warning from a "should"
    duty), else 0.

    When no document at all could be read there is nothing to report: no report is
    written, only one error line per document on stderr.
    """
    from ..files import write_atomic
    from ..findings import exit_code
    from ..report import render

    if output == "-":
        output = None  # the usual convention: "-" is standard output, never a file named "-"
    if not all(rep.error for rep in reports):
        colour = output is None and fmt == "text" and sys.stdout.isatty()
        text = render(reports, fmt, colour=colour, documents=documents, deadline=deadline)
        if output:
            force = click.get_current_context().meta.get("cspr_docs.force", False)
            write_atomic(output, text.encode("utf-8"), force=force, inputs=inputs)
            click.echo(f"wrote {output}", err=True)
        else:
            click.echo(text, nl=False)
    for rep in reports:
        if rep.error:
            click.echo(f"cspr-docs: error: {rep.error}", err=True)
    if any(rep.error for rep in reports):
        return 2
    return exit_code((f for r in reports for f in r.findings), strict=strict)
