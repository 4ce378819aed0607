"""Outreach: the dimension map of a policy challenge (pure model, no widgets).

The learner maps which societal dimensions a policy challenge touches, links stakeholders
(organisations from the case or typed in freely) to each dimension, rates expertise and
support (draagvlak) per link on a small ordinal scale, places stakeholders on a Mendelow
power–interest grid and records alternative proposals. :meth:`OutreachMap.gaps` turns that
into gaps a learner can act on, with Dutch feedback that names the dimension and the
organisations concerned.

Workbook state (``workbook.module("outreach")``), written by :meth:`OutreachMap.to_dict`::

    {
      "version": 1,
      "case": "klimaatadaptatie" | None,
      "dimensions":   [{"id", "name", "why", "explanation", "origin": "case"|"learner"}],
      "stakeholders": [{"id", "name", "org_id": str|None, "type": str, "type_label": str,
                        "power": "low"|"high"|None, "interest": "low"|"high"|None}],
      "links":        [{"dimension_id", "stakeholder_id",
                        "expertise": 0..3|None, "support": 0..3|None}],
      "alternatives": [{"id", "text", "by", "status": "brought"|"could",
                        "hearing": "yes"|"partly"|"no"|None, "dimension_id": str|None}],
      "removed":      [{"dimension": {...}, "links": [...]}],   # undo archive, last 5
      "connection_insiders": [org_id, ...] | None,   # insiders read from Connection
      # derived, recomputed on every save (readers must not write them back):
      "gap_dimensions": [dimension_id, ...],   # expertise missing: no stakeholder,
                                               # nothing rated, or nothing rated >= 2
      "gaps": [{"rule", "dimension_id", "dimension", "stakeholder_id",
                "organisations": [name, ...], "message", "action"}],
      "underheard": [stakeholder_id, ...],     # placed low power / high interest
    }

Dimension ids of the case's own dimensions are the case's ids (so ``gap_dimensions`` can
be matched against ``case.expertise.dimension``); learner-added ones start with ``eigen-``.
Stakeholder ids are the case's ``org_id`` for case organisations and start with ``vrij-``
for names typed in freely. Ratings: 0 geen, 1 beperkt/weinig, 2 redelijk, 3 veel; a rating
of 2 or more counts as "enough".

Other modules read this state: Connection starts "new connections" from
``gap_dimensions``; Accountability takes ``stakeholders`` and ``dimensions`` as interests
to weigh. The rule "support only from usual insiders" uses the insiders the learner set in
Connection (``workbook.module("connection")["insiders"]``, see :func:`insiders_from_connection`)
and is skipped when that work is absent.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from verbinding import dutch
from verbinding.modules.outreach.charts import MapCharts
from verbinding.modules.outreach.completion import dimensions_todo
from verbinding.modules.outreach.gaps import GapRules
from verbinding.modules.outreach.records import (
    HEARINGS,
    LEVELS,
    MAX_NAME,
    MAX_REMOVED,
    MAX_TEXT,
    STATE_VERSION,
    STATUSES,
    Alternative,
    Dimension,
    Link,
    OutreachError,
    Stakeholder,
    _choice,
    _norm,
    _rating,
    _slug,
    clean_name,
    clean_text,
)
from verbinding.texts import t


class OutreachMap(GapRules, MapCharts):
    """Dimensions, stakeholders, rated links, placements and alternatives of one learner."""

    def __init__(self, case_id: str | None = None) -> None:
        self.case_id = case_id
        # True for module 5's workbench: a map of the learner's own dossier (never saved)
        self.own_dossier = False
        self.dimensions: list[Dimension] = []
        self.stakeholders: list[Stakeholder] = []
        self.links: list[Link] = []
        self.alternatives: list[Alternative] = []
        self.removed: list[dict] = []
        # org ids the learner marked as insiders in Connection; None = Connection not done
        self.insiders: list[str] | None = None

    # ----- construction ------------------------------------------------------------
    @classmethod
    def from_case(cls, case: Any, case_id: str | None = None) -> OutreachMap:
        """A new map seeded with the case's own dimensions (no links yet)."""
        model = cls(case_id=case_id or getattr(case, "id", None))
        for dim in getattr(case, "dimensions", None) or []:
            dim_id = str(getattr(dim, "id", "") or _slug(getattr(dim, "name", "")))
            name = " ".join(str(getattr(dim, "name", dim_id)).split())[:MAX_NAME] or dim_id
            if model.dimension(dim_id) or model._dimension_by_name(name):
                continue
            model.dimensions.append(
                Dimension(
                    id=dim_id,
                    name=name,
                    explanation=str(getattr(dim, "explanation", "") or ""),
                    origin="case",
                )
            )
        return model

    # ----- lookups -----------------------------------------------------------------
    def dimension(self, dim_id: str | None) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dim_id), None)

    def stakeholder(self, sh_id: str | None) -> Stakeholder | None:
        return next((s for s in self.stakeholders if s.id == sh_id), None)

    def link(self, dim_id: str, sh_id: str) -> Link | None:
        return next(
            (k for k in self.links if k.dimension_id == dim_id and k.stakeholder_id == sh_id),
            None,
        )

    def _dimension_by_name(self, name: str) -> Dimension | None:
        key = _norm(name)
        return next((d for d in self.dimensions if _norm(d.name) == key), None)

    def _require_dimension(self, dim_id: str | None) -> Dimension:
        dim = self.dimension(dim_id)
        if dim is None:
            raise OutreachError(t("outreach.errors.unknown_dimension"))
        return dim

    def _require_stakeholder(self, sh_id: str | None) -> Stakeholder:
        sh = self.stakeholder(sh_id)
        if sh is None:
            raise OutreachError(t("outreach.errors.unknown_stakeholder"))
        return sh

    def _unique_id(self, prefix: str, name: str, taken: set[str]) -> str:
        base = f"{prefix}-{_slug(name)}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def display_name(self, sh: Stakeholder) -> str:
        """The stakeholder's name, with its id added when another has the same name."""
        twins = [s for s in self.stakeholders if _norm(s.name) == _norm(sh.name)]
        return f"{sh.name} ({sh.org_id or sh.id})" if len(twins) > 1 else sh.name

    # ----- dimensions ---------------------------------------------------------------
    def add_dimension(self, name: str, why: str = "") -> Dimension:
        name = clean_name(name)
        why = clean_text(why)
        if self._dimension_by_name(name):
            raise OutreachError(t("outreach.errors.duplicate_dimension", name=name))
        taken = {d.id for d in self.dimensions} | {
            r["dimension"]["id"] for r in self.removed if isinstance(r.get("dimension"), dict)
        }
        dim = Dimension(id=self._unique_id("eigen", name, taken), name=name, why=why)
        self.dimensions.append(dim)
        return dim

    def update_dimension(self, dim_id: str, *, name: str | None = None, why: str | None = None):
        dim = self._require_dimension(dim_id)
        if name is not None:
            name = clean_name(name)
            other = self._dimension_by_name(name)
            if other is not None and other.id != dim_id:
                raise OutreachError(t("outreach.errors.duplicate_dimension", name=name))
        if why is not None:
            dim.why = clean_text(why)
        if name is not None:
            dim.name = name
        return dim

    def remove_dimension(self, dim_id: str) -> int:
        """Remove a dimension and its links; kept in an undo archive. Returns links removed."""
        dim = self._require_dimension(dim_id)
        gone = [k for k in self.links if k.dimension_id == dim_id]
        self.links = [k for k in self.links if k.dimension_id != dim_id]
        self.dimensions.remove(dim)
        for alt in self.alternatives:
            if alt.dimension_id == dim_id:
                alt.dimension_id = None
        self.removed.append({"dimension": asdict(dim), "links": [asdict(k) for k in gone]})
        self.removed = self.removed[-MAX_REMOVED:]
        return len(gone)

    def undo_remove(self) -> Dimension | None:
        """Put the last removed dimension back with its links (None if nothing to undo)."""
        while self.removed:
            entry = self.removed.pop()
            dim = _dimension_from(entry.get("dimension"))
            if dim is None or self.dimension(dim.id) or self._dimension_by_name(dim.name):
                continue
            self.dimensions.append(dim)
            for raw in entry.get("links") or []:
                link = _link_from(raw)
                if link and link.dimension_id == dim.id and self.stakeholder(link.stakeholder_id):
                    if not self.link(link.dimension_id, link.stakeholder_id):
                        self.links.append(link)
            return dim
        return None

    # ----- stakeholders -------------------------------------------------------------
    def add_stakeholder(
        self,
        name: str,
        *,
        org_id: str | None = None,
        type: str = "",  # the case's column name
        type_label: str = "",
    ) -> Stakeholder:
        """Add a case organisation (by org_id) or a freely typed name; reuse an existing one.

        A typed name equal to a stakeholder already on the map (ignoring case and spacing)
        returns that stakeholder rather than a duplicate.
        """
        name = clean_name(name)
        if org_id is not None and str(org_id) != "":
            org_id = str(org_id)
            existing = next((s for s in self.stakeholders if s.org_id == org_id), None)
            if existing:
                return existing
            if self.stakeholder(org_id) is None:
                sh_id = org_id
            else:  # pragma: no cover - a free id that happens to equal an org id
                sh_id = self._unique_id("org", org_id, {s.id for s in self.stakeholders})
            sh = Stakeholder(sh_id, name, org_id, str(type or ""), str(type_label or ""))
        else:
            existing = next((s for s in self.stakeholders if _norm(s.name) == _norm(name)), None)
            if existing:
                return existing
            sh_id = self._unique_id("vrij", name, {s.id for s in self.stakeholders})
            sh = Stakeholder(sh_id, name, None, str(type or ""), str(type_label or ""))
        self.stakeholders.append(sh)
        return sh

    def remove_stakeholder(self, sh_id: str) -> None:
        sh = self._require_stakeholder(sh_id)
        self.links = [k for k in self.links if k.stakeholder_id != sh_id]
        self.stakeholders.remove(sh)

    def place(self, sh_id: str, *, power: str | None, interest: str | None) -> Stakeholder:
        """Place a stakeholder on the power–interest grid ('low'/'high'/None each)."""
        sh = self._require_stakeholder(sh_id)
        sh.power = _choice(power, LEVELS)
        sh.interest = _choice(interest, LEVELS)
        return sh

    # ----- links --------------------------------------------------------------------
    def set_link(
        self,
        dim_id: str,
        sh_id: str,
        *,
        expertise: int | None = None,
        support: int | None = None,
    ) -> tuple[Link, bool]:
        """Create or update the link; returns (link, created)."""
        self._require_dimension(dim_id)
        self._require_stakeholder(sh_id)
        link = self.link(dim_id, sh_id)
        created = link is None
        if link is None:
            link = Link(dim_id, sh_id)
            self.links.append(link)
        link.expertise = _rating(expertise)
        link.support = _rating(support)
        return link, created

    def remove_link(self, dim_id: str, sh_id: str) -> bool:
        before = len(self.links)
        self.links = [
            k for k in self.links if not (k.dimension_id == dim_id and k.stakeholder_id == sh_id)
        ]
        removed = len(self.links) < before
        if removed:
            sh = self.stakeholder(sh_id)
            # a freely typed stakeholder without links and without placement is forgotten
            if sh and sh.org_id is None and not self.links_of(sh_id) and sh.quadrant == "unplaced":
                if not any(a.by == sh.name for a in self.alternatives):
                    self.stakeholders.remove(sh)
        return removed

    def links_of(self, sh_id: str) -> list[Link]:
        return [k for k in self.links if k.stakeholder_id == sh_id]

    def links_for(self, dim_id: str) -> list[Link]:
        return [k for k in self.links if k.dimension_id == dim_id and self.stakeholder(k.stakeholder_id)]

    # ----- alternatives -------------------------------------------------------------
    def add_alternative(
        self,
        text: str,
        *,
        by: str = "",
        status: str = "brought",
        hearing: str | None = None,
        dimension_id: str | None = None,
    ) -> Alternative:
        text = clean_text(text)
        if not text:
            raise OutreachError(t("outreach.errors.proposal_empty"))
        by = " ".join(str(by or "").split())
        if len(by) > MAX_NAME:
            raise OutreachError(t("outreach.errors.name_too_long", length=len(by), limit=MAX_NAME))
        taken = {a.id for a in self.alternatives}
        n = len(self.alternatives) + 1
        while f"alt-{n}" in taken:
            n += 1
        alt = Alternative(
            id=f"alt-{n}",
            text=text,
            by=by,
            status=_choice(status, STATUSES) or "brought",
            hearing=_choice(hearing, HEARINGS),
            dimension_id=dimension_id if self.dimension(dimension_id) else None,
        )
        self.alternatives.append(alt)
        return alt

    def remove_alternative(self, alt_id: str) -> bool:
        before = len(self.alternatives)
        self.alternatives = [a for a in self.alternatives if a.id != alt_id]
        return len(self.alternatives) < before

    # ----- state --------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        gaps = self.gaps()
        gap_dims: list[str] = []
        for g in gaps:
            if g.expertise_missing and g.dimension_id and g.dimension_id not in gap_dims:
                gap_dims.append(g.dimension_id)
        return {
            "version": STATE_VERSION,
            "case": self.case_id,
            "dimensions": [asdict(d) for d in self.dimensions],
            "stakeholders": [asdict(s) for s in self.stakeholders],
            "links": [asdict(k) for k in self.links],
            "alternatives": [asdict(a) for a in self.alternatives],
            "removed": list(self.removed),
            "connection_insiders": None if self.insiders is None else list(self.insiders),
            "gap_dimensions": gap_dims,
            "gaps": [asdict(g) for g in gaps],
            "underheard": [s.id for s in self.underheard()],
        }

    @classmethod
    def from_dict(cls, state: dict | None) -> OutreachMap:
        """Rebuild from workbook state; tolerant of missing keys, bad values, older shapes."""
        state = state if isinstance(state, dict) else {}
        case_id = state.get("case")
        model = cls(case_id=case_id if isinstance(case_id, str) else None)
        for raw in _as_list(state.get("dimensions")):
            dim = _dimension_from(raw)
            if dim and not model.dimension(dim.id) and not model._dimension_by_name(dim.name):
                model.dimensions.append(dim)
        for raw in _as_list(state.get("stakeholders")):
            sh = _stakeholder_from(raw)
            if sh and not model.stakeholder(sh.id):
                model.stakeholders.append(sh)
        for raw in _as_list(state.get("links")):
            link = _link_from(raw)
            if link is None or not model.dimension(link.dimension_id):
                continue  # a link to a dimension that no longer exists
            if not model.stakeholder(link.stakeholder_id):
                continue
            existing = model.link(link.dimension_id, link.stakeholder_id)
            if existing:
                existing.expertise, existing.support = link.expertise, link.support
            else:
                model.links.append(link)
        for raw in _as_list(state.get("alternatives")):
            alt = _alternative_from(raw, model)
            if alt and not any(a.id == alt.id for a in model.alternatives):
                model.alternatives.append(alt)
        model.removed = [
            r for r in _as_list(state.get("removed")) if isinstance(r, dict) and _dimension_from(r.get("dimension"))
        ][-MAX_REMOVED:]
        insiders = state.get("connection_insiders")
        if isinstance(insiders, list):
            model.insiders = [str(i) for i in insiders if isinstance(i, (str, int))]
        return model


def still_to_do(state: Any) -> list[str]:
    """What is missing for "afgerond", in Dutch, in the order of the steps: a 'why' and enough
    linked dimensions (:mod:`~verbinding.modules.outreach.completion`); every link rated for
    expertise and support; every linked organisation placed on the power-interest grid; at
    least one alternative proposal, each with who brings it and whether it got a hearing."""
    model = OutreachMap.from_dict(state if isinstance(state, dict) else {})
    missing: list[str] = []

    def counted(n: int, word: str) -> str:
        return dutch.count(n, t(f"outreach.words.{word}.one"), t(f"outreach.words.{word}.many"))

    def add(key: str, names: list[str], word: str) -> None:
        if names:
            quoted = [t("outreach.todo.name", name=name) for name in names]  # a name may hold a comma
            missing.append(t(f"outreach.todo.{key}", names=dutch.some(quoted), count=counted(len(names), word)))

    if not model.dimensions:
        missing.append(t("outreach.todo.dimensions"))
    missing += dimensions_todo(model)
    add("ratings", [str(k) for k in model.links if k.expertise is None or k.support is None], "link")
    linked = {k.stakeholder_id for k in model.links}
    add("place", [s.name for s in model.stakeholders if s.id in linked and s.quadrant == "unplaced"], "organisation")
    if not model.alternatives:
        missing.append(t("outreach.todo.alternatives"))
    add("by", [a.text for a in model.alternatives if not a.by.strip()], "proposal")
    add("hearing", [a.text for a in model.alternatives if not a.hearing], "proposal")
    return missing


def is_complete(state: Any) -> bool:
    """Module 2 done, from its saved state alone: nothing :func:`still_to_do`."""
    return not still_to_do(state)


# ----- tolerant readers ----------------------------------------------------------------


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _str(value: Any, limit: int | None = None) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = str(value)
    return text[:limit] if limit else text


def _dimension_from(raw: Any) -> Dimension | None:
    if not isinstance(raw, dict):
        return None
    name = " ".join(_str(raw.get("name")).split())[:MAX_NAME]
    dim_id = _str(raw.get("id")) or (_slug(name) if name else "")
    if not name or not dim_id:
        return None
    return Dimension(
        id=dim_id,
        name=name,
        why=_str(raw.get("why"), MAX_TEXT),
        explanation=_str(raw.get("explanation"), MAX_TEXT),
        origin="case" if raw.get("origin") == "case" else "learner",
    )


def _stakeholder_from(raw: Any) -> Stakeholder | None:
    if not isinstance(raw, dict):
        return None
    name = " ".join(_str(raw.get("name")).split())[:MAX_NAME]
    sh_id = _str(raw.get("id")) or _str(raw.get("org_id"))
    if not name or not sh_id:
        return None
    org_id = _str(raw.get("org_id")) or None
    return Stakeholder(
        id=sh_id,
        name=name,
        org_id=org_id,
        type=_str(raw.get("type")),
        type_label=_str(raw.get("type_label")),
        power=_choice(raw.get("power"), LEVELS),
        interest=_choice(raw.get("interest"), LEVELS),
    )


def _link_from(raw: Any) -> Link | None:
    if not isinstance(raw, dict):
        return None
    dim_id, sh_id = _str(raw.get("dimension_id")), _str(raw.get("stakeholder_id"))
    if not dim_id or not sh_id:
        return None
    return Link(dim_id, sh_id, _rating(raw.get("expertise")), _rating(raw.get("support")))


def _alternative_from(raw: Any, model: OutreachMap) -> Alternative | None:
    if not isinstance(raw, dict):
        return None
    text = _str(raw.get("text"), MAX_TEXT).strip()
    if not text:
        return None
    dim_id = _str(raw.get("dimension_id")) or None
    return Alternative(
        id=_str(raw.get("id")) or f"alt-{len(model.alternatives) + 1}",
        text=text,
        by=" ".join(_str(raw.get("by")).split())[:MAX_NAME],
        status=_choice(raw.get("status"), STATUSES) or "brought",
        hearing=_choice(raw.get("hearing"), HEARINGS),
        dimension_id=dim_id if model.dimension(dim_id) else None,
    )
