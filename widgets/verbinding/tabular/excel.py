"""Excel ``.xlsx``: the first worksheet that holds the header, cell values as text."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from verbinding.tabular import limits
from verbinding.tabular.header import _match_header, _missing_report
from verbinding.tabular.model import HEADER_SEARCH_ROWS, Problem, Table, TableError, _finish
from verbinding.texts import t


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if hasattr(value, "year") and hasattr(value, "month"):
        if hasattr(value, "hour") and (value.hour or value.minute):
            return value.strftime("%Y-%m-%d %H:%M")
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _find_header(iterator, expected, optional, aliases):
    """Search the first rows of a sheet for the header: ``(header or None, rows seen)``."""
    seen: list[tuple[int, list[str]]] = []
    for number, values in enumerate(iterator, start=1):
        cells = [_cell_text(v) for v in values[:limits.MAX_COLUMNS + 1]]
        seen.append((number, cells))
        found = _match_header(cells, expected, optional, aliases)
        if found is not None:
            return (number, cells, found), seen
        if number >= HEADER_SEARCH_ROWS:
            break
    return None, seen


def _read_excel(path: Path, raw: bytes, expected, optional, aliases, label) -> Table:
    """The first worksheet that holds the header (the sheet's name goes into the table)."""
    limits.check_excel_archive(raw, label)
    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken or foreign file
        raise TableError([Problem(label, None, None, t("cases.read.bad_excel"))]) from None
    try:
        sheets = tuple(str(name) for name in book.sheetnames)
        first_seen: list[tuple[int, list[str]]] | None = None
        for sheet in book.worksheets:
            if hasattr(sheet, "reset_dimensions"):  # a declared A1:XFD1048576 pads every row
                sheet.reset_dimensions()
            iterator = sheet.iter_rows(values_only=True)
            header, seen = _find_header(iterator, expected, optional, aliases)
            if first_seen is None:
                first_seen = seen
            if header is not None:
                break
        else:
            seen = first_seen or []
            if not any(any(c.strip() for c in cells) for _, cells in seen):
                raise TableError([Problem(label, None, None, t("cases.read.empty"))])
            problems = _missing_report(label, seen, expected, aliases, None)
            if len(sheets) > 1:
                problems.append(Problem(label, None, None, t(
                    "cases.report.sheets_searched", file=label, sheets=", ".join(f"'{n}'" for n in sheets))))
            raise TableError(problems)
        header_row, cells, found = header
        if len(cells) > limits.MAX_COLUMNS:
            raise limits.too_many_columns(label, len(cells))
        data: dict[str, list[str]] = {name: [] for name in found}
        rows: list[int] = []
        positions = set(found.values())
        other_text: list[bool] = []
        for number, values in enumerate(iterator, start=header_row + 1):
            if number - header_row > limits.MAX_ROWS:
                raise limits.too_many_rows(label, number - header_row)
            rows.append(number)
            for name, position in found.items():
                data[name].append(_cell_text(values[position]) if position < len(values) else "")
            other_text.append(any(_cell_text(v).strip() for i, v in enumerate(values) if i not in positions))
    except TableError:
        raise
    except Exception:  # a damaged sheet inside a valid zip
        raise TableError([Problem(label, None, None, t("cases.read.bad_excel"))]) from None
    finally:
        book.close()
    frame = pd.DataFrame({name: pd.Series(values, dtype=str) for name, values in data.items()})
    row_numbers = np.asarray(rows, dtype=np.int64)
    table = _finish(frame, row_numbers, header_row, cells, found, expected, optional, None, None, 0, [],
                    np.asarray(other_text, dtype=bool))
    table.sheet, table.sheets = str(sheet.title), sheets
    return table


