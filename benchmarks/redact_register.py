"""Time of ``redact`` on a ~40-page .docx with a 10-name and a 1,000-name case register.

    python3 benchmarks/redact_register.py [--pages 40] [--names 1000] [--no-ner]

Register matching runs all entries in one pass (one Aho-Corasick automaton over the folded
text, then only the entries found there run their exact patterns), so the time should hardly
grow with the register: the target is 1,000 names on a 40-page report in under 10 s, and a
ratio (1,000 names / 10 names) near 1. Prints both times, their ratio, and the time of register
matching alone (``find_terms`` over every block). Model loading is excluded (warmed up first).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FORENAMES = ("Abel Brona Cator Delphine Eamon Fenella Gideon Hester Idris Juno Kestrel Lorcan "
             "Marisol Nevin Oriel Perpetua Quillon Rosamund Saoirse Tobiah Ulrika Vashti Wystan "
             "Xanthe Yestin Zerelda Anselm Bettany Crispin Dulcie").split()
SURNAMES = ("Ashdown Blenkin Corrigall Dunmore Eskdale Farrimond Gilzean Hebblethwaite Inchbald "
            "Jephcott Kettlewell Lumsden Mawdsley Nethercott Oddie Pennycook Quarmby Rackham "
            "Scarisbrick Tregunna Uttley Verity Wolstenholme Yeadon Zouch Amphlett Brigstock "
            "Cudworth Dimmock Entwhistle Fothergill Gwilliam Haythornthwaite").split()

#: Sentences written for this benchmark (no real case): {a} and {b} are register names.
SENTENCES = [
    "The health visitor saw {a} at home and noted that the flat was cold and the baby unsettled.",
    "School staff described {b} as a quiet child who arrived hungry on most Monday mornings.",
    "A strategy discussion was held but children's social care did not invite the GP practice.",
    "{a} told the midwife that the relationship with {b} had become frightening in recent weeks.",
    "Agencies shared information late, and no single professional held the whole picture.",
    "The review panel considered whether the threshold for a child protection enquiry was met.",
    "Records show that {b} missed three appointments with the paediatric clinic that winter.",
    "Practitioners were stretched and supervision was cancelled twice during the period under review.",
]


def build_docx(pages: int, names: list[str]) -> bytes:
    import docx

    d = docx.Document()
    n = 0
    for page in range(pages):
        d.add_heading(f"Section {page + 1}", level=1)
        for _ in range(9):
            text = " ".join(s.format(a=names[(n + i) % len(names)], b=names[(n + i + 3) % len(names)])
                            for i, s in enumerate(SENTENCES[:4] if n % 2 else SENTENCES[4:]))
            d.add_paragraph(text)
            n += 1
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def register_of(count: int):
    from cspr_docs.anonymise.register import Register

    people = []
    for i in range(count):
        f, s = FORENAMES[i % len(FORENAMES)], SURNAMES[(i // len(FORENAMES)) % len(SURNAMES)]
        people.append({"name": f"{f} {s}{'' if i < len(FORENAMES) * len(SURNAMES) else i}",
                       "pseudonym": f"Person {chr(65 + i % 26)}{i}"})
    return Register.model_validate({"people": people})


def timed_redact(path: Path, register, ner: bool) -> tuple[float, float]:
    from cspr_docs.anonymise.redact import redact_document
    from cspr_docs.anonymise.register import compile_terms, find_terms
    from cspr_docs.anonymise.settings import Settings
    from cspr_docs.document import read_document

    doc = read_document(path)
    t0 = time.perf_counter()
    terms = compile_terms(register)
    for block in doc.blocks:
        find_terms(block.text, terms)
    matching = time.perf_counter() - t0
    doc = read_document(path)
    t0 = time.perf_counter()
    settings = Settings()
    if ner:
        redact_document(doc, register, settings=settings)
    else:
        from unittest import mock

        with mock.patch("cspr_docs.anonymise.engine.analyze_texts",
                        side_effect=lambda texts, *a, **k: [[] for _ in texts]):
            redact_document(doc, register, settings=settings)
    return time.perf_counter() - t0, matching


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--names", type=int, default=1000)
    parser.add_argument("--no-ner", action="store_true", help="leave the language model out")
    args = parser.parse_args()

    small, large = register_of(10), register_of(args.names)
    used = [p.name for p in large.people[:10]] + [p.name for p in large.people[-20:]]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.docx"
        path.write_bytes(build_docx(args.pages, used))
        size = path.stat().st_size
        timed_redact(path, small, not args.no_ner)  # warm up (model load, imports)
        t_small, m_small = timed_redact(path, small, not args.no_ner)
        t_large, m_large = timed_redact(path, large, not args.no_ner)
    print(f"report: {args.pages} pages ({size:,} bytes), "
          f"language model {'off' if args.no_ner else 'on'}")
    print(f"redact, 10 names:        {t_small:7.2f} s   (register matching alone {m_small:.3f} s)")
    print(f"redact, {args.names:,} names:  {t_large:7.2f} s   (register matching alone {m_large:.3f} s)")
    print(f"ratio {args.names:,}/10 names: {t_large / t_small:.2f}  (target: {args.names:,} names "
          f"under 10 s: {'met' if t_large < 10 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
