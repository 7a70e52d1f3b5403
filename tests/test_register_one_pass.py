"""Register matching in one pass (issue 16): the automaton that picks candidate entries never
loses a match the entries' own patterns would find, and a large register stays fast."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cspr_docs.anonymise.register import Register, Terms, compile_terms, find_terms

REGISTER = Register.model_validate({
    "people": [{"name": "Jayden Walsh", "aliases": ["JJ", "Jay"], "pseudonym": "Child A"},
               {"name": "Kelly Walsh", "pseudonym": "Mother"},
               {"name": "Seán O'Brien-Ilgaz", "pseudonym": "Father"}],
    "places": [{"text": "14 Elm Road, Exampleton", "pseudonym": "the family home"}],
    "other": [{"text": "07700 900461"}, {"text": "LL123456"}, {"text": "14/05/2022"}],
})
FRAGMENTS = ["Jayden", "Walsh", "Kelly", "JJ", "Jay", "Mrs", "Seán", "O'Brien-Ilgaz", "SEÁN",
             "o'brien-ılgaz", "14", "Elm", "Road", ",", "Exampleton", "07700", "900461",
             "0770-090-0461", "LL", "123456", "14/05/2022", "14.05.2022", "'s", "the", "and"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from([" ", "", "\n", "  ", "-", ".", "\u00a0"]),
                          st.booleans()), max_size=12))
def test_one_pass_finds_what_every_pattern_finds(parts):
    text = "".join((f.upper() if up else f) + sep for f, sep, up in parts)
    terms = compile_terms(REGISTER)
    assert isinstance(terms, Terms)
    fast = [(h.start, h.end, h.term.text) for h in find_terms(text, terms)]
    slow = [(h.start, h.end, h.term.text) for h in find_terms(text, list(terms))]
    assert fast == slow


def test_shared_surname_is_one_term_without_pseudonym():
    terms = compile_terms(REGISTER)
    walsh = [t for t in terms if t.text == "Walsh"]
    assert len(walsh) == 1 and walsh[0].pseudonym is None and walsh[0].index == -1
    kelly = [t for t in terms if t.text == "Kelly"]
    assert kelly[0].pseudonym == "Mother"


def test_large_register_only_tries_candidates():
    people = [{"name": f"Name{i:04d} Surname{i:04d}", "pseudonym": f"P{i}"} for i in range(1000)]
    terms = compile_terms(Register.model_validate({"people": people}))
    text = "A meeting with Name0007 Surname0007 and Surname0999 took place."
    assert len(terms.candidates(text)) <= 6
    hits = find_terms(text, terms)
    assert [text[h.start:h.end] for h in hits] == ["Name0007 Surname0007", "Surname0999"]
    assert [h.term.pseudonym for h in hits] == ["P7", "P999"]
