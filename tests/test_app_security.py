"""``cspr-docs app``: who may talk to it, what it refuses, and what it leaves behind (issue #17).

Real HTTP to the real server (a subprocess on 127.0.0.1), never to any other address.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from appserver import SRC, App, running_app, stop
from fixtures.corpus import write_case, write_docx
from fixtures.hostile import locked_pdf

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

HOSTILE = "EX-<script>alert(1)</script>&\"x\"<img src=x onerror=alert(2)>'"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cases")
    (root / "c1").mkdir()
    write_case(root / "c1" / "case.yaml")
    (root / "hostile").mkdir()
    write_case(root / "hostile" / "case.yaml", case={"reference": HOSTILE})
    (root / "c1" / "register.yaml").write_text(
        "people:\n  - {name: Jayden Walsh, pseudonym: Child B}\nplaces:\n  - {text: 14 Elm Road, pseudonym: the family home}\n")
    return root


@pytest.fixture(scope="module")
def app(folder, tmp_path_factory):
    with running_app(folder, tmp_path_factory.mktemp("apptmp"), "--max-upload-mb", "1") as a:
        yield a


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> bytes:
    return write_docx(tmp_path_factory.mktemp("doc") / "report.docx").read_bytes()


def _sentence(body: bytes) -> str:
    found = re.search(r'id="problem">(.*?)</p>', body.decode(), re.S)
    return html.unescape(found.group(1)) if found else ""


def _case_id(app, folder_name: str) -> str:
    """The id the check form gives the case in ``folder_name``."""
    body = app.get("check")[2].decode()
    return re.search(rf'<option value="([0-9a-f]{{12}})">[^<]*\({folder_name}\)</option>', body).group(1)


def _uploads(app) -> list[Path]:
    return [p for w in app.workdirs() for p in w.rglob("*") if p.is_file()]


def test_only_the_address_with_the_token_is_served(app):
    assert app.get("")[0] == 200
    for path in ("/", "/check", f"/{app.token[:-1]}/", f"/{app.token}x/", "/static/app.css",
                 f"/../{app.token}/"):
        status, _, body = app.get(path)
        assert status == 403, path
        assert b"needs the link" in body and b"<" not in body  # a plain sentence, nothing of the app
    assert app.get("static/app.css")[0] == 200
    for path in ("static/../pages.py", "static/..%2fpages.py", "static/%2e%2e/server.py"):
        status, _, body = app.get(path)
        assert status == 404 and b"import" not in body, path


def test_a_foreign_host_header_is_refused_dns_rebinding(app):
    for host in ("evil.example", f"evil.example:{app.port}", "127.0.0.1.evil.example", "10.0.0.1"):
        status, _, _ = app.get("", headers={"Host": host})
        assert status == 400, host
    assert app.get("", headers={"Host": f"localhost:{app.port}"})[0] == 200


def test_every_page_has_a_strict_policy_and_loads_nothing_from_elsewhere(app):
    status, headers, body = app.get("check")
    assert status == 200
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "form-action 'self'" in csp
    assert "frame-ancestors 'none'" in csp and headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    text = body.decode()
    assert "<script" not in text
    for url in re.findall(r'(?:href|src|action)="([^"]+)"', text):
        assert url.startswith(f"http://127.0.0.1:{app.port}/{app.token}/"), url


def test_cross_site_form_posts_are_refused_and_nothing_is_stored(app, report):
    csrf = app.csrf()
    before = _uploads(app)
    fields = {"csrf": csrf, "type": "lcspr", "case": ""}
    files = {"document": ("report.docx", report)}
    assert app.post_form("check", fields, files, headers={"Origin": "http://evil.example"})[0] == 403
    assert app.post_form("check", fields, files, headers={"Origin": "null"})[0] == 403
    assert app.post_form("check", fields, files, headers={"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert app.post_form("check", fields, files, headers={"Sec-Fetch-Site": "same-site"})[0] == 403
    assert app.post_form("check", fields, files, headers={"Sec-Fetch-Site": "none"})[0] == 403
    assert app.post_form("check", fields, files, headers={"Sec-Fetch-Site": "same-origin",
                                                          "Origin": "http://evil.example"})[0] == 403
    # a post with the right origin but without this run's CSRF token (a forged form)
    status, _, body = app.post_form("check", {**fields, "csrf": "guessed"}, files)
    assert status == 403 and "did not come from this app" in _sentence(body)
    status, _, body = app.post_form("check", {"type": "lcspr"}, files)
    assert status == 403
    assert _uploads(app) == before
    # the same form from the app itself is taken
    status, headers, _ = app.post_form("check", fields, files, headers={"Sec-Fetch-Site": "same-origin"})
    assert status == 303 and "/check/" in headers["location"]
    # as Chromium posts from a page with no referrer: Origin null, but a same-origin fetch
    status, _, _ = app.post_form("check", fields, files, headers={"Sec-Fetch-Site": "same-origin",
                                                                  "Origin": "null"})
    assert status == 303


@pytest.mark.parametrize("name", ["../../escape.docx", "..\\..\\escape.docx", "/etc/escape.docx",
                                  "sub/escape.docx", "C:escape.docx", "..", ".docx"])
def test_a_path_in_the_upload_name_is_refused(app, report, tmp_path, name):
    before = _uploads(app)
    status, _, body = app.post_form("check", {"csrf": app.csrf(), "type": "lcspr"},
                                    {"document": (name, report)})
    assert status == 400
    assert "name is not allowed" in _sentence(body) or "Only Word" in _sentence(body)
    assert _uploads(app) == before
    assert not list(app.tmp.parent.rglob("escape.docx"))


def test_uploads_over_the_limit_are_refused_with_or_without_a_length(app):
    big = b"PK" + b"\0" * (2 * 1024 * 1024)
    csrf = app.csrf()
    status, _, body = app.post_form("check", {"csrf": csrf, "type": "lcspr"}, {"document": ("big.docx", big)})
    assert status == 413 and b"larger than the limit" in body
    boundary = "b0undary"
    payload = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
               f'--{boundary}\r\nContent-Disposition: form-data; name="document"; filename="big.docx"\r\n\r\n'
               ).encode() + big + f"\r\n--{boundary}--\r\n".encode()
    status, _, body = app.request("POST", "check", body=payload, chunked=True, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert status == 413, body[:300]
    assert not [p for p in _uploads(app) if p.stat().st_size > 1024 * 1024]
    assert app.get("")[0] == 200  # still serving


def _result(app, location: str, seconds: float = 120) -> tuple[int, bytes]:
    path = location.split(f"/{app.token}/", 1)[1]
    deadline = time.monotonic() + seconds
    while True:
        status, _, body = app.get(path)
        if b'http-equiv="refresh"' not in body or time.monotonic() > deadline:
            return status, body
        time.sleep(0.5)


@pytest.mark.parametrize("name, data, expected", [
    ("notes.txt", b"Child B was seen.", "Only Word (.docx) and PDF (.pdf) files can be checked."),
    ("report.docx", b"%PDF-1.7 not a word file",
     "report.docx: file is named .docx but its content is not a DOCX file (it looks like PDF)."),
    ("secret.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
     "secret.docx: is password-protected (encrypted) or an old binary .doc file"),
    ("empty.pdf", b"", "empty.pdf is empty."),
])
def test_wrong_files_get_one_sentence_at_once(app, name, data, expected):
    status, _, body = app.post_form("check", {"csrf": app.csrf(), "type": "lcspr"}, {"document": (name, data)})
    assert status == 400 and _sentence(body).startswith(expected)


@pytest.mark.parametrize("name, data, expected", [
    ("broken.docx", b"PK\x03\x04" + b"\x00garbage" * 50, "broken.docx: "),
    ("locked.pdf", locked_pdf(), 'locked.pdf is password-protected: choose "The PDF has a password"'),
])
def test_unreadable_files_get_one_sentence_and_the_server_keeps_running(app, name, data, expected):
    status, headers, _ = app.post_form("check", {"csrf": app.csrf(), "type": "lcspr"},
                                       {"document": (name, data)})
    assert status == 303
    status, body = _result(app, headers["location"])
    sentence = _sentence(body)
    assert status == 422 and sentence.startswith(expected), sentence
    assert "Traceback" not in body.decode() and str(app.tmp) not in body.decode()
    assert "\n" not in sentence.strip()
    assert app.get("")[0] == 200


def test_a_wrong_password_is_one_sentence(app):
    status, headers, _ = app.post_form("check", {"csrf": app.csrf(), "type": "lcspr", "password": "wrong"},
                                       {"document": ("locked.pdf", locked_pdf("s3cret-pw"))})
    status, body = _result(app, headers["location"])
    assert status == 422
    assert _sentence(body) == "locked.pdf is password-protected and the password you typed does not open it."


def test_the_password_opens_a_locked_pdf(app):
    status, headers, _ = app.post_form("check", {"csrf": app.csrf(), "type": "lcspr", "password": "s3cret-pw"},
                                       {"document": ("locked.pdf", locked_pdf("s3cret-pw"))})
    assert status == 303
    status, body = _result(app, headers["location"])
    assert status == 200 and b'id="app-bar"' in body and b"password-protected" not in body


def test_ctrl_c_stops_cleanly_and_removes_the_temporary_folder(folder, report, tmp_path):
    before = sorted(folder.rglob("*"))
    with running_app(folder, tmp_path / "tmp") as app:
        status, headers, _ = app.post_form("check", {"csrf": app.csrf(), "type": "lcspr"},
                                           {"document": ("report.docx", report)})
        assert status == 303
        _result(app, headers["location"])
        status, _, copy = app.post_form(headers["location"].split(f"/{app.token}/")[1] + "/sanitized",
                                        {"csrf": app.csrf()})
        assert status == 200 and copy.startswith(b"PK")
        [workdir] = app.workdirs()
        assert (workdir.stat().st_mode & 0o777) == 0o700
        assert len(_uploads(app)) == 2  # the upload and its clean copy, only there
        assert sorted(folder.rglob("*")) == before  # nothing written into the case folder
        code, out, err = stop(app)
        assert code == 0, err
        assert "stopped" in out and "Traceback" not in err
        assert not workdir.exists() and app.workdirs() == []


def test_help_does_not_load_the_web_stack():
    code = ("import sys, cspr_docs.cli as c; c.run(['--help']); "
            "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'multipart') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith("[]") and "app " in r.stdout


def test_a_check_for_a_case_uses_its_register_and_gives_a_pseudonymised_copy(app, folder, tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Local Child Safeguarding Practice Review", level=0)
    d.add_paragraph("Jayden Walsh lived at 14 Elm Road with his mother.")
    d.save(tmp_path / "named.docx")
    cid = _case_id(app, "c1")
    status, headers, _ = app.post_form("check", {"csrf": app.csrf(), "type": "lcspr", "case": cid},
                                       {"document": ("named.docx", (tmp_path / "named.docx").read_bytes())})
    assert status == 303
    status, body = _result(app, headers["location"], seconds=300)
    page = body.decode()
    assert status == 200
    hits = re.findall(r'<mark [^>]*data-rule="ANO001"[^>]*>([^<]*)<', page)
    assert "Jayden Walsh" in hits and "14 Elm Road" in hits  # the register's entries, found
    assert 'id="get-pseudonymised"' in page
    path = headers["location"].split(f"/{app.token}/")[1]
    status, h, data = app.post_form(path + "/pseudonymised", {"csrf": app.csrf()})
    assert status == 200 and h["content-disposition"].startswith("attachment")
    (tmp_path / "copy.docx").write_bytes(data)
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "copy.docx")).paragraphs)
    assert "Child B" in text and "the family home" in text
    assert "Jayden" not in text and "Walsh" not in text and "Elm Road" not in text
    assert not list(folder.rglob("*.docx"))  # only downloaded, never written beside the case


def test_the_app_itself_reaches_no_other_machine(folder, report, tmp_path, monkeypatch):
    """The whole app in this process, every page and job used, with every connection or name
    lookup from any thread but this test's own recorded and refused."""
    import socket
    import threading

    import uvicorn

    from cspr_docs.app.server import build_app, free_socket

    me, seen = threading.current_thread(), []

    def trap(what, real):
        def guarded(*args, **kwargs):
            if threading.current_thread() is not me:
                seen.append(f"{what} from {threading.current_thread().name}")
                raise OSError("network use is not allowed in cspr-docs")
            return real(*args, **kwargs)
        return guarded

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, trap(name, getattr(socket.socket, name)))
    monkeypatch.setattr(socket, "getaddrinfo", trap("getaddrinfo", socket.getaddrinfo))
    run = build_app(folder)
    sock = free_socket()
    server = uvicorn.Server(uvicorn.Config(run.app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        app = App(f"http://127.0.0.1:{sock.getsockname()[1]}/{run.token}/", None, tmp_path)
        assert app.get("")[0] == 200
        cid = _case_id(app, "c1")
        assert app.get(f"case/{cid}")[0] == 200
        status, _, draft = app.post_form(f"case/{cid}/render", {"csrf": app.csrf(), "type": "lcspr",
                                                                "mode": "draft", "format": "docx"})
        assert status == 200 and draft.startswith(b"PK")
        status, headers, _ = app.post_form("check", {"csrf": app.csrf(), "type": "lcspr", "case": cid},
                                           {"document": ("report.docx", report)})
        status, body = _result(app, headers["location"], seconds=300)
        assert status == 200 and b'id="get-pseudonymised"' in body
        path = headers["location"].split(f"/{run.token}/")[1]
        for kind in ("sanitized", "pseudonymised"):
            assert app.post_form(f"{path}/{kind}", {"csrf": app.csrf()})[0] == 200, kind
    finally:
        server.should_exit = True
        thread.join(30)
        run.close()
    assert seen == []
    assert not run.workdir.exists()


def test_text_from_case_files_is_shown_as_text(app):
    from markupsafe import escape

    for page in ("", "check"):
        status, _, body = app.get(page)
        text = body.decode()
        assert status == 200 and "<script" not in text and "<img" not in text
        assert str(escape(HOSTILE)) in text
    cid = re.search(r'/case/([0-9a-f]{12})">EX-&lt;script', app.get("")[2].decode()).group(1)
    status, _, body = app.get(f"case/{cid}")
    assert status == 200 and "<script" not in body.decode() and str(escape(HOSTILE)) in body.decode()


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed (.ci/run installs it)")
def test_a_draft_pdf_where_libreoffice_is_installed(app):
    cid = _case_id(app, "c1")
    assert b'id="make-lcspr-draft-pdf"' in app.get(f"case/{cid}")[2]
    status, headers, data = app.post_form(f"case/{cid}/render", {"csrf": app.csrf(), "type": "lcspr",
                                                                 "mode": "draft", "format": "pdf"})
    assert status == 200 and data.startswith(b"%PDF-")
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == 'attachment; filename="NSCP-2026-003-lcspr-draft.pdf"'


def test_without_libreoffice_only_word_is_offered(folder, tmp_path):
    with running_app(folder, tmp_path / "tmp", path="/nonexistent") as app:
        page = app.get(f"case/{_case_id(app, 'c1')}")[2].decode()
        assert 'id="make-lcspr-draft-docx"' in page and "-pdf" not in page
        assert "PDF needs LibreOffice, which is not installed on this computer." in page


def test_a_missing_folder_is_one_line_and_exit_2(tmp_path):
    from conftest import run_cli

    r = run_cli("app", tmp_path / "nowhere", "--no-browser")
    assert r.code == 2 and r.stderr.strip() == f"cspr-docs: error: {tmp_path / 'nowhere'}: no such folder"
    (tmp_path / "case.yaml").write_text("case: {}\n")
    r = run_cli("app", tmp_path / "case.yaml", "--no-browser")
    assert r.code == 2 and "is a file" in r.stderr
