"""Encrypted PDFs: refused with a clear line, opened with --password (asked for, never echoed)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from conftest import sha256_of
from cspr_docs.document import read_document
from cspr_docs.errors import InputError
from fixtures.hostile import SECRET, locked_pdf


def write_locked(path, **kwargs):
    path.write_bytes(locked_pdf(**kwargs))
    return path


def test_encrypted_pdf_without_password_is_refused_and_names_the_option(tmp_path, cli):
    path = write_locked(tmp_path / "locked.pdf")
    with pytest.raises(InputError, match="is encrypted"):
        read_document(path)
    for command in (["check", path, "--type", "lcspr"], ["inspect", path], ["scan", path],
                    ["sanitize", path, "-o", tmp_path / "clean.pdf"]):
        r = cli(*command)
        assert r.code == 2, command
        assert r.stderr.count("\n") == 1 and "locked.pdf" in r.stderr
        assert "encrypted" in r.stderr and "--password" in r.stderr
        assert "Traceback" not in r.stderr
    assert not (tmp_path / "clean.pdf").exists()


def test_wrong_password_says_so_and_never_echoes_it(tmp_path, cli):
    path = write_locked(tmp_path / "locked.pdf")
    r = cli("inspect", path, "--password", input="guess\n")
    assert r.code == 2
    assert "password given with --password does not open it" in r.stderr
    assert "guess" not in r.stdout + r.stderr


def test_password_is_asked_for_and_opens_it(tmp_path, cli):
    path = write_locked(tmp_path / "locked.pdf")
    assert "health visitor" in read_document(path, SECRET).text()
    r = cli("inspect", path, "--password", "--format", "json", input=SECRET + "\n")
    assert r.code in (0, 1), r.stderr
    assert "HID005" in r.stdout and "Jane Officer" in r.stdout  # the author in its metadata
    assert SECRET not in r.stdout + r.stderr


def test_check_with_password_runs_the_checklist(tmp_path, cli):
    path = write_locked(tmp_path / "locked.pdf")
    r = cli("check", path, "--type", "lcspr", "--password", "--format", "json", input=SECRET + "\n")
    assert r.code in (0, 1), r.stderr
    assert '"SEC001"' in r.stdout  # the checklist ran on the decrypted text


def test_password_option_takes_no_value_so_cannot_swallow_the_file_name(tmp_path, cli):
    path = write_locked(tmp_path / "locked.pdf")
    r = cli("inspect", "--password", path, "--format", "json", input=SECRET + "\n")
    assert r.code in (0, 1), r.stderr
    assert "Jane Officer" in r.stdout


def test_scan_with_password_finds_identifiers(tmp_path, cli):
    path = write_locked(tmp_path / "locked.pdf", text="Child B lived at 14 Mill Lane, Leeds LS6 2AB.")
    r = cli("scan", path, "--password", "--format", "json", input=SECRET + "\n")
    assert r.code == 0, r.stderr
    assert "UK_POSTCODE" in r.stdout


def test_pdf_locked_only_against_editing_opens_without_a_password(tmp_path, cli):
    path = write_locked(tmp_path / "owner.pdf", user_password="")
    assert PdfReader(path).is_encrypted
    assert "health visitor" in read_document(path).text()
    assert cli("inspect", path).code in (0, 1)


def test_sanitize_with_password_writes_an_unencrypted_clean_copy(tmp_path, cli):
    path = write_locked(tmp_path / "locked.pdf")
    before = sha256_of(path)
    out = tmp_path / "clean.pdf"
    r = cli("sanitize", path, "-o", out, "--password", input=SECRET + "\n")
    assert r.code == 0, r.stderr
    assert "password protection" in r.stdout and "Author" in r.stdout
    clean = PdfReader(out)
    assert not clean.is_encrypted
    assert "health visitor" in clean.pages[0].extract_text()
    assert clean.metadata.get("/Author") is None and clean.metadata.get("/Title") == "Locked review"
    assert sha256_of(path) == before
