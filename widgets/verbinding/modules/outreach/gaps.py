"""The gap rules of an outreach map: what a learner can act on, in Dutch, naming the dimension
and the organisations concerned.
"""

from __future__ import annotations

from typing import Any

from verbinding import dutch
from verbinding.modules.outreach.records import (
    ENOUGH,
    Dimension,
    Gap,
    Stakeholder,
    _count,
    _norm,
    insiders_from_connection,
)
from verbinding.texts import catalogue, sentence, t

# kinds of organisation that speak for the same people: a citizens' group is not advised
# where a single citizen already speaks, nor the other way round
_SAME_KIND = {"burger_individueel": "burgers"}
SUGGESTED_KINDS = 3


def other_kinds(kind: str) -> str:
    """'een kennisinstelling, een beroepsvereniging of een groep burgers', without the kind the
    experts already are (never 'zoek ook een groep burgers' to a map whose expertise comes from one)."""
    prefix = "outreach.gaps.single_type.suggestions."
    skip = {kind, _SAME_KIND.get(kind, kind)}
    known = [str(text) for key, text in catalogue().items() if key.startswith(prefix) and key[len(prefix):] not in skip]
    return dutch.join(known[:SUGGESTED_KINDS], "of")


class GapRules:
    """The analysis half of :class:`~verbinding.modules.outreach.model.OutreachMap` (a mixin: it reads
    the map's dimensions, stakeholders, links and alternatives)."""

    def _own(self, key: str) -> str:
        """``key``, or its ``_own`` variant for a map of the learner's own dossier (module 5's
        workbench), where 'de lijst van de casus' would point at the practice case. A module-2
        map saved without a case (older workbooks) keeps its module-2 wording."""
        own = f"{key}_own"
        return own if self.own_dossier and own in catalogue() else key

    def gaps(self) -> list[Gap]:
        """Every gap, per dimension in map order, then stakeholders under-heard."""
        found: list[Gap] = []
        insiders = set(self.insiders) if self.insiders is not None else None
        for dim in self.dimensions:
            found.extend(self._dimension_gaps(dim, insiders))
        for sh in self.stakeholders:
            if sh.quadrant != "low_high":
                continue
            dims = [self.dimension(k.dimension_id) for k in self.links_of(sh.id)]
            dim_names = dutch.join(f"'{d.name}'" for d in dims if d) or t(
                "outreach.gaps.no_dimensions_linked"
            )
            name = self.display_name(sh)
            found.append(
                Gap(
                    rule="underheard",
                    message=dutch.tidy(sentence("outreach.gaps.underheard.message", organisation=name, dimensions=dim_names)),
                    action=t("outreach.gaps.underheard.action"),
                    stakeholder_id=sh.id,
                    organisations=[name],
                )
            )
        return found

    def _dimension_gaps(self, dim: Dimension, insiders: set[str] | None) -> list[Gap]:
        links = self.links_for(dim.id)
        pairs = [(k, self.stakeholder(k.stakeholder_id)) for k in links]

        def gap(rule: str, who: list[Stakeholder], action: dict | None = None, **extra: str) -> Gap:
            names = [self.display_name(s) for s in who]
            return Gap(
                rule=rule,
                message=dutch.tidy(t(
                    f"outreach.gaps.{rule}.message",
                    dimension=dim.name,
                    organisations=dutch.join(names),
                    **extra,
                )),
                action=t(self._own(f"outreach.gaps.{rule}.action"), **(action or {})),
                dimension_id=dim.id,
                dimension=dim.name,
                organisations=names,
            )

        if not pairs:
            return [gap("no_stakeholder", [])]
        out: list[Gap] = []
        experts = [s for k, s in pairs if k.expertise is not None and k.expertise >= ENOUGH]
        if not experts:
            unrated = [s for k, s in pairs if k.expertise is None]
            if unrated:
                out.append(gap("unrated", unrated))
            else:
                out.append(gap("no_expertise", [s for _, s in pairs]))
        else:
            # an unknown type is not a kind: only typed experts can all be of one kind
            types = {s.type or s.type_label for s in experts}
            if all(s.type_known for s in experts) and len(types) == 1:
                out.append(gap("single_type", experts, type=experts[0].type_display,
                               action={"suggestions": other_kinds(experts[0].type)}))
            supporters = [s for k, s in pairs if k.support is not None and k.support >= ENOUGH]
            if not supporters:
                out.append(gap("no_support", experts))
            elif insiders is not None and all(
                s.org_id is not None and s.org_id in insiders for s in supporters
            ):
                out.append(gap("insiders_only_support", supporters))
        placed = [s for _, s in pairs if s.quadrant != "unplaced"]
        if placed and len(placed) == len(pairs) and all(s.quadrant == "low_high" for s in placed):
            out.append(gap("underheard_only", placed))
        return out

    def gap_dimensions(self) -> list[str]:
        """Ids of dimensions where expertise is missing (the Connection module's start)."""
        ids: list[str] = []
        for g in self.gaps():
            if g.expertise_missing and g.dimension_id and g.dimension_id not in ids:
                ids.append(g.dimension_id)
        return ids

    def underheard(self) -> list[Stakeholder]:
        return [s for s in self.stakeholders if s.quadrant == "low_high"]

    def summary(self, gaps: list[Gap] | None = None) -> str:
        """One Dutch line about the whole map."""
        if not self.dimensions:
            return t(self._own("outreach.gaps.empty_map"))
        gaps = self.gaps() if gaps is None else gaps
        if not gaps:
            return t("outreach.gaps.none_found")
        dims = {g.dimension_id for g in gaps if g.dimension_id}
        if not dims:
            return t("outreach.gaps.count_no_dimension", gaps=_count(len(gaps), "point"))
        return t(
            "outreach.gaps.count", gaps=_count(len(gaps), "point"),
            dimensions=dutch.part_of(len(dims), len(self.dimensions), t("outreach.words.dimension.one"),
                                     t("outreach.words.dimension.many")),
        )

    def alternatives_feedback(self) -> list[str]:
        """Dutch feedback on the alternatives, naming the proposal and who brings it."""
        if not self.alternatives:
            return [t("outreach.alternatives_feedback.none")]
        out: list[str] = []
        for alt in self.alternatives:
            proposal = dutch.shorten(alt.text)
            if not alt.by:
                out.append(t("outreach.alternatives_feedback.no_by", proposal=proposal))
            if alt.hearing == "no":  # never brought in, it cannot have been refused a hearing
                key = "not_brought" if alt.status == "could" else "not_heard"
                out.append(t(f"outreach.alternatives_feedback.{key}", proposal=proposal,
                             by=alt.by or t("outreach.alternatives_feedback.by_unknown")))
        by_power = []
        for alt in self.alternatives:
            sh = next((s for s in self.stakeholders if _norm(s.name) == _norm(alt.by)), None)
            by_power.append(sh.power if sh else None)
        if all(p == "high" for p in by_power):
            out.append(t("outreach.alternatives_feedback.only_powerful"))
        heard = sum(1 for a in self.alternatives if a.hearing in ("yes", "partly"))
        total = len(self.alternatives)
        if heard == 0 and total == 1:
            only = self.alternatives[0]
            key = ("could_of_one" if only.status == "could" else
                   "heard_count_none_of_one" if only.hearing == "no" else "heard_count_unknown_of_one")
            out.append(t(f"outreach.alternatives_feedback.{key}"))
        else:
            phrase = dutch.part_of(heard, total, t("outreach.words.proposal.one"), t("outreach.words.proposal.many"),
                                   t("outreach.alternatives_feedback.heard_verb.one"),
                                   t("outreach.alternatives_feedback.heard_verb.many"))
            out.append(t("outreach.alternatives_feedback.heard_count", heard=dutch.capital(phrase)))
        return out


def attention_points(outreach_state: Any, connection_state: Any = None) -> int:
    """How many 'aandachtspunten' the learner's map has: the one count module 2 shows ("Je
    kaart heeft 7 aandachtspunten") and modules 5 and 7 quote. Every finding of
    :meth:`GapRules.gaps` counts once: a gap per dimension and kind (expertise, support, one
    kind of organisation, ...) and each organisation that is heard less.

    Worked out from the saved map with today's rules, never read from the list of gaps the
    map saved with it (that list is as old as the last change in module 2). The insiders
    are those of Connection, as module 2 uses them; without Connection work, those the map
    was saved with."""
    from verbinding.modules.outreach.model import OutreachMap  # the map is built on these rules

    if not isinstance(outreach_state, dict):
        return 0
    model = OutreachMap.from_dict(outreach_state)
    insiders = insiders_from_connection(connection_state)
    if insiders is not None:
        model.insiders = insiders
    return len(model.gaps()) if model.dimensions else 0
