"""Time and peak memory of refusing hostile inputs (each run as its own `cspr-docs` process).

A refusal must be quick and cheap: a case file of a million list items, a zip bomb spread
over 29 parts, templates that build huge values, and one that loops for ever (stopped by the
template time limit, 20 s by default).
Run: python benchmarks/hostile_limits.py [--skip-slow]
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "examples" / "case.yaml"


def run(*args: str) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak RSS of the child (MB) and the first stderr line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "cspr_docs", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return proc.returncode, seconds, peak, (proc.stderr.strip().splitlines() or [""])[0]


def template(folder: Path, name: str, text: str) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-slow", action="store_true", help="leave out the endless loop (20 s)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cspr-hostile-"))
    big = folder / "million.yaml"
    big.write_text("review:\n  good_practice: [" + ",".join(["a"] * 1_000_000) + "]\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<a/>")
        for i in range(29):
            zf.writestr(f"word/media/p{i}.bin", b"\0" * int(9.9 * 1024 * 1024))
    bomb = folder / "bomb.docx"
    bomb.write_bytes(buf.getvalue())
    jobs = {
        "case file, 1,000,000 list items": ["validate", str(big)],
        "29-part zip bomb (1000:1)": ["check", str(bomb), "--type", "lcspr"],
    }
    for name, text in {"'x' * 2000000000": "{{ 'x' * 2000000000 }}", "9 ** (9 ** 10)": "{{ 9 ** (9 ** 10) }}",
                       "range(10 ** 9)": "{% for i in range(10 ** 9) %}{% endfor %}",
                       "output flood": "{% for i in range(99999) %}{% for j in range(99999) %}xxxxxxxxxx"
                                       "{% endfor %}{% endfor %}"}.items():
        path = template(folder, f"t{len(jobs)}", text)
        jobs[f"template {name}"] = ["render", str(CASE), "--type", "lcspr", "--template", str(path),
                                    "-o", str(folder / "out.docx")]
    if not args.skip_slow:
        path = template(folder, "slow", "{% for i in range(99999) %}{% for j in range(99999) %}"
                                        "{% endfor %}{% endfor %}")
        jobs["template nested range(99999) (time limit)"] = [
            "render", str(CASE), "--type", "lcspr", "--template", str(path), "-o", str(folder / "out.docx")]
    print(f"{'input':<44} {'exit':>4} {'seconds':>8} {'peak MB':>8}  message")
    for name, cmd in jobs.items():
        code, seconds, peak, message = run(*cmd)
        print(f"{name:<44} {code:>4} {seconds:>8.2f} {peak:>8.0f}  {message.split(': ', 3)[-1][:70]}")


if __name__ == "__main__":
    main()
