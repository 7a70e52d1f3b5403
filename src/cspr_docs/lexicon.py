"""Words cspr-docs recognises, in one place: month and day names, honorifics, the family titles
people are called by, and reviewer labels (used by the checks and the anonymiser)."""

from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
#: A month name or its usual abbreviation (Jan, Sept ...), as a regular expression (no groups).
MONTH_PATTERN = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                 r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
#: Short forms of the month names (as written in dates: "3 Sept 2025").
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASONS = ("spring", "summer", "autumn", "winter")
HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Master", "Prof", "Professor", "Sir", "Dame")
#: Words placed before a name as a title in case records ("Nurse Jo", "Aunty Bev", "Revd Smith").
CLERGY = ("Rev", "Revd")
FAMILY_AND_FAITH_TITLES = CLERGY + ("Nurse", "Sister", "Aunty", "Auntie", "Uncle", "Nan", "Nanna",
                           "Grandma", "Grandad", "Granddad")
#: An honorific and the space after it (case-sensitive: "Dr Smith", not "dr").
HONORIFIC_PATTERN = r"(?:(?:" + "|".join(HONORIFICS) + r")\.?\s+)"
#: What a report calls its reviewer ("Independent reviewer:", "Lead author", "Report writer").
REVIEWER_LABEL_PATTERN = (r"(?i:(?:(?:independent|lead|external|overview|principal|report|review)\s+){0,3}"
                          r"(?:reviewer|author|report\s+writer)s?(?:\s+and\s+(?:lead\s+)?(?:author|reviewer))?)")

