"""Word to PDF through LibreOffice in headless mode, and PDF pages to PNG images.

The conversion runs a small LibreOffice Basic routine (written into a private, temporary
LibreOffice profile) that opens the .docx hidden, updates its contents list and other
indexes, and exports a tagged PDF with the document title shown and the bookmarks kept.
A plain ``soffice --convert-to pdf`` would leave the Word contents field as it was saved.

Nothing here touches the network; LibreOffice runs with a profile of its own, so it never
meets the user's open LibreOffice windows or settings.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from .errors import InputError

#: Seconds one conversion may take before it is abandoned.
TIMEOUT = 180

INSTALL_HINT = ("LibreOffice is not installed, so no PDF can be made: install it "
                "(Debian/Ubuntu: apt-get install libreoffice-writer) or open the .docx in Word "
                "and use File > Save As > PDF")

#: PDF export options (LibreOffice's writer_pdf_Export filter data).
PDF_OPTIONS = {
    "UseTaggedPDF": True,          # structure tags for screen readers
    "PDFUACompliance": True,       # PDF/UA (accessible PDF) checks and identification
    "ExportBookmarks": True,       # headings become PDF bookmarks
    "DisplayPDFDocTitle": True,    # the window shows the title, not the file name
    "ExportNotes": False,          # never comments
    "ExportFormFields": False,
}

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="CsprExport" script:language="StarBasic">
Sub ToPdf(inUrl As String, outUrl As String)
  On Error GoTo Failed
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  If IsNull(oDoc) Then Exit Sub
  oIndexes = oDoc.getDocumentIndexes()
  For i = 0 To oIndexes.getCount() - 1
    oIndexes.getByIndex(i).update()
  Next i
  oDoc.getTextFields().refresh()
  oDoc.refresh()
  Dim fd(%(count)d) As New com.sun.star.beans.PropertyValue
%(options)s
  Dim sp(1) As New com.sun.star.beans.PropertyValue
  sp(0).Name = &quot;FilterName&quot;
  sp(0).Value = &quot;writer_pdf_Export&quot;
  sp(1).Name = &quot;FilterData&quot;
  sp(1).Value = fd()
  oDoc.storeToURL(outUrl, sp())
  oDoc.close(True)
  Exit Sub
Failed:
  If Not IsNull(oDoc) And Not IsEmpty(oDoc) Then oDoc.close(True)
End Sub
</script:module>
"""

_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="CsprExport"/>
</library:library>
"""

_lock = threading.Lock()
_profile: Path | None = None


def soffice() -> str | None:
    """The LibreOffice program, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def _macro() -> str:
    lines = []
    for i, (name, value) in enumerate(PDF_OPTIONS.items()):
        lines.append(f"  fd({i}).Name = &quot;{name}&quot;")
        lines.append(f"  fd({i}).Value = {'True' if value else 'False'}")
    return _MACRO % {"count": len(PDF_OPTIONS) - 1, "options": "\n".join(lines)}


def _run(args: list[str], what: str) -> None:
    """Run LibreOffice in a session of its own, so that a hung conversion is stopped
    whole (the ``soffice`` script and the program it starts)."""
    import os
    import signal

    try:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise InputError(None, f"LibreOffice could not be started ({exc.strerror or exc})") from None
    try:
        proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        proc.wait()
        raise InputError(None, f"LibreOffice took longer than {TIMEOUT} s to {what}") from None


def _get_profile(program: str) -> Path:
    """A private LibreOffice profile holding the export routine (made once per process)."""
    global _profile
    if _profile is not None and (_profile / "user" / "basic").is_dir():
        return _profile
    root = Path(tempfile.mkdtemp(prefix="cspr-docs-lo-"))
    atexit.register(shutil.rmtree, root, True)
    # LibreOffice fills a new profile on its first start; the routine is added after that.
    _run([program, f"-env:UserInstallation={root.as_uri()}", "--headless", "--invisible",
          "--norestore", "--terminate_after_init"], "start")
    standard = root / "user" / "basic" / "Standard"
    if not standard.is_dir():
        raise InputError(None, "LibreOffice did not start (its profile was not created)")
    for old in standard.glob("*.xba"):
        old.unlink()
    (standard / "CsprExport.xba").write_text(_macro(), encoding="utf-8")
    (standard / "script.xlb").write_text(_LIBRARY, encoding="utf-8")
    _profile = root
    return root


def docx_to_pdf(data: bytes, name: str = "document") -> bytes:
    """The PDF of a .docx given as bytes; ``InputError`` (exit 2) when LibreOffice is
    absent or fails. Never returns anything but a PDF."""
    program = soffice()
    if program is None:
        raise InputError(None, INSTALL_HINT)
    with _lock:
        profile = _get_profile(program)
        with tempfile.TemporaryDirectory(prefix="cspr-docs-pdf-") as tmp:
            source = Path(tmp) / "in.docx"
            target = Path(tmp) / "out.pdf"
            source.write_bytes(data)
            _run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                  "--invisible", "--norestore", "--nologo",
                  f'macro:///Standard.CsprExport.ToPdf("{source.as_uri()}","{target.as_uri()}")'],
                 "convert the document")
            pdf = target.read_bytes() if target.exists() else b""
    if not pdf.startswith(b"%PDF-"):
        raise InputError(name, "LibreOffice could not convert the document to PDF")
    return pdf


def pdf_to_pngs(pdf: bytes, dpi: int = 60, first: int | None = None,
                last: int | None = None) -> list[bytes]:
    """PNG images of the pages of a PDF (poppler's pdftoppm), in page order."""
    program = pdftoppm()
    if program is None:
        raise InputError(None, "pdftoppm is not installed, so no page images can be made: "
                               "install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="cspr-docs-png-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        args = [program, "-png", "-r", str(dpi)]
        if first:
            args += ["-f", str(first)]
        if last:
            args += ["-l", str(last)]
        try:
            subprocess.run(args + [str(source), str(Path(tmp) / "page")], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(None, f"pdftoppm took longer than {TIMEOUT} s") from None
        pages = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [p.read_bytes() for p in pages]
