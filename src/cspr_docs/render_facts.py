"""Template filters that build fact-dependent wording from the case file (issue 14).

A template must never state what the case file does not hold. These filters turn case
fields into wording (an age phrase from the child's age, "one finding" / "five findings",
the distribution sentence from the copies actually sent) and turn an empty list into a
gap (``[MISSING: field]`` in a draft, a missing field in a final render).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from jinja2 import pass_environment

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

#: The three statutory safeguarding partners, in the order a sign-off lists them.
PARTNERS = {
    "local_authority": "Local authority",
    "integrated_care_board": "Integrated care board",
    "police": "Police",
}

_UNITS = {"year": 1.0, "yr": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}


def number_words(n: int) -> str:
    """``4`` -> ``four``; numbers from ten up stay as figures (house style)."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def parse_age(text: Any) -> tuple[int, str] | None:
    """``"4 years"`` -> ``(4, "year")``; ``"18 months"`` -> ``(18, "month")``; ``"15"`` -> years.

    ``None`` when the text gives no single age (``"unknown"``, ``"4 or 5"``).
    """
    if text is None:
        return None
    found = re.findall(r"(\d+)\s*(years?|yrs?|months?|weeks?|days?)?\b", str(text).lower())
    if len(found) != 1:
        return None
    number, unit = found[0]
    unit = (unit or "year").rstrip("s")
    unit = "year" if unit == "yr" else unit
    return int(number), unit


def age_in_years(text: Any) -> float | None:
    parsed = parse_age(text)
    return None if parsed is None else parsed[0] * _UNITS[parsed[1]]


def age_phrase(text: Any) -> str:
    """``"4 years"`` -> ``aged four``; ``"18 months"`` -> ``aged 18 months``; other text as given."""
    parsed = parse_age(text)
    if parsed is None:
        return f"aged {text}"
    number, unit = parsed
    if unit == "year":
        return f"aged {number_words(number)}"
    return f"aged {number_words(number)} {unit}{'' if number == 1 else 's'}"


def age_group(text: Any) -> str:
    """The children a review about a child of this age speaks of: ``babies``, ``young
    children``, ``children`` or ``young people`` (``children and young people`` when unknown)."""
    years = age_in_years(text)
    if years is None:
        return "children and young people"
    if years < 1:
        return "babies"
    if years < 5:
        return "young children"
    if years < 13:
        return "children"
    return "young people"


def counted(value: Any, noun: str, plural: str | None = None) -> str:
    """``findings | counted('finding')`` -> ``one finding`` / ``five findings``."""
    n = value if isinstance(value, int) else len(value)
    return f"{number_words(n)} {noun if n == 1 else (plural or noun + 's')}"


@pass_environment
def gap(env, value: Any) -> Any:
    """An empty list (or absent field) as a gap: printed, it is ``[MISSING: path]`` in a
    draft and a missing field in a final render. Other values pass through."""
    from .render import PathList

    if isinstance(value, PathList) and not value:
        return env.undefined(obj=_Root(), name=value.path)
    if isinstance(value, list) and not value:
        return env.undefined(obj=_Root(), name="list")
    return value


class _Root(dict):
    """An anonymous parent whose child's field path is just its name."""

    path = ""


def _recipient_name(key: str) -> str:
    from .casefile import recipients

    name = recipients()["recipients"].get(key, {}).get("name") or key.replace("_", " ")
    name = re.sub(r"\s*\(.*?\)", "", name)  # "(via the Department for Education)"
    if name.startswith("The "):
        return "the " + name[4:]
    return name if name.startswith("HM ") or name == "Ofsted" else f"the {name}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _raw_date(value: Any) -> date | None:
    return getattr(value, "date", value) if isinstance(getattr(value, "date", value), date) else None


def sent_sentence(distribution: Any, item: str, publication_date: Any = None) -> str:
    """The sentence saying to whom (and when) ``item`` was sent, built only from the
    ``distribution`` records that have a ``sent`` date; ``""`` when nothing was sent.

    The "seven working days before publication" clause is added only when every copy
    was sent in time for ``publication_date``.
    """
    from .dates import format_uk, latest_copy_date

    if not isinstance(distribution, list):
        return ""
    what = {"full_report": "the full report", "improvements_info": "this information"}.get(
        item, item.replace("_", " "))
    by_day: dict[date, list[str]] = {}
    for record in distribution:
        if not isinstance(record, dict) or record.get("item") != item:
            continue
        sent = _raw_date(record.get("sent"))
        if sent is None:
            continue
        name = _recipient_name(str(record.get("recipient")))
        if name not in by_day.setdefault(sent, []):
            by_day[sent].append(name)
    if not by_day:
        return ""
    clauses = [f"to {_join(names)} on {format_uk(day)}" for day, names in sorted(by_day.items())]
    sentence = f"A copy of {what} was sent {_join(clauses)}"
    published = _raw_date(publication_date)
    if published is not None and max(by_day) <= latest_copy_date(published):
        sentence += ", no later than seven working days before publication"
    return sentence + "."


def by_partner(sign_off: Any) -> list[dict]:
    """The sign-off rows for the three safeguarding partners, in a fixed order. A partner
    with no record gets an empty row whose fields are gaps (``rapid_review.sign_off[police].name``)."""
    from .render import PathDict

    records = {}
    for record in sign_off if isinstance(sign_off, list) else []:
        if isinstance(record, dict) and record.get("partner") in PARTNERS:
            records.setdefault(record["partner"], record)
    rows = []
    for key, label in PARTNERS.items():
        record = records.get(key)
        row = PathDict(dict(record) if record else {}, getattr(record, "path", f"rapid_review.sign_off[{key}]"))
        row["label"] = label
        rows.append(row)
    return rows


FILTERS = {
    "age_phrase": age_phrase,
    "age_group": age_group,
    "counted": counted,
    "gap": gap,
    "sent_sentence": sent_sentence,
    "by_partner": by_partner,
}
