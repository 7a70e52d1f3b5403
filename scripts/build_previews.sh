#!/usr/bin/env bash
# Regenerate the page images shown in the README (docs/previews/) from the bundled example:
# render each document type to PDF, then `cspr-docs preview` its first pages as small PNGs.
# Needs LibreOffice and poppler-utils. Run from anywhere after changing a template.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f docs/previews/*.png
for type in rapid-review lcspr improvements learning-briefing; do
  cspr-docs render examples/case.yaml --type "$type" -o "$tmp/$type.pdf" >/dev/null
  cspr-docs preview "$tmp/$type.pdf" -o docs/previews --dpi 32 --pages 3
done
