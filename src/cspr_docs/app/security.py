"""The app's guard: who may talk to it and what every answer carries.

The server listens on the loopback address only, but any web page the officer opens could
still try to reach it from their browser. So, for every request:

- the Host header must name the loopback address (Starlette's ``TrustedHostMiddleware``),
  which defeats DNS rebinding (a foreign name that resolves to 127.0.0.1);
- the path must start with the random token printed when the app started: without it the
  request is refused, so another program or page cannot guess the address;
- a form post must come from the app's own pages: ``Sec-Fetch-Site`` (when the browser sends
  it) must be same-origin, ``Origin`` (when sent) must be the app's own (or "null", which a
  browser sends for a same-origin post from a page with no referrer), and
  the form must carry the run's CSRF token (checked by :func:`checked_form`);
- a request body larger than the upload limit is refused (by its Content-Length, and while
  it is read when it has none);
- every answer carries a strict Content-Security-Policy (nothing loads from anywhere but the
  app itself, no script on the app's own pages), no referrer, no framing and no caching.
"""

from __future__ import annotations

import secrets

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

#: The app's own pages: no script at all, styles and images only from the app.
APP_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
           "frame-ancestors 'none'; base-uri 'none'")
LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"), (b"cache-control", b"no-store"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin")]


class BodyTooLarge(Exception):
    """The request body is over the upload limit."""


class Refused(Exception):
    """A form post the app will not act on (bad or missing CSRF token)."""


def _text(status: int, message: str):
    return PlainTextResponse(message, status_code=status)


class Guard:
    """Pure ASGI middleware: token, same-origin posts, body size, response headers."""

    def __init__(self, app, *, token: str, max_body: int) -> None:
        self.app, self.token, self.max_body = app, token, max_body
        self.prefix = f"/{token}"

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(send)
        if scope["path"] == "/favicon.ico":  # browsers ask for it unprompted: nothing to give
            await Response(status_code=204)(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, self._limited(receive), send)

    def _refusal(self, scope):
        path = scope["path"]
        first = path[1:].split("/", 1)[0]
        if not secrets.compare_digest(first.encode(), self.token.encode()):
            return _text(403, "Refused: this address needs the link cspr-docs app printed when it "
                              "started.")
        headers = Headers(scope=scope)
        if scope["method"] in _UNSAFE:
            # Browsers set Sec-Fetch-Site themselves (no page can forge it): trust it when sent.
            # With it, Origin may be "null" (our pages send no referrer); without it, Origin
            # (when sent) must be the app's own address.
            site = headers.get("sec-fetch-site")
            origin = headers.get("origin")
            own = f"http://{headers.get('host', '')}"
            if (site is not None and site != "same-origin") or \
                    (origin is not None and origin != own and (site is None or origin != "null")):
                return _text(403, "Refused: a form from another site cannot post to this app.")
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                return _text(413, f"Refused: the upload is larger than the limit of "
                                  f"{self.max_body // (1024 * 1024) or 1} MB.")
        return None

    def _limited(self, receive):
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        return limited

    @staticmethod
    def _with_headers(send):
        async def sending(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", APP_CSP.encode()))
                headers.extend(h for h in _HEADERS if h[0] not in names)
                message = {**message, "headers": headers}
            await send(message)

        return sending


async def checked_form(request: Request, csrf: str, *, max_files: int = 1):
    """The posted form, after its CSRF token is checked (``Refused`` when it is wrong)."""
    form = await request.form(max_files=max_files, max_fields=20)
    given = form.get("csrf")
    if not isinstance(given, str) or not secrets.compare_digest(given.encode(), csrf.encode()):
        raise Refused()
    return form
