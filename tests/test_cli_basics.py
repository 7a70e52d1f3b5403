"""The CLI contract: help without heavy imports, version, one-line errors with exit 2."""

import subprocess
import sys

import pytest

HEAVY = ("presidio_analyzer", "spacy", "pypdf", "docxtpl", "docx", "pydantic", "jinja2", "lxml")


@pytest.mark.parametrize("args", [["--help"], ["templates", "validate", "--help"], ["distribute", "--help"]])
def test_help_does_not_import_heavy_libraries(args):
    code = (f"import sys; from cspr_docs.cli import run; rc = run({args!r}); "
            f"heavy = [m for m in {HEAVY!r} if m in sys.modules]; print(rc, heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"


def test_every_command_has_help(cli):
    from cspr_docs.cli import cli as group

    for name in group.commands:
        result = cli(name, "--help")
        assert result.code == 0, name
        assert "Usage:" in result.stdout


def test_version(cli):
    result = cli("--version")
    assert result.code == 0 and "0.1.0" in result.stdout


def test_unknown_option_is_exit_2(cli):
    assert cli("validate", "--nope").code == 2
