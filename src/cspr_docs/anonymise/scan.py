"""``scan``: register matches (ANO001) and detected identifying details (ANO002) in a Document."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from ..document import Block, Document
from ..findings import Finding, make_finding
from .register import HONORIFICS, Register, Term, compile_terms, find_terms
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
#: Words that make an NER "organisation" a real organisation rather than a mislabelled name.
_ORG_WORDS = set("""council service services team trust care police nhs centre center school academy
hospital ltd limited board partnership department unit agency authority court group association
church club office housing hub panel foundation society university college commission government
ministry company network project charity aid clinic surgery practice nursery health social education
children family families safeguarding review plan act conference constabulary probation justice prison
bank home homes partners county borough city district city mosque temple gurdwara academy federation
commissioner inspectorate institute directorate programme program scheme law order insurance benefit
credit allowance payment universal national""".split())
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?")


#: The reviewer must be named in a published report (REV001): "Lead reviewer: Jane Smith",
#: "written by Jane Smith", "Jane Smith, the independent reviewer" are not leaks.
_REVIEWER_BEFORE = re.compile(
    r"(?i)\b(?:reviewer|author|written by|authored by|reviewed by|prepared by)\s*"
    r"(?:[:,\-\u2013\u2014(]\s*|is\s+|was\s+)?(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor)\.?\s+)?$")
_REVIEWER_AFTER = re.compile(r"(?i)^\s*(?:[,(\u2013\u2014-]\s*)(?:the\s+|an?\s+)?(?:lead\s+|independent\s+)?"
                             r"(?:reviewer|author)\b")
#: A recommendation's timescale ("by 31 March 2027") is not a date in the child's life.
_DEADLINE_BEFORE = re.compile(r"(?i)(?:\bby|\bno later than|\bdue(?: date)?(?: by)?|\bdeadline|"
                              r"\btimescales?|\bcompleted? by|\breview date)\W{0,3}(?:the\s+)?$")


def _public_context(text: str, s: int, e: int, entity: str, allow_spans) -> bool:
    """Context that makes a detection public: the reviewer's name, a public body's place name
    ("Northshire" in "Northshire Safeguarding Children Partnership"), a recommendation deadline."""
    before = text[max(0, s - 40):s]
    if entity == "DATE":
        day = parse_date(text[s:e])
        # a deadline ("by 31 March 2027") or any date still to come is the review's schedule,
        # not an event in the child's life
        return bool(_DEADLINE_BEFORE.search(before)) or (day is not None and day > date.today())
    if entity not in _NER:
        return False
    if entity in ("PERSON", "ORGANIZATION") and (_REVIEWER_BEFORE.search(before)
                                                  or _REVIEWER_AFTER.match(text[e:e + 40])):
        return True
    # the place name that opens an allow-listed body's name ("Exampleton Council")
    i = bisect.bisect_left(allow_spans, (e, -1))
    for a, _b in allow_spans[i:i + 2]:
        gap = text[e:a]
        if a >= e and len(gap) <= 2 and not gap.strip() and text[a:a + 4].lower() != "the ":
            return True
    return False


def _name_like(text: str) -> bool:
    """An NER "organisation" that is really a person's name: 1-3 capitalised words, no org words."""
    words = text.replace("\u2019s", "").replace("'s", "").split()
    return 1 <= len(words) <= 3 and all(_NAME_WORD.fullmatch(w) and w.lower() not in _ORG_WORDS
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

    @property
    def registered(self) -> bool:
        return self.term is not None


def case_public_names(case) -> list[str]:
    """Names a case file publishes anyway (partnership, authority, reviewer, agencies)."""
    if case is None:
        return []
    names: list[str | None] = []
    if case.case:
        names += [case.case.partnership, case.case.local_authority, case.case.reference]
    if case.child:
        names.append(case.child.pseudonym)
    review = case.review
    if review and review.reviewer and review.reviewer.name:
        names.append(review.reviewer.name)
        names += [w for w in review.reviewer.name.split() if len(w) > 2]
    if case.rapid_review and case.rapid_review.agencies:
        names += [a.name for a in case.rapid_review.agencies]
    if review and review.recommendations:
        names += [r.owner for r in review.recommendations]
    names += [text for day in _process_dates(case) for text in date_forms(day)]
    return [n for n in names if n and n.strip()]


def _process_dates(case) -> set:
    """Dates of the review process a report publishes (meetings, decisions, deadlines,
    publication): not dates in the child's life. The incident date is never among them."""
    days = set()
    for section in ("notification", "rapid_review", "review", "publication"):
        obj = getattr(case, section, None)
        if obj is not None:
            days.update(v for k, v in obj if isinstance(v, date) and k != "sos_ofsted_notified")
    review = case.review
    if review:
        if review.commissioning_notified:
            days.update(v for _, v in review.commissioning_notified if isinstance(v, date))
        if review.scope:
            days.update(v for _, v in review.scope if isinstance(v, date))
        days.update(r.due for r in review.recommendations or [] if r.due)
    days.update(d.sent for d in case.distribution or [] if d.sent)
    if case.incident:
        days -= {case.incident.date, case.incident.la_aware_date}
    return days


_MONTH_NUM = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def parse_date(text: str):
    """The ``date`` a detected exact date names, or None (day-month without a year, nonsense)."""
    t = text.strip().lower().replace(",", " ").replace(" of ", " ")
    try:
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})", t)
        if m:
            year = int(m.group(3))
            return date(year + 2000 if year < 100 else year, _MONTH_NUM[m.group(2)], int(m.group(1)))
        m = re.fullmatch(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\d{4})", t)
        if m:
            return date(int(m.group(3)), _MONTH_NUM[m.group(1)], int(m.group(2)))
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", t)
        if m:
            year = int(m.group(3))
            return date(year + 2000 if year < 100 else year, int(m.group(2)), int(m.group(1)))
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except (KeyError, ValueError):
        return None
    return None


def date_forms(day) -> list[str]:
    """The ways a report writes ``day``: 16 September 2026, 16th September 2026, 16/09/2026 ..."""
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day.day, "th")
    month = day.strftime("%B")
    return [f"{day.day} {month} {day.year}", f"{day.day}{suffix} {month} {day.year}",
            f"{day.day}{suffix} of {month} {day.year}", f"{month} {day.day}, {day.year}",
            f"{day.day} {month[:3]} {day.year}", day.strftime("%d/%m/%Y"),
            f"{day.day}/{day.month}/{day.year}", day.isoformat()]


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


def _resolve(block: int, text: str, results, register_spans, allow, allow_spans) -> list[Detection]:
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
        if taken.overlapping(r.start, r.end) or _public_context(text, r.start, r.end, r.entity_type,
                                                                 allow_spans):
            continue
        if not allow.allows(text, r.start, r.end, allow_spans):
            kept.append(Detection(block, r.start, r.end, text[r.start:r.end], r.entity_type, r.score))
            taken.add(r.start, r.end)
    for r in sorted(ner, key=lambda r: (-(r.end - r.start), r.start)):
        s, e = r.start, r.end
        # trim an NER span that ran into a structured match ("Exampleton EX4" + "EX4 7QT")
        for ds, de in sorted(taken.overlapping(s, e)):
            if s < de and ds < e:
                if ds - s >= e - de:
                    e = ds
                else:
                    s = de
        while s < e and not (text[s].isalnum()):
            s += 1
        while e > s and not (text[e - 1].isalnum()):
            e -= 1
        if e <= s or not any(c.isupper() for c in text[s:e]) or taken.overlapping(s, e):
            continue
        if allow.allows(text, s, e, allow_spans) or _public_context(text, s, e, r.entity_type, allow_spans):
            continue
        entity, score = r.entity_type, r.score
        if entity == "ORGANIZATION":
            if not _name_like(text[s:e]):
                continue  # organisations are not reported; named institutions have their own rule
            entity, score = "PERSON", min(score, 0.6)
        kept.append(Detection(block, s, e, text[s:e], entity, score))
        taken.add(s, e)
    return kept


def detect(doc: Document, register: Register | None = None, *, case=None,
           min_score: float = DEFAULT_MIN_SCORE, settings: Settings | None = None,
           ner: bool = True) -> list[Detection]:
    """Everything to report in ``doc``: register hits first-class, then detections."""
    from .allowlist import build_allowlist
    from .engine import analyze_texts

    settings = settings or Settings()
    terms = compile_terms(register) if register is not None else []
    allow = build_allowlist(settings.allow, (*settings.allow_terms, *case_public_names(case)))
    blocks = doc.blocks
    out: list[Detection] = []
    register_spans: list[list[tuple[int, int]]] = []
    for i, block in enumerate(blocks):
        hits = find_terms(block.text, terms) if terms else []
        register_spans.append([(h.start, h.end) for h in hits])
        out += [Detection(i, h.start, h.end, block.text[h.start:h.end], h.term.entity, 1.0, h.term)
                for h in hits]
    if ner:
        unique = list(dict.fromkeys(b.text for b in blocks if b.text.strip()))
        masks = [allow.spans(t) for t in unique]
        results = dict(zip(unique, zip(analyze_texts(unique, settings.model, min_score, masks), masks)))
        for i, block in enumerate(blocks):
            if not block.text.strip():
                continue
            found, mask = results[block.text]
            out += _resolve(i, block.text, found, register_spans[i], allow, mask)
        if min_score <= 0.6:
            out += _propagate_names(blocks, out, allow)
    out.sort(key=lambda d: (d.block, d.start))
    return out


_TITLE_WORDS = {t.lower() for t in HONORIFICS}


def _propagate_names(blocks, found: list[Detection], allow) -> list[Detection]:
    """A person found once is the same person everywhere: other mentions of their name parts
    ("Tomasz" after "Tomasz Nowak") are detections too (score 0.6)."""
    from .engine import lower_words

    texts = [b.text for b in blocks]
    common = lower_words(texts)
    parts: dict[str, float] = {}
    for d in found:
        if d.registered or d.entity != "PERSON":
            continue
        for word in re.findall(r"[A-Z][\w'\u2019-]+", d.text):
            word = re.sub(r"['\u2019]s$", "", word)
            if len(word) > 2 and word.lower() not in _TITLE_WORDS and word.lower() not in common:
                parts[word] = 0.6
    if not parts:
        return []
    pattern = re.compile(r"(?<![\w@])(?:" + "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
                         + r")(?![\w@])")
    by_block: dict[int, _Taken] = {}
    for d in found:
        by_block.setdefault(d.block, _Taken()).add(d.start, d.end)
    extra = []
    for i, text in enumerate(texts):
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        taken = by_block.setdefault(i, _Taken())
        spans = allow.spans(text)
        for m in matches:
            s, e = m.span()
            if taken.overlapping(s, e) or allow.allows(text, s, e, spans) or \
                    _public_context(text, s, e, "PERSON", spans):
                continue
            extra.append(Detection(i, s, e, m.group(), "PERSON", 0.6))
            taken.add(s, e)
    return extra


def to_finding(d: Detection, block: Block) -> Finding:
    """The SPEC §6 finding for a detection (the message never repeats the identifying text)."""
    loc = block.span(d.start, d.end)
    if d.registered:
        what = {"person": "a name", "place": "a place", "other": "a listed detail"}[d.term.kind]
        use = f"; use '{d.term.pseudonym}'" if d.term.pseudonym else ""
        return make_finding("ANO001", f"case register: {what} from the register appears here{use}",
                            loc, text=d.text, entity=d.entity, score=1.0)
    return make_finding("ANO002", f"possible {LABELS.get(d.entity, d.entity)} "
                                  f"({d.entity}, score {d.score:.2f})",
                        loc, text=d.text, entity=d.entity, score=round(d.score, 2))


def scan_document(doc: Document, register: Register | None = None, *, case=None,
                  min_score: float = DEFAULT_MIN_SCORE, settings: Settings | None = None) -> list[Finding]:
    """ANO001 (register text) and ANO002 (detected identifying detail) findings for ``doc``."""
    return [to_finding(d, doc.blocks[d.block])
            for d in detect(doc, register, case=case, min_score=min_score, settings=settings)]
