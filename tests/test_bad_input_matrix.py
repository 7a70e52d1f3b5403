"""Every command that reads a file, given every kind of broken or hostile file (issue #7).

Each run must end with exit 2 and exactly one line on stderr that names the file and the
problem: no traceback, nothing written to the output folder, the input's bytes unchanged.
The README's table "What was tried and how the tool responds" is this matrix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import sha256_of
from fixtures.corpus import write_pdf
from fixtures.hostile import (OLE_FILE, locked_pdf, zip_bomb, zip_bomb_many_parts,
                              zip_duplicate_parts, zip_parts)

# -- broken documents --------------------------------------------------------------------


def _pdf_without_xref() -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        data = write_pdf(Path(tmp) / "r.pdf").read_bytes()
    return data[: data.rindex(b"\nxref") + 1] + b"%%EOF\n"  # the table and trailer gone


#: name -> (bytes, words the error line must contain)
DOCUMENTS = {
    "empty.docx": (lambda: b"", "empty"),
    "empty.pdf": (lambda: b"", "empty"),
    "pdf-named.docx": (lambda: b"%PDF-1.7\n%%EOF\n", "looks like PDF"),
    "notzip.docx": (lambda: b"plain text, not a zip", "not a DOCX"),
    "nodoc.docx": (lambda: zip_parts({"hello.txt": b"hi"}), "no word/document.xml"),
    "bomb.docx": (zip_bomb,
                  "limit"),
    "bomb-many-parts.docx": (zip_bomb_many_parts, "times its compressed size"),
    "duplicate-parts.docx": (zip_duplicate_parts, "same name as an earlier part"),
    "locked.pdf": (locked_pdf, "--password"),
    "locked.docx": (lambda: OLE_FILE, "password-protected"),
    "garbage.pdf": (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 50, "not a readable PDF"),
    "noxref.pdf": (_pdf_without_xref, "not a readable PDF"),
    "latin1.txt": (lambda: "Child B's caf\u00e9".encode("latin-1"), "not UTF-8"),
}

DOCUMENT_COMMANDS = {
    "scan": ["scan", "{doc}"],
    "redact": ["redact", "{doc}", "--register", "{register}", "-o", "{out}/redacted.txt"],
    "check": ["check", "{doc}", "--type", "lcspr", "--format", "json", "-o", "{out}/report.json"],
    "inspect": ["inspect", "{doc}", "--format", "html", "-o", "{out}/report.html"],
    "sanitize": ["sanitize", "{doc}", "-o", "{out}/clean{ext}"],
    "distribute": ["distribute", "{case}", "--document", "{doc}", "-o", "{out}/pack", "--today", "2027-02-01"],
}

# -- broken YAML -------------------------------------------------------------------------

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))

#: name -> (text or bytes, words the error line must contain)
YAMLS = {
    "empty.yaml": ("", "empty"),
    "tabs.yaml": ("case:\n\treference: CSPR-1\n", "tab"),
    "dupes.yaml": ("case:\n  reference: A\n  reference: B\n", "duplicate"),
    "laughs.yaml": (LAUGHS, "aliases"),
    "latin1.yaml": ("case:\n  reference: caf\u00e9\n".encode("latin-1"), "not UTF-8"),
    "syntax.yaml": ("case:\n  reference: [unclosed\n", "invalid YAML"),
    "missing.yaml": (None, "no such file"),
}

YAML_COMMANDS = {
    "validate": ["validate", "{yaml}"],
    "render": ["render", "{yaml}", "--type", "lcspr", "-o", "{out}/draft.docx"],
    "timeline": ["timeline", "{yaml}", "--ics", "{out}/t.ics"],
    "distribute": ["distribute", "{yaml}", "--document", "{good}", "-o", "{out}/pack"],
    "check --case": ["check", "{good}", "--type", "lcspr", "--case", "{yaml}"],
    "check --register": ["check", "{good}", "--type", "lcspr", "--register", "{yaml}"],
    "scan --register": ["scan", "{good}", "--register", "{yaml}"],
    "scan --case": ["scan", "{good}", "--case", "{yaml}"],
    "redact --register": ["redact", "{good}", "--register", "{yaml}", "-o", "{out}/r.txt"],
}


def _assert_refused(result, bad: Path, words: str, out: Path, before: str | None) -> None:
    assert result.code == 2, (result.code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert bad.name in lines[0] and words in lines[0], lines[0]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert list(out.iterdir()) == [], "an output was left behind"
    assert sha256_of(bad) == before, "the input was changed"


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory) -> Path:
    return write_pdf(tmp_path_factory.mktemp("good") / "report.pdf")


@pytest.mark.parametrize("command", DOCUMENT_COMMANDS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_broken_document(cli, tmp_path, example_case, example_register, command, name):
    make, words = DOCUMENTS[name]
    bad = tmp_path / "in" / name
    bad.parent.mkdir()
    bad.write_bytes(make())
    out = tmp_path / "out"
    out.mkdir()
    before = sha256_of(bad)
    args = [a.format(doc=bad, register=example_register, case=example_case, out=out, ext=bad.suffix)
            for a in DOCUMENT_COMMANDS[command]]
    _assert_refused(cli(*args), bad, words, out, before)


@pytest.mark.parametrize("command", YAML_COMMANDS)
@pytest.mark.parametrize("name", YAMLS)
def test_broken_yaml(cli, tmp_path, good_pdf, command, name):
    content, words = YAMLS[name]
    bad = tmp_path / "in" / name
    bad.parent.mkdir()
    if content is not None:
        bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "out"
    out.mkdir()
    before = sha256_of(bad)
    args = [a.format(yaml=bad, good=good_pdf, out=out) for a in YAML_COMMANDS[command]]
    _assert_refused(cli(*args), bad, words, out, before)


def test_broken_template_in_a_template_folder(cli, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in ("notzip.docx", "nodoc.docx", "bomb.docx", "empty.docx"):
        (folder / name).write_bytes(DOCUMENTS[name][0]())
    r = cli("templates", "validate", folder)
    assert r.code == 2
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    for name in ("notzip.docx", "nodoc.docx", "bomb.docx", "empty.docx"):
        assert name in r.stdout + r.stderr
