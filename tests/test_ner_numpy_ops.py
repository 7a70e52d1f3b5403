"""The NER pipeline runs its matrix products through numpy (OpenBLAS) rather than thinc's blis
(``engine._numpy_matrix_products``, ~1.7x faster): the entities must be exactly those the model
gives with its own defaults, on text with names of many kinds."""

from __future__ import annotations

import spacy

from corpus.generate import report_text
from cspr_docs.anonymise.engine import _NOT_FOR_NER, load_spacy
from cspr_docs.anonymise.settings import Settings


def test_numpy_products_give_the_models_own_entities():
    model = Settings().model
    ours = load_spacy(model)
    theirs = spacy.load(model, exclude=list(_NOT_FOR_NER))
    assert all(not getattr(n.ops, "use_blis", True) for _, c in ours.pipeline for n in c.model.walk())
    text, _labels, _decoys = report_text(20_000)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    mine = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in ours.pipe(paragraphs)]
    default = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in theirs.pipe(paragraphs)]
    assert sum(map(len, mine)) > 100
    assert mine == default
