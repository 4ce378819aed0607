"""Links per organisation and how concentrated they are: the counting every figure shares.

Helpers that read a links frame (organisation column, years, integer codes), the top-k
rounding, :class:`Concentration` and the Lorenz curve. Definitions: ``verbinding.access``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

ORG_COLUMNS = ("org_id", "organisation")


# --------------------------------------------------------------------------- helpers
def org_column(links: pd.DataFrame, org_col: str | None = None) -> str:
    """The organisation column: ``org_col`` if given, else ``org_id`` or ``organisation``."""
    if org_col is not None:
        if org_col not in links.columns:
            raise KeyError(org_col)
        return org_col
    for name in ORG_COLUMNS:
        if name in links.columns:
            return name
    raise KeyError("no organisation column (org_id or organisation)")


def _years(links: pd.DataFrame, year_col: str = "year") -> np.ndarray:
    if year_col in links.columns:
        return links[year_col].to_numpy(dtype=np.int64)
    if "date" in links.columns:
        return pd.to_datetime(links["date"]).dt.year.to_numpy(dtype=np.int64)
    raise KeyError(year_col)


def _codes(links: pd.DataFrame, org_col: str) -> tuple[np.ndarray, pd.Index]:
    """Integer codes per link and the organisation behind each code (no Python loops)."""
    column = links[org_col]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(dtype=np.int64), pd.Index(column.cat.categories)
    codes, uniques = pd.factorize(column, sort=False)
    return codes.astype(np.int64, copy=False), pd.Index(uniques)


def ceil_share(n: int, percent: int) -> int:
    """``ceil(n * percent / 100)`` in integers (no float rounding surprises): 30, 10 -> 3."""
    return (n * percent + 99) // 100


def link_counts(links: pd.DataFrame, org_col: str | None = None) -> pd.Series:
    """Links per organisation, most first; ties ordered by organisation id."""
    col = org_column(links, org_col)
    codes, uniques = _codes(links, col)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    series = pd.Series(counts, index=uniques, name="links")
    series.index.name = col
    series = series[series > 0].sort_index(kind="stable")
    return series.sort_values(ascending=False, kind="stable")


# --------------------------------------------------------------------------- concentration
@dataclass(frozen=True)
class Concentration:
    organisations: int
    links: int
    top10_share: float
    top1pct_share: float
    top10pct_share: float
    gini: float
    hhi: float
    single_link_share: float
    top1pct_count: int = 0
    top10pct_count: int = 0

    def to_dict(self) -> dict:
        """The JSON contract of ``verbinding access`` (without the two helper counts)."""
        d = asdict(self)
        d.pop("top1pct_count")
        d.pop("top10pct_count")
        return d


def concentration_from_counts(counts: Iterable[int] | np.ndarray) -> Concentration:
    """All concentration figures from links per organisation (zeros are ignored)."""
    values = np.asarray(counts, dtype=np.int64)
    values = values[values > 0]
    n = int(values.size)
    if n == 0:
        return Concentration(0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0)
    ascending = np.sort(values)
    total = int(ascending.sum())
    descending_cum = np.cumsum(ascending[::-1])

    def top(k: int) -> float:
        return float(descending_cum[min(k, n) - 1] / total)

    k1, k10 = ceil_share(n, 1), ceil_share(n, 10)
    ranks = np.arange(1, n + 1, dtype=np.float64)
    gini = float(2.0 * np.dot(ranks, ascending) / (n * total) - (n + 1) / n)
    shares = ascending / total
    return Concentration(
        organisations=n,
        links=total,
        top10_share=top(10),
        top1pct_share=top(k1),
        top10pct_share=top(k10),
        gini=max(gini, 0.0),
        hhi=float(np.dot(shares, shares)),
        single_link_share=float(np.count_nonzero(ascending == 1) / n),
        top1pct_count=k1,
        top10pct_count=k10,
    )


def concentration(links: pd.DataFrame, org_col: str | None = None) -> Concentration:
    """Concentration of a links frame (see the module docstring for every definition)."""
    col = org_column(links, org_col)
    codes, uniques = _codes(links, col)
    return concentration_from_counts(np.bincount(codes[codes >= 0], minlength=len(uniques)))


def lorenz(links: pd.DataFrame, org_col: str | None = None, max_points: int = 201) -> pd.DataFrame:
    """Lorenz curve: cumulative share of organisations (fewest links first) against links.

    Starts at (0, 0) and ends at (1, 1); thinned to at most ``max_points`` rows for a chart.
    """
    counts = link_counts(links, org_col).to_numpy()
    return lorenz_from_counts(counts, max_points)


def lorenz_from_counts(counts: np.ndarray, max_points: int = 201) -> pd.DataFrame:
    values = np.sort(np.asarray(counts, dtype=np.int64))
    values = values[values > 0]
    n = values.size
    if n == 0:
        return pd.DataFrame({"org_share": [0.0, 1.0], "link_share": [0.0, 1.0]})
    cum = np.concatenate([[0], np.cumsum(values)]) / values.sum()
    x = np.arange(n + 1) / n
    if n + 1 > max_points:
        idx = np.unique(np.linspace(0, n, max_points).round().astype(np.int64))
        x, cum = x[idx], cum[idx]
    return pd.DataFrame({"org_share": x, "link_share": cum})


