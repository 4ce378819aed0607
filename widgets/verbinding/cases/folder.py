"""A case folder: find its tables, read and check the organisations, contacts and consultation,
and build the :class:`Case`. Every problem goes into the Dutch report.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from verbinding.cases.case_yaml import _meta, _own_types, _read_yaml
from verbinding.cases.model import ORG_TYPES, UNKNOWN_TYPE, Case, _type_lookup
from verbinding.cases.names import _abbreviations, name_index, name_key, several_names, suggest_ids
from verbinding.cases.report import CaseError, LoadReport, _command, counted
from verbinding.cases.tables import _dates_with_problems, _read, _split_cells
from verbinding.profiles import read_profiles
from verbinding.tabular import MAX_LISTED_PER_KIND, Problem, Table, parse_dates
from verbinding.texts import t

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


# Below these the lessons (a persistent core, an uneven playing field) hardly show.
SMALL_CASE = {"organisations": 20, "contacts": 40}


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
    from verbinding.profiles import POSITIONS

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
