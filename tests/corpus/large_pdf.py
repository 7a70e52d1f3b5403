"""A long report as a real PDF (fpdf2): report-style pages with planted identifiers."""

from __future__ import annotations

from pathlib import Path

from .generate import report_text


def write_long_pdf(path: Path, pages: int = 500, chars_per_page: int = 1800, seed: int = 5) -> Path:
    """Write a ``pages``-page PDF of generated review paragraphs (about ``chars_per_page`` each)."""
    from fpdf import FPDF

    text, _, _ = report_text(pages * chars_per_page, seed=seed)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    pdf = FPDF()
    pdf.set_title("Long review")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", "", 10)
    queue = iter(paragraphs)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 10, f"{number}. Section {number}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        used = 0
        while used < chars_per_page:
            paragraph = next(queue, None)
            if paragraph is None:
                queue = iter(paragraphs)
                paragraph = next(queue)
            paragraph = paragraph.encode("latin-1", "replace").decode("latin-1")
            pdf.multi_cell(0, 4.5, paragraph, new_x="LMARGIN", new_y="NEXT")
            used += len(paragraph)
            if pdf.get_y() > 250:
                break
    pdf.output(str(path))
    return path


#: Runs one command and prints its own peak RSS (kB on Linux) as the last line of stderr.
_MEASURE = ("import resource, sys\n"
            "from cspr_docs.cli import run\n"
            "code = run(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(code)\n")


def run_measured(*args: str) -> tuple[int, int, str]:
    """Run ``cspr-docs ARGS`` in a fresh process: (exit code, peak RSS in MB, its stderr)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True)
    *lines, peak_kb = done.stderr.strip().splitlines()
    return done.returncode, int(peak_kb) // 1024, "\n".join(lines)
