"""Resource bounds: a 500-page PDF is scanned within the memory ceiling the README states."""

from __future__ import annotations

import json

from corpus.large_pdf import run_measured, write_long_pdf

#: The ceiling stated in the README (peak resident memory of one `scan` process).
CEILING_MB = 1024


def test_scan_of_a_500_page_pdf_stays_under_the_memory_ceiling(tmp_path):
    pdf = write_long_pdf(tmp_path / "long.pdf", pages=500, chars_per_page=400)
    out = tmp_path / "scan.json"
    code, peak_mb, stderr = run_measured("scan", str(pdf), "--format", "json", "-o", str(out))
    assert code == 0, stderr
    assert peak_mb < CEILING_MB, f"peak RSS {peak_mb} MB"
    report = json.loads(out.read_text())
    pages = {f["location"]["page"] for f in report["findings"]}
    assert max(pages) == 500 and len(pages) > 400  # every part of the document was analysed
