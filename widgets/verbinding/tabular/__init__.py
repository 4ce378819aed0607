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

The package, in reading order (import from ``verbinding.tabular``; names with a leading
underscore are shared between these files only):

* ``model.py`` – :class:`Problem`, :class:`Table`, :class:`TableError`, text helpers;
* ``limits.py`` – size, row and column limits and the .xlsx zip check. The limits are
  **not** re-exported here: the readers look them up in ``limits`` when they run, so set
  ``verbinding.tabular.limits.MAX_ROWS`` (not a copy here) to change them;
* ``header.py`` – finding the header row, and what is missing when there is none;
* ``csvfile.py`` – decoding and reading a CSV file;
* ``excel.py`` – reading an .xlsx workbook;
* ``reading.py`` – :func:`read_table`, the one entry for both;
* ``dates.py`` – :func:`parse_dates`.
"""

from verbinding.tabular import limits
from verbinding.tabular.dates import DATE_RANGE, EXCEL_SERIAL_RANGE, parse_dates
from verbinding.tabular.header import close_column, suggest_column
from verbinding.tabular.limits import check_excel_archive
from verbinding.tabular.model import (
    EXCEL_SUFFIXES,
    HEADER_SEARCH_ROWS,
    MAX_CELL,
    MAX_LISTED_PER_KIND,
    SEPARATORS,
    Problem,
    Table,
    TableError,
    blank_mask,
    counted,
    factorized,
    normalise_name,
    stripped_empty,
)
from verbinding.tabular.reading import read_table

__all__ = [
    "DATE_RANGE",
    "EXCEL_SERIAL_RANGE",
    "EXCEL_SUFFIXES",
    "HEADER_SEARCH_ROWS",
    "MAX_CELL",
    "MAX_LISTED_PER_KIND",
    "SEPARATORS",
    "Problem",
    "Table",
    "TableError",
    "blank_mask",
    "check_excel_archive",
    "close_column",
    "counted",
    "factorized",
    "limits",
    "normalise_name",
    "parse_dates",
    "read_table",
    "stripped_empty",
    "suggest_column",
]
