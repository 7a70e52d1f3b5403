"""Structural and lexical cues ``scan`` weighs a detection by (word lists are data:
``data/lexicons.yaml``).

- the kind of line a detection sits on: a contents entry (dot leaders, a page number at the
  end), a heading, a pasted text message or chat line, an email header, or prose;
- vocabulary: role phrases ("Principal Social Worker"), report furniture ("Lessons Learnt"),
  premises words, organisational mailboxes;
- the words a document itself writes in lower case in its prose (its ordinary vocabulary).
"""

from __future__ import annotations

import re
from functools import lru_cache

_CONTENTS = re.compile(r"(?:\.{4,}|\u2026{2,}|(?:\. ){3,}|_{4,})\s*\d{0,3}\s*$|\t+\s*\d{1,3}\s*$"
                       r"|\s{2,}\d{1,3}\s*$|^\s*(?:page|contents|table of contents)\s*$", re.I)
#: "TJ: tell summer ...", "[14:02] Mum: ok", "Ellie - ok but ..."
_CHAT = re.compile(r"^\s*(?:\[?\d{1,2}[:.]\d{2}(?:\s?[ap]m)?\]?\s*[-\u2013]?\s*)?[^\s:]{1,20}(?:\s[^\s:]{1,20})?"
                   r"\s*[:\u2013-]\s+[a-z]")
_HEADER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(From|To|Cc|CC|Bcc|Sent by|Attendees?|Present|Apologies|Recipients?"
                     r"|Attendance|Invited)\s*:\s*(.+)$")
#: "To: Surname, Forename" quoted mid-line (capital header word, a comma-separated name after it)
_INLINE_HEADER = re.compile(r"(?<![\w-])(From|To|Cc|CC|Bcc)\s*:\s*([A-Z][\w'\u2019-]+,\s*[A-Z][\w'\u2019-]+)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


@lru_cache(maxsize=1)
def _data() -> dict:
    from ..files import bundled
    from ..yamlio import load_bundled

    return dict(load_bundled(bundled("data") / "lexicons.yaml"))


@lru_cache(maxsize=None)
def lexicon(name: str) -> frozenset[str]:
    """A word list from ``data/lexicons.yaml`` (lower case)."""
    return frozenset(str(w).lower() for w in _data().get(name) or [])


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Role and heading words together: a phrase made only of them is no name."""
    return lexicon("role_words") | lexicon("heading_words")


def line_bounds(text: str, s: int, e: int | None = None) -> tuple[int, int]:
    """Start and end of the line of ``text`` holding offset ``s``."""
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", s if e is None else max(s, min(e, len(text)) - 1))
    return a, len(text) if b < 0 else b


class Lines:
    """The lines of one block of text and what kind each is: ``contents``, ``heading``,
    ``message``, ``header`` or ``prose``."""

    def __init__(self, text: str, *, heading_block: bool = False, contents_block: bool = False) -> None:
        self.text = text
        self.starts: list[int] = []
        self.kinds: list[str] = []
        pos = 0
        prev_line, prev_kind = "", ""
        lines = text.split("\n")
        for line in lines:
            self.starts.append(pos)
            # a block the reader found in a contents list (readers/contents.py) is contents throughout
            kind = "contents" if contents_block else \
                self._kind(line, prev_line, prev_kind, heading_block, alone=len(lines) == 1)
            self.kinds.append(kind)
            prev_line, prev_kind = line, kind
            pos += len(line) + 1

    @staticmethod
    def _kind(line: str, prev: str, prev_kind: str, heading_block: bool, alone: bool) -> str:
        if _CONTENTS.search(line):
            return "contents"
        if heading_block:
            return "heading"
        if _HEADER.match(line):
            return "header"
        if _CHAT.match(line):
            return "message"
        stripped = line.lstrip(" \t\"'\u201c\u2018*-\u2022>")
        if stripped[:1].islower():
            # a line opening in lower case after a finished line (or another message) is a
            # message or post; after an unfinished line it is wrapped prose
            if not prev.strip() or prev.rstrip().endswith((".", ":", "!", "?", '"', "\u201d")) \
                    or prev_kind == "message":
                return "message"
            return "prose"
        if heading_block or looks_like_heading(line, alone=alone):
            return "heading"
        return "prose"

    def kind_at(self, s: int) -> str:
        import bisect

        return self.kinds[max(0, bisect.bisect_right(self.starts, s) - 1)]


def looks_like_heading(line: str, *, alone: bool) -> bool:
    """A short title-case line with no closing full stop: a heading, a caption, a list row."""
    stripped = line.strip()
    words = _WORD.findall(stripped)
    if not words or len(words) > 10 or stripped.endswith((".", ",", ";", "?", "!")):
        return False
    small = {"of", "and", "the", "a", "an", "for", "to", "in", "on", "with", "by", "from", "at", "or"}
    capital = [w for w in words if w.lower() not in small]
    return bool(capital) and all(w[0].isupper() for w in capital) and (alone or len(words) <= 8)


_SPEAKER = re.compile(r"^\s*(?:\[?\d{1,2}[:.]\d{2}(?:\s?[ap]m)?\]?\s*[-\u2013]?\s*)?([A-Z][\w'\u2019-]*(?:\s[A-Z][\w'\u2019-]*)?)"
                      r"\s*:\s+\S")


def speaker(line: str) -> tuple[int, int] | None:
    """The span of the speaker's name opening a pasted message line ("TJ: tell summer ...")."""
    m = _SPEAKER.match(line)
    return m.span(1) if m else None


def header_names(line: str) -> list[tuple[int, int]]:
    """Spans (within ``line``) of the people an email header line names: "To: Warsame, Hodan;
    Gartside, Ellie-May <e@x>" gives the two "Surname, Forename" names whole."""
    m = _HEADER.match(line)
    if not m:
        return []
    out = []
    start = m.start(2)
    # email headers separate people with ";" ("Surname, Forename"); attendee lists with ","
    sep = r"[^;]+" if m.group(1).lower() in ("from", "to", "cc", "bcc", "sent by", "recipients", "recipient") \
        else r"[^;,]+"
    for part in re.finditer(sep, line[start:]):
        item = part.group()
        body = re.sub(r"\s*[<\[(].*$", "", item)  # drop "<address>" and "(role)"
        body = re.sub(r"^\s*and\s+", " ", body).rstrip(" .")
        lead = len(body) - len(body.lstrip())
        body = body.strip()
        if re.fullmatch(r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?,\s*[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?"
                        r"|[A-Z][\w'\u2019-]+(?:\s+(?:[A-Z]\.?|[a-z]{1,3}))?(?:\s+[A-Z][\w'\u2019-]+){1,2}", body):
            s = start + part.start() + lead
            out.append((s, s + len(body)))
    return out


def inline_header_names(line: str) -> list[tuple[int, int]]:
    """A header quoted inside a sentence ("the email was headed To: Warsame, Hodan and ..."):
    the "Surname, Forename" after it, whole."""
    return [m.span(2) for m in _INLINE_HEADER.finditer(line)]


_ACRONYM = re.compile(r"[B-DF-HJ-NP-TV-Z]{3,6}s?")


def vocabulary_words(words, common) -> bool:
    """True when every word is ordinary vocabulary: role and heading words, stop words, or words
    the document writes in lower case in its prose."""
    from spacy.lang.en.stop_words import STOP_WORDS

    known = vocabulary()
    for w in words:
        low = w.lower().replace("\u2019", "'").strip("'\".,;:()[]\u201c\u201d\u2018")
        if low.endswith("'s"):
            low = low[:-2]
        if _ACRONYM.fullmatch(w):
            continue  # "LSCP", "NSPCC": an abbreviation (no vowel) is vocabulary, not a name
        if not (low in known or low in STOP_WORDS or low in common):
            stem = low[:-3] + "y" if low.endswith("ies") else low[:-2] if low.endswith("es") else \
                low[:-1] if low.endswith("s") else ""
            # a plural whose singular, or that word with -ed/-ing, the document writes ("Records" beside
            # "recorded"); names ending in s rarely have such a twin in a report's prose
            if not (stem and (stem in known or stem in common or stem + "e" in known or stem + "e" in common
                              or (len(stem) >= 4 and (stem + "ed" in common or stem + "ing" in common)))):
                return False
    return True


def ordinary_word_shape(word: str) -> bool:
    """A word whose ending only ordinary English words have ("Notify", "Expectations",
    "Arrangements"); the stem before the ending is at least three letters."""
    low = word.lower().strip("'\".,;:()[]\u201c\u201d\u2018\u2019")
    return low.isalpha() and any(low.endswith(end) and len(low) - len(end) >= 3
                                 for end in lexicon("ordinary_word_endings"))


def organisational_mailbox(address: str) -> bool:
    """An email address of an organisation, not a person ("kscp@...", "safeguarding.partnership@...")."""
    local = address.split("@", 1)[0].lower()
    parts = [p for p in re.split(r"[._+\-\d]+", local) if p]
    words = lexicon("mailbox_words")
    # a partnership's own acronym: kscp, bsab, nlscb ...
    suffixes = ("scp", "scb", "sab", "csp", "sp", "cp", "lscp", "lscb", "mash", "cspr")
    return bool(parts) and all(p in words or (len(p) <= 7 and p.endswith(suffixes)) for p in parts)


#: a lower-case word of prose: not part of an email address, web address or handle
_LOWER = re.compile(r"(?<![\w'\u2019@./_-])[a-z][a-z'\u2019-]+(?![\w@]|[._/-][\w])")


def formal_lower_words(texts) -> set[str]:
    """Words the document writes in lower case in its prose (not in pasted messages, where
    names are written in lower case too)."""
    out: set[str] = set()
    for t in texts:
        if not t:
            continue
        lines = Lines(t)
        for kind, line in zip(lines.kinds, t.split("\n")):
            if kind != "message":
                out.update(_LOWER.findall(QUOTED.sub(" ", line)))
    return out


#: Words quoted in prose ("me and maisie chilling x") are someone's own words, not the report's.
QUOTED = re.compile(r"\"[^\"\n]{1,400}\"|\u201c[^\u201d\n]{1,400}\u201d")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTED.finditer(text)]
