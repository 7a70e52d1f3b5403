"""``scan`` and ``redact`` (anonymisation). Filled in by the anonymisation work."""

COMMANDS: list = []
