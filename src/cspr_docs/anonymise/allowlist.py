"""The allow-list: safeguarding vocabulary that ``scan`` never flags (data, extendable)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import InputError

_LEAD = r"(?:the\s+|a\s+|an\s+)?"
_TAIL = r"(?:['\u2019]s?)?"  # a possessive (plurals are listed: "Surname" + "s" may be a surname)


@dataclass
class AllowList:
    """Compiled allow-list: one regex over every term and pattern."""

    regex: re.Pattern | None
    terms: frozenset[str]
    _seen: dict = field(default_factory=dict, repr=False, compare=False)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Allow-listed spans of ``text`` (remembered: each stage of a scan asks again)."""
        if self.regex is None:
            return []
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) > 5000:
                self._seen.clear()
            found = self._seen[text] = [m.span() for m in self.regex.finditer(text) if m.end() > m.start()]
        return found

    def allows(self, text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
        """True when ``text[start:end]`` is allow-listed vocabulary (or lies inside it)."""
        piece = text[start:end]
        s = start + (len(piece) - len(piece.lstrip(" \t\n\"'(“‘")))
        e = end - (len(piece) - len(piece.rstrip(" \t\n.,;:)\"'”’")))
        if e > s and text[s:e].lower().endswith(("'s", "\u2019s")):
            e -= 2
        if e <= s:
            return True
        if normalise(text[s:e]) in self.terms:
            return True
        # spans are sorted and do not overlap: only the last one starting at or before s can hold it
        i = bisect.bisect_right(spans, (s, float("inf")))
        return i > 0 and spans[i - 1][1] >= e


def normalise(text: str) -> str:
    t = " ".join(text.replace("\u2019", "'").split()).lower()
    for lead in ("the ", "a ", "an "):
        if t.startswith(lead):
            t = t[len(lead):]
    if t.endswith("'s"):
        t = t[:-2]
    return t.strip(" .,;:")


@lru_cache(maxsize=1)
def _bundled() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from ..files import bundled

    patterns, terms = _read(bundled("data") / "allowlist.yaml", shipped=True)
    return tuple(patterns), tuple(terms)


def _read(path: Path, shipped: bool = False) -> tuple[list[str], list[str]]:
    from ..yamlio import load_bundled, load_yaml

    data = (load_bundled if shipped else load_yaml)(path)
    if data is None:
        return [], []
    if isinstance(data, list):
        data = {"terms": data}
    if not isinstance(data, dict) or set(data) - {"patterns", "terms"}:
        raise InputError(path, "an allow-list is a mapping with 'patterns' and/or 'terms'")
    patterns = data.get("patterns") or []
    terms_raw = data.get("terms") or []
    groups = terms_raw.values() if isinstance(terms_raw, dict) else [terms_raw]
    terms: list[str] = []
    for group in groups:
        if not isinstance(group, list):
            raise InputError(path, "allow-list 'terms' must be a list (or a mapping of lists)")
        terms.extend(str(t) for t in group if t is not None and str(t).strip())
    if not isinstance(patterns, list):
        raise InputError(path, "allow-list 'patterns' must be a list of regular expressions")
    for i, pat in enumerate(patterns):
        try:
            re.compile(str(pat))
        except re.error as exc:
            raise InputError(path, f"patterns[{i}]: not a valid regular expression ({exc})") from None
    return [str(p) for p in patterns], terms


def _trie(phrases) -> str:
    """One regular expression for many phrases, as a trie of their words (Python's ``re`` tries
    an alternation's branches one by one; a trie shares their beginnings). At each word the
    longer phrase is tried first."""
    root: dict = {}
    for words in phrases:
        node = root
        for w in words:
            node = node.setdefault(w, {})
        node[""] = {}

    def emit(node) -> str:
        branches = []
        for w in sorted((k for k in node if k), key=len, reverse=True):
            branches.append(re.escape(w).replace("'", "['\u2019]") + follow(node[w]))
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    def follow(child) -> str:
        if not any(child):
            return ""
        more = r"\s+" + emit({k: v for k, v in child.items() if k})
        return f"(?:{more})?" if "" in child else more

    return emit(root)


def build_allowlist(extra_files: Iterable[str | Path] = (), extra_terms: Iterable[str] = ()) -> AllowList:
    """The bundled allow-list plus the user's files and terms (e.g. the case file's public names)."""
    patterns, terms = (list(x) for x in _bundled())
    for f in extra_files:
        p, t = _read(Path(f))
        patterns += p
        terms += t
    terms += [t for t in extra_terms if t and t.strip()]
    norm = frozenset(normalise(t) for t in terms)
    phrases = {tuple(normalise(t).split()) for t in terms}
    phrases.discard(())
    # patterns first: at one position the first alternative that matches wins
    parts = [f"(?:{p})" for p in patterns]
    if phrases:
        parts.append(r"(?<![\w])" + _LEAD + _trie(phrases) + _TAIL + r"(?![\w])")
    # the leading \b lets the engine skip positions inside words at once
    regex = re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE) if parts else None
    return AllowList(regex, norm)
