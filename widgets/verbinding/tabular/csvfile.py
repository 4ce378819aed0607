"""CSV: decoding the bytes (UTF-8, Windows-1252, UTF-16), sniffing the separator and the
header, and reading the rows: quickly with pandas, or row by row when a row has too many
cells or a quote runs over several lines."""

from __future__ import annotations

import csv
import io
import warnings

import numpy as np
import pandas as pd

from verbinding.tabular import limits
from verbinding.tabular.header import _match_header, _missing_report, _odd_separator
from verbinding.tabular.model import (
    HEADER_SEARCH_ROWS,
    MAX_LISTED_PER_KIND,
    SEPARATORS,
    Problem,
    Table,
    TableError,
    _finish,
    _text_elsewhere,
    counted,
)
from verbinding.texts import t

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
    if len(cells) > limits.MAX_COLUMNS:
        raise limits.too_many_columns(label, len(cells))
    lines = raw.count(b"\n")
    if lines - header_row > limits.MAX_ROWS:
        raise limits.too_many_rows(label, lines - header_row)
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


