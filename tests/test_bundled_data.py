"""Bundled data files are read with libyaml (fast) on every run: each must mean the same as
under the round-trip YAML 1.2 loader that reads users' files (PyYAML reads YAML 1.1, where
``no``, ``on`` and ``1:30`` are not strings)."""

from __future__ import annotations

import json

import pytest

from cspr_docs.files import bundled
from cspr_docs.yamlio import load_bundled, load_yaml

DATA = sorted(p for folder in ("data", "checklists") for p in bundled(folder).glob("*.yaml"))


def _plain(value):
    return json.loads(json.dumps(value, default=str, sort_keys=True))


@pytest.mark.parametrize("path", DATA, ids=[p.name for p in DATA])
def test_bundled_file_reads_the_same_with_libyaml(path):
    assert _plain(load_bundled(path)) == _plain(load_yaml(path))


def test_a_yaml_1_1_trap_would_be_caught(tmp_path):
    """The comparison above can fail: ``no`` is a boolean to libyaml, a string to YAML 1.2."""
    trap = tmp_path / "trap.yaml"
    trap.write_text("words: [yes, no, 'on']\n", encoding="utf-8")
    assert _plain(load_bundled(trap)) != _plain(load_yaml(trap))


def test_catalogue_errors_still_give_the_line(tmp_path, monkeypatch):
    from cspr_docs import catalogue

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "rules.yaml").write_text(
        "# a comment\n\nhid9: {family: f}\n", encoding="utf-8")
    monkeypatch.setattr("cspr_docs.files.bundled", lambda name: tmp_path / name)
    catalogue.rules.cache_clear()
    try:
        with pytest.raises(catalogue.CatalogueError, match=r"rules.yaml line 3: bad rule id"):
            catalogue.rules()
    finally:
        catalogue.rules.cache_clear()
