"""Start-up time of `cspr-docs --help` against a bare `python -c pass`, measured in the same run.

SPEC §9: `cspr-docs --help` must stay under 0.5 s, which needs heavy imports to stay lazy.
Run: python benchmarks/cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def best_of(cmd: list[str], runs: int) -> float:
    """Median wall time of ``runs`` runs of ``cmd`` (after one warm-up run)."""
    subprocess.run(cmd, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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


if __name__ == "__main__":
    main()
