"""The rendered example documents pass ``check`` (what ``demo`` and ``templates validate`` rely on)."""

from __future__ import annotations

import json

import pytest

from cspr_docs.files import bundled

TEMPLATES = {"lcspr": "lcspr_report.docx", "rapid-review": "rapid_review.docx",
             "improvements": "improvements_summary.docx", "learning-briefing": "learning_briefing.docx"}


@pytest.mark.parametrize("doc_type", list(TEMPLATES))
def test_rendered_example_passes_check(cli, tmp_path, example_case, doc_type):
    if not (bundled("templates") / TEMPLATES[doc_type]).exists():
        pytest.skip("template not built yet")
    out = tmp_path / f"{doc_type}.docx"
    r = cli("render", example_case, "--type", doc_type, "-o", out)
    assert r.code == 0, r.stderr
    r = cli("check", out, "--type", doc_type, "--case", example_case, "--format", "json")
    data = json.loads(r.stdout)
    assert r.code == 0, data["findings"]
    assert data["summary"]["error"] == 0
    assert data["findings"] == []  # not even warnings
