"""Words the checker recognises, in one place: month names, honorifics and reviewer labels.

(The anonymiser keeps its own list of titles in ``anonymise/register.py``; ``HONORIFICS`` here is
the same list, for the checks.)
"""

from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
#: A month name or its usual abbreviation (Jan, Sept ...), as a regular expression (no groups).
MONTH_PATTERN = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                 r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Master", "Prof", "Professor", "Sir", "Dame")
#: An honorific and the space after it (case-sensitive: "Dr Smith", not "dr").
HONORIFIC_PATTERN = r"(?:(?:" + "|".join(HONORIFICS) + r")\.?\s+)"
#: What a report calls its reviewer ("Independent reviewer:", "Lead author", "Report writer").
REVIEWER_LABEL_PATTERN = (r"(?i:(?:(?:independent|lead|external|overview|principal|report|review)\s+){0,3}"
                          r"(?:reviewer|author|report\s+writer)s?(?:\s+and\s+(?:lead\s+)?(?:author|reviewer))?)")

