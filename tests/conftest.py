"""Shared test helpers: run the real CLI in-process and capture its exit code and output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import urllib3  # noqa: F401
from click.testing import CliRunner

from cspr_docs.cli import run
from cspr_docs.files import bundled

# urllib3 (imported by presidio's dependencies) probes for IPv6 support when it is first
# imported by creating, never connecting, a socket on the loopback address. Importing it here,
# before pytest-socket blocks sockets, keeps that probe out of the warnings, so that any
# "tried to use socket.socket" warning left means a real attempt.


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: object, input: str | None = None) -> CliResult:
    """Run ``cspr-docs ARGS`` in this process (``input`` typed at prompts); returns exit code,
    stdout and stderr."""
    runner = CliRunner()
    with runner.isolation(input=input) as streams:
        code = run([str(a) for a in args])
    out, err = streams[0], streams[1]
    return CliResult(code, out.getvalue().decode(), err.getvalue().decode())


def sha256_of(path: Path) -> str | None:
    """The SHA-256 of a file's bytes (None when it does not exist): proof an input is unchanged."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).exists() else None


def check_findings(cli, path, *args, doc_type: str = "lcspr") -> tuple[int, list[dict]]:
    """``check --format json`` on ``path``: exit code and findings, leaving out accessibility
    (several fixtures are unstyled or bare tables on purpose; accessibility has its own tests)."""
    import json

    r = cli("check", path, "--type", doc_type, "--format", "json", *args)
    assert r.code in (0, 1), r.stderr
    return r.code, [f for f in json.loads(r.stdout)["findings"] if not f["rule"].startswith("ACC")]


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def example_case() -> Path:
    return bundled("examples") / "case.yaml"


@pytest.fixture(scope="session")
def example_register() -> Path:
    return bundled("examples") / "register.yaml"
