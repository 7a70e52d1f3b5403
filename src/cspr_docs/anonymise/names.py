"""Names found from cues and carried through a document.

- a register hit inside a wider name is widened to the whole name ("Liam" of "Liam X" in
  "Liam Lewandowski");
- names introduced by a cue: nicknames ("known as Gaz", "calls himself Big Mo", "gave his
  name as ..."), people in email headers ("To: Warsame, Hodan");
- initials and abbreviations a glossary or attendee list defines for something identifying
  ("Helen Ashworth-Leigh (HAL)", "KRI: Kelderby Royal Infirmary");
- propagation: a name found once is flagged wherever else it appears, in any letter case,
  with a possessive, or split over a line break (each line's part is its own finding).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import replace

from ..lexicon import FAMILY_AND_FAITH_TITLES, HONORIFICS
from .cues import Lines, header_names, inline_header_names, lexicon, speaker, vocabulary, vocabulary_words

_NAME_TOKEN = r"[A-Z][\w'\u2019]*(?:-[A-Z][\w'\u2019]*)*"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|del|della|le|la|al|el|bin|bint|ibn|ap|mac|ni|n\u00ed|nic|o|\u00f3|ua)"
#: a capitalised word or a particle followed by one, to the right of a name
_NEXT = re.compile(r"[ \t\u00a0]+((?:" + _PARTICLE + r"[ \t\u00a0]+){0,2}" + _NAME_TOKEN + r")", re.I)
_PREV = re.compile(r"(" + _NAME_TOKEN + r")[ \t\u00a0]+$")


def _cap_word(word: str) -> bool:
    return bool(word) and word[0].isupper() and not word.isupper()


def name_word_ok(word: str, common, allow, text: str, s: int, e: int, spans) -> bool:
    """``word`` (at ``text[s:e]``) can be part of a person's name: capitalised, not a role,
    heading or ordinary word, not allow-listed."""
    core = re.sub(r"['\u2019]s$", "", word)
    particles = [w for w in core.split() if re.fullmatch(_PARTICLE, w, re.I)]
    rest = [w for w in core.split() if w not in particles]
    if not rest or not all(w[0].isupper() for w in rest):
        return False
    if vocabulary_words(rest, common) or any(w.lower() in lexicon("heading_words") for w in rest):
        return False
    return not allow.allows(text, s, e, spans)


def widen_register_hit(text: str, s: int, e: int, common, allow, spans) -> tuple[int, int]:
    """A registered person's name part widened over the name it sits in ("Mia Walsh-Tennant" for
    the registered Mia Walsh: never "Sibling 1-Tennant")."""
    while True:
        m = re.match(r"-[A-Z][\w'\u2019]*", text[e:e + 40])
        if not m:
            break
        e += m.end()
    while True:
        m = re.search(r"[A-Z][\w'\u2019]*-$", text[max(0, s - 40):s])
        if not m:
            break
        s -= len(m.group())
    while True:
        m = _NEXT.match(text, e)
        if not m or not name_word_ok(m.group(1), common, allow, text, m.start(1), m.end(1), spans):
            break
        e = m.end(1)
    return widen_left(text, s, common, allow, spans), e


def widen_left(text: str, s: int, common, allow, spans) -> int:
    """The start of a name whose later word was found ("Ellie" of "Ellie Marsh" once "Marsh" is
    a found surname): capitalised name words before it, not a title, not an ordinary word."""
    while True:
        m = _PREV.search(text, max(0, s - 40), s)
        if not m:
            break
        before = text[:m.start(1)].rstrip(" \t")
        sentence_start = not before or before.endswith((".", "!", "?", ":", "\n")) or before.endswith("\n")
        word = m.group(1)
        if word.lower() in _TITLES or (sentence_start and word.lower() in common) or \
                not name_word_ok(word, common, allow, text, m.start(1), m.end(1), spans):
            break
        s = m.start(1)
    return s


_TITLES = {t.lower() for t in HONORIFICS + FAMILY_AND_FAITH_TITLES}


@lru_cache(maxsize=1)
def _cue_pattern():
    cues = sorted(lexicon("nickname_cues"), key=len, reverse=True)
    alts = "|".join(r"\s+".join(re.escape(w) for w in c.split()) for c in cues)
    return re.compile(r"(?i:\b(?:" + alts + r"))\s+[\"'\u201c\u2018]?(" + _NAME_TOKEN +
                      r"(?:[ \t]+" + _NAME_TOKEN + r"){0,2})")


def _person_like(name: str) -> bool:
    """A header entry that names a person, not a role or a team ("Detective Inspector",
    "Kelderby MASH Team")."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", name)
    vocab = vocabulary()
    return bool(words) and not any(w.isupper() or w.lower() in vocab for w in words)


def cue_names(text: str, lines: Lines, allow, spans, common=(), exchange: bool = False) -> list[tuple[int, int]]:
    """People named by a cue in ``text``: nicknames, email header names, and (``exchange``: the
    document holds a pasted exchange of messages) the speakers of message lines."""
    out = []
    for m in _cue_pattern().finditer(text):
        s, e = m.span(1)
        if not allow.allows(text, s, e, spans) and not m.group(1).isupper() and \
                not vocabulary_words(m.group(1).split(), common):  # "formerly known as Serious Case Reviews"
            out.append((s, e))
    pos = 0
    for kind, line in zip(lines.kinds, text.split("\n")):
        if kind == "header":
            out += [(pos + a, pos + b) for a, b in header_names(line)
                    if not allow.allows(text, pos + a, pos + b, spans) and _person_like(line[a:b])]
        else:
            out += [(pos + a, pos + b) for a, b in inline_header_names(line)
                    if not allow.allows(text, pos + a, pos + b, spans) and _person_like(line[a:b])]
        if kind == "message" and exchange:
            who = speaker(line)
            if who and not allow.allows(text, pos + who[0], pos + who[1], spans) and \
                    not vocabulary_words(line[who[0]:who[1]].split(), common):
                out.append((pos + who[0], pos + who[1]))
        pos += len(line) + 1
    return out


def initials_of(name: str) -> set[str]:
    """The ways ``name``'s initials are written: "Helen Ashworth-Leigh" -> HAL, HA;
    "Rory de Souza" -> RDS, RS; "Kelderby Royal Infirmary" -> KRI."""
    words = re.findall(r"[^\W\d_][\w'\u2019]*", re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I))
    full = "".join(w[0] for w in words)
    major = "".join(w[0] for w in words if w[0].isupper())
    first_last = "".join(w[0] for w in (name.split()[0], name.split()[-1])) if len(name.split()) > 1 else ""
    return {x.upper() for x in (full, major, first_last) if len(x) >= 2}


_DEFINED_AFTER = re.compile(r"^\s*\(\s*([A-Z][A-Za-z]{1,5})\s*\)")
_DEFINED_BEFORE = re.compile(r"(?:^|\n)[ \t]*([A-Z][A-Za-z]{1,5})[ \t]*(?:[:\t=\u2013\u2014-]|\s-\s)[ \t]*$")


def defined_initials(text: str, s: int, e: int) -> str | None:
    """The abbreviation ``text`` defines for the name at ``text[s:e]``: "Name (ABC)" or a
    glossary row "ABC: Name"."""
    name = text[s:e]
    m = _DEFINED_AFTER.match(text[e:e + 12])
    if m and m.group(1).upper() in initials_of(name):
        return m.group(1)
    m = _DEFINED_BEFORE.search(text[max(0, s - 12):s])
    if m and m.group(1).upper() in initials_of(name):
        return m.group(1)
    return None


def informal_ok(word_text: str, kind: str, common) -> bool:
    """A lower-case occurrence of a found name counts in a pasted message or post, or when the
    document never writes the word in lower case in its prose."""
    low = word_text.lower()
    return kind == "message" or low not in common


def with_term(term, *, wrapper: str | None = None):
    """The register term of a widened match: same entry, no pseudonym (it is a wider name).
    ``wrapper``: the entity (EMAIL_ADDRESS, URL, handle) the entry sits inside, which is
    replaced whole as a listed detail ("[email address]")."""
    if wrapper:
        return replace(term, pseudonym=None, index=-1, kind="other", entity=wrapper)
    return replace(term, pseudonym=None, index=-1)


#: one item of a list of people: optional numbering or bullet, 2-4 name words, then nothing or
#: a role after a comma, dash, colon or bracket ("2. Darren Whitlow, Team Manager")
_BULLET = r"(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)]|[-*+\u2022\u25aa\u25e6\u00b7\u2013\u2043])"
_LIST_ITEM = re.compile(r"^[ \t]*(?:" + _BULLET + r"[ \t]+)?"
                        r"(" + _NAME_TOKEN + r"(?:[ \t]+(?:" + _PARTICLE + r"[ \t]+)?" + _NAME_TOKEN + r"){1,3})"
                        r"[ \t]*(?:$|[,(:\u2013\u2014]|[ \t]-[ \t])")
#: a short line of a list (an item that is not a name: "Early Help Team", "- Kelderby MASH")
_LIST_LINE = re.compile(r"^[ \t]*(?:" + _BULLET + r"[ \t]+)?\S.{0,80}$")


def _title(line: str) -> str:
    """A line as a list title: without Markdown marks, bold or a closing colon."""
    return re.sub(r"[#*_:\s]+", " ", line).strip().lower()


def people_lists(lines: list[tuple[int, int, str, bool]], found: set[tuple[int, int, int]],
                 ok) -> list[tuple[int, int, int]]:
    """Names in lists of people, one a line, that the language model missed ("3. Priya Sandhu"
    after "1. Kelly Ashworth" and "2. Darren Whitlow" were found).

    ``lines``: every line of the document in order as (block, offset, text, contents);
    ``found``: (block, start, end) of the names already found; ``ok(block, start, end)``: the
    words can be a person's name (not a role, an organisation, a heading word, allow-listed).
    Under a "people" title ("Attendees", "## Present", "In attendance:") every name-shaped item
    of the list that follows counts, other items (a team) skipped; without one, a run of at
    least two list lines each holding only a name (and a role) counts when one of its names
    was found exactly."""
    titles = lexicon("people_list_titles")
    out: list[tuple[int, int, int]] = []
    i = 0
    while i < len(lines):
        if _title(lines[i][2]) in titles:
            j = i + 1
            while j < len(lines) and not lines[j][2].strip():
                j += 1  # a blank line under the title
            while j < len(lines) and not lines[j][3] and _LIST_LINE.match(lines[j][2]) \
                    and not lines[j][2].rstrip().endswith(".") or (j < len(lines) and lines[j][2].strip()
                                                                    and _LIST_ITEM.match(lines[j][2])):
                block, pos, line, _ = lines[j]
                m = _LIST_ITEM.match(line)
                if m and ok(block, pos + m.start(1), pos + m.end(1), True):
                    item = (block, pos + m.start(1), pos + m.end(1))
                    if item not in found:
                        out.append(item)
                j += 1
            i = j
            continue
        run = []
        j = i
        while j < len(lines):
            block, pos, line, contents = lines[j]
            m = None if contents else _LIST_ITEM.match(line)
            if not m or not ok(block, pos + m.start(1), pos + m.end(1)):
                break
            run.append((block, pos + m.start(1), pos + m.end(1)))
            j += 1
        if len(run) >= 2 and any(item in found for item in run):
            out += [item for item in run if item not in found]
            i = j
        else:
            i += 1
    return out
