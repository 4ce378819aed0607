"""Policy cases and contact logs: one loader and validator for every source.

Pure pandas, no widgets. Three kinds of input go through the same checks:

* a **built-in case** (``load_case("klimaatadaptatie")``), shipped in ``datasets/``;
* a trainer's **own case folder** (``load_case("/pad/naar/map")``): ``case.yaml`` +
  ``organisations.csv`` + ``contacts.csv`` + optional ``consultation.csv`` (``.xlsx`` also
  accepted for each table); placed in an own-case folder it is offered in the course as
  ``eigen:<map>`` (:func:`own_cases`, :func:`load_course_case`);
* a single real-world **contact log** (:func:`load_contact_log`): one CSV or Excel file with
  an organisation column and a date column.

Every problem is reported in Dutch with file, row and column, all at once. Rows that cannot
be used are set aside and counted, never silently dropped. A file that cannot be used at all
raises :class:`CaseError`, whose ``str()`` is the full Dutch report.

The file formats are described in ``datasets/README.md`` and ``datasets/datapackage.json``.
Column names in the files are Dutch (``datum``, ``organisatie_id``, ...); the data frames
use English column names (``date``, ``org_id``, ...).
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ..paths import datasets_dir, own_case_dirs
from ..profiles import read_profiles
from ..tabular import (
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
from ..texts import CatalogueError, t, tlist

__all__ = [
    "ORG_TYPES",
    "Case",
    "CaseError",
    "ContactLog",
    "Dimension",
    "LoadReport",
    "Problem",
    "builtin_cases",
    "check_case_command",
    "course_cases",
    "is_business",
    "load_case",
    "load_contact_log",
    "load_course_case",
    "own_cases",
    "report_summary",
]

BUILTIN_CASES = ("klimaatadaptatie", "vergrijzing")

# The typology, in order: (type id, Dutch label). Labels live in texts/nl/cases.yaml.


def _org_types() -> list[tuple[str, str]]:
    """The typology from the catalogue; empty when a trainer broke cases.yaml, so that
    importing this module never fails (the page names the broken file instead)."""
    try:
        return [(str(item[0]), str(item[1])) for item in tlist("cases.org_types")
                if isinstance(item, (list, tuple)) and len(item) == 2]
    except (CatalogueError, KeyError):
        return []


ORG_TYPES: list[tuple[str, str]] = _org_types()
ORG_TYPE_LABELS: dict[str, str] = dict(ORG_TYPES)
UNKNOWN_TYPE = "onbekend"
BUSINESS_TYPES = ("bedrijf", "branche")
CITIZEN_NGO_TYPES = ("ngo", "burgers", "burger_individueel")
STAFF_BANDS = ("1-9", "10-49", "50-249", "250+")


def is_business(type_id: str) -> bool:
    """Firms and business/employers' associations: the economic interests."""
    return type_id in BUSINESS_TYPES


def type_label(type_id: str) -> str:
    """Dutch label of a type id (the id itself when unknown)."""
    return ORG_TYPE_LABELS.get(type_id, type_id)


def _type_lookup() -> dict[str, str]:
    lookup = {}
    for type_id, label in ORG_TYPES:
        lookup[type_id.casefold()] = type_id
        lookup[label.casefold()] = type_id
    # Short forms trainers write in spreadsheets.
    extra = {
        "brancheorganisatie": "branche", "werkgeversorganisatie": "branche",
        "beroepsvereniging": "beroeps", "maatschappelijke organisatie": "ngo",
        "belangengroep": "burgers", "patiëntenorganisatie": "burgers",
        "consumentenorganisatie": "burgers", "overheid": "overheid",
        "kennisinstelling": "kennis", "denktank": "kennis", "burger": "burger_individueel",
        "individuele burger": "burger_individueel",
    }
    lookup.update(extra)
    return lookup


# ----------------------------------------------------------------------------- report

class LoadReport:
    """What happened while reading: problems (Dutch), rows set aside (counted), summaries."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.set_aside: dict[tuple[str, str], int] = {}  # (file, reason) -> rows
        self.notes: list[str] = []
        self.fatal = False
        self.corrections: dict[str, str] = {}  # contacts cell naming organisations -> their ids

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows_set_aside(self) -> int:
        return sum(self.set_aside.values())

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    def count_aside(self, file: str, reason: str, count: int) -> None:
        if count:
            key = (file, reason)
            self.set_aside[key] = self.set_aside.get(key, 0) + int(count)

    def row_problems(
        self, file: str, rows: np.ndarray, column: str | None, messages: list[str], reason: str | None
    ) -> None:
        """Problems for many rows at once: the first ones listed, the rest counted."""
        count = len(rows)
        if not count:
            return
        for row, message in zip(rows[:MAX_LISTED_PER_KIND], messages[:MAX_LISTED_PER_KIND]):
            self.problems.append(Problem(file, int(row), column, message))
        if count > MAX_LISTED_PER_KIND:
            self.problems.append(
                Problem(file, None, column, t("cases.report.more_rows", count=count - MAX_LISTED_PER_KIND))
            )
        if reason:
            self.count_aside(file, reason, count)

    def lines(self) -> list[str]:
        out = list(self.notes)
        for (file, reason), count in self.set_aside.items():
            out.append(t("cases.report.set_aside", file=file, count=counted(count, "row"), reason=reason))
        if self.problems:
            out.append(t("cases.report.problems_header"))
            files = list(dict.fromkeys(p.file for p in self.problems))
            ordered = sorted(
                self.problems,
                key=lambda p: (files.index(p.file), p.row if p.row is not None else float("inf")),
            )
            out.extend(f"- {problem}" for problem in ordered)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


class CaseError(Exception):
    """A case or contact log cannot be used. ``problems`` lists all; ``str()`` is the report."""

    def __init__(self, problems: list[Problem], report: LoadReport | None = None):
        self.problems = list(problems)
        if report is None:
            report = LoadReport()
            report.extend(self.problems)
        report.fatal = True
        self.report = report
        super().__init__(str(report))


# ----------------------------------------------------------------------------- data

@dataclass(frozen=True)
class Dimension:
    """A societal dimension of a policy challenge."""

    id: str
    name: str
    explanation: str


@dataclass
class ContactLog:
    """One real-world contact log, as links (one row per organisation on a contact row)."""

    links: pd.DataFrame  # row, date, year, organisation
    rows: int  # data rows read (blank rows not counted)
    report: LoadReport
    path: str = ""
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class Case:
    """A policy case: the challenge, its dimensions, the population and the contact log."""

    id: str
    title: str
    challenge: str
    ministry: str
    period: str
    dimensions: list[Dimension]
    texts: dict
    organisations: pd.DataFrame
    expertise: pd.DataFrame
    contacts: pd.DataFrame
    consultation: pd.DataFrame | None
    report: LoadReport
    folder: str = ""
    builtin: bool = False
    level: str = "ministerie"  # organisatieniveau: whose side the learner is on
    fictional: bool = False  # verzonnen: ja (built-in cases are)
    # org id -> profile fields from the optional profielen.csv (see verbinding.profiles)
    profiles: dict = field(default_factory=dict, repr=False)
    _names: dict = field(default_factory=dict, repr=False)

    def org_name(self, org_id) -> str:
        if not self._names:
            self._names.update(zip(self.organisations["org_id"], self.organisations["name"]))
        return self._names.get(org_id, str(org_id))

    def dimension_name(self, dimension_id: str) -> str:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension.name
        return dimension_id

    @property
    def dimension_ids(self) -> list[str]:
        return [d.id for d in self.dimensions]

    @property
    def years(self) -> list[int]:
        if self.contacts.empty:
            return []
        return list(range(int(self.contacts["year"].min()), int(self.contacts["year"].max()) + 1))


# ----------------------------------------------------------------------------- helpers

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


# ----------------------------------------------------------------------------- names

_LEGAL_FORMS = re.compile(
    r"\b(u\.?\s?a|b\.?\s?v|n\.?\s?v|v\.?\s?o\.?\s?f|c\.?\s?v|w\.?\s?a|e\.?\s?o)\.?(?=\s|$)")
_BRACKETS = re.compile(r"\(([^)]*)\)")
_SEVERAL = re.compile(r"\s+/\s+|\s*/\s*(?=[A-Z])|\s+&\s+|\s+en\s+|\s*;\s*")


def name_key(name: str) -> str:
    """A name for comparing: no case, accents, bracketed abbreviation, legal form or punctuation.

    "Coöperatie Windkracht Betuwe U.A." and "cooperatie windkracht betuwe" give the same key.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().casefold()
    text = _BRACKETS.sub(" ", text)
    text = _LEGAL_FORMS.sub(" ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _abbreviations(name: str) -> list[str]:
    """Abbreviations a name gives in brackets: "Waterschap Rivierzand (WRZ)" -> ["wrz"]."""
    return [name_key(m) for m in _BRACKETS.findall(str(name)) if name_key(m)]


def several_names(cell: str) -> list[str]:
    """The organisations a cell names when it names more than one ("A / B", "A en B"), else []."""
    parts = [p.strip() for p in _SEVERAL.split(str(cell).strip()) if p.strip()]
    if len(parts) < 2:
        return []
    if " / " in cell or ";" in cell:
        return parts
    # "Gemeente A en Gemeente B", but not "Vereniging Boeren en Tuinders Nederland".
    first_words = {p.split()[0].casefold() for p in parts}
    if len(first_words) == 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return []


def name_index(organisations: pd.DataFrame) -> dict[str, str]:
    """Name key (and bracketed abbreviation) -> org id, for finding an id from a written name."""
    index: dict[str, str] = {}
    for org_id, name in zip(organisations["org_id"], organisations["name"]):
        for key in (name_key(name), *_abbreviations(name), name_key(org_id)):
            if key:
                index.setdefault(key, org_id)
    return index


def suggest_ids(value: str, index: dict[str, str], known: set[str]) -> list[str]:
    """The org ids a contacts cell means when it holds names instead of ids (one per name)."""
    whole = _find_id(value, index)
    if whole is not None:
        return [whole]
    pieces = [p.strip() for p in _SEVERAL.split(str(value)) if p.strip()]
    if len(pieces) < 2:
        return []
    found = []
    for piece in pieces:
        org_id = _find_id(piece, index)
        if org_id is None:
            return []
        found.append(org_id)
    return list(dict.fromkeys(found))


def _find_id(piece: str, index: dict[str, str]) -> str | None:
    org_id = index.get(name_key(piece))
    if org_id is None:
        near = difflib.get_close_matches(name_key(piece), list(index), n=1, cutoff=0.85)
        org_id = index[near[0]] if near else None
    return org_id


# ----------------------------------------------------------------------------- contact log

LOG_ALIASES_ORG = ["organisatie", "organisaties", "organisation", "org_id", "organisatie_id"]
LOG_ALIASES_DATE = ["datum", "date"]


def load_contact_log(
    path: str | Path,
    organisation_column: str = "organisatie",
    date_column: str = "datum",
    separator: str | None = None,
) -> ContactLog:
    """Read one contact log (CSV or .xlsx) into links: one row per organisation per row.

    ``separator`` splits cells naming several organisations (e.g. ``";"`` or ``" en "``).
    Rows without a usable date or organisation are set aside and reported; a file that
    cannot be used raises :class:`CaseError`.
    """
    path = Path(path)
    label = path.name
    report = LoadReport()
    if separator is not None and separator == "":
        raise CaseError([Problem(label, None, None, t("cases.problems.no_separator_needed"))])
    table = _read(path, [organisation_column, date_column], [], {}, report, label, case_table=False)
    if table is None:
        raise CaseError(report.problems, report)
    frame, rows = table.frame, table.rows
    org_col_name = table.columns[organisation_column]
    date_col_name = table.columns[date_column]
    dates, date_ok = _dates_with_problems(frame[date_column], rows, report, label, date_col_name)

    names, link_rows, positions, duplicates = _split_cells(
        frame[organisation_column], rows, (lambda cell: cell.split(separator)) if separator else (lambda cell: [cell]))
    # A row with no organisation at all is set aside; an empty part of a split cell
    # ("A;;B" or a trailing separator) is simply not a link.
    row_has_org = np.zeros(len(frame), dtype=bool)
    row_has_org[positions] = True
    no_org_rows = ~row_has_org
    report.row_problems(
        label, rows[no_org_rows], org_col_name,
        [t("cases.problems.no_org")] * min(int(no_org_rows.sum()), MAX_LISTED_PER_KIND), None,
    )
    # A row without a usable date is already set aside: counted once.
    report.count_aside(label, t("cases.read.reason_no_org"), int((no_org_rows & date_ok).sum()))
    if duplicates:
        report.notes.append(t("cases.report.duplicates_merged", file=label, count=duplicates))
    keep = date_ok[positions]
    date_values = pd.Series(dates.to_numpy()[positions[keep]]).astype("datetime64[us]")
    links = pd.DataFrame(
        {
            "row": link_rows[keep].astype(np.int64),
            "date": date_values,
            "year": date_values.dt.year.astype(np.int64),
            "organisation": names[keep].reset_index(drop=True),
        }
    )
    if links.empty and (len(frame) or report.rows_set_aside):
        report.add(Problem(label, None, None, t("cases.problems.no_valid_rows")))
        raise CaseError(report.problems, report)
    if not links.empty:
        report.notes.append(
            t(
                "cases.report.links",
                links=len(links),
                organisations=links["organisation"].nunique(),
                first=links["date"].min().strftime("%d-%m-%Y"),
                last=links["date"].max().strftime("%d-%m-%Y"),
            )
        )
    return ContactLog(links, int(len(frame) + table.long_rows), report, str(path), dict(table.columns))


# ----------------------------------------------------------------------------- case folder

ORG_SPEC = dict(
    expected=["id", "naam", "type"],
    optional=["medewerkers", "regio", "organisatiekracht", "expertise"],
    aliases={
        "id": ["org_id", "organisatie_id", "organisatie id"],
        "naam": ["name", "organisatienaam"],
        "type": ["soort", "type organisatie"],
        "medewerkers": ["staff_band", "omvang"],
        "regio": ["region"],
        "organisatiekracht": ["capacity", "capaciteit"],
        "expertise": ["dimensies", "expertise dimensies"],
    },
)
CONTACT_SPEC = dict(
    expected=["datum", "organisatie_id"],
    optional=["contact_id", "vorm", "onderwerp", "initiatief"],
    aliases={
        "datum": ["date", "begindatum", "startdatum", "start date"],  # Outlook exports
        "organisatie_id": ["org_id", "organisatie", "organisaties", "organisatie_ids"],
        "contact_id": ["contact", "contactnummer"],
        "vorm": ["format", "soort contact"],
        "onderwerp": ["topic", "subject"],
        "initiatief": ["initiated_by", "initiatiefnemer", "op initiatief van"],
    },
)
CONSULT_SPEC = dict(
    expected=["naam", "dimensies"],
    optional=["reactie_id", "datum", "organisatie_id", "type", "standpunt", "samenvatting"],
    aliases={
        "naam": ["name", "inzender"],
        "dimensies": ["dimensions"],
        "reactie_id": ["response_id", "id"],
        "datum": ["date"],
        "organisatie_id": ["org_id"],
        "standpunt": ["position"],
        "samenvatting": ["summary"],
    },
)
FILE_NAMES = {
    "organisations": ("organisations", "organisaties"),
    "contacts": ("contacts", "contacten"),
    "consultation": ("consultation", "consultatie"),
}
ID_SPLIT = r"\s*[;,|]\s*"


def _id_splitter(known: set[str]):
    """Split a contacts cell into organisation ids, knowing the ids of organisations.csv.

    Ids are separated by ``;``; ``,`` and ``|`` separate them too, but only where every
    part is a known id. So an id with a comma in it ("Wonen, Zorg en Welzijn") matches
    as a whole, and "a, b" still gives two links when a and b are both known.
    """

    def split(cell: str) -> list[str]:
        whole = cell.strip()
        if whole in known:
            return [whole]
        parts: list[str] = []
        for piece in whole.split(";"):
            piece = piece.strip()
            sub = [p.strip() for p in re.split(r"[,|]", piece)]
            if piece not in known and len(sub) > 1 and all(p in known for p in sub if p):
                parts.extend(sub)
            else:
                parts.append(piece)
        return parts

    return split


TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt")


def _find_files(folder: Path, kind: str) -> list[Path]:
    """Every file in ``folder`` for one table (``organisations.csv``, ``organisaties.xlsx``, ...)."""
    stems = {stem.casefold() for stem in FILE_NAMES[kind]}
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [entry for entry in entries
            if entry.is_file() and entry.stem.casefold() in stems and entry.suffix.casefold() in TABLE_SUFFIXES]


def _find_file(folder: Path, kind: str, report: LoadReport | None = None) -> Path | None:
    """The one file for a table. Two of them (``organisations.csv`` and ``.xlsx``): which one
    the trainer means cannot be guessed (the Excel file may be the new one, the CSV the
    sample's), so both are named and the case is not loaded."""
    found = _find_files(folder, kind)
    if len(found) > 1 and report is not None:
        names = " en ".join(", ".join(p.name for p in found).rsplit(", ", 1))
        report.add(Problem(found[0].name, None, None, t("cases.problems.two_files", files=names)))
        report.fatal = True
        return None
    return found[0] if found else None


def _unknown_dimension(value: str, dims: set[str]) -> str:
    if not dims:
        return t("cases.problems.unknown_dimension_none", value=value)
    return t("cases.problems.unknown_dimension", value=value, allowed=", ".join(sorted(dims)))


def _split_dimensions(values: pd.Series) -> list[list[str]]:
    return [[p for p in re.split(ID_SPLIT, v.strip()) if p] if v else [] for v in values.fillna("").astype(str)]


def _decode_yaml(data: bytes, report: LoadReport) -> str:
    """The text of case.yaml; another encoding than UTF-8 is read anyway and reported."""
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            report.add(Problem("case.yaml", None, None, t("cases.problems.yaml_encoding", encoding=encoding.upper())))
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    if len(data) >= 4 and b"\x00" in data[:64]:
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        report.add(Problem("case.yaml", None, None, t("cases.problems.yaml_encoding", encoding="UTF-16")))
        return data.decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # saved by a Windows editor as Windows-1252
        line = data[:exc.start].count(b"\n") + 1
        report.add(Problem("case.yaml", line, None, t("cases.problems.yaml_encoding", encoding="Windows-1252")))
        return data.decode("cp1252", errors="replace")


def _read_yaml(folder: Path, report: LoadReport) -> dict | None:
    path = folder / "case.yaml"
    if not path.is_file():
        report.add(Problem("case.yaml", None, None, t("cases.problems.no_yaml")))
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.add(Problem("case.yaml", None, None, t("cases.read.unreadable", reason=exc.strerror or exc)))
        return None
    text = _decode_yaml(data, report)
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark else None
        where = t("cases.report.column", column=mark.column + 1) if mark else ""
        problem = str(getattr(exc, "problem", "") or "")
        key = "bad_yaml_tab" if "\\t" in problem or "tab" in problem else "bad_yaml"
        line = text.splitlines()[mark.line].strip()[:60] if mark and mark.line < len(text.splitlines()) else ""
        report.add(Problem("case.yaml", row, None, t(f"cases.problems.{key}", where=f" ({where})" if where else "",
                                                     line=line)))
        return None
    if not isinstance(raw, dict):
        report.add(Problem("case.yaml", None, None, t("cases.problems.yaml_not_mapping")))
        return None
    try:
        node = yaml.compose(text)
        report.yaml_lines = {str(k.value): k.start_mark.line + 1 for k, _v in node.value}
    except (yaml.YAMLError, AttributeError, TypeError):
        pass
    return raw


LEVELS = ("ministerie", "provincie", "gemeente", "waterschap", "uitvoeringsorganisatie")
# Below these the lessons (a persistent core, an uneven playing field) hardly show.
SMALL_CASE = {"organisations": 20, "contacts": 40}


def _yaml_line(report: LoadReport, key: str) -> int | None:
    return getattr(report, "yaml_lines", {}).get(key)


def _meta(raw: dict, report: LoadReport, folder: Path) -> tuple[dict, list[Dimension]]:
    def get(key, *alts):
        for k in (key, *alts):
            value = raw.get(k)
            if value not in (None, ""):
                return str(value).strip()
        return ""

    meta = {
        "id": get("id") or folder.name,
        "title": get("titel", "title"),
        "challenge": get("uitdaging", "challenge", "beleidsopgave"),
        "ministry": get("ministerie", "ministry"),
        "period": get("periode", "period"),
        "level": "ministerie",
        "fictional": None,
    }
    level = get("organisatieniveau", "niveau").casefold()
    if level:
        if level in LEVELS:
            meta["level"] = level
        else:
            near = difflib.get_close_matches(level, LEVELS, n=1, cutoff=0.6)
            guess = " " + t("cases.read.did_you_mean", value=near[0]) if near else ""
            report.add(Problem("case.yaml", _yaml_line(report, "organisatieniveau"), "organisatieniveau",
                               t("cases.problems.unknown_level", value=level, allowed=", ".join(LEVELS), guess=guess)))
    fictional = raw.get("verzonnen")
    if fictional is not None:
        text = str(fictional).strip().casefold()
        if text in ("ja", "true", "yes", "1"):
            meta["fictional"] = True
        elif text in ("nee", "false", "no", "0"):
            meta["fictional"] = False
        else:
            report.add(Problem("case.yaml", _yaml_line(report, "verzonnen"), "verzonnen",
                               t("cases.problems.bad_fictional", value=str(fictional))))
    for key, english in (("titel", "title"), ("uitdaging", "challenge"), ("ministerie", "ministry")):
        if not meta[english]:
            report.add(Problem("case.yaml", None, key, t("cases.problems.yaml_missing", key=key)))
    dimensions: list[Dimension] = []
    raw_dims = raw.get("dimensies", raw.get("dimensions")) or []
    if not isinstance(raw_dims, list):
        report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_dimensions_not_list")))
        raw_dims = []
    elif not raw_dims:
        report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_no_dimensions")))
    seen = set()
    for number, item in enumerate(raw_dims, start=1):
        if not isinstance(item, dict):
            report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_dimension_not_mapping", number=number)))
            continue
        dim_id = str(item.get("id") or "").strip()
        name = str(item.get("naam") or item.get("name") or "").strip()
        explanation = str(item.get("uitleg") or item.get("explanation") or "").strip()
        for key, value in (("id", dim_id), ("naam", name), ("uitleg", explanation)):
            if not value:
                report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_dimension", number=number, key=key)))
        if dim_id in seen:
            report.add(Problem("case.yaml", None, "dimensies", t("cases.problems.yaml_dimension_duplicate", value=dim_id)))
            continue
        if dim_id:
            seen.add(dim_id)
            dimensions.append(Dimension(dim_id, name or dim_id, explanation))
    return meta, dimensions


def _report_near_duplicates(names: list[str], rows: np.ndarray, label: str, column: str, report: LoadReport) -> None:
    """Names that are probably one organisation, and cells that name several."""
    seen: dict[str, tuple[int, str]] = {}
    for name, row in zip(names, rows):
        for key in (name_key(name), *_abbreviations(name)):
            if key in seen:
                first_row, first_name = seen[key]
                report.add(Problem(label, int(row), column, t(
                    "cases.problems.near_duplicate", name=name, first=first_name, row=first_row)))
                break
        else:
            for key in (name_key(name), *_abbreviations(name)):
                if key:
                    seen[key] = (int(row), name)
        parts = several_names(name)
        if parts:
            report.add(Problem(label, int(row), column, t(
                "cases.problems.several_in_name", name=name, parts=" | ".join(parts))))


# The interests the course compares, as a trainer may name them for an own type.
INTERESTS = {"economisch": "bedrijf", "burgers": "burgers", "maatschappelijk": "ngo", "publiek": "overheid",
             "kennis": "kennis"}


def _own_types(raw: dict, report: LoadReport) -> dict[str, str]:
    """``typen`` in case.yaml: own type name -> a course type or interest
    (``netbeheerder: publiek``, ``boerenbond: branche``). Lower-cased names -> type id."""
    value = raw.get("typen")
    if value is None:
        return {}
    line = _yaml_line(report, "typen")
    if not isinstance(value, dict):
        report.add(Problem("case.yaml", line, "typen", t("cases.problems.own_types_not_mapping")))
        return {}
    lookup = _type_lookup()
    own = {}
    for name, target in value.items():
        key = str(target or "").strip().casefold()
        type_id = INTERESTS.get(key) or lookup.get(key)
        if type_id is None:
            allowed = ", ".join(dict.fromkeys([*INTERESTS, *(type_id for type_id, _ in ORG_TYPES)]))
            report.add(Problem("case.yaml", line, "typen", t("cases.problems.own_type_target", name=name,
                                                               value=target, allowed=allowed)))
            continue
        own[str(name).strip().casefold()] = type_id
    return own


def _organisations(table: Table, label: str, dims: set[str], report: LoadReport, own_types: dict | None = None):
    frame, rows = table.frame, table.rows
    col = table.columns
    ids = frame["id"].str.strip()
    empty_id = (ids == "").to_numpy()
    report.row_problems(label, rows[empty_id], col["id"], [t("cases.problems.empty_id")] * MAX_LISTED_PER_KIND,
                        t("cases.read.reason_empty_id"))
    duplicated = ids.duplicated(keep="first").to_numpy() & ~empty_id
    if duplicated.any():
        first_row = dict(zip(ids[~ids.duplicated(keep="first")], rows[~ids.duplicated(keep="first").to_numpy()]))
        dup_values = ids[duplicated].tolist()
        report.row_problems(
            label, rows[duplicated], col["id"],
            [t("cases.problems.duplicate_id", value=v, first=first_row[v]) for v in dup_values[:MAX_LISTED_PER_KIND]],
            t("cases.read.reason_duplicate_id"),
        )
    keep = ~empty_id & ~duplicated
    frame, rows = frame.loc[keep].reset_index(drop=True), rows[keep]
    names = frame["naam"].str.strip()
    no_name = (names == "").to_numpy()
    report.row_problems(label, rows[no_name], col["naam"], [t("cases.problems.empty_name")] * MAX_LISTED_PER_KIND, None)
    names = names.where(~no_name, frame["id"].str.strip())
    _report_near_duplicates(names.tolist(), rows, label, col["naam"], report)

    lookup = {**_type_lookup(), **(own_types or {})}
    raw_types = frame["type"].str.strip()
    types = raw_types.str.casefold().map(lookup)
    bad_type = types.isna().to_numpy()
    allowed = ", ".join([*(type_id for type_id, _ in ORG_TYPES), *(own_types or {})])
    report.row_problems(
        label, rows[bad_type], col["type"],
        [t("cases.problems.unknown_type", value=v, allowed=allowed) for v in raw_types[bad_type].tolist()[:MAX_LISTED_PER_KIND]],
        None,
    )
    types = types.fillna(UNKNOWN_TYPE)

    if "organisatiekracht" in frame:
        raw_cap = frame["organisatiekracht"].str.strip()
        capacity = pd.to_numeric(raw_cap, errors="coerce")
        bad_cap = ((capacity.isna() & (raw_cap != "")) | ~(capacity.between(1, 5) | capacity.isna()) | (capacity % 1 != 0)).to_numpy()
        report.row_problems(
            label, rows[bad_cap], col["organisatiekracht"],
            [t("cases.problems.bad_capacity", value=v) for v in raw_cap[bad_cap].tolist()[:MAX_LISTED_PER_KIND]],
            None,
        )
        capacity = capacity.where(~bad_cap).astype("Int64")
    else:
        capacity = pd.Series(pd.NA, index=frame.index, dtype="Int64")

    organisations = pd.DataFrame(
        {
            "org_id": frame["id"].str.strip(),
            "name": names,
            "type": types.astype(str),
            "own_type": raw_types.where(raw_types.str.casefold().isin(list(own_types or {})), ""),
            "staff_band": frame["medewerkers"].str.strip() if "medewerkers" in frame else "",
            "region": frame["regio"].str.strip() if "regio" in frame else "",
            "capacity": capacity,
            "expertise": frame["expertise"].str.strip() if "expertise" in frame else "",
        }
    )
    records = []
    bad_dim_rows, bad_dim_msgs = [], []
    for org_id, row, parts in zip(organisations["org_id"], rows, _split_dimensions(organisations["expertise"])):
        for part in parts:
            if part in dims:
                records.append((org_id, part))
            else:
                bad_dim_rows.append(row)
                bad_dim_msgs.append(_unknown_dimension(part, dims))
    if "expertise" in col:
        report.row_problems(label, np.asarray(bad_dim_rows), col["expertise"], bad_dim_msgs, None)
    expertise = pd.DataFrame(records, columns=["org_id", "dimension"]).drop_duplicates(ignore_index=True)
    organisations["expertise"] = [";".join(p) for p in _split_dimensions(organisations["expertise"])]
    return organisations, expertise


OWN_SIDE = ("ministerie", "provincie", "gemeente", "waterschap", "uitvoeringsorganisatie", "overheid",
            "wij", "eigen organisatie", "intern")
OTHER_SIDE = ("organisatie", "de organisatie", "extern", "externe partij", "belanghebbende")


def _initiative(frame: pd.DataFrame, rows: np.ndarray, label: str, column: str | None, report: LoadReport) -> np.ndarray:
    """``initiatief`` as the course reads it: ``ministerie`` (our side, whatever the level)
    or ``organisatie`` (the other side); anything else is reported and left empty."""
    raw = frame["initiatief"].str.strip() if "initiatief" in frame else pd.Series("", index=frame.index)
    key = raw.str.casefold()
    out = np.where(key.isin(OWN_SIDE), "ministerie", np.where(key.isin(OTHER_SIDE), "organisatie", ""))
    bad = ((out == "") & (key != "")).to_numpy()
    report.row_problems(
        label, rows[bad], column,
        [t("cases.problems.unknown_initiative", value=v, own=", ".join(OWN_SIDE[:5]), other=OTHER_SIDE[0])
         for v in raw[bad].tolist()[:MAX_LISTED_PER_KIND]], None)
    return out.astype(object)


def _period_years(period: str) -> tuple[int, int] | None:
    years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d|21\d\d)\b", str(period))]
    return (min(years), max(years)) if years else None


def _report_outside_period(dates: pd.Series, rows: np.ndarray, period: str, label: str, column: str | None,
                           report: LoadReport) -> None:
    span = _period_years(period)
    if span is None:
        return
    years = dates.dt.year
    outside = (dates.notna() & ((years < span[0]) | (years > span[1]))).to_numpy()
    values = dates[outside].dt.strftime("%d-%m-%Y").tolist()[:MAX_LISTED_PER_KIND]
    report.row_problems(label, rows[outside], column,
                        [t("cases.problems.outside_period", value=v, period=period) for v in values], None)


def _contacts(table: Table, label: str, known: set[str], orgs_label: str, report: LoadReport,
              organisations: pd.DataFrame | None = None, period: str = "") -> pd.DataFrame:
    frame, rows = table.frame, table.rows
    col = table.columns
    dates, date_ok = _dates_with_problems(frame["datum"], rows, report, label, col["datum"])
    _report_outside_period(dates, rows, period, label, col["datum"], report)
    names, link_rows, positions, duplicates = _split_cells(frame["organisatie_id"], rows, _id_splitter(known))
    values = names.to_numpy(dtype=object)
    row_has = np.zeros(len(frame), dtype=bool)
    row_has[positions] = True
    report.row_problems(
        label, rows[~row_has], col["organisatie_id"], [t("cases.problems.no_org")] * MAX_LISTED_PER_KIND, t("cases.read.reason_no_org")
    )
    if duplicates:
        report.notes.append(t("cases.report.duplicates_merged", file=label, count=duplicates))
    unknown = ~names.isin(known).to_numpy()
    index = name_index(organisations) if organisations is not None and unknown.any() else {}
    corrections: dict[str, str] = {}
    messages = []
    # Once per distinct cell, and the fuzzy search for the first thousand only: a log of a
    # million rows naming unknown organisations stays quick.
    for number, value in enumerate(dict.fromkeys(values[unknown].tolist())):
        ids = suggest_ids(value, index, known) if index and number < 1000 else []
        if ids:
            corrections[value] = ";".join(ids)
    for value in values[unknown][:MAX_LISTED_PER_KIND]:
        if value in corrections:
            messages.append(t("cases.problems.name_not_id", value=value, ids=corrections[value], orgs_file=orgs_label))
        else:
            messages.append(t("cases.problems.unknown_org", value=value, orgs_file=orgs_label))
    report.row_problems(label, link_rows[unknown], col["organisatie_id"], messages, t("cases.read.reason_unknown_org"))
    if corrections:
        report.corrections = corrections
        report.notes.append(t("cases.report.can_correct", file=label, count=counted(len(corrections), "cell")))
    initiative = _initiative(frame, rows, label, col.get("initiatief"), report)
    keep = ~unknown & date_ok[positions]
    pos = positions[keep]
    contact_ids = frame["contact_id"].str.strip().to_numpy(dtype=object) if "contact_id" in frame else None
    if contact_ids is None:
        ids = np.array([f"r{r}" for r in rows], dtype=object)
    else:
        ids = np.where(contact_ids == "", np.array([f"r{r}" for r in rows], dtype=object), contact_ids)
    date_values = pd.Series(dates.to_numpy()[pos]).astype("datetime64[us]")

    def optional(name):
        return frame[name].str.strip().to_numpy(dtype=object)[pos] if name in frame else np.full(len(pos), "", dtype=object)

    return pd.DataFrame(
        {
            "contact_id": pd.Series(ids[pos], dtype=str),
            "date": date_values,
            "year": date_values.dt.year.astype(np.int64),
            "org_id": pd.Series(values[keep], dtype=str),
            "format": pd.Series(optional("vorm"), dtype=str),
            "topic": pd.Series(optional("onderwerp"), dtype=str),
            "initiated_by": pd.Series(initiative[pos], dtype=str),
            "row": link_rows[keep].astype(np.int64),
        }
    )


def _consultation(table: Table, label: str, known: set[str], dims: set[str], orgs_label: str, report: LoadReport):
    frame, rows = table.frame, table.rows
    col = table.columns
    out = pd.DataFrame(
        {
            "response_id": frame["reactie_id"].str.strip() if "reactie_id" in frame else [f"r{r}" for r in rows],
            "org_id": frame["organisatie_id"].str.strip() if "organisatie_id" in frame else "",
            "name": frame["naam"].str.strip(),
            "type": frame["type"].str.strip() if "type" in frame else "",
            "position": frame["standpunt"].str.strip() if "standpunt" in frame else "",
            "dimensions": frame["dimensies"].str.strip(),
            "summary": frame["samenvatting"].str.strip() if "samenvatting" in frame else "",
            "row": rows,
        }
    )
    if "datum" in frame:
        dates = parse_dates(frame["datum"])
        bad = dates.isna().to_numpy() & (frame["datum"].str.strip() != "").to_numpy()
        report.row_problems(
            label, rows[bad], col["datum"],
            [t("cases.problems.bad_date", value=v) for v in frame["datum"][bad].tolist()[:MAX_LISTED_PER_KIND]],
            None,
        )
        out.insert(1, "date", dates.astype("datetime64[us]"))
    org_ids = out["org_id"].astype(str)
    unknown = ((org_ids != "") & ~org_ids.isin(known)).to_numpy()
    report.row_problems(
        label, rows[unknown], col.get("organisatie_id"),
        [t("cases.problems.unknown_org_response", value=v, orgs_file=orgs_label) for v in org_ids[unknown].tolist()[:MAX_LISTED_PER_KIND]],
        None,
    )
    # Unknown ids are kept as free names (a response still counts), the id is cleared.
    out.loc[unknown, "org_id"] = ""
    out["org_id"] = out["org_id"].replace("", np.nan)
    bad_rows, bad_msgs = [], []
    clean = []
    for row, parts in zip(rows, _split_dimensions(out["dimensions"])):
        good = [p for p in parts if p in dims]
        for p in parts:
            if p not in dims:
                bad_rows.append(row)
                bad_msgs.append(_unknown_dimension(p, dims))
        clean.append(";".join(good))
    report.row_problems(label, np.asarray(bad_rows), col["dimensies"], bad_msgs, None)
    out["dimensions"] = clean
    lookup = _type_lookup()
    raw_types = out["type"].astype(str)
    out["type"] = raw_types.str.casefold().map(lookup).fillna("")
    bad_type = ((out["type"] == "") & (raw_types != "")).to_numpy()
    allowed = ", ".join(type_id for type_id, _ in ORG_TYPES)
    report.row_problems(label, rows[bad_type], col.get("type"),
                        [t("cases.problems.unknown_type", value=v, allowed=allowed)
                         for v in raw_types[bad_type].tolist()[:MAX_LISTED_PER_KIND]], None)
    from ..profiles import POSITIONS

    positions = out["position"].astype(str)
    known_position = positions.str.casefold()
    bad_position = ((positions != "") & ~known_position.isin(POSITIONS)).to_numpy()
    report.row_problems(label, rows[bad_position], col.get("standpunt"),
                        [t("cases.problems.unknown_position", value=v, allowed=", ".join(POSITIONS))
                         for v in positions[bad_position].tolist()[:MAX_LISTED_PER_KIND]], None)
    out["position"] = known_position.where(~bad_position, "")
    return out


def _report_small_case(organisations: int, contacts: int, report: LoadReport) -> None:
    small = []
    if organisations < SMALL_CASE["organisations"]:
        small.append(f"{organisations} organisaties")
    if contacts < SMALL_CASE["contacts"]:
        small.append(f"{contacts} contacten")
    if small:
        report.notes.append(t("cases.problems.small_case", what=", ".join(small),
                              orgs=SMALL_CASE["organisations"], contacts=SMALL_CASE["contacts"]))


def _load_folder(folder: Path, builtin: bool) -> Case:
    """A case folder, checked. Raises only :class:`CaseError`: whatever a trainer's files
    hold, an unforeseen failure is reported in Dutch too, naming the folder."""
    try:
        return _load_folder_checked(folder, builtin)
    except CaseError:
        raise
    except Exception as exc:
        problem = t("cases.problems.unexpected", reason=type(exc).__name__, command=_command())
        raise CaseError([Problem(folder.name, None, None, problem)]) from exc


def _load_folder_checked(folder: Path, builtin: bool) -> Case:
    report = LoadReport()
    raw = _read_yaml(folder, report)
    meta, dimensions = _meta(raw, report, folder) if raw is not None else ({}, [])
    dims = {d.id for d in dimensions}

    paths = {kind: _find_file(folder, kind, report) for kind in FILE_NAMES}
    for kind in ("organisations", "contacts"):
        if paths[kind] is None and not _find_files(folder, kind):
            report.add(Problem(f"{kind}.csv", None, None, t("cases.problems.missing_file", name=kind)))
    if raw is None or paths["organisations"] is None or paths["contacts"] is None or report.fatal:
        raise CaseError(report.problems, report)

    orgs_label = paths["organisations"].name
    org_table = _read(paths["organisations"], report=report, label=orgs_label, **ORG_SPEC)
    contact_table = _read(paths["contacts"], report=report, label=paths["contacts"].name, **CONTACT_SPEC)
    consult_table = None
    if paths["consultation"] is not None:
        consult_table = _read(paths["consultation"], report=report, label=paths["consultation"].name, **CONSULT_SPEC)
    if org_table is None or contact_table is None or (paths["consultation"] is not None and consult_table is None):
        raise CaseError(report.problems, report)

    organisations, expertise = _organisations(org_table, orgs_label, dims, report, _own_types(raw, report))
    known = set(organisations["org_id"])
    contacts = _contacts(contact_table, paths["contacts"].name, known, orgs_label, report,
                         organisations, meta["period"])
    consultation = None
    if consult_table is not None:
        consultation = _consultation(consult_table, paths["consultation"].name, known, dims, orgs_label, report)
    texts = raw.get("teksten", raw.get("texts")) or {}
    if not isinstance(texts, dict):
        texts = {}
    case = Case(
        id=meta["id"],
        title=meta["title"] or folder.name,
        challenge=meta["challenge"],
        ministry=meta["ministry"],
        period=meta["period"],
        dimensions=dimensions,
        texts=texts,
        organisations=organisations,
        expertise=expertise,
        contacts=contacts,
        consultation=consultation,
        report=report,
        folder=str(folder),
        builtin=builtin,
        level=meta["level"],
        fictional=builtin if meta["fictional"] is None else meta["fictional"],
        profiles=read_profiles(folder, dims),
    )
    if not builtin:
        _report_small_case(len(organisations), contacts["contact_id"].nunique(), report)
    report.notes.append(
        t(
            "cases.report.case_summary",
            title=case.title,
            organisations=len(organisations),
            contacts=contacts["contact_id"].nunique(),
            links=len(contacts),
            dimensions=len(dimensions),
            responses=0 if consultation is None else len(consultation),
        )
    )
    return case


@lru_cache(maxsize=8)
def _load_builtin(case_id: str) -> Case:
    return _load_folder(datasets_dir() / case_id, builtin=True)


def _yaml_title(folder: Path, fallback: str) -> str:
    """The ``titel`` in a folder's case.yaml, or ``fallback`` when it cannot be read."""
    try:
        raw = yaml.safe_load((folder / "case.yaml").read_bytes().decode("utf-8-sig"))
        return str(raw.get("titel") or raw.get("title") or fallback).strip() or fallback
    except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
        return fallback


def builtin_cases() -> list[tuple[str, str]]:
    """The built-in cases: ``[(case_id, Dutch title)]``."""
    return [(case_id, _yaml_title(datasets_dir() / case_id, case_id)) for case_id in BUILTIN_CASES]


# ----------------------------------------------------------------------------- own cases
#
# A trainer's own case is a folder with a case.yaml in one of the own-case folders
# (``paths.own_case_dirs()``: ``casussen/`` next to the course notebooks, then
# ``$VERBINDING_CASES``). The course refers to it as ``eigen:<folder name>`` and resolves
# that name only against those folders: a workbook, which a learner may upload, never
# names a path on disk.

OWN_PREFIX = "eigen:"
_UNSAFE_NAME = re.compile(r"[/\\:\x00-\x1f\x7f]")


def safe_folder_name(name: str) -> bool:
    """A plain folder name: no separators or drive, not hidden, not ``.``/``..``, no padding."""
    return (
        0 < len(name) <= 100
        and name == name.strip()
        and not name.startswith((".", "_"))
        and not _UNSAFE_NAME.search(name)
    )


def _own_case_folders() -> dict[str, Path]:
    """Folder name -> folder of every own case (a name found twice: the first folder wins)."""
    found: dict[str, Path] = {}
    for base in own_case_dirs():
        try:
            entries = sorted(base.iterdir())
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name not in found and safe_folder_name(name) and (entry / "case.yaml").is_file():
                found[name] = entry
    return found


def own_cases() -> list[tuple[str, str]]:
    """The trainer's own cases: ``[("eigen:<folder>", title from case.yaml)]``, by title.

    Listing reads only each case.yaml's title; a case with broken tables is still listed
    (choosing it reports the problems).
    """
    items = [(OWN_PREFIX + name, _yaml_title(folder, name)) for name, folder in _own_case_folders().items()]
    return sorted(items, key=lambda item: (item[1].casefold(), item[0]))


def course_cases() -> list[tuple[str, str]]:
    """Every case a learner can choose: built-in cases first, then own cases."""
    return builtin_cases() + own_cases()


def own_case_folder(reference: str) -> Path:
    """The folder behind ``eigen:<folder>``, found only among the own cases. Raises :class:`CaseError`."""
    name = reference[len(OWN_PREFIX):] if reference.startswith(OWN_PREFIX) else ""
    shown = reference[:80]
    if not safe_folder_name(name):
        raise CaseError([Problem(shown, None, None, t("cases.problems.bad_reference"))])
    folder = _own_case_folders().get(name)
    if folder is None:
        raise CaseError([Problem(shown, None, None, t("cases.problems.unknown_own_case"))])
    return folder


def _load_own(reference: str) -> Case:
    case = _load_folder(own_case_folder(reference), builtin=False)
    case.id = reference  # the course knows the case by its reference (workbook, exercises)
    return case


def load_course_case(reference: str | None) -> Case:
    """The case a learner chose: a built-in id or ``eigen:<folder>``, never a path.

    Use this for anything read from a workbook. Raises :class:`CaseError` (Dutch).
    """
    text = reference if isinstance(reference, str) else ""
    if text in BUILTIN_CASES:
        return _load_builtin(text)
    if text.startswith(OWN_PREFIX):
        return _load_own(text)
    message = t("cases.problems.unknown_course_case", known=", ".join(BUILTIN_CASES))
    raise CaseError([Problem(text[:80], None, None, message)])


def counted(n: int, word: str) -> str:
    """'1 rij', '3 rijen', '1.200 meldingen' for the words under ``cases.report.words``."""
    from .. import dutch

    return dutch.count(int(n), t(f"cases.report.words.{word}.one"), t(f"cases.report.words.{word}.many"))


def report_summary(error: CaseError, limit: int = 3) -> list[str]:
    """The first problems of a case that cannot be used, for a page (``check-case`` shows all)."""
    lines = [str(problem) for problem in error.problems[:limit]]
    if len(error.problems) > limit:
        lines.append(t("cases.report.more_problems", count=counted(len(error.problems) - limit, "report")))
    return lines


def load_case(case: str | Path) -> Case:
    """A built-in case by id (cached), an own case (``eigen:<folder>``), or a case folder by path.

    Raises :class:`CaseError`. The cached built-in :class:`Case` is shared: treat its data
    frames as read-only. Course pages use :func:`load_course_case`, which refuses paths.
    """
    text = str(case)
    if text in BUILTIN_CASES or text.startswith(OWN_PREFIX):
        return load_course_case(text)
    folder = Path(text).expanduser()
    if not folder.is_dir():
        known = ", ".join(BUILTIN_CASES)
        raise CaseError([Problem(text, None, None, t("cases.problems.unknown_case", name=text, known=known))])
    return _load_folder(folder, builtin=False)


# ----------------------------------------------------------------------------- CLI

def _check_one(path: str, correct: bool = False, profiles: bool = False) -> int:
    """``verbinding check-case PATH``: print the Dutch report; 0 when clean, 1 on problems.

    PATH is a built-in case id, an own case (``eigen:<map>``), a case folder, or one contact
    log file (CSV or .xlsx) with the columns ``organisatie`` and ``datum`` (several
    organisations in a cell split on ``;``).
    A file inside a case folder (``contacts.csv``) checks the whole folder.
    """
    target = Path(path).expanduser()
    try:
        if (str(path) in BUILTIN_CASES or str(path).startswith(OWN_PREFIX)) and not target.exists():
            report = load_case(str(path)).report
        elif target.is_dir() and not (target / "case.yaml").exists() and (target / "common.yaml").is_file():
            from ..texts import check_texts_command  # a folder of exercise texts

            return check_texts_command(str(path))
        elif target.is_dir():
            case = load_case(target)
            report = case.report
            if correct and report.corrections:
                _write_corrected(target, report)
            if profiles:
                _write_first_profiles(case)
            elif not (target / "profielen.csv").is_file():
                report.notes.append(t("cases.report.no_profiles", path=path, command=_command()))
        elif target.is_file() and (target.parent / "case.yaml").is_file():
            report = load_case(target.parent).report
            if correct and report.corrections:
                _write_corrected(target.parent, report)
        elif target.is_file():
            try:
                report = load_contact_log(target, "organisatie", "datum", separator=";").report
            except CaseError as err:
                if any(p.column in ("organisatie", "datum") and p.row is not None for p in err.problems):
                    err.report.notes.append(t("cases.problems.contact_log_columns", command=_command()))
                raise
        else:
            report = LoadReport()
            report.add(Problem(str(path), None, None, t("cases.problems.not_a_case", path=path)))
            report.fatal = True
    except CaseError as err:
        report = err.report
    except Exception as exc:  # a trainer never sees a traceback
        report = LoadReport()
        report.add(Problem(str(path), None, None, t("cases.problems.unexpected", reason=type(exc).__name__, command=_command())))
        report.fatal = True
    count = len(report.problems)
    if report.fatal:
        print(t("cases.report.title_unusable", path=path, count=counted(count, "report")))
    elif report.ok:
        print(t("cases.report.title_ok", path=path))
    else:
        print(t("cases.report.title_problems", path=path, count=counted(count, "report")))
    for line in report.lines():
        print(line)
    if not report.ok:
        print(t("cases.report.fix_hint", path=path, command=_command()))
    sys.stdout.flush()
    return 0 if report.ok else 1


def _command() -> str:
    from ..cli import command

    return command()


def _case_folders(folder: Path) -> list[Path]:
    """The case folders directly inside ``folder`` (each with a case.yaml)."""
    try:
        return sorted(entry for entry in folder.iterdir() if entry.is_dir() and (entry / "case.yaml").is_file())
    except OSError:
        return []


def check_case_command(path: str, correct: bool = False, profiles: bool = False) -> int:
    """``verbinding check-case PATH [--verbeter]``: the Dutch report; 0 when clean, 1 on problems.

    PATH may also be a folder of case folders: each is checked, then a one-line summary.
    With ``correct``, contact cells that name organisations get a corrected copy of the
    contacts file beside it (``contacts-verbeterd.csv``); the original is never changed.
    """
    target = Path(path).expanduser()
    if target.is_dir() and not (target / "case.yaml").exists():
        folders = _case_folders(target)
        if folders:
            results = []
            for folder in folders:
                results.append(_check_one(str(folder), correct, profiles))
                print()
            clean = results.count(0)
            print(t("cases.report.folder_summary", count=counted(len(results), "case"), path=path, clean=clean,
                    problems=len(results) - clean))
            return 0 if clean == len(results) else 1
    return _check_one(path, correct, profiles)


def first_profiles(case: Case) -> pd.DataFrame:
    """A first ``profielen.csv`` from the organisation list: id and name, knowledge 2 on the
    dimensions of ``expertise``, the position from the consultation; the rest to fill in."""
    positions = {}
    if case.consultation is not None and "org_id" in case.consultation:
        for org_id, position in zip(case.consultation["org_id"], case.consultation["position"]):
            if isinstance(org_id, str) and position:
                positions[org_id] = position
    orgs = case.organisations
    return pd.DataFrame({
        "id": orgs["org_id"],
        "naam": orgs["name"],
        "werk": "",
        "achterban": "",
        "kennis": [";".join(f"{d}=2" for d in e.split(";") if d) for e in orgs["expertise"]],
        "standpunt": [positions.get(org_id, "") for org_id in orgs["org_id"]],
        "toelichting": "",
    })


def _write_first_profiles(case: Case) -> None:
    """Write a first profielen.csv (or profielen-eerste-versie.csv beside an existing one)."""
    folder = Path(case.folder)
    out = folder / ("profielen-eerste-versie.csv" if (folder / "profielen.csv").exists() else "profielen.csv")
    try:
        first_profiles(case).to_csv(out, sep=";", index=False, encoding="utf-8")
    except OSError as exc:
        case.report.notes.append(t("cases.report.cannot_correct", reason=exc.strerror or type(exc).__name__))
        return
    case.report.notes.append(t("cases.report.profiles_written", path=out, count=len(case.organisations)))


def _write_corrected(folder: Path, report: LoadReport) -> None:
    """Write ``contacts-verbeterd.csv``: the contacts file with names replaced by ids."""
    source = _find_file(folder, "contacts")
    out = folder / "contacts-verbeterd.csv"
    try:
        table = read_table(source, **{k: v for k, v in CONTACT_SPEC.items() if k != "optional"}, optional=[])
        header = table.header_row - 1
        if table.separator is None:
            frame = pd.read_excel(source, sheet_name=table.sheet, header=header, dtype=str).fillna("")
            separator = ";"
        else:
            frame = pd.read_csv(source, sep=table.separator, encoding=table.encoding if table.encoding != "utf-16" else "utf-16",
                                header=header, dtype=str, keep_default_na=False, encoding_errors="replace")
            separator = table.separator
        column = table.columns["organisatie_id"]
        corrections = report.corrections

        def fix(cell: str) -> str:
            if cell.strip() in corrections:
                return corrections[cell.strip()]
            return ";".join(corrections.get(piece.strip(), piece.strip()) for piece in cell.split(";"))

        cells = frame[column].astype(str)
        fixed = cells.map(fix)
        count = int((fixed != cells.str.strip()).sum())
        frame[column] = fixed
        frame.to_csv(out, sep=separator, index=False, encoding="utf-8")
    except Exception as exc:  # said in Dutch, the original stays as it is
        report.notes.append(t("cases.report.cannot_correct", reason=type(exc).__name__))
        return
    report.notes.append(t("cases.report.corrected", path=out, count=counted(count, "cell"), name=source.name))
