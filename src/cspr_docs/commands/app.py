"""``app``: the local web app (issue #17). The web stack is imported only when it starts."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from .common import date_option


@click.command("app")
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False))
@click.option("--no-browser", is_flag=True, help="Only print the address; do not open a browser.")
@click.option("--max-upload-mb", type=click.IntRange(1, 200), default=50, show_default=True,
              help="Largest report the app accepts.")
@date_option("--today", "Count deadlines from this date instead of today (as status --today).")
def app(folder: str, no_browser: bool, max_upload_mb: int, today=None) -> int:
    """Open a local web page to check reports, see the case board and make drafts.

    FOLDER holds the cases (each a case.yaml in its own folder; default: this folder). The
    app listens on this computer only (127.0.0.1) at an address with a secret part, printed
    here; nothing is sent anywhere. Press Ctrl-C to stop it: uploads are then removed.
    """
    if not Path(folder).is_dir():
        raise InputError(folder, "no such folder")
    from ..app.server import serve

    return serve(folder, open_browser=not no_browser, echo=lambda s: click.echo(s),
                 max_upload=max_upload_mb * 1024 * 1024, today=today)


COMMANDS: list = [app]
