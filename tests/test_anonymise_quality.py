"""The quality bar on a labelled corpus (tests/corpus/generate.py): run with ``-s`` to see figures.

Without a register: recall of planted identifiers >= 95% overall and per kind, 100% for NHS and
NI numbers, postcodes, phone numbers and emails; decoys (safeguarding vocabulary) flagged <= 5%.
With a register: 100% of registered items, in every form they are written.
"""

from __future__ import annotations


import pytest

from corpus.evaluate import evaluate, format_result
from corpus.generate import corpus, join, register_corpus
from cspr_docs.anonymise import Register, scan_document
from cspr_docs.document import read_document

EXACT = ("NHS", "NINO", "POSTCODE", "PHONE", "EMAIL")


@pytest.fixture(scope="module")
def without_register(tmp_path_factory):
    text, labels, decoys = join(corpus(300))
    path = tmp_path_factory.mktemp("corpus") / "corpus.txt"
    path.write_text(text, encoding="utf-8")
    found = scan_document(read_document(path))
    spans = [(f.location.start, f.location.end) for f in found]
    result = evaluate(text, spans, labels, decoys)
    print("\n" + format_result("Planted identifiers, no register (ANO002):", result))
    return result


@pytest.fixture(scope="module")
def with_register(tmp_path_factory):
    register, text, labels, decoys = register_corpus()
    path = tmp_path_factory.mktemp("corpus") / "register_corpus.txt"
    path.write_text(text, encoding="utf-8")
    found = scan_document(read_document(path), Register.model_validate(register))
    spans = [(f.location.start, f.location.end) for f in found if f.rule == "ANO001"]
    result = evaluate(text, spans, labels, decoys)
    print("\n" + format_result("Registered items (ANO001):", result))
    return result


def test_corpus_is_large_and_covers_every_kind(without_register):
    kinds = without_register["recall"]
    assert set(kinds) == {"PERSON", "ADDRESS", "POSTCODE", "INSTITUTION", "DATE", "HANDLE",
                          "CASE_REF", "NHS", "NINO", "PHONE", "EMAIL", "VRN"}
    assert without_register["overall"][1] >= 500
    assert without_register["decoys"][1] >= 500


def test_recall_without_register(without_register):
    found, total = without_register["overall"]
    assert found / total >= 0.95, without_register["missed"][:20]
    for kind, (f, t) in without_register["recall"].items():
        assert f / t >= (1.0 if kind in EXACT else 0.95), (kind, f, t)


def test_decoys_rarely_flagged(without_register):
    flagged, total = without_register["decoys"]
    assert flagged / total <= 0.05


def test_every_registered_item_found(with_register):
    found, total = with_register["overall"]
    assert total >= 200
    assert found == total, with_register["missed"]


def test_ordinary_report_prose_is_not_flagged(tmp_path):
    from corpus.clean_text import CLEAN_PARAGRAPHS

    path = tmp_path / "clean.txt"
    path.write_text("\n\n".join(CLEAN_PARAGRAPHS) + "\n", encoding="utf-8")
    found = scan_document(read_document(path))
    print(f"\nOrdinary report prose ({len(CLEAN_PARAGRAPHS)} paragraphs): {len(found)} finding(s)")
    assert len(found) <= 1, [(f.text, f.entity) for f in found]
