"""Encrypted PDFs: refused with a clear line, opened with --password (typed or prompted)."""

from __future__ import annotations

import hashlib

import pytest
from pypdf import PdfReader

from cspr_docs.document import read_document
from cspr_docs.errors import InputError

SECRET = "s3cret-Pa55"


def locked_pdf(path, *, user_password=SECRET, text="Child B was seen by the health visitor."):
    """A real encrypted PDF (fpdf2, AES-128 by default RC4), opening only with ``user_password``."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-only", user_password=user_password)
    pdf.set_title("Locked review")
    pdf.set_author("Jane Officer")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 10, text)
    pdf.output(str(path))
    return path


def test_encrypted_pdf_without_password_is_refused_and_names_the_option(tmp_path, cli):
    path = locked_pdf(tmp_path / "locked.pdf")
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


def test_wrong_password_says_so(tmp_path, cli):
    path = locked_pdf(tmp_path / "locked.pdf")
    r = cli("inspect", path, "--password", "guess")
    assert r.code == 2
    assert "password given with --password does not open it" in r.stderr
    assert "guess" not in r.stderr  # the password is never echoed


def test_password_on_the_command_line_opens_it(tmp_path, cli):
    path = locked_pdf(tmp_path / "locked.pdf")
    doc = read_document(path, SECRET)
    assert "health visitor" in doc.text()
    r = cli("inspect", path, "--password", SECRET, "--format", "json")
    assert r.code in (0, 1), r.stderr
    assert "HID005" in r.stdout and "Jane Officer" in r.stdout  # the author in its metadata


def test_password_alone_asks_for_it_without_echo(tmp_path, cli):
    path = locked_pdf(tmp_path / "locked.pdf")
    r = cli("check", path, "--type", "lcspr", "--password", "--format", "json", input=SECRET + "\n")
    assert r.code in (0, 1), r.stderr
    assert '"SEC001"' in r.stdout  # the checklist ran on the decrypted text
    assert SECRET not in r.stdout + r.stderr


def test_scan_with_password_finds_identifiers(tmp_path, cli):
    path = locked_pdf(tmp_path / "locked.pdf", text="Child B lived at 14 Mill Lane, Leeds LS6 2AB.")
    r = cli("scan", path, "--password", SECRET, "--format", "json")
    assert r.code == 0, r.stderr
    assert "UK_POSTCODE" in r.stdout or "POSTCODE" in r.stdout


def test_pdf_locked_only_against_editing_opens_without_a_password(tmp_path, cli):
    path = locked_pdf(tmp_path / "owner.pdf", user_password="")
    assert PdfReader(path).is_encrypted
    assert "health visitor" in read_document(path).text()
    assert cli("inspect", path).code in (0, 1)


def test_sanitize_with_password_writes_an_unencrypted_clean_copy(tmp_path, cli):
    path = locked_pdf(tmp_path / "locked.pdf")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = tmp_path / "clean.pdf"
    r = cli("sanitize", path, "-o", out, "--password", SECRET)
    assert r.code == 0, r.stderr
    assert "password protection" in r.stdout and "Author" in r.stdout
    clean = PdfReader(out)
    assert not clean.is_encrypted
    assert "health visitor" in clean.pages[0].extract_text()
    assert clean.metadata.get("/Author") is None and clean.metadata.get("/Title") == "Locked review"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
