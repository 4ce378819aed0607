"""Reading one table of a case into the report: the summary line, unused columns, cells naming
several organisations, dates (Dutch or American order).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from verbinding.cases.report import LoadReport, counted
from verbinding.tabular import (
    MAX_LISTED_PER_KIND,
    Problem,
    Table,
    TableError,
    factorized,
    parse_dates,
    read_table,
    stripped_empty,
    suggest_column,
)
from verbinding.texts import t


def _read(path: Path, expected, optional, aliases, report: LoadReport, label: str, case_table: bool = True) -> Table | None:
    try:
        table = read_table(path, expected, optional, aliases, file_label=label)
    except TableError as err:
        report.extend(err.problems)
        report.fatal = True
        return None
    report.extend(table.problems)
    if case_table:
        _report_unused_columns(table, label, [*expected, *optional], aliases, report)
    elif table.unused_columns:  # a real export has many columns; only two are asked for
        report.notes.append(t("cases.report.log_columns_unused", file=label,
                              columns=", ".join(f"'{c}'" for c in table.unused_columns[:15])))
    report.count_aside(label, t("cases.read.reason_too_many_cells"), table.long_rows)
    report.count_aside(label, t("cases.read.reason_unclosed_quote"), table.quote_rows)
    rows = len(table.frame) + table.long_rows + table.quote_rows
    if table.separator is None:
        report.notes.append(t("cases.report.read_summary_excel", file=label, rows=counted(rows, "row"), header=table.header_row))
        if table.sheets and table.sheet != table.sheets[0]:
            report.notes.append(t("cases.report.sheet_not_first", file=label, sheet=table.sheet))
        others = [name for name in table.sheets if name != table.sheet]
        if others:
            report.notes.append(t("cases.report.sheet_read", file=label, sheet=table.sheet,
                                  others=", ".join(f"'{name}'" for name in others)))
    else:
        report.notes.append(
            t(
                "cases.report.read_summary",
                file=label,
                rows=counted(rows, "row"),
                header=table.header_row,
                separator=t(f"cases.report.separator_names.{table.separator}"),
                encoding=t(f"cases.report.encoding_names.{table.encoding}"),
            )
        )
    if table.blank_rows:
        report.notes.append(t("cases.report.blank_rows", file=label, count=counted(table.blank_rows, "blank_row")))
    return table


def _report_unused_columns(table: Table, label: str, names: list[str], aliases, report: LoadReport) -> None:
    """Every header cell the course does not read: a typo gets "bedoel je ...?", the rest one line."""
    others = []
    for cell in table.unused_columns:
        near = suggest_column(cell, [n for n in names if n not in table.columns], aliases)
        if near:
            report.add(Problem(label, table.header_row, cell, t("cases.problems.column_typo", column=cell, known=near)))
        else:
            others.append(cell)
    if others:
        report.add(Problem(label, table.header_row, None, t(
            "cases.problems.columns_unused", columns=", ".join(f"'{c}'" for c in others[:15]),
            known=", ".join(f"'{n}'" for n in names))))


def _split_cells(values: pd.Series, rows: np.ndarray, split):
    """One link per organisation named in a cell (cells may name several, split on a separator).

    ``split`` turns one cell's text into its pieces.
    Returns ``(names, link_rows, positions, duplicates)``: the stripped, non-empty names (a
    ``str`` series), the source row of each link, the frame position of each link, and how
    many repeated names inside one cell were merged ("A; A" is one link). Work is done on
    the distinct cell values only.
    """
    codes, uniques = factorized(values)
    parts_per_unique: list[list[str]] = []
    duplicates_per_unique = np.zeros(len(uniques), dtype=np.int64)
    for index, cell in enumerate(uniques.tolist()):
        pieces = split(cell)
        cleaned = [piece.strip() for piece in pieces if piece.strip()]
        unique_parts = list(dict.fromkeys(cleaned))
        duplicates_per_unique[index] = len(cleaned) - len(unique_parts)
        parts_per_unique.append(unique_parts)
    lengths = np.array([len(p) for p in parts_per_unique], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else np.zeros(0, dtype=np.int64)
    flat = pd.array([part for parts in parts_per_unique for part in parts], dtype="str")
    per_row = lengths[codes] if len(codes) else np.zeros(0, dtype=np.int64)
    positions = np.repeat(np.arange(len(values)), per_row)
    row_start = np.cumsum(per_row) - per_row
    within = np.arange(len(positions)) - np.repeat(row_start, per_row)
    flat_index = offsets[codes[positions]] + within
    names = pd.Series(flat.take(flat_index), dtype="str")
    duplicates = int(duplicates_per_unique[codes].sum()) if len(codes) else 0
    return names, rows[positions], positions, duplicates


_SLASH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(\s.*)?$")


def _date_order(values: pd.Series, rows: np.ndarray, report: LoadReport, file: str, column: str) -> pd.Series:
    """Dates written as a/b/yyyy: Dutch (day/month) unless the column proves American order
    (a second number over 12, no first number over 12); then all are read month/day. Dates
    that could be both are reported either way."""
    codes, uniques = factorized(values)
    matches = [_SLASH_DATE.match(v) for v in uniques.tolist()]
    pairs = [(int(m.group(1)), int(m.group(2))) if m else None for m in matches]
    us = [i for i, p in enumerate(pairs) if p and p[0] <= 12 < p[1]]
    dutch = any(p and p[0] > 12 for p in pairs)
    if us and not dutch:
        first = int(rows[np.flatnonzero(codes == us[0])[0]])
        report.add(Problem(file, first, column, t("cases.problems.us_dates", value=uniques[us[0]].strip())))
        fixed = [f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}{m.group(4) or ''}" if m else v
                 for m, v in zip(matches, uniques.tolist())]
        return pd.Series(np.asarray(fixed, dtype=object)[codes], index=values.index, name=values.name)
    if not dutch:
        ambiguous = np.array([bool(p and p[0] != p[1] and p[1] <= 12) for p in pairs], dtype=bool)
        mask = ambiguous[codes] if len(codes) else np.zeros(0, dtype=bool)
        shown = values[mask].str.strip().tolist()[:MAX_LISTED_PER_KIND]
        messages = []
        for value in shown:
            day, month, year = (int(x) for x in _SLASH_DATE.match(value).groups()[:3])
            messages.append(t("cases.problems.ambiguous_date", value=value,
                              dutch=f"{year}-{month:02d}-{day:02d}", us=f"{year}-{day:02d}-{month:02d}"))
        report.row_problems(file, rows[mask], column, messages, None)
    return values


def _dates_with_problems(values: pd.Series, rows: np.ndarray, report: LoadReport, file: str, column: str):
    """Parse dates; report empty and unreadable ones (row set aside). Returns (dates, ok mask)."""
    values = _date_order(values, rows, report, file, column)
    dates = parse_dates(values)
    missing = dates.isna().to_numpy()
    if missing.any():
        empty = missing & stripped_empty(values)
        bad = missing & ~empty
        report.row_problems(
            file, rows[empty], column, [t("cases.problems.no_date")] * min(int(empty.sum()), MAX_LISTED_PER_KIND),
            t("cases.read.reason_no_date"),
        )
        bad_values = values.to_numpy(dtype=object)[bad][:MAX_LISTED_PER_KIND]
        report.row_problems(
            file, rows[bad], column, [t("cases.problems.bad_date", value=str(v).strip()[:60]) for v in bad_values],
            t("cases.read.reason_bad_date"),
        )
    return dates, ~missing
