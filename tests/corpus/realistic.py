"""Reports laid out as published Child Safeguarding Practice Reviews are, with labels.

Every sentence here was written for this corpus; the names, places and numbers are invented.
The layout follows what published reviews look like: a cover page with the author's credit,
a contents list with dot leaders and page numbers, numbered paragraphs, a chronology table
(cells separated by tabs, as a table reads when copied out of Word), pasted email threads and
text messages, a glossary, and a back page with the partnership's contact details.

Markup: ``[[KIND:text]]`` is a planted identifier that ``scan`` must flag (any severity except
``info`` counts as flagged), ``{{text}}`` a decoy that must not be flagged, ``<<text>>`` a credit
(the report's author, reviewer or chair) that must be reported as ``info`` only.

``PARTNERSHIP`` is the ``partnership:`` block of the case file these reports belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARK = re.compile(r"\[\[([A-Z_]+):(.+?)\]\]|\{\{(.+?)\}\}|<<(.+?)>>", re.S)


@dataclass
class Labelled:
    name: str
    text: str
    labels: list[tuple[int, int, str]] = field(default_factory=list)
    decoys: list[tuple[int, int]] = field(default_factory=list)
    credits: list[tuple[int, int]] = field(default_factory=list)

    def words(self) -> int:
        return len(re.findall(r"[A-Za-z0-9][\w'’-]*", self.text))


def parse(name: str, marked: str) -> Labelled:
    out, labels, decoys, credits = [], [], [], []
    pos = last = 0
    for m in _MARK.finditer(marked):
        out.append(marked[last:m.start()])
        pos += m.start() - last
        last = m.end()
        body = m.group(2) or m.group(3) or m.group(4)
        span = (pos, pos + len(body))
        if m.group(1):
            labels.append((*span, m.group(1)))
        elif m.group(3):
            decoys.append(span)
        else:
            credits.append(span)
        out.append(body)
        pos += len(body)
    out.append(marked[last:])
    return Labelled(name, "".join(out), labels, decoys, credits)


PARTNERSHIP = {
    "name": "Kelderby Safeguarding Children Partnership",
    "local_authority": "Kelderby Borough Council",
    "address": "Civic Offices, 2 Minster Row, Kelderby, KB1 4TR",
    "phone": "01632 960 412",
    "email": "kscp@kelderby.gov.uk",
    "website": "www.kelderbyscp.org.uk",
    "social": ["@KelderbySCP"],
}

CASE_YAML = """\
case:
  reference: KSCP-2025-03
  partnership: Kelderby Safeguarding Children Partnership
  local_authority: Kelderby Borough Council
partnership:
  name: Kelderby Safeguarding Children Partnership
  local_authority: Kelderby Borough Council
  address: Civic Offices, 2 Minster Row, Kelderby, KB1 4TR
  phone: 01632 960 412
  email: kscp@kelderby.gov.uk
  website: www.kelderbyscp.org.uk
  social: ["@KelderbySCP"]
"""

# --------------------------------------------------------------------------------------------
# A draft: the same layout as a published report, but written before anonymisation, so it
# still holds real-looking details that must all be found.
DRAFT = """\
{{Kelderby Safeguarding Children Partnership}}

Local Child Safeguarding Practice Review

Child K

Independent Reviewer: <<Margaret Oyelaran-Hunt>>
Draft for the {{Partnership}} - not for circulation

Contents
{{Foreword}} .......................................................... 2
1. Introduction ...................................................... 3
2. {{Background Information}} ............................................ 4
3. {{Family Tree}} ....................................................... 5
4. {{Case Narrative}} .................................................... 6
5. {{Parallel Processes}} ................................................ 9
6. {{Lessons Learnt}} .................................................... 11
{{Appendix C}}: Chronology ........................................... 14
{{APPENDIX G GLOSSARY}} ............................................... 17
{{Page}} 1 of 18

Foreword

This review was chaired by the {{Independent Chair}} of the {{Kelderby Safeguarding Children Partnership}}, \
<<Dr Samuel Achterberg>>. The {{Principal Social Worker}} and the {{Safeguarding Midwife}} sat on \
the panel, which met on {{Microsoft Teams}} throughout.

1. Introduction

1.1 This review concerns [[PERSON:Kayden]], who was nine weeks old when he was taken to \
[[INSTITUTION:Kelderby Royal Infirmary]] with a head injury on [[DATE:14.9.09]]. His mother, \
[[PERSON:Ellie-May Gartside]], was nineteen. His father, [[PERSON:Tyler-Jay O'Donnell-Price]], \
lived with the family at [[ADDRESS:14 Wrenfield Close]], Kelderby [[POSTCODE:KB3 7HW]].

1.2 The family were known across {{the South West}} and later in {{London}}; \
{{West Yorkshire Police}} held records from an earlier address in {{Merseyside}}.

2. Background Information

2.1 [[PERSON:Liam Lewandowski]], the maternal uncle, often cared for [[PERSON:Kayden]]. He was \
known as "[[PERSON:Gaz]]" among friends and calls himself [[PERSON:Big Mo]] online. When police \
stopped him he gave his name as [[PERSON:Dariusz Van der Berg]].

2.2 The family kept a {{Pit Bull Terrier}}, a {{Jack Russell}} and a {{Cane Corso}}. Ms \
[[PERSON:Gartside]] has {{von Willebrand disease}}, which was relevant to the medical evidence. A \
request under {{Clare's Law}} was made in 2019; {{Sarah's Law}} was not considered.

2.3 The health visitor used the {{Graded Care Profile}} and the school used the \
{{Brook Traffic Light Tool}} when [[PERSON:Summer]], the half-sister, disclosed online contact.

2.4 [[PERSON:Mr J. O'Connor]], a neighbour, told police that [[PERSON:K.M.]] had visited, and \
[[PERSON:M. Clarke]] confirmed it. The NHS number recorded was [[NHS:9174681455]] and the \
maternal grandmother's National Insurance number was [[NINO:QQ 12 34 56 C]].

3. Family Tree

[[PERSON:Kayden]] - subject child
[[PERSON:Ellie-May Gartside]] - mother
[[PERSON:Tyler-Jay O'Donnell-Price]] - father
[[PERSON:Summer Gartside]] - half-sister, aged 14

4. Case Narrative

4.1 On [[DATE:12.07.25]] the family moved to [[PREMISES:the Kestrel Lodge Hotel]] after a fire. \
[[PERSON:Kayden]]'s father worked at [[PREMISES:Golden Dragon Takeaway]] and drank at \
[[PREMISES:the Fleece Inn]].

4.2 [[PERSON:Summer]] attended [[PREMISES:Brackley Youth Club]] and [[PERSON:Kayden]] was \
registered with [[PREMISES:Dr Shah & Partners]]. His cousin went to [[PREMISES:Little Owls]] \
nursery near [[PREMISES:Hollins Park]]. The grandmother lived at [[PREMISES:Larkspur House Care Home]].

4.3 [[PERSON:Mark]] said the car was a blue Vauxhall, registration [[VRN:W463 LJA]]. \
[[PERSON:Hope]] was the baby's middle name, chosen by [[PERSON:Mark]]'s mother.

4.4 The police reference was [[CASE_REF:MFH 25/0441]] and the PNC ID [[CASE_REF:01/847362F]]. \
The family court case number was [[CASE_REF:KB24C00517]]. [[PERSON:Summer]] used Snapchat as \
[[HANDLE:sumz_xo]] and had a TikTok account [[HANDLE:lilsummer09]]; her Instagram was \
[[HANDLE:summer.gartsidex]].

4.5 Police referred the family to the {{NSPCC}} helpline on {{0808 800 5000}} and \
[[PERSON:Summer]] rang {{Childline}} on {{0800 1111}}. The chair notified the Panel at \
{{Mail.ncspr@education.gov.uk}}.

5. Parallel Processes

5.1 Attendees: [[PERSON:Helen Ashworth-Leigh]] ([[INITIALS:HAL]]), [[PERSON:Rory de Souza]] \
([[INITIALS:RdS]]), [[PERSON:Aoife Ní Bhriain]] ([[INITIALS:ANB]]).

5.2 [[INITIALS:HAL]] agreed to write to [[INITIALS:KRI]] about the discharge; [[INITIALS:ANB]] \
would follow up with the GP.

5.3 The pasted email thread reads:
From: [[PERSON:Warsame, Hodan]]
To: [[PERSON:Gartside, Ellie-May]]
Sent: [[DATE:1.2.24]] 09:14
Subject: appointment
Hi [[PERSON:Ellie]], can you bring [[PERSON:Kayden]] on Thursday? [[EMAIL:hodan.warsame@kelderby.gov.uk]]

5.4 Text messages between the parents:
[[PERSON:TJ]]: tell [[PERSON:summer]] ill get her that tomorrow
[[PERSON:Ellie]]: ok but dont tell [[PERSON:mark]]
[[PERSON:TJ]]: [[PERSON:ASHBY-CLARKE]] said hes coming round

5.5 Mr [[PERSON:Ashby-Clarke]] is the family friend who drove the car. [[PERSON:Kayden]]'s \
grandfather, [[PERSON:Liam]]
[[PERSON:Lewandowski]], was not seen.

6. Lessons Learnt

6.1 The {{Designated Nurse}} and the {{Named GP}} agreed that the family's mobility across \
{{Lancashire}} and {{Greater Manchester}} was not understood.

Appendix G Glossary

[[INITIALS:KRI]]: [[INSTITUTION:Kelderby Royal Infirmary]]
{{MASH}}: {{Multi-Agency Safeguarding Hub}}
{{ICPC}}: {{Initial Child Protection Conference}}

{{Kelderby Safeguarding Children Partnership}}
{{Civic Offices, 2 Minster Row, Kelderby, KB1 4TR}}
Telephone: {{01632 960 412}}
Email: {{kscp@kelderby.gov.uk}}
Website: {{www.kelderbyscp.org.uk}}
Twitter: {{@KelderbySCP}}
"""

# --------------------------------------------------------------------------------------------
# Published-style reports: already anonymised, as the public reports are. Everything here is
# public; the only names are credits. Used to count false alarms per 1,000 words.
CLEAN_REPORT = """\
{{Kelderby Safeguarding Children Partnership}}

Local Child Safeguarding Practice Review concerning Child M

Author: <<Peter Lindqvist>>, Independent Reviewer
Published: March 2025

Contents
Foreword ............................................................ 2
1. Introduction ...................................................... 3
2. The Review Process ................................................ 4
3. Family Composition and Background ................................. 5
4. Summary of Key Practice Episodes .................................. 6
5. Analysis and Findings ............................................. 10
6. Good Practice ..................................................... 14
7. Recommendations ................................................... 15
Appendix A: Terms of Reference ....................................... 17
Appendix B: Glossary ................................................. 18

Foreword

Every child deserves to grow up safe. This review tells the story of Child M, a much loved \
boy who was seriously harmed when he was eleven months old. On behalf of the partnership I \
thank his family for speaking to the reviewer, and the practitioners who gave their time \
openly and honestly. The learning will be used across the borough and beyond.

<<Rachel Adebayo-Forde>>
Independent Chair, {{Kelderby Safeguarding Children Partnership}}

1. Introduction

1.1 Child M lived with his mother, his father and two older siblings. In the autumn of 2023 \
he was admitted to hospital with injuries that doctors considered were not accidental. The \
Local Authority notified the Child Safeguarding Practice Review Panel within five working days.

1.2 A Rapid Review was held in November 2023. The partners agreed that the case met the \
criteria for a local review because it might highlight improvements needed in how agencies \
work together to recognise and respond to risk to babies.

1.3 The review was led by an independent reviewer who has no connection to the services in \
Kelderby. The review panel included senior managers from Children's Social Care, the \
Integrated Care Board, Kelderby Hospitals NHS Foundation Trust, {{Northumbria Police}} and \
the Education Service.

2. The Review Process

2.1 The methodology drew on systems thinking. Practitioners attended two learning events on \
Microsoft Teams and one in person. Single agency chronologies were combined into a merged \
chronology, and the reviewer read the key records.

2.2 Mother and Father were invited to contribute. Mother spoke with the reviewer by \
telephone and her words appear in this report with her agreement. Father chose not to take part.

3. Family Composition and Background

3.1 The family is White British. Mother grew up in the area and had been known to \
Children's Social Care as a teenager. Father moved to the borough from Yorkshire and had \
worked in warehouses across the North East before the family settled.

3.2 The household included a large dog. Practitioners noted the dog on several home visits \
but no one asked about its temperament or where it slept.

4. Summary of Key Practice Episodes

Key Practice Episode 1: Pregnancy and birth

4.1 Mother booked late with maternity services. The community midwife completed the routine \
enquiry about domestic abuse when Father was present, so Mother could not answer freely.

Key Practice Episode 2: The first bruise

4.2 When Child M was four months old the health visitor saw a small bruise on his cheek. \
Mother said an older sibling had hit him with a toy. The health visitor followed the \
partnership's bruising protocol and made a referral to the Multi-Agency Safeguarding Hub.

4.3 A strategy discussion was held the same day with Children's Social Care, the police and \
health. It decided that a paediatric assessment was needed, and this took place the \
following morning. The consultant paediatrician concluded the account was plausible.

Key Practice Episode 3: Step-down to Early Help

4.4 Following a Child and Family Assessment the case was closed to Children's Social Care \
and stepped down to Early Help. The family support worker visited weekly for eight weeks. \
Mother engaged well and the worker noted that the home was warm and well organised.

Chronology of key events

Date\tAgency\tEvent
April 2023\tHealth\tBooking appointment with midwife
June 2023\tHealth\tBirth; discharge from maternity ward
October 2023\tHealth Visiting\tBruise seen; referral to the MASH
October 2023\tChildren's Social Care\tStrategy discussion; Section 47 enquiry
December 2023\tEarly Help\tStep-down; eight weeks of support

5. Analysis and Findings

Finding 1: Professional curiosity about fathers and male carers

5.1 Practitioners did not routinely ask who else lived in or visited the home. Father was \
rarely seen, and when he was, conversations focused on Mother's needs. This is a theme in \
national reviews, including the Panel's report on the lives of men in households where \
babies are harmed.

Finding 2: Bruising in non-mobile babies

5.2 The partnership's protocol was followed at the first bruise. However, practitioners did \
not revisit the earlier concern when new information emerged. The learning is that a plausible \
explanation at one point in time does not settle the matter for good.

Finding 3: Early Help and the transfer of risk

5.3 When the case moved to Early Help, the history of the bruise was not passed on in full. \
The family support worker did not know that a Section 47 enquiry had taken place.

6. Good Practice

6.1 The health visitor acted promptly and the strategy discussion was timely. The police \
officer who attended the hospital showed compassion to Mother while keeping the focus on Child M.

7. Recommendations

Recommendation 1: The partnership should seek assurance that the bruising protocol includes \
a step for reviewing earlier concerns when a new injury is seen.

Recommendation 2: {{Kelderby Borough Council}} and the Integrated Care Board should ensure that \
fathers are routinely recorded and invited to appointments.

Appendix A: Terms of Reference

The review considered the period from Mother's pregnancy to the date of the serious incident. \
It asked how well agencies understood the daily life of the baby and who cared for him.

Appendix B: Glossary

CSC\tChildren's Social Care
HV\tHealth Visitor
ICB\tIntegrated Care Board
MASH\tMulti-Agency Safeguarding Hub
PLO\tPublic Law Outline

If you are worried about a child, contact the {{NSPCC}} on {{0808 800 5000}}. Children can \
call {{Childline}} on {{0800 1111}}. Report concerns to {{Kelderby Borough Council}} Children's \
Services or, in an emergency, call 999.

{{Kelderby Safeguarding Children Partnership}}
{{Civic Offices}}
{{2 Minster Row}}
{{Kelderby}}
{{KB1 4TR}}
Tel: {{01632 960 412}}
Email: {{kscp@kelderby.gov.uk}}
Web: {{www.kelderbyscp.org.uk}}
Follow us on X: {{@KelderbySCP}}
"""

# A second published-style text in another partnership's house style (numbered paragraphs
# without decimal points, themes, a timeline table and a contents page with page words).
CLEAN_THEMATIC = """\
Thematic Review: Adolescents at Risk of Exploitation

Contents
Page
Executive Summary\t3
Introduction and Scope\t4
Critical Incident\t5
The Young People\t6
What the Young People Told Us\t8
Themes\t9
Partnership Response\t13
Appendix 1 Membership of the Review Group\t16

Executive Summary

1. This thematic review considered the experiences of five young people aged fourteen to \
seventeen who were exploited by adults between 2021 and 2023. Each young person is referred \
to by a letter. The review was overseen by the Independent Scrutineer and chaired by \
<<Graham Whitlock>>, Director of Children's Services.

2. The young people went missing repeatedly. They were found in towns across the East \
Midlands, in Birmingham and as far away as Cornwall. The police force led on return home \
interviews for two of them and the local authority commissioned the others.

Introduction and Scope

3. The review group met six times between January and June 2024, in person and on Zoom. It \
read the records of the police, Children's Social Care, health services, schools and the \
Youth Justice Service, and it spoke with the young people's families.

Critical Incident

4. The review was triggered when Young Person C was seriously assaulted. The Rapid Review \
found that several agencies held pieces of information that together would have shown the \
level of risk much earlier.

The Young People

5. Young Person A enjoyed football and music. He told the reviewer that adults who offered \
him lifts and food seemed like friends at first. Young Person B was caring for a parent with \
a long-term illness and missed a lot of school.

6. Young Person C and Young Person D were cousins. Young Person E had moved between four \
foster placements in two years. All five had been excluded from school at least once.

What the Young People Told Us

7. The young people said that professionals changed too often, that meetings were held about \
them rather than with them, and that being treated as offenders made them less likely to \
ask for help.

Themes

8. Theme one: education. Exclusion and reduced timetables left the young people with long \
unsupervised days. Schools did not always share attendance concerns with the Child \
Exploitation team.

9. Theme two: transitions. Moves between placements and between schools broke the \
relationships that protected them. Records did not always follow the young person.

10. Theme three: language. Some records described the young people as choosing to go \
missing or as putting themselves at risk. The review supports the Panel's guidance that \
language should recognise exploitation as abuse.

11. Theme four: contextual safeguarding. The partnership had begun to map places where \
young people were at risk, such as a retail park and a bus station, but this was not yet \
part of daily practice.

Partnership Response

12. The partnership has introduced a Child Exploitation Screening Tool, a weekly \
multi-agency exploitation meeting and a single point of contact in each secondary school. \
The National Referral Mechanism is now used consistently for young people who are trafficked.

13. Progress will be reported to the partnership's executive group every quarter, and the \
Independent Scrutineer will review the impact after twelve months.

Appendix 1 Membership of the Review Group

Head of Service, Children's Social Care
Detective Inspector, Public Protection Unit
Designated Nurse for Safeguarding Children, Integrated Care Board
Service Manager, Youth Justice Service
Education Safeguarding Adviser
Independent Scrutineer
"""


def draft() -> Labelled:
    return parse("draft", DRAFT)


def clean_reports() -> list[Labelled]:
    return [parse("clean report", CLEAN_REPORT), parse("thematic review", CLEAN_THEMATIC)]

# --------------------------------------------------------------------------------------------
# A second draft in another house style, written after the cues above were settled and used
# to check that they carry over (a rapid review with a chronology table, posts and a
# "Present:" list).
DRAFT_RAPID = """\
{{Rapid Review}} - {{Serious Child Safeguarding Incident}}
{{Northbrook Children's Safeguarding Partnership}}

Present: [[PERSON:Gwen Ellery-Stokes]] (Chair), [[PERSON:Farid Qureshi]], [[PERSON:Bronwen Tait]]
Apologies: [[PERSON:Desmond Achebe]]

1. Summary of the incident

1.1 On [[DATE:3.11.23]] [[PERSON:Alfie-Jay Rimmer]], aged six months, was brought to the \
{{Emergency Department}} at [[INSTITUTION:Northbrook General Hospital]] by his father, \
[[PERSON:Connor Rimmer]]. A skeletal survey found fractures of different ages.

1.2 The family lived at [[ADDRESS:Flat 6, Tannery Court, 41 Wharf Street]], [[POSTCODE:NB2 8QL]]. \
The mother, [[PERSON:Jodie Whitworth]], is known to her friends as [[PERSON:Jojo]].

2. Chronology

Date\tAgency\tEvent
[[DATE:12.05.23]]\tMidwifery\tBooking appointment at [[INSTITUTION:Larchfield Medical Centre]]
[[DATE:02/08/2023]]\tHealth Visiting\tNew birth visit; {{Graded Care Profile}} not used
[[DATE:19 September 2023]]\tPolice\tDomestic incident, log [[CASE_REF:NB-2023-44817]]
[[DATE:3.11.23]]\tHospital\tAdmission; referral to {{Children's Social Care}}

3. Information from agencies

3.1 The {{Health Visitor}} recorded that [[PERSON:Jodie]] had been low in mood. The {{GP}} \
prescribed medication and referred her to {{Perinatal Mental Health}}.

3.2 A post on Facebook by [[PERSON:Connor]] on the night of the incident read:
"cant take this no more [[PERSON:alfie]] wont stop crying"

3.3 [[PERSON:Mr Rimmer]]'s van, registration [[VRN:R719 KTF]], was seen outside \
[[PREMISES:the Black Horse Inn]] on the evening of the incident. His NI number is \
[[NINO:JX 44 18 90 A]].

3.4 {{Northumbria Police}} confirmed that the family had moved from {{Tyne and Wear}} to the \
area in 2022. The {{Designated Nurse}} noted that {{the Lullaby Trust}} advice was given.

4. Decision

4.1 The Rapid Review agreed that the criteria for a local review were met. The {{Panel}} was \
informed on {{17.11.23}} by email (a date of the review process, public).

Glossary
[[INITIALS:NGH]]\t[[INSTITUTION:Northbrook General Hospital]]
{{HV}}\t{{Health Visitor}}
{{ED}}\t{{Emergency Department}}

[[INITIALS:NGH]] staff were praised for their prompt referral.
"""

# A longer published-style text written after the cues were settled (held out from tuning).
CLEAN_PUBLISHED = """\
Child Safeguarding Practice Review: Baby R

Independent author: <<Nadia Karlsson>>
Date of publication: October 2024

Contents
1. Introduction\t3
2. Scope and Methodology\t4
3. The Family\t5
4. Practice Episodes\t6
5. Learning\t12
6. Recommendations\t16
Glossary\t18

1. Introduction

1.1 Baby R died suddenly at home when she was seven weeks old. The cause of death was \
unascertained, but there were factors associated with sudden unexpected death in infancy, \
including co-sleeping on a sofa after parental alcohol use.

1.2 The Rapid Review identified learning about safer sleep advice for families where there \
are additional vulnerabilities, and the partnership commissioned this local review under \
Working Together to Safeguard Children 2023.

2. Scope and Methodology

2.1 The review covered the period from the start of the pregnancy to the death of Baby R. \
Agencies provided chronologies and reflective reports, and the author met with frontline \
practitioners and their managers in two workshops.

2.2 The review used the Panel's national report on sudden unexpected death in infancy as a \
framework. It also drew on research into the experiences of fathers in the perinatal period.

3. The Family

3.1 Baby R lived with her mother, her father and her older brother, who was three. Both \
parents had experienced difficult childhoods and the father had been in care as a teenager. \
The family rented a two-bedroom house from a private landlord.

3.2 The mother told the author that she loved being a parent but felt exhausted, and that \
nobody had explained why the advice about sleeping arrangements mattered so much.

4. Practice Episodes

Episode 1: Antenatal care

4.1 The mother attended most antenatal appointments. The midwife discussed safer sleep and \
gave the family a leaflet, but the conversation was brief and the father was not present.

Episode 2: The new birth visit

4.2 The health visitor completed the new birth visit at eleven days. She saw a Moses basket \
in the living room and noted that the parents sometimes fell asleep with the baby on the \
sofa. She gave advice and planned to follow up at the six to eight week review.

Episode 3: Police attendance

4.3 Three weeks later the police attended after a neighbour reported shouting. Officers \
completed a risk assessment, graded the incident as standard risk and shared a notification \
with Children's Social Care, which took no further action.

Episode 4: The GP appointment

4.4 The mother saw the GP about low mood. The GP prescribed medication and referred her to \
talking therapies. The practice did not know about the police attendance.

5. Learning

5.1 Safer sleep advice is most effective when it is tailored to the family's circumstances \
and repeated at times of change, such as when a family is under stress or routines are \
disrupted. Practitioners should ask to see where the baby sleeps at every visit.

5.2 Information about domestic incidents was not shared with health practitioners. Had the \
health visitor known, she might have revisited the sleeping arrangements sooner.

5.3 Fathers were largely invisible in the records. Practitioners rarely recorded his views \
or gave him advice directly, even though he cared for the baby at night.

5.4 The parents' own experiences of care and trauma were known to some agencies but were not \
considered when assessing how well they could act on advice.

6. Recommendations

Recommendation 1: The partnership should launch a multi-agency safer sleep assessment tool \
and seek evidence that it is used at every contact with families of babies under one year.

Recommendation 2: The police and health partners should agree a process for sharing \
information about domestic incidents in households with a baby under one year.

Recommendation 3: All agencies should ensure that fathers are seen, recorded and given \
advice in their own right.

Glossary
ED\tEmergency Department
GP\tGeneral Practitioner
SUDI\tSudden Unexpected Death in Infancy

Further copies of this report are available from the partnership's website. If you are \
concerned about a child, contact the local authority's children's services or call the \
police on 999 in an emergency.
"""


def heldout() -> tuple[list[Labelled], list[Labelled]]:
    """Texts written after the cues were settled: (drafts, clean reports)."""
    return [parse("rapid review draft", DRAFT_RAPID)], [parse("published review", CLEAN_PUBLISHED)]
