"""Access per group: organisation types against the population, societal dimensions, and
the quiet corners (expertise with little access)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from verbinding.access.counts import link_counts, org_column
from verbinding.access.persistence import top_organisations


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


