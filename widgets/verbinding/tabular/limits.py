"""Limits for a trainer's file, checked before it is parsed, and their Dutch refusals.

The other files read the limits here at call time (``limits.MAX_ROWS``), so a test that
sets ``verbinding.tabular.limits.MAX_ROWS`` changes what :func:`read_table` allows.
"""

from __future__ import annotations

import io
import zipfile

from verbinding.tabular.model import Problem, TableError
from verbinding.texts import t

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


def mb(size: int) -> str:
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
                "cases.read.excel_bomb", part=part.filename[:80], size=mb(part.file_size),
                ratio=int(part.file_size / packed), limit=MAX_EXCEL_RATIO))])
    if total > MAX_EXCEL_UNPACKED_MB * 1024 * 1024:
        raise TableError([Problem(label, None, None, t(
            "cases.read.excel_unpacked", size=mb(total), limit=MAX_EXCEL_UNPACKED_MB))])


def too_many_rows(label: str, rows: int) -> TableError:
    return TableError([Problem(label, None, None, t("cases.read.too_many_rows", rows=rows, limit=MAX_ROWS))])


def too_many_columns(label: str, columns: int) -> TableError:
    return TableError([Problem(label, None, None, t("cases.read.too_many_columns", columns=columns, limit=MAX_COLUMNS))])


