"""`cspr-docs status` over many generated case folders: wall time on one core (issue #15).

Target: 500 case folders in under 3 s, whole command included (start-up, imports, reading every
case file, the timeline of each, the board). Each generated case is the bundled example case
(a full, prose-heavy case file) with its reference and dates shifted, spread over every stage, and
each folder also holds a report.docx that must not be opened. The run is pinned to one CPU
(``taskset``-like, via ``os.sched_setaffinity``) and prints the load average (the machine is
shared: run it when it is quiet), then which heavy modules were imported
(none may be) and how many files under the folder were opened (only the case files).

Run: python benchmarks/status_many_cases.py [--cases 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PROBE = r"""
import builtins, io, json, os, sys, time
opened = []
real_open = io.open
def spy(file, *a, **k):
    opened.append(str(file)); return real_open(file, *a, **k)
builtins.open = io.open = spy
from cspr_docs.cli import run
code = run(["status", sys.argv[1], "--today", "2027-01-20", "--format", "json", "-o", os.devnull, "--force"])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in
               ("spacy", "thinc", "presidio_analyzer", "presidio_anonymizer", "docx", "pypdf", "docxtpl"))
inside = [f for f in opened if f.startswith(sys.argv[1])]
print(json.dumps({"code": code, "heavy": heavy, "opened": len(inside),
                  "not_case_files": sorted({f for f in inside if not f.endswith("case.yaml")})}))
"""


DATES = (("incident", "date"), ("incident", "la_aware_date"), ("notification", "submitted"),
         ("rapid_review", "meeting_date"), ("rapid_review", "submitted_to_panel"),
         ("review", "decision_date"), ("publication", "planned_date"), ("publication", "available_until"))


def generate(folder: Path, n: int) -> None:
    """``n`` case folders made from the bundled example case, its dates shifted by up to two
    years so that every stage of the process appears."""
    from ruamel.yaml import YAML

    from cspr_docs.files import bundled

    yaml = YAML()
    data = yaml.load((bundled("examples") / "case.yaml").read_text(encoding="utf-8"))
    original = {(s, k): data[s][k] for s, k in DATES if isinstance(data[s][k], date)}
    sent = [d["sent"] for d in data["distribution"]]
    for i in range(n):
        shift = timedelta(days=7 * (i % 120) - 420)
        data["case"]["reference"] = f"BENCH-{i:04d}"
        for (section, key), value in original.items():
            data[section][key] = value + shift
        for d, day in zip(data["distribution"], sent):
            d["sent"] = day + shift
        case_dir = folder / f"case-{i:04d}"
        case_dir.mkdir()
        with (case_dir / "case.yaml").open("w", encoding="utf-8") as fh:
            yaml.dump(data, fh)
        (case_dir / "report.docx").write_bytes(b"PK\x03\x04 not opened by status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    one_core = hasattr(os, "sched_setaffinity")
    with tempfile.TemporaryDirectory(prefix="cspr-status-bench-") as tmp:
        folder = Path(tmp)
        generate(folder, args.cases)

        def pinned():
            if one_core:
                os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        cmd = [sys.executable, "-c", PROBE, str(folder)]
        probe = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True,
                                          preexec_fn=pinned).stdout.strip().splitlines()[-1])
        times, cpu = [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "cspr_docs", "status", str(folder), "--today", "2027-01-20",
                            "--format", "json", "-o", os.devnull, "--force"], capture_output=True, check=True,
                           preexec_fn=pinned)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    wall = statistics.median(times)
    print(f"cases               : {args.cases} folders (each a case.yaml of "
          f"{len((Path(__file__).resolve().parents[1] / 'examples' / 'case.yaml').read_text().splitlines())} "
          "lines and a report.docx)")
    print(f"pinned to one core  : {'yes' if one_core else 'no (sched_setaffinity unavailable)'}")
    print(f"status, whole run   : {wall:6.2f} s median of {args.runs} (min {min(times):.2f} s); target < 3 s "
          f"({'met' if wall < 3 else 'NOT met'})")
    print(f"status, CPU time    : {statistics.median(cpu):6.2f} s median (user + system: what the run "
          f"costs when it has the core to itself; {'met' if statistics.median(cpu) < 3 else 'NOT met'})")
    print(f"per case            : {wall / args.cases * 1000:6.2f} ms")
    print(f"load average        : {os.getloadavg()[0]:.2f} (other work on this machine slows the run)")
    print(f"exit code           : {probe['code']}")
    print(f"heavy modules loaded: {probe['heavy'] or 'none'}")
    print(f"files opened        : {probe['opened']} under the folder; other than case.yaml: "
          f"{probe['not_case_files'] or 'none'}")


if __name__ == "__main__":
    main()
