"""``scan``: register matches (ANO001) and detected identifying details (ANO002) in a Document."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from ..document import Block, Document
from ..findings import Finding, make_finding
from .register import Register, Term, compile_terms, find_terms
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


#: Credit lines: the report's author, reviewer or chair is named on purpose in a published report
#: ("Lead reviewer: Jane Smith", "written by Jane Smith", "chaired by Jane Smith", "Jane Smith,
#: the independent reviewer", a name on its own line above "Independent Chair, ...").
_CREDIT_ROLE = (r"(?:(?:lead|independent|overview|report)\s+)?(?:reviewer|author|chair(?:person)?|scrutineer)"
                r"|(?:the\s+)?chair\s+of\s+the\s+[\w\s'\u2019-]{0,60}?(?:partnership|board|panel)")
_REVIEWER_BEFORE = re.compile(
    r"(?i)\b(?:" + _CREDIT_ROLE + r"|written by|authored by|reviewed by|prepared by|chaired by|"
    r"led by|foreword by|compiled by)\s*(?:[:,\-\u2013\u2014(]\s*|is\s+|was\s+)?"
    r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor)\.?\s+)?$")
_REVIEWER_AFTER = re.compile(r"(?i)^[ \t]*(?:[,(\u2013\u2014-][ \t]*|\n[ \t]*)(?:the\s+|an?\s+)?(?:"
                             + _CREDIT_ROLE + r")\b")
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
    # the place name that opens an allow-listed body's name ("Exampleton Council")
    i = bisect.bisect_left(allow_spans, (e, -1))
    for a, _b in allow_spans[i:i + 2]:
        gap = text[e:a]
        if a >= e and len(gap) <= 2 and not gap.strip() and "\n" not in gap and text[a:a + 4].lower() != "the ":
            return True
    return False


def is_credit(text: str, s: int, e: int) -> bool:
    """The name at ``text[s:e]`` is given as the report's author, reviewer or chair."""
    return bool(_REVIEWER_BEFORE.search(text[max(0, s - 80):s]) or _REVIEWER_AFTER.match(text[e:e + 80]))


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
    credit: bool = False         # the report's author, reviewer or chair, named on purpose

    @property
    def registered(self) -> bool:
        return self.term is not None


def case_public_names(case) -> list[str]:
    """Names a case file publishes anyway (partnership and its public contact details,
    authority, reviewer, agencies)."""
    if case is None:
        return []
    names: list[str | None] = []
    if case.case:
        names += [case.case.reference]
        names += partnership_terms({"name": case.case.partnership,
                                    "local_authority": case.case.local_authority})
    block = getattr(case, "partnership", None)
    if block is not None:
        names += partnership_terms(block.model_dump())
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


def partnership_terms(details) -> list[str]:
    """Public, non-identifying details of a partnership (the case file's ``partnership:`` block
    or the configuration's, same field names: name, local_authority, address, phone, email,
    website, social, logo) as allow-list terms: each value whole, an address also line by line
    and part by part, a body's distinctive place word ("Kelderby" of "Kelderby Borough Council")."""
    if not details:
        return []
    out: list[str] = []
    for key in ("name", "local_authority", "address", "phone", "email", "website", "social", "logo"):
        value = details.get(key) if isinstance(details, dict) else getattr(details, key, None)
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in values:
            if not v or not str(v).strip():
                continue
            v = str(v).strip()
            out.append(v)
            if key == "address":
                out += [p.strip() for p in re.split(r"[,\n]", v) if p.strip()]
            elif key in ("name", "local_authority"):
                out += [w for w in re.findall(r"[A-Z][\w'\u2019-]+", v)
                        if len(w) > 2 and w.lower() not in _ORG_WORDS and w.lower() not in ("and", "the")]
            elif key == "website":
                out.append(re.sub(r"^(?:https?://)?(?:www\.)?", "", v).rstrip("/"))
            elif key == "social":
                out.append(v.lstrip("@"))
    return out


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


_PLACE_WORD = r"[A-Z][a-z]+(?:-(?:upon|on|in|under|le|next|the|[A-Z][a-z]+))*"
#: Public bodies named after their area: "Kelderby Safeguarding Children Partnership", "Kelderby
#: Borough Council", "Northbrook Hospitals NHS Foundation Trust".
_BODY = re.compile(
    r"(?<![\w'\u2019-])((?:The\s+)?" + _PLACE_WORD + r"(?:\s" + _PLACE_WORD + r")?)"
    r"(?=\s+(?:(?:Local\s+)?(?:Safeguarding\s+Children(?:'s)?\s+(?:Partnership|Board)|Children(?:'s)?\s+Safeguarding\s+"
    r"(?:Partnership|Board)|Safeguarding\s+(?:Partnership|Adults\s+Board|Children\s+Partnership))"
    r"|(?:Metropolitan\s+)?(?:Borough|City|County|District)\s+Council|Council\b|Police\b|Constabulary\b"
    r"|(?:Teaching\s+)?Hospitals?\s+NHS|(?:Community\s+)?(?:Health(?:care)?\s+)?NHS\s+(?:Foundation\s+)?Trust"
    r"|Integrated\s+Care\s+(?:Board|System)|Youth\s+Justice\s+Service|Children(?:'s)?\s+Services\b))")


_AREA_GENERIC = {"North", "South", "East", "West", "Borough", "City", "County", "District", "Hospitals",
                 "Hospital", "Teaching", "Community", "Royal", "Greater", "Metropolitan", "Upper", "Lower",
                 "Great", "Little", "New", "Old", "Central", "Mid", "Inner", "Outer"}


def body_place_names(texts) -> list[str]:
    """Area names the document itself uses to name public bodies ("Kelderby" of "Kelderby
    Borough Council"): public wherever they appear in it."""
    out: set[str] = set()
    for t in texts:
        if "Council" in t or "Partnership" in t or "Police" in t or "NHS" in t or "Board" in t \
                or "Constabulary" in t or "Services" in t or "Service" in t:
            for m in _BODY.finditer(t):
                words = [w for w in m.group(1).split() if w not in ("The", "Council", "Police", "Partnership")]
                if words and words[0] not in ("A", "An", "This", "Our", "Local", "Each", "Every", "And"):
                    out.add(" ".join(words))
                    out.update(w for w in words if w not in _AREA_GENERIC)
    return sorted(out)


_CITATION_AFTER = re.compile(r"^(?:['\u2019]s)?(?:\s+et\s+al\.?)?,?\s*\(?(?:19|20)\d{2}[a-z]?\b")
#: a line of a reference list: "Munro, E. (2011) ...", "Brandon M, Sidebotham P ... (2020)",
#: "Department for Education (2023) Working Together ..."
_REFERENCE_LINE = re.compile(r"^\s*(?:\[?\d{1,3}[.\]]\s*)?(?:[A-Z][\w'\u2019-]+,?\s(?:[A-Z]\.?\s?){1,3}[,(&.]"
                             r"|[^.\n]{0,80}\((?:19|20)\d{2}[a-z]?\))")


def _citation(text: str, s: int, e: int) -> bool:
    """An author cited in the text or listed in the references ("Brandon et al. (2020)",
    "Munro, E. (2011) ..."): public, not someone in the case."""
    if _CITATION_AFTER.match(text[e:e + 24]) or re.search(r"\bet\s+al\b", text[s:e]):
        return True
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    line = text[a:len(text) if b < 0 else b]
    return bool(_REFERENCE_LINE.match(line)) and bool(re.search(r"\b(?:19|20)\d{2}\b", line))


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


_EDGE_WORD = re.compile(r"^(\S+)\s+|\s+(\S+)$")


def _trim_roles(text: str, s: int, e: int) -> tuple[int, int]:
    """A person's name without the role or heading words NER ran into ("Designated Nurse Helen
    Ashworth" -> "Helen Ashworth")."""
    from .cues import lexicon

    vocab = lexicon("role_words") | lexicon("heading_words")
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
    return not before or before.endswith((".", "!", "?", ":", "\n", "\t"))


def _structured_public(text: str, s: int, e: int, entity: str) -> bool:
    """A structured detection that identifies no one: an organisation's mailbox."""
    from .cues import organisational_mailbox

    return entity == "EMAIL_ADDRESS" and organisational_mailbox(text[s:e])


def _resolve(block: int, text: str, results, register_spans, allow, allow_spans, lines,
             common) -> list[Detection]:
    from .cues import vocabulary_words

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
            if kind == "contents":
                continue  # a contents entry: names in it are caught where the text is
            if _citation(text, s, e):
                continue
            entity, score = r.entity_type, r.score
            if entity == "ORGANIZATION":
                if not _name_like(text[s:e]):
                    continue  # organisations are not reported; named institutions have their own rule
                entity, score = "PERSON", min(score, 0.6)
            if entity == "LOCATION" and kind == "heading" and len(words) == 1:
                continue
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
        lines = Lines(block.text, heading_block=block.kind == "heading")
        line_info.append(lines)
        if ner and block.text.strip():
            out += _resolve(i, block.text, found, register_spans, allow, mask, lines, common)
    if ner and min_score <= 0.6:
        from .propagate import propagate

        out = propagate(blocks, out, allow, common, line_info)
    if not credits:
        out = [d for d in out if not d.credit]
    out.sort(key=lambda d: (d.block, d.start))
    return out


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
    if d.credit:
        return make_finding("ANO002", "name given as the report's author, reviewer or chair "
                                      "(a credit line, published on purpose)",
                            loc, severity="info", text=text, entity=d.entity, score=round(d.score, 2))
    return make_finding("ANO002", f"possible {LABELS.get(d.entity, d.entity)} "
                                  f"({d.entity}, score {d.score:.2f})",
                        loc, text=text, entity=d.entity, score=round(d.score, 2))


def scan_document(doc: Document, register: Register | None = None, *, case=None,
                  min_score: float = DEFAULT_MIN_SCORE, settings: Settings | None = None) -> list[Finding]:
    """ANO001 (register text) and ANO002 (detected identifying detail) findings for ``doc``.
    A finding never crosses a line: a name split over a line break is one finding a line."""
    out = []
    for d in detect(doc, register, case=case, min_score=min_score, settings=settings, credits=True):
        block = doc.blocks[d.block]
        if "\n" not in d.text:
            out.append(to_finding(d, block))
            continue
        pos = d.start
        for part in d.text.split("\n"):
            a, b = pos, pos + len(part)
            pos = b + 1
            while a < b and block.text[a].isspace():
                a += 1
            while b > a and block.text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(to_finding(d, block, a, b))
    return out
