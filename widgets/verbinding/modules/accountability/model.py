"""The model: :class:`AccountabilityModel` (saved state, seeding, the handful, editing) and the
module-level readers of the saved state (:func:`feedback_counts`, :func:`is_complete`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from verbinding import dutch
from verbinding.modules.accountability.checks import WeighingChecks
from verbinding.modules.accountability.draft import DraftText
from verbinding.modules.accountability.handful import default_handful, pointed_insider
from verbinding.modules.accountability.records import (
    GROUP_PREFIX,
    HANDFUL_MIN,
    MAX_HISTORY,
    MAX_NAME,
    OPEN_KINDS,
    ORIGINS,
    STATE_VERSION,
    FeedbackEntry,
    Interest,
    Sources,
    _clean_list,
    _count,
    _norm_name,
    _text,
    _text_list,
    interest_label,
    saved_code,
)
from verbinding.modules.accountability.sources import _dimension_list
from verbinding.modules.accountability.tables import RationaleTables
from verbinding.texts import sentence, t


class AccountabilityModel(WeighingChecks, DraftText, RationaleTables):
    """The learner's weighing, feedback tracker and rationale draft.

    The checks (:class:`~.checks.WeighingChecks`), the draft (:class:`~.draft.DraftText`) and
    the tables for the export (:class:`~.tables.RationaleTables`) are mixins in their own files."""

    def __init__(self) -> None:
        self.interests: list[Interest] = []
        self.dimensions: list[dict] = []
        self.dimensions_from: str = ""
        self.feedback: dict[str, FeedbackEntry] = {}
        self.draft: dict[str, Any] = {"generated": "", "edited": None, "based_on": "", "history": []}
        self.next_id: int = 1
        self.handful: list[str] | None = None  # None: not chosen yet (the default applies)
        self.handful_insider: str = ""  # the insider the course points out (an interest id)

    # ----- (de)serialisation --------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "version": STATE_VERSION,
            "interests": [i.to_dict() for i in self.interests],
            "dimensions": [dict(d) for d in self.dimensions],
            "dimensions_from": self.dimensions_from,
            "feedback": {k: v.to_dict() for k, v in self.feedback.items()},
            "draft": {
                "generated": self.draft["generated"],
                "edited": self.draft["edited"],
                "based_on": self.draft["based_on"],
                "history": list(self.draft["history"]),
            },
            "next_id": self.next_id,
            "handful": {"ids": self.handful_ids(), "insider": self.handful_insider},
        }

    @classmethod
    def from_dict(cls, d: Any) -> AccountabilityModel:
        """Tolerant of missing keys, wrong types and older shapes: bad rows are skipped."""
        model = cls()
        if not isinstance(d, dict):
            return model
        seen: set[str] = set()
        for raw in d.get("interests") or []:
            interest = Interest.from_dict(raw)
            if interest is None or interest.id in seen:
                continue
            seen.add(interest.id)
            model.interests.append(interest)
        model.dimensions = _dimension_list(d.get("dimensions"))
        model.dimensions_from = _text(d.get("dimensions_from"))
        feedback = d.get("feedback")
        if isinstance(feedback, dict):
            model.feedback = {str(k): FeedbackEntry.from_dict(v) for k, v in feedback.items()}
        draft = d.get("draft")
        if isinstance(draft, str):  # older shape: just the text, treat as the learner's edit
            draft = {"generated": "", "edited": draft or None, "based_on": "", "history": []}
        if isinstance(draft, dict):
            edited = draft.get("edited")
            history = draft.get("history")
            model.draft = {
                "generated": _text(draft.get("generated")),
                "edited": None if edited is None else _text(edited),
                "based_on": _text(draft.get("based_on")),
                "history": [_text(h) for h in history][-MAX_HISTORY:]
                if isinstance(history, list)
                else [],
            }
        try:
            model.next_id = max(1, int(d.get("next_id", 1)))
        except (TypeError, ValueError):
            model.next_id = 1
        own = [int(i.id.split("-")[1]) for i in model.interests if re.fullmatch(r"eigen-\d+", i.id)]
        if own:
            model.next_id = max(model.next_id, max(own) + 1)
        handful = d.get("handful")  # absent in workbooks before issue 28: the default applies
        if isinstance(handful, dict) and isinstance(handful.get("ids"), list):
            ids = {i.id for i in model.interests}
            chosen = list(dict.fromkeys(str(x) for x in handful["ids"] if str(x) in ids))
            model.handful = chosen or None
            model.handful_insider = _text(handful.get("insider"))
        return model

    # ----- seeding from Outreach/Connection/case ------------------------------------
    def sync_sources(self, sources: Sources) -> int:
        """Add stakeholders from the sources that are not in the list yet; refresh flags.

        Never changes what the learner entered (weight, reasoning, asked, source) of an
        existing row; only refreshes the insider flag and adds dimensions. Returns the
        number of rows added.
        """
        by_id = {i.id: i for i in self.interests}
        added = 0
        for row in sources.stakeholders:
            org_id = str(row.get("org_id") or "").strip()
            name = str(row.get("name") or org_id).strip()[:MAX_NAME]
            if not name:
                continue
            explicit = str(row.get("id") or "")
            if explicit.startswith(GROUP_PREFIX):
                iid = explicit[:MAX_NAME]
            else:
                iid = f"org:{org_id}" if org_id else f"naam:{_norm_name(name)}"
            dims = _clean_list(row.get("dimensions"))
            existing = by_id.get(iid)
            if existing is not None:
                existing.dimensions = list(dict.fromkeys(existing.dimensions + dims))
                # input an older version seeded from a proposal the party only could bring in
                # (module 2) was never the learner's: it gives way to what was brought in
                stale = bool(row.get("asked_before")) and existing.asked == row.get("asked_before")
                if stale or not existing.asked:
                    existing.asked = _text(row.get("asked"))
                if not existing.source and row.get("source"):
                    existing.source = saved_code("source", row.get("source"))
                if "rejected" in row:  # module 2 decides which proposals got no hearing
                    existing.rejected = _text_list(row.get("rejected"))
                if row.get("responses"):
                    existing.responses = _count(row.get("responses"))
                continue
            origin = row.get("origin") if row.get("origin") in ORIGINS else "case"
            interest = Interest(
                id=iid,
                name=name,
                org_id=org_id,
                asked=_text(row.get("asked")),
                source=saved_code("source", row.get("source")),
                origin=origin,
                dimensions=dims,
                rejected=_text_list(row.get("rejected")),
                responses=_count(row.get("responses")),
            )
            self.interests.append(interest)
            by_id[iid] = interest
            added += 1
        for interest in self.interests:
            interest.insider = bool(interest.org_id) and interest.org_id in sources.insiders
        if sources.dimensions:
            self.dimensions = [dict(d) for d in sources.dimensions]
            self.dimensions_from = sources.dimensions_from
        return added + self._settle_handful(sources)

    def _settle_handful(self, sources: Sources) -> int:
        """Choose the default handful once, and keep an insider in it: when none of the
        list is an insider, the insider with the most contacts in the case's log joins
        the list (origin 'insider'). Returns the number of rows added (0 or 1)."""
        added = 0
        if not any(i.insider for i in self.interests) and sources.top_insiders:
            top = sources.top_insiders[0]
            iid = f"org:{top['org_id']}"
            if all(i.id != iid for i in self.interests):
                topics = sources.contact_topics.get(str(top["org_id"])) or []
                asked = t("accountability.insider_asked", topics=dutch.join(topics)) if topics else ""
                self.interests.append(Interest(id=iid, name=str(top["name"])[:MAX_NAME], org_id=str(top["org_id"]),
                                               asked=asked, source="talks" if topics else "",
                                               origin="insider", insider=True))
                added = 1
        if not self.interests:
            return added
        counts = sources.contact_counts
        if self.handful is None:
            self.handful = default_handful(self.interests, self.dimensions, counts)
        members = [i for i in self.interests if i.id in self.handful]
        if not any(i.insider for i in members):
            insider = pointed_insider(self.interests, counts)
            if insider is not None:
                self.handful.append(insider.id)
                self.handful_insider = insider.id
        current = self.get_or_none(self.handful_insider)
        if current is None or not current.insider or current.id not in self.handful:
            pointed = pointed_insider([i for i in self.interests if i.id in self.handful], counts)
            self.handful_insider = pointed.id if pointed is not None else ""
        return added

    # ----- the handful ----------------------------------------------------------------
    def handful_ids(self) -> list[str]:
        """The ids the learner is asked to weigh, in list order (the default until chosen)."""
        if self.handful is None:
            return default_handful(self.interests, self.dimensions)
        chosen = set(self.handful)
        return [i.id for i in self.interests if i.id in chosen]

    def in_handful(self, interest_id: str) -> bool:
        return interest_id in self.handful_ids()

    def pointed_out(self) -> Interest | None:
        """The insider of the handful the course points out (see :meth:`sync_sources`)."""
        current = self.get_or_none(self.handful_insider)
        if current is not None and current.insider and self.in_handful(current.id):
            return current
        return pointed_insider([i for i in self.interests if self.in_handful(i.id)])

    def started(self, interest: Interest) -> bool:
        """The learner did something with this interest (a weight, a reason, feedback)."""
        return bool(interest.weight or interest.reasoning.strip() or self.feedback_for(interest.key).given)

    def considered(self) -> list[Interest]:
        """What the checks, the coverage and the text are about: the handful, plus every
        optional interest the learner started (what is filled in counts), in list order."""
        chosen = set(self.handful_ids())
        return [i for i in self.interests if i.id in chosen or self.started(i)]

    def optional(self) -> list[Interest]:
        """The interests outside the handful, started or not, in list order."""
        chosen = set(self.handful_ids())
        return [i for i in self.interests if i.id not in chosen]

    def add_to_handful(self, interest_id: str) -> Interest:
        interest = self.get(interest_id)
        ids = self.handful_ids()
        if interest.id not in ids:
            self.handful = [*ids, interest.id]
        return interest

    def remove_from_handful(self, interest_id: str) -> Interest:
        """Make an interest optional; raises ``ValueError`` (Dutch) when the handful would
        lose its last insider or drop under :data:`HANDFUL_MIN`."""
        interest = self.get(interest_id)
        ids = self.handful_ids()
        if interest.id not in ids:
            return interest
        rest = [i for i in self.interests if i.id in ids and i.id != interest.id]
        if interest.insider and not any(i.insider for i in rest):
            raise ValueError(t("accountability.errors.handful_last_insider"))
        if len(rest) < min(HANDFUL_MIN, len(self.interests)):
            raise ValueError(t("accountability.errors.handful_too_small", minimum=HANDFUL_MIN))
        self.handful = [i.id for i in rest]
        if self.handful_insider == interest.id:
            pointed = pointed_insider(rest)
            self.handful_insider = pointed.id if pointed is not None else ""
        return interest

    # ----- editing --------------------------------------------------------------------
    def get(self, interest_id: str) -> Interest:
        interest = self.get_or_none(interest_id)
        if interest is None:
            raise KeyError(t("accountability.errors.unknown_interest"))
        return interest

    def get_or_none(self, interest_id: str) -> Interest | None:
        return next((i for i in self.interests if i.id == interest_id), None)

    def add_interest(self, name: str, asked: str = "", source: str = "", dimensions: Iterable[str] = ()) -> Interest:
        """The learner adds a party; raises ``ValueError`` with a Dutch message when unusable."""
        name = re.sub(r"\s+", " ", str(name or "")).strip()
        if not name:
            raise ValueError(t("accountability.errors.name_empty"))
        if len(name) > MAX_NAME:
            raise ValueError(t("accountability.errors.name_too_long", limit=MAX_NAME))
        if any(_norm_name(i.name) == _norm_name(name) for i in self.interests):
            raise ValueError(sentence("accountability.errors.duplicate", name=name))
        interest = Interest(
            id=f"eigen-{self.next_id}",
            name=name,
            asked=_text(asked),
            source=saved_code("source", source),
            origin="learner",
            dimensions=_clean_list(list(dimensions)),
        )
        self.next_id += 1
        ids = self.handful_ids()
        self.interests.append(interest)
        self.handful = [*ids, interest.id]  # a party the learner adds is one to weigh
        return interest

    def remove_interest(self, interest_id: str) -> None:
        interest = self.get(interest_id)
        if interest.origin != "learner":
            raise ValueError(t("accountability.errors.not_removable"))
        ids = self.handful_ids()
        self.interests.remove(interest)
        self.handful = [i for i in ids if i != interest.id]
        if not any(i.key == interest.key for i in self.interests):
            self.feedback.pop(interest.key, None)

    def update_interest(self, interest_id: str, **fields: Any) -> Interest:
        """Set weight / reasoning / asked / source / dimensions of one interest."""
        interest = self.get(interest_id)
        for name, value in fields.items():
            if name == "weight":
                interest.weight = saved_code("weight", value)
            elif name in ("reasoning", "asked"):
                setattr(interest, name, _text(value))
            elif name == "source":
                interest.source = saved_code("source", value)
            elif name == "dimensions":
                interest.dimensions = _clean_list(value)
            else:
                raise TypeError(f"unknown field {name}")
        return interest

    def stakeholders(self, everyone: bool = False) -> list[tuple[str, str, bool]]:
        """(key, name, insider) per stakeholder, one per party: those of :meth:`considered`
        (the handful first, then the optional ones the learner started), or with
        ``everyone`` all of the list in list order."""
        out: dict[str, tuple[str, str, bool]] = {}
        if everyone:
            interests = self.interests
        else:
            chosen = set(self.handful_ids())
            scope = self.considered()
            interests = [i for i in scope if i.id in chosen] + [i for i in scope if i.id not in chosen]
        for i in interests:
            if i.key in out:
                key, name, insider = out[i.key]
                out[i.key] = (key, name, insider or i.insider)
            else:
                out[i.key] = (i.key, i.name, i.insider)
        return list(out.values())

    def feedback_for(self, key: str) -> FeedbackEntry:
        return self.feedback.get(key, FeedbackEntry())

    def set_feedback(self, key: str, **fields: Any) -> FeedbackEntry:
        entry = FeedbackEntry.from_dict({**self.feedback_for(key).to_dict(), **fields})
        self.feedback[key] = entry
        return entry


def feedback_counts(state: Any) -> tuple[int, int]:
    """(parties that heard back, parties weighed) from module 4's saved state.

    The one definition of "stakeholders that got feedback": module 4 shows it, module 5
    (the OCA scan) quotes it. A party is one stakeholder of the weighing list (a group of
    consultation responses counts once); it heard back when "Teruggekoppeld?" is "ja" (saved as "yes").
    """
    return AccountabilityModel.from_dict(state).feedback_counts()


# What each open finding asks of the learner, grouped: (kind of todo, finding kinds), in the
# order of the page (weighing, reasons, feedback). Every kind of OPEN_KINDS is in one group.
_TODO_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("nothing", frozenset({"nothing_yet"})),
    ("weigh", frozenset({"none_weighed", "unweighed", "consultation_unweighed", "reasoning_without_weight"})),
    ("reason", frozenset({"weight_without_reasoning"})),
    ("better_reason", frozenset({"reasoning_restates_weight", "reasoning_habit", "reasoning_short"})),
    ("rejected", frozenset({"rejected_unexplained"})),
    ("feedback", frozenset({"feedback_missing"})),
    ("feedback_incomplete", frozenset({"feedback_incomplete"})),
    ("rejected_feedback", frozenset({"rejected_no_feedback"})),
)


def still_to_do(state: Any) -> list[str]:
    """What is missing for "afgerond", in Dutch, in the order of the page: every party of
    the handful (and every optional one the learner started) weighed with a real reason
    (proposals without a hearing explained), feedback filled in for those parties, and a
    draft text there. Questions to think about (e.g. only insiders weighed more) are not
    missing work (:data:`OPEN_KINDS`)."""
    model = AccountabilityModel.from_dict(state)
    findings = [f for f in model.findings() if f.kind in OPEN_KINDS]
    names = {i.id: interest_label(i) for i in model.interests}
    addressees = model._addressees()
    names.update({key: addressees.get(key, name) for key, name, _insider in model.stakeholders()})
    missing: list[str] = []
    for todo, kinds in _TODO_GROUPS:
        found = [f for f in findings if f.kind in kinds]
        if not found:
            continue
        subjects = list(dict.fromkeys(names.get(f.subject, f.subject) for f in found if f.subject))
        if todo == "weigh" and not subjects:
            missing.append(t("accountability.todo.weigh_any"))
        elif subjects or todo == "nothing":
            missing.append(t(f"accountability.todo.{todo}", names=dutch.some(subjects),
                             interests=dutch.count(len(subjects), t("accountability.todo.interest"),
                                                   t("accountability.todo.interests"))))
        else:  # a finding about no one in particular: its own message
            missing += [f.message for f in found]
    if model.interests and not model.draft_text.strip():  # no interests: 'nothing_yet' says it
        missing.append(t("accountability.todo.draft"))
    return missing


def is_complete(state: Any) -> bool:
    """Module 4 done, from its saved state alone: nothing :func:`still_to_do`. A state saved
    before the handful existed gets the default handful."""
    return not still_to_do(state)
