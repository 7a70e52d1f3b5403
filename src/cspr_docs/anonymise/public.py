"""What a report publishes on purpose, and so ``scan`` does not flag: credit lines (the
author, reviewer or chair), the case file's public names and the partnership's contact details,
the review's own process dates, area names of public bodies the document names, cited authors.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from ..lexicon import MONTHS, SEASONS

_NER = {"PERSON", "LOCATION", "ORGANIZATION"}

#: Words that make an NER "organisation" a real organisation rather than a mislabelled name.
_ORG_WORDS = set("""council service services team trust care police nhs centre center school academy
hospital ltd limited board partnership department unit agency authority court group association
church club office housing hub panel foundation society university college commission government
ministry company network project charity aid clinic surgery practice nursery health social education
children family families safeguarding review plan act conference constabulary probation justice prison
bank home homes partners county borough city district city mosque temple gurdwara academy federation
commissioner inspectorate institute directorate programme program scheme law order insurance benefit
credit allowance payment universal national offices civic hall building buildings chambers headquarters
town""".split())


#: Credit lines: the report's author, reviewer or chair is named on purpose in a published report
#: ("Lead reviewer: Jane Smith", "written by Jane Smith", "chaired by Jane Smith", "Jane Smith,
#: the independent reviewer", a name on its own line above "Independent Chair, ..."). These count
#: on a short line (a credit line) or in a sentence about this report or review, never in any
#: sentence ("the high chair, Lola", "prepared by Craig", "reviewed by Dr Haddad").
_CREDIT_ROLE = (r"(?:(?:lead|independent|overview|report)\s+)?(?:reviewer|author|chair(?:person)?|scrutineer)"
                r"|(?:the\s+)?chair\s+of\s+the\s+[\w\s'\u2019-]{0,60}?(?:partnership|board|panel)")
_REVIEWER_BEFORE = re.compile(
    r"(?i)\b(?:" + _CREDIT_ROLE + r"|written by|authored by|reviewed by|prepared by|chaired by|"
    r"led by|foreword by|compiled by|undertaken by|conducted by|carried out by)\s*(?:[:,\-\u2013\u2014(]\s*|is\s+|was\s+)?"
    r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor)\.?\s+)?$")
_REVIEWER_AFTER = re.compile(r"(?i)^[ \t]*(?:[,(\u2013\u2014-][ \t]*|\n[ \t]*)(?:the\s+|an?\s+)?(?:"
                             + _CREDIT_ROLE + r")\b"
                             # the role on the next line is that name's, not a label for another
                             # ("Report into the death of Harley Brannigan" / "Author: Bronwen ...")
                             r"(?![ \t]*:[ \t]*\S)")
#: Holders of a national or senior public office, named in it with its capitals, in any sentence:
#: "the Minister of State, Ann Carver", "Ann Carver, Chief Constable", "Children's Commissioner"
_OFFICE = (r"Minister\s+of\s+State(?:\s+for\s+[A-Z][\w\s'\u2019]{2,40}?)?|Secretary\s+of\s+State"
           r"(?:\s+for\s+[A-Z][\w\s'\u2019]{2,40}?)?|(?:Deputy\s+|Assistant\s+)?Chief\s+Constable"
           r"|Director\s+of\s+Children['\u2019]?s\s+Services|Children['\u2019]?s\s+Commissioner"
           r"|(?:National\s+)?Panel\s+Members?|Members?\s+of\s+the\s+(?:National\s+)?Panel"
           r"|Chair\s+of\s+the\s+(?:[A-Z][\w'\u2019-]*\s+){0,5}?(?:Safeguarding|Children['\u2019]?s?)\s+"
           r"(?:[A-Z][\w'\u2019-]*\s+){0,4}?(?:Partnership|Board|Panel)|Chair\s+of\s+the\s+(?:LSCB|LSCP|SCP)"
           r"|Independent\s+(?:Chair(?:person)?|Scrutineer|Reviewer|Author)|Lead\s+Reviewer")
_OFFICE_BEFORE = re.compile(r"\b(?:" + _OFFICE + r")[ \t]*[,:\u2013\u2014(][ \t]*"
                            r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame)\.?[ \t]+)?$")
_OFFICE_AFTER = re.compile(r"^(?:[ \t]*[,(\u2013\u2014]|[ \t]+(?=(?:the|is|was)[ \t]))[ \t]*"
                           r"(?:(?:CBE|OBE|MBE|KBE|DBE|QPM)[ \t]*,?[ \t]*)?"
                           r"(?:(?:is|was)[ \t]+(?:(?:formerly|previously|now)[ \t]+)?)?(?:(?:the|a)[ \t]+)?(?:" + _OFFICE + r")\b"
                           # a senior post in brackets, with its capitals: "(Head of Children's Safeguards ...)"
                           r"|^[ \t]*\((?:the[ \t]+)?(?:(?:Assistant|Deputy|Executive|Corporate|Strategic)[ \t]+)?"
                           r"(?:Director[ \t]+of|Chief[ \t]+Executive|Cabinet[ \t]+Member|Lead[ \t]+Member"
                           r"|Head[ \t]+of[ \t]+(?:Service|Children|Safeguarding|Quality|Early[ \t]+Help))\b")
#: This report or review named in the sentence: "This review was led by Jane Ashdown"
_THIS_REPORT = re.compile(r"(?i)\b(?:this|the)\s+(?:[\w-]+\s+){0,4}?(?:report|review|briefing|lcspr|cspr|scr)\b")
#: a qualified role names the report's own people in any sentence: "its independent chair and
#: scrutineer, Mel John-Ross", "the lead reviewer, Jane Ashdown" (never a bare "chair" or "author")
_QUALIFIED_BEFORE = re.compile(r"(?i)\b(?:independent|lead|overview)\s+(?:(?:chair|reviewer|author|scrutineer)"
                               r"(?:\s+and\s+)?)+\s*[:,\u2013\u2014(]?\s*$")
_SHORT_LINE_WORDS = 14
#: A recommendation's timescale ("by 31 March 2027") is not a date in the child's life.
_DEADLINE_BEFORE = re.compile(r"(?i)(?:\bby|\bno later than|\bdue(?: date)?(?: by)?|\bdeadline|"
                              r"\btimescales?|\bcompleted? by|\breview date)\W{0,3}(?:the\s+)?$")


#: The review's own process ("The Rapid Review met on 3 March 2021", "the Panel was notified on
#: ..."): its dates are published on purpose. Events in the child's life break the link.
_PROCESS = re.compile(r"(?i)\b(?:rapid review|the (?:national )?panel|notif(?:y|ied|ication)|commission(?:ed|ing)"
                      r"|terms of reference|publi(?:shed|cation)|learning (?:event|session|workshop)|practitioner"
                      r" (?:event|workshop|session)s?|review panel|panel meeting|(?:partnership|executive) "
                      r"(?:board|group|meeting)|signed off|lead reviewer was appointed|reviewer was appointed"
                      r"|(?:date )?approved|approval|ratified|endorsed|review date|issue date|date of issue"
                      r"|version date|next review|date published|evaluation letter|report date"
                      r"|date of (?:this )?(?:report|review|publication)|accessed|retrieved"
                      # the review's own papers going to the national bodies
                      r"|(?:submitted|sent)\s+to\s+(?:ofsted|(?:the\s+)?(?:national\s+)?panel|(?:the\s+)?secretary\s+of\s+state"
                      r"|(?:the\s+)?dfe|(?:the\s+)?department\s+for\s+education))\b")
_LIFE = re.compile(r"(?i)\b(?:died|death|born|birth|injur|admitted|seen|visited|incident|assault|harm|"
                   r"arrest|attended|referr|moved|discharged|found|taken|missing|school|nursery|home)")


def _process_date(text: str, s: int) -> bool:
    """A date the review's own process names, in the same sentence and close before it."""
    start = max(text.rfind(".", 0, s), text.rfind("\n", 0, s), text.rfind(";", 0, s), s - 90) + 1
    before = text[start:s]
    m = None
    for m in _PROCESS.finditer(before):
        pass
    if m is None:
        return False
    between = before[m.end():]
    word = m.group().lower()
    if word.startswith("notif") and not _NATIONAL.search(text[start:s + 60]):
        return False  # "Police were notified on ...": an event; "the Panel was notified on ...": the process
    if word.startswith("publi") and _POSTED.search(before[:m.start()]):
        return False  # "Mother's post published on ...": the family's own post
    return not _LIFE.search(between) and not re.search(r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\d/\d", between)


_NATIONAL = re.compile(r"(?i)\b(?:panel|ofsted|secretary\s+of\s+state|national|serious\s+incident|dfe|department)\b")
_POSTED = re.compile(r"(?i)\b(?:post|posts|message|messages|video|photo|picture|status|comment|story|tweet|"
                     r"snapchat|facebook|instagram|tiktok|youtube|blog)\b")


_LETTER_FROM = re.compile(r"^[ \t,]*(?:from|by)[ \t]+the[ \t]+(?:Minister|Secretary[ \t]+of[ \t]+State|"
                          r"(?:National[ \t]+)?Panel|Department[ \t]+for[ \t]+Education|DfE|Chair[ \t]+of[ \t]+the[ \t]+Panel)")


def _national_letter(text: str, s: int, e: int) -> bool:
    """"a letter dated 16 December 2008 from the Minister of State": the review's own papers."""
    return bool(re.search(r"(?i)\bletter[ \t]+dated[ \t]+$", text[max(0, s - 20):s])) and \
        bool(_LETTER_FROM.match(text[e:e + 60]))


def process_date_field(label: str) -> bool:
    """A paragraph that labels the next one as a process date ("Date approved:")."""
    label = label.strip()
    return label.endswith(":") and len(label) <= 40 and bool(_PROCESS.search(label))


def _public_context(text: str, s: int, e: int, entity: str, allow_spans) -> bool:
    """Context that makes a detection public: the reviewer's name, a public body's place name
    ("Northshire" in "Northshire Safeguarding Children Partnership"), a recommendation deadline."""
    before = text[max(0, s - 40):s]
    if entity == "DATE":
        day = parse_date(text[s:e])
        # a deadline ("by 31 March 2027") or any date still to come is the review's schedule,
        # not an event in the child's life
        return bool(_DEADLINE_BEFORE.search(before)) or (day is not None and day > date.today()) \
            or _process_date(text, s) or _national_letter(text, s, e)
    if entity not in _NER:
        return False
    # the place name that opens an allow-listed body's name ("Exampleton Council"); never a role
    # that follows a person's name ("Ricky Vane Chair of the tenants group", "Kelly Walsh Social Worker")
    i = bisect.bisect_left(allow_spans, (e, -1))
    for a, b in allow_spans[i:i + 2]:
        gap = text[e:a]
        if a >= e and len(gap) <= 2 and not gap.strip() and "\n" not in gap and text[a:a + 4].lower() != "the ":
            words = {w.lower() for w in re.findall(r"[A-Za-z]+", text[a:b])}
            if entity != "PERSON" or words & _BODY_NAME_WORDS:
                return True
    return False


#: words that end a public body's name ("Exampleton Council", "Kelderby Safeguarding Partnership")
#: words only a public body's name has ("the City of York Safeguarding Partnership"): an NER "place"
#: holding one is an organisation; "Town", "City", "Hall", "Bank" are in places' own names
BODY_WORDS = frozenset({"partnership", "council", "board", "trust", "service", "services", "constabulary",
                        "police", "authority", "commission", "department", "agency", "committee", "panel",
                        "safeguarding", "inspectorate", "directorate", "ministry", "government", "nhs", "icb"})
#: and the words that end a public body's name after its place ("Exampleton Borough", "... School")
_BODY_NAME_WORDS = BODY_WORDS | {"borough", "county", "city", "district", "hospital", "hospitals", "children",
                                 "university", "college", "school", "academy", "commissioner", "community",
                                 "health", "care", "fire", "rescue"}


#: A credit with no comma: "Ceryl Davies Independent Author", "Sue Hadley the Independent Chair",
#: an honour after the name ("Dale Simon, CBE"), a senior post in brackets ("Douglas Sinclair (Head
#: of Children's Safeguards ...)"): on a credit line only
_TITLED_AFTER = re.compile(r"^[ \t]+(?:the[ \t]+)?(?:(?:Independent|Lead|Overview|Report)[ \t]+)?"
                           r"(?:Author|Reviewer|Chair(?:person)?|Scrutineer)\b"
                           r"|^[ \t]*,?[ \t]*(?:CBE|OBE|MBE|KBE|DBE|QPM)\b"
                           r"|^[ \t]*\((?:the[ \t]+)?(?:(?:Assistant|Deputy|Executive|Corporate|Strategic)[ \t]+)?"
                           r"(?:Director|Chief[ \t]+Executive|Chief[ \t]+Constable|Chair|Cabinet[ \t]+Member|Lead[ \t]+Member"
                           r"|Head[ \t]+of[ \t]+(?:Service|Children|Safeguarding|Quality|Early[ \t]+Help))\b")


#: a family relationship in the same sentence: the name is the family's, whatever office it holds
_FAMILY = re.compile(r"(?i)\b(?:mother|father|mum|dad|grand(?:mother|father|ma|pa|dad|mum|parents?)|nan|nana|"
                     r"nanna|grandad|aunt|auntie|aunty|uncle|sister|brother|sibling|cousin|stepfather|stepmother|"
                     r"stepdad|stepmum|partner|boyfriend|girlfriend|husband|wife|son|daughter|niece|nephew|"
                     r"great-grand\w+|carer|foster\s+carer|kinship\s+carer|relative)s?\b|\b\w+['\u2019]?s\s+"
                     r"(?:mother|father|mum|dad|aunt|uncle|sister|brother|grandmother|grandfather|nan|partner)\b")


def _sentence(text: str, s: int, e: int) -> str:
    a = max(text.rfind(".", 0, s), text.rfind("\n", 0, s), text.rfind("?", 0, s), text.rfind("!", 0, s)) + 1
    ends = [i for i in (text.find(". ", e), text.find("\n", e)) if i >= 0]
    return text[a:min(ends) if ends else len(text)]


def _sentence_line(line: str) -> bool:
    stripped = line.strip()
    if re.match(r"\d+(?:\.\d+)+\s|\d+\.\s+[A-Z][a-z]+\s+\w+\s+\w+", stripped):
        return True  # "2.1 The meal was prepared by Craig": a numbered paragraph
    # a full stop closing the line, unless it closes letters after a name ("Jane Leather MA. RN.")
    return stripped.endswith(".") and not re.search(r"\b[A-Z][A-Za-z]{0,5}\.$", stripped)


def is_credit(text: str, s: int, e: int) -> bool:
    """The name at ``text[s:e]`` is given as the report's author, reviewer or chair (on a short
    credit line, or in a sentence about this report or review), or as the holder of a national or
    senior public office written with its capitals ("the Minister of State, Ann Carver")."""
    before, after = text[max(0, s - 80):s], text[e:e + 80]
    near = _sentence(text, s, e)
    if _FAMILY.search(near):
        return False  # "The grandfather, Alan Birtle, was formerly ...", "Leah Marsh, Ellie's mother"
    if _OFFICE_BEFORE.search(before) or _OFFICE_AFTER.match(after) or _QUALIFIED_BEFORE.search(before):
        return True
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    line = text[a:len(text) if b < 0 else b]
    # a credit line is short and is no sentence: no closing full stop, no paragraph number
    credit_line = len(line.split()) <= _SHORT_LINE_WORDS and not _sentence_line(line)
    if credit_line and _TITLED_AFTER.match(after):
        return True
    if not (_REVIEWER_BEFORE.search(before) or _REVIEWER_AFTER.match(after)):
        return False
    return credit_line or bool(_THIS_REPORT.search(_sentence(text, s, e)))


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


_PLACE_WORD = r"[A-Z][a-z]+(?:-(?:upon|on|in|under|le|next|the|[A-Z][a-z]+))*"
#: Public bodies named after their area: "Kelderby Safeguarding Children Partnership", "Kelderby
#: Borough Council", "Northbrook Hospitals NHS Foundation Trust".
_BODY = re.compile(
    r"(?<![\w'\u2019-])((?:The\s+)?" + _PLACE_WORD + r"(?:\s" + _PLACE_WORD + r")?)"
    r"(?=\s+(?:(?:Local\s+)?(?:Safeguarding\s+Children(?:['\u2019]s)?\s+(?:Partnership|Board)|Children(?:['\u2019]s)?\s+Safeguarding\s+"
    r"(?:Partnership|Board)|Safeguarding\s+(?:Partnership|Adults\s+Board|Children\s+Partnership))"
    r"|(?:Metropolitan\s+)?(?:Borough|City|County|District)\s+Council|Council\b|Police\b|Constabulary\b"
    r"|(?:Teaching\s+)?Hospitals?\s+NHS|(?:Community\s+)?(?:Health(?:care)?\s+)?NHS\s+(?:Foundation\s+)?Trust"
    r"|Integrated\s+Care\s+(?:Board|System)|Youth\s+Justice\s+Service|Children(?:['\u2019]s)?\s+Services\b))")


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


#: "(Sidebotham et al, 2016)", "Munro (2011)", "Brandon and Belderson, 2020", "Munro, E. (2011)"
_CITED = re.compile(r"\b([A-Z][\w'\u2019-]+)(?:,\s(?:[A-Z]\.\s?){1,3})?(?:\s+(?:et\s+al\.?|(?:and|&)\s+[A-Z][\w'\u2019-]+))?"
                    r",?\s*\(?(?:19|20)\d{2}[a-z]?\b")


def cited_authors(texts) -> frozenset[str]:
    """Surnames the document cites with a year: public wherever they appear in it."""
    out = set()
    for t in texts:
        if not re.search(r"(?:19|20)\d{2}", t):
            continue
        for m in _CITED.finditer(t):
            name = m.group(1)
            if not name.isupper() and name.lower() not in _MONTH_WORDS:
                out.add(name.lower())
            tail = re.search(r"(?:and|&)\s+([A-Z][\w'\u2019-]+)", m.group(0))
            if tail:
                out.add(tail.group(1).lower())
    return frozenset(out)


_MONTH_WORDS = {w.lower() for w in MONTHS + SEASONS} | {"christmas", "easter"}
