"""Throughput of ``scan`` against plain presidio, in the same run, on a generated report.

    python3 benchmarks/scan_throughput.py [--chars 150000] [--model NAME]

Times the whole ``cspr-docs scan`` process (Python start-up, imports and model load
included) on a ~150,000-character report and, in this process, a plain presidio
``AnalyzerEngine.analyze()`` over the same text (same spaCy model, presidio's default
recognisers; its engine is built and warmed up before timing). Prints both, their ratio
(target >= 4, issue 11), the in-process ``scan_document`` time, and the recall of both on the
planted identifiers. Also: ``scan`` of a one-line file (the start-up every scan pays: Python,
presidio's and spaCy's imports, the model load), which bounds the first ratio, and a whole
plain-presidio process on the same file (import, engine, analyze), the like-for-like baseline.
Runs offline: the plain engine's email recogniser is pointed at tldextract's bundled suffix list.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus.evaluate import evaluate, format_result  # noqa: E402
from corpus.generate import report_text  # noqa: E402


def plain_presidio(model: str):
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    # keep the benchmark offline: presidio calls tldextract.extract(), which would fetch the list
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    email_recognizer.tldextract = type("T", (), {"extract": staticmethod(offline)})
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])


def whole_process_scan(path: Path, model: str, out: Path) -> tuple[float, list]:
    """Wall time of ``cspr-docs scan PATH`` in a new process, and its findings."""
    env = dict(os.environ, CSPR_DOCS_SPACY_MODEL=model)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cspr_docs", "scan", str(path), "--format", "json",
                    "-o", str(out)], check=False, capture_output=True, env=env)
    took = time.perf_counter() - t0
    return took, json.loads(out.read_text(encoding="utf-8"))["findings"]


_PLAIN_PROCESS = """
import logging, sys, tldextract
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_analyzer.predefined_recognizers.generic import email_recognizer
offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
email_recognizer.tldextract = type("T", (), {"extract": staticmethod(offline)})
provider = NlpEngineProvider(nlp_configuration={
    "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": sys.argv[2]}]})
engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
text = open(sys.argv[1], encoding="utf-8").read()
print(len(engine.analyze(text, language="en")))
"""


def plain_presidio_process(path: Path, model: str) -> float:
    """Wall time of a new process that imports presidio, builds its engine and analyses the file:
    the like-for-like baseline for a whole ``cspr-docs scan`` process."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", _PLAIN_PROCESS, str(path), model], check=True,
                   capture_output=True)
    return time.perf_counter() - t0


def main() -> int:
    from cspr_docs.anonymise import scan_document
    from cspr_docs.anonymise.engine import get_analyzer
    from cspr_docs.anonymise.settings import Settings
    from cspr_docs.document import read_document

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=150_000)
    parser.add_argument("--model", default=Settings().model)
    parser.add_argument("--runs", type=int, default=3, help="whole-process runs (the median is used)")
    args = parser.parse_args()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    text, labels, decoys = report_text(args.chars)
    print(f"report: {len(text):,} characters, {len(labels)} planted identifiers, {len(decoys)} decoys")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_text(text, encoding="utf-8")
        runs = [whole_process_scan(path, args.model, Path(tmp) / f"out{i}.json") for i in range(args.runs)]
        runs.sort(key=lambda r: r[0])
        whole, findings = runs[len(runs) // 2]
        tiny = Path(tmp) / "tiny.txt"
        tiny.write_text("The visit was planned.\n", encoding="utf-8")
        floors = sorted(whole_process_scan(tiny, args.model, Path(tmp) / f"tiny{i}.json")[0]
                        for i in range(args.runs))
        floor = floors[len(floors) // 2]
        plains = sorted(plain_presidio_process(path, args.model) for _ in range(args.runs))
        plain_whole = plains[len(plains) // 2]

        settings = Settings(model=args.model)
        get_analyzer(args.model)
        plain = plain_presidio(args.model)
        plain.analyze("Warm-up text about Jane Smith in Leeds.", language="en")

        t0 = time.perf_counter()
        scan_document(read_document(path), settings=settings)
        inproc = time.perf_counter() - t0

        t0 = time.perf_counter()
        results = plain.analyze(text, language="en")
        theirs = time.perf_counter() - t0

    print(f"cspr-docs scan, whole process (median of {args.runs}): {whole:7.2f} s  "
          f"{len(text) / whole:10,.0f} chars/s")
    print(f"cspr-docs scan_document, model loaded:      {inproc:7.2f} s  {len(text) / inproc:10,.0f} chars/s")
    print(f"presidio analyze(), engine loaded:          {theirs:7.2f} s  {len(text) / theirs:10,.0f} chars/s")
    print(f"ratio (whole-process scan / presidio):      {theirs / whole:7.2f}x  (target >= 4)")
    print(f"cspr-docs scan of a one-line file (start-up):  {floor:7.2f} s  (so the ratio above can be at most "
          f"{theirs / floor:.2f}x)")
    print(f"plain presidio, whole process (import, engine, analyze): {plain_whole:7.2f} s")
    print(f"ratio, like for like (both whole processes):  {plain_whole / whole:7.2f}x")
    mine = evaluate(text, [(f["location"]["start"], f["location"]["end"]) for f in findings
                           if f["severity"] != "info"], labels, decoys)
    base = evaluate(text, [(r.start, r.end) for r in results], labels, decoys)
    print(format_result("recall, cspr-docs scan:", mine))
    print(format_result("recall, plain presidio:", base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
