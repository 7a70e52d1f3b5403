"""Rules whose code lives in another job's module, registered here against their ids:
anonymisation (``anonymise``), hidden content and markings (``inspect``), accessibility
(``inspect``) and templates (``template_lint``, run by ``templates validate``).

Each of these functions implements every catalogue rule of its family (so a new ``HID``, ``ANO``,
``ACC`` or ``TPL`` rule needs only its catalogue entry, its code in that module and its cases).
"""

from __future__ import annotations

from .registry import family_rules, implements


@implements(*family_rules("anonymisation"))
def anonymisation(ctx):
    from ..anonymise import scan_document

    return scan_document(ctx.doc, ctx.register, case=ctx.case,
                         settings=anonymise_settings(ctx.anonymise_config))


def anonymise_settings(config):
    """``anonymise.Settings`` carrying a partnership's public details and allow-words
    (``{"partnership": {...}, "allow_words": [...]}`` from cspr-docs.yaml), or None."""
    if not config or not (config.get("partnership") or config.get("allow_words")):
        return None
    from ..anonymise import Settings

    return Settings(allow_terms=tuple(config.get("allow_words") or ()),
                    partnership=dict(config.get("partnership") or {}) or None)


@implements(*family_rules("hidden content"), "PUB002", family="hidden content")
def hidden_content(ctx):
    from ..inspect import inspect_document
    from ..inspect.markings import allowed_for_type

    # a protective marking is right on a rapid review (never published); DRAFT is not
    return [f for f in inspect_document(ctx.doc) if allowed_for_type(f, ctx.doc_type)]


@implements(*family_rules("accessibility"))
def accessibility(ctx):
    from ..inspect import accessibility as _accessibility

    return _accessibility(ctx.doc)


@implements(*family_rules("templates"))
def templates(template, case, doc_type):
    """``templates validate`` for one template (not run by ``check``)."""
    from ..template_lint import validate_template

    return validate_template(template, case, doc_type)
