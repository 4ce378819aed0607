"""Access analytics on a contact log: who gets access, how concentrated, how persistent.

Pure pandas/numpy, no widgets. Every function takes a **links** frame: one row per
organisation on one contact (a contact with three organisations gives three links), with

* an organisation column (``org_id`` in a built-in case, ``organisation`` in a log read by
  :func:`verbinding.cases.load_contact_log`; pass ``org_col`` to name another one),
* a ``year`` column (int) where a function needs years (or a ``date`` column it derives it from).

Definitions (the contract of ``verbinding access``):

* an *organisation* is a distinct non-empty value of the organisation column;
* a *link* is one organisation on one contact row;
* ``top10_share``: share of all links held by the 10 organisations with most links (all of
  them when there are fewer than 10);
* ``top1pct_share`` / ``top10pct_share``: the same for the top 1% / 10% of organisations,
  the number of organisations rounded **up** (ceil): 30 organisations -> top 10% = 3,
  1 organisation -> top 1% = 1;
* **ties**: organisations are ranked on their number of links only. When the cut-off falls
  inside a group of organisations with the same count, *which* of them is counted does not
  matter for a share: the sum of the k largest counts is the same whichever tied
  organisation is picked. Lists shown to people break ties on the organisation id.
* ``gini``: Gini coefficient of links per organisation, among organisations with at least
  one link (0 = every organisation equally many links; towards 1 = one organisation has
  nearly all); one organisation gives 0;
* ``hhi``: Herfindahl-Hirschman index, the sum of squared link shares (0-1);
* ``single_link_share``: share of organisations with exactly one link;
* an empty log has no concentration: every figure is 0.

Access is not influence: every figure shown to a learner goes with
``t("common.access_caveat")``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from . import dutch
from .vegalite import records

ORG_COLUMNS = ("org_id", "organisation")

# Okabe-Ito, colour-blind safe.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


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


# --------------------------------------------------------------------------- persistence
def parse_window(text: str) -> tuple[int, int]:
    """``"2019-2022"`` -> (2019, 2022); one year ``"2020"`` -> (2020, 2020).

    Raises ``ValueError`` with a Dutch message.
    """
    from .texts import t

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


# --------------------------------------------------------------------------- representation
def representation(
    links: pd.DataFrame,
    organisations: pd.DataFrame,
    by: str = "type",
    org_col: str | None = None,
    unknown: str = "?",
) -> pd.DataFrame:
    """Share of access per group (e.g. organisation type) against its share of the population.

    Columns: ``group``, ``population``, ``population_share``, ``links``, ``access_share``,
    ``ratio`` (access share / population share; >1 over-represented). Links of organisations
    not in the population are grouped under ``unknown``. Largest access share first.
    """
    col = org_column(links, org_col)
    pop_ids = organisations["org_id"] if "org_id" in organisations.columns else organisations.index
    group_of = pd.Series(organisations[by].to_numpy(), index=pd.Index(pop_ids))
    population = group_of.value_counts()
    counts = link_counts(links, col)
    groups = pd.Series(counts.index.map(group_of), index=counts.index).fillna(unknown)
    access = counts.groupby(groups.to_numpy()).sum()
    table = pd.DataFrame({"population": population, "links": access}).fillna(0)
    table = table.astype({"population": np.int64, "links": np.int64})
    pop_total = table["population"].sum()
    link_total = table["links"].sum()
    table["population_share"] = table["population"] / pop_total if pop_total else 0.0
    table["access_share"] = table["links"] / link_total if link_total else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = table["access_share"] / table["population_share"]
    table["ratio"] = ratio.replace([np.inf, -np.inf], np.nan)
    table.index.name = "group"
    table = table.reset_index().sort_values(["access_share", "group"], ascending=[False, True])
    return table[["group", "population", "population_share", "links", "access_share", "ratio"]].reset_index(
        drop=True
    )


def dimension_access(
    links: pd.DataFrame,
    expertise: pd.DataFrame,
    organisations: pd.DataFrame | None = None,
    org_col: str | None = None,
    dimensions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per societal dimension: who has expertise and how much access they have.

    Columns: ``dimension``, ``experts`` (organisations with expertise), ``population_share``
    (of the population, when ``organisations`` is given, else of organisations in
    ``expertise``), ``active_experts`` (with at least one link), ``links`` (links of those
    organisations), ``access_share`` (share of all links; an organisation with several
    dimensions counts for each, so shares do not add up to 1), ``top_experts`` (experts
    among the top 10% of organisations by links).
    """
    col = org_column(links, org_col)
    counts = link_counts(links, col)
    total = int(counts.sum())
    top = set(top_organisations(counts, 10))
    exp = expertise[["org_id", "dimension"]].drop_duplicates()
    if organisations is not None:
        pop = len(organisations)
    else:
        pop = exp["org_id"].nunique()
    exp = exp.assign(
        links=exp["org_id"].map(counts).fillna(0).astype(np.int64),
        top=exp["org_id"].isin(top),
    )
    grouped = exp.groupby("dimension", sort=True).agg(
        experts=("org_id", "size"),
        active_experts=("links", lambda s: int((s > 0).sum())),
        links=("links", "sum"),
        top_experts=("top", "sum"),
    )
    if dimensions is not None:
        grouped = grouped.reindex(list(dimensions), fill_value=0)
    grouped["population_share"] = grouped["experts"] / pop if pop else 0.0
    grouped["access_share"] = grouped["links"] / total if total else 0.0
    grouped.index.name = "dimension"
    out = grouped.reset_index()
    return out[
        ["dimension", "experts", "population_share", "active_experts", "links", "access_share", "top_experts"]
    ].astype({"experts": np.int64, "active_experts": np.int64, "links": np.int64, "top_experts": np.int64})


def quiet_corners(
    organisations: pd.DataFrame,
    expertise: pd.DataFrame,
    links: pd.DataFrame,
    dimension: str | Sequence[str] | None = None,
    max_links: int | None = 1,
    org_col: str | None = None,
) -> pd.DataFrame:
    """Organisations of the population with expertise in ``dimension`` but little access.

    ``dimension`` is one id, a list (expertise in any of them) or None (any dimension).
    Keeps organisations with at most ``max_links`` links (None: keep all, as a candidate
    list). Columns: the population's columns plus ``links`` and ``dimensions`` (their
    matching dimension ids, comma-joined); fewest links first, then name.
    """
    col = org_column(links, org_col)
    counts = link_counts(links, col)
    exp = expertise[["org_id", "dimension"]]
    if dimension is not None:
        wanted = [dimension] if isinstance(dimension, str) else list(dimension)
        exp = exp[exp["dimension"].isin(wanted)]
    table = organisations[organisations["org_id"].isin(exp["org_id"])].copy()
    table["links"] = table["org_id"].map(counts).fillna(0).astype(np.int64)
    if max_links is not None:
        table = table[table["links"] <= max_links]
    exp = exp[exp["org_id"].isin(table["org_id"])].drop_duplicates().sort_values(["org_id", "dimension"])
    dims = exp.groupby("org_id", sort=False)["dimension"].agg(", ".join)
    table["dimensions"] = table["org_id"].map(dims)
    sort_cols = ["links", "name"] if "name" in table.columns else ["links", "org_id"]
    return table.sort_values(sort_cols, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- summaries
def summary(links: pd.DataFrame, window: tuple[int, int] | None = None, org_col: str | None = None) -> dict:
    """The JSON object of ``verbinding access``."""
    result = concentration(links, org_col).to_dict()
    if window is not None:
        result["persistent_core"] = persistent_core(links, window, org_col).to_dict()
    return result


def summary_text(links: pd.DataFrame, window: tuple[int, int] | None = None, org_col: str | None = None) -> str:
    """The same figures as :func:`summary`, as Dutch sentences for a trainer."""
    from .texts import t

    c = concentration(links, org_col)
    lines = [
        t("access.cli.heading"),
        t("access.cli.size", organisations=c.organisations, links=c.links),
        t("access.cli.top10", share=dutch.percent(c.top10_share, 1)),
        t("access.cli.top1pct", count=c.top1pct_count, share=dutch.percent(c.top1pct_share, 1)),
        t("access.cli.top10pct", count=c.top10pct_count, share=dutch.percent(c.top10pct_share, 1)),
        t("access.cli.gini", gini=dutch.number(c.gini, 2)),
        t("access.cli.hhi", hhi=dutch.number(c.hhi, 3)),
        t("access.cli.single", share=dutch.percent(c.single_link_share, 1)),
    ]
    if window is not None:
        core = persistent_core(links, window, org_col)
        lines.append(
            t(
                "access.cli.core",
                start=core.years[0],
                end=core.years[1],
                organisations=core.organisations,
                share_orgs=dutch.percent(core.share_of_organisations, 1),
                share_links=dutch.percent(core.share_of_links, 1),
            )
        )
    lines += ["", t("common.access_caveat")]
    return "\n".join(lines)


def unique_links(links: pd.DataFrame, org_col: str | None = None, row_col: str = "row") -> pd.DataFrame:
    """One link per organisation per contact row: ``"A; A; B"`` in one cell is 2 links."""
    col = org_column(links, org_col)
    if row_col not in links.columns or len(links) == 0:
        return links
    duplicated = links.duplicated([row_col, col])
    return links[~duplicated.to_numpy()] if duplicated.any() else links


DEFAULT_SEPARATOR = ";"  # the same as ``verbinding check-case`` on a contact log
NO_SEPARATOR = ("geen", "none")


def command_separator(value: str | None) -> str | None:
    """``--separator``: ``;`` when not given (as ``check-case``), None for ``geen``."""
    if value is None:
        return DEFAULT_SEPARATOR
    return None if value.strip().casefold() in NO_SEPARATOR else value


def window_years_without_links(links: pd.DataFrame, window: tuple[int, int]) -> list[int]:
    """The years of a ``--window`` in which the log has no link at all."""
    present = set(np.unique(_years(links)).tolist()) if len(links) else set()
    return [year for year in range(window[0], window[1] + 1) if year not in present]


def read_report(log, links: pd.DataFrame, separator: str | None, window: tuple[int, int] | None) -> dict:
    """What was read and set aside: the extra fields of ``verbinding access --format json``
    (after the contract's figures) and the basis of the text's closing lines."""
    extra = {
        "rows": int(log.rows),
        "rows_set_aside": int(log.report.rows_set_aside),
        "set_aside": {reason: count for (_file, reason), count in log.report.set_aside.items()},
        "separator": separator,
    }
    if window is not None:
        extra["window_years_without_links"] = window_years_without_links(links, window)
    return extra


def read_report_lines(extra: dict, path: str) -> list[str]:
    """Dutch lines for the text output: rows read and set aside, an empty window."""
    from .cases import counted
    from .cli import command
    from .dutch import join as dutch_join
    from .texts import t

    separator = extra["separator"]
    lines = [t("access.cli.rows_read", rows=counted(extra["rows"], "row"),
               separator=t("access.cli.split_on", separator=separator) if separator else t("access.cli.no_split"))]
    if extra["rows_set_aside"]:
        reasons = ", ".join(f"{reason}: {count}" for reason, count in extra["set_aside"].items())
        lines.append(t("access.cli.set_aside", count=counted(extra["rows_set_aside"], "row"), reasons=reasons, path=path,
                       command=command()))
    empty = extra.get("window_years_without_links")
    if empty:
        lines.append(t("access.cli.window_empty", years=dutch_join(str(y) for y in empty)))
    return lines


def access_command(args) -> int:
    """``verbinding access PATH --organisation COL --date COL [...]``; returns the exit code.

    Prints one JSON object (``--format json``) or Dutch text; errors go to stderr in Dutch
    with a non-zero exit code (2: wrong arguments, 1: the file cannot be used). Cells naming
    several organisations are split on ``;`` unless ``--separator`` says otherwise, as
    ``check-case`` does; rows set aside and window years without data are reported in both
    outputs (JSON: extra fields after the contract's figures).
    """
    from .texts import t

    window = None
    if getattr(args, "window", None):
        try:
            window = parse_window(args.window)
        except ValueError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    try:
        from .cases import CaseError, load_contact_log
    except ImportError:  # pragma: no cover - the cases module ships with the package
        print(t("access.cli.no_loader"), file=sys.stderr)
        return 1
    separator = command_separator(getattr(args, "separator", None))
    try:
        log = load_contact_log(args.path, args.organisation, args.date, separator=separator)
    except CaseError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(t("access.cli.unreadable", path=args.path, reason=exc.strerror or exc), file=sys.stderr)
        return 1
    links = unique_links(log.links, "organisation")
    if len(links) == 0:
        print(t("access.cli.no_links", path=args.path), file=sys.stderr)
        return 1
    extra = read_report(log, links, separator, window)
    if getattr(args, "format", "text") == "json":
        print(json.dumps({**summary(links, window, org_col="organisation"), **extra}, ensure_ascii=False))
    else:
        text = summary_text(links, window, org_col="organisation")
        print("\n".join([*read_report_lines(extra, args.path), "", text]))
    return 0


# --------------------------------------------------------------------------- charts
# Vega-Lite specifications (plain dicts) built from AGGREGATED frames: a chart never gets a
# raw log. Plain dicts keep pages quick (no altair import, ~1 s); ``alt.Chart.from_dict``
# turns any of them into an Altair chart, and ``verbinding.ui.charts.ChartView`` renders
# them to SVG offline. Colours: Okabe-Ito (colour-blind safe).
BLUE, ORANGE, GREEN, GREY = PALETTE[0], PALETTE[1], PALETTE[2], "#999999"


def lorenz_spec(curve: pd.DataFrame) -> dict:
    """Lorenz curve (from :func:`lorenz`) with the line of equal access."""
    from .texts import t

    actual, equal = t("access.chart.lorenz_actual"), t("access.chart.lorenz_equal")
    rows = [{"x": float(r.org_share), "y": float(r.link_share), "series": actual} for r in curve.itertuples()]
    rows += [{"x": 0.0, "y": 0.0, "series": equal}, {"x": 1.0, "y": 1.0, "series": equal}]
    return {
        "data": {"values": rows},
        "title": t("access.chart.lorenz_title"),
        "width": 320,
        "height": 280,
        "mark": {"type": "line", "strokeWidth": 3},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "title": t("access.chart.lorenz_x"), "axis": {"format": "%"}},
            "y": {"field": "y", "type": "quantitative", "title": t("access.chart.lorenz_y"), "axis": {"format": "%"}},
            "color": {
                "field": "series", "type": "nominal", "title": t("access.chart.series"),
                "scale": {"domain": [actual, equal], "range": [BLUE, GREY]},
            },
            "strokeDash": {
                "field": "series", "type": "nominal", "legend": None,
                "scale": {"domain": [actual, equal], "range": [[1, 0], [6, 4]]},
            },
        },
    }


def top_spec(top: pd.DataFrame, selected: str | None = None) -> dict:
    """Horizontal bars: ``top`` has columns org_id, name, links (most first); the selected
    organisation in orange. Each bar carries its ``org_id`` so that a chart view can make it
    clickable."""
    from .texts import t

    rows = [
        {"org_id": str(r.org_id), "name": str(r.name), "links": int(r.links),
         "selected": str(r.org_id) == str(selected)}
        for r in top.itertuples()
    ]
    return {
        "data": {"values": rows},
        "title": t("access.chart.top_title"),
        "width": 300,
        "height": {"step": 18},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "name", "type": "nominal", "sort": None, "title": t("access.chart.top_y"),
                  "axis": {"labelLimit": 220}},
            "x": {"field": "links", "type": "quantitative", "title": t("access.chart.top_x")},
            "color": {"field": "selected", "type": "nominal", "legend": None,
                      "scale": {"domain": [False, True], "range": [BLUE, ORANGE]}},
        },
    }


def early_late_spec(
    table: pd.DataFrame, periods: tuple[int, int, int, int], selected: str | None = None
) -> dict:
    """Scatter of early against late links per organisation (from :func:`early_late_table`
    with a boolean ``insider`` column); insiders in orange, the selected one larger.

    Insiders are drawn last (on top) and carry their ``org_id``, so that a chart view can make
    them clickable; an optional ``name`` column names every point for screen readers."""
    from .texts import t

    insider, other = t("access.chart.insider"), t("access.chart.other")
    ids = table.index.astype(str)
    is_insider = table["insider"].to_numpy(dtype=bool)
    frame = pd.DataFrame(
        {
            "early": table["early"].to_numpy(),
            "late": table["late"].to_numpy(),
            "group": np.where(is_insider, insider, other),
            "selected": (ids == str(selected)) if selected is not None else False,
            "org_id": np.where(is_insider, ids, None),
        }
    )
    if "name" in table.columns:
        frame["name"] = table["name"].astype(str).to_numpy()
    frame = frame.iloc[np.lexsort((frame["selected"].to_numpy(), is_insider))]
    e0, e1, l0, l1 = periods
    return {
        "data": {"values": records(frame)},
        "title": t("access.chart.early_title"),
        "width": 320,
        "height": 280,
        "mark": {"type": "point", "filled": True, "opacity": 0.75},
        "encoding": {
            "x": {"field": "early", "type": "quantitative", "scale": {"type": "symlog"},
                  "title": t("access.chart.early_x", start=e0, end=e1)},
            "y": {"field": "late", "type": "quantitative", "scale": {"type": "symlog"},
                  "title": t("access.chart.early_y", start=l0, end=l1)},
            "color": {"field": "group", "type": "nominal", "title": t("access.chart.group_label"),
                      "scale": {"domain": [other, insider], "range": [BLUE, ORANGE]}},
            "shape": {"field": "group", "type": "nominal", "title": t("access.chart.group_label"),
                      "scale": {"domain": [other, insider], "range": ["circle", "diamond"]}},
            "size": {"field": "selected", "type": "nominal", "legend": None,
                     "scale": {"domain": [False, True], "range": [40, 260]}},
            "stroke": {"condition": {"test": "datum.selected", "value": "#000000"}, "value": None},
        },
    }


def shares_spec(frame: pd.DataFrame, label_col: str, title_key: str, y_title_key: str,
                population_col: str = "population_share", access_col: str = "access_share") -> dict:
    """Grouped bars: per group its share of the population (blue) and of access (orange)."""
    from .texts import t

    pop, acc = t("access.chart.rep_population"), t("access.chart.rep_access")
    rows = []
    for r in frame.itertuples():
        label = str(getattr(r, label_col))
        rows.append({"group": label, "series": pop, "share": float(getattr(r, population_col))})
        rows.append({"group": label, "series": acc, "share": float(getattr(r, access_col))})
    order = [str(x) for x in frame[label_col]]
    return {
        "data": {"values": rows},
        "title": t(title_key),
        "width": 300,
        "height": {"step": 14},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "group", "type": "nominal", "sort": order, "title": t(y_title_key),
                  "axis": {"labelLimit": 240}},
            "yOffset": {"field": "series", "type": "nominal", "sort": [pop, acc]},
            "x": {"field": "share", "type": "quantitative", "title": t("access.chart.rep_x"),
                  "axis": {"format": "%"}},
            "color": {"field": "series", "type": "nominal", "title": t("access.chart.series"),
                      "scale": {"domain": [pop, acc], "range": [BLUE, ORANGE]}},
        },
    }
