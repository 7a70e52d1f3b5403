"""Building the app and serving it on the loopback address (``cspr-docs app``)."""

from __future__ import annotations

import contextlib
import secrets
import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .jobs import Jobs
from .pages import Site
from .security import LOOPBACK_HOSTS, BodyTooLarge, Guard, Refused

HERE = Path(__file__).resolve().parent
#: Largest upload taken (a published report is a few MB).
DEFAULT_MAX_UPLOAD = 50 * 1024 * 1024


@dataclass
class AppRun:
    """One run of the app: the ASGI app and what it must clean up when it stops."""
    app: Starlette
    token: str
    workdir: Path
    jobs: Jobs

    def close(self) -> None:
        """Stop the checks and remove every upload and made document."""
        self.jobs.shutdown()
        shutil.rmtree(self.workdir, ignore_errors=True)


def build_app(folder: str | Path, *, token: str | None = None,
              max_upload: int = DEFAULT_MAX_UPLOAD, today=None) -> AppRun:
    """The app for the case ``folder``; its uploads go to a new private temporary folder."""
    folder = Path(folder).resolve()
    token = token or secrets.token_urlsafe(24)
    workdir = Path(tempfile.mkdtemp(prefix="cspr-docs-app-"))
    jobs = Jobs(workdir)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    site = Site(folder, workdir, jobs, templates, secrets.token_urlsafe(32), max_upload, today)

    async def too_large(request: Request, _exc: Exception):
        mb = max(1, max_upload // (1024 * 1024))
        return site.problem(request, f"The file is larger than the limit of {mb} MB.", 413, "check")

    async def refused(request: Request, _exc: Exception):
        return site.problem(request, "This form has expired or did not come from this app: "
                                     "go back, reload the page and try again.", 403)

    async def not_found(request: Request, _exc: Exception):
        return site.problem(request, "There is no such page.", 404)

    async def failed(request: Request, exc: Exception):
        from ..errors import bug_summary

        return site.problem(request, f"Something went wrong ({bug_summary(exc)}); the app is still "
                                     "running.", 500)

    routes = [Route("/", site.home, name="home"),
              Route("/case/{cid}", site.case, name="case"),
              Route("/case/{cid}/render", site.render, methods=["POST"], name="render"),
              Route("/check", site.check_form, name="check"),
              Route("/check", site.check_start, methods=["POST"], name="check_start"),
              Route("/check/{job}", site.check_result, name="check_result"),
              Route("/check/{job}/{kind}", site.check_copy, methods=["POST"], name="check_copy"),
              Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")]
    run = None

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        if run is not None:
            run.close()

    app = Starlette(routes=[Mount(f"/{token}", routes=routes)],
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS),
                                Middleware(Guard, token=token, max_body=max_upload + 64 * 1024)],
                    exception_handlers={BodyTooLarge: too_large, Refused: refused, 404: not_found,
                                        405: not_found, Exception: failed},
                    lifespan=lifespan)
    run = AppRun(app, token, workdir, jobs)
    return run


def free_socket() -> socket.socket:
    """A listening-ready socket on the loopback address, on a port the system chose."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)  # connections wait in the queue until uvicorn takes the socket over
    return sock


def serve(folder: str | Path, *, open_browser: bool = True, echo=print,
          max_upload: int = DEFAULT_MAX_UPLOAD, today=None) -> int:
    """Serve the app until Ctrl-C; prints (and opens) its address; cleans up on the way out."""
    import uvicorn

    run = build_app(folder, max_upload=max_upload, today=today)
    sock = free_socket()
    port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{run.token}/"
    config = uvicorn.Config(run.app, log_level="warning", access_log=False, lifespan="on",
                            server_header=False, date_header=False)
    server = uvicorn.Server(config)
    echo(f"cspr-docs app for {Path(folder).resolve()} at {url}")
    echo("Keep this window open while you use the app; press Ctrl-C to stop it.")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        run.close()
        sock.close()
    echo("cspr-docs app stopped; its temporary files are removed.")
    return 0
