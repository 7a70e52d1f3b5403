"""``scan``: register matches (ANO001) and detected identifying details (ANO002) in a Document."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..document import Block, Document
from ..lexicon import HONORIFICS
from ..findings import Finding, make_finding
from .register import Register, Term, compile_terms, find_terms
from .public import (
    BODY_WORDS, _ORG_WORDS, _citation, _public_context, body_place_names, case_public_names, cited_authors,
    is_credit, partnership_terms, process_date_field,
)
from .settings import DEFAULT_MIN_SCORE, Settings

#: Entity names as people read them (also the redaction placeholders' words).
LABELS = {
    "PERSON": "person's name", "LOCATION": "place name", "STREET_ADDRESS": "street address",
    "INSTITUTION": "named school, nursery, surgery or hospital", "DATE": "exact date",
    "SOCIAL_MEDIA_HANDLE": "social media handle", "CASE_REFERENCE": "case or crime reference number",
    "UK_NHS": "NHS number", "UK_NINO": "National Insurance number", "UK_POSTCODE": "postcode",
    "UK_VEHICLE_REGISTRATION": "vehicle registration", "PHONE_NUMBER": "phone number",
    "EMAIL_ADDRESS": "email address", "URL": "web address", "REGISTER": "case register entry",
}
#: NER guesses; pattern recognisers' structured matches win over them where they overlap.
_NER = {"PERSON", "LOCATION", "ORGANIZATION"}
def _name_shaped(word: str) -> bool:
    """A capitalised word of letters in any alphabet ("Siobhán", "McDonald", "O'Neill", "Ní")."""
    core = word.replace("'", "").replace("\u2019", "").replace("-", "")
    return len(core) > 1 and core.isalpha() and word[0].isupper() and any(c.islower() for c in core)


def _name_like(text: str) -> bool:
    """An NER "organisation" that is really a person's name: 1-3 capitalised words (any
    alphabet: "Siobhán Ní Dhuibhir"), no org words."""
    words = text.replace("\u2019s", "").replace("'s", "").split()
    return 1 <= len(words) <= 3 and all(_name_shaped(w) and w.lower() not in _ORG_WORDS
                                        for w in words)


@dataclass
class Detection:
    """One thing to report (and, for ``redact``, replace) in one block."""

    block: int
    start: int
    end: int
    text: str
    entity: str
    score: float
    term: Term | None = None     # set for case-register matches (ANO001)
    credit: bool = False         # the report's author, reviewer or chair, named on purpose
    pseudonym: bool = False      # a name the report declares it chose ("Holly (not her real name)")

    @property
    def registered(self) -> bool:
        return self.term is not None


class _Taken:
    """Non-overlapping spans kept so far, sorted, with O(log n) overlap queries."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []

    def overlapping(self, s: int, e: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.starts, e)
        out = []
        while i > 0 and self.spans[i - 1][1] > s:
            out.append(self.spans[i - 1])
            i -= 1
        return out

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.spans.insert(i, (s, e))

    def remove(self, s: int, e: int) -> None:
        i = self.spans.index((s, e))
        del self.starts[i], self.spans[i]


def _line_pieces(text: str, s: int, e: int):
    """``[s, e)`` cut at line breaks, each piece without the spaces at its ends."""
    pos = s
    for part in text[s:e].split("\n"):
        a, b = pos, pos + len(part)
        pos = b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            yield a, b


_FUNCTION_TAIL = re.compile(r"(?:\s+(?:on|in|at|of|the|and|to|for|from|by|with|or|a|an))+$")
_ARTICLE_HEAD = re.compile(r"^(?:the|a|an)\s+", re.I)


def _trim_function_words(text: str, s: int, e: int) -> tuple[int, int]:
    """An NER span without the small words it ran into ("the Children's Centre on")."""
    m = _FUNCTION_TAIL.search(text, s, e)
    if m and m.end() == e:
        e = m.start()
    m = _ARTICLE_HEAD.match(text, s, e)
    if m and m.end() < e:
        s = m.end()
    return s, e


def _last_word(words) -> str:
    return re.sub(r"['\u2019]s$", "", words[-1]).lower()


def _inside_organisation(text: str, s: int, e: int) -> bool:
    """One word inside a title-case organisation name ("Youth Offending Service")."""
    from .cues import lexicon

    before = re.search(r"([A-Z][\w'\u2019-]*)[ \t]+$", text[max(0, s - 40):s])
    after = re.match(r"[ \t]+([A-Z][\w'\u2019-]*)", text[e:e + 40])
    if not before or not after:
        return False
    tail = after.group(1).lower()
    return tail in _ORG_WORDS or tail in lexicon("role_words")


def _trim_roles(text: str, s: int, e: int) -> tuple[int, int]:
    """A person's name without the role or heading words NER ran into ("Designated Nurse Helen
    Ashworth" -> "Helen Ashworth")."""
    from .cues import vocabulary

    vocab = vocabulary()
    while True:
        piece = text[s:e]
        words = piece.split()
        if len(words) < 2:
            return s, e
        first, last = words[0], words[-1]
        if first.strip(",.:;").lower() in vocab:
            s += piece.index(first) + len(first)
            while s < e and not text[s].isalnum():
                s += 1
        elif last.strip(",.:;").lower() in vocab:
            e = s + piece.rindex(last)
            while e > s and not text[e - 1].isalnum():
                e -= 1
        else:
            return s, e


def _initial_stop(text: str, s: int, e: int) -> bool:
    """The full stop closing an initial ("K.M.", "J.") belongs to the name."""
    return text[e - 1] == "." and e - 2 >= s and text[e - 2].isupper() and \
        (e - 3 < s or not text[e - 3].isalnum())


def _vocabulary_counts(text: str, s: int, words, kind: str) -> bool:
    """Whether the document's own lower-case words count against an NER name here: always in
    headings, contents and for phrases ("Critical Incident"); for one word in prose only when it
    opens a sentence ("Neglect was ..."), since NER tagging "Summer" mid-sentence is evidence."""
    if kind in ("heading", "contents") or len(words) > 1:
        return True
    before = text[:s].rstrip(" \t\"'\u201c\u2018(")
    # a numbered paragraph opens here ("8.1 Records in each agency ...")
    before = re.sub(r"(?:^|(?<=\n))[ \t]*\d+(?:\.\d+)*\.?$", "", before)
    # a sentence, a line or a bulleted item opens here ("  \u2022 Raises or may raise ...")
    return not before or before.endswith((".", "!", "?", ":", "\n", "\t", "\u2022", "\u25aa", "\u00b7", "*", "-",
                                          "\u2013"))


def _all_in(words, *lists: str) -> bool:
    """Every word belongs to one of the lexicons ``lists`` (one list for the whole phrase)."""
    from .cues import lexicon

    for name in lists:
        known = lexicon(name)
        if all(w.lower().replace("\u2019", "'") in known for w in words):
            return True
    return False


_LINKS = {"and", "or", "of", "any", "other"}


def _in_identity_phrase(text: str, s: int, e: int) -> bool:
    """One identity word ("White") standing in a longer identity phrase on its line: a capitalised
    identity word next to it, over "and"/"or" ("White and Black Caribbean", "Mixed White")."""
    from .cues import lexicon, line_bounds

    known = lexicon("identity_words")
    if text[s:e].lower() not in known:
        return False
    a, b = line_bounds(text, s, e)
    before = re.findall(r"[^\W\d_][\w'\u2019-]*", text[a:s])[-2:]
    after = re.findall(r"[^\W\d_][\w'\u2019-]*", text[e:b])[:2]

    def content(ws):
        ws = [w for w in ws if w.lower() not in _LINKS]
        return ws[0] if ws else None

    near = [content(list(reversed(before))), content(after)]
    return any(w and w[0].isupper() and w.lower() in known for w in near)


def _structured_public(text: str, s: int, e: int, entity: str) -> bool:
    """A structured detection that identifies no one: an organisation's mailbox."""
    from .cues import organisational_mailbox

    return entity == "EMAIL_ADDRESS" and organisational_mailbox(text[s:e])


def _resolve(block: int, text: str, results, register_spans, allow, allow_spans, lines,
             common, cited=frozenset()) -> list[Detection]:
    from .cues import ordinary_word_shape, vocabulary_words

    taken = _Taken()
    for s, e in register_spans:
        taken.add(s, e)
    structured, ner = [], []
    for r in results:
        if register_spans and taken.overlapping(r.start, r.end):
            continue
        (ner if r.entity_type in _NER else structured).append(r)
    taken = _Taken()
    kept: list[Detection] = []
    for r in sorted(structured, key=lambda r: (-r.score, -(r.end - r.start), r.start)):
        # a finding never crosses a line: a structured match keeps the line it starts on
        s, e = max(_line_pieces(text, r.start, r.end), key=lambda p: p[1] - p[0], default=(r.start, r.start))
        if e <= s or taken.overlapping(s, e) or _public_context(text, s, e, r.entity_type, allow_spans):
            continue
        if _structured_public(text, s, e, r.entity_type):
            taken.add(s, e)  # nothing inside a public mailbox is reported either ("safeguarding.partners")
            continue
        if not allow.allows(text, s, e, allow_spans):
            kept.append(Detection(block, s, e, text[s:e], r.entity_type, r.score))
            taken.add(s, e)
    for r in sorted(ner, key=lambda r: (-(r.end - r.start), r.start)):
        for s, e in _line_pieces(text, r.start, r.end):
            # trim an NER span that ran into a structured match ("Exampleton EX4" + "EX4 7QT")
            for ds, de in sorted(taken.overlapping(s, e)):
                if s < de and ds < e:
                    if ds - s >= e - de:
                        e = ds
                    else:
                        s = de
            while s < e and not (text[s].isalnum()):
                s += 1
            while e > s and not (text[e - 1].isalnum() or _initial_stop(text, s, e)):
                e -= 1
            bracket = text.find("(", s, e)
            if bracket > s:
                e = bracket
                while e > s and not text[e - 1].isalnum():
                    e -= 1
            lead = re.match(r"\d+(?:\.\d+)*\.?[ \t]+", text[s:e])  # "2.2 Kayla": the paragraph's number
            if lead:
                s += lead.end()
            if r.entity_type == "PERSON":  # "Genogram 2.2": a name holds no numbers
                num = re.search(r"\s+\d", text[s:e])
                if num:
                    e = s + num.start()
            s, e = _trim_function_words(text, s, e)
            if e > s and r.entity_type != "LOCATION":
                s, e = _trim_roles(text, s, e)
            if e <= s or not any(c.isupper() for c in text[s:e]) or taken.overlapping(s, e):
                continue
            if allow.allows(text, s, e, allow_spans) or _public_context(text, s, e, r.entity_type, allow_spans):
                continue
            kind = lines.kind_at(s)
            words = re.findall(r"[^\W\d_][\w'\u2019-]*", text[s:e])
            if not words or vocabulary_words(words, common if _vocabulary_counts(text, s, words, kind) else ()):
                continue  # "Lessons Learnt", "Principal Social Worker", "Foreword"
            if len(words) > 1 and _all_in(words, "identity_words", "generic_public_words"):
                continue  # "Black British Caribbean", "the Town Hall", "the Endowment Fund"
            if len(words) == 1 and _in_identity_phrase(text, s, e):
                continue  # "White" of "Mixed White and Black Caribbean"
            if len(words) == 1 and _title_case_compound(words[0]):
                continue  # "Anglo-Saxon", "Front-Line", "Afro-Caribbean": no "Ellie-May"
            if kind == "contents" and len(words) == 1:
                continue  # one word of a contents entry ("Notify", "Expectations"): furniture
            if _citation(text, s, e) or (cited and _last_word(words) in cited):
                continue  # an author the report cites ("Sidebotham et al, 2016")
            if len(words) == 1 and _inside_organisation(text, s, e):
                continue  # "Offending" of "the Youth Offending Service"
            entity, score = r.entity_type, r.score
            if entity == "ORGANIZATION":
                if not _name_like(text[s:e]):
                    continue  # organisations are not reported; named institutions have their own rule
                entity, score = "PERSON", min(score, 0.6)
            if entity == "LOCATION" and kind == "heading" and len(words) == 1:
                continue
            if entity == "LOCATION" and len(words) == 1 and words[0].isupper() and len(words[0]) <= 3:
                continue  # "CP" (child protection), "ED": abbreviations, not places
            if entity == "LOCATION" and (any(w.lower() in BODY_WORDS for w in words)
                                         or words[-1].lower() in ("region", "regions")):
                continue  # "the City of York Safeguarding Partnership", "Humber Region": public bodies, areas
            if len(words) == 1 and (re.fullmatch(r"[A-Z]{2,6}s", words[0]) or words[0].lower() in _HONORIFICS):
                continue  # "CSPRs", "IMRs": plural abbreviations; "Ms" alone is no name
            if kind == "heading" and len(words) == 1 and ordinary_word_shape(words[0]) \
                    and not _TITLE_BEFORE.search(text, 0, s) and text[e:e + 1] not in ("'", "\u2019"):
                continue  # "Notify" of "Duty on Local Authorities to Notify Incidents"
            credit = entity == "PERSON" and kind != "header" and is_credit(text, s, e)
            kept.append(Detection(block, s, e, text[s:e], entity, score, credit=credit))
            taken.add(s, e)
    return kept


def _register_detections(i: int, text: str, hits, results, allow, common) -> tuple[list, list]:
    """Register hits in one block as detections: a hit inside an email address, web address
    or handle makes the whole address one registered finding; a registered name part inside
    a wider name is widened to the whole name (registered, without the entry's pseudonym)."""
    from .names import widen_register_hit, with_term

    wrappers = [r for r in results if r.entity_type in ("EMAIL_ADDRESS", "URL", "SOCIAL_MEDIA_HANDLE")]
    spans = None
    out = []
    used: list[tuple[int, int]] = []
    for h in hits:
        wrap = [r for r in wrappers if r.start <= h.start and h.end <= r.end and (r.end - r.start) > (h.end - h.start)]
        if wrap:
            r = max(wrap, key=lambda r: r.end - r.start)
            if any(a == r.start and b == r.end for a, b in used):
                continue
            used.append((r.start, r.end))
            out.append(Detection(i, r.start, r.end, text[r.start:r.end], r.entity_type, 1.0,
                                 with_term(h.term, wrapper=r.entity_type)))
            continue
        s, e, term = h.start, h.end, h.term
        if term.kind == "person":
            if spans is None:
                spans = allow.spans(text)
            s, e = widen_register_hit(text, h.start, h.end, common, allow, spans)
            if (s, e) != (h.start, h.end):
                term = with_term(term)
        out.append(Detection(i, s, e, text[s:e], term.entity, 1.0, term))
    return out, [(d.start, d.end) for d in out]


_CARD_ENTITIES = {"PHONE_NUMBER", "URL", "SOCIAL_MEDIA_HANDLE", "STREET_ADDRESS", "UK_POSTCODE",
                  "EMAIL_ADDRESS", "LOCATION", "PERSON", "INSTITUTION"}
_ANCHOR = re.compile(r"(?i)\b(?:safeguarding\s+(?:children\s+)?(?:partnership|board)|children(?:['\u2019]s)?\s+safeguarding\s+"
                     r"(?:partnership|board)|(?:borough|city|county|district)\s+council)\b")
_CARD_LABEL = re.compile(r"(?i)^\s*(?:tel(?:ephone)?|phone|e-?mail|web(?:site)?|twitter|x|facebook|instagram|linkedin"
                         r"|follow us(?: on [\w ]+)?|address|post|write to us|contact us)\s*[:.]")


def _public_contact_cards(blocks, found: list[Detection]) -> list[Detection]:
    """A partnership's back page: short lines naming a safeguarding partnership or council with
    its address, phone (not a mobile), website and accounts, and an organisation's mailbox.
    Its details are public even without a case file."""
    from .cues import organisational_mailbox

    def short(i):
        text = blocks[i].text
        return all(len(line) <= 90 for line in text.split("\n")) and text.count("\n") <= 12

    cards: set[int] = set()
    for i, block in enumerate(blocks):
        if not (_ANCHOR.search(block.text) and short(i)):
            continue
        run = [i]
        j = i + 1
        while j < len(blocks) and j <= i + 12 and short(j):
            run.append(j)
            j += 1
        text = "\n".join(blocks[k].text for k in run)
        mailbox = any(organisational_mailbox(m.group()) for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
        labels = sum(1 for k in run for line in blocks[k].text.split("\n") if _CARD_LABEL.match(line))
        if mailbox or labels >= 2:
            cards.update(run)
    if not cards:
        return found
    out = []
    for d in found:
        if d.block in cards and not d.registered and d.entity in _CARD_ENTITIES and _card_detail(d) \
                and _card_line(blocks[d.block].text, d.start):
            continue
        out.append(d)
    return out


def _card_line(text: str, s: int) -> bool:
    """A line of contact details, not of prose: after its label ("Telephone:") it holds no
    lower-case word of four letters or more outside addresses ("Civic Offices, 2 Minster Row")."""
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", s)
    line = text[a:len(text) if b < 0 else b]
    m = _CARD_LABEL.match(line)
    rest = line[m.end():] if m else line
    words = [w for w in rest.split() if not re.search(r"[@/]|\w\.\w", w)]
    return not any(re.fullmatch(r"[a-z]{4,}[.,;:]?", w) for w in words)


def _card_detail(d: Detection) -> bool:
    """What a back page publishes: not a mobile number, not a person's name or mailbox."""
    from .cues import organisational_mailbox

    digits = re.sub(r"\D", "", d.text)
    if d.entity == "PHONE_NUMBER":
        return not (digits.startswith("07") or digits.startswith("447"))
    if d.entity == "EMAIL_ADDRESS":
        return organisational_mailbox(d.text)
    if d.entity == "PERSON":
        return False
    return True


def _cover_blocks(blocks, lines: int = 25) -> set[int]:
    """The blocks of a document's first lines (its cover, a letter's head), before any
    paragraph of prose (a line of more than 25 words ending in a full stop)."""
    out, seen = set(), 0
    for i, b in enumerate(blocks):
        if b.location.part != "body" or not b.text.strip():
            continue
        if any(len(x.split()) > 25 and x.rstrip().endswith(".") for x in b.text.split("\n")):
            break
        out.add(i)
        seen += b.text.count("\n") + 1
        if seen >= lines:
            break
    return out


_DATE_LABEL = re.compile(r"(?i)^[ \t]*(?:(?:report|document|letter|issue|publication)\s+)?date[ \t]*:?[ \t]*"
                         r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]*)?$"
                         r"|(?i:\b(?:date|posted|published|updated|last[ \t]+updated)[ \t]*:[ \t]*"
                         r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]*)?)$")


def _dateline(text: str, s: int, e: int, above: str = "") -> bool:
    """The cover's or a letter's own date: after a bare "Date:" (or "Published:") label, or alone
    on its line under a label or credit line ("Author: ...", "Version 2"). Never when its line or
    the line above speaks of a life event ("Date of birth:") or names someone ("Child L"), nor in
    a pasted email's header."""
    from .cues import line_bounds

    a, b = line_bounds(text, s, e)
    before, after = text[a:s], text[e:b]
    prev = text[:a].rstrip("\n").rsplit("\n", 1)[-1] if a > 0 else above
    if _LIFE_WORDS.search(text[a:b]) or _LIFE_WORDS.search(prev) or _EMAIL_HEADER.search(text + "\n" + above):
        return False
    ends_here = not after.strip(" \t,.|") or after.lstrip().startswith("|")
    if _DATE_LABEL.search(before) and ends_here:
        return not re.search(r"\b(?:Child|Baby|Sibling|Young Person|in memory)\b", prev, re.I)
    alone = not before.strip(" \t,|") and ends_here
    # under a label or credit line, or under a document's title (four words or more, about no one)
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", prev) if len(w) >= 4]
    titled = len(prev.split()) >= 4 and not prev.rstrip().endswith((".", ";", ":", "!", "?")) \
        and sum(w[0].isupper() for w in words) * 2 >= len(words) and not re.search(
        r"(?i)\b(?:memory|child|baby|born|died|dear|chronology|timeline|events?|dates?|history)\b", prev)
    return alone and bool(_COVER_LABEL.search(prev) or titled)


#: the line above a cover's own date: a label or a credit ("Author: ...", "Version 2", "Final report")
_COVER_LABEL = re.compile(r"(?i)\b(?:author|reviewer|chair|version|published|publication|issued?|final|"
                          r"report|briefing|date)\b")
_EMAIL_HEADER = re.compile(r"(?im)^\s*(?:from|to|cc|subject|sent)\s*:")


_LIFE_WORDS = re.compile(r"(?i)\b(?:birth|born|death|died|d\.o\.b|dob|incident|admitted|injur)")


#: what may follow a name alone in its paragraph: nothing, or letters after a name ("MA. RN. RM.")
#: what may stand before a name alone in its paragraph: a title ("Dr Priya Nair")
_TITLE_ONLY = re.compile(r"^[ \t]*(?:" + "|".join(HONORIFICS) + r")\.?[ \t]+$")
_POST_NOMINALS = re.compile(r"[ \t.,]*(?:(?:[A-Z][A-Za-z]{0,6}[A-Z]|[A-Z]{2,7}|Dip\w*|Hons|M[A-Z]?[a-z]{1,3}|B[A-Z]?[a-z]{1,3})"
                            r"\.?[ \t.,()]*)*$")  # "MA. RN.", "MSc, PhD.", "BSc (Hons)", "MPhil"


def _credits_across_paragraphs(blocks, found: list[Detection]) -> None:
    """A name alone in its paragraph, with the credit on the paragraph before ("Independent
    reviewer:") or after ("Independent Chair, ..."), is a credit line too (Word keeps them apart)."""
    cover = _cover_blocks(blocks)
    for d in list(found):
        text = blocks[d.block].text
        if d.entity == "DATE" and not d.registered and text.strip() == d.text and d.block > 0 \
                and process_date_field(blocks[d.block - 1].text):
            found.remove(d)  # "Date approved:" then the date on its own (a cover page's fields)
            continue
        above = next((blocks[k].text for k in range(d.block - 1, -1, -1) if blocks[k].text.strip()), "") \
            if d.entity == "DATE" and d.block in cover else ""
        if d.entity == "DATE" and not d.registered and d.block in cover and \
                _dateline(text, d.start, d.end, above.rsplit("\n", 1)[-1]):
            found.remove(d)  # the cover's or the letter's own date ("Date: 22nd June 2021")
            continue
        if d.registered or d.credit or d.entity != "PERSON":
            continue
        if _TITLE_ONLY.sub("", text[:d.start]).strip(" \t") or not _POST_NOMINALS.match(text, d.end):
            continue
        after = blocks[d.block + 1].text if d.block + 1 < len(blocks) else ""
        before = blocks[d.block - 1].text if d.block > 0 else ""
        joined = before + "\n" + text + "\n" + after
        shift = len(before) + 1
        d.credit = is_credit(joined, d.start + shift, d.end + shift)


def detect(doc: Document, register: Register | None = None, *, case=None,
           min_score: float = DEFAULT_MIN_SCORE, settings: Settings | None = None,
           ner: bool = True, credits: bool = False) -> list[Detection]:
    """Everything to report in ``doc``: register hits first-class, then detections.

    ``credits``: also return the names given as the report's author, reviewer or chair
    (``Detection.credit``), which ``scan`` reports as information; ``redact`` leaves them."""
    from .allowlist import build_allowlist
    from .cues import Lines, formal_lower_words

    settings = settings or Settings()
    terms = compile_terms(register) if register is not None else []
    blocks = doc.blocks
    texts = [b.text for b in blocks]
    public = (*settings.allow_terms, *case_public_names(case), *partnership_terms(settings.partnership),
              *body_place_names(texts))
    cited = cited_authors(texts)
    allow = build_allowlist(settings.allow, public)
    common = formal_lower_words(texts)
    hits = [find_terms(t, terms) if terms else [] for t in texts]
    results: dict[str, tuple] = {}
    if ner:
        from .engine import analyze_texts

        unique = list(dict.fromkeys(t for t in texts if t.strip()))
        masks = [allow.spans(t) for t in unique]
        results = dict(zip(unique, zip(analyze_texts(unique, settings.model, min_score, masks), masks)))
    out: list[Detection] = []
    line_info = []
    for i, block in enumerate(blocks):
        found, mask = results.get(block.text, ([], None))
        registered, register_spans = _register_detections(i, block.text, hits[i], found, allow, common)
        out += registered
        lines = Lines(block.text, heading_block=block.kind == "heading", contents_block=block.contents)
        line_info.append(lines)
        if ner and block.text.strip():
            out += _resolve(i, block.text, found, register_spans, allow, mask, lines, common, cited)
    _credits_across_paragraphs(blocks, out)
    _credits_by_name(out)
    _declared_pseudonyms(blocks, out)
    out = _public_contact_cards(blocks, out)
    if ner and min_score <= 0.6:
        from .propagate import propagate

        out = propagate(blocks, out, allow, common, line_info, cited)
    if not credits:
        out = [d for d in out if not d.credit]
    return _without_overlaps(out)


def _without_overlaps(found: list[Detection]) -> list[Detection]:
    """One finding for each piece of text: where two overlap, the register's wins, then the
    longer (two edits over the same letters would garble a redacted copy)."""
    ranked = sorted(found, key=lambda d: (not d.registered, -(d.end - d.start), d.block, d.start))
    taken: dict[int, _Taken] = {}
    kept = []
    for d in ranked:
        t = taken.setdefault(d.block, _Taken())
        if t.overlapping(d.start, d.end):
            continue
        t.add(d.start, d.end)
        kept.append(d)
    kept.sort(key=lambda d: (d.block, d.start))
    return kept


def _title_case_compound(word: str) -> bool:
    from .recognizers import _forename_pair

    pair = re.fullmatch(r"([A-Z][a-z]+)-([A-Z][a-z]+)", word)
    return bool(pair) and not _forename_pair(pair.group(1).lower(), pair.group(2).lower())


_HONORIFICS = {h.lower() for h in HONORIFICS}
#: an honorific just before a word makes it a name ("Account of Mr Worship")
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor|Sir|Dame)\.?[ \t]+$")


_PSEUDO_NAME = r"[\"'\u201c\u2018]?([A-Z][a-z'\u2019-]+)[\"'\u201d\u2019]?"
_THIS_DOC = r"this[ \t]+(?:report|review|briefing|document)\b(?![ \t]+(?:period|timeline|meeting|team|process))"
#: what a report writes when it gives a name it chose (one word, the report's own): "Holly (not her
#: real name)", "referred to as Holly in this report", "the pseudonym Holly", "Holly is a
#: pseudonym", "the name Holly has been used in this report". Never an alias someone used ("posted
#: under the pseudonym ...", "gave the name ... (not her real name)", "... was a pseudonym used by")
_PSEUDO_DECLARED = [
    re.compile(_PSEUDO_NAME + r"[ \t]*\((?:this is )?(?:not (?:his|her|their|the child['\u2019]s) real name"
               r"|a pseudonym|pseudonym)\)"),
    re.compile(r"(?i:\b(?:referred to|known|called|named)[ \t]+(?:as[ \t]+)?)" + _PSEUDO_NAME +
               r"(?i:[ \t]+(?:in|throughout)[ \t]+" + _THIS_DOC + r")"),
    re.compile(r"(?<!under )(?<!Under )(?i:\bthe[ \t]+pseudonym[ \t]+)" + _PSEUDO_NAME + r"(?![ \t]+[A-Z])"
               r"(?![ \t]+(?i:used|chosen|that|which))"),
    re.compile(_PSEUDO_NAME + r"(?i:[ \t]+is[ \t]+(?:a|the)[ \t]+pseudonym)(?![ \t]+(?i:used|for|of))"),
    re.compile(r"(?i:\bthe[ \t]+name[ \t]+)" + _PSEUDO_NAME +
               r"(?i:[ \t]+(?:has|have)[ \t]+been[ \t]+(?:used|given|chosen)[ \t]+(?:in|throughout|for)[ \t]+"
               + _THIS_DOC + r")"),
]
#: words before a name that make it someone's alias, not the report's choice
_ALIAS_BEFORE = re.compile(r"(?i)\b(?:gave|give|gives|giving|used|uses|using|under|calls?|called|alias|named|"
                           r"name|nickname|known)\b[\w \t'\u2019]{0,20}$")


#: "Kayla, referred to as Holly in this report": the name before the declaration is the real one
_REAL_BEFORE = re.compile(r"([A-Z][a-z'\u2019-]+(?:[ \t]+[A-Z][a-z'\u2019-]+)?)[ \t]*,[ \t]*(?:who[ \t]+(?:is|will[ \t]+be)"
                          r"[ \t]+)?(?:referred[ \t]+to|known|called)[ \t]+as[ \t]")


def _declared_pseudonyms(blocks, found: list[Detection]) -> None:
    """Names the report says it chose (pseudonyms) are published on purpose: reported as
    information and left by ``redact``, wherever the document writes them."""
    names: set[str] = set()
    for b in blocks:
        for k, rx in enumerate(_PSEUDO_DECLARED):
            for m in rx.finditer(b.text):
                before = b.text[max(0, m.start(1) - 30):m.start(1)].rstrip(" \t\"'\u201c\u2018")
                if re.search(r"[A-Z][\w'\u2019-]*$", before) and not re.search(r"(?:^|[.!?:]\s*)[A-Z][\w'\u2019-]*$", before):
                    continue  # the second word of a longer name ("Kayla Stott (not her real name)")
                if k in (0, 3) and _ALIAS_BEFORE.search(before):
                    continue  # an alias: "Mother gave the name Kayla (not her real name)"
                names.add(m.group(1).lower())
    for i, b in enumerate(blocks):  # the real name a declaration gives away is a name (a warning)
        for m in _REAL_BEFORE.finditer(b.text):
            s, e = m.span(1)
            if not re.match(r"(?:The|This|These|He|She|They|It|Who)\b", m.group(1)) and \
                    not any(d.block == i and d.start < e and s < d.end for d in found):
                found.append(Detection(i, s, e, b.text[s:e], "PERSON", 0.7))
    if not names:
        return
    for d in found:
        if d.registered or d.entity not in ("PERSON", "LOCATION"):
            continue
        words = [w.lower() for w in re.findall(r"[^\W\d_][\w'\u2019-]*", re.sub(r"['\u2019]s\b", "", d.text))]
        if words and all(w in names for w in words):
            d.credit = d.pseudonym = True


def _credits_by_name(found: list[Detection]) -> None:
    """A full name credited once (the author, a chair, a minister in office) is the same credit
    wherever else the document writes it whole ("Mel John-Ross"). A single word never inherits:
    "Jane, aged nine" is not the reviewer Jane Ashdown."""
    def key(text):
        return " ".join(re.findall(r"[^\W\d_][\w'\u2019-]*", re.sub(r"['\u2019]s\b", "", text))).lower()

    names = {key(d.text) for d in found if d.credit and d.entity == "PERSON" and len(d.text.split()) > 1}
    for d in found:
        if d.entity == "PERSON" and not d.credit and not d.registered and len(d.text.split()) > 1 \
                and key(d.text) in names:
            d.credit = True


def to_finding(d: Detection, block: Block, start: int | None = None, end: int | None = None) -> Finding:
    """The SPEC §6 finding for a detection (the message never repeats the identifying text);
    ``start``/``end`` pick one line's part of a registered name split over a line break."""
    start = d.start if start is None else start
    end = d.end if end is None else end
    loc = block.span(start, end)
    text = block.text[start:end]
    if d.registered:
        what = {"person": "a name", "place": "a place", "other": "a listed detail"}[d.term.kind]
        use = f"; use '{d.term.pseudonym}'" if d.term.pseudonym else ""
        return make_finding("ANO001", f"case register: {what} from the register appears here{use}",
                            loc, text=text, entity=d.entity, score=1.0)
    if d.pseudonym:
        return make_finding("ANO002", "a name the report says it chose (a pseudonym, published on purpose)",
                            loc, severity="info", text=text, entity="PERSON", score=round(d.score, 2))
    if d.credit:
        return make_finding("ANO002", "name given as the report's author, reviewer or chair "
                                      "(a credit line, published on purpose)",
                            loc, severity="info", text=text, entity=d.entity, score=round(d.score, 2))
    return make_finding("ANO002", f"possible {LABELS.get(d.entity, d.entity)} "
                                  f"({d.entity}, score {d.score:.2f})",
                        loc, text=text, entity=d.entity, score=round(d.score, 2))


def scan_document(doc: Document, register: Register | None = None, *, case=None,
                  min_score: float = DEFAULT_MIN_SCORE, settings: Settings | None = None,
                  credits: bool = False) -> list[Finding]:
    """ANO001 (register text) and ANO002 (detected identifying detail) findings for ``doc``.
    A finding never crosses a line: a name split over a line break is one finding a line.
    ``credits``: report names given as the report's author, reviewer or chair as ``info``
    (``scan`` does; ``check`` knows the reviewer from the case file and leaves them out)."""
    out = []
    for d in detect(doc, register, case=case, min_score=min_score, settings=settings, credits=credits):
        block = doc.blocks[d.block]
        if "\n" not in d.text:
            out.append(to_finding(d, block))
            continue
        out += [to_finding(d, block, a, b) for a, b in _line_pieces(block.text, d.start, d.end)]
    return out
