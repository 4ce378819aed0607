"""What the workbook keeps of the Connection exercise (module ``"connection"``), and the
learner's choices it is read from: the insider rule, the invitations, the counter-voice
plan, the whole :class:`ConnectionWork`, and the dimensions of step 4 as module 2 left
them. Every ``from_dict`` is tolerant of missing keys and older shapes; the keys written
by ``to_dict`` are the saved workbook's and never change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from verbinding import limits
from verbinding.texts import t, tlist

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


@dataclass(frozen=True)
class OutreachGaps:
    """What module 2 (Outreach) holds for step 4: whether the learner saved a map there,
    the dimensions where expertise is missing, and how many other points of attention
    (support, kinds of organisation, who is under-heard) the map has."""

    started: bool = False
    expertise: tuple[str, ...] = ()
    other: int = 0


def outreach_gaps(outreach_state: Any) -> OutreachGaps:
    """Module 2's gaps as its own rules find them in the saved map (the derived keys
    ``gap_dimensions`` and ``gaps`` of an older or merged save may lag behind the map);
    a state without a map (older or partial) is read from those keys as saved."""
    from verbinding.modules.outreach import EXPERTISE_MISSING, OutreachMap  # module 2's rules, not a copy

    state = outreach_state if isinstance(outreach_state, dict) else {}
    if isinstance(state.get("dimensions"), list) and state["dimensions"]:
        gaps = OutreachMap.from_dict(state).gaps()
        expertise = dict.fromkeys(g.dimension_id for g in gaps if g.expertise_missing and g.dimension_id)
        return OutreachGaps(True, tuple(expertise), sum(1 for g in gaps if not g.expertise_missing))
    expertise = _str_list(state.get("gap_dimensions"))
    saved = [g for g in state.get("gaps") or [] if isinstance(g, dict)] if isinstance(state.get("gaps"), list) else []
    other = sum(1 for g in saved if g.get("rule") not in EXPERTISE_MISSING)
    started = any(state.get(key) for key in ("dimensions", "stakeholders", "links", "gaps", "gap_dimensions"))
    return OutreachGaps(started, tuple(expertise), other)


def gap_dimensions_from_outreach(outreach_state: Any) -> list[str]:
    """Dimension ids where Outreach found missing expertise ([] when there are none)."""
    return list(outreach_gaps(outreach_state).expertise)


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
