""":func:`read_table`: one entry for every file, CSV or Excel; refuses what is not a table."""

from __future__ import annotations

import csv
from pathlib import Path

from verbinding.tabular import limits
from verbinding.tabular.csvfile import _looks_binary, _read_csv, _utf16
from verbinding.tabular.excel import _read_excel
from verbinding.tabular.model import EXCEL_SUFFIXES, Problem, Table, TableError
from verbinding.texts import t


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
        limit = limits.MAX_EXCEL_FILE_MB if excel else limits.MAX_FILE_MB
        if size > limit * 1024 * 1024:
            raise TableError([Problem(label, None, None, t("cases.read.too_big", size=limits.mb(size), limit=limit))])
        raw = path.read_bytes()
    except OSError as exc:
        raise TableError([Problem(label, None, None, t("cases.read.unreadable", reason=exc.strerror or exc))]) from None
    if raw[:4] == b"PK\x03\x04" and len(raw) > limits.MAX_EXCEL_FILE_MB * 1024 * 1024:
        raise TableError([Problem(label, None, None, t("cases.read.too_big", size=limits.mb(len(raw)), limit=limits.MAX_EXCEL_FILE_MB))])
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
    from verbinding.cli import command

    return command()


