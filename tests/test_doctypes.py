"""One table of document types (doctypes.TYPES): the other modules agree with it."""

from __future__ import annotations

from cspr_docs.doctypes import DOC_TYPES, INIT_TYPES, PUBLIC_TYPES, PUBLISHED_TYPES, TYPES
from cspr_docs.files import bundled


def test_every_type_has_its_checklist_and_template():
    for t in TYPES.values():
        assert (bundled("checklists") / t.checklist).is_file(), t.name
        if t.template:
            assert (bundled("templates") / t.template).is_file(), t.name


def test_other_modules_agree_with_the_table():
    from cspr_docs.casefile_init import SECTIONS
    from cspr_docs.checks import DOC_TYPES as CHECK_TYPES
    from cspr_docs.render import TEMPLATES

    assert CHECK_TYPES == DOC_TYPES
    assert TEMPLATES == {t.name: t.template for t in TYPES.values() if t.template}
    assert set(SECTIONS) == set(INIT_TYPES)
    assert set(PUBLISHED_TYPES) < set(PUBLIC_TYPES) and "rapid-review" not in PUBLIC_TYPES
