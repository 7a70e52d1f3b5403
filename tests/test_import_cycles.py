"""No import cycles between the checker's modules: each module imports cleanly on its own, and
report does not import html_report (or the reverse) at module level."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import cspr_docs

SRC = Path(cspr_docs.__file__).parent


def top_level_imports(module: Path) -> set[str]:
    """Modules of the package imported at module level (not inside functions)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    out = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            out.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 1:
            out.update(a.name for a in node.names)
    return out


def test_report_and_html_report_do_not_import_each_other():
    assert "html_report" not in top_level_imports(SRC / "report.py")
    assert "report" not in top_level_imports(SRC / "html_report.py")
    # and not lazily either in html_report: it needs nothing from report
    assert "from .report import" not in (SRC / "html_report.py").read_text(encoding="utf-8")


def test_checker_modules_import_first_in_a_fresh_interpreter():
    """Importing a module first (cycle problems show up as ImportError then)."""
    for name in ("cspr_docs.html_report", "cspr_docs.report", "cspr_docs.checks", "cspr_docs.timeline",
                 "cspr_docs.checks.distribution", "cspr_docs.distribute", "cspr_docs.config",
                 "cspr_docs.commands.distribute", "cspr_docs.checks.checklist", "cspr_docs.checks.timescales",
                 "cspr_docs.findings", "cspr_docs.catalogue", "cspr_docs.template_lint"):
        r = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True)
        assert r.returncode == 0, (name, r.stderr[-500:])
