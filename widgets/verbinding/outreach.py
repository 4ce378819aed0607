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

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from . import dutch, limits
from .document import Block, Bullets, Heading, Paragraph, Table
from .texts import sentence, t, tlist
from .vegalite import records

STATE_VERSION = 1
ENOUGH = 2  # a rating of "redelijk" or more counts as enough expertise / support
SCALE_MAX = 3
MAX_NAME = 200
MAX_TEXT = limits.MAX_TEXT
MAX_REMOVED = 5
LEVELS = ("low", "high")
HEARINGS = ("yes", "partly", "no")
STATUSES = ("brought", "could")
# Order in which gap rules are listed for one dimension.
DIMENSION_RULES = (
    "no_stakeholder",
    "unrated",
    "no_expertise",
    "single_type",
    "no_support",
    "insiders_only_support",
    "underheard_only",
)
# Rules meaning "expertise is missing" (these dimensions go into gap_dimensions).
EXPERTISE_MISSING = ("no_stakeholder", "unrated", "no_expertise")


class OutreachError(ValueError):
    """Input the model cannot use; ``str(error)`` is a Dutch message for the learner."""


# ----- small helpers -----------------------------------------------------------------


def _norm(name: str) -> str:
    """Comparison key for names: case, accents and spacing do not make a new name."""
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    return " ".join(text.split())


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", _norm(name)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:40] or "x"


def clean_name(name: Any) -> str:
    """A stripped single-line name, or :class:`OutreachError` in Dutch."""
    text = " ".join(str(name or "").split())
    if not text:
        raise OutreachError(t("outreach.errors.name_empty"))
    if len(text) > MAX_NAME:
        raise OutreachError(t("outreach.errors.name_too_long", length=len(text), limit=MAX_NAME))
    return text


def clean_text(text: Any) -> str:
    value = str(text or "").strip()
    if len(value) > MAX_TEXT:
        raise OutreachError(t("outreach.errors.text_too_long", length=len(value), limit=MAX_TEXT))
    return value


def _rating(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= SCALE_MAX else None


def _choice(value: Any, allowed: Iterable[str]) -> str | None:
    return value if isinstance(value, str) and value in allowed else None


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _count(n: int, key: str) -> str:
    """'1 koppeling', '3 koppelingen' with the words from ``outreach.words.<key>``."""
    return dutch.count(n, t(f"outreach.words.{key}.one"), t(f"outreach.words.{key}.many"))


def link_count(n: int) -> str:
    """'1 koppeling', '2 koppelingen'."""
    return _count(n, "link")


def removed_message(name: str, links: int) -> str:
    """'Dimensie 'X' verwijderd, met 2 koppelingen.' / '..., zonder koppelingen.'"""
    if not links:
        return t("outreach.ui.step2.removed_no_links", name=name)
    return t("outreach.ui.step2.removed", name=name, links=link_count(links))


def undone_message(name: str, links: int) -> str:
    """'Dimensie 'X' teruggezet, met haar koppelingen.' (without 'met ...' when it had none)."""
    return t("outreach.ui.step2.undone" if links else "outreach.ui.step2.undone_no_links", name=name)


def scale_label(kind: str, value: int | None) -> str:
    """Dutch label of a rating (kind 'expertise' or 'support')."""
    if value is None:
        return t("outreach.scale.unrated")
    return str(tlist(f"outreach.scale.{kind}")[value])


def level_label(value: str | None) -> str:
    return t(f"outreach.scale.level.{value}") if value in LEVELS else t("outreach.scale.unplaced")


def quadrant_of(power: str | None, interest: str | None) -> str:
    """Mendelow quadrant id: 'high_high', 'high_low', 'low_high', 'low_low' or 'unplaced'."""
    if power in LEVELS and interest in LEVELS:
        return f"{power}_{interest}"
    return "unplaced"


def org_type_labels() -> dict[str, str]:
    """Type id -> Dutch label from the cases module (empty when it is not available)."""
    try:
        from .cases import ORG_TYPES  # optional, lands separately
    except Exception:  # pragma: no cover - cases module absent or broken
        return {}
    return {str(k): str(v) for k, v in ORG_TYPES}


def insiders_from_connection(state: dict | None) -> list[str] | None:
    """The insiders' org ids the learner set in the Connection module, or None if absent.

    Read defensively: ``insiders`` may be a list of ids (or of dicts with an
    ``org_id``/``id``), or a dict holding such a list under ``members``, ``org_ids`` or
    ``ids``. Anything else (e.g. a snapshot with only names) gives None: rule skipped.
    """
    if not isinstance(state, dict):
        return None
    raw = state.get("insiders")
    if isinstance(raw, dict):
        raw = next((raw[k] for k in ("members", "org_ids", "ids") if isinstance(raw.get(k), list)), None)
    if not isinstance(raw, list):
        return None
    ids: list[str] = []
    for item in raw:
        if isinstance(item, dict):
            item = item.get("org_id", item.get("id"))
        if isinstance(item, (str, int)) and not isinstance(item, bool) and str(item):
            ids.append(str(item))
    return ids


# ----- records -----------------------------------------------------------------------


@dataclass
class Dimension:
    id: str
    name: str
    why: str = ""
    explanation: str = ""
    origin: str = "learner"  # "case" or "learner"


@dataclass
class Stakeholder:
    id: str
    name: str
    org_id: str | None = None
    type: str = ""
    type_label: str = ""
    power: str | None = None
    interest: str | None = None

    @property
    def quadrant(self) -> str:
        return quadrant_of(self.power, self.interest)

    @property
    def type_display(self) -> str:
        if self.type_label:
            return self.type_label
        if self.type:
            return self.type
        # "zelf ingevoerd" is where a name came from, not a kind of organisation
        return t("outreach.type_unknown")

    @property
    def type_known(self) -> bool:
        return bool(self.type or self.type_label)


@dataclass
class Link:
    dimension_id: str
    stakeholder_id: str
    expertise: int | None = None
    support: int | None = None


@dataclass
class Alternative:
    id: str
    text: str
    by: str = ""
    status: str = "brought"
    hearing: str | None = None
    dimension_id: str | None = None


@dataclass
class Gap:
    """One finding. ``dimension_id`` is None for a stakeholder-level finding."""

    rule: str
    message: str
    action: str
    dimension_id: str | None = None
    dimension: str = ""
    stakeholder_id: str | None = None
    organisations: list[str] = field(default_factory=list)

    @property
    def expertise_missing(self) -> bool:
        return self.rule in EXPERTISE_MISSING


# ----- the model ---------------------------------------------------------------------


class OutreachMap:
    """Dimensions, stakeholders, rated links, placements and alternatives of one learner."""

    def __init__(self, case_id: str | None = None) -> None:
        self.case_id = case_id
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

    # ----- analysis -----------------------------------------------------------------
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

        def gap(rule: str, who: list[Stakeholder], **extra: str) -> Gap:
            names = [self.display_name(s) for s in who]
            return Gap(
                rule=rule,
                message=dutch.tidy(t(
                    f"outreach.gaps.{rule}.message",
                    dimension=dim.name,
                    organisations=dutch.join(names),
                    **extra,
                )),
                action=t(f"outreach.gaps.{rule}.action"),
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
                out.append(gap("single_type", experts, type=experts[0].type_display))
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
            return t("outreach.gaps.empty_map")
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
            proposal = _short(alt.text)
            if not alt.by:
                out.append(t("outreach.alternatives_feedback.no_by", proposal=proposal))
            if alt.hearing == "no":
                out.append(
                    t(
                        "outreach.alternatives_feedback.not_heard",
                        proposal=proposal,
                        by=alt.by or t("outreach.alternatives_feedback.by_unknown"),
                    )
                )
        by_power = []
        for alt in self.alternatives:
            sh = next((s for s in self.stakeholders if _norm(s.name) == _norm(alt.by)), None)
            by_power.append(sh.power if sh else None)
        if all(p == "high" for p in by_power):
            out.append(t("outreach.alternatives_feedback.only_powerful"))
        heard = sum(1 for a in self.alternatives if a.hearing in ("yes", "partly"))
        total = len(self.alternatives)
        if heard == 0 and total == 1:
            out.append(t("outreach.alternatives_feedback.heard_count_none_of_one" if self.alternatives[0].hearing == "no"
                         else "outreach.alternatives_feedback.heard_count_unknown_of_one"))
        else:
            phrase = dutch.part_of(heard, total, t("outreach.words.proposal.one"), t("outreach.words.proposal.many"),
                                   t("outreach.alternatives_feedback.heard_verb.one"),
                                   t("outreach.alternatives_feedback.heard_verb.many"))
            out.append(t("outreach.alternatives_feedback.heard_count", heard=dutch.capital(phrase)))
        return out

    # ----- aggregated frames and charts ---------------------------------------------
    def heatmap_frame(self):
        """Dimension × stakeholder type: highest expertise and number of links (aggregated)."""
        import pandas as pd  # keep module import light

        rows = []
        for k in self.links:
            dim, sh = self.dimension(k.dimension_id), self.stakeholder(k.stakeholder_id)
            if dim is None or sh is None:
                continue
            rows.append(
                {
                    "dimension": dim.name,
                    "type": sh.type_display,
                    "expertise": -1 if k.expertise is None else k.expertise,
                }
            )
        columns = ["dimension", "type", "expertise", "links", "label"]
        if not rows:
            return pd.DataFrame(columns=columns)
        frame = (
            pd.DataFrame(rows)
            .groupby(["dimension", "type"], sort=False)
            .agg(expertise=("expertise", "max"), links=("expertise", "size"))
            .reset_index()
        )
        # every dimension × type cell, so an empty cell is visibly empty
        dims = [d.name for d in self.dimensions]
        types = sorted(frame["type"].unique())
        full = pd.MultiIndex.from_product([dims, types], names=["dimension", "type"]).to_frame(
            index=False
        )
        frame = full.merge(frame, on=["dimension", "type"], how="left")
        frame["links"] = frame["links"].fillna(0).astype(int)
        frame["expertise"] = frame["expertise"].astype("float")
        frame["label"] = [
            t("outreach.heatmap.none")
            if n == 0
            else scale_label("expertise", None if e < 0 else int(e))
            for e, n in zip(frame["expertise"], frame["links"])
        ]
        return frame[columns]

    def heatmap_summary(self) -> str:
        if not self.links:
            return t("outreach.heatmap.empty")
        lines = [
            t(
                "outreach.heatmap.summary_intro",
                links=_count(len(self.links), "link"),
                dimensions=_count(len({k.dimension_id for k in self.links}), "dimension"),
                stakeholders=_count(len({k.stakeholder_id for k in self.links}), "organisation"),
            )
        ]
        for dim in self.dimensions:
            best: dict[str, int] = {}
            untyped: list[tuple[str, int]] = []  # no kind to name: name the organisation
            for k in self.links_for(dim.id):
                sh = self.stakeholder(k.stakeholder_id)
                if sh is None or k.expertise is None or k.expertise < ENOUGH:
                    continue
                if sh.type_known:
                    best[sh.type_display] = max(best.get(sh.type_display, 0), k.expertise)
                else:
                    untyped.append((self.display_name(sh), k.expertise))
            if best or untyped:
                types = dutch.join(
                    [t("outreach.heatmap.summary_type", type=name, level=scale_label("expertise", v))
                     for name, v in sorted(best.items())]
                    + [t("outreach.heatmap.summary_type_unknown", organisation=name,
                         level=scale_label("expertise", v)) for name, v in untyped]
                )
                lines.append(t("outreach.heatmap.summary_dimension", dimension=dim.name, types=types))
            else:
                lines.append(t("outreach.heatmap.summary_dimension_none", dimension=dim.name))
        return dutch.tidy("\n".join(lines))

    def heatmap_chart(self):
        return heatmap_spec(self.heatmap_frame())

    def grid_frame(self):
        """Stakeholders per Mendelow quadrant (aggregated: one row per quadrant)."""
        import pandas as pd

        rows = []
        for quadrant in ("high_low", "high_high", "low_low", "low_high"):
            power, interest = quadrant.split("_")
            names = [self.display_name(s) for s in self.stakeholders if s.quadrant == quadrant]
            rows.append(
                {
                    "quadrant": quadrant,
                    "power": level_label(power),
                    "interest": level_label(interest),
                    "label": t(f"outreach.quadrant.{quadrant}"),
                    "count": len(names),
                    "names": _short(", ".join(names), 120),
                    "underheard": quadrant == "low_high",
                }
            )
        return pd.DataFrame(rows)

    def grid_summary(self, include_unplaced: bool = True) -> str:
        lines = []
        for quadrant in ("high_high", "high_low", "low_high", "low_low"):
            names = [self.display_name(s) for s in self.stakeholders if s.quadrant == quadrant]
            lines.append(
                t(
                    "outreach.grid.summary_quadrant",
                    quadrant=t(f"outreach.quadrant.{quadrant}"),
                    organisations=dutch.join(names) or t("outreach.grid.summary_nobody"),
                )
            )
        unplaced = [self.display_name(s) for s in self.stakeholders if s.quadrant == "unplaced"]
        if unplaced and include_unplaced:
            lines.append(t("outreach.grid.summary_unplaced", organisations=dutch.join(unplaced)))
        return dutch.tidy("\n".join(lines))

    def unplaced_summary(self) -> str:
        unplaced = [self.display_name(s) for s in self.stakeholders if s.quadrant == "unplaced"]
        return dutch.tidy(t("outreach.grid.summary_unplaced", organisations=dutch.join(unplaced))) if unplaced else ""

    def grid_chart(self):
        return grid_spec(self.grid_frame())

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


def is_complete(state: Any) -> bool:
    """Module 2 done, from its saved state alone: every dimension on the map has a 'why'
    and at least one organisation; every link has expertise and support rated; every
    linked organisation is placed on the power-interest grid; at least one alternative proposal,
    each with who brings it and whether it got a hearing."""
    model = OutreachMap.from_dict(state if isinstance(state, dict) else {})
    if not model.dimensions or not model.alternatives:
        return False
    if any(not d.why.strip() or not model.links_for(d.id) for d in model.dimensions):
        return False
    if any(k.expertise is None or k.support is None for k in model.links):
        return False
    linked = {k.stakeholder_id for k in model.links}
    if any(s.quadrant == "unplaced" for s in model.stakeholders if s.id in linked):
        return False
    return all(a.by.strip() and a.hearing for a in model.alternatives)


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


# ----- charts (aggregated frames in, Vega-Lite spec out) ------------------------------
#
# The specs are written as plain Vega-Lite dicts: building them through Altair's object
# model took ~50 ms per update, the dict takes well under 1 ms, and the kernel need not
# import Altair at all (~50 MB). The model's ``*_chart`` methods return these specs.

# ColorBrewer "Blues" (sequential, colour-blind safe); grey for "no link" / "not rated".
_EXPERTISE_COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"]
_NONE_COLOUR = "#d9d9d9"
_UNRATED_COLOUR = "#f7f7f7"
_UNDERHEARD_COLOUR = "#E69F00"  # Okabe-Ito orange


def heatmap_spec(frame) -> dict:
    """Vega-Lite heat map dimension × stakeholder type from :meth:`OutreachMap.heatmap_frame`."""
    labels = [t("outreach.heatmap.none"), t("outreach.scale.unrated")] + [
        str(x) for x in tlist("outreach.scale.expertise")
    ]
    colours = [_NONE_COLOUR, _UNRATED_COLOUR] + _EXPERTISE_COLOURS
    values = records(frame) or [
        {"dimension": "", "type": "", "expertise": None, "links": 0, "label": labels[0]}
    ]
    n_dims = max(1, len({v["dimension"] for v in values}))
    dim_title, type_title = t("outreach.heatmap.dimension"), t("outreach.heatmap.type")
    exp_title = t("outreach.heatmap.expertise")
    return {
        "data": {"values": values},
        "title": t("outreach.heatmap.title"),
        "width": {"step": 70},
        "height": max(60, 28 * n_dims),
        "encoding": {
            "x": {"field": "type", "type": "nominal", "title": type_title,
                  "axis": {"labelAngle": -30, "labelLimit": 0}},  # full type names (the chart scrolls if wide)
            "y": {"field": "dimension", "type": "nominal", "title": dim_title, "sort": None,
                  "axis": {"labelLimit": 220}},
        },
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white"},
                "encoding": {
                    "color": {"field": "label", "type": "nominal", "title": exp_title,
                              "scale": {"domain": labels, "range": colours}, "sort": labels},
                    "tooltip": [
                        {"field": "dimension", "type": "nominal", "title": dim_title},
                        {"field": "type", "type": "nominal", "title": type_title},
                        {"field": "label", "type": "nominal", "title": exp_title},
                        {"field": "links", "type": "quantitative", "title": t("outreach.heatmap.links")},
                    ],
                },
            },
            {
                "mark": {"type": "text", "fontSize": 12},
                "transform": [{"filter": "datum.links > 0"}],
                "encoding": {
                    "text": {"field": "links", "type": "quantitative"},
                    "color": {"condition": {"test": "datum.expertise >= 3", "value": "white"}, "value": "black"},
                },
            },
        ],
    }


def grid_spec(frame) -> dict:
    """Vega-Lite 2×2 power–interest grid from :meth:`OutreachMap.grid_frame`."""
    order = [level_label("low"), level_label("high")]
    return {
        "data": {"values": records(frame)},
        "title": t("outreach.grid.title"),
        "width": 560,
        "height": 300,
        "encoding": {
            "x": {"field": "interest", "type": "nominal", "title": t("outreach.grid.interest"),
                  "sort": order, "axis": {"labelAngle": 0}},
            "y": {"field": "power", "type": "nominal", "title": t("outreach.grid.power"),
                  "sort": list(reversed(order))},
        },
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                "encoding": {
                    "color": {"field": "underheard", "type": "nominal", "legend": None,
                              "scale": {"domain": [False, True], "range": ["#eeeeee", _UNDERHEARD_COLOUR]}},
                    "tooltip": [{"field": "label", "type": "nominal"}, {"field": "names", "type": "nominal"},
                                {"field": "count", "type": "quantitative"}],
                },
            },
            {"mark": {"type": "text", "dy": -40, "fontWeight": "bold"},
             "encoding": {"text": {"field": "label", "type": "nominal"}}},
            {"mark": {"type": "text", "fontSize": 28},
             "encoding": {"text": {"field": "count", "type": "quantitative"}}},
            {"mark": {"type": "text", "dy": 36, "fontSize": 10, "limit": 260},
             "encoding": {"text": {"field": "names", "type": "nominal"}}},
        ],
    }


# ----- export --------------------------------------------------------------------------


def export_blocks(state: dict) -> list[Block]:
    """The Outreach work as readable tables and text (Markdown and Word)."""
    model = OutreachMap.from_dict(state)
    blocks: list[Block] = [Heading(t("outreach.export.dimensions"), level=3)]
    if model.dimensions:
        blocks.append(
            Table(
                [t("outreach.export.col_dimension"), t("outreach.export.col_why"), t("outreach.export.col_origin")],
                [
                    # the learner's own answer; the case's explanation only marked as the case's
                    (d.name, d.why or (t("outreach.export.why_case", text=d.explanation) if d.explanation
                                       else t("outreach.export.why_empty")),
                     t(f"outreach.origin.{d.origin}"))
                    for d in model.dimensions
                ],
            )
        )
    else:
        blocks.append(Paragraph(t("outreach.gaps.empty_map")))

    blocks.append(Heading(t("outreach.export.links"), level=3))
    rows = []
    for dim in model.dimensions:
        for k in model.links_for(dim.id):
            sh = model.stakeholder(k.stakeholder_id)
            rows.append(
                (
                    dim.name,
                    model.display_name(sh),
                    sh.type_display,
                    scale_label("expertise", k.expertise),
                    scale_label("support", k.support),
                )
            )
    if rows:
        blocks.append(
            Table(
                [
                    t("outreach.export.col_dimension"),
                    t("outreach.export.col_organisation"),
                    t("outreach.export.col_type"),
                    t("outreach.export.col_expertise"),
                    t("outreach.export.col_support"),
                ],
                rows,
            )
        )
        blocks.append(Paragraph(t("outreach.export.access_caveat_note"), italic=True))
    else:
        blocks.append(Paragraph(t("outreach.export.no_links")))

    blocks.append(Heading(t("outreach.export.gaps"), level=3))
    gaps = model.gaps()
    blocks.append(Paragraph(model.summary(gaps)))
    if gaps:
        blocks.append(Bullets(f"{g.message} {g.action}" for g in gaps))

    placed = [s for s in model.stakeholders if s.quadrant != "unplaced"]
    if placed:
        blocks.append(Heading(t("outreach.export.grid"), level=3))
        blocks.append(
            Table(
                [
                    t("outreach.export.col_organisation"),
                    t("outreach.export.col_power"),
                    t("outreach.export.col_interest"),
                    t("outreach.export.col_quadrant"),
                ],
                [
                    (
                        model.display_name(s),
                        level_label(s.power),
                        level_label(s.interest),
                        t(f"outreach.quadrant.{s.quadrant}"),
                    )
                    for s in placed
                ],
            )
        )

    blocks.append(Heading(t("outreach.export.alternatives"), level=3))
    if model.alternatives:
        blocks.append(
            Table(
                [
                    t("outreach.export.col_proposal"),
                    t("outreach.export.col_by"),
                    t("outreach.export.col_status"),
                    t("outreach.export.col_hearing"),
                    t("outreach.export.col_alt_dimension"),
                ],
                [
                    (
                        a.text,
                        a.by or t("outreach.alternatives_feedback.by_unknown"),
                        t(f"outreach.alternative.status.{a.status}"),
                        t(f"outreach.alternative.hearing.{a.hearing or 'unknown'}"),
                        (model.dimension(a.dimension_id).name if model.dimension(a.dimension_id) else ""),
                    )
                    for a in model.alternatives
                ],
            )
        )
    else:
        blocks.append(Paragraph(t("outreach.export.no_alternatives")))
    blocks.append(Bullets(model.alternatives_feedback()))
    return blocks
