"""Office packages are checked once, before anything is inflated: the total inflated size and
ratio, duplicate part names, the number of parts (``files.open_package``)."""

from __future__ import annotations

import io
import zipfile

import pytest

from cspr_docs import files
from cspr_docs.document import read_document
from cspr_docs.errors import InputError
from fixtures.hostile import zip_bomb_many_parts, zip_duplicate_parts, zip_parts


def refused(tmp_path, data: bytes, name="bad.docx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert str(path) in str(err.value)
    return str(err.value)


def test_many_parts_under_the_part_limit_but_a_bomb_together_are_refused(tmp_path):
    data = zip_bomb_many_parts()
    assert len(data) < 400_000
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert all(i.file_size < 10 * 1024 * 1024 for i in infos)  # the per-part check alone passes them
    message = refused(tmp_path, data)
    assert "refused: the package would inflate to" in message and "times its compressed size" in message


def test_inflating_is_never_reached(tmp_path, monkeypatch):
    def no_reading(*args, **kwargs):
        raise AssertionError("a part was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "read", no_reading)
    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    refused(tmp_path, zip_bomb_many_parts())


def test_a_package_of_the_total_size_limit_in_plain_parts_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_PACKAGE_BYTES", 2 * 1024 * 1024)
    data = zip_parts({"word/document.xml": b"<a/>", "word/media/a.bin": bytes(range(256)) * 6000,
                      "word/media/b.bin": bytes(range(256)) * 6000})
    assert "would inflate to" in refused(tmp_path, data)


def test_duplicate_part_names_are_refused_ignoring_case(tmp_path):
    message = refused(tmp_path, zip_duplicate_parts())
    assert "part 3 has the same name as an earlier part" in message
    assert "document" not in message.split(":", 1)[1]  # the part name is not quoted


def test_too_many_parts_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_PARTS", 50)
    data = zip_parts({"word/document.xml": b"<a/>", **{f"word/p{i}.xml": b"<a/>" for i in range(60)}})
    assert "61 parts (limit 50)" in refused(tmp_path, data)


def test_an_ordinary_document_still_opens(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("A paragraph of the report, repeated. " * 2000)  # compresses well, stays small
    path = tmp_path / "ok.docx"
    d.save(str(path))
    doc = read_document(path)
    assert "A paragraph of the report" in doc.text()


def test_broken_zip_message_does_not_quote_part_names(tmp_path):
    data = bytearray(zip_parts({"word/document.xml": b"<a/>", "word/media/Jayden_Walsh.png": b"x" * 100}))
    data[-10:] = b"\0" * 10  # damage the end of the central directory
    message = refused(tmp_path, bytes(data))
    assert "Jayden" not in message
