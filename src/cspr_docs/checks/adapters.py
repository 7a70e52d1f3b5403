"""Rules whose code lives in another job's module, registered here against their ids:
anonymisation (``anonymise``), hidden content and markings (``inspect``), accessibility
(``inspect``) and templates (``template_lint``, run by ``templates validate``)."""

from __future__ import annotations

from .registry import implements


@implements("ANO001", "ANO002")
def anonymisation(ctx):
    from ..anonymise import scan_document

    return scan_document(ctx.doc, ctx.register, case=ctx.case)


@implements("HID001", "HID002", "HID003", "HID004", "HID005", "HID006", "HID007", "HID008", "PUB002",
            family="hidden content")
def hidden_content(ctx):
    from ..inspect import inspect_document

    return inspect_document(ctx.doc)


@implements("ACC001", "ACC002", "ACC003", "ACC004", "ACC005", "ACC006")
def accessibility(ctx):
    from ..inspect import accessibility as _accessibility

    return _accessibility(ctx.doc)


@implements("TPL001", "TPL002", "TPL003", "TPL004")
def templates(template, case, doc_type):
    """``templates validate`` for one template (not run by ``check``)."""
    from ..template_lint import validate_template

    return validate_template(template, case, doc_type)
