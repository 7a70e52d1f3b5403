"""The distribution pack: ready-to-send email drafts to the recipients of the copies.

Working Together to Safeguard Children 2023, ch.5 (the duties are stated once, in
``checks.distribution.required_copies``): for a local review the full report goes to the Child
Safeguarding Practice Review Panel and the Secretary of State no later than 7 working days before
publication, also when only information about improvements is published (then that information
goes to them too), and the report or the information to Ofsted in the same timescale. For a
national review the Panel sends the full report (and any information) to the Secretary of State
in that timescale, and copies to the safeguarding partners, Ofsted, the Care Quality Commission
and HMICFRS with no set timescale.

``build_pack`` makes one RFC 5322 ``.eml`` draft per recipient (``X-Unsent: 1`` so Outlook opens
it as a draft to send; no ``From``: the officer's mail client fills it; no ``To`` where the
address is not known) with the documents attached, and a ``distribution.yaml`` snippet to paste
into the case file once sent. Nothing is ever sent and nothing touches the network.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .dates import earliest_publication, format_uk_long, latest_copy_date, working_days_between, working_days_text
from .checks.distribution import ITEM_NAMES

SOURCE = "Working Together to Safeguard Children 2023, chapter 5"

#: MIME types of the documents a pack can carry.
MIME_TYPES = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".txt": ("text", "plain"),
    ".md": ("text", "markdown"),
}
GREETINGS = {
    "panel": "Dear Child Safeguarding Practice Review Panel secretariat",
    "secretary_of_state": "Dear colleagues (for the Secretary of State for Education)",
    "ofsted": "Dear colleagues at Ofsted",
    "cqc": "Dear colleagues at the Care Quality Commission",
    "hmicfrs": "Dear colleagues at HMICFRS",
    "partners": "Dear safeguarding partners",
}
@dataclass
class Attachment:
    """A document the pack attaches: the item it is, its path and its bytes."""

    item: str
    path: Path
    data: bytes


class LateError(Exception):
    """The latest date to send the copies has passed: the pack is refused."""


@dataclass
class Draft:
    """One email draft: who it is for and the message bytes."""

    recipient: str
    address: str | None
    filename: str
    message: bytes
    items: tuple[str, ...] = ()
    timed: bool = True


@dataclass
class Pack:
    """Everything ``distribute`` writes, and the dates it worked out."""

    planned: date
    latest: date
    item: str                # the item published: full_report or improvements_info
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


def _body(case, recipient: str, items: tuple[str, ...], timed: bool, planned: date, latest: date,
          attachments: list[Attachment], national: bool) -> str:
    from .checks.distribution import reasons_recipients

    ref = _one_line(case.case.reference) if case.case and case.case.reference else None
    partnership = _one_line(case.case.partnership) if case.case and case.case.partnership \
        else "the safeguarding partnership"
    publisher = "The Child Safeguarding Practice Review Panel" if national else partnership
    child = _one_line(case.child.pseudonym) if case.child and case.child.pseudonym else None
    kind = "national" if national else "local"
    what = " and ".join(("a copy of the final report" if i == "full_report" else
                         "the information about improvements" + (" that will be published instead of the full "
                                                                 "report" if "full_report" in items else ""))
                        for i in items)
    about = f" about {child}" if child else ""
    if national:
        why = ("the Panel sends the full report (and any information about improvements) to the Secretary "
               "of State no later than 7 working days before publication" if timed else
               "the Panel should also send a copy to the safeguarding partners, Ofsted, the Care Quality "
               "Commission and HMICFRS")
    else:
        why = ("the full report goes to the Child Safeguarding Practice Review Panel and the Secretary of "
               "State no later than 7 working days before publication, also when only information about "
               "improvements is published, and the report or that information to Ofsted in the same "
               "timescale")
    lines = [
        f"{GREETINGS.get(recipient, 'Dear colleagues')},",
        "",
        f"{publisher[:1].upper() + publisher[1:]} will publish the {kind} child safeguarding practice review{about}"
        + (f" (our reference {ref})" if ref else "") + f" on {format_uk_long(planned)}.",
        "",
        f"Please find attached {what}, sent to you before publication as {SOURCE} sets out: {why}.",
        "",
        f"  {'Planned publication date:':<31}{format_uk_long(planned)}",
    ]
    if timed:
        lines.append(f"  {'Latest date to send this copy:':<31}{format_uk_long(latest)} (7 working days before)")
    for a in attachments:
        lines.append(f"  {'Attached:':<31}{attachment_name(a.path)} ({_size(len(a.data))}; {ITEM_NAMES[a.item]})")
    publication = case.publication
    if recipient in reasons_recipients(national) and publication is not None:
        if "improvements_info" in items and publication.non_publication_justification:
            lines += ["", "Why the full report is not being published:",
                      str(publication.non_publication_justification).strip()]
        if publication.delay_reasons:
            lines += ["", "Reasons for publishing more than 6 months after the decision to "
                          "undertake the review:", str(publication.delay_reasons).strip()]
    unpublished = "full_report" in items and "improvements_info" in items
    lines += [
        "",
        ("The full report will not be published: please do not share it. The information about "
         "improvements is not yet public: please do not share it before the publication date."
         if unpublished else
         "The report is not yet public: please do not share it before the publication date."),
        "",
        "Kind regards,",
        "",
        "[Your name]",
        f"[Your role], {'Child Safeguarding Practice Review Panel' if national else partnership}",
        "",
    ]
    return "\n".join(textwrap.fill(line, 76, break_long_words=False, break_on_hyphens=False)
                     if len(line) > 76 and not line.startswith(" ") else line for line in lines)


def recipients_and_items(national: bool, full_published: bool) -> list[tuple[str, tuple[str, ...], bool]]:
    """``(recipient, items to attach, timed)`` for each recipient of the pack, from the duties in
    ``checks.distribution.required_copies``: where either item will do, the published one."""
    from .checks.distribution import required_copies

    published = "full_report" if full_published else "improvements_info"
    out: dict[str, tuple[list[str], bool]] = {}
    for copy in required_copies(national, full_published):
        items, timed = out.setdefault(copy.recipient, ([], False))
        item = copy.items[0] if len(copy.items) == 1 else published
        if item not in items:
            items.append(item)
        out[copy.recipient] = (items, timed or copy.timed)
    order = {"full_report": 0, "improvements_info": 1}
    return [(r, tuple(sorted(items, key=order.get)), timed) for r, (items, timed) in out.items()]


def build_pack(case, document: Path, data: bytes, planned: date, today: date,
               full_report: tuple[Path, bytes] | None = None, doc_type: str = "lcspr") -> Pack:
    """The drafts and snippet for ``case`` with ``document`` (its bytes ``data``: the document to
    be published, of type ``doc_type``) attached, and ``full_report`` (path, bytes) too when the
    full report is not published (it still goes to the Panel and the Secretary of State).

    Raises ``LateError`` when ``today`` is after the latest send date, ``ValueError`` when the
    full report is not published and ``full_report`` is not given.
    """
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import SMTP

    from .casefile import recipients
    from .checks.distribution import full_report_published, reasons_recipients

    latest = check_not_late(planned, today)
    publication = case.publication
    national = bool(case.review and case.review.kind == "national")
    full = full_report_published(case, doc_type)  # as the command decided which files it needs
    item = "full_report" if full else "improvements_info"
    if not full and full_report is None:
        raise ValueError("the full report is not published, but it must still go to the Panel and the "
                         "Secretary of State: give it with --full-report")
    docs = {item: Attachment(item, document, data)}
    if not full:
        docs["full_report"] = Attachment("full_report", full_report[0], full_report[1])
    ref = _one_line(case.case.reference) if case.case and case.case.reference else None
    child = _one_line(case.child.pseudonym) if case.child and case.child.pseudonym else None
    subject = (f"Child safeguarding practice review {ref}" if ref else
               f"Child safeguarding practice review ({child})" if child else
               "Child safeguarding practice review") + ": copy before publication"
    pack = Pack(planned, latest, item)
    snippet = [
        "# Paste these lines under 'distribution:' in the case file once the emails are sent",
        f"# (change 'sent' if you send them on another day; the latest day is {latest.isoformat()}).",
    ]
    known = recipients()["recipients"]
    for key, items, timed in recipients_and_items(national, full):
        info = known.get(key, {})
        address = info.get("address")
        attachments = [docs[i] for i in items]
        msg = EmailMessage(policy=SMTP.clone(max_line_length=998))  # no folded Subject
        if address:
            msg["To"] = Address(display_name=_one_line(info["name"]), addr_spec=address)
        msg["Subject"] = subject
        msg["X-Unsent"] = "1"
        body = _body(case, key, items, timed, planned, latest, attachments, national)
        msg.set_content(body, cte="7bit" if body.isascii() else "8bit")
        for a in attachments:
            maintype, subtype = MIME_TYPES.get(a.path.suffix.lower(), ("application", "octet-stream"))
            msg.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=attachment_name(a.path))
        pack.drafts.append(Draft(key, address, f"{key}.eml", msg.as_bytes(), items, timed))
        for i in items:
            snippet.append(f"- {{recipient: {key}, item: {i}, sent: {today.isoformat()}}}")
        if key in reasons_recipients(national) and publication is not None:
            if not full and publication.non_publication_justification:
                snippet.append(f"- {{recipient: {key}, item: non_publication_justification, "
                               f"sent: {today.isoformat()}}}")
            if publication.delay_reasons:
                snippet.append(f"- {{recipient: {key}, item: delay_reasons, sent: {today.isoformat()}}}")
    pack.snippet = "\n".join(snippet) + "\n"
    return pack
