"""Outputs are all written or none: several files renamed together, a full disk or a
read-only folder refused in one line naming the folder, nothing half-written."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from cspr_docs import files
from cspr_docs.files import write_all
from fixtures.corpus import write_pdf

TODAY = ("--today", "2027-02-20")


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def report_pdf(tmp_path):
    return write_pdf(tmp_path / "final report.pdf")


@pytest.fixture
def full_disk_after(monkeypatch):
    """Make the n-th output write fail with ENOSPC, as a disk that fills up part-way."""

    def arm(n: int):
        real = os.fdopen
        calls = {"n": 0}

        class Filling:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                calls["n"] += 1
                if calls["n"] >= n:
                    self.fh.write(data[: len(data) // 2])  # part of it lands, then the disk is full
                    raise OSError(errno.ENOSPC, "No space left on device")
                return self.fh.write(data)

        monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: Filling(real(fd, mode)))

    return arm


def test_write_all_writes_every_file(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "sub" / "b.txt"
    (tmp_path / "sub").mkdir()
    assert write_all([(a, b"one"), (b, b"two")]) == [a, b]
    assert a.read_bytes() == b"one" and b.read_bytes() == b"two"
    assert leftovers(tmp_path) == ["a.txt", "sub"] and leftovers(tmp_path / "sub") == ["b.txt"]


def test_write_all_on_a_full_disk_writes_nothing_and_keeps_old_files(tmp_path, full_disk_after):
    (tmp_path / "b.txt").write_bytes(b"old b")
    full_disk_after(2)
    with pytest.raises(files.InputError) as err:
        write_all([(tmp_path / "a.txt", b"one"), (tmp_path / "b.txt", b"two"),
                   (tmp_path / "c.txt", b"three")], force=True)
    assert str(tmp_path) in str(err.value) and "no space left on the disk" in str(err.value)
    assert leftovers(tmp_path) == ["b.txt"] and (tmp_path / "b.txt").read_bytes() == b"old b"


def test_write_all_undoes_renames_when_a_later_rename_fails(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_bytes(b"old a")
    real = os.replace
    seen = []

    def failing(src, dst):
        seen.append(dst)
        if str(dst).endswith("c.txt"):
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(files.InputError):
        write_all([(tmp_path / "a.txt", b"new a"), (tmp_path / "b.txt", b"new b"), (tmp_path / "c.txt", b"c")])
    monkeypatch.undo()
    assert leftovers(tmp_path) == ["a.txt"] and (tmp_path / "a.txt").read_bytes() == b"old a"
    assert any(str(d).endswith("c.txt") for d in seen)  # the failure really came at the last rename


def test_write_all_refuses_before_writing(tmp_path):
    (tmp_path / "input.yaml").write_text("x: 1\n")
    (tmp_path / "there.txt").write_text("keep")
    cases = [
        ([(tmp_path / "x.txt", b"1"), (tmp_path / "x.txt", b"2")], {}, "two outputs"),
        ([(tmp_path / "x.txt", b"1"), (tmp_path / "input.yaml", b"2")],
         {"inputs": (tmp_path / "input.yaml",), "force": True}, "overwrite an input"),
        ([(tmp_path / "x.txt", b"1"), (tmp_path / "there.txt", b"2")], {"force": False}, "already exists"),
        ([(tmp_path / "x.txt", b"1"), (tmp_path / "nodir" / "y.txt", b"2")], {}, "folder does not exist"),
        ([(tmp_path / "x.txt", b"1"), (tmp_path / "bad\r\nname.txt", b"2")], {}, "line break"),
    ]
    for outputs, kwargs, words in cases:
        with pytest.raises(files.InputError) as err:
            write_all(outputs, **kwargs)
        assert words in str(err.value) and "\n" not in str(err.value) and "\r" not in str(err.value)
        assert leftovers(tmp_path) == ["input.yaml", "there.txt"]
        assert (tmp_path / "there.txt").read_text() == "keep"


# -- distribute: several .eml files ------------------------------------------------------


def test_distribute_to_a_full_disk_writes_no_draft(cli, tmp_path, example_case, report_pdf, full_disk_after):
    out = tmp_path / "pack"
    full_disk_after(2)  # the second draft fills the disk
    result = cli("distribute", example_case, "--document", report_pdf, "-o", out, *TODAY)
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and "no space left on the disk" in lines[0], lines
    assert "internal error" not in result.stderr
    assert not out.exists()  # the folder it created is gone too


def test_distribute_to_a_full_disk_keeps_an_earlier_pack(cli, tmp_path, example_case, report_pdf,
                                                          full_disk_after):
    out = tmp_path / "pack"
    assert cli("distribute", example_case, "--document", report_pdf, "-o", out, *TODAY).code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    full_disk_after(3)
    result = cli("distribute", example_case, "--document", report_pdf, "-o", out, "--force",
                 "--today", "2027-02-21")
    assert result.code == 2 and "no space left" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_distribute_to_a_read_only_folder_writes_nothing(cli, tmp_path, example_case, report_pdf, monkeypatch):
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o555)
    if os.geteuid() == 0:  # root ignores folder permissions: fail as the kernel would for a user
        real = tempfile.mkstemp

        def refused(*args, dir=None, **kwargs):
            if dir is not None and os.path.samefile(dir, out):
                raise PermissionError(errno.EACCES, "Permission denied", str(dir))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(files.tempfile, "mkstemp", refused)
    try:
        result = cli("distribute", example_case, "--document", report_pdf, "-o", out, *TODAY)
    finally:
        out.chmod(0o755)
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and "not writable" in lines[0], lines
    assert leftovers(out) == []


def test_distribute_attachment_name_with_a_line_break_is_made_safe(cli, tmp_path, example_case):
    import email
    import email.policy

    odd = write_pdf(tmp_path / "final\r\nBcc: x@example.com.pdf")
    out = tmp_path / "pack"
    result = cli("distribute", example_case, "--document", odd, "-o", out, *TODAY)
    assert result.code == 0, result.stderr
    for eml in out.glob("*.eml"):
        raw = eml.read_bytes()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert msg["Bcc"] is None and b"\nBcc:" not in raw
        (attachment,) = msg.iter_attachments()
        assert attachment.get_filename() == "final Bcc: x@example.com.pdf"
        assert attachment.get_content() == odd.read_bytes()


def test_distribute_output_folder_with_a_line_break_stays_one_line(cli, tmp_path, example_case, report_pdf):
    out = tmp_path / "no\r\nsuch" / "deeper"
    (tmp_path / "no\r\nsuch").write_text("a file, not a folder")
    result = cli("distribute", example_case, "--document", report_pdf, "-o", out, *TODAY)
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "\\r\\n" in result.stderr
    fresh = tmp_path / "pack\r\nBcc"
    result = cli("distribute", example_case, "--document", report_pdf, "-o", fresh, *TODAY)
    assert result.code == 2 and "line break or control character" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not fresh.exists()


# -- timeline -o X --ics Y ------------------------------------------------------------------


def test_timeline_output_and_ics_on_the_same_path_is_refused_first(cli, tmp_path, example_case):
    x = tmp_path / "deadlines.txt"
    result = cli("timeline", example_case, "-o", x, "--ics", x)
    assert result.code == 2 and "two outputs" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not x.exists() and leftovers(tmp_path) == []


def test_timeline_full_disk_on_the_ics_writes_neither(cli, tmp_path, example_case, full_disk_after):
    full_disk_after(2)
    table, ics = tmp_path / "t.csv", tmp_path / "t.ics"
    result = cli("timeline", example_case, "--format", "csv", "-o", table, "--ics", ics)
    assert result.code == 2 and str(tmp_path) in result.stderr and "no space left" in result.stderr
    assert leftovers(tmp_path) == []


def test_timeline_writes_both(cli, tmp_path, example_case):
    table, ics = tmp_path / "t.csv", tmp_path / "t.ics"
    result = cli("timeline", example_case, "--format", "csv", "-o", table, "--ics", ics)
    assert result.code == 0, result.stderr
    assert table.read_text().startswith("deadline,due,actual,status")
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_an_os_error_anywhere_is_one_line_naming_the_place(cli, tmp_path, example_case, monkeypatch):
    """An OSError from code that does not expect one (here: reading the case file)."""
    from cspr_docs import yamlio

    def broken(path, limit):
        raise OSError(errno.EIO, "Input/output error", str(path))

    monkeypatch.setattr(yamlio, "read_text", broken)
    result = cli("validate", example_case)
    assert result.code == 2
    assert result.stderr.strip().count("\n") == 0 and str(example_case.parent) in result.stderr
    assert "internal error" not in result.stderr


def test_init_on_a_full_disk_leaves_neither_file_nor_folder(cli, tmp_path, full_disk_after, monkeypatch):
    folder = tmp_path / "new-case"
    full_disk_after(2)  # case.yaml fits, the next file does not
    result = cli("init", folder)
    assert result.code == 2 and "no space left on the disk" in result.stderr
    assert str(folder) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not folder.exists()
    monkeypatch.undo()  # room again
    assert cli("init", folder).code == 0
    assert leftovers(folder) == ["case.yaml", "cspr-docs.yaml", "register.yaml"]
