"""Starting ``cspr-docs app`` for tests: a real subprocess serving on 127.0.0.1, and plain HTTP to it.

The app runs as a user starts it (``cspr-docs app FOLDER --no-browser``), with its temporary
folder under a test folder (``TMPDIR``), so a test can see what it writes and that it is gone
after Ctrl-C. Requests go only to 127.0.0.1 (tests using them carry
``pytest.mark.allow_hosts(["127.0.0.1"])``, which lets pytest-socket refuse any other address).
"""

from __future__ import annotations

import http.client
import os
import re
import select
import signal
import subprocess
import sys
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

SRC = Path(__file__).resolve().parents[1] / "src"


@dataclass
class App:
    url: str            # http://127.0.0.1:PORT/TOKEN/
    proc: subprocess.Popen
    tmp: Path           # the TMPDIR the app made its temporary folder in

    @property
    def port(self) -> int:
        return urlsplit(self.url).port

    @property
    def token(self) -> str:
        return urlsplit(self.url).path.strip("/")

    def workdirs(self) -> list[Path]:
        return sorted(self.tmp.glob("cspr-docs-app-*"))

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None, chunked: bool = False) -> tuple[int, dict, bytes]:
        """One request to the app on 127.0.0.1 (``path`` relative to the token unless it starts
        with ``/``); returns status, headers (lower-case names) and body."""
        if not path.startswith("/"):
            path = f"/{self.token}/{path}"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            hdrs = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
            if chunked:
                conn.request(method, path, body=iter([body[i:i + 65536] for i in range(0, len(body), 65536)]),
                             headers=hdrs, encode_chunked=True)
            else:
                conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        except (ConnectionResetError, BrokenPipeError) as exc:  # refused mid-upload
            return 413, {}, str(exc).encode()
        finally:
            conn.close()

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def csrf(self) -> str:
        status, _, body = self.get("check")
        assert status == 200
        return re.search(r'name="csrf" value="([^"]+)"', body.decode()).group(1)

    def post_form(self, path: str, fields: dict, files: dict | None = None,
                  headers: dict | None = None) -> tuple[int, dict, bytes]:
        """A multipart form post, as a browser sends it; ``files``: name -> (filename, bytes)."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                         f"{value}\r\n".encode())
        for name, (filename, data) in (files or {}).items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                         .encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        hdrs = {"Content-Type": f"multipart/form-data; boundary={boundary}",
                "Origin": f"http://127.0.0.1:{self.port}", **(headers or {})}
        return self.request("POST", path, body=body, headers=hdrs)


@contextmanager
def running_app(folder: Path, tmp: Path, *args: str, timeout: float = 60, path: str | None = None):
    """``cspr-docs app FOLDER --no-browser ARGS`` until the block ends, then Ctrl-C (SIGINT);
    ``path`` replaces PATH (to hide LibreOffice)."""
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONUNBUFFERED": "1",
           "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    if path is not None:
        env["PATH"] = path
    proc = subprocess.Popen([sys.executable, "-m", "cspr_docs", "app", str(folder), "--no-browser", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        line = proc.stdout.readline().decode() if ready else ""
        found = re.search(r"(http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]+/)", line)
        assert found, f"no address printed: {line!r} {proc.stderr.read1(4000) if not ready else ''}"
        yield App(found.group(1), proc, tmp)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def stop(app: App) -> tuple[int, str, str]:
    """Press Ctrl-C in the app's window; returns its exit code and what it printed."""
    app.proc.send_signal(signal.SIGINT)
    out, err = app.proc.communicate(timeout=30)
    return app.proc.returncode, out.decode(), err.decode()
