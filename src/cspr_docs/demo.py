"""``cspr-docs demo``: every document type rendered from the bundled fictional case."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .casefile import load_case
from .files import bundled
from .render import TEMPLATES, render_to_file


def run_demo(out_dir: Path, echo: Callable[[str], None] = print) -> int:
    """Render every bundled template from ``examples/case.yaml`` into ``out_dir``."""
    example = bundled("examples") / "case.yaml"
    case = load_case(example)
    out_dir.mkdir(parents=True, exist_ok=True)
    echo(f"Example case: {example} (entirely fictional)")
    for doc_type, template in TEMPLATES.items():
        result = render_to_file(case, doc_type, out_dir / template)
        echo(f"  rendered {doc_type:<18} -> {result.output}")
    return 0
