"""Start-up time of `cspr-docs --help` and of the commands that need no language model,
against a bare `python -c pass`, measured in the same run.

SPEC §9: `cspr-docs --help` must stay under 0.5 s, which needs heavy imports to stay lazy.
Issue 11: `inspect`, `sanitize`, `validate`, `render`, `timeline` and `templates validate`
(without the anonymisation family) never import spaCy or presidio; each line below reports
whether it did. Run: python benchmarks/cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("spacy", "presidio_analyzer")
#: Run a CLI command line and print which heavy modules it imported.
PROBE = ("import sys; from cspr_docs.cli import run\n"
         "try:\n    run(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
         f"print('HEAVY', [m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)")


def best_of(cmd: list[str], runs: int, cwd=None) -> float:
    """Median wall time of ``runs`` runs of ``cmd`` (after one warm-up run)."""
    subprocess.run(cmd, capture_output=True, cwd=cwd)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, cwd=cwd)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def model_free_commands(tmp: Path) -> list[list[str]]:
    """Command lines that need no language model, with the files they read made in ``tmp``."""
    case = ROOT / "examples" / "case.yaml"
    draft = tmp / "draft.docx"
    subprocess.run([sys.executable, "-m", "cspr_docs", "render", str(case), "--type", "lcspr",
                    "-o", str(draft), "--draft"], capture_output=True, check=True)
    return [
        ["validate", str(case)],
        ["render", str(case), "--type", "rapid-review", "-o", str(tmp / "rr.docx"), "--draft", "--force"],
        ["timeline", str(case)],
        ["inspect", str(draft)],
        ["sanitize", str(draft), "-o", str(tmp / "clean.docx"), "--force"],
        ["templates", "validate", str(ROOT / "templates" / "rapid_review.docx")],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    bare = best_of([sys.executable, "-c", "pass"], args.runs)
    cli = best_of([sys.executable, "-m", "cspr_docs", "--help"], args.runs)
    print(f"python -c pass      : {bare * 1000:7.1f} ms (baseline)")
    print(f"cspr-docs --help    : {cli * 1000:7.1f} ms")
    print(f"ratio               : {cli / bare:7.2f}x baseline; target < 500 ms absolute "
          f"({'met' if cli < 0.5 else 'NOT met'})")
    with tempfile.TemporaryDirectory() as tmp:
        for args_ in model_free_commands(Path(tmp)):
            cmd = [sys.executable, "-c", PROBE, *args_]
            took = best_of(cmd, max(1, args.runs // 3))
            probe = subprocess.run(cmd, capture_output=True, text=True)
            heavy = [line for line in probe.stderr.splitlines() if line.startswith("HEAVY")]
            name = " ".join(a if not a.startswith("/") else Path(a).name for a in args_)
            print(f"{name[:60]:<60}: {took * 1000:7.1f} ms  {heavy[-1] if heavy else 'HEAVY ?'}")


if __name__ == "__main__":
    main()
