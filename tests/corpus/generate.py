"""A deterministic, labelled corpus of report-style paragraphs for the anonymisation stage.

Each paragraph reads like a Child Safeguarding Practice Review and plants identifiers of
every kind ``scan`` must find (people, street addresses and flats, postcodes, named schools,
nurseries, surgeries and hospitals, exact dates, phone numbers, emails, NHS and National
Insurance numbers, vehicle registrations, social media handles, case/crime references),
mixed with the safeguarding vocabulary that must *not* be flagged (decoys: pseudonyms, roles,
agencies, statutory terms, month-and-year dates). Every planted item and decoy carries its
character span, so recall and the decoy rate can be measured.

The names are drawn from lists written for this corpus (not from the tool's allow-list or
any list the tool uses), and include names from the many communities reviews concern.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

FIRST = ["Kelly", "Jayden", "Ryan", "Chloe", "Darren", "Sandra", "Mia", "Liam", "Aisha", "Mohammed",
         "Priya", "Tomasz", "Agnieszka", "Kwame", "Blessing", "Shannon", "Connor", "Leanne", "Reece",
         "Jade", "Callum", "Demi", "Tyler", "Bethany", "Nathan", "Stacey", "Dylan", "Kayleigh",
         "Harvey", "Amelia", "Oliver", "Fatima", "Imran", "Zainab", "Oluwaseun", "Chidi", "Marek",
         "Elena", "Siobhan", "Declan", "Gemma", "Craig", "Nicola", "Wayne", "Tracey", "Jordan",
         "Lucy", "Samuel", "Grace", "Ethan", "Ruby", "Noah", "Isla", "Harry", "Poppy", "Kieran",
         "Danielle", "Lewis", "Courtney", "Jamal"]
SURNAME = ["Walsh", "Doherty", "Bennett", "Hughes", "Thompson", "Patel", "Khan", "Kowalski",
           "Nowak", "Mensah", "Okafor", "Adeyemi", "Price", "Evans", "Roberts", "Jenkins", "Murphy",
           "O'Brien", "McCarthy", "Clarke", "Wright", "Hussain", "Begum", "Ahmed", "Ali", "Shah",
           "Williams", "Davies", "Harris", "Lewis", "Turner", "Parker", "Collins", "Edwards",
           "Morgan", "Cooper", "Ward", "Kaur", "Singh", "Novak", "Popescu", "Mahmood", "Brennan",
           "Fletcher", "Holloway", "Barker", "Whitfield", "Ashworth", "Greenwood", "Sutcliffe"]
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr"]
STREET = ["Victoria", "Elm", "Church", "Station", "Mill", "Park", "Queens", "Albert", "Oak",
          "Manor", "Highfield", "Springfield", "Chapel", "Sycamore", "Willow", "Hawthorn",
          "Beech", "Ash Tree", "Kingsway", "Brook"]
STREET_TYPE = ["Road", "Street", "Avenue", "Lane", "Close", "Drive", "Crescent", "Grove",
               "Terrace", "Way", "Gardens", "Place", "Court", "Mews"]
BLOCK = ["Hawthorn House", "Riverside Court", "Kingfisher Tower", "Jubilee Court", "Park View Lodge"]
PLACE_NAME = ["Oakfield", "Riverside", "Greenacres", "Hillview", "Northgate", "Westfield",
              "Brookside", "Meadowbank", "Ashton Vale", "Castlebrook", "Fernhill", "Lindley",
              "Whitmore", "Stonebridge", "Kingsmead", "Harbour"]
INSTITUTION = ["Primary School", "Academy", "High School", "Infant School", "Day Nursery",
               "Nursery", "Medical Centre", "Surgery", "Health Centre", "General Hospital",
               "Hospital", "Catholic Primary School", "C of E Primary School", "Pre-School",
               "Children's Centre", "Medical Practice"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
POSTCODE_AREAS = ["EX", "M", "B", "LS", "L", "S", "NE", "BS", "CF", "SW", "E", "N", "NW", "SE",
                  "BD", "HU", "NG", "LE", "CV", "ST", "WF", "HD", "PR", "BL", "OL", "SK", "WA"]

@dataclass
class Paragraph:
    text: str
    labels: list[tuple[int, int, str]] = field(default_factory=list)   # planted identifiers
    decoys: list[tuple[int, int]] = field(default_factory=list)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.labels: list[tuple[int, int, str]] = []
        self.decoys: list[tuple[int, int]] = []
        self.pos = 0

    def text(self, s: str) -> "_Builder":
        self.parts.append(s)
        self.pos += len(s)
        return self

    def item(self, s: str, kind: str) -> "_Builder":
        self.labels.append((self.pos, self.pos + len(s), kind))
        return self.text(s)

    def decoy(self, s: str) -> "_Builder":
        self.decoys.append((self.pos, self.pos + len(s)))
        return self.text(s)

    def build(self) -> Paragraph:
        return Paragraph("".join(self.parts), self.labels, self.decoys)


class Generator:
    """Seeded generator of identifiers and paragraphs."""

    def __init__(self, seed: int = 2026) -> None:
        self.r = random.Random(seed)

    # ---- identifiers
    def person(self) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(SURNAME)}"

    def address(self) -> str:
        r = self.r
        street = f"{r.randint(1, 240)} {r.choice(STREET)} {r.choice(STREET_TYPE)}"
        roll = r.random()
        if roll < 0.25:
            return f"Flat {r.randint(1, 40)}, {street}"
        if roll < 0.35:
            return f"Flat {r.randint(1, 40)}, {r.choice(BLOCK)}, {street}"
        return street

    def postcode(self) -> str:
        r = self.r
        area = r.choice(POSTCODE_AREAS)
        district = str(r.randint(1, 29))
        inward = f"{r.randint(0, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        return f"{area}{district} {inward}"

    def institution(self) -> str:
        r = self.r
        kind = r.choice(INSTITUTION)
        name = r.choice(PLACE_NAME)
        if kind.startswith(("Catholic", "C of E")) or r.random() < 0.15:
            name = r.choice(["St Mary's", "St Joseph's", "Holy Trinity", "St Anne's", "All Saints"])
        if kind.endswith("Hospital") and r.random() < 0.4:
            name = "Royal " + name
        return f"{name} {kind}"

    def date(self) -> str:
        r = self.r
        d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(2015, 2024)
        style = r.randint(0, 5)
        suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
        return [f"{d} {MONTHS[m - 1]} {y}", f"{d}{suffix} {MONTHS[m - 1]} {y}",
                f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{str(y)[2:]}", f"{MONTHS[m - 1]} {d}, {y}",
                f"{d}{suffix} of {MONTHS[m - 1]} {y}"][style]

    def phone(self) -> str:
        r = self.r
        return r.choice([f"07700 900{r.randint(0, 999):03d}", f"0161 496 0{r.randint(0, 999):03d}",
                         f"020 7946 0{r.randint(0, 999):03d}", f"+44 7700 900{r.randint(0, 999):03d}",
                         f"01632 960{r.randint(0, 999):03d}", f"07700900{r.randint(0, 999):03d}"])

    def email(self, name: str | None = None) -> str:
        r = self.r
        first, last = (name or self.person()).lower().replace("'", "").split()[:2]
        user = r.choice([f"{first}.{last}", f"{first}{r.randint(1, 99)}", f"{first[0]}{last}"])
        return f"{user}@{r.choice(['example.com', 'example.co.uk', 'example.org.uk', 'mail.example.net'])}"

    def nhs(self) -> str:
        r = self.r
        while True:
            digits = [r.randint(0, 9) for _ in range(9)]
            check = 11 - sum(dg * w for dg, w in zip(digits, range(10, 1, -1))) % 11
            check = 0 if check == 11 else check
            if check != 10:
                s = "".join(map(str, digits + [check]))
                return r.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}"])

    def nino(self) -> str:
        r = self.r
        first = r.choice("ABCEGHJKLMPRSTWXYZ")
        second = r.choice("ABCEGHJKLMNPRSTWXYZ")
        if first + second in ("BG", "GB", "NK", "KN", "NT", "TN", "ZZ"):
            first, second = "A", "B"
        n = f"{r.randint(0, 999999):06d}"
        s = r.choice("ABCD")
        return r.choice([f"{first}{second}{n}{s}", f"{first}{second} {n[:2]} {n[2:4]} {n[4:]} {s}"])

    def vrn(self) -> str:
        r = self.r
        letters = "ABCDEFGHJKLMNOPRSTUVWXY"
        age = r.choice([r.randint(2, 25), r.randint(51, 74)])  # March / September identifiers
        return (f"{r.choice(letters)}{r.choice(letters)}{age:02d} "
                f"{''.join(r.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}")

    def handle(self) -> str:
        r = self.r
        first = r.choice(FIRST).lower()
        return r.choice([f"@{first}_{r.randint(1, 99)}", f"@{first}{r.choice(SURNAME).lower().replace(chr(39), '')}",
                         f"@x{first}x", f"@{first}.{r.randint(2000, 2015)}"])

    def case_ref(self) -> str:
        r = self.r
        return r.choice([f"CR/{r.randint(10000, 999999)}/{r.randint(15, 24)}",
                         f"{r.choice(['LL', 'SC', 'CS', 'EH'])}{r.randint(100000, 999999)}",
                         f"{r.randint(10, 99)}/{r.randint(10000, 99999)}/{r.randint(15, 24)}",
                         f"SC-{r.randint(2015, 2024)}-{r.randint(1000, 99999):05d}"])

    # ---- paragraphs
    def paragraph(self) -> Paragraph:
        r = self.r
        b = _Builder()
        for _ in range(r.randint(2, 4)):
            r.choice(_SENTENCES)(self, b)
            b.text(" ")
        p = b.build()
        p.text = p.text.rstrip()
        return p

    def filler(self) -> str:
        """A sentence with no identifier at all (reports are mostly these)."""
        return self.r.choice(_FILLER)


def _person_mention(g: Generator, b: _Builder, kind: str = "PERSON") -> None:
    r = g.r
    first, last = r.choice(FIRST), r.choice(SURNAME)
    roll = r.random()
    if roll < 0.55:
        b.item(f"{first} {last}", kind)
    elif roll < 0.8:
        b.text(f"{r.choice(TITLES)} ").item(last, kind)
    else:
        b.item(first, kind)


def _s1(g, b):
    b.text("On ").item(g.date(), "DATE").text(", ")
    _person_mention(g, b)
    b.text(" took ").decoy(g.r.choice(["Child A", "Child B", "Baby Z", "Sibling 1"]))
    b.text(" to ").item(g.institution(), "INSTITUTION").text(" where ").decoy(
        g.r.choice(["the class teacher", "the Designated Safeguarding Lead", "the school nurse"]))
    b.text(" noticed a bruise.")


def _s2(g, b):
    b.text("The family moved to ").item(g.address(), "ADDRESS").text(", Exampleton ")
    b.item(g.postcode(), "POSTCODE").text(" in ").decoy(g.r.choice(["March 2021", "summer 2022", "autumn 2020"]))
    b.text(", and ").decoy("the health visitor").text(" was not told.")


def _s3(g, b):
    b.decoy("Mother").text(" could be contacted on ").item(g.phone(), "PHONE").text(" or at ")
    b.item(g.email(), "EMAIL").text("; ").decoy("Children's Social Care").text(" used neither.")


def _s4(g, b):
    b.text("Records at ").item(g.institution(), "INSTITUTION").text(" give the NHS number as ")
    b.item(g.nhs(), "NHS").text(", and ").decoy("the GP").text(" had recorded concerns.")


def _s5(g, b):
    b.decoy("Father").text("'s National Insurance number, ").item(g.nino(), "NINO")
    b.text(", appeared on the benefits letter shared with ").decoy("Early Help").text(".")


def _s6(g, b):
    b.text("Police stopped a car, registration ").item(g.vrn(), "VRN").text(", driven by ")
    _person_mention(g, b)
    b.text("; the crime reference is ").item(g.case_ref(), "CASE_REF").text(".")


def _s7(g, b):
    b.decoy(g.r.choice(["Child A", "Sibling 2", "Child B"])).text(" posted on Snapchat as ")
    b.item(g.handle(), "HANDLE").text(" and ").decoy("the Multi-Agency Safeguarding Hub")
    b.text(" was informed under ").decoy(g.r.choice(["Section 47", "Section 17"])).text(".")


def _s8(g, b):
    _person_mention(g, b)
    b.text(", ").decoy(g.r.choice(["the social worker", "the health visitor", "the midwife"]))
    b.text(", visited on ").item(g.date(), "DATE").text(" and spoke with ")
    _person_mention(g, b)
    b.text(" about the ").decoy("Child Protection Plan").text(".")


def _s9(g, b):
    b.text("A referral from ").item(g.institution(), "INSTITUTION").text(" reached ")
    b.decoy(g.r.choice(["the MASH", "Children's Social Care", "Early Help"])).text(" on ")
    b.item(g.date(), "DATE").text(" and a strategy discussion followed under ")
    b.decoy("Working Together 2023").text(".")


def _s10(g, b):
    b.text("The case was known to ").decoy(g.r.choice(["Ofsted", "the Panel", "CAMHS", "the police"]))
    b.text(" (case number ").item(g.case_ref(), "CASE_REF").text(") and ")
    _person_mention(g, b)
    b.text(" attended ").item(g.institution(), "INSTITUTION").text(".")


def _s11(g, b):
    b.text("In ").decoy(g.r.choice(["early 2023", "January 2022", "March 2021"])).text(", ")
    b.decoy(g.r.choice(["Family U", "Adult C", "the maternal grandmother"]))
    b.text(" told ").decoy(g.r.choice(["the Team Manager", "the Independent Reviewing Officer"]))
    b.text(" that ")
    _person_mention(g, b)
    b.text(" had moved to ").item(g.address(), "ADDRESS").text(".")


def _s12(g, b):
    b.text("Messages from ").item(g.handle(), "HANDLE").text(" and calls from ")
    b.item(g.phone(), "PHONE").text(" were shared with ").decoy("the police").text(".")


def _s13(g, b):
    b.text(g.filler())


_SENTENCES = [_s1, _s2, _s3, _s4, _s5, _s6, _s7, _s8, _s9, _s10, _s11, _s12, _s13]
_FILLER = [
    "Professionals did not always share information in a timely way.",
    "The review found that the voice of the child was not consistently heard.",
    "There was limited professional curiosity about the adults in the household.",
    "Agencies held different views about the level of risk.",
    "The threshold for statutory intervention was discussed but not met.",
    "Practitioners described a busy period with high caseloads.",
    "The learning from this review has been shared across the partnership.",
    "Not all agencies were invited to the meeting, and minutes were not circulated.",
    "This pattern of missed appointments was not recognised as a concern.",
    "The reviewer spoke with practitioners from each agency involved.",
]


def corpus(n: int = 300, seed: int = 2026) -> list[Paragraph]:
    """``n`` labelled paragraphs (the quality-bar corpus)."""
    g = Generator(seed)
    return [g.paragraph() for _ in range(n)]


def join(paragraphs: list[Paragraph]) -> tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]:
    """One text (paragraphs separated by blank lines) with labels and decoys in its offsets."""
    text_parts, labels, decoys = [], [], []
    pos = 0
    for p in paragraphs:
        labels += [(s + pos, e + pos, k) for s, e, k in p.labels]
        decoys += [(s + pos, e + pos) for s, e in p.decoys]
        text_parts.append(p.text)
        pos += len(p.text) + 2
    return "\n\n".join(text_parts) + "\n", labels, decoys


def report_text(target_chars: int = 300_000, seed: int = 11) -> tuple[str, list, list]:
    """A long report for the benchmark: labelled paragraphs and identifier-free ones."""
    g = Generator(seed)
    paras: list[Paragraph] = []
    total = 0
    while total < target_chars:
        if g.r.random() < 0.5:
            p = g.paragraph()
        else:
            p = Paragraph(" ".join(g.filler() for _ in range(g.r.randint(2, 5))))
        paras.append(p)
        total += len(p.text) + 2
    return join(paras)


def register_corpus(seed: int = 7, people: int = 30, mentions: int = 300):
    """A case register and paragraphs that mention every entry in the forms reports use.

    Returns ``(register_dict, text, labels)``; every label must be an ANO001 finding:
    full names, forename or surname alone, with titles, possessives, upper case, doubled
    spaces and line breaks, aliases, places with and without their commas, and literals
    written with different separators.
    """
    g = Generator(seed)
    r = g.r
    firsts = r.sample(FIRST, people)
    lasts = [r.choice(SURNAME) for _ in range(people)]
    reg_people = []
    for i, (f, l) in enumerate(zip(firsts, lasts)):
        entry = {"name": f"{f} {l}", "pseudonym": f"Adult {chr(65 + i % 26)}{i // 26 or ''}"}
        if r.random() < 0.3:
            entry["aliases"] = [f"{f[:3]}z", f"Little {f[:2].upper()}"]
        reg_people.append(entry)
    places = [g.address() for _ in range(10)] + [g.institution() for _ in range(10)]
    reg_places = [{"text": p, "pseudonym": "the place"} for p in dict.fromkeys(places)]
    others = [g.case_ref() for _ in range(6)] + [g.phone() for _ in range(4)] + \
        [g.nhs() for _ in range(4)] + [g.handle() for _ in range(3)] + [g.vrn() for _ in range(3)]
    reg_other = [{"text": o} for o in dict.fromkeys(others)]
    register = {"people": reg_people, "places": reg_places, "other": reg_other}

    def person_form(entry):
        f, l = entry["name"].split(" ", 1)
        forms = [f"{f} {l}", f"{r.choice(TITLES)} {l}", f, l, f"{f}  {l}", f"{f}\n{l}",
                 f"{f} {l}".upper(), f"{f}'s", f"{l}\u2019s"]
        forms += entry.get("aliases", [])
        return r.choice(forms)

    def place_form(text):
        return r.choice([text, text.replace(",", ""), text.lower(), text.replace(" ", "  ", 1)])

    def other_form(text):
        compact = text.replace(" ", "")
        return r.choice([text, compact, text.replace(" ", "-"), text.lower()])

    b = _Builder()
    for n in range(mentions):
        kind = r.random()
        b.text(r.choice(["The review heard that ", "It is recorded that ", "In interview, ",
                         "According to the chronology, "]))
        if kind < 0.6:
            form = person_form(r.choice(reg_people))
            b.item(form, "REGISTER").text(" was seen by ").decoy("the health visitor").text(".")
        elif kind < 0.8:
            b.text("the family stayed at ").item(place_form(r.choice(reg_places)["text"]), "REGISTER")
            b.text(" in ").decoy("summer 2022").text(".")
        else:
            b.text("the file lists ").item(other_form(r.choice(reg_other)["text"]), "REGISTER")
            b.text(" for ").decoy("Child A").text(".")
        b.text("\n\n" if n % 3 == 2 else " ")
    p = b.build()
    return register, p.text, p.labels, p.decoys
