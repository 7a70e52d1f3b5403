"""Recall of planted identifiers and the decoy flag rate, from detected spans."""

from __future__ import annotations

from collections import Counter

#: A planted identifier counts as found when detections cover this share of its letters/digits.
COVERAGE = 0.75


def _covered(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> float:
    chars = [i for i in range(start, end) if text[i].isalnum()]
    if not chars:
        return 1.0
    hit = sum(1 for i in chars if any(s <= i < e for s, e in spans))
    return hit / len(chars)


def evaluate(text: str, spans: list[tuple[int, int]], labels, decoys) -> dict:
    """``spans``: detected (start, end) offsets into ``text``.

    Returns ``{"recall": {kind: (found, total)}, "overall": (found, total),
    "decoys": (flagged, total), "missed": [(kind, text)]}``.
    """
    spans = sorted(spans)
    found, total = Counter(), Counter()
    missed = []
    for s, e, kind in labels:
        near = [(a, b) for a, b in spans if a < e and s < b]
        total[kind] += 1
        if _covered(text, s, e, near) >= COVERAGE:
            found[kind] += 1
        else:
            missed.append((kind, text[s:e]))
    flagged = sum(1 for s, e in decoys if any(a < e and s < b for a, b in spans))
    return {"recall": {k: (found[k], total[k]) for k in sorted(total)},
            "overall": (sum(found.values()), sum(total.values())),
            "decoys": (flagged, len(decoys)), "missed": missed}


def format_result(title: str, result: dict) -> str:
    lines = [title]
    for kind, (f, t) in result["recall"].items():
        lines.append(f"  {kind:<10} recall {f / t:7.1%}  ({f}/{t})")
    f, t = result["overall"]
    lines.append(f"  {'overall':<10} recall {f / t:7.1%}  ({f}/{t})")
    fl, dt = result["decoys"]
    if dt:
        lines.append(f"  decoys flagged {fl / dt:7.1%}  ({fl}/{dt})")
    return "\n".join(lines)
