"""What is found once is flagged everywhere: names from cues, abbreviations a glossary or an
attendee list defines, and every other mention of a found name (any case, possessive, split
over a line break), each mention its own finding on its own line."""

from __future__ import annotations

import re

from ..lexicon import DAYS, FAMILY_AND_FAITH_TITLES, HONORIFICS, MONTHS
from .cues import lexicon, quoted_spans, vocabulary
from .public import _ORG_WORDS
from .names import (cue_names, defined_initials, informal_ok, name_word_ok, people_lists, speaker,
                    widen_left)

_MONTHS_DAYS = {w.lower() for w in MONTHS + DAYS}
_TITLES = {t.lower() for t in HONORIFICS + FAMILY_AND_FAITH_TITLES}
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "al",
              "el", "bin", "bint", "ibn", "ap", "mac", "ni", "n\u00ed", "nic", "o", "\u00f3", "ua", "st"}


def _name_words(text: str) -> list[str]:
    """The words of a found name worth looking for elsewhere."""
    from spacy.lang.en.stop_words import STOP_WORDS

    vocab = vocabulary()
    out = []
    for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text):
        w = re.sub(r"['\u2019]s$", "", w).strip("-'\u2019")
        low = w.lower()
        if len(w) < 2 or low in _TITLES or low in _PARTICLES or low in _MONTHS_DAYS \
                or low in STOP_WORDS or low in vocab:
            continue
        out.append(w)
        if "-" in w:  # "Ellie-May" is "Ellie" too
            out += [p for p in w.split("-") if len(p) > 2 and p.lower() not in vocab
                    and p.lower() not in _MONTHS_DAYS and p.lower() not in STOP_WORDS]
    return out


def propagate(blocks, found, allow, common, lines, cited=frozenset()) -> list:
    """``found`` with cue names, defined abbreviations and other mentions of found names added
    (a cue name wider than an NER detection replaces it)."""
    from .public import _public_context
    from .scan import Detection, _Taken

    texts = [b.text for b in blocks]
    taken: dict[int, _Taken] = {}
    for d in found:
        taken.setdefault(d.block, _Taken()).add(d.start, d.end)
    spans_cache: dict[int, list] = {}

    def spans(i):
        if i not in spans_cache:
            spans_cache[i] = allow.spans(texts[i])
        return spans_cache[i]

    quotes: dict[int, list] = {}

    def quoted(i):
        if i not in quotes:
            quotes[i] = quoted_spans(texts[i])
        return quotes[i]

    extra: list = []
    # 1. names a cue introduces (nicknames, email headers, the speakers of a pasted exchange)
    said = sum(1 for i, text in enumerate(texts) for kind, line in zip(lines[i].kinds, text.split("\n"))
               if kind == "message" and speaker(line))
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        for s, e in cue_names(text, lines[i], allow, spans(i), common, exchange=said >= 2):
            t = taken.setdefault(i, _Taken())
            over = t.overlapping(s, e)
            if over and all(a <= s and e <= b for a, b in over):
                continue
            if over:  # a cue name wider than what NER found replaces it
                extra[:] = [d for d in extra if not (d.block == i and (d.start, d.end) in over)]
                found = [d for d in found if not (d.block == i and (d.start, d.end) in over
                                                   and not d.registered)]
            extra.append(Detection(i, s, e, text[s:e], "PERSON", 0.7))
            t.add(s, e)
    # 1b. names in lists of people, one a line, beside names already found
    rows = []
    for i, text in enumerate(texts):
        pos = 0
        for line in text.split("\n"):
            rows.append((i, pos, line, blocks[i].contents))
            pos += len(line) + 1
    exact = {(d.block, d.start, d.end) for d in [*found, *extra] if d.entity == "PERSON"}

    not_people = _ORG_WORDS | lexicon("role_words")

    def inner(i, s, e):  # what was found inside an item: a name's part, never a register hit
        return [d for d in [*found, *extra] if d.block == i and s <= d.start and d.end <= e
                and (d.start, d.end) != (s, e)]

    def name_ok(i, s, e, titled=False):
        if (i, s, e) in exact:
            return True
        words = texts[i][s:e].split()
        if titled:
            # under "Attendees": the first word must be a name's; a surname may be a word
            # ("Sophie Page", "Ruth Constable"); organisations and teams never count
            if any(w.lower().strip("'\u2019") in _ORG_WORDS for w in words):
                return False
            parts = inner(i, s, e)
            if any(d.registered or d.entity != "PERSON" for d in parts):
                return False
            t = taken.setdefault(i, _Taken())
            if any((a, b) not in {(d.start, d.end) for d in parts} for a, b in t.overlapping(s, e)):
                return False
            return name_word_ok(words[0], common, allow, texts[i], s, s + len(words[0]), spans(i))
        if any(w.lower().strip("'\u2019") in not_people for w in words):
            return False  # "Kelderby Council", "Westmarch Constabulary", "Early Help Team"
        return not taken.setdefault(i, _Taken()).overlapping(s, e) and \
            name_word_ok(texts[i][s:e], common, allow, texts[i], s, e, spans(i))

    for i, s, e in people_lists(rows, exact, name_ok):
        for d in inner(i, s, e):  # "Carl" found alone: the item "Carl Young" replaces it
            taken[i].remove(d.start, d.end)
            found = [x for x in found if x is not d]
            extra = [x for x in extra if x is not d]
        extra.append(Detection(i, s, e, texts[i][s:e], "PERSON", 0.6))
        taken[i].add(s, e)
    everything = [*found, *extra]
    # 2. abbreviations defined for something identifying
    acronyms: dict[str, str] = {}
    for d in everything:
        if d.credit or d.entity not in ("PERSON", "INSTITUTION", "LOCATION", "STREET_ADDRESS"):
            continue
        abbr = defined_initials(texts[d.block], d.start, d.end)
        if abbr:
            acronyms.setdefault(abbr, d.entity)
    # 3. the words of every found name
    words: dict[str, bool] = {}  # word -> only ever found as a credit
    for d in everything:
        if d.entity != "PERSON" or (d.registered and d.term.kind != "person"):
            continue
        for w in _name_words(d.text):
            if w.lower() not in cited:
                words[w.lower()] = words.get(w.lower(), True) and d.credit
    # a one-word "place" the language model found may be a name ("Bethany" tagged as a place):
    # its other capitalised mentions are flagged as that place too
    places = {d.text for d in everything if d.entity == "LOCATION" and not d.registered
              and re.fullmatch(r"[A-Z][a-z'\u2019-]{2,}", d.text)} - {w.capitalize() for w in words}
    if not words and not acronyms and not places:
        return [*found, *extra]
    name_rx = re.compile(r"(?<![\w@.])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                         + r")(?![\w@]|['\u2019](?![sS]\b))", re.I) if words else None
    abbr_rx = re.compile(r"(?<![\w@.])(?:" + "|".join(re.escape(a) for a in acronyms) + r")(?![\w@])") \
        if acronyms else None
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        t = taken.setdefault(i, _Taken())
        if abbr_rx is not None:
            for m in abbr_rx.finditer(text):
                s, e = m.span()
                if not t.overlapping(s, e):
                    extra.append(Detection(i, s, e, m.group(), acronyms[m.group()], 0.7))
                    t.add(s, e)
        if name_rx is None:
            continue
        for m in name_rx.finditer(text):
            s, e = m.span()
            word = m.group()
            if t.overlapping(s, e):
                continue
            if word.islower() and not informal_ok(word, lines[i].kind_at(s), common) and \
                    not any(a < s and e < b for a, b in quoted(i)) and not _acts_as_subject(text, s, e):
                continue
            if allow.allows(text, s, e, spans(i)) or _public_context(text, s, e, "PERSON", spans(i)):
                continue
            if not word.islower():  # "Ellie" before a found "Marsh": the whole name, never "Ellie Person 1"
                wide = widen_left(text, s, common, allow, spans(i))
                if wide < s and not t.overlapping(wide, s):
                    s, word = wide, text[wide:e]
            extra.append(Detection(i, s, e, word, "PERSON", 0.6, credit=words[word.lower()]
                                   if word.lower() in words else False))
            t.add(s, e)
    if places:
        place_rx = re.compile(r"(?<![\w@.])(?:" + "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
                              + r")(?![\w@])")
        for i, text in enumerate(texts):
            t = taken.setdefault(i, _Taken())
            for m in place_rx.finditer(text):
                s, e = m.span()
                if t.overlapping(s, e) or allow.allows(text, s, e, spans(i)):
                    continue
                extra.append(Detection(i, s, e, m.group(), "LOCATION", 0.6))
                t.add(s, e)
    return [*found, *_join_neighbours(texts, extra)]


_NOT_BEFORE_NAME = {"the", "a", "an", "this", "these", "those", "in", "of", "during", "last", "next",
                    "every", "each", "some", "my", "his", "her", "their", "our", "your", "its", "early",
                    "late", "mid", "to", "for", "by", "on", "at", "from", "with", "into", "no", "over",
                    "any", "all", "red", "car", "river", "one", "first", "second"}
_NAME_THEN = re.compile(r"(?:['\u2019]s\b|[ \t]*[,)]|[ \t]+and[ \t]+[a-z]|[ \t]+(?:was|is|had|has|said|says|told|"
                        r"tells|went|came|asked|would|will|did|does|could|should|can|wanted|left|lived|stayed|"
                        r"visited|called|rang|texted|replied|kept|got|moved|hit|shouted|threatened|drove|took|"
                        r"gave|sent|refused|agreed|denied|admitted|disclosed|reported|arrived|returned)\b)")


def _acts_as_subject(text: str, s: int, e: int) -> bool:
    """A lower-case mention of a found name that acts in its sentence ("later gaz was seen",
    "that tasha had a van", "tasha's mother", "(tasha)"), when the name is no ordinary word:
    "grace was shown" and "no mark was found" are the words."""
    from .cues import lexicon

    if text[s:e].lower() in lexicon("word_names"):
        return False
    before = re.findall(r"[A-Za-z']+", text[max(0, s - 20):s])
    return (not before or before[-1].lower() not in _NOT_BEFORE_NAME) and bool(_NAME_THEN.match(text, e))


def _join_neighbours(texts, found: list) -> list:
    """Mentions of one name's words side by side ("Kelly" "Ashworth-Price") as one finding."""
    out: list = []
    for d in sorted(found, key=lambda d: (d.block, d.start)):
        prev = out[-1] if out else None
        if prev is not None and prev.block == d.block and prev.entity == d.entity == "PERSON" \
                and not prev.registered and not d.registered and prev.credit == d.credit \
                and d.start > prev.end and texts[d.block][prev.end:d.start] in (" ", "\t", "\u00a0"):
            prev.end = d.end
            prev.text = texts[d.block][prev.start:prev.end]
            prev.score = max(prev.score, d.score)
            continue
        out.append(d)
    return out
