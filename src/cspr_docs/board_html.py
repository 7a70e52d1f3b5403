"""``status --format html``: the case board as one self-contained page (issue #15).

No external assets (inline CSS and JS under the findings report's strict Content-Security-Policy),
so it opens from a file, offline. Every column sorts (click its heading, or Enter/Space on it); a
text box, a stage list and a "late only" box filter the rows. Without JavaScript the whole table
still shows. Everything that comes from a case file is escaped.
"""

from __future__ import annotations

import json
from datetime import date

from .dates import format_uk_long, format_uk_short
from .html_report import _esc  # one escaping: also drops what HTML cannot hold
from .portfolio import STAGES, BoardRow

#: (key, heading, sort type)
COLUMNS = (("case", "Case", "text"), ("stage", "Stage", "number"), ("next", "Next deadline", "text"),
           ("due", "Due", "text"), ("left", "Working days left", "number"), ("late", "Late", "number"),
           ("open", "Open recommendations", "number"), ("overdue", "Overdue recommendations", "number"),
           ("until", "Available until", "text"), ("delays", "Delays", "text"))

_CSS = """
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:0;color:#1b1b1b;background:#fff}
#banner{background:#1d3557;color:#fff;padding:.5rem 1rem;font-weight:600}
main{padding:0 1rem 2rem}
.controls{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:1rem 0}
.controls label{display:flex;flex-direction:column;font-weight:600;font-size:.9rem}
.controls label.inline{flex-direction:row;gap:.4rem;align-items:center}
input[type=search],select{font:inherit;padding:.25rem .4rem;border:1px solid #555;border-radius:3px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}
th button{font:inherit;font-weight:700;background:none;border:0;padding:0;cursor:pointer;color:#1b1b1b;text-align:left}
th button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #ffbf47}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right}
td:first-child{white-space:nowrap}
tr.is-late td.late{background:#fde2e1;color:#8a1c14;font-weight:600}
ul.late{margin:0;padding-left:1.1rem}
.broken{background:#fff4e5;border:1px solid #b36b00;padding:.5rem 1rem;margin-top:1.5rem}
"""

_JS = r"""
(function () {
  var table = document.getElementById("board");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById("filter-text");
  var stage = document.getElementById("filter-stage");
  var late = document.getElementById("filter-late");
  var status = document.getElementById("board-status");
  function key(row, col, type) {
    var v = row.cells[col].getAttribute("data-value");
    if (v === null || v === "") return null;
    return type === "number" ? parseFloat(v) : v.toLowerCase();
  }
  function sortBy(th) {
    var col = th.cellIndex, type = th.getAttribute("data-type");
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = key(a, col, type), y = key(b, col, type);
      if (x === y) return rows.indexOf(a) - rows.indexOf(b);
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function filter() {
    var q = text.value.trim().toLowerCase(), s = stage.value, shown = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) !== -1) &&
               (!s || r.getAttribute("data-stage") === s) &&
               (!late.checked || r.getAttribute("data-late") !== "0");
      r.hidden = !ok;
      if (ok) shown += 1;
    });
    status.textContent = "Showing " + shown + " of " + rows.length + " cases";
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var b = th.querySelector("button");
    if (b) b.addEventListener("click", function () { sortBy(th); });
  });
  text.addEventListener("input", filter);
  stage.addEventListener("change", filter);
  late.addEventListener("change", filter);
  document.documentElement.classList.add("js");
  filter();
})();
"""


def _cell(text: str, value: object = "", cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<td{attr} data-value="{_esc(value)}">{text}</td>'


def _row(r: BoardRow) -> str:
    late_items = "".join(f"<li>{_esc(n)}: {_esc(s)}</li>" for n, s in r.late)
    cells = [
        _cell(_esc(r.reference), r.reference),
        _cell(_esc(r.stage), STAGES.index(r.stage) if r.stage in STAGES else ""),
        _cell(_esc(r.next_name or "-"), r.next_name or ""),
        _cell(_esc(format_uk_short(r.next_due)) if r.next_due else "-",
              r.next_due.isoformat() if r.next_due else ""),
        _cell(str(r.working_days_left) if r.working_days_left is not None else "-",
              "" if r.working_days_left is None else r.working_days_left, "num"),
        _cell(f'<ul class="late">{late_items}</ul>' if r.late else "none", len(r.late), "late"),
        _cell(str(r.open_recs), r.open_recs, "num"),
        _cell(str(r.overdue_recs), r.overdue_recs, "num"),
        _cell(_esc(format_uk_short(r.available_until)) if r.available_until else "-",
              r.available_until.isoformat() if r.available_until else ""),
        _cell(_esc(", ".join(d.replace("_", " ") for d in r.delays)) or "-", ", ".join(r.delays)),
    ]
    cls = ' class="is-late"' if r.late else ""
    return (f'<tr{cls} data-case="{_esc(r.reference)}" data-stage="{_esc(r.stage)}" '
            f'data-late="{len(r.late)}">{"".join(cells)}</tr>')


def render_board_html(rows: list[BoardRow], today: date, source: str = "") -> str:
    from .html_report import CSP  # the findings report's policy: nothing may load from anywhere

    good = [r for r in rows if not r.error]
    broken = [r for r in rows if r.error]
    late = sum(1 for r in good if r.late)
    heads = "".join(f'<th scope="col" data-key="{k}" data-type="{t}"><button type="button">{_esc(h)}'
                    "</button></th>" for k, h, t in COLUMNS)
    options = "".join(f'<option value="{_esc(s)}">{_esc(s)}</option>' for s in STAGES)
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Case board as at {_esc(format_uk_short(today))}</title>", f"<style>{_CSS}</style>",
        "</head>", "<body>",
        '<div id="banner" role="note">OFFICIAL-SENSITIVE: case references, stages and statutory '
        "deadlines of child safeguarding practice reviews. Keep it within the business unit.</div>",
        "<main>", f"<h1>Case board as at {_esc(format_uk_long(today))}</h1>",
        f'<p id="summary">{len(good)} case(s) from {_esc(source or "the folder")}; {late} with a late or '
        f"missed statutory deadline; {len(broken)} case file(s) could not be read.</p>",
        '<div class="controls" role="search">',
        '<label for="filter-text">Filter<input type="search" id="filter-text" '
        'placeholder="case, stage, deadline"></label>',
        f'<label for="filter-stage">Stage<select id="filter-stage"><option value="">all stages</option>'
        f"{options}</select></label>",
        '<label class="inline" for="filter-late"><input type="checkbox" id="filter-late"> '
        "only cases with something late</label>",
        f'<p id="board-status" aria-live="polite">Showing {len(good)} of {len(good)} cases</p>',
        "</div>",
        '<table id="board"><caption>One row a case; click a column heading to sort.</caption>',
        f"<thead><tr>{heads}</tr></thead>", "<tbody>", *(_row(r) for r in good), "</tbody></table>",
    ]
    if broken:
        items = "".join(f"<li>{_esc(r.error)}</li>" for r in broken)
        parts.append(f'<section class="broken" id="broken"><h2>Case files that could not be read</h2>'
                     f"<ul>{items}</ul></section>")
    parts += ["</main>", f"<script>{_JS}</script>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def board_json(rows: list[BoardRow], today: date) -> str:
    return json.dumps({"tool": "cspr-docs", "today": today.isoformat(),
                       "cases": [r.to_dict() for r in rows if not r.error],
                       "errors": [{"path": r.path, "error": r.error} for r in rows if r.error]},
                      indent=2) + "\n"
