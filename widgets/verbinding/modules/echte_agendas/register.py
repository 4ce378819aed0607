"""The learner's register over one period's agendas: selection, corrections, the distribution
of organisation types, what the data cannot show, the reflection and the completion check.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from verbinding import dutch
from verbinding.limits import MAX_TEXT
from verbinding.modules.echte_agendas.data import DEFAULT_PERIOD, PERIODS, Agenda, load_period, period_label
from verbinding.modules.echte_agendas.export import MAX_EXPORT_CORRECTIONS, distribution_chart
from verbinding.modules.echte_agendas.rules import AgendaDataError, type_labels, unknown_type_id
from verbinding.texts import t

MODULE_ID = "echte_agendas"
MAX_REFLECTION = MAX_TEXT


class AgendaRegister:
    """The learner's selection, corrections and reflection over one period's agendas."""

    def __init__(
        self,
        period: str = DEFAULT_PERIOD,
        ministry: str = "",
        person: str = "",
        corrections: dict[str, str] | None = None,
        reflection: str = "",
        search: str = "",
        practice: str = "",
    ):
        self.period = period if period in PERIODS else DEFAULT_PERIOD
        self.ministry = ministry or ""
        self.person = person or ""
        self.search = search or ""
        self.corrections: dict[str, str] = dict(corrections or {})
        self.reflection = reflection or ""
        # back to practice: what would the learner's own ministry's agenda show about their dossier?
        self.practice = practice or ""
        self._selection_cache: tuple[tuple, pd.DataFrame] | None = None
        self._entries_cache: tuple[tuple, pd.DataFrame] | None = None

    # ----- data -----------------------------------------------------------------------------
    @property
    def agenda(self) -> Agenda:
        return load_period(self.period)

    def ministries(self) -> list[str]:
        return self.agenda.ministries()

    def people(self) -> list[str]:
        return self.agenda.people_of(self.ministry or None)

    def select(self, period: str | None = None, ministry: str | None = None, person: str | None = None) -> None:
        """Change the selection; a person outside the chosen ministry is dropped."""
        if period is not None and period in PERIODS and period != self.period:
            self.period = period
            self.ministry = ""
            self.person = ""
        if ministry is not None:
            self.ministry = ministry if ministry in self.ministries() else ""
        if person is not None:
            self.person = person
        if self.person and self.person not in self.people():
            self.person = ""

    def _selected(self) -> pd.DataFrame:
        key = (self.period, self.ministry, self.person)
        if self._selection_cache and self._selection_cache[0] == key:
            return self._selection_cache[1]
        agenda = self.agenda
        frame = agenda.entries[~agenda.entries["excluded"]]
        if self.person:
            ids = agenda.entry_people.loc[agenda.entry_people["person"] == self.person, "entry_id"]
            frame = frame[frame.index.isin(ids)]
        elif self.ministry:
            ids = agenda.entry_ministries.loc[
                agenda.entry_ministries["ministry"] == self.ministry, "entry_id"
            ]
            frame = frame[frame.index.isin(ids)]
        frame = frame.sort_values(["date", "activity"], kind="stable")
        self._selection_cache = (key, frame)
        return frame

    def entries(self) -> pd.DataFrame:
        """Selected contact entries with ``org_type`` (correction or suggestion) and ``corrected``.

        Memoised on the selection and the corrections: the UI asks several times per change.
        """
        key = (self.period, self.ministry, self.person, tuple(sorted(self.corrections.items())))
        if self._entries_cache and self._entries_cache[0] == key:
            return self._entries_cache[1]
        frame = self._entries()
        self._entries_cache = (key, frame)
        return frame

    def visible(self, search: str = "", only_unknown: bool = False) -> pd.DataFrame:
        """The entries a learner pages through: optional text search, only unsuggested."""
        frame = self.entries()
        search = " ".join(str(search).split())
        if search:
            frame = frame[frame["text"].str.contains(search, case=False, regex=False)]
        if only_unknown:
            frame = frame[frame["suggested"] == unknown_type_id()]
        return frame

    def _entries(self) -> pd.DataFrame:
        frame = self._selected().copy()
        labels = type_labels()
        chosen = frame.index.map(lambda eid: self.corrections.get(eid))
        chosen = pd.Series(chosen, index=frame.index, dtype=object)
        valid = chosen.isin(list(labels))
        frame["org_type"] = chosen.where(valid, frame["suggested"])
        frame["corrected"] = valid & (chosen != frame["suggested"])
        return frame

    # ----- corrections ----------------------------------------------------------------------
    def set_correction(self, entry_id: str, type_id: str | None) -> None:
        """Store the learner's type for one entry; ``None`` or the suggestion removes it."""
        labels = type_labels()
        if type_id is not None and type_id not in labels:
            raise ValueError(f"unknown organisation type {type_id!r}")
        suggested = None
        if entry_id in self.agenda.entries.index:
            suggested = self.agenda.entries.at[entry_id, "suggested"]
        if type_id is None or type_id == suggested:
            self.corrections.pop(entry_id, None)
        else:
            self.corrections[entry_id] = type_id

    def reset_selection(self) -> int:
        """Remove the corrections of the entries currently selected; returns how many."""
        ids = [eid for eid in self._selected().index if eid in self.corrections]
        for eid in ids:
            del self.corrections[eid]
        return len(ids)

    # ----- results --------------------------------------------------------------------------
    def distribution(self) -> pd.DataFrame:
        """Aggregated counts per organisation type (types with at least one entry), of the
        selection as the list shows it: with the search, when there is one."""
        labels = type_labels()
        counts = self.visible(self.search)["org_type"].value_counts()  # the entries the list shows
        total = int(counts.sum())
        rows = [
            {"type_id": tid, "label": label, "count": int(counts.get(tid, 0)),
             "share": (counts.get(tid, 0) / total) if total else 0.0}
            for tid, label in labels.items()
            if counts.get(tid, 0)
        ]
        return pd.DataFrame(rows, columns=["type_id", "label", "count", "share"])

    def selection_label(self) -> str:
        """Whose agenda, and the search when there is one: the chart and its summary count
        only the entries the list shows."""
        if self.person:
            label = t("agendas.summary.selection_person", person=self.person)
        elif self.ministry:
            label = t("agendas.summary.selection_ministry", ministry=self.ministry)
        else:
            label = t("agendas.summary.selection_all")
        search = " ".join(self.search.split())
        return t("agendas.summary.selection_search", selection=label, search=search) if search else label

    def period_label(self) -> str:
        return period_label(self.period)

    def summary(self) -> str:
        """Dutch text summary of the distribution, with the access caveat."""
        dist = self.distribution()
        if dist.empty:
            search = " ".join(self.search.split())
            return t("agendas.summary.empty_search", search=search) if search else t("agendas.summary.empty")
        ordered = dist.sort_values("count", ascending=False, kind="stable")
        total = int(dist["count"].sum())
        # "De grootste groep is Geen organisatie te herkennen" is no group: name the largest
        # recognised kind, and say apart how many entries show no organisation.
        unknown = unknown_type_id()
        known = ordered[ordered["type_id"] != unknown]
        no_org = int(ordered.loc[ordered["type_id"] == unknown, "count"].sum())
        overview = t("agendas.summary.overview_total", selection=self.selection_label(),
                     total=dutch.count(total, t("agendas.summary.entry"), t("agendas.summary.entries")))
        if not known.empty:
            top = known.iloc[0]
            overview += " " + t("agendas.summary.overview_top", top_label=top["label"], top_count=dutch.number(int(top["count"])),
                                top_share=dutch.percent_of(int(top["count"]), total))
        if no_org:
            overview += " " + t("agendas.summary.overview_no_org", count=dutch.number(no_org),
                                share=dutch.percent_of(no_org, total))
        parts = [overview]
        parts.append(
            "; ".join(
                t("agendas.summary.line", label=r.label, count=dutch.number(int(r.count)), share=dutch.percent_of(int(r.count), total))
                for r in ordered.itertuples()
            )
            + "."
        )
        corrected = int(self.visible(self.search)["corrected"].sum())
        if corrected:
            parts.append(t("agendas.summary.corrected",
                           count=dutch.count(corrected, t("agendas.summary.proposal"), t("agendas.summary.proposals"))))
        parts.append(t("common.access_caveat"))
        return " ".join(parts)

    def chart(self):
        return distribution_chart(self.distribution())

    def limits(self) -> dict[str, int]:
        """Computed limits of the selection (counts; shares follow from ``total``)."""
        frame = self.entries()
        unknown = unknown_type_id()
        agenda = self.agenda.entries
        selected_people_ids = None
        if self.person or self.ministry:
            selected_people_ids = set(self._scope_ids())
        all_rows = agenda if selected_people_ids is None else agenda[agenda.index.isin(selected_people_ids)]
        return {
            "total": len(frame),
            "no_org": int((frame["suggested"] == unknown).sum()),
            "no_org_remaining": int((frame["org_type"] == unknown).sum()),
            "generic": int(frame["generic"].sum()),
            "title_only": int(frame["title_only"].sum()),
            "no_type": int(frame["no_type"].sum()),
            "weekly": int(all_rows["weekly"].sum()),
            "no_person": int(agenda["person_missing"].sum()),
        }

    def _scope_ids(self) -> list[str]:
        agenda = self.agenda
        if self.person:
            return list(agenda.entry_people.loc[agenda.entry_people["person"] == self.person, "entry_id"])
        return list(agenda.entry_ministries.loc[agenda.entry_ministries["ministry"] == self.ministry, "entry_id"])

    def limit_texts(self) -> list[str]:
        """What the data cannot show, in Dutch, with the computed figures."""
        figures = self.limits()
        total = figures["total"]
        texts: list[str] = []
        if total:
            texts.append(
                t("agendas.limits.no_org", count=dutch.number(figures["no_org"]), total=dutch.number(total),
                  share=dutch.percent_of(figures["no_org"], total), remaining=dutch.number(figures["no_org_remaining"]))
            )
            for key in ("generic", "title_only", "no_type"):
                if figures[key] or key != "no_type":
                    texts.append(t(f"agendas.limits.{key}{'_one' if figures[key] == 1 else ''}",
                                   count=dutch.number(figures[key]), share=dutch.percent_of(figures[key], total)))
        for key in ("weekly", "no_person"):
            if figures[key]:
                texts.append(t(f"agendas.limits.{key}{'_one' if figures[key] == 1 else ''}",
                               count=dutch.number(figures[key])))
        texts += [
            t("agendas.limits.only_ministers"),
            t("agendas.limits.no_content"),
            t("common.access_caveat"),
            t("agendas.limits.counted_not_judged"),
        ]
        return texts

    # ----- state ----------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """What the export needs without reloading the data."""
        dist = self.distribution()
        frame = self.entries()
        labels = type_labels()
        corrected = frame[frame["corrected"]].head(MAX_EXPORT_CORRECTIONS)
        return {
            "period_label": self.period_label(),
            "selection_label": self.selection_label(),
            "total": int(dist["count"].sum()) if not dist.empty else 0,
            "counts": [
                {"id": r.type_id, "label": r.label, "count": int(r.count)} for r in dist.itertuples()
            ],
            "corrected": int(frame["corrected"].sum()),
            "corrections": [
                {
                    "date": r.date.strftime("%d-%m-%Y") if pd.notna(r.date) else "",
                    "activity": r.activity,
                    "suggested": labels.get(r.suggested, r.suggested),
                    "chosen": labels.get(r.org_type, r.org_type),
                }
                for r in corrected.itertuples()
            ],
            "limits": self.limit_texts(),
        }

    def to_dict(self, with_snapshot: bool = True) -> dict[str, Any]:
        state: dict[str, Any] = {
            "version": 1,
            "period": self.period,
            "ministry": self.ministry,
            "person": self.person,
            "search": self.search,
            "corrections": dict(self.corrections),
            "reflection": self.reflection,
            "practice": self.practice,
        }
        if with_snapshot:
            try:
                state["snapshot"] = self.snapshot()
            except AgendaDataError:
                pass
        return state

    @classmethod
    def from_dict(cls, state: dict[str, Any] | None) -> AgendaRegister:
        """Tolerant of missing keys and wrong types (an older or edited workbook)."""
        state = state if isinstance(state, dict) else {}

        def text(key: str) -> str:
            value = state.get(key)
            return value if isinstance(value, str) else ""

        corrections = state.get("corrections")
        if not isinstance(corrections, dict):
            corrections = {}
        corrections = {str(k): v for k, v in corrections.items() if isinstance(v, str)}
        return cls(
            period=text("period") or DEFAULT_PERIOD,
            ministry=text("ministry"),
            person=text("person"),
            corrections=corrections,
            reflection=text("reflection"),
            search=text("search"),
            practice=text("practice"),
        )


def reflection_feedback(text: str) -> str:
    """A response to the reflection: a prompt when empty, an acknowledgement with a
    follow-up question when short, else an acknowledgement (and a note when too long)."""
    kind = dutch.reflection_kind(text)
    message = t(f"agendas.reflection.{kind}")
    if len(str(text or "")) > MAX_REFLECTION:
        message += " " + t("agendas.ui.reflection_too_long", limit=dutch.number(MAX_REFLECTION))
    return message


def still_to_do(state: Any) -> list[str]:
    """What is missing for "afgerond", in Dutch, in the order of the steps: a ministry
    chosen with agenda entries in the register, at least one suggestion checked and
    corrected, and a reflection of a few sentences."""
    state = state if isinstance(state, dict) else {}
    register = AgendaRegister.from_dict(state)
    snapshot = state.get("snapshot") if isinstance(state.get("snapshot"), dict) else {}
    try:
        total = int(snapshot.get("total") or 0)
    except (TypeError, ValueError):
        total = 0
    missing = []
    if not register.ministry:
        missing.append(t("agendas.todo.ministry"))
    elif not total:
        missing.append(t("agendas.todo.entries"))
    if not register.corrections:
        missing.append(t("agendas.todo.correction"))
    kind = dutch.reflection_kind(register.reflection)
    if kind != "ok":
        missing.append(t(f"agendas.todo.reflection_{kind}"))
    return missing


def is_complete(state: Any) -> bool:
    """Module 6 done, from its saved state alone: nothing :func:`still_to_do`."""
    return not still_to_do(state)
