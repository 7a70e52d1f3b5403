"""Recognizers for what identifies a child or family in an English safeguarding report.

Presidio's UK recognizers (NHS, NINO, postcode, vehicle registration), phone numbers for
region GB, an email recognizer that never touches the network, and our own regular-expression
recognizers: street addresses and flats, named schools/nurseries/surgeries/hospitals, exact
dates (not month-and-year), social media handles and case/crime reference numbers.
Imported only when a scan runs (presidio is heavy).
"""

from __future__ import annotations

import re
from typing import List

from presidio_analyzer import LocalRecognizer, Pattern, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    NhsRecognizer,
    PhoneRecognizer,
    UkNinoRecognizer,
    UkPostcodeRecognizer,
    UkVehicleRegistrationRecognizer,
    UrlRecognizer,
)

_CASE_SENSITIVE = re.DOTALL | re.MULTILINE

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_ORD = r"(?:st|nd|rd|th)?"
_CAP = r"(?!(?:The|A|An|This|That|These|Those|Her|His|Their|Its|Our|Your|At|In|To|From|By|Of|And|Or|On|With|For|When|Whilst|While|Both|Each|Staff|Then|As|If)\b)[A-Z][\w'\u2019.&-]*"
_STREET = (r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Grove|Place|Pl"
           r"|Court|Ct|Gardens|Gdns|Terrace|Walk|Hill|Rise|Mews|Row|Square|Sq|Park|Green|View|Parade"
           r"|Vale|Mount|Boulevard|Gate|Wharf|Yard|Croft|Fold|Meadow|Meadows|Chase|Heights|Approach"
           r"|Circus|Bank|Brow|Embankment|Quay|Passage|Hollow|Dale|Glade|Fields|Wood|Orchard)\b")
_WORD = r"[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?"
_INSTITUTION = (r"(?:(?:C(?:hurch)?\s?of\s?E(?:ngland)?|CofE|CE|RC|Catholic|Methodist)\s+)?"
                r"(?:Primary\s+School|Infant\s+School|Infants'?\s+School|Junior\s+School|Secondary\s+School"
                r"|High\s+School|Grammar\s+School|Community\s+School|Special\s+School|School"
                r"|Primary\s+Academy|Academy|Free\s+School|College|Day\s+Nursery|Nursery(?:\s+School)?"
                r"|Pre-?School|Playgroup|Children['\u2019]s\s+Centre|Family\s+Centre"
                r"|Surgery|Medical\s+Centre|Medical\s+Practice|Health\s+Centre|Medical\s+Group"
                r"|Hospital|General\s+Hospital|Infirmary|Clinic|Hospice)\b")
#: Words that on their own do not name an institution ("the Secondary School", "GP Surgery").
GENERIC_INSTITUTION_WORDS = {
    "primary", "secondary", "high", "infant", "infants", "junior", "special", "nursery", "general",
    "medical", "health", "community", "local", "new", "children's", "children’s", "day", "grammar",
    "catholic", "ce", "c", "of", "e", "cofe", "rc", "gp", "gp's", "school", "free", "family",
    "district", "teaching", "university", "mental", "maternity", "paediatric", "pre-school",
    "previous", "current", "former", "alternative", "independent", "private", "state", "village",
    "specialist", "residential", "boarding", "hospital", "academy", "surgery", "practice", "nhs",
    "children", "sibling", "child", "emergency", "accident", "&", "and",
}

_RULES: dict[str, list[tuple[str, float, int]]] = {
    "STREET_ADDRESS": [
        (r"(?:\b(?:Flat|Apartment|Apt|Unit|Room)\s+\d+[A-Za-z]?,?\s+(?:" + _WORD + r"\s+){0,2}"
         r"(?:House|Court|Lodge|Tower|Mansions|Buildings|Point|Heights),?\s+)?"
         r"(?:\b(?:Flat|Apartment|Apt|Unit)\s+\d+[A-Za-z]?,?\s+)?"
         r"\b\d{1,4}[A-Za-z]?,?\s+(?:" + _WORD + r"\s+){0,3}" + _WORD + r"\s+" + _STREET, 0.85, 0),
        (r"\b(?:Flat|Apartment|Apt)\s+\d+[A-Za-z]?\b", 0.6, 0),
        (r"\b(?:" + _CAP[:_CAP.index("[A-Z]")] + _WORD + r"\s+){1,3}(?:Road|Street|Avenue|Lane|Close"
         r"|Drive|Crescent|Grove|Terrace|Mews|Gardens|Way)\b", 0.5, 0),
    ],
    "INSTITUTION": [
        (r"\b(?:(?:St\.?|Saint)\s+)?(?:" + _CAP + r"\s+){1,4}" + _INSTITUTION, 0.7, 0),
    ],
    "DATE": [
        (r"\b\d{1,2}" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?:19|20)?\d{2}\b", 0.75, 0),
        (r"\b" + _MONTH + r"\s+\d{1,2}" + _ORD + r",?\s+(?:19|20)\d{2}\b", 0.75, 0),
        (r"(?<![\d/.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])", 0.7, 0),
        (r"(?<![\d.])\d{1,2}[.-]\d{1,2}[.-](?:19|20)\d{2}(?![\d.])", 0.65, 0),
        (r"\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b", 0.65, 0),
        (r"\b\d{1,2}" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r"(?!\s*,?\s*\d)", 0.45, 0),
        (r"\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)\b", 0.45, 0),
    ],
    "SOCIAL_MEDIA_HANDLE": [
        (r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])", 0.8, 0),
        (r"(?i:\b(?:snapchat|instagram|insta|tiktok|facebook|twitter|youtube|discord|whatsapp|telegram"
         r"|kik|twitch|roblox|xbox|playstation|psn)\s+(?:user\s?name|name|handle|account|profile|id|tag)"
         r"\s*(?:was|is|of|:)?\s*[\"'\u201c\u2018]?)([A-Za-z0-9_.]*\d[A-Za-z0-9_.]*|[A-Za-z0-9]+_[A-Za-z0-9_.]+)",
         0.6, 1),
    ],
    "CASE_REFERENCE": [
        (r"\b[A-Z]{1,4}[-/]?\d{5,10}(?:[-/]\d{2,4})?\b", 0.6, 0),
        (r"\b\d{2,4}/\d{4,8}/\d{2,4}\b", 0.6, 0),
        (r"\b[A-Z]{2,5}-(?:19|20)\d{2}-\d{3,8}\b", 0.6, 0),
        (r"(?i:\b(?:crime|case|incident|log|reference|ref\.?|CAD|occurrence|court|file|police)\s+"
         r"(?:reference\s+|ref\.?\s+)?(?:number|no\.?|#)?\s*:?\s*)([A-Z0-9][A-Z0-9/-]{2,20}\d)\b", 0.55, 1),
    ],
    "UK_NHS": [
        (r"(?i:\bNHS\s*(?:number|no\.?|#)?\s*:?\s*)(\d{3}[- ]?\d{3}[- ]?\d{4})\b", 0.6, 1),
        (r"(?<![\d ])\d{3} \d{3} \d{4}(?![\d])", 0.45, 0),
    ],
    "PERSON": [
        (r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+((?:[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?\s+)?"
         r"[A-Z](?:[a-z]+|['\u2019][A-Z][a-z]+)(?:-[A-Z][a-z]+)?)\b", 0.8, 1),
    ],
    "PHONE_NUMBER": [
        (r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s)-]?){8,9}\d(?!\d)", 0.5, 0),
    ],
}


class RegexRecognizer(LocalRecognizer):
    """One entity, several compiled regular expressions (optionally reporting a group)."""

    def __init__(self, entity: str, rules: list[tuple[str, float, int]]) -> None:
        self._rules = [(re.compile(rx), score, group) for rx, score, group in rules]
        self._entity = entity
        super().__init__(supported_entities=[entity], supported_language="en",
                         name=f"cspr_{entity.lower()}")

    def load(self) -> None:  # noqa: D102 - nothing to load
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        out = []
        for rx, score, group in self._rules:
            for m in rx.finditer(text):
                s, e = m.span(group)
                if e > s:
                    out.append(RecognizerResult(
                        self._entity, s, e, score,
                        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                              RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


class GbPhoneRecognizer(PhoneRecognizer):
    """presidio's phone recogniser for region GB, skipping texts with too few digits to hold
    a phone number (python-phonenumbers' matcher is slow)."""

    _DIGITS = re.compile(r"(?:\d\D{0,3}){7}")

    def analyze(self, text, entities, nlp_artifacts=None):  # noqa: D102
        if not self._DIGITS.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recognizer, validating the domain against tldextract's bundled
    public-suffix snapshot: it never fetches the list over the network."""

    _extract = None

    def validate_result(self, pattern_text: str):  # noqa: D102
        cls = type(self)
        if cls._extract is None:
            import tldextract

            cls._extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                                 fallback_to_snapshot=True)
        return cls._extract(pattern_text).fqdn != ""


def build_recognizers() -> list:
    """Every recognizer ``scan`` uses (the spaCy one is added by the engine)."""
    postcode = UkPostcodeRecognizer(patterns=[Pattern("UK Postcode", UkPostcodeRecognizer.PATTERNS[0].regex, 0.7)])
    vrn_patterns = [Pattern(p.name, p.regex, 0.6 if i == 0 else 0.3)
                    for i, p in enumerate(UkVehicleRegistrationRecognizer.PATTERNS)]
    vrn = UkVehicleRegistrationRecognizer(patterns=vrn_patterns)
    for rec in (postcode, vrn):
        rec.global_regex_flags = _CASE_SENSITIVE
    recs = [
        OfflineEmailRecognizer(),
        GbPhoneRecognizer(supported_regions=("GB",)),
        NhsRecognizer(),
        UkNinoRecognizer(),
        postcode,
        vrn,
        UrlRecognizer(),
    ]
    recs += [RegexRecognizer(entity, rules) for entity, rules in _RULES.items()]
    return recs
