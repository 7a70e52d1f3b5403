"""A tiny headless-Chromium driver for tests: the DevTools protocol over a pipe.

Chromium is started with ``--remote-debugging-pipe``: it reads protocol commands on
file descriptor 3 and writes replies and events on 4, each a JSON message ending in
a NUL byte. No TCP port, no chromedriver, no extra Python package, so it runs
under pytest-socket's ``--disable-socket`` unchanged.

    with Chromium() as page:
        page.open(path)                 # file:// URL, waits for the load event
        page.evaluate("document.title")
        page.click("#some-id")          # a real mouse click at the element's centre
        page.console_errors              # console.error, uncaught exceptions, CSP/load errors
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Flags the machine docs ask for (no sandbox as root, no background network traffic).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio",
         "--no-default-browser-check", "--hide-scrollbars", "--window-size=1280,900",
         "--disable-dev-shm-usage"]


_TRAMPOLINE = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
               "[os.close(int(fd)) for fd in sys.argv[1:3] if int(fd) > 4]; "
               "os.execv(sys.argv[3], sys.argv[3:])")


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome executable, or None."""
    env = os.environ.get("CHROMIUM")
    if env and Path(env).exists():
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


class Chromium:
    """One headless Chromium with one page, driven over the DevTools pipe."""

    def __init__(self, executable: str | None = None, timeout: float = 30.0) -> None:
        self.executable = executable or find_chromium()
        if not self.executable:
            raise BrowserError("no chromium executable found on PATH (install Debian's package: "
                               "apt-get install chromium; or set CHROMIUM=/path/to/chromium)")
        self.timeout = timeout
        self.console: list[dict] = []  # every console/log/exception entry: {level, text}
        self._id = 0
        self._buf = b""
        self._events: list[dict] = []
        self._session: str | None = None

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> "Chromium":
        self.profile = tempfile.mkdtemp(prefix="cspr-chromium-")
        cmd_r, self._cmd_w = os.pipe()      # we write commands, chromium reads them on fd 3
        self._out_r, out_w = os.pipe()      # chromium writes on fd 4, we read
        # a small Python trampoline puts the pipe ends on fds 3 and 4 and execs chromium
        # (a shell cannot: dash refuses fd numbers above 9, and pytest holds many fds)
        argv = [sys.executable, "-c", _TRAMPOLINE, str(cmd_r), str(out_w), self.executable,
                *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"]
        self.stderr_path = Path(self.profile) / "stderr.log"
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(argv, pass_fds=(cmd_r, out_w), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=self._stderr)
        os.close(cmd_r)
        os.close(out_w)
        try:
            self._attach()
        except Exception:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self.proc.poll() is None:
                try:
                    self._send("Browser.close", session=False, wait=False)
                    self.proc.wait(timeout=5)
                except Exception:
                    pass
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=5)
        finally:
            for fd in (self._cmd_w, self._out_r):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._stderr.close()
            shutil.rmtree(self.profile, ignore_errors=True)

    def _attach(self) -> None:
        targets = self._send("Target.getTargets", session=False)["targetInfos"]
        pages = [t for t in targets if t["type"] == "page"]
        target = pages[0]["targetId"] if pages else \
            self._send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self._session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                   session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self._send(f"{domain}.enable")
        self._send("Emulation.setDeviceMetricsOverride",
                   {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    # ------------------------------------------------------------------ protocol
    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError(f"timed out waiting for chromium; stderr:\n{self._stderr_tail()}")
            ready, _, _ = select.select([self._out_r], [], [], left)
            if ready:
                chunk = os.read(self._out_r, 1 << 16)
                if not chunk:
                    raise BrowserError(f"chromium closed the pipe; stderr:\n{self._stderr_tail()}")
                self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        msg = json.loads(raw)
        if "method" in msg:
            self._record(msg)
        return msg

    def _record(self, msg: dict) -> None:
        self._events.append(msg)
        method, params = msg["method"], msg.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            level = {"assert": "error"}.get(params["type"], params["type"])
            self.console.append({"level": level, "text": text, "source": "console"})
        elif method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            text = d.get("exception", {}).get("description") or d.get("text", "")
            self.console.append({"level": "error", "text": text, "source": "exception"})
        elif method == "Log.entryAdded":
            e = params["entry"]
            self.console.append({"level": e["level"], "text": e.get("text", ""),
                                 "source": e.get("source", "log"), "url": e.get("url")})

    def _send(self, method: str, params: dict | None = None, *, session: bool = True,
              wait: bool = True) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session and self._session:
            msg["sessionId"] = self._session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self._cmd_w, data):]
        if not wait:
            return {}
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _wait_event(self, method: str, since: int) -> dict:
        deadline = time.monotonic() + self.timeout
        while True:
            for ev in self._events[since:]:
                if ev["method"] == method:
                    return ev
            since = len(self._events)
            self._read_message(deadline)

    def _stderr_tail(self) -> str:
        try:
            return self.stderr_path.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    # ------------------------------------------------------------------ page API
    def open(self, path: str | Path) -> None:
        """Load a local file and wait for its load event."""
        self.goto(Path(path).resolve().as_uri())

    def goto(self, url: str) -> None:
        """Open ``url`` (a file or a loopback address) and wait for its load event."""
        mark = len(self._events)
        result = self._send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise BrowserError(f"cannot open {url}: {result['errorText']}")
        self._wait_event("Page.loadEventFired", mark)
        self.settle()

    def settle(self, seconds: float = 0.3) -> None:
        """Let pending events (console messages, late errors) arrive."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self._read_message(deadline)
            except BrowserError as exc:
                if "timed out" in str(exc):
                    return
                raise

    def evaluate(self, expression: str):
        """Value of a JavaScript expression in the page (JSON-able values only)."""
        result = self._send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                 "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real left click at the centre of the first element matching ``selector``."""
        box = self.evaluate(
            f"(function(){{var el=document.querySelector({json.dumps(selector)});"
            "if(!el)return null;el.scrollIntoView({block:'center'});"
            "var r=el.getBoundingClientRect();return {x:r.left+r.width/2,y:r.top+r.height/2,"
            "w:r.width,h:r.height};})()")
        if not box or not box["w"] or not box["h"]:
            raise BrowserError(f"nothing visible to click for {selector!r}: {box}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self._send("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"],
                                                    "button": "left", "clickCount": 1})
        self.settle(0.1)

    def press(self, key: str) -> None:
        """Press and release a key on the focused element (``" "``, ``"Enter"``, ``"Tab"``...).

        The page's key handlers have run when the protocol replies."""
        codes = {" ": ("Space", 32, " "), "Enter": ("Enter", 13, "\r"), "Tab": ("Tab", 9, ""),
                 "Escape": ("Escape", 27, "")}
        code, vk, text = codes[key]
        down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk}
        if text:
            down["text"] = text
        self._send("Input.dispatchKeyEvent", down)
        self._send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                              "windowsVirtualKeyCode": vk})

    def screenshot(self, path: str | Path, full_page: bool = True) -> None:
        import base64
        params: dict = {"format": "png", "captureBeyondViewport": full_page}
        Path(path).write_bytes(base64.b64decode(self._send("Page.captureScreenshot", params)["data"]))

    @property
    def console_errors(self) -> list[dict]:
        return [e for e in self.console if e["level"] == "error"]
