"""``config``: the effective partnership configuration (``cspr-docs.yaml``) and where each value
came from; ``config_option`` adds ``--config`` to other commands."""

from __future__ import annotations

from typing import Callable

import click


def config_option(func: Callable) -> Callable:
    """Add ``--config PATH`` (default: the ``cspr-docs.yaml`` next to the case file or above it)."""
    return click.option("--config", "config_file", type=click.Path(dir_okay=False),
                        help="The partnership configuration (default: cspr-docs.yaml next to the case "
                             "file or in a folder above it; without a case file, from the current folder).")(func)


def load_effective(config_file: str | None, near: str | None):
    """The configuration for a command: ``--config`` or the file found near ``near``."""
    from ..config import effective_config

    return effective_config(config_file, near=near)


@click.command("config")
@config_option
@click.option("--case", "case_file", type=click.Path(dir_okay=False),
              help="Find the configuration from this case file's folder (default: the current folder).")
def config(config_file: str | None, case_file: str | None) -> int:
    """Print the configuration in force (cspr-docs.yaml) and where each value came from."""
    from ..config import describe

    click.echo(describe(load_effective(config_file, case_file)), nl=False)
    return 0


COMMANDS: list = [config]
