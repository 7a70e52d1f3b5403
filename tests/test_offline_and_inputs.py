"""Nothing leaves the machine, and no input is ever changed: every command, run for real.

Connections are trapped at the socket level (connect, DNS lookups) and recorded, because a
library that catches a refused connection would otherwise hide the attempt.
"""

from __future__ import annotations

import shutil
import socket

import pytest

from conftest import sha256_of

COMMANDS = [
    ("validate", ["{case}"]),
    ("schema", []),
    ("init", ["{tmp}/new-case"]),
    ("render", ["{case}", "--type", "lcspr", "-o", "{tmp}/r.docx", "--draft"]),
    ("timeline", ["{case}", "--today", "2026-11-23", "--ics", "{tmp}/t.ics"]),
    ("scan", ["{report}", "--register", "{register}", "--case", "{case}", "--format", "json"]),
    ("redact", ["{report}", "--register", "{register}", "-o", "{tmp}/p.docx", "--mapping", "{tmp}/m.json"]),
    ("inspect", ["{report}"]),
    ("sanitize", ["{report}", "-o", "{tmp}/s.docx"]),
    ("check", ["{report}", "--type", "lcspr", "--case", "{case}", "--register", "{register}",
               "--format", "html", "-o", "{tmp}/c.html"]),
    ("templates", ["validate"]),
    ("distribute", ["{case}", "--document", "{report}", "-o", "{tmp}/outbox", "--today", "2027-02-01"]),
    ("demo", ["{tmp}/demo"]),
    ("status", ["{tmp}/in", "--today", "2027-02-01", "--format", "html", "-o", "{tmp}/b.html", "--ics", "{tmp}/b.ics"]),
    ("actions", ["{tmp}/in", "--today", "2027-02-01", "-o", "{tmp}/a.xlsx"]),
    ("yearly", ["{tmp}/in", "--from", "2026-04-01", "--to", "2027-03-31", "-o", "{tmp}/y.docx"]),
    ("rules", ["DIS004"]),
    ("config", ["--case", "{case}"]),
    ("preview", ["{report}", "-o", "{tmp}/pages", "--pages", "1", "--dpi", "20"]),
]


@pytest.fixture
def attempts(monkeypatch):
    """Record (and refuse) every attempt to reach another machine."""
    seen: list[str] = []

    def refuse(what):
        def _refuse(*args, **kwargs):
            seen.append(f"{what}{args[1:2] if what == 'connect' else args[:1]}")
            raise OSError("network use is not allowed in cspr-docs")
        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    return seen


@pytest.fixture
def inputs(tmp_path, example_case, example_register, cli):
    """Copies of the example case, register and a rendered report, and their hashes."""
    folder = tmp_path / "in"
    folder.mkdir()
    case = shutil.copy(example_case, folder / "case.yaml")
    register = shutil.copy(example_register, folder / "register.yaml")
    assert cli("render", case, "--type", "lcspr", "-o", folder / "report.docx").code == 0
    return {"case": case, "register": register, "report": folder / "report.docx"}


def digest(paths) -> dict:
    return {str(p): sha256_of(p) for p in paths}


@pytest.mark.parametrize("name, args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_command_makes_no_network_attempt_and_leaves_inputs_unchanged(
        cli, tmp_path, inputs, attempts, name, args):
    if name == "preview" and not (shutil.which("soffice") and shutil.which("pdftoppm")):
        pytest.skip("LibreOffice and poppler-utils are not installed (.ci/run installs them)")
    before = digest(inputs.values())
    values = {k: str(v) for k, v in inputs.items()} | {"tmp": str(tmp_path)}
    result = cli(name, *[a.format(**values) for a in args])
    assert result.code in (0, 1), result.stderr
    assert attempts == [], f"{name} tried to reach the network: {attempts}"
    assert digest(inputs.values()) == before


def test_every_command_is_covered():
    from cspr_docs.cli import cli as group

    # `app` serves until it is stopped: tests/test_app_security.py runs it and traps its connections
    assert set(group.commands) == {name for name, _ in COMMANDS} | {"app"}
