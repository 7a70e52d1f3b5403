"""Throughput of ``scan`` against plain presidio, in the same run, on a generated report.

    python3 benchmarks/scan_throughput.py [--chars 300000] [--model NAME]

Prints characters/second for ``cspr_docs.anonymise.scan_document`` and for a plain presidio
``AnalyzerEngine.analyze()`` over the whole text (same spaCy model, presidio's default
recognisers), their ratio (target >= 3), and the recall of both on the planted identifiers.
Model loading is excluded from both timings (each engine is warmed up first). Runs offline:
the plain engine's email recogniser is pointed at tldextract's bundled suffix list.
"""

from __future__ import annotations

import argparse
import logging
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


def main() -> int:
    from cspr_docs.anonymise import scan_document
    from cspr_docs.anonymise.engine import get_analyzer
    from cspr_docs.anonymise.settings import Settings
    from cspr_docs.document import read_document

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--model", default=Settings().model)
    args = parser.parse_args()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    text, labels, decoys = report_text(args.chars)
    print(f"report: {len(text):,} characters, {len(labels)} planted identifiers, {len(decoys)} decoys")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_text(text, encoding="utf-8")
        doc = read_document(path)

        settings = Settings(model=args.model)
        get_analyzer(args.model)
        plain = plain_presidio(args.model)
        plain.analyze("Warm-up text about Jane Smith in Leeds.", language="en")
        scan_document(read_document(path).__class__(path=path, format="txt"), settings=settings)

        t0 = time.perf_counter()
        findings = scan_document(doc, settings=settings)
        ours = time.perf_counter() - t0

        t0 = time.perf_counter()
        results = plain.analyze(text, language="en")
        theirs = time.perf_counter() - t0

    ours_cps, theirs_cps = len(text) / ours, len(text) / theirs
    print(f"cspr-docs scan:          {ours:7.2f} s  {ours_cps:10,.0f} chars/s")
    print(f"presidio analyze():      {theirs:7.2f} s  {theirs_cps:10,.0f} chars/s")
    print(f"ratio (scan / presidio): {ours_cps / theirs_cps:7.2f}x  (target >= 3)")
    mine = evaluate(text, [(f.location.start, f.location.end) for f in findings], labels, decoys)
    base = evaluate(text, [(r.start, r.end) for r in results], labels, decoys)
    print(format_result("recall, cspr-docs scan:", mine))
    print(format_result("recall, plain presidio:", base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
