"""``check`` and ``timeline`` (compliance). Filled in by the checker work."""

COMMANDS: list = []
