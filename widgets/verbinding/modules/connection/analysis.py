"""The figures of one case for the Connection exercise, computed once so every widget
reaction stays fast (:class:`CaseAnalysis`): contacts per organisation and their
concentration (step 1), who an insider rule catches (:class:`InsiderResult`, step 2),
access per organisation type and dimension (step 3), and the organisations to invite
with the search over them (:meth:`CaseAnalysis.candidates`, :func:`filter_candidates`,
step 4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from verbinding import access
from verbinding.modules.connection.state import InsiderRule, Invitation
from verbinding.texts import t


def _type_labels() -> dict[str, str]:
    try:
        from verbinding.cases import ORG_TYPES
    except ImportError:  # pragma: no cover - cases ships with the package
        return {}
    return {str(k): str(v) for k, v in ORG_TYPES}


def _is_business(type_id: str) -> bool:
    try:
        from verbinding.cases import is_business
    except ImportError:  # pragma: no cover
        return False
    return bool(is_business(type_id))


@dataclass(frozen=True)
class InsiderResult:
    rule: InsiderRule
    members: tuple[str, ...]  # org ids, most contacts first
    share_of_links: float
    share_of_organisations: float
    types: pd.DataFrame  # type, label, organisations (among insiders)

    def snapshot(self, names: dict[str, str], limit: int = 20) -> dict:
        return {
            "rule": self.rule.describe(),
            "count": len(self.members),
            "share_of_links": round(self.share_of_links, 4),
            "share_of_organisations": round(self.share_of_organisations, 4),
            "names": [names.get(m, m) for m in self.members[:limit]],
            "members": list(self.members),  # all org ids (Outreach reads these)
        }


class CaseAnalysis:
    """The figures of one case, computed once (links per organisation, curves, tables)."""

    def __init__(self, case):
        self.case = case
        self.case_id = getattr(case, "id", None) or getattr(case, "case_id", None)
        contacts = case.contacts
        links = contacts[["org_id", "year"]].copy()
        links["org_id"] = links["org_id"].astype("category")  # factorise once: fast reactions
        self.links = links
        self.organisations = case.organisations
        self.expertise = case.expertise
        self.dimensions = list(case.dimensions)

    # ----- lookups -------------------------------------------------------------------
    @cached_property
    def names(self) -> dict[str, str]:
        return dict(zip(self.organisations["org_id"].astype(str), self.organisations["name"].astype(str)))

    @cached_property
    def types(self) -> dict[str, str]:
        return dict(zip(self.organisations["org_id"].astype(str), self.organisations["type"].astype(str)))

    @cached_property
    def type_labels(self) -> dict[str, str]:
        return _type_labels()

    def type_label(self, type_id: str) -> str:
        return self.type_labels.get(type_id, type_id or t("access.unknown_type"))

    def name(self, org_id: str) -> str:
        return self.names.get(org_id, org_id)

    @cached_property
    def dimension_names(self) -> dict[str, str]:
        return {str(d.id): str(d.name) for d in self.dimensions}

    @cached_property
    def org_dimensions(self) -> dict[str, list[str]]:
        grouped = self.expertise.groupby("org_id")["dimension"].agg(list)
        return {str(k): [str(x) for x in v] for k, v in grouped.items()}

    # ----- step 1 ----------------------------------------------------------------------
    @cached_property
    def counts(self) -> pd.Series:
        return access.link_counts(self.links, "org_id")

    @cached_property
    def concentration(self) -> access.Concentration:
        return access.concentration_from_counts(self.counts.to_numpy())

    @cached_property
    def lorenz(self) -> pd.DataFrame:
        return access.lorenz_from_counts(self.counts.to_numpy())

    def measured_snapshot(self) -> dict:
        c = self.concentration
        return {
            "organisations": c.organisations,
            "links": c.links,
            "top10pct_count": c.top10pct_count,
            "top10pct_share": round(c.top10pct_share, 4),
            "top10_share": round(c.top10_share, 4),
            "gini": round(c.gini, 4),
            "single_link_share": round(c.single_link_share, 4),
        }

    def top_table(self, n: int = 15) -> pd.DataFrame:
        top = self.counts.head(n)
        return pd.DataFrame(
            {
                "org_id": top.index.astype(str),
                "name": [self.name(str(i)) for i in top.index],
                "type": [self.type_label(self.types.get(str(i), "")) for i in top.index],
                "links": top.to_numpy(),
            }
        )

    # ----- step 2 ----------------------------------------------------------------------
    @cached_property
    def years(self) -> tuple[int, int]:
        y = self.links["year"]
        return (int(y.min()), int(y.max())) if len(y) else (0, 0)

    @cached_property
    def presence(self) -> pd.DataFrame:
        """Per organisation with contact: distinct years with contact and links."""
        return access.years_present(self.links, self.years[0], self.years[1], "org_id")

    @cached_property
    def split_year(self) -> int:
        return access.default_split_year(self.links)

    @cached_property
    def early_late(self) -> access.EarlyLate:
        return access.early_late(self.links, self.split_year, "org_id")

    @cached_property
    def early_late_table(self) -> pd.DataFrame:
        """Early and late links per organisation, with its name (the chart's mark labels)."""
        table = access.early_late_table(self.links, self.split_year, "org_id")
        table["name"] = [self.name(str(org_id)) for org_id in table.index]
        return table

    def insiders(self, rule: InsiderRule) -> InsiderResult:
        if rule.kind == "top":
            members = access.insiders_by_top(self.links, rule.top_pct, "org_id")
        else:
            members = access.insiders_by_presence(self.links, rule.min_years, rule.last_years, org_col="org_id")
        members = [str(m) for m in members]
        total = int(self.counts.sum())
        share = float(self.counts.reindex(members).sum() / total) if total else 0.0
        active = len(self.counts)
        type_ids = pd.Series([self.types.get(m, "") for m in members], dtype=object)
        by_type = type_ids.value_counts()
        types = pd.DataFrame(
            {
                "type": by_type.index.astype(str),
                "label": [self.type_label(x) for x in by_type.index],
                "organisations": by_type.to_numpy(),
            }
        )
        return InsiderResult(
            rule=rule,
            members=tuple(members),
            share_of_links=share,
            share_of_organisations=len(members) / active if active else 0.0,
            types=types,
        )

    # ----- step 3 ----------------------------------------------------------------------
    @cached_property
    def representation(self) -> pd.DataFrame:
        rep = access.representation(self.links, self.organisations, by="type", org_col="org_id")
        rep["label"] = [self.type_label(g) if g != "?" else t("access.unknown_type") for g in rep["group"]]
        return rep

    @cached_property
    def business_shares(self) -> tuple[float, float]:
        """(share of contacts, share of population) of business interests."""
        rep = self.representation
        mask = rep["group"].map(lambda g: _is_business(str(g)))
        return float(rep.loc[mask, "access_share"].sum()), float(rep.loc[mask, "population_share"].sum())

    @cached_property
    def dimension_access(self) -> pd.DataFrame:
        ids = [str(d.id) for d in self.dimensions]
        table = access.dimension_access(self.links, self.expertise, self.organisations, "org_id", dimensions=ids)
        table["name"] = table["dimension"].map(lambda d: self.dimension_names.get(d, d))
        return table

    # ----- step 4 ----------------------------------------------------------------------
    def candidates(self, dimensions: Iterable[str] | None, max_links: int | None = None,
                   always: Iterable[str] = ()) -> pd.DataFrame:
        """Organisations with expertise on ``dimensions`` and at most ``max_links`` contacts,
        plus the organisations in ``always`` (linked in module 2) with at most ``max_links``
        contacts whatever their expertise, those first: 'Hoogstens' holds for every row.
        Adds ``type_label`` and ``dimension_names`` (the expertise in words)."""
        dims = list(dimensions) if dimensions else None
        table = access.quiet_corners(
            self.organisations, self.expertise, self.links, dims, max_links=max_links, org_col="org_id"
        )
        wanted = [str(i) for i in always if str(i) in self.names]
        extra = self.organisations[self.organisations["org_id"].astype(str).isin(wanted)
                                   & ~self.organisations["org_id"].isin(table["org_id"])].copy()
        extra["links"] = [self.contacts_of(o) for o in extra["org_id"]]
        if max_links is not None:
            extra = extra[extra["links"] <= max_links].copy()
        if len(extra):
            extra["dimensions"] = [", ".join(self.org_dimensions.get(str(o), [])) for o in extra["org_id"]]
            table = pd.concat([extra, table], ignore_index=True)
        if wanted:
            pinned = table["org_id"].astype(str).isin(wanted)
            table = pd.concat([table[pinned], table[~pinned]], ignore_index=True)
        table["type_label"] = table["type"].map(lambda x: self.type_label(str(x)))
        table["dimension_names"] = [
            ", ".join(self.dimension_names.get(d.strip(), d.strip()) for d in str(v or "").split(",") if d.strip())
            for v in table["dimensions"].fillna("")
        ]
        return table

    def contacts_of(self, org_id: str) -> int:
        """The organisation's number of contacts in the log (0 when it has none)."""
        return int(self.counts.get(org_id, 0)) if org_id in self.counts.index else 0

    def invitation_for(self, org_id: str) -> Invitation:
        return Invitation(
            org_id=org_id,
            name=self.name(org_id),
            type_label=self.type_label(self.types.get(org_id, "")),
            dimensions=[self.dimension_names.get(d, d) for d in self.org_dimensions.get(org_id, [])],
            links=self.contacts_of(org_id),
        )


def filter_candidates(table: pd.DataFrame, query: str = "", always: Iterable[str] = (),
                      limit: int = 200) -> tuple[pd.DataFrame, int]:
    """The candidates to show and how many match ``query`` (every word in the name, type
    or expertise; case-insensitive). Organisations in ``always`` (linked in module 2) come
    first and are never cut; the rest is cut at ``limit``, and the count says how many
    matched, so the page can say so."""
    if table.empty:
        return table, 0
    text = (table["name"].astype(str) + " " + table["type_label"].astype(str) + " "
            + table["dimension_names"].astype(str)).str.casefold()
    mask = pd.Series(True, index=table.index)
    for word in str(query or "").casefold().split():
        mask &= text.str.contains(word, regex=False)
    matched = table[mask]
    pinned_mask = matched["org_id"].astype(str).isin({str(i) for i in always})
    shown = pd.concat([matched[pinned_mask], matched[~pinned_mask].head(max(0, limit - int(pinned_mask.sum())))])
    return shown, len(matched)
