"""Reading the spreadsheets trainers and real exports bring: CSV or Excel, whatever the dialect.

Pure pandas, no widgets. :func:`read_table` returns every column as text (``str``), with
the source row numbers as a spreadsheet shows them, and a list of Dutch problems. It copes
with:

* CSV separated by ``,``, ``;`` or a tab (sniffed from the header row);
* UTF-8 with or without BOM, or Windows-1252 (what Excel writes as "CSV" on Dutch Windows),
  or UTF-16 (Excel's "Unicode-tekst" .txt, tab separated);
* Excel ``.xlsx`` (via openpyxl): the first worksheet that holds the header; which one was
  read is reported when there are several;
* a quote that is never closed (``"Stichting A``) swallows the following lines into one
  cell: such a row is set aside and reported, with how many lines it swallowed;
* title or note lines above the header: the header is the first row that holds all the
  expected columns (matched without regard to case, spaces or quotes);
* empty files, binary files and other files that are not a table (a clear Dutch problem).

:func:`parse_dates` turns text into dates: ISO (2021-03-05), Dutch (5-3-2021, 05/03/2021,
5.3.2021, 5 maart 2021, 5 mrt. 2021) and Excel serial numbers (44260). It works on the
distinct values only, so a million rows with a few thousand distinct dates is quick.

Messages come from the catalogue (``texts/nl/cases.yaml``, keys ``cases.read.*``).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .dutch import count as _count
from .texts import t


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

# Limits for a trainer's file, checked before it is parsed (said in datasets/README.md).
# A contact log of a million rows fits; a "zip bomb" in an .xlsx (a few MB that unpack to
# gigabytes of shared strings or sheet XML) is refused within seconds, from the sizes the
# zip declares (Python's zipfile never unpacks more than the declared size).
MAX_FILE_MB = 200  # CSV
MAX_EXCEL_FILE_MB = 50  # .xlsx as stored
MAX_EXCEL_UNPACKED_MB = 200  # all parts of an .xlsx unpacked together
MAX_EXCEL_RATIO = 100  # unpacked / packed, for a part over 10 MB unpacked
MAX_EXCEL_PARTS = 10_000
MAX_ROWS = 2_000_000
MAX_COLUMNS = 500
_NESTED_SUFFIXES = (".zip", ".xlsx", ".xlsm", ".docx", ".gz", ".7z", ".rar", ".jar")


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


# --------------------------------------------------------------------------- decoding

def _detect_encoding(raw: bytes) -> str:
    """UTF-8 (BOM or not) when the whole file is valid UTF-8, else Windows-1252."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _decode(raw: bytes, encoding: str) -> str:
    # Windows-1252 leaves five bytes undefined; replace them rather than fail.
    text = raw.decode(encoding, errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def _utf16(raw: bytes) -> str | None:
    """The text of a UTF-16 file (Excel's "Unicode-tekst"), or None when it is not one."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    elif len(raw) >= 8 and raw[1:64:2].count(0) == len(raw[1:64:2]) and raw[0:64:2].count(0) == 0:
        encoding = "utf-16-le"
    elif len(raw) >= 8 and raw[0:64:2].count(0) == len(raw[0:64:2]) and raw[1:64:2].count(0) == 0:
        encoding = "utf-16-be"
    else:
        return None
    text = raw.decode(encoding, errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def _looks_binary(raw: bytes) -> bool:
    head = raw[:65536]
    if b"\x00" in head:
        return True
    # Many control characters other than tab/newline/carriage return: not text.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    return controls > max(8, len(head) // 100)


# --------------------------------------------------------------------------- header

def _locate(cells: list[str], names: list[str], aliases: dict[str, list[str]]) -> dict[str, int]:
    """Position in ``cells`` of each of ``names`` found there (by name or one of its aliases)."""
    lookup: dict[str, int] = {}
    for index, cell in enumerate(cells):
        lookup.setdefault(normalise_name(cell), index)
    for index, cell in enumerate(cells):  # "Organisatiekracht (1-5)" is organisatiekracht
        lookup.setdefault(re.sub(r"\s*\([^)]*\)\s*$", "", normalise_name(cell)), index)
    found: dict[str, int] = {}
    for name in names:
        for candidate in (name, *aliases.get(name, [])):
            key = normalise_name(candidate)
            if key in lookup:
                found[name] = lookup[key]
                break
    return found


def _match_header(cells: list[str], expected, optional, aliases) -> dict[str, int] | None:
    """Positions of the expected and optional columns, or None when an expected one is missing."""
    found = _locate(cells, expected, aliases)
    if len(found) < len(expected):
        return None
    found.update({k: v for k, v in _locate(cells, optional, aliases).items() if k not in found})
    return found


def _missing_report(file: str, rows, expected: list[str], aliases, separator_hint: str | None) -> list[Problem]:
    """Explain which expected columns are missing, using the row that matched best."""
    best_row, best_found, best_cells = None, None, []
    for number, cells in rows:
        found = _locate(cells, expected, aliases)
        if (best_found is None or len(found) > len(best_found)) and any(c.strip() for c in cells):
            best_row, best_found, best_cells = number, found, cells
    if best_row is None:
        return [Problem(file, None, None, t("cases.read.no_rows"))]
    shown = ", ".join(f"'{c.strip()}'" for c in best_cells if c.strip()) or t("cases.read.nothing")
    problems = []
    for name in expected:
        if name in best_found:
            continue
        message = t("cases.read.missing_column", column=name, found=shown)
        near = close_column(name, [c for c in best_cells if c.strip()], aliases)
        if near:
            message += " " + t("cases.read.did_you_mean_header", found=near, column=name)
        problems.append(Problem(file, best_row, name, message))
    if separator_hint:
        problems.append(Problem(file, best_row, None, t("cases.read.wrong_separator", separator=separator_hint)))
    return problems


def close_column(name: str, cells: list[str], aliases: dict[str, list[str]]) -> str | None:
    """The header cell in ``cells`` that looks like a typo of column ``name`` (or an alias)."""
    wanted = [normalise_name(n) for n in (name, *aliases.get(name, []))]
    best, score = None, 0.0
    for cell in cells:
        key = normalise_name(cell)
        for target in wanted:
            ratio = difflib.SequenceMatcher(None, key, target).ratio()
            if ratio > score:
                best, score = cell.strip(), ratio
    return best if score >= 0.8 else None


def suggest_column(cell: str, names: list[str], aliases: dict[str, list[str]]) -> str | None:
    """The known column (of ``names``) a header cell probably means, or None."""
    key = normalise_name(cell)
    best, score = None, 0.0
    for name in names:
        for target in (name, *aliases.get(name, [])):
            ratio = difflib.SequenceMatcher(None, key, normalise_name(target)).ratio()
            if ratio > score:
                best, score = name, ratio
    return best if score >= 0.75 else None


def _odd_separator(lines: list[str]) -> str | None:
    """A separator that is neither , ; nor tab but splits the first lines consistently."""
    for candidate in ("|", ":", "^", "~", "#"):
        counts = [line.count(candidate) for line in lines if line.strip()]
        if counts and min(counts) >= 1 and len(set(counts)) == 1:
            return candidate
    return None


# --------------------------------------------------------------------------- reading

def read_table(
    path: str | Path,
    expected: list[str],
    optional: list[str] | None = None,
    aliases: dict[str, list[str]] | None = None,
    file_label: str | None = None,
) -> Table:
    """Read a CSV or .xlsx file; find the header; return text columns named as ``expected``.

    Raises :class:`TableError` (all problems at once) when the file is missing, empty,
    binary, or has no row with all expected columns.
    """
    path = Path(path)
    optional = optional or []
    aliases = aliases or {}
    label = file_label or path.name
    if path.is_dir():
        raise TableError([Problem(label, None, None, t("cases.read.is_folder", path=str(path), command=_command()))])
    if not path.is_file():
        raise TableError([Problem(label, None, None, t("cases.read.not_found", path=str(path)))])
    try:
        size = path.stat().st_size
        excel = path.suffix.lower() in EXCEL_SUFFIXES
        limit = MAX_EXCEL_FILE_MB if excel else MAX_FILE_MB
        if size > limit * 1024 * 1024:
            raise TableError([Problem(label, None, None, t("cases.read.too_big", size=_mb(size), limit=limit))])
        raw = path.read_bytes()
    except OSError as exc:
        raise TableError([Problem(label, None, None, t("cases.read.unreadable", reason=exc.strerror or exc))]) from None
    if raw[:4] == b"PK\x03\x04" and len(raw) > MAX_EXCEL_FILE_MB * 1024 * 1024:
        raise TableError([Problem(label, None, None, t("cases.read.too_big", size=_mb(len(raw)), limit=MAX_EXCEL_FILE_MB))])
    if not raw.strip():
        raise TableError([Problem(label, None, None, t("cases.read.empty"))])
    if path.suffix.lower() in EXCEL_SUFFIXES or raw[:4] == b"PK\x03\x04":
        return _read_excel(path, raw, expected, optional, aliases, label)
    if path.suffix.lower() == ".xls" or raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TableError([Problem(label, None, None, t("cases.read.old_excel"))])
    utf16 = _utf16(raw)
    if utf16 is None and _looks_binary(raw):
        raise TableError([Problem(label, None, None, t("cases.read.binary"))])
    try:
        if utf16 is not None:
            return _read_csv(utf16.encode("utf-8"), expected, optional, aliases, label, source_encoding="utf-16")
        return _read_csv(raw, expected, optional, aliases, label)
    except csv.Error as exc:  # e.g. a cell over MAX_CELL
        raise TableError([Problem(label, None, None, t("cases.read.not_csv", reason=exc))]) from None


def _command() -> str:
    from .cli import command

    return command()


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def check_excel_archive(raw: bytes, label: str) -> None:
    """Refuse an .xlsx whose zip would unpack to too much, before openpyxl parses it.

    Uses the sizes the zip declares: Python's zipfile stops at the declared size, so a part
    cannot unpack to more than it says. Raises :class:`TableError` (Dutch)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TableError([Problem(label, None, None, t("cases.read.bad_excel"))]) from None
    if len(parts) > MAX_EXCEL_PARTS:
        raise TableError([Problem(label, None, None, t("cases.read.excel_parts", count=len(parts), limit=MAX_EXCEL_PARTS))])
    total = 0
    for part in parts:
        name = part.filename.casefold()
        if name.endswith(_NESTED_SUFFIXES):
            raise TableError([Problem(label, None, None, t("cases.read.excel_nested", part=part.filename[:80]))])
        total += part.file_size
        packed = max(part.compress_size, 1)
        if part.file_size > 10 * 1024 * 1024 and part.file_size / packed > MAX_EXCEL_RATIO:
            raise TableError([Problem(label, None, None, t(
                "cases.read.excel_bomb", part=part.filename[:80], size=_mb(part.file_size),
                ratio=int(part.file_size / packed), limit=MAX_EXCEL_RATIO))])
    if total > MAX_EXCEL_UNPACKED_MB * 1024 * 1024:
        raise TableError([Problem(label, None, None, t(
            "cases.read.excel_unpacked", size=_mb(total), limit=MAX_EXCEL_UNPACKED_MB))])


def _too_many_rows(label: str, rows: int) -> TableError:
    return TableError([Problem(label, None, None, t("cases.read.too_many_rows", rows=rows, limit=MAX_ROWS))])


def _too_many_columns(label: str, columns: int) -> TableError:
    return TableError([Problem(label, None, None, t("cases.read.too_many_columns", columns=columns, limit=MAX_COLUMNS))])


def _read_csv(raw: bytes, expected, optional, aliases, label, source_encoding: str | None = None) -> Table:
    encoding = _detect_encoding(raw)
    head_lines = _decode(raw[:200_000], encoding).splitlines()[:HEADER_SEARCH_ROWS]
    header = None
    candidates: list[tuple[int, list[str]]] = []
    for separator in SEPARATORS:
        parsed = list(csv.reader(head_lines, delimiter=separator))
        for index, cells in enumerate(parsed):
            if separator == SEPARATORS[0]:
                candidates.append((index + 1, cells))
            found = _match_header(cells, expected, optional, aliases)
            if found is not None:
                if header is None or index < header[0]:
                    header = (index, separator, cells, found)
                break
    if header is None:
        hint = _odd_separator(head_lines[:5])
        if hint is None:
            # Pick the split that gives most cells in the first non-empty line as context.
            best = max(
                SEPARATORS,
                key=lambda sep: max((len(c) for c in csv.reader(head_lines[:5], delimiter=sep)), default=0),
            )
            candidates = [(i + 1, c) for i, c in enumerate(csv.reader(head_lines, delimiter=best))]
        raise TableError(_missing_report(label, candidates, expected, aliases, hint))

    index, separator, cells, found = header
    header_row = index + 1
    if len(cells) > MAX_COLUMNS:
        raise _too_many_columns(label, len(cells))
    lines = raw.count(b"\n")
    if lines - header_row > MAX_ROWS:
        raise _too_many_rows(label, lines - header_row)
    try:
        with warnings.catch_warnings():
            # "Length of header or names does not match": a row with more cells than the header.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.BytesIO(raw),
                encoding=encoding,
                encoding_errors="replace",
                sep=separator,
                header=None,
                skiprows=header_row,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                names=list(range(len(cells))),
                index_col=False,
                engine="c",
            )
        # All columns are read so that a row with more cells than the header is caught
        # (pandas would otherwise drop the extra cells without a word).
        wanted = sorted(set(found.values()))
        other_text = _text_elsewhere(frame, wanted)
        frame = frame[wanted]
        if raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1) > header_row + len(frame):
            # Fewer rows than lines: a quoted cell runs over several lines, maybe a quote
            # never closed. Row numbers must follow the file's lines: read row by row.
            raise ValueError("a cell over several lines")
        problems: list[Problem] = []
        long_rows = quote_rows = 0
        rows = np.arange(len(frame), dtype=np.int64) + header_row + 1
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
        frame, rows, problems, long_rows, quote_rows, other_text = _read_csv_slow(
            _decode(raw, encoding), separator, header_row, found, len(cells), label)
    frame = frame.rename(columns={position: name for name, position in found.items()})
    table = _finish(frame, rows, header_row, cells, found, expected, optional, separator,
                    source_encoding or encoding, long_rows, problems, other_text)
    table.quote_rows = quote_rows
    return table


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


def _read_csv_slow(text: str, separator: str, header_row: int, found: dict[str, int], width: int, label: str):
    """Row-by-row reading for files whose rows have more cells than the header, or whose
    cells run over several lines. Row numbers are the file's line numbers."""
    wanted = sorted(set(found.values()))
    data: dict[int, list[str]] = {p: [] for p in wanted}
    rows: list[int] = []
    problems: list[Problem] = []
    extra_rows = quote_rows = 0
    other_text: list[bool] = []
    wanted_set = set(wanted)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    last_line = 0
    for cells in reader:
        number, last_line = last_line + 1, reader.line_num
        if number <= header_row:
            continue
        swallowed = last_line - number
        if swallowed and (len(cells) != width or any(("\n" in c or "\r" in c) and separator in c for c in cells)):
            # "Stichting A... never closed: the next lines are inside this cell (with their
            # separators, or closed further on so that the row has a wrong number of cells).
            quote_rows += 1
            if quote_rows <= MAX_LISTED_PER_KIND:
                problems.append(Problem(label, number, None, t("cases.read.unclosed_quote", lines=counted(swallowed, "line"))))
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            extra_rows += 1
            if extra_rows <= MAX_LISTED_PER_KIND:
                problems.append(
                    Problem(label, number, None, t("cases.read.too_many_cells", found=len(cells), expected=width))
                )
            continue
        rows.append(number)
        for position in wanted:
            data[position].append(cells[position] if position < len(cells) else "")
        other_text.append(any(c.strip() for i, c in enumerate(cells) if i not in wanted_set))
    if extra_rows > MAX_LISTED_PER_KIND:
        problems.append(Problem(label, None, None, t("cases.report.more_rows", count=extra_rows - MAX_LISTED_PER_KIND)))
    if quote_rows > MAX_LISTED_PER_KIND:
        problems.append(Problem(label, None, None, t("cases.report.more_rows", count=quote_rows - MAX_LISTED_PER_KIND)))
    frame = pd.DataFrame({p: pd.Series(v, dtype=str) for p, v in data.items()})
    return frame, np.asarray(rows, dtype=np.int64), problems, extra_rows, quote_rows, np.asarray(other_text, dtype=bool)


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
        cells = [_cell_text(v) for v in values[:MAX_COLUMNS + 1]]
        seen.append((number, cells))
        found = _match_header(cells, expected, optional, aliases)
        if found is not None:
            return (number, cells, found), seen
        if number >= HEADER_SEARCH_ROWS:
            break
    return None, seen


def _read_excel(path: Path, raw: bytes, expected, optional, aliases, label) -> Table:
    """The first worksheet that holds the header (the sheet's name goes into the table)."""
    check_excel_archive(raw, label)
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
        if len(cells) > MAX_COLUMNS:
            raise _too_many_columns(label, len(cells))
        data: dict[str, list[str]] = {name: [] for name in found}
        rows: list[int] = []
        positions = set(found.values())
        other_text: list[bool] = []
        for number, values in enumerate(iterator, start=header_row + 1):
            if number - header_row > MAX_ROWS:
                raise _too_many_rows(label, number - header_row)
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


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_RE = re.compile(
    r"^(?:[a-z]+dag\s+)?(\d{1,2})\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})$"
)
_FORMATS = (
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
)
EXCEL_SERIAL_RANGE = (18_264, 73_051)  # 1950-01-01 .. 2099-12-31
DATE_RANGE = (pd.Timestamp("1900-01-01"), pd.Timestamp("2100-12-31"))


def _parse_unique(values: pd.Series) -> pd.Series:
    """Parse distinct text values; NaT where no supported format fits."""
    text = values.str.strip().str.lower()
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    todo = text != ""
    for fmt in _FORMATS:
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        ok = parsed.notna()
        result.loc[ok[ok].index] = parsed[ok]
        todo &= result.isna()
    if todo.any():
        # Excel serial numbers (days since 1899-12-30), possibly with a decimal part.
        numeric = pd.to_numeric(text[todo].str.replace(",", ".", regex=False), errors="coerce")
        ok = numeric.between(*EXCEL_SERIAL_RANGE)
        if ok.any():
            days = numeric[ok]
            result.loc[days.index] = pd.Timestamp("1899-12-30") + pd.to_timedelta(days.round(6), unit="D")
        todo &= result.isna()
    if todo.any():
        for index, value in text[todo].items():
            match = _MONTH_RE.match(re.sub(r"\s+", " ", value))
            if match:
                day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
                try:
                    result.loc[index] = pd.Timestamp(year=year, month=month, day=day)
                except ValueError:
                    pass
    outside = (result < DATE_RANGE[0]) | (result > DATE_RANGE[1])
    result[outside] = pd.NaT
    return result


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates from text (ISO, Dutch, Excel serial); NaT for empty or unreadable values."""
    codes, uniques = factorized(values)
    parsed = _parse_unique(uniques).to_numpy().astype("datetime64[us]")
    return pd.Series(parsed[codes], index=values.index, name=values.name)
