"""``rules``: the rule catalogue, or one rule explained."""

from __future__ import annotations

import click


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option("--markdown", is_flag=True, help="Print the catalogue as a Markdown table (for the README).")
def rules(rule_id: str | None, markdown: bool) -> int:
    """List every rule, or explain RULE_ID: what it checks, its duty and source, why it
    matters, how to fix it, an example."""
    from ..catalogue import rules as catalogue
    from ..errors import InputError
    from ..ruledocs import explain, markdown_table, text_table

    if rule_id:
        key = rule_id.strip().upper()
        if key not in catalogue():
            raise InputError(None, f"no rule '{rule_id[:20]}' (cspr-docs rules lists them)")
        click.echo(explain(key), nl=False)
    else:
        click.echo(markdown_table() if markdown else text_table(), nl=False)
    return 0


COMMANDS: list = [rules]
