"""Text cells for spreadsheets: a value typed into a case file (an owner, a note) must never run
as a formula when the CSV or .xlsx is opened (CSV/formula injection: "=HYPERLINK(...)",
"+cmd|...", "@SUM(...)")."""

from __future__ import annotations

from typing import Any, Iterable

#: a cell starting with one of these is read as a formula by spreadsheet programs
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` for a CSV file: text that a spreadsheet would run gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_rows(rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    return [[csv_cell(v) for v in row] for row in rows]


def keep_as_text(ws) -> None:
    """Every text cell of an openpyxl worksheet stays text (openpyxl stores "=..." as a formula)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
