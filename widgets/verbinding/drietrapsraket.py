"""The drietrapsraket as an exercise: trace one group through the three steps in the case data.

The factsheet's "drietrapsraket" of exclusion: (1) less organising capacity, (2) a
hard-to-penetrate core of insiders, (3) exclusionary political-administrative processes.
For one type of organisation (e.g. citizen groups) this model measures each step in the
chosen case, next to all other organisations:

1. *organising capacity*: the share of the group with little capacity (1 or 2 on the 1-5
   ``organisatiekracht`` scale);
2. *the core*: the group's share among the organisations with the most contacts (the top
   10% of organisations that had any contact) against its share in the population;
3. *the processes*: the group's share of the contacts the ministry itself started
   (``initiatief = ministerie``: invitations, round tables, work visits) against its share
   in the population.

The learner first guesses per step whether the group is behind, then sees the figures.
Workbook state, kept inside module 1's state under ``"drietrapsraket"``::

    {"group": "burgers", "guesses": {"1": "yes"|"no"|"unsure", ...}, "revealed": bool,
     "reflection": str}

Pure model: pandas only, no widgets. Access is not influence: step 2 and 3 count contacts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from verbinding import limits
from verbinding.dutch import percent
from verbinding.texts import catalogue, t

STATE_KEY = "drietrapsraket"
MODULE_ID = "drempels"
GROUPS = ("burgers", "ngo", "beroeps", "vakbond", "kennis")
GUESSES = ("yes", "no", "unsure")
STEPS = (1, 2, 3)
LOW_CAPACITY = 2
CORE_SHARE = 0.10
BEHIND = 0.8  # the group is "behind" when its share is under 80% of the comparison
MAX_TEXT = limits.MAX_TEXT


@dataclass(frozen=True)
class Step:
    number: int
    group_value: float | None  # the group's share at this step (None: no data)
    reference: float | None  # the comparison (others, or the population share)
    behind: bool | None  # None when the case has no data for this step

    def text(self, group_label: str) -> str:
        if self.group_value is None or self.reference is None:
            return t(f"drietrapsraket.steps.{self.number}.no_data")
        verdict = "behind" if self.behind else "not_behind"
        if self.group_value == 0 and f"drietrapsraket.steps.{self.number}.{verdict}_zero" in catalogue():
            verdict += "_zero"  # 'is 0% een van de ...' reads as no one: say so
        return t(
            f"drietrapsraket.steps.{self.number}.{verdict}", group=group_label,
            value=percent(self.group_value), reference=percent(self.reference),
        )


def group_label(group: str) -> str:
    """The group in a sentence, plural: 'belangengroepen van burgers'."""
    return t(f"drietrapsraket.groups.{group}")


def measure(case: Any, group: str) -> list[Step]:
    """The three steps for one type of organisation in a case."""
    orgs = case.organisations
    is_group = orgs["type"] == group
    steps: list[Step] = []
    # 1. organising capacity
    capacity = orgs["capacity"].astype("Float64") if "capacity" in orgs else None
    if capacity is None or capacity.notna().sum() == 0 or is_group.sum() == 0:
        steps.append(Step(1, None, None, None))
    else:
        low = capacity <= LOW_CAPACITY
        known = capacity.notna()
        mine = float(low[is_group & known].mean()) if (is_group & known).any() else None
        other = float(low[~is_group & known].mean()) if (~is_group & known).any() else None
        if mine is None or other is None:
            steps.append(Step(1, None, None, None))
        else:
            # behind = MORE of the group has little capacity
            steps.append(Step(1, mine, other, mine > other and mine - other >= 0.1))
    population_share = float(is_group.mean()) if len(orgs) else 0.0
    contacts = case.contacts
    # 2. the core of insiders
    per_org = contacts.groupby("org_id").size().sort_values(ascending=False, kind="stable")
    if per_org.empty or is_group.sum() == 0:
        steps.append(Step(2, None, None, None))
    else:
        k = max(1, int(round(CORE_SHARE * len(per_org))))
        core = set(per_org.index[:k])
        types = dict(zip(orgs["org_id"], orgs["type"]))
        share = sum(1 for o in core if types.get(o) == group) / len(core)
        steps.append(Step(2, share, population_share, share < BEHIND * population_share))
    # 3. processes the ministry starts
    started = contacts[contacts["initiated_by"] == "ministerie"] if "initiated_by" in contacts else contacts.iloc[0:0]
    if started.empty or is_group.sum() == 0:
        steps.append(Step(3, None, None, None))
    else:
        types = dict(zip(orgs["org_id"], orgs["type"]))
        share = float(started["org_id"].map(types).eq(group).mean())
        steps.append(Step(3, share, population_share, share < BEHIND * population_share))
    return steps


@dataclass
class RocketExercise:
    group: str = "burgers"
    guesses: dict[str, str] = field(default_factory=dict)
    revealed: bool = False
    reflection: str = ""

    def set_group(self, group: str) -> None:
        if group in GROUPS and group != self.group:
            self.group = group
            self.guesses = {}
            self.revealed = False

    def guess(self, step: int, value: str | None) -> None:
        if step not in STEPS:
            raise KeyError(step)
        if value in GUESSES:
            self.guesses[str(step)] = value
        else:
            self.guesses.pop(str(step), None)

    def set_reflection(self, text: str) -> None:
        self.reflection = str(text or "").strip()

    @property
    def all_guessed(self) -> bool:
        return all(str(s) in self.guesses for s in STEPS)

    def feedback(self, steps: list[Step]) -> list[str]:
        """Per step: the figure, and whether the learner's guess matched it."""
        label = group_label(self.group)
        lines = []
        for step in steps:
            line = step.text(label)
            guess = self.guesses.get(str(step.number))
            if step.behind is not None and guess in ("yes", "no"):
                right = (guess == "yes") == step.behind
                line += " " + t("drietrapsraket.guess_right" if right else "drietrapsraket.guess_wrong")
            elif guess == "unsure":
                line += " " + t("drietrapsraket.guess_unsure")
            lines.append(line)
        return lines

    def conclusion(self, steps: list[Step]) -> str:
        behind = [s.number for s in steps if s.behind]
        label = group_label(self.group)
        capital = label[:1].upper() + label[1:]
        if len(behind) == 3:
            return t("drietrapsraket.conclusion.all", Group=capital)
        if behind:
            return t("drietrapsraket.conclusion.some", Group=capital, count=len(behind))
        return t("drietrapsraket.conclusion.none", Group=capital)

    def to_dict(self) -> dict:
        return {"group": self.group, "guesses": dict(self.guesses), "revealed": self.revealed,
                "reflection": self.reflection}

    @classmethod
    def from_dict(cls, state: Any) -> RocketExercise:
        state = state if isinstance(state, dict) else {}
        group = state.get("group") if state.get("group") in GROUPS else "burgers"
        guesses = state.get("guesses") if isinstance(state.get("guesses"), dict) else {}
        model = cls(group=group)
        for key, value in guesses.items():
            if key in {str(s) for s in STEPS} and value in GUESSES:
                model.guesses[key] = value
        model.revealed = bool(state.get("revealed"))
        model.set_reflection(state.get("reflection") if isinstance(state.get("reflection"), str) else "")
        return model


def export_blocks(state: Any, case: Any = None) -> list:
    """The drietrapsraket for the export: the chosen group, the learner's guesses, what the
    case data said (when the learner looked and the case can be read) and the reflection.
    [] when the exercise was not started."""
    from verbinding.document import Bullets, Heading, Paragraph

    raw = state.get(STATE_KEY) if isinstance(state, dict) else None
    if not isinstance(raw, dict) or not (raw.get("guesses") or raw.get("reflection") or raw.get("revealed")):
        return []
    model = RocketExercise.from_dict(raw)
    blocks: list = [Heading(t("drietrapsraket.export.title"), level=3),
                    Paragraph(t("drietrapsraket.export.group", group=group_label(model.group)))]
    guesses = [t("drietrapsraket.export.guess", number=step,
                 guess=t(f"drietrapsraket.guess_options.{model.guesses[str(step)]}"))
               for step in STEPS if str(step) in model.guesses]
    if guesses:
        blocks.append(Bullets(guesses))
    if model.revealed and case is not None:
        try:
            steps = measure(case, model.group)
        except Exception:  # a case that cannot be measured: the guesses still stand
            steps = []
        if steps:
            blocks.append(Paragraph(t("drietrapsraket.export.data")))
            blocks.append(Bullets(model.feedback(steps)))
            blocks.append(Paragraph(model.conclusion(steps)))
    if model.reflection:
        blocks.append(Paragraph(t("drietrapsraket.export.reflection", text=model.reflection)))
    return blocks
