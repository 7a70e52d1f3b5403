"""The case register (SPEC §4): real details that must never be published, and how they match.

Every name, alias, place and literal becomes a case-insensitive regular expression that
tolerates titles (``Mrs Walsh``), possessives (``Jayden's``), repeated spaces and line
breaks. A person's forename and surname also match on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import InputError
from ..lexicon import FAMILY_AND_FAITH_TITLES, HONORIFICS

#: Everything a registered name may be preceded by, included in the match so that "Mrs Walsh"
#: or "Nan Sandra" is replaced whole (the lists live in lexicon.py)
TITLES = HONORIFICS + FAMILY_AND_FAITH_TITLES
_TITLE_RE = r"(?:(?:" + "|".join(TITLES) + r")\.?\s+)?"
#: Name particles that are never matched on their own.
_PARTICLES = {"de", "da", "del", "der", "van", "von", "le", "la", "du", "di", "al", "el", "bin", "st"}
_SEP = r"[\s\u00a0\u2009\u202f]+"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Person(_Model):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    pseudonym: str | None = None

    @field_validator("aliases", mode="before")
    @classmethod
    def _none_is_empty(cls, v):
        return [] if v is None else v


class Entry(_Model):
    text: str = Field(min_length=1)
    pseudonym: str | None = None


class Register(_Model):
    """A validated case register."""

    people: list[Person] = Field(default_factory=list)
    places: list[Entry] = Field(default_factory=list)
    other: list[Entry] = Field(default_factory=list)

    @field_validator("people", "places", "other", mode="before")
    @classmethod
    def _none_is_empty(cls, v):
        return [] if v is None else v

    def is_empty(self) -> bool:
        return not (self.people or self.places or self.other)


def load_register(path: str | Path) -> Register:
    """Load and validate ``register.yaml``; a broken register is an ``InputError`` naming the file.

    Messages name the field path only, never the register's contents.
    """
    from ..yamlio import line_of, load_yaml

    data = load_yaml(path)
    if data is None:
        return Register()
    if not isinstance(data, dict):
        raise InputError(path, "a case register must be a mapping with people, places and other")
    try:
        return Register.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or "(top level)"
        line = line_of(data, loc)
        kind = err["type"]
        if kind == "extra_forbidden":
            why = "unknown field (use people, places, other; name, aliases, pseudonym, text)"
        elif kind == "missing":
            why = "required"
        elif kind.startswith("string"):
            why = "must be non-empty text"
        elif kind == "list_type":
            why = "must be a list"
        else:
            why = "invalid value"
        more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise InputError(path, f"line {line}: {where}: {why}{more}") from None


@dataclass(frozen=True)
class Term:
    """One thing to look for: its regex, what it is and what replaces it."""

    kind: str            # person | place | other
    entity: str          # PERSON | LOCATION | REGISTER
    source: str          # the regular expression (compiled when first needed)
    pseudonym: str | None
    index: int           # which register entry (for consistent replacements)
    length: int          # length of the source text (longer terms win overlaps)
    key: str = ""        # the entry folded to letters and digits (see ``squeeze``)
    text: str = ""       # the register text itself (for the residue search's variants)
    initials: bool = False  # a short form made from a name ("K. Walsh", "JW"), not written in the register

    @property
    def pattern(self) -> re.Pattern:
        return _compile(self.source)


@lru_cache(maxsize=16384)
def _compile(source) -> re.Pattern:
    if isinstance(source, re.Pattern):  # a Term built with a compiled pattern
        return source
    return re.compile(source, re.IGNORECASE)


_NOT_ALNUM = re.compile(r"[\W_]+")
#: Letters ``re.IGNORECASE`` treats as equal that ``str.casefold`` keeps apart.
_FOLD_MORE = str.maketrans({"\u0131": "i"})


def squeeze(text: str) -> str:
    """``text`` case-folded with everything but letters and digits removed: any match of a
    register pattern contains its entry's squeezed form in the squeezed text."""
    return _NOT_ALNUM.sub("", text.casefold().translate(_FOLD_MORE))


class Terms(list):
    """Compiled register terms (longest first) with one Aho-Corasick automaton over their
    squeezed forms: a text is searched once for all entries, and only the entries found
    there run their exact patterns."""

    def __init__(self, terms) -> None:
        super().__init__(terms)
        import ahocorasick

        self._always = []
        self._automaton = ahocorasick.Automaton()
        keys: dict[str, list[int]] = {}
        for i, term in enumerate(self):
            if term.key:
                keys.setdefault(term.key, []).append(i)
            else:
                self._always.append(i)
        for key, owners in keys.items():
            self._automaton.add_word(key, owners)
        self._empty = not keys
        if keys:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[Term]:
        """The terms that may match ``text`` (a superset of those that do), longest first."""
        found = set(self._always)
        if not self._empty:
            for _end, owners in self._automaton.iter(squeeze(text)):
                found.update(owners)
        return [self[i] for i in sorted(found)]


def _words_pattern(text: str, *, title: bool) -> str:
    words = text.split()
    body = _SEP.join(re.escape(w) for w in words)
    # a trailing possessive is not part of the name; the lookarounds keep whole words only
    return (r"(?<![\w@])" + (_TITLE_RE if title else "") + body + r"(?![\w@])")


def _literal_pattern(text: str) -> str:
    """Literals (case numbers, phone numbers, dates): separators are optional between the
    literal's parts, between letters and digits, and between the digits of a number."""
    chunks = re.findall(r"[^\W\d_]+|\d+", text)
    if not chunks:
        return re.escape(text.strip())
    parts = [r"[\s\u00a0\-.]?".join(c) if c.isdigit() else re.escape(c) for c in chunks]
    body = r"[\s\u00a0\-./,_]*".join(parts)
    lead = re.escape(text.strip()[0]) + "?" if text.strip()[0] in "@#" else ""
    return r"(?<![^\W_])" + lead + body + r"(?![^\W_])"


def compile_terms(register: Register) -> Terms:
    """Every register entry as patterns, longest first, indexed for one-pass matching."""
    terms: list[Term] = []
    owners: dict[str, set[int]] = {}
    person_texts: list[tuple[int, str, bool]] = []
    for i, person in enumerate(register.people):
        names = [person.name, *person.aliases]
        words = person.name.split()
        parts = []
        if len(words) > 1:
            parts = [w for w in words if len(w.strip(".")) > 1 and w.lower() not in _PARTICLES]
        for text in dict.fromkeys([*names, *parts]):
            if text.strip():
                owners.setdefault(" ".join(text.split()).casefold(), set()).add(i)
                person_texts.append((i, text, text in names))
    added: set[str] = set()
    for i, text, _full in person_texts:
        # a surname shared by several people ("Mrs Walsh") has no single pseudonym
        folded = " ".join(text.split()).casefold()
        shared = len(owners[folded]) > 1
        if shared and folded in added:
            continue  # one term for a shared name, not one per person
        added.add(folded)
        pseudonym = None if shared else register.people[i].pseudonym
        terms.append(Term("person", "PERSON", _words_pattern(text, title=True),
                          pseudonym, -1 if shared else i, len(text), squeeze(text), text))
    terms += _initial_terms(register)
    for i, place in enumerate(register.places):
        pat = _words_pattern(place.text, title=False).replace(re.escape(",") + _SEP, r",?" + _SEP)
        # tolerate a missing or extra comma between the parts of an address
        pat = pat.replace(r"\,", r",?")
        terms.append(Term("place", "LOCATION", pat, place.pseudonym, i,
                          len(place.text), squeeze(place.text), place.text))
    for i, other in enumerate(register.other):
        terms.append(Term("other", "REGISTER", _literal_pattern(other.text),
                          other.pseudonym, i, len(other.text), squeeze(other.text),
                          other.text))
    terms.sort(key=lambda t: -t.length)
    return Terms(terms)


def _initial_forms(name: str) -> list[tuple[str, str, bool, int]]:
    """Short forms of a person's name as reports write them, as (key, pattern, alone, length):
    "K. Walsh" / "K Walsh" / "K.A. Walsh", "Kelly W.", and dotted initials alone ("K.W.",
    "K.A.P." for Kelly Ashworth-Price). Initials without dots ("KW", "CT") are left to the
    document's own definitions ("Kelly Walsh (KW)"): undotted, they spell scans and subjects.
    ``length`` ranks a form between the full name and the surname alone when matches overlap."""
    words = [w for w in name.split() if w.strip(".")]
    if len(words) < 2:
        return []
    surname_at = len(words) - 1
    while surname_at > 1 and words[surname_at - 1].lower() in _PARTICLES:
        surname_at -= 1  # "Rory de Souza": the surname is "de Souza"
    given, surname = words[:surname_at], words[surname_at:]
    if not all(w[0].isalpha() for w in given + surname[-1:]):
        return []
    firsts = [w[0].upper() for w in given]
    sur_text = " ".join(surname)
    sur = _SEP.join(re.escape(w) for w in surname)
    letter = lambda c: f"(?-i:{re.escape(c)})"  # noqa: E731 - an initial is a capital letter
    out = []
    # "K. Walsh", "K Walsh", "K.Walsh", "K.A. Walsh" (the first initial, or all of them)
    for letters in dict.fromkeys(["".join(firsts[:1]), "".join(firsts)]):
        body = r"\.?\s?".join(letter(c) for c in letters) + r"\.?\s?"
        out.append((letters.lower() + squeeze(sur_text), body + sur, False, len(sur_text) + 2 * len(letters) + 1))
    # "Kelly W." / "Kelly W": the forename and the surname's initial
    fore = _SEP.join(re.escape(w) for w in given[:1])
    out.append((squeeze(given[0]) + surname[-1][0].lower(),
                fore + _SEP + letter(surname[-1][0].upper()) + r"\.?(?![\w'\u2019])", False, len(given[0]) + 2))
    # dotted initials alone: "K.W.", "J.L.W." and "J.W." for Jayden Lee Walsh, "K.A.P." for Kelly Ashworth-Price
    tails = {surname[-1][0].upper()}
    parts = re.split(r"[-\u2010\u2011]", surname[-1])
    if len(parts) > 1 and all(p[:1].isalpha() for p in parts):
        tails.add("".join(p[0].upper() for p in parts))
    from .cues import lexicon

    for head in dict.fromkeys(["".join(firsts), firsts[0]]):
        for tail in sorted(tails):
            spelt = head + tail
            if 2 <= len(spelt) <= 5 and spelt.lower() not in lexicon("short_acronyms"):
                dotted = r"\.\s?".join(letter(c) for c in spelt) + r"\."
                out.append((spelt.lower(), dotted, True, 2 * len(spelt)))
    return out


def _initial_terms(register: Register) -> list[Term]:
    """Terms for the short forms of every registered person's name; a form two people share
    ("J. Walsh" for Jayden and Jordan) has no single pseudonym."""
    owners: dict[str, set[int]] = {}
    forms: list[tuple[int, str, str, bool, int]] = []
    for i, person in enumerate(register.people):
        for key, pattern, alone, length in _initial_forms(person.name):
            owners.setdefault(key, set()).add(i)
            forms.append((i, key, pattern, alone, length))
    out, done = [], set()
    for i, key, pattern, alone, length in forms:
        if key in done:
            continue
        done.add(key)
        shared = len(owners[key]) > 1
        edge = r"(?<![\w@.])" if alone else r"(?<![\w@])" + _TITLE_RE
        out.append(Term("person", "PERSON", edge + pattern + r"(?![\w@])", None if shared else
                        register.people[i].pseudonym, -1 if shared else i, length, key,
                        key, initials=True))
    return out


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    term: Term


def find_terms(text: str, terms: list[Term]) -> list[Hit]:
    """Non-overlapping register hits in ``text``; the longest entry wins an overlap."""
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    if isinstance(terms, Terms):
        terms = terms.candidates(text)
    for term in terms:
        for m in term.pattern.finditer(text):
            s, e = m.span()
            if s == e or any(s < te and ts < e for ts, te in taken):
                continue
            hits.append(Hit(s, e, term))
            taken.append((s, e))
    hits.sort(key=lambda h: h.start)
    return hits
