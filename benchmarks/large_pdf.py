"""Time and peak memory of ``scan`` on long PDFs (the README's resource figures).

    python3 benchmarks/large_pdf.py [--pages 500] [--small 50]

Builds report-style PDFs of ``--small`` and ``--pages`` pages (fpdf2, from the test extras),
runs ``cspr-docs scan`` on each in a fresh process and prints wall time, characters/second
and peak resident memory (RSS). Memory that barely grows from the small PDF to the large
one shows the text is analysed in batches of blocks, never as one spaCy document.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus.large_pdf import run_measured, write_long_pdf  # noqa: E402

def measure_scan(pdf: Path, out: Path) -> tuple[float, int, int]:
    """(seconds, exit code, peak RSS in MB) of ``cspr-docs scan PDF --format json -o OUT``."""
    began = time.perf_counter()
    code, peak_mb, _ = run_measured("scan", str(pdf), "--format", "json", "-o", str(out), "--force")
    return time.perf_counter() - began, code, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--small", type=int, default=50)
    args = parser.parse_args()
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        for pages in (args.small, args.pages):
            pdf = write_long_pdf(Path(tmp) / f"long-{pages}.pdf", pages=pages)
            chars = sum(len(p.extract_text() or "") for p in PdfReader(pdf).pages)
            seconds, code, peak = measure_scan(pdf, Path(tmp) / "scan.json")
            print(f"{pages:>4} pages, {chars:>9,} chars: {seconds:6.1f} s, "
                  f"{chars / seconds:>7,.0f} chars/s, peak RSS {peak} MB (exit {code})")


if __name__ == "__main__":
    main()
