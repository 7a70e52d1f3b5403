"""Regenerate docs/rules.md and the README's rule table from src/cspr_docs/data/rules.yaml.

    python scripts/gen_rule_docs.py          # write them
    python scripts/gen_rule_docs.py --check  # exit 1 if either is stale (CI)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cspr_docs.ruledocs import readme_with_table, reference_markdown  # noqa: E402


def main(argv: list[str]) -> int:
    targets = {ROOT / "docs" / "rules.md": reference_markdown(),
               ROOT / "README.md": readme_with_table((ROOT / "README.md").read_text(encoding="utf-8"))}
    stale = [p for p, text in targets.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for p in stale:
            print(f"{p.relative_to(ROOT)} is stale: run python scripts/gen_rule_docs.py")
        return 1 if stale else 0
    for p in stale:
        p.write_text(targets[p], encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
