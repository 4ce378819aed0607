"""The class overview's aggregates of the three factsheet modules, Outreach, Connection and
Accountability: dimensions named (and seen as gaps), the case organisations insider rules
caught, the rules and invitations, weights per interest and feedback coverage.

:class:`OcaAggregates` is a mixin of :class:`verbinding.classview.ClassOverview`; it relies on
its ``_states`` (the learners' saved states of one module) and ``_in_range`` (a number in range,
or left out and counted).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from verbinding.classview.common import MAX_COUNT, _count_by_name, _dict, _fmt, _list, _name, _str
from verbinding.dutch import percent
from verbinding.texts import t

WEIGHTS = ("more", "equal", "less")  # module 4's codes (saved_code reads the old Dutch ones)


def _considered(state: dict) -> list[dict]:
    """Module 4's interests (raw dicts) that count: see AccountabilityModel.considered."""
    interests = [i for i in _list(state.get("interests")) if isinstance(i, dict)]
    try:
        from verbinding.modules.accountability import AccountabilityModel, Interest

        ids = {i.id for i in AccountabilityModel.from_dict(state).considered()}
        return [i for i in interests if (parsed := Interest.from_dict(i)) is not None and parsed.id in ids]
    except Exception:  # an odd state: count every listed interest, as before
        return interests


class OcaAggregates:
    """Outreach, Connection and Accountability over the class (see the module docstring)."""

    # ----- outreach -----------------------------------------------------------------------
    def dimensions(self) -> pd.DataFrame:
        """Per dimension: how many learners named it and how many saw it as a gap."""
        named, gaps = [], []
        for _label, state in self._states("outreach"):
            dims = [d for d in _list(state.get("dimensions")) if isinstance(d, dict)]
            names = [_name(d.get("name")) for d in dims]
            named.append(names)
            by_id = {_str(d.get("id")): _name(d.get("name")) for d in dims}
            gaps.append([by_id.get(_str(g), "") for g in _list(state.get("gap_dimensions"))])
        frame = _count_by_name(named)
        gap_counts = _count_by_name(gaps).set_index("key")["learners"]
        frame["gap_learners"] = frame["key"].map(gap_counts).fillna(0).astype(int)
        return frame

    def dimensions_summary(self) -> str:
        frame = self.dimensions()
        learners = len(self._states("outreach"))
        if frame.empty:
            return t("classview.nobody")
        per_learner = [
            len({_str(d.get("name")).casefold() for d in _list(s.get("dimensions")) if isinstance(d, dict) and _str(d.get("name"))})
            for _l, s in self._states("outreach")
        ]
        parts = [t("classview.dimensions.summary", learners=learners, count=len(frame),
                   mean=_fmt(sum(per_learner) / max(len(per_learner), 1)))]
        top = frame[frame["learners"] == frame["learners"].max()]
        low = frame[frame["learners"] == frame["learners"].min()]
        parts.append(t("classview.dimensions.most", items=self._items(top.head(5))))
        if len(frame) > 1 and frame["learners"].min() < frame["learners"].max():
            parts.append(t("classview.dimensions.least", items=self._items(low.tail(5))))
        return " ".join(parts)

    @staticmethod
    def _items(frame: pd.DataFrame) -> str:
        return ", ".join(f"{r.name} ({r.learners})" for r in frame.itertuples())

    # ----- connection ---------------------------------------------------------------------
    def insiders(self) -> pd.DataFrame:
        """Per case organisation: how many learners' insider rules caught it."""
        per_learner = []
        for _label, state in self._states("connection"):
            snapshot = state.get("insiders")
            if isinstance(snapshot, dict):
                per_learner.append([_name(n) for n in _list(snapshot.get("names"))])
            elif isinstance(snapshot, list):  # an older shape: a list of organisation ids
                per_learner.append([_name(n) for n in snapshot])
        return _count_by_name(per_learner)

    def insider_rules(self) -> pd.DataFrame:
        rules = []
        for _label, state in self._states("connection"):
            snapshot = _dict(state.get("insiders"))
            rule = _str(snapshot.get("rule"))
            if not rule:
                raw = _dict(state.get("rule"))
                if raw:
                    rule = self._describe_rule(raw)
            if rule:
                rules.append([rule])
        return _count_by_name(rules)

    @staticmethod
    def _describe_rule(raw: dict) -> str:
        try:
            from verbinding.modules.connection import InsiderRule

            return InsiderRule.from_dict(raw).describe()
        except Exception:  # an unknown shape is simply not described
            return ""

    def insider_counts(self) -> list[int]:
        counts = []
        for label, state in self._states("connection"):
            snapshot = state.get("insiders")
            number = (self._in_range(snapshot.get("count"), 0, MAX_COUNT, (label, "connection", "count"))
                      if isinstance(snapshot, dict) else None)
            if number is not None:
                counts.append(int(number))
            elif isinstance(snapshot, list):
                counts.append(len(snapshot))
        return counts

    def invitations(self) -> pd.DataFrame:
        per_learner = []
        for _label, state in self._states("connection"):
            per_learner.append(
                [_name(i.get("name")) or _name(i.get("org_id")) for i in _list(state.get("invitations")) if isinstance(i, dict)]
            )
        return _count_by_name(per_learner)

    def insiders_summary(self) -> str:
        counts = self.insider_counts()
        if not counts:
            return t("classview.nobody")
        return t("classview.insiders.summary", learners=len(counts), low=min(counts), high=max(counts))

    # ----- accountability -----------------------------------------------------------------
    def weights(self) -> pd.DataFrame:
        """Per interest (by name): how many learners weighed it more, equal, less or not
        (columns ``more``, ``equal``, ``less``, ``none``; old Dutch codes count the same)."""
        from verbinding.modules.accountability import saved_code

        table: dict[str, dict[str, Any]] = {}
        for _label, state in self._states("accountability"):
            seen = set()
            for interest in _list(state.get("interests")):
                if not isinstance(interest, dict):
                    continue
                name = _name(interest.get("name")) or _name(interest.get("org_id"))
                if not name or name.casefold() in seen:
                    continue
                seen.add(name.casefold())
                row = table.setdefault(name.casefold(), {"name": name, **{w: 0 for w in WEIGHTS}, "none": 0})
                row[saved_code("weight", interest.get("weight")) or "none"] += 1
        frame = pd.DataFrame(list(table.values()), columns=["name", *WEIGHTS, "none"])
        if frame.empty:
            frame["spread"] = []
            return frame
        weighed = frame[list(WEIGHTS)]
        # disagreement: how far the class is from one answer (0 = all the same)
        frame["spread"] = 1 - weighed.max(axis=1) / weighed.sum(axis=1).where(weighed.sum(axis=1) > 0)
        frame["spread"] = frame["spread"].fillna(0.0)
        frame["total"] = weighed.sum(axis=1) + frame["none"]
        return frame.sort_values(["total", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)

    def accountability_per_learner(self) -> pd.DataFrame:
        """Per learner: interests, weighed, reasoned, feedback given (counts and coverage).
        The interests are those module 4 asks for (the handful, issue 28) plus the optional
        ones the learner filled in: a learner who is done is not shown at 40%."""
        from verbinding.modules.accountability import saved_code

        rows = []
        for label, state in self._states("accountability"):
            interests = _considered(state)  # the learner's handful and what else she filled in
            n = len(interests)
            weighed = sum(1 for i in interests if saved_code("weight", i.get("weight")))
            reasoned = sum(1 for i in interests if _str(i.get("reasoning")))
            feedback = _dict(state.get("feedback"))
            given = sum(
                1 for entry in feedback.values()
                if isinstance(entry, dict) and saved_code("given", entry.get("given")) == "yes"
            )
            base = max(n, 1)
            rows.append({
                "learner": label, "interests": n, "weighed": weighed, "reasoned": reasoned,
                "feedback": given, "weighed_share": weighed / base if n else 0.0,
                "reasoned_share": reasoned / base if n else 0.0,
                "feedback_share": min(given / base, 1.0) if n else 0.0,
            })
        return pd.DataFrame(rows, columns=["learner", "interests", "weighed", "reasoned", "feedback",
                                           "weighed_share", "reasoned_share", "feedback_share"])

    def accountability_summary(self) -> str:
        frame = self.accountability_per_learner()
        frame = frame[frame["interests"] > 0]
        if frame.empty:
            return t("classview.nobody")
        parts = [
            t("classview.weights.summary", learners=len(frame), weighed=percent(frame["weighed_share"].mean()),
              reasoned=percent(frame["reasoned_share"].mean())),
            t("classview.weights.feedback_summary", mean=percent(frame["feedback_share"].mean()),
              low=percent(frame["feedback_share"].min()), high=percent(frame["feedback_share"].max())),
        ]
        weights = self.weights()
        contested = weights[(weights[list(WEIGHTS)].sum(axis=1) >= 2) & (weights["spread"] > 0)]
        if not contested.empty:
            contested = contested.sort_values("spread", ascending=False, kind="stable").head(3)
            parts.append(t("classview.weights.disagree", items=", ".join(contested["name"])))
        return " ".join(parts)
