"""The distribution pack: ready-to-send email drafts to the statutory recipients.

Working Together to Safeguard Children 2023, ch.5: the safeguarding partners send the full
report (or, when it is not published, the information about improvements) to the Child
Safeguarding Practice Review Panel and the Secretary of State no later than 7 working days
before publication, and to Ofsted in the same timescale.

``build_pack`` makes one RFC 5322 ``.eml`` draft per statutory recipient (``X-Unsent: 1`` so
Outlook opens it as a draft to send; no ``From``: the officer's mail client fills it) with the
report attached, and a ``distribution.yaml`` snippet to paste into the case file once sent.
Nothing is ever sent and nothing touches the network.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .dates import earliest_publication, format_uk_long, latest_copy_date, working_days_between, working_days_text

SOURCE = "Working Together to Safeguard Children 2023, chapter 5"

#: MIME types of the documents a pack can carry.
MIME_TYPES = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".txt": ("text", "plain"),
    ".md": ("text", "markdown"),
}
#: Recipients who also get the delay reasons and the non-publication justification.
PANEL_AND_SOS = ("panel", "secretary_of_state")
GREETINGS = {
    "panel": "Dear Child Safeguarding Practice Review Panel secretariat",
    "secretary_of_state": "Dear colleagues (for the Secretary of State for Education)",
    "ofsted": "Dear colleagues at Ofsted",
}


class LateError(Exception):
    """The latest date to send the copies has passed: the pack is refused."""


@dataclass
class Draft:
    """One email draft: who it is for and the message bytes."""

    recipient: str
    address: str
    filename: str
    message: bytes


@dataclass
class Pack:
    """Everything ``distribute`` writes, and the dates it worked out."""

    planned: date
    latest: date
    item: str
    drafts: list[Draft] = field(default_factory=list)
    snippet: str = ""


def check_not_late(planned: date, today: date) -> date:
    """The latest send date, or ``LateError`` when ``today`` is after it."""
    latest = latest_copy_date(planned)
    if today > latest:
        late = working_days_between(latest, today)
        by = (f"by {working_days_text(late)}" if late
              else "(today is not a working day, but it is after that date)")
        raise LateError(
            f"too late: the copies had to be sent no later than {format_uk_long(latest)}, "
            f"7 working days before publication on {format_uk_long(planned)} ({SOURCE}); "
            f"today ({format_uk_long(today)}) is past that {by}. Sent today, the "
            f"earliest compliant publication date is {format_uk_long(earliest_publication(today))}.")
    return latest


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def attachment_name(document: Path) -> str:
    """The document's file name as the attachment's: line breaks and other control
    characters (a CR/LF would break the message's headers) become spaces."""
    name = "".join(ch if ch.isprintable() else " " for ch in document.name)
    return " ".join(name.split()) or "document"


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _body(case, info: dict, recipient: str, item: str, planned: date, latest: date,
          document: Path, size: int) -> str:
    ref = _one_line(case.case.reference) if case.case and case.case.reference else None
    partnership = _one_line(case.case.partnership) if case.case and case.case.partnership \
        else "the safeguarding partnership"
    child = _one_line(case.child.pseudonym) if case.child and case.child.pseudonym else None
    kind = "national" if case.review and case.review.kind == "national" else "local"
    what = ("a copy of the final report" if item == "full_report" else
            "the information about improvements that will be published instead of the full report")
    about = f" about {child}" if child else ""
    lines = [
        f"{GREETINGS.get(recipient, 'Dear colleagues')},",
        "",
        f"{partnership} will publish the {kind} child safeguarding practice review{about}"
        + (f" (our reference {ref})" if ref else "") + f" on {format_uk_long(planned)}.",
        "",
        f"Please find attached {what}, sent to you before publication as {SOURCE} requires: "
        "the report goes to the Child Safeguarding Practice Review Panel and the Secretary of "
        "State no later than 7 working days before publication, and to Ofsted in the same "
        "timescale.",
        "",
        f"  {'Planned publication date:':<31}{format_uk_long(planned)}",
        f"  {'Latest date to send this copy:':<31}{format_uk_long(latest)} (7 working days before)",
        f"  {'Attached:':<31}{attachment_name(document)} ({_size(size)}; "
        + ("full report" if item == "full_report" else "information about improvements") + ")",
    ]
    publication = case.publication
    if recipient in PANEL_AND_SOS and publication is not None:
        if item == "improvements_info" and publication.non_publication_justification:
            lines += ["", "Why the full report is not being published:",
                      str(publication.non_publication_justification).strip()]
        if publication.delay_reasons:
            lines += ["", "Reasons for publishing more than 6 months after the decision to "
                          "undertake the review:", str(publication.delay_reasons).strip()]
    lines += [
        "",
        "The report is not yet public: please do not share it before the publication date.",
        "",
        "Kind regards,",
        "",
        "[Your name]",
        f"[Your role], {partnership}",
        "",
    ]
    return "\n".join(textwrap.fill(line, 76, break_long_words=False, break_on_hyphens=False)
                     if len(line) > 76 and not line.startswith(" ") else line for line in lines)


def build_pack(case, document: Path, data: bytes, planned: date, today: date) -> Pack:
    """The drafts and snippet for ``case`` with ``document`` (its bytes ``data``) attached.

    Raises ``LateError`` when ``today`` is after the latest send date.
    """
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import SMTP

    from .casefile import recipients

    latest = check_not_late(planned, today)
    publication = case.publication
    item = "improvements_info" if publication is not None and publication.full_report is False \
        else "full_report"
    ref = _one_line(case.case.reference) if case.case and case.case.reference else None
    child = _one_line(case.child.pseudonym) if case.child and case.child.pseudonym else None
    subject = (f"Child safeguarding practice review {ref}" if ref else
               f"Child safeguarding practice review ({child})" if child else
               "Child safeguarding practice review") + ": copy before publication"
    maintype, subtype = MIME_TYPES.get(document.suffix.lower(), ("application", "octet-stream"))
    pack = Pack(planned, latest, item)
    snippet = [
        "# Paste these lines under 'distribution:' in the case file once the emails are sent",
        f"# (change 'sent' if you send them on another day; the latest day is {latest.isoformat()}).",
    ]
    for key, info in recipients()["recipients"].items():
        if not info.get("statutory"):
            continue
        address = info.get("address")
        if not address:
            from .errors import InputError
            from .files import bundled

            raise InputError(bundled("data") / "recipients.yaml",
                             f"the statutory recipient '{key}' has no email address")
        msg = EmailMessage(policy=SMTP.clone(max_line_length=998))  # no folded Subject
        msg["To"] = Address(display_name=_one_line(info["name"]), addr_spec=address)
        msg["Subject"] = subject
        msg["X-Unsent"] = "1"
        body = _body(case, info, key, item, planned, latest, document, len(data))
        msg.set_content(body, cte="7bit" if body.isascii() else "8bit")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=attachment_name(document))
        pack.drafts.append(Draft(key, address, f"{key}.eml", msg.as_bytes()))
        snippet.append(f"- {{recipient: {key}, item: {item}, sent: {today.isoformat()}}}")
        if key in PANEL_AND_SOS and publication is not None:
            if item == "improvements_info" and publication.non_publication_justification:
                snippet.append(f"- {{recipient: {key}, item: non_publication_justification, "
                               f"sent: {today.isoformat()}}}")
            if publication.delay_reasons:
                snippet.append(f"- {{recipient: {key}, item: delay_reasons, sent: {today.isoformat()}}}")
    pack.snippet = "\n".join(snippet) + "\n"
    return pack
