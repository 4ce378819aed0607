"""Self-reinforcement: access before a split year against access from that year on."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from verbinding.access.counts import _codes, _years, ceil_share, org_column


# --------------------------------------------------------------------------- self-reinforcement
@dataclass(frozen=True)
class EarlyLate:
    split_year: int
    early_links: int
    late_links: int
    early_organisations: int
    late_organisations: int
    early_top_count: int  # top 10% (ceil) of organisations in the early period
    early_top_share_early: float  # their share of early links
    early_top_share_late: float  # their share of late links
    late_share_early_active: float  # late links going to organisations already active early
    rank_correlation: float  # Spearman, early vs late links, orgs active in either period
    bands: pd.DataFrame  # per early-access band: organisations, mean late links


EARLY_BANDS = ((0, 0), (1, 1), (2, 4), (5, 9), (10, None))


def early_late(
    links: pd.DataFrame, split_year: int, org_col: str | None = None, year_col: str = "year"
) -> EarlyLate:
    """Access before ``split_year`` against access from ``split_year`` on.

    Self-reinforcement shows as: the early top 10% keep a large share of late links, and
    organisations with more early access have more late access (bands, rank correlation).
    """
    per_org = early_late_table(links, split_year, org_col, year_col)
    early = per_org["early"].to_numpy()
    late = per_org["late"].to_numpy()
    early_total, late_total = int(early.sum()), int(late.sum())
    early_active = early > 0
    n_early = int(early_active.sum())
    k = ceil_share(n_early, 10)
    if n_early:
        order = np.argsort(-early, kind="stable")[:k]
        top_early = float(early[order].sum() / early_total)
        top_late = float(late[order].sum() / late_total) if late_total else 0.0
    else:
        top_early = top_late = 0.0
    late_from_early = float(late[early_active].sum() / late_total) if late_total else 0.0
    if len(per_org) > 2 and np.std(early) > 0 and np.std(late) > 0:
        corr = float(pd.Series(early).rank().corr(pd.Series(late).rank()))
    else:
        corr = 0.0
    rows = []
    for low, high in EARLY_BANDS:
        in_band = (early >= low) & (early <= (high if high is not None else np.iinfo(np.int64).max))
        if low == 0:
            in_band &= late > 0  # newcomers: no early link, only late ones
        count = int(in_band.sum())
        rows.append(
            {
                "low": low,
                "high": high,
                "organisations": count,
                "mean_late": float(late[in_band].mean()) if count else 0.0,
                "late_share": float(late[in_band].sum() / late_total) if late_total else 0.0,
            }
        )
    return EarlyLate(
        split_year=int(split_year),
        early_links=early_total,
        late_links=late_total,
        early_organisations=n_early,
        late_organisations=int((late > 0).sum()),
        early_top_count=k,
        early_top_share_early=top_early,
        early_top_share_late=top_late,
        late_share_early_active=late_from_early,
        rank_correlation=corr,
        bands=pd.DataFrame(rows),
    )


def early_late_table(
    links: pd.DataFrame, split_year: int, org_col: str | None = None, year_col: str = "year"
) -> pd.DataFrame:
    """Per organisation with any link: ``early`` (before split) and ``late`` link counts."""
    col = org_column(links, org_col)
    codes, uniques = _codes(links, col)
    years = _years(links, year_col)
    valid = codes >= 0
    is_early = years < split_year
    norgs = len(uniques)
    early = np.bincount(codes[valid & is_early], minlength=norgs)
    late = np.bincount(codes[valid & ~is_early], minlength=norgs)
    keep = (early + late) > 0
    frame = pd.DataFrame({"early": early[keep], "late": late[keep]}, index=uniques[keep])
    frame.index.name = col
    return frame


def default_split_year(links: pd.DataFrame, year_col: str = "year") -> int:
    """The year that splits the log's years in two halves (later half includes it)."""
    years = _years(links, year_col)
    if years.size == 0:
        return 0
    first, last = int(years.min()), int(years.max())
    return first + (last - first + 1) // 2


