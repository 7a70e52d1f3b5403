"""``config``: the effective partnership configuration and where each value came from."""

from __future__ import annotations

COMMANDS: list = []
