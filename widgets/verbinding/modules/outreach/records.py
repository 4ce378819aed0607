"""The map's records (:class:`Dimension`, :class:`Stakeholder`, :class:`Link`, :class:`Alternative`,
:class:`Gap`), its constants, and the small helpers and Dutch labels the model, the gaps,
the charts and the export share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from verbinding import dutch, limits
from verbinding.texts import t, tlist

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
        from verbinding.cases import ORG_TYPES  # optional, lands separately
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
