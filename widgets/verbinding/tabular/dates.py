"""Dates from text: ISO, Dutch and Excel serial numbers, parsed once per distinct value."""

from __future__ import annotations

import re

import pandas as pd

from verbinding.tabular.model import factorized

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
