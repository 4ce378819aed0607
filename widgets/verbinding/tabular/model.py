"""What a read table is, and what is wrong with one: :class:`Problem`, :class:`Table`,
:class:`TableError`; column names compared loosely; text helpers that work once per
distinct value; how a read ends (:func:`_finish`)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from verbinding.dutch import count as _count
from verbinding.texts import t


def counted(n: int, word: str) -> str:
    """'1 rij', '3 rijen', '1.200 meldingen' for the words under ``cases.report.words``."""
    return _count(int(n), t(f"cases.report.words.{word}.one"), t(f"cases.report.words.{word}.many"))

SEPARATORS = (",", ";", "\t")
# The csv module refuses cells over 128 KB by default; a real export may hold a long text.
MAX_CELL = 64 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
HEADER_SEARCH_ROWS = 30
MAX_LISTED_PER_KIND = 20
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Problem:
    """One problem in a file, for a trainer: file, row (1-based as in a spreadsheet), column."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(t("cases.report.row", row=self.row))
        if self.column:
            parts.append(t("cases.report.column", column=self.column))
        return f"{', '.join(parts)}: {self.message}"


@dataclass
class Table:
    """A table read from a file: text columns plus where each row came from."""

    frame: pd.DataFrame  # columns renamed to the expected names; all values str
    rows: np.ndarray  # source row number per frame row (1-based, spreadsheet numbering)
    header_row: int  # 1-based row of the header
    columns: dict[str, str]  # expected name -> name as written in the file
    separator: str | None  # None for Excel
    encoding: str | None  # None for Excel
    blank_rows: int = 0  # empty rows skipped (counted, not problems)
    long_rows: int = 0  # rows with more cells than the header: set aside, listed in problems
    problems: list[Problem] = field(default_factory=list)
    quote_rows: int = 0  # rows whose unclosed quote swallowed later lines: set aside, listed
    sheet: str | None = None  # Excel: the worksheet read
    sheets: tuple[str, ...] = ()  # Excel: every worksheet in the file
    unused_columns: list[str] = field(default_factory=list)  # header cells not read


class TableError(Exception):
    """The file cannot be read as a table; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def normalise_name(name: object) -> str:
    """Column names compare without case, surrounding spaces, quotes, BOM or underscores."""
    text = str(name if name is not None else "").replace("\ufeff", "").strip().strip("\"'")
    return re.sub(r"[\s_]+", " ", text).strip().casefold()


# --------------------------------------------------------------------------- fast text helpers

def factorized(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes per row and the distinct values: string work is done once per distinct value.

    A contact log of a million rows has only thousands of distinct organisations and dates;
    without pyarrow, pandas string methods loop in Python, so this is what keeps loading fast.
    """
    codes, uniques = pd.factorize(values, sort=False, use_na_sentinel=False)
    return codes, pd.Series(np.asarray(uniques, dtype=object), dtype=object).fillna("").astype(str)


def stripped_empty(values: pd.Series) -> np.ndarray:
    """True where a cell is empty or only spaces."""
    codes, uniques = factorized(values)
    return (uniques.str.strip() == "").to_numpy()[codes]


def blank_mask(frame: pd.DataFrame) -> np.ndarray:
    blank = np.ones(len(frame), dtype=bool)
    for column in frame.columns:
        blank &= stripped_empty(frame[column])
    return blank


def _text_elsewhere(frame: pd.DataFrame, wanted: list) -> np.ndarray:
    """Per row: text in a column that is not read. Only looked up where the read columns are
    empty: such a row is not blank (it is reported as missing a date or organisation)."""
    other_text = np.zeros(len(frame), dtype=bool)
    others = [column for column in frame.columns if column not in wanted]
    if others and len(frame):
        empty = blank_mask(frame[wanted])
        if empty.any():
            other_text[empty] = ~blank_mask(frame.loc[empty, others])
    return other_text


def _finish(frame, rows, header_row, cells, found, expected, optional, separator, encoding, long_rows, problems,
            other_text: np.ndarray | None = None) -> Table:
    """Order the columns, skip blank rows (counted) and describe where the table came from.

    A row is blank when all its cells are empty, also those not read (``other_text``)."""
    frame = frame[[name for name in [*expected, *optional] if name in found]]
    blank = blank_mask(frame)
    if other_text is not None and len(other_text) == len(blank):
        blank &= ~other_text
    if blank.any():
        frame = frame.loc[~blank].reset_index(drop=True)
        rows = rows[~blank]
    columns = {name: cells[position].strip() for name, position in found.items()}
    used = set(found.values())
    unused = [str(cell).strip() for index, cell in enumerate(cells) if index not in used and str(cell).strip()]
    return Table(frame, rows, header_row, columns, separator, encoding, int(blank.sum()), long_rows, problems,
                 unused_columns=unused)


