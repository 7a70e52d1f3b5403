"""Case register loading and matching (no NLP model needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspr_docs.anonymise import Register, load_register
from cspr_docs.anonymise.allowlist import build_allowlist
from cspr_docs.anonymise.register import compile_terms, find_terms
from cspr_docs.errors import InputError

REGISTER = {
    "people": [
        {"name": "Jayden Walsh", "aliases": ["JJ"], "pseudonym": "Child A"},
        {"name": "Kelly Walsh", "pseudonym": "Mother"},
        {"name": "Chloe Bennett", "pseudonym": "the health visitor"},
    ],
    "places": [{"text": "14 Elm Road, Exampleton", "pseudonym": "the family home"}],
    "other": [{"text": "LL123456"}, {"text": "999 401 2345"}],
}


@pytest.fixture(scope="module")
def terms():
    return compile_terms(Register.model_validate(REGISTER))


def matches(text, terms):
    return [text[h.start:h.end] for h in find_terms(text, terms)]


@pytest.mark.parametrize("text, expected", [
    ("Jayden Walsh was seen.", ["Jayden Walsh"]),
    ("JAYDEN WALSH was seen.", ["JAYDEN WALSH"]),
    ("Jayden's bedroom", ["Jayden"]),
    ("Bennett\u2019s notes", ["Bennett"]),
    ("Mrs Walsh said", ["Mrs Walsh"]),
    ("Dr. Bennett said", ["Dr. Bennett"]),
    ("Jayden   Walsh", ["Jayden   Walsh"]),
    ("Jayden\nWalsh", ["Jayden\nWalsh"]),
    ("Jayden\u00a0Walsh", ["Jayden\u00a0Walsh"]),
    ("JJ was there", ["JJ"]),
    ("Chloe", ["Chloe"]),
    ("at 14 Elm Road Exampleton", ["14 Elm Road Exampleton"]),
    ("at 14 elm road, exampleton", ["14 elm road, exampleton"]),
    ("case LL 123456 and ll-123456", ["LL 123456", "ll-123456"]),
    ("NHS 9994012345 or 999-401-2345", ["9994012345", "999-401-2345"]),
    # whole words only
    ("Jaydens and Walshaw and Chloes", []),
    ("LL1234567", []),
])
def test_register_variants(terms, text, expected):
    assert matches(text, terms) == expected


def test_shared_surname_has_no_single_pseudonym(terms):
    hit = find_terms("Mrs Walsh", terms)[0]
    assert hit.term.pseudonym is None
    hit = find_terms("Jayden", terms)[0]
    assert hit.term.pseudonym == "Child A"


@settings(max_examples=60, deadline=None)
@given(sep=st.text(alphabet=" \n\t\u00a0", min_size=1, max_size=4),
       title=st.sampled_from(["", "Mr ", "Master "]),
       tail=st.sampled_from(["", "'s", ".", ",", "\u2019s"]))
def test_any_spacing_title_and_possessive_matches(terms, sep, title, tail):
    text = f"Notes about {title}Jayden{sep}Walsh{tail} follow"
    found = matches(text, terms)
    assert found == [f"{title}Jayden{sep}Walsh"]


def test_load_register(tmp_path, example_register):
    reg = load_register(example_register)
    assert reg.people and reg.places and reg.other


@pytest.mark.parametrize("body, problem", [
    ("people: [{name: Secret Person, nickname: x}]", "unknown field"),
    ("people: [{aliases: [Secret]}]", "required"),
    ("people: {name: Secret Person}", "must be a list"),
    ("people: [{name: Secret Person}\n", "invalid YAML"),
    ("- just a list", "mapping"),
])
def test_broken_register_is_input_error_without_contents(tmp_path, body, problem):
    path = tmp_path / "register.yaml"
    path.write_text(body)
    with pytest.raises(InputError) as exc:
        load_register(path)
    assert str(path) in str(exc.value)
    assert problem in str(exc.value)
    assert "Secret" not in str(exc.value)


def test_allowlist_covers_safeguarding_vocabulary():
    allow = build_allowlist()
    text = ("Child A, Sibling 1, Baby Z and Family U; Mother and Father; the health visitor and the "
            "Designated Safeguarding Lead; Children's Social Care, Ofsted, the Panel, Early Help and "
            "the Multi-Agency Safeguarding Hub; Section 47, Child Protection Plan, Working Together 2023.")
    spans = allow.spans(text)
    for term in ("Child A", "Sibling 1", "Baby Z", "Family U", "Mother", "Father", "the health visitor",
                 "Designated Safeguarding Lead", "Children's Social Care", "Ofsted", "the Panel",
                 "Early Help", "Multi-Agency Safeguarding Hub", "Section 47", "Child Protection Plan",
                 "Working Together 2023"):
        start = text.index(term)
        assert allow.allows(text, start, start + len(term), spans), term


def test_user_allowlist_extends(tmp_path):
    extra = tmp_path / "allow.yaml"
    extra.write_text("terms: [Exampleton Hub]\npatterns: ['\\bZeta\\d+\\b']\n")
    allow = build_allowlist([extra])
    text = "Exampleton Hub and Zeta9"
    spans = allow.spans(text)
    assert allow.allows(text, 0, 14, spans) and allow.allows(text, 19, 24, spans)
    bad = tmp_path / "bad.yaml"
    bad.write_text("patterns: ['([']\n")
    with pytest.raises(InputError):
        build_allowlist([bad])
