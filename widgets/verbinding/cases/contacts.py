"""One real-world contact log (CSV or Excel): :func:`load_contact_log`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from verbinding.cases.model import ContactLog
from verbinding.cases.report import CaseError, LoadReport
from verbinding.cases.tables import _dates_with_problems, _read, _split_cells
from verbinding.tabular import MAX_LISTED_PER_KIND, Problem
from verbinding.texts import t

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
