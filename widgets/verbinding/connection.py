"""The Connection exercise as a pure model (no widgets).

Five steps (``course/03_connection.ipynb``):

1. guess what share of the contacts the top 10% of organisations get, then measure;
2. set an insider rule and see whom it catches (:class:`InsiderRule`);
3. compare access per organisation type with its share of the population;
4. choose organisations to invite, with a reason (:class:`Invitation`);
5. plan counter-voice (tegengeluid): format, facilitation, whom, when in the Beleidskompas
   steps and which alternative proposals it may bring (:class:`CounterVoice`).

:class:`ConnectionWork` is what the workbook stores (module ``"connection"``), with
``to_dict``/``from_dict`` tolerant of missing keys and older shapes. :class:`CaseAnalysis`
computes the figures for one case once, so every widget reaction stays fast. Feedback
texts are built from the learner's choices and the case's figures: they name the
organisations, dimensions and percentages concerned. :func:`export_blocks` turns the saved
state into document blocks for the Markdown/Word export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from . import access, dutch, limits
from .document import Block, Bullets, Heading, Paragraph, Table
from .texts import sentence, t, tlist

MODULE_ID = "connection"
STEPS = ("probleem", "doel", "opties", "effecten", "voorkeursoptie")
EARLY_STEPS = ("probleem", "doel", "opties")
MAX_TEXT = limits.MAX_TEXT
GOOD_GUESS_POINTS = 5  # within this many percentage points a guess counts as close


def _text(value: Any) -> str:
    return str(value if value is not None else "")


def _int(value: Any, default: int, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


def _str_list(value: Any, allowed: Iterable[str] | None = None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    allowed_set = set(allowed) if allowed is not None else None
    out: list[str] = []
    for item in value:
        item = _text(item).strip()
        if item and item not in out and (allowed_set is None or item in allowed_set):
            out.append(item)
    return out


def format_ids() -> list[str]:
    return [str(item["id"]) for item in tlist("connection.counter_voice.formats")]


def facilitation_ids() -> list[str]:
    return [str(item["id"]) for item in tlist("connection.counter_voice.facilitation")]


def _labels(key: str) -> dict[str, str]:
    return {str(item["id"]): str(item["label"]) for item in tlist(key)}


def step_label(step: str) -> str:
    return t(f"connection.steps.{step}")


# --------------------------------------------------------------------------- state
@dataclass
class InsiderRule:
    """Who counts as an insider: present in ``min_years`` of the last ``last_years`` years,
    or among the top ``top_pct`` % of organisations by number of contacts."""

    kind: str = "presence"  # "presence" | "top"
    min_years: int = 4
    last_years: int = 4
    top_pct: int = 10

    def to_dict(self) -> dict:
        return {"kind": self.kind, "min_years": self.min_years, "last_years": self.last_years, "top_pct": self.top_pct}

    @classmethod
    def from_dict(cls, d: Any) -> InsiderRule:
        d = d if isinstance(d, dict) else {}
        kind = d.get("kind") if d.get("kind") in ("presence", "top") else "presence"
        last = _int(d.get("last_years"), 4, 1, 50)
        return cls(
            kind=kind,
            min_years=_int(d.get("min_years"), min(4, last), 1, last),
            last_years=last,
            top_pct=_int(d.get("top_pct"), 10, 1, 100),
        )

    def describe(self) -> str:
        if self.kind == "top":
            return t("connection.rule.describe_top", pct=self.top_pct)
        return t("connection.rule.describe_presence", min_years=self.min_years, last_years=self.last_years)


@dataclass
class Invitation:
    org_id: str
    name: str = ""
    type_label: str = ""
    dimensions: list[str] = field(default_factory=list)  # dimension names (for the export)
    links: int = 0  # contacts in the log when chosen
    reason: str = ""

    def to_dict(self) -> dict:
        return {
            "org_id": self.org_id, "name": self.name, "type_label": self.type_label,
            "dimensions": list(self.dimensions), "links": self.links, "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, d: Any) -> Invitation | None:
        if not isinstance(d, dict) or not _text(d.get("org_id")).strip():
            return None
        return cls(
            org_id=_text(d.get("org_id")).strip(),
            name=_text(d.get("name")),
            type_label=_text(d.get("type_label")),
            dimensions=_str_list(d.get("dimensions")),
            links=_int(d.get("links"), 0, 0, 10**9),
            reason=_text(d.get("reason")),
        )


@dataclass
class CounterVoice:
    formats: list[str] = field(default_factory=list)  # ids from connection.counter_voice.formats
    facilitation: list[str] = field(default_factory=list)  # ids from ...facilitation
    whom: str = ""
    steps: list[str] = field(default_factory=list)  # subset of STEPS
    alternatives: str = ""  # one proposal per line
    note: str = ""

    def to_dict(self) -> dict:
        return {
            "formats": list(self.formats), "facilitation": list(self.facilitation),
            "whom": self.whom, "steps": list(self.steps),
            "alternatives": self.alternatives, "note": self.note,
        }

    @classmethod
    def from_dict(cls, d: Any) -> CounterVoice:
        d = d if isinstance(d, dict) else {}
        alternatives = d.get("alternatives", "")
        if isinstance(alternatives, list):  # an older shape kept a list
            alternatives = "\n".join(_text(a) for a in alternatives)
        steps = _str_list(d.get("steps"), STEPS)
        return cls(
            formats=_str_list(d.get("formats"), format_ids()),
            facilitation=_str_list(d.get("facilitation"), facilitation_ids()),
            whom=_text(d.get("whom")),
            steps=[s for s in STEPS if s in steps],
            alternatives=_text(alternatives),
            note=_text(d.get("note")),
        )

    @property
    def alternative_list(self) -> list[str]:
        return [line.strip() for line in self.alternatives.splitlines() if line.strip()]


@dataclass
class ConnectionWork:
    """Everything the learner chose in the Connection module (workbook module ``connection``)."""

    case: str | None = None
    guess: int | None = None  # percent, the learner's guess for the top 10%
    revealed: bool = False
    measured: dict = field(default_factory=dict)  # snapshot of the case's figures at reveal
    rule: InsiderRule = field(default_factory=InsiderRule)
    insiders: dict = field(default_factory=dict)  # snapshot: count, share, names (first few)
    gap_dimensions: list[str] = field(default_factory=list)  # dimension ids with missing expertise
    gap_names: list[str] = field(default_factory=list)  # their names (for the export)
    invitations: list[Invitation] = field(default_factory=list)
    counter_voice: CounterVoice = field(default_factory=CounterVoice)
    playing_field_note: str = ""

    def to_dict(self) -> dict:
        return {
            "version": 1,
            "case": self.case,
            "guess": self.guess,
            "revealed": self.revealed,
            "measured": dict(self.measured),
            "rule": self.rule.to_dict(),
            "insiders": dict(self.insiders),
            "gap_dimensions": list(self.gap_dimensions),
            "gap_names": list(self.gap_names),
            "invitations": [i.to_dict() for i in self.invitations],
            "counter_voice": self.counter_voice.to_dict(),
            "playing_field_note": self.playing_field_note,
        }

    @classmethod
    def from_dict(cls, d: Any) -> ConnectionWork:
        d = d if isinstance(d, dict) else {}
        guess = d.get("guess")
        guess = _int(guess, 0, 0, 100) if guess is not None and not isinstance(guess, bool) else None
        invitations: list[Invitation] = []
        seen: set[str] = set()
        for item in d.get("invitations") or []:
            inv = Invitation.from_dict(item)
            if inv is not None and inv.org_id not in seen:
                seen.add(inv.org_id)
                invitations.append(inv)
        measured = d.get("measured") if isinstance(d.get("measured"), dict) else {}
        insiders = d.get("insiders") if isinstance(d.get("insiders"), dict) else {}
        case = d.get("case")
        return cls(
            case=case if isinstance(case, str) else None,
            guess=guess,
            revealed=bool(d.get("revealed")) and guess is not None,
            measured=measured,
            rule=InsiderRule.from_dict(d.get("rule")),
            insiders=insiders,
            gap_dimensions=_str_list(d.get("gap_dimensions")),
            gap_names=_str_list(d.get("gap_names")),
            invitations=invitations,
            counter_voice=CounterVoice.from_dict(d.get("counter_voice")),
            playing_field_note=_text(d.get("playing_field_note")),
        )

    # ----- invitations ----------------------------------------------------------------
    def invitation(self, org_id: str) -> Invitation | None:
        return next((i for i in self.invitations if i.org_id == org_id), None)

    def invite(self, invitation: Invitation) -> None:
        if self.invitation(invitation.org_id) is None:
            self.invitations.append(invitation)

    def uninvite(self, org_id: str) -> None:
        self.invitations = [i for i in self.invitations if i.org_id != org_id]

    def set_reason(self, org_id: str, reason: str) -> None:
        inv = self.invitation(org_id)
        if inv is not None:
            inv.reason = _text(reason)


def gap_dimensions_from_outreach(outreach_state: Any) -> list[str]:
    """Dimension ids where Outreach found missing expertise ([] when there are none)."""
    if not isinstance(outreach_state, dict):
        return []
    return _str_list(outreach_state.get("gap_dimensions"))


@dataclass(frozen=True)
class DimensionChoice:
    """A dimension the learner can pick in step 4."""

    id: str
    name: str
    own: bool = False  # added by the learner in module 2: the case data has no expertise on it


def learner_dimensions(case_dimensions: Iterable[Any], outreach_state: Any) -> list[DimensionChoice]:
    """The learner's current dimension list, as module 2 (Outreach) keeps it: the case's
    dimensions they kept and the ones they added, in their order. The case's list when
    module 2 has none saved yet."""
    case_names = {str(d.id): str(d.name) for d in case_dimensions}
    saved = outreach_state.get("dimensions") if isinstance(outreach_state, dict) else None
    choices: list[DimensionChoice] = []
    for item in saved if isinstance(saved, list) else []:
        if not isinstance(item, dict):
            continue
        dim_id = _text(item.get("id"))
        name = _text(item.get("name")) or case_names.get(dim_id, dim_id)
        if dim_id and all(c.id != dim_id for c in choices):
            choices.append(DimensionChoice(dim_id, name, own=dim_id not in case_names))
    return choices or [DimensionChoice(i, n) for i, n in case_names.items()]


def search_scope_text(selected: list[DimensionChoice]) -> list[str]:
    """What filters the candidate list, said above it: the chosen dimensions (which the
    learner may not have chosen themselves: module 2's gaps are chosen for them), and a
    note for their own dimensions, on which the case data knows no expertise."""
    if not selected:
        return [t("connection.ui.scope_all")]
    lines = [t("connection.ui.scope_dimensions", dimensions=dutch.join(f"'{d.name}'" for d in selected))]
    own = [d for d in selected if d.own]
    if own:
        lines.append(t("connection.ui.scope_own", dimensions=dutch.join(f"'{d.name}'" for d in own)))
    return lines


def no_candidates_text(query: str, selected: list[DimensionChoice], without_dimensions: int) -> str:
    """Why the list is empty, and what would find more (a search that the dimensions filter
    out is said, with how many it finds without them)."""
    if selected and query.strip() and without_dimensions:
        return t("connection.ui.no_candidates_dimensions", query=query.strip(),
                 dimensions=dutch.join(f"'{d.name}'" for d in selected),
                 found=organisations_text(without_dimensions))
    return t("connection.ui.no_candidates")


# --------------------------------------------------------------------------- one case's figures
def _type_labels() -> dict[str, str]:
    try:
        from .cases import ORG_TYPES
    except ImportError:  # pragma: no cover - cases ships with the package
        return {}
    return {str(k): str(v) for k, v in ORG_TYPES}


def _is_business(type_id: str) -> bool:
    try:
        from .cases import is_business
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
        plus every organisation in ``always`` (linked in module 2) whatever its figures,
        those first. Adds ``type_label`` and ``dimension_names`` (the expertise in words)."""
        dims = list(dimensions) if dimensions else None
        table = access.quiet_corners(
            self.organisations, self.expertise, self.links, dims, max_links=max_links, org_col="org_id"
        )
        wanted = [str(i) for i in always if str(i) in self.names]
        extra = self.organisations[self.organisations["org_id"].astype(str).isin(wanted)
                                   & ~self.organisations["org_id"].isin(table["org_id"])].copy()
        if len(extra):
            extra["links"] = [int(self.counts.get(o, 0)) if o in self.counts.index else 0 for o in extra["org_id"]]
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

    def invitation_for(self, org_id: str) -> Invitation:
        return Invitation(
            org_id=org_id,
            name=self.name(org_id),
            type_label=self.type_label(self.types.get(org_id, "")),
            dimensions=[self.dimension_names.get(d, d) for d in self.org_dimensions.get(org_id, [])],
            links=int(self.counts.get(org_id, 0)) if org_id in self.counts.index else 0,
        )


# --------------------------------------------------------------------------- feedback
def guess_feedback(guess: int | None, actual_share: float, count: int | None = None) -> str:
    """Names the real figure and how far off the guess was (percentage points)."""
    actual = round(actual_share * 100)
    if guess is None:
        return t("connection.guess.no_guess", actual=actual)
    diff = int(guess) - actual
    base = t("connection.guess.actual", guess=int(guess), actual=actual,
             organisations=organisations_text(count) if count is not None else "")
    if abs(diff) <= GOOD_GUESS_POINTS:
        verdict = t("connection.guess.close", points=abs(diff))
    elif diff < 0:
        verdict = t("connection.guess.too_low", points=-diff)
    else:
        verdict = t("connection.guess.too_high", points=diff)
    return f"{base} {verdict}"


def organisations_text(n: int) -> str:
    """"1 organisatie", "3 organisaties"."""
    return dutch.count(n, t("connection.organisation"), t("connection.organisations"))


def candidates_count_text(matched: int, shown: int) -> str:
    """'1 organisatie past bij je keuze.' / '12 organisaties passen ...; je ziet de eerste 10.'"""
    count = organisations_text(matched)
    if matched <= shown:
        return t("connection.ui.candidates_count_one" if matched == 1 else "connection.ui.candidates_count",
                 matched=count)
    return t("connection.ui.candidates_count_cut_one" if matched == 1 else "connection.ui.candidates_count_cut",
             matched=count, shown=dutch.number(shown))


def insider_feedback(result: InsiderResult, names: dict[str, str], early_late: access.EarlyLate | None = None,
                     revealed: bool = True) -> str:
    """Whom the rule catches. Before the learner has guessed and revealed in step 1 the
    share of contacts is left out ("eerst schatten, dan meten")."""
    n = len(result.members)
    if n == 0:
        return t("connection.rule.none")
    shown = [names.get(m, m) for m in result.members[:5]]
    if n > 5:
        shown.append(t("connection.rule.and_more", more=organisations_text(n - 5)))
    parts = [
        t(
            "connection.rule.caught" if revealed else "connection.rule.caught_hidden",
            rule=result.rule.describe(),
            organisations=organisations_text(n),
            share_orgs=dutch.percent(result.share_of_organisations),
            share_links=dutch.percent(result.share_of_links),
            names=dutch.join(shown),
        )
    ]
    if len(result.types):
        type_text = dutch.join(f"{row.label} ({row.organisations})" for row in result.types.itertuples())
        parts.append(t("connection.rule.types", types=type_text))
    return " ".join(parts)


def early_late_text(el: access.EarlyLate, first_year: int, last_year: int, revealed: bool = True) -> str:
    if not revealed:
        return t("connection.locked")
    return t(
        "connection.early_late.summary",
        early_start=first_year,
        early_end=el.split_year - 1,
        late_start=el.split_year,
        late_end=last_year,
        organisations=organisations_text(el.early_top_count),
        share_early=dutch.percent(el.early_top_share_early),
        share_late=dutch.percent(el.early_top_share_late),
        newcomers=dutch.percent(1 - el.late_share_early_active),
    )


def playing_field_text(rep: pd.DataFrame, business: tuple[float, float] | None = None) -> str:
    """Names the most over- and under-represented types with their two shares."""
    known = rep[(rep["group"] != "?") & (rep["population"] > 0)]
    if known.empty:
        return t("connection.field.empty")
    ordered = known.sort_values("ratio", ascending=False, kind="stable")
    over, under = ordered.iloc[0], ordered.iloc[-1]
    parts = [
        t(
            "connection.field.over",
            label=over["label"],
            access=dutch.percent(over["access_share"]),
            population=dutch.percent(over["population_share"]),
        ),
        t(
            "connection.field.under",
            label=under["label"],
            access=dutch.percent(under["access_share"]),
            population=dutch.percent(under["population_share"]),
        ),
    ]
    if business is not None and business[1] > 0:
        parts.append(
            t(
                "connection.field.business",
                access=dutch.percent(business[0]),
                population=dutch.percent(business[1]),
            )
        )
    return " ".join(parts)


def invitation_feedback(
    work: ConnectionWork,
    insider_ids: Iterable[str] = (),
    gap_dimensions: dict[str, str] | None = None,
    org_dimensions: dict[str, list[str]] | None = None,
) -> list[str]:
    """Dutch remarks on the chosen invitations; each names the organisations concerned.

    ``gap_dimensions`` maps dimension id -> name; ``org_dimensions`` maps org id -> ids.
    """
    invs = work.invitations
    if not invs:
        return [t("connection.invite.none")]
    out: list[str] = []
    no_reason = [i.name or i.org_id for i in invs if not i.reason.strip()]
    if no_reason:
        out.append(t("connection.invite.no_reason", names=dutch.join(no_reason)))
    insider_set = set(insider_ids)
    already = [i.name or i.org_id for i in invs if i.org_id in insider_set]
    if already:
        out.append(sentence("connection.invite.insiders_one" if len(already) == 1 else "connection.invite.insiders",
                     names=dutch.join(already)))
    if gap_dimensions and org_dimensions is not None:
        covered = {d for i in invs for d in org_dimensions.get(i.org_id, [])}
        missing = [name for dim, name in gap_dimensions.items() if dim not in covered]
        if missing:
            out.append(t("connection.invite.gap_open", dimensions=dutch.join(missing)))
        else:
            out.append(t("connection.invite.gap_covered", dimensions=dutch.join(gap_dimensions.values())))
    new = [i for i in invs if i.links == 0]
    types = sorted({i.type_label for i in invs if i.type_label})
    out.append(
        t(
            "connection.invite.summary",
            organisations=organisations_text(len(invs)),
            new=dutch.number(len(new)),
        )
        + ("" if not types else " " + t("connection.invite.types_one" if len(types) == 1 else "connection.invite.types",
                                        types=dutch.join(types)))
    )
    if len(invs) >= 3 and len(types) == 1:
        out.append(t("connection.invite.one_type", type=types[0]))
    return [dutch.tidy(line) for line in out]


def counter_voice_feedback(cv: CounterVoice) -> list[str]:
    """Dutch remarks on the counter-voice plan: what is missing, and whether it comes in time."""
    out: list[str] = []
    if not cv.formats:
        out.append(t("connection.counter.no_format"))
    if not cv.facilitation:
        out.append(t("connection.counter.no_facilitation"))
    if not cv.whom.strip():
        out.append(t("connection.counter.no_whom"))
    if not cv.steps:
        out.append(t("connection.counter.no_steps"))
    elif not any(s in EARLY_STEPS for s in cv.steps):
        out.append(t("connection.counter.late", steps=dutch.join(step_label(s) for s in cv.steps)))
    if not cv.alternative_list:
        out.append(t("connection.counter.no_alternatives"))
    if not out:
        formats = _labels("connection.counter_voice.formats")
        out.append(
            t(
                "connection.counter.complete",
                formats=dutch.join(formats.get(f, f).lower() for f in cv.formats),
                steps=dutch.join(step_label(s) for s in cv.steps),
                alternatives=dutch.count(len(cv.alternative_list), t("connection.counter.proposal"),
                                         t("connection.counter.proposals")),
            )
        )
    return out


def field_note_feedback(note: str) -> str:
    """A response to the reflection of step 3 ("Wat valt je op?"): a prompt when it is
    empty, an acknowledgement with a follow-up question when it is short, else an
    acknowledgement that points to step 4."""
    kind = dutch.reflection_kind(note)
    return t({"empty": "connection.note.empty", "short": "connection.note.short"}.get(kind, "connection.note.thanks"))


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


def still_to_do(state: Any) -> list[str]:
    """What is missing for "afgerond", in Dutch, in the order of the steps: the guess made
    and revealed, an insider rule applied, the playing field reflected on, at least one
    invitation and a reason for each, and a counter-voice plan with every part filled in."""
    work = ConnectionWork.from_dict(state)
    missing: list[str] = []
    if not (work.revealed and work.measured):
        missing.append(t("connection.todo.reveal"))
    if not work.insiders:
        missing.append(t("connection.todo.rule"))
    if not work.playing_field_note.strip():
        missing.append(t("connection.todo.note"))
    if not work.invitations:
        missing.append(t("connection.todo.invite"))
    no_reason = [i.name or i.org_id for i in work.invitations if not i.reason.strip()]
    if no_reason:
        missing.append(t("connection.todo.reasons", names=dutch.some(no_reason)))
    cv = work.counter_voice
    parts = [part for part, done in (("formats", cv.formats), ("facilitation", cv.facilitation),
                                     ("whom", cv.whom.strip()), ("steps", cv.steps),
                                     ("alternatives", cv.alternative_list)) if not done]
    if parts:
        missing.append(t("connection.todo.counter", parts=dutch.join(t(f"connection.todo.parts.{p}") for p in parts)))
    return missing


def is_complete(state: Any) -> bool:
    """Module 3 done, from its saved state alone: nothing :func:`still_to_do`."""
    return not still_to_do(state)


# --------------------------------------------------------------------------- export
def export_blocks(state: dict) -> list[Block]:
    """The learner's Connection work as document blocks (plain text, escaped on render)."""
    work = ConnectionWork.from_dict(state)
    blocks: list[Block] = []
    m = work.measured
    blocks.append(Heading(t("connection.export.guess_heading"), level=3))
    if work.revealed and m:
        blocks.append(
            Paragraph(guess_feedback(work.guess, float(m.get("top10pct_share", 0.0)), m.get("top10pct_count")))
        )
        blocks.append(
            Paragraph(
                t(
                    "connection.export.measured",
                    organisations=organisations_text(int(m.get("organisations", 0))),
                    links=m.get("links", 0),
                    gini=dutch.number(float(m.get("gini", 0.0)), 2),
                    single=dutch.percent(float(m.get("single_link_share", 0.0))),
                )
            )
        )
    else:
        blocks.append(Paragraph(t("connection.export.not_done")))
    blocks.append(Heading(t("connection.export.rule_heading"), level=3))
    blocks.append(Paragraph(t("connection.export.rule", rule=work.rule.describe())))
    ins = work.insiders
    if ins.get("count"):
        blocks.append(
            Paragraph(
                t(
                    "connection.export.insiders",
                    organisations=organisations_text(int(ins.get("count", 0))),
                    share=dutch.percent(float(ins.get("share_of_links", 0.0))),
                )
            )
        )
        names = [str(n) for n in ins.get("names", [])]
        if names:
            blocks.append(Bullets(names))
    if work.playing_field_note.strip():
        blocks.append(Heading(t("connection.export.field_heading"), level=3))
        blocks.append(Paragraph(work.playing_field_note))
    blocks.append(Heading(t("connection.export.invite_heading"), level=3))
    if work.gap_dimensions:
        gap_names = work.gap_names if len(work.gap_names) == len(work.gap_dimensions) else work.gap_dimensions
        blocks.append(Paragraph(t("connection.export.gaps", dimensions=", ".join(gap_names))))
    if work.invitations:
        blocks.append(
            Table(
                [t("connection.export.col_org"), t("connection.export.col_type"),
                 t("connection.export.col_dims"), t("connection.export.col_links"),
                 t("connection.export.col_reason")],
                [
                    (i.name or i.org_id, i.type_label, ", ".join(i.dimensions), i.links, i.reason)
                    for i in work.invitations
                ],
            )
        )
    else:
        blocks.append(Paragraph(t("connection.export.not_done")))
    cv = work.counter_voice
    blocks.append(Heading(t("connection.export.counter_heading"), level=3))
    formats = _labels("connection.counter_voice.formats")
    facilitation = _labels("connection.counter_voice.facilitation")
    rows = [
        (t("connection.export.cv_format"), ", ".join(formats.get(f, f) for f in cv.formats)),
        (t("connection.export.cv_facilitation"), ", ".join(facilitation.get(f, f) for f in cv.facilitation)),
        (t("connection.export.cv_whom"), cv.whom),
        (t("connection.export.cv_steps"), ", ".join(step_label(s) for s in cv.steps)),
        (t("connection.export.cv_note"), cv.note),
    ]
    rows = [r for r in rows if r[1].strip()]
    if rows:
        blocks.append(Table([t("connection.export.col_item"), t("connection.export.col_plan")], rows))
    if cv.alternative_list:
        blocks.append(Paragraph(t("connection.export.alternatives")))
        blocks.append(Bullets(cv.alternative_list))
    if not rows and not cv.alternative_list:
        blocks.append(Paragraph(t("connection.export.not_done")))
    blocks.append(Paragraph(t("common.access_caveat"), italic=True))
    return blocks
