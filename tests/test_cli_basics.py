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


MODEL_FREE = {  # issue 11: commands that need no language model never import spaCy or presidio
    "validate": ["validate", "{case}"],
    "render": ["render", "{case}", "--type", "rapid-review", "-o", "{tmp}/rr.docx", "--draft"],
    "timeline": ["timeline", "{case}"],
    "inspect": ["inspect", "{draft}"],
    "sanitize": ["sanitize", "{draft}", "-o", "{tmp}/clean.docx"],
    "templates validate": ["templates", "validate", "{root}/templates/rapid_review.docx"],
}


@pytest.fixture(scope="module")
def lcspr_draft(tmp_path_factory, example_case):
    from cspr_docs.cli import run

    path = tmp_path_factory.mktemp("draft") / "draft.docx"
    assert run(["render", str(example_case), "--type", "lcspr", "-o", str(path), "--draft"]) == 0
    return path


@pytest.mark.parametrize("name", sorted(MODEL_FREE))
def test_model_free_commands_do_not_import_spacy_or_presidio(name, tmp_path, example_case, lcspr_draft):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    args = [a.format(case=example_case, tmp=tmp_path, draft=lcspr_draft, root=root) for a in MODEL_FREE[name]]
    code = (f"import sys; from cspr_docs.cli import run; rc = run({args!r}); "
            "print(rc, [m for m in ('spacy', 'presidio_analyzer') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    rc, heavy = out.stdout.strip().splitlines()[-1].split(" ", 1)
    assert rc in ("0", "1"), out.stderr   # 1: findings (inspect, templates validate) are not errors here
    assert heavy == "[]", (name, heavy)


def test_scan_does_import_the_language_model(tmp_path):
    """The probe above can fail: scan, which needs the model, imports both."""
    doc = tmp_path / "r.txt"
    doc.write_text("Kelly Walsh visited.\n", encoding="utf-8")
    code = (f"import sys; from cspr_docs.cli import run; run(['scan', {str(doc)!r}]); "
            "print([m for m in ('spacy', 'presidio_analyzer') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "['spacy', 'presidio_analyzer']"
