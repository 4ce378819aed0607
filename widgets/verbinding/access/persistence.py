"""Who keeps access: the persistent core of a window of years, and the insider rules
(present in most recent years, or among the top organisations by links)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from verbinding.access.counts import _codes, _years, ceil_share, link_counts, org_column


# --------------------------------------------------------------------------- persistence
def parse_window(text: str) -> tuple[int, int]:
    """``"2019-2022"`` -> (2019, 2022); one year ``"2020"`` -> (2020, 2020).

    Raises ``ValueError`` with a Dutch message.
    """
    from verbinding.texts import t

    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*", str(text or ""))
    if not match:
        raise ValueError(t("access.cli.bad_window", window=text))
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start:
        raise ValueError(t("access.cli.window_reversed", window=text))
    return start, end


def years_present(
    links: pd.DataFrame, start: int, end: int, org_col: str | None = None, year_col: str = "year"
) -> pd.DataFrame:
    """Per organisation active in ``start..end``: ``years`` (distinct years) and ``links``."""
    col = org_column(links, org_col)
    codes, uniques = _codes(links, col)
    years = _years(links, year_col)
    mask = (years >= start) & (years <= end) & (codes >= 0)
    span = end - start + 1
    sub = codes[mask]
    norgs = len(uniques)
    present = np.zeros(norgs * span, dtype=bool)
    present[sub * span + (years[mask] - start)] = True
    year_count = present.reshape(norgs, span).sum(axis=1) if norgs else np.zeros(0, np.int64)
    link_count = np.bincount(sub, minlength=norgs)
    active = link_count > 0
    frame = pd.DataFrame(
        {"years": year_count[active], "links": link_count[active]}, index=uniques[active]
    )
    frame.index.name = col
    return frame


@dataclass(frozen=True)
class PersistentCore:
    years: tuple[int, int]
    organisations: int
    active_organisations: int
    share_of_organisations: float
    share_of_links: float
    window_links: int
    members: tuple = field(default_factory=tuple)  # org ids, most links first

    def to_dict(self) -> dict:
        """The ``persistent_core`` object of ``verbinding access --format json``."""
        return {
            "years": list(range(self.years[0], self.years[1] + 1)),
            "organisations": self.organisations,
            "share_of_organisations": self.share_of_organisations,
            "share_of_links": self.share_of_links,
        }


def persistent_core(
    links: pd.DataFrame,
    years: Sequence[int] | str,
    org_col: str | None = None,
    year_col: str = "year",
) -> PersistentCore:
    """Organisations with at least one link in **every** calendar year of the window.

    ``years`` is ``(first, last)`` inclusive, or a text such as ``"2019-2022"``. Shares are
    of the organisations active in the window and of the window's links (0 when empty).
    """
    start, end = parse_window(years) if isinstance(years, str) else (int(years[0]), int(years[-1]))
    if end < start:
        start, end = end, start
    frame = years_present(links, start, end, org_col, year_col)
    span = end - start + 1
    core = frame[frame["years"] == span]
    active = len(frame)
    window_links = int(frame["links"].sum())
    core_sorted = core.sort_index(kind="stable").sort_values("links", ascending=False, kind="stable")
    return PersistentCore(
        years=(start, end),
        organisations=len(core),
        active_organisations=active,
        share_of_organisations=len(core) / active if active else 0.0,
        share_of_links=float(core["links"].sum() / window_links) if window_links else 0.0,
        window_links=window_links,
        members=tuple(core_sorted.index.tolist()),
    )


# --------------------------------------------------------------------------- insiders
def insiders_by_presence(
    links: pd.DataFrame,
    min_years: int,
    last_years: int,
    end_year: int | None = None,
    org_col: str | None = None,
    year_col: str = "year",
) -> list:
    """Organisations with a link in at least ``min_years`` of the last ``last_years`` years.

    The last year is ``end_year`` or the log's latest year. Most links (in the window) first.
    """
    if len(links) == 0 or last_years < 1:
        return []
    years = _years(links, year_col)
    end = int(end_year if end_year is not None else years.max())
    start = end - int(last_years) + 1
    frame = years_present(links, start, end, org_col, year_col)
    caught = frame[frame["years"] >= max(1, int(min_years))]
    caught = caught.sort_index(kind="stable").sort_values("links", ascending=False, kind="stable")
    return caught.index.tolist()


def top_organisations(counts: pd.Series, percent: float) -> list:
    """The top ``percent`` % of organisations by links: exactly ``ceil(n * percent / 100)``
    of them, most links first, ties ordered by organisation id (:func:`link_counts`).

    The one definition of "the top 10%": the concentration figures
    (:func:`concentration_from_counts`), the insider rule "Meeste contacten" and the
    dimension table all count the same organisations.
    """
    n = len(counts)
    if n == 0 or percent <= 0:
        return []
    k = min(n, max(1, ceil_share(n, int(percent)) if float(percent).is_integer()
                   else int(np.ceil(n * float(percent) / 100 - 1e-9))))
    return counts.index[:k].tolist()


def insiders_by_top(links: pd.DataFrame, top_pct: float, org_col: str | None = None) -> list:
    """The top ``top_pct`` % of organisations by links (see :func:`top_organisations`)."""
    return top_organisations(link_counts(links, org_col), top_pct)


def share_of_links(links: pd.DataFrame, members: Iterable, org_col: str | None = None) -> float:
    """Share of all links held by the given organisations."""
    col = org_column(links, org_col)
    if len(links) == 0:
        return 0.0
    return float(links[col].isin(list(members)).to_numpy().sum() / len(links))


