"""Recognizers for what identifies a child or family in an English safeguarding report.

Presidio's UK recognizers (NHS, NINO, postcode, vehicle registration), phone numbers for
region GB, an email recognizer that never touches the network, and our own regular-expression
recognizers: street addresses and flats, named schools/nurseries/surgeries/hospitals, exact
dates (not month-and-year), social media handles and case/crime reference numbers.
Imported only when a scan runs (presidio is heavy).
"""

from __future__ import annotations

import re
from functools import lru_cache
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
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?")
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
                r"|Pre-?School|Playgroup|Children['\u2019]s\s+Centre|Family\s+Centre|Family\s+Hub"
                r"|Surgery|Medical\s+Centre|Medical\s+Practice|Health\s+Centre|Medical\s+Group"
                r"|Hospital|General\s+Hospital|Infirmary|Clinic|Hospice)\b")
_PREMISES = (r"(?:Hotel|Motel|Lodge|Inn|Arms|Tavern|Takeaway|Kebabs?|Pizza|Pizzeria|Chippy|Fish\s+Bar|Caf[eé]"
             r"|Restaurant|Youth\s+Club|Youth\s+Centre|Community\s+Centre|Leisure\s+Centre|Sports\s+Centre"
             r"|Club|Park|Recreation\s+Ground|Playing\s+Fields|Care\s+Home|Nursing\s+Home|Residential\s+Home"
             r"|Children['\u2019]s\s+Home|Hostel|Guest\s+House|Barbers?|Salon|Mosque|Gurdwara|Temple"
             r"|Supermarket|Stores|Off\s+Licence|Caravan\s+Park|Holiday\s+Park)\b")
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

_PLATFORM = (r"(?i:\b(?:snapchat|snap|instagram|insta|tiktok|facebook|twitter|youtube|discord|telegram"
             r"|kik|twitch|roblox|threads|bereal)\b")
_NOT_HANDLE = (r"(?:and|or|but|the|a|an|to|with|on|in|at|of|for|from|that|this|was|is|he|she|they|it|her|his"
               r"|him|them|their|messages?|account|app|group|chat|page|story|stories|video|videos|post|posts"
               r"|photos?|pictures?|images?|private|public|deleted|blocked|closed|open|unknown|not|no|also)")

_FORENAME = r"[A-Z][a-z]+"
_FORENAME_H = r"[A-Z][a-z]+-[A-Z][a-z]+"
_SURNAME = r"(?:O['\u2019]|Mc|Mac)?[A-Z][a-z]+(?:-(?:O['\u2019])?[A-Z][a-z]+)?"
_SURNAME_H = r"(?:O['\u2019]|Mc|Mac)?[A-Z][a-z]+-(?:O['\u2019])?[A-Z][a-z]+"

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
        (r"\b(?:(?:St\.?|Saint)\s+)?(?:" + _CAP + r"[ \u00a0]+){1,4}" + _INSTITUTION, 0.7, 0),
        # named premises: "the Kestrel Lodge Hotel", "Golden Dragon Takeaway", "Hollins Park"
        (r"\b(?:(?:St\.?|Saint)\s+)?(?:" + _CAP + r"[ \u00a0]+){1,3}" + _PREMISES, 0.6, 0),
        # GP practices named after doctors: "Dr Shah & Partners", "Dr Okoro and Dr Bell Surgery"
        (r"\bDr\.?\s+[A-Z][\w'\u2019-]+(?:\s*(?:&|and)\s*(?:Partners|Dr\.?\s+[A-Z][\w'\u2019-]+))"
         r"(?:\s+(?:Surgery|Practice|Medical\s+Practice|Medical\s+Centre))?", 0.75, 0),
        # nurseries and playgroups named before the word: "Little Owls nursery"
        (r"\b((?:" + _CAP + r"[ \u00a0]+){0,2}" + _CAP + r")[ \t]+(?:day\s+)?(?:nursery|pre-?school|playgroup"
         r"|childminders?|creche|after-school\s+club|breakfast\s+club)\b", 0.55, 1),
        # premises named before a lower-case word: "the Red Lion pub", "the Golden Wok takeaway"
        (r"\b((?:" + _CAP + r"[ \u00a0]+){0,2}" + _CAP + r")[ \t]+(?:pub|takeaway|chip\s+shop|chippy|caf[eé]"
         r"|hotel|nightclub|snooker\s+club)\b", 0.55, 1),
    ],
    "DATE": [
        (r"\b\d{1,2}" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?:19|20)?\d{2}\b", 0.75, 0),
        (r"\b" + _MONTH + r"\s+\d{1,2}" + _ORD + r",?\s+(?:19|20)\d{2}\b", 0.75, 0),
        (r"(?<![\d/.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])", 0.7, 0),
        (r"(?<![\d.])\d{1,2}[.-]\d{1,2}[.-](?:19|20)\d{2}(?!\d|\.\d)", 0.65, 0),
        # dotted dates with a two-digit year: 1.2.24, 12.07.25, 14.9.09 (day and month checked)
        (r"(?<![\w.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.\d{2}(?![\w]|\.\d)", 0.6, 0),
        (r"\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b", 0.65, 0),
        (r"\b\d{1,2}" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r"(?!\s*,?\s*\d)", 0.45, 0),
        (r"\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)\b", 0.45, 0),
    ],
    "SOCIAL_MEDIA_HANDLE": [
        (r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])", 0.8, 0),
        (r"(?i:\b(?:snapchat|instagram|insta|tiktok|facebook|twitter|youtube|discord|whatsapp|telegram"
         r"|kik|twitch|roblox|xbox|playstation|psn)\s+(?:user\s?name|name|handle|account|profile|id|tag)"
         r"\s*(?:was|is|of|:)?\s*[\"'\u201c\u2018]?)([A-Za-z0-9_.]*\d(?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
         r"|[A-Za-z0-9]+_(?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)",
         0.6, 1),
        # "on Snapchat as kaylz_x", "her Instagram was x", "Snap: jj.boii", "TikTok account lilmissk07"
        (_PLATFORM + r"(?:\s+(?:user\s?name|name|handle|account|profile|page|id))?"
         r"(?:\s+(?:was|is|as|called|named|under)\s*|\s*:\s*)[\"'\u201c\u2018]?)"
         r"(?-i:(?!" + _NOT_HANDLE + r"\b)([a-z0-9][a-z0-9_.]*[a-z0-9_]|[A-Za-z0-9]*[0-9_.][A-Za-z0-9_.]*[A-Za-z0-9_]))"
         r"(?![\w@])", 0.55, 1),
        (r"(?i:\b(?:account|profile|user\s?name|handle)\s+(?:called|named)\s*[\"'\u201c\u2018]?)"
         r"(?-i:(?!" + _NOT_HANDLE + r"\b)([a-z0-9][a-z0-9_.]*[a-z0-9_]))(?![\w@])", 0.55, 1),
        (r"(?i:\b(?:snapchat|snap|instagram|insta|tiktok|facebook|twitter|youtube|discord|telegram|kik|twitch"
         r"|roblox|threads|bereal|account|profile|user\s?name|handle)\b(?:\s+(?:user\s?name|name|handle|account"
         r"|profile|page|id))?(?:\s+(?:was|is|as|called|named|under))?\s*:?\s*[\"'\u201c\u2018]?)"
         r"(?-i:([A-Za-z0-9]*[0-9_.][A-Za-z0-9_.]*[A-Za-z0-9_]))(?![\w@])", 0.55, 1),
    ],
    "CASE_REFERENCE": [
        (r"\b[A-Z]{1,4}[-/]?\d{5,10}(?:[-/]\d{2,4})?\b", 0.6, 0),
        (r"\b\d{2,4}/\d{4,8}/\d{2,4}\b", 0.6, 0),
        (r"\b[A-Z]{2,5}-(?:19|20)\d{2}-\d{3,8}\b", 0.6, 0),
        # police references "MFH 25/0441", PNC IDs "01/847362F", court numbers "KB24C00517", "T20247012"
        (r"\b[A-Z]{2,5}\s?\d{2}/\d{3,7}[A-Z]?\b", 0.6, 0),
        (r"(?<![\w/])\d{2}/\d{4,8}[A-Z]\b", 0.65, 0),
        (r"\b[A-Z]{2}\d{2}[A-Z]\d{5}\b", 0.65, 0),
        (r"(?i:\b(?:PNC(?:\s+ID)?|PNC\s+number|custody\s+(?:record|number)|URN|MFH|CRN|arrest\s+summons)"
         r"\s*(?:number|no\.?|ref(?:erence)?)?\s*:?\s*)([A-Z0-9][A-Z0-9/-]{3,20}[A-Z0-9])\b", 0.6, 1),
        (r"(?i:\b(?:crime|case|incident|log|reference|ref\.?|CAD|occurrence|court|file|police)\s+"
         r"(?:reference\s+|ref\.?\s+)?(?:number|no\.?|#)?\s*:?\s*)([A-Z0-9][A-Z0-9/-]{2,20}\d)\b", 0.55, 1),
    ],
    "UK_NHS": [
        # labelled: a typo in the check digit is still someone's number
        (r"(?i:\bNHS\s*(?:number|no\.?|#)?(?:\s+(?:recorded|given|held|used|listed|shown|is|was|as|of|for|on\s+file)){0,3}"
         r"\s*:?\s*)(\d{3}[- ]?\d{3}[- ]?\d{4})\b", 0.6, 1),
        (r"(?<![\d ])\d{3} \d{3} \d{4}(?![\d])", 0.45, 0),
    ],
    "UK_NINO": [
        (r"(?i:\b(?:national\s+insurance|NI|NINO)\s*(?:number|no\.?|#)?\s*(?:is|was|of)?\s*:?\s*)"
         r"(?-i:([A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?))\b", 0.6, 1),
    ],
    "UK_VEHICLE_REGISTRATION": [
        # prefix (1983-2001) "W463 LJA", suffix (1963-1983) "ABC 123D", dateless/cherished after a cue
        (r"\b[A-HJ-NP-Y]\d{1,3}\s?[A-Z]{3}\b", 0.5, 0),
        (r"\b[A-Z]{3}\s?\d{1,3}[A-HJ-NP-Y]\b", 0.45, 0),
        (r"(?i:\b(?:registration|reg\.?|number\s+plate|private\s+plate|plate|VRN|VRM)\s*(?:number|no\.?|mark)?"
         r"\s*(?:was|is|of)?\s*:?\s*)(?-i:([A-Z]{2}\d{2}\s?[A-Z]{3}|[A-Z]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-Z]"
         r"|[A-Z]{1,3}\s?\d{1,4}|\d{1,4}\s?[A-Z]{1,3}))\b", 0.6, 1),
    ],
    "PERSON": [
        (r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+((?:[A-Z]\.?\s?){1,3}[A-Z](?:[a-z]+|['\u2019][A-Z][a-z]+)"
         r"(?:-[A-Z][a-z]+)?)\b", 0.8, 1),
        (r"(?<![\w.])(?:[A-Z]\.){2,3}(?![\w.])", 0.5, 0),
        (r"(?<![\w.])[A-Z]\.\s?[A-Z](?:[a-z]{2,}|['\u2019][A-Z][a-z]+)(?:-[A-Z][a-z]+)?\b", 0.5, 0),
        # two name words acting in a sentence, which the language model can miss: "Ellie Marsh was
        # four" (checked: no role, body, place, heading or ordinary word; allow-listed terms drop later)
        (r"(?<![\w'\u2019-])([A-Z][a-z]{2,}[ \t]+(?:O['\u2019]|Mc|Mac)?[A-Z][a-z]{2,}(?:-[A-Z][a-z]{2,})?)"
         r"(?=[ \t]+(?:was|is|had|has|said|told|went|lived|attended|visited|moved|died|stayed|left|"
         r"returned|reported|disclosed|called|rang|arrived|refused|agreed)\b)", 0.5, 1),
        # a hyphenated forename on its own: "Ellie-May", "Tyler-Jay" (checked: no "Multi-Agency")
        (r"(?<![\w'\u2019-])[A-Z][a-z]{2,}-[A-Z][a-z]{1,}(?![\w-])", 0.5, 0),
        # hyphenated and double-barrelled names: "Ellie-May Gartside", "Summer Ashby-Clarke"
        (r"\b(?:" + _FORENAME_H + r"[ \t]+" + _SURNAME + r"|" + _FORENAME + r"[ \t]+" + _SURNAME_H + r")\b", 0.6, 0),
        # ranks and titles before a name: "PC Darren Holt", "DS Khan", "Cllr Ann Lee"
        (r"\b(?:PC|PCSO|DC|DS|DI|DCI|DSI|Sgt|Sergeant|Insp|Inspector|Constable|Cllr|Councillor|Prof|Professor"
         r"|Rev|Revd|Nurse)\.?[ \t]+((?:[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?[ \t]+)?[A-Z](?:[a-z]+|['\u2019][A-Z][a-z]+)"
         r"(?:-[A-Z][a-z]+)?)\b", 0.7, 1),
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
        check = _VALIDATORS.get(self._entity)
        for rx, score, group in self._rules:
            for m in rx.finditer(text):
                s, e = m.span(group)
                if e > s and (check is None or check(text[s:e])):
                    out.append(RecognizerResult(
                        self._entity, s, e, score,
                        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                              RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


@lru_cache(maxsize=1)
def _generic_place_words() -> frozenset[str]:
    from .cues import lexicon, vocabulary

    return frozenset(lexicon("generic_premises_words") | GENERIC_INSTITUTION_WORDS | lexicon("premises_words")
                     | lexicon("identity_words") | vocabulary())


def _named_place(found: str) -> bool:
    """A named institution or premises has a word of its own, not only generic ones
    ("Brackley Youth Club", not "Youth Club" or "the Care Home")."""
    generic = _generic_place_words()
    raw = [w.strip(".,'\u2019") for w in re.split(r"[\s&]+", found) if w.strip(".,'\u2019")]
    # a name of its own: not generic, not an abbreviation ("YMCA"), not an identity ("Turkish")
    return any(w.lower() not in generic and not (w.isupper() and len(w) <= 5) for w in raw)


def _person_initials(found: str) -> bool:
    """"K.M." and "M. Clarke" are initials of a person, "e.g." and "U.K." are not."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .cues import lexicon

    pair = re.fullmatch(r"([A-Z][a-z]+)-([A-Z][a-z]+)", found)
    if pair:
        return _forename_pair(pair.group(1).lower(), pair.group(2).lower())
    two = re.fullmatch(r"([A-Z][a-z]{2,})[ \t]+((?:O['\u2019]|Mc|Mac)?[A-Z][a-z]{2,}(?:-[A-Z][a-z]{2,})?)", found)
    if two:
        return _two_name_words(two.group(1).lower(), two.group(2).lower())
    # "Baby E. Due to ...": a pseudonym's letter closing a sentence, then an ordinary word
    last = re.fullmatch(r"[A-Z]\.\s?([A-Z][a-z]+)", found)
    if last and last.group(1).lower() in STOP_WORDS:
        return False
    return found.lower().replace(" ", "") not in lexicon("dotted_abbreviations")


_NOT_NAME_ENDINGS = ("ing", "ed", "tion", "sion", "ment", "ness", "ity", "ive", "ship", "ism", "ist",
                     "ful", "less", "ous", "able", "ible", "al", "ary", "ery", "ory", "ise", "ize")


@lru_cache(maxsize=1)
def _compound_words() -> frozenset[str]:
    """What cannot be a part of a hyphenated forename (a month can: "Ellie-May")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from ..lexicon import MONTHS
    from .cues import lexicon, vocabulary

    return frozenset(lexicon("compound_parts") | vocabulary() | (STOP_WORDS - {m.lower() for m in MONTHS}))


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    """What cannot be either word of a two-word name found by its verb."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from ..lexicon import DAYS, MONTHS
    from .cues import lexicon, vocabulary
    from .public import _ORG_WORDS

    return frozenset(vocabulary() | STOP_WORDS | _ORG_WORDS | lexicon("identity_words")
                     | lexicon("generic_public_words") | lexicon("premises_words")
                     | lexicon("generic_premises_words") | lexicon("compound_parts")
                     | {m.lower() for m in MONTHS + DAYS})


def _ordinary_ending(word: str, longer_than: int) -> bool:
    return len(word) > longer_than and word.endswith(_NOT_NAME_ENDINGS)


def _forename_pair(first: str, second: str) -> bool:
    """Two capitalised parts joined by a hyphen that read as a forename ("Ellie-May"), not a
    title-case compound ("Multi-Agency", "Decision-Making", "Long-Term", "Anglo-Saxon")."""
    stop = _compound_words()
    return not any(p in stop or _ordinary_ending(p, 4) for p in (first, second))


def _two_name_words(first: str, second: str) -> bool:
    """"Ellie Marsh", not "Social Care", "Early Help", "Children Act", "Greater Manchester"."""
    stop = _not_name_words()
    return not any(w in stop or w.split("-")[0] in stop or _ordinary_ending(w, 5) for w in (first, second))


_VALIDATORS = {"INSTITUTION": _named_place, "PERSON": _person_initials}


class GbPhoneRecognizer(PhoneRecognizer):
    """presidio's phone recogniser for region GB, skipping texts with too few digits to hold
    a phone number (python-phonenumbers' matcher is slow)."""

    _DIGITS = re.compile(r"(?:\d\D{0,3}){7}")

    def analyze(self, text, entities, nlp_artifacts=None):  # noqa: D102
        if not self._DIGITS.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts)


class QuickUrlRecognizer(UrlRecognizer):
    """presidio's URL recogniser, run only on texts with something shaped like a domain
    ("www", "://" or a dot between letters): its pattern, a list of ~400 top-level domains
    tried at every letter, is the slowest of all on ordinary prose."""

    _DOMAIN = re.compile(r"[A-Za-z0-9]\.[A-Za-z]{2}|://|www", re.IGNORECASE)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        if not self._DOMAIN.search(text):
            return []
        return [r for r in super().analyze(text, entities, nlp_artifacts, regex_flags)
                if not self._run_together(text[r.start:r.end])]

    @staticmethod
    def _run_together(found: str) -> bool:
        """"recurrence.Th" is two sentences with the space missing, not a web address: no
        scheme, no "www", no path, and a capital after the last dot."""
        if "://" in found or found.lower().startswith("www") or "/" in found:
            return False
        tail = found.rsplit(".", 1)[-1]
        return tail[:1].isupper() and not tail.isupper()


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recognizer, validating the domain against tldextract's bundled
    public-suffix snapshot: it never fetches the list over the network."""

    _extract = None

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        if "@" not in text:  # no address without one: skip presidio's long pattern
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

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
        QuickUrlRecognizer(),
    ]
    recs += [RegexRecognizer(entity, rules) for entity, rules in _RULES.items()]
    return recs
