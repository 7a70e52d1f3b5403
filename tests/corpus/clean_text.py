"""Paragraphs written in the style of published reviews that hold no identifying detail.

``scan`` should flag (almost) nothing here: it measures false alarms on ordinary report prose
rather than on the decoy list the corpus generator plants.
"""

CLEAN_PARAGRAPHS = [
    "1. Introduction",
    "This Local Child Safeguarding Practice Review was commissioned by the Safeguarding Children "
    "Partnership following a serious incident in which Child A, aged four, sustained serious injuries. "
    "The Rapid Review was held within fifteen working days and recommended that a local review be "
    "undertaken.",
    "The review considered the period from June 2021 to September 2022. The Independent Reviewer met "
    "with practitioners and managers from Children's Social Care, the Health Visiting Service, the GP "
    "practice, the nursery, the police and the Domestic Abuse Service.",
    "Mother and Father were invited to contribute to the review. Mother met the Lead Reviewer in "
    "spring 2023 and described feeling judged by professionals. Father did not respond to letters.",
    "Child A lived with Mother, Sibling 1 and Mother's partner. The maternal grandmother provided "
    "regular care at weekends. The family had moved three times in eighteen months.",
    "Key Practice Episode 1: the referral to the Multi-Agency Safeguarding Hub. In October 2021 the "
    "health visitor made a referral after noticing bruising to Child A's ear. A strategy discussion "
    "was not convened and the case was stepped down to Early Help.",
    "Finding 2: Professionals did not consider the lived experience of the child. Records focused on "
    "the needs of the adults, and the voice of Child A was largely absent from assessments.",
    "The Designated Safeguarding Lead at the school shared concerns about Sibling 1's attendance, "
    "but this information did not reach the social worker before the Initial Child Protection "
    "Conference.",
    "Working Together 2023 is clear that all practitioners should share information in a timely "
    "way. Section 47 enquiries should be started where there is reasonable cause to suspect that a "
    "child is suffering, or likely to suffer, significant harm.",
    "Recommendation 3: The Safeguarding Children Partnership should seek assurance that partner "
    "agencies use the Graded Care Profile when neglect is suspected, and report progress to the "
    "Panel by March 2024.",
    "Good practice was identified. The school nurse was persistent in following up missed "
    "appointments, and the police responded quickly when Mother called 999.",
    "The Child Protection Plan was ended in July 2022 after three Review Child Protection "
    "Conferences. Agencies agreed that the threshold for statutory intervention was no longer met.",
    "Ofsted, the Department for Education and the Child Safeguarding Practice Review Panel were "
    "notified of the decision to undertake this review.",
]
