""":class:`DossierScan`, the learner's OCA scan (entries, feedback per question, state),
and what is still to do before module 5 is "afgerond"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from verbinding import dutch
from verbinding.modules.accountability import feedback_counts
from verbinding.modules.eigen_dossier.evidence import _normalised, evidence_kind, names_mentioned, says_nothing
from verbinding.modules.eigen_dossier.hints import _names
from verbinding.modules.eigen_dossier.questions import (
    FEEDBACK_QUESTION,
    FEW_HEARD_BACK,
    FIELDS,
    MAX_SEEN_NAMES,
    STATE_VERSION,
    Check,
    DossierTexts,
    load_texts,
)
from verbinding.modules.eigen_dossier.workbench import Workbench
from verbinding.texts import t


def _empty_entry() -> dict[str, Any]:
    return {"answer": "", "evidence": "", "score": None, "next_step": "", "when": ""}


class DossierScan:
    """The learner's OCA scan of their own dossier."""

    def __init__(self, texts: DossierTexts | None = None):
        self.texts = texts or load_texts()
        self.title = ""
        self.description = ""
        self.entries: dict[str, dict[str, Any]] = {}
        self.workbench: dict[str, Any] = {}  # verbinding.modules.eigen_dossier.workbench state, kept as saved

    def entry(self, question_id: str) -> dict[str, Any]:
        """The learner's entry for a question (a fresh empty one when not started)."""
        return dict(self.entries.get(question_id) or _empty_entry())

    def set_text(self, question_id: str, field: str, text: str) -> None:
        self.texts.question(question_id)
        if field not in FIELDS:
            raise KeyError(field)
        self.entries.setdefault(question_id, _empty_entry())[field] = str(text)

    def set_score(self, question_id: str, score: int | None) -> None:
        self.texts.question(question_id)
        if score is not None:
            score = int(score)
            if not 1 <= score <= self.texts.scale_max:
                raise ValueError(f"score {score} outside 1..{self.texts.scale_max}")
        self.entries.setdefault(question_id, _empty_entry())["score"] = score

    def score(self, question_id: str) -> int | None:
        """The score, capped at the current scale (a trainer may shorten the scale)."""
        value = self.entry(question_id)["score"]
        return None if value is None else min(value, self.texts.scale_max)

    # feedback ------------------------------------------------------------------
    course_modules: Mapping[str, Any] | None = None  # the learner's other modules (module 4's feedback)

    def feedback_score_remark(self, modules: Mapping[str, Any] | None = None) -> str:
        """A gentle remark when the learner scores themselves high on feedback while
        module 4 shows that few in their list heard back ('' when it does not apply)."""
        modules = self.course_modules if modules is None else modules
        score = self.score(FEEDBACK_QUESTION) if FEEDBACK_QUESTION in {q.id for q in self.texts.questions} else None
        if score is None or score <= (self.texts.scale_max + 1) / 2 or not isinstance(modules, Mapping):
            return ""
        accountability = modules.get("accountability")
        if not isinstance(accountability, dict) or not accountability.get("interests"):
            return ""
        try:
            given, total = feedback_counts(accountability)
        except (TypeError, ValueError, AttributeError):  # pragma: no cover - defensive
            return ""
        if not total or given / total >= FEW_HEARD_BACK:
            return ""
        # 'in je lijst', not 'partijen': module 4's list may hold groups of consultation responses
        key = "feedback_score_high_none" if not given else "feedback_score_high"
        return t(f"dossier.feedback.{key}", question=self.texts.question(FEEDBACK_QUESTION).short,
                 score=score, max=self.texts.scale_max, given=dutch.number(given), total=dutch.number(total),
                 verb=t("dossier.feedback.heard_verb.one" if given == 1 else "dossier.feedback.heard_verb.many"))

    def adopt_intro(self, intro: Any) -> bool:
        """Take the dossier's name and description from Kennismaken when this scan has
        neither (the page shows them so); True when something was taken. The page and
        :func:`still_to_do` both read the name through here, so they never disagree."""
        if self.title.strip() or self.description.strip() or not isinstance(intro, Mapping):
            return False
        title = intro.get("dossier") if isinstance(intro.get("dossier"), str) else ""
        description = intro.get("description") if isinstance(intro.get("description"), str) else ""
        if not (title.strip() or description.strip()):
            return False
        self.title, self.description = title, description
        return True

    def _bench(self) -> Workbench:
        return Workbench.from_dict(self.workbench)

    def own_names(self, question_id: str) -> list[str]:
        """Names from the learner's own workbench that count as evidence for a question:
        the dimensions and organisations for Outreach, the organisations for Connection."""
        pillar = self.texts.question(question_id).pillar
        bench = self._bench()
        if pillar == "outreach":
            return [d.name for d in bench.map.dimensions] + [s.name for s in bench.map.stakeholders]
        if pillar == "connection":
            return [s.name for s in bench.map.stakeholders]
        return []

    def evidence_seen(self, question_id: str) -> str:
        """What the course sees of the learner's own work for this question, and which of it
        the evidence names ('' when there is nothing to see): the workbench's dimensions for
        Outreach, its contacts for Connection. Module 4's weighing is the practice case, not
        the own dossier: it is no measure for this evidence (its hint says so, once)."""
        pillar = self.texts.question(question_id).pillar
        bench = self._bench()
        if pillar == "outreach" and bench.map.dimensions:
            names = [d.name for d in bench.map.dimensions]
            seen = t("dossier.feedback.seen_dimensions", names=_names(names, MAX_SEEN_NAMES),
                     dimensions=dutch.count(len(names), t("outreach.words.dimension.one"),
                                            t("outreach.words.dimension.many")))
            names += [s.name for s in bench.map.stakeholders]
        elif pillar == "connection" and any(n for n in bench.contacts.values()):
            spoken = [(s.name, bench.contacts.get(s.id) or 0) for s in bench.map.stakeholders]
            spoken = sorted((p for p in spoken if p[1] > 0), key=lambda p: -p[1])
            names = [name for name, _ in spoken]
            seen = t("dossier.feedback.seen_contacts", names=_names(names, MAX_SEEN_NAMES),
                     contacts=dutch.count(sum(n for _, n in spoken), t("dossier.werkbank.word.contact"),
                                          t("dossier.werkbank.word.contacts")),
                     organisations=dutch.count(len(names), t("dossier.werkbank.word.one"),
                                               t("dossier.werkbank.word.many")))
        else:
            return ""
        evidence = self.entry(question_id)["evidence"]
        if not _normalised(evidence):
            return seen
        # 'LTO' names 'LTO Nederland': a name counts by its own distinctive part too
        named = [n for n in dict.fromkeys(names) if names_mentioned([n], evidence)]
        tail = (t("dossier.feedback.seen_named", named=_names(named, MAX_SEEN_NAMES)) if named
                else t("dossier.feedback.seen_none"))
        return f"{seen} {tail}"

    def checks(self, question_id: str) -> list[Check]:
        """Feedback for one question: what is missing, or that it is complete."""
        question = self.texts.question(question_id)
        entry = self.entry(question_id)
        score = self.score(question_id)
        answer, evidence = entry["answer"].strip(), entry["evidence"].strip()
        step, when = entry["next_step"].strip(), entry["when"].strip()
        found: list[str] = []
        if not answer:
            found.append("no_answer")
        if score is None:
            found.append("no_score")
        middle = (self.texts.scale_max + 1) / 2
        upper = score is not None and score > middle
        # an honest low score ('1 - Nog niet', '2 - Een begin') may say there is no evidence yet
        low = score is not None and score < middle
        tips: list[str] = []
        if says_nothing(evidence):  # empty, 'geen', or "asdf"/"zie boven" (issue 28): no evidence
            if not low:
                found.append("high_without_evidence" if upper else "no_evidence")
        elif answer and _normalised(answer) == _normalised(evidence):
            found.append("evidence_repeats")
        else:  # a word search cannot judge real evidence: what it misses is a tip, no hold-up
            kind = evidence_kind(evidence, question_id, self.own_names(question_id))
            if kind != "ok":
                tips.append(f"evidence_{kind}")
        if score is not None and score < self.texts.scale_max and not step:
            found.append("no_next_step")
        if step and not when:
            found.append("no_when")
        complete = not found
        if complete:
            found.append("complete")
        checks = [Check(question_id, kind, t(f"dossier.feedback.{kind}", question=question.short,
                                             example=question.evidence))
                  for kind in found]
        if complete and says_nothing(evidence):  # not 'Je hebt ... bewijs': there is none, honestly
            checks[0] = Check(question_id, "complete", t("dossier.feedback.complete_low", question=question.short))
        checks += [Check(question_id, kind, t(f"dossier.feedback.{kind}", question=question.short,
                                              example=question.evidence)) for kind in tips]
        seen = self.evidence_seen(question_id)
        if seen:
            checks.append(Check(question_id, "evidence_seen", seen))
        remark = self.feedback_score_remark() if question_id == FEEDBACK_QUESTION else ""
        if remark:
            checks.append(Check(question_id, "feedback_score_high", remark))
        return checks

    def started(self, question_id: str) -> bool:
        """True once the learner typed or chose anything for this question."""
        entry = self.entry(question_id)
        return self.score(question_id) is not None or any(
            str(entry[field]).strip() for field in ("answer", "evidence", "next_step", "when"))

    def shown_checks(self, question_id: str) -> list[Check]:
        """What the page shows under a question: :meth:`checks`, once the question is
        started. Before, nothing: six times 'nog niet beantwoord, geef een score, noem
        bewijs' (18 lines) stood under questions nobody had read yet, and what the
        workbench holds is in the box above the question. The list at the end of the
        module (:func:`still_to_do`) still names every open question."""
        return self.checks(question_id) if self.started(question_id) else []

    def all_checks(self) -> list[Check]:
        return [c for q in self.texts.questions for c in self.checks(q.id)]

    def complete(self) -> bool:
        return all(c.ok for c in self.all_checks())

    # chart data ----------------------------------------------------------------
    def scores_frame(self) -> pd.DataFrame:
        from verbinding.modules.eigen_dossier.scores import scores_frame  # scores.py reads a state through DossierScan

        return scores_frame(self.to_dict(), self.texts)

    def summary(self) -> str:
        from verbinding.modules.eigen_dossier.scores import scores_summary

        return scores_summary(self.to_dict(), self.texts)

    # state ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "title": self.title,
            "description": self.description,
            "questions": {qid: dict(entry) for qid, entry in self.entries.items()},
            **({"werkbank": self.workbench} if self.workbench else {}),
        }

    @classmethod
    def from_dict(cls, state: dict | None, texts: DossierTexts | None = None) -> DossierScan:
        """Tolerant of missing keys and stray values. Entries for questions a trainer
        removed are kept in the state (and listed in the export), never dropped."""
        scan = cls(texts)
        state = state if isinstance(state, dict) else {}
        scan.title = state.get("title") if isinstance(state.get("title"), str) else ""
        description = state.get("description")
        scan.description = description if isinstance(description, str) else ""
        if isinstance(state.get("werkbank"), dict):
            scan.workbench = state["werkbank"]
        questions = state.get("questions")
        if isinstance(questions, dict):
            for qid, raw in questions.items():
                if not isinstance(raw, dict):
                    continue
                entry = _empty_entry()
                for field in FIELDS:
                    if isinstance(raw.get(field), str):
                        entry[field] = raw[field]
                score = raw.get("score")
                if isinstance(score, (int, float)) and not isinstance(score, bool) and score >= 1:
                    entry["score"] = int(score)
                scan.entries[str(qid)] = entry
        return scan



# What an open check asks of the learner, grouped over the questions, in the order of a
# question's fields: answer, evidence, score, next step, when.
_TODO_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("answer", ("no_answer",)),
    ("evidence", ("no_evidence", "high_without_evidence")),
    ("evidence_repeats", ("evidence_repeats",)),
    ("score", ("no_score",)),
    ("next_step", ("no_next_step",)),
    ("when", ("no_when",)),
)


def has_work(state: Any) -> bool:
    """True when module 5's own work was ever saved: a name, a description, anything in a
    question or the workbench. A state with only the kennischeck (answered at the end of the
    page) holds none of the dossier work."""
    if not isinstance(state, dict):
        return False
    if any(isinstance(state.get(key), str) and state[key].strip() for key in ("title", "description")):
        return True
    if isinstance(state.get("werkbank"), dict) and any(state["werkbank"].values()):
        return True
    questions = state.get("questions")
    return isinstance(questions, dict) and any(
        isinstance(entry, dict) and any((isinstance(value, str) and value.strip()) or
                                        (isinstance(value, (int, float)) and not isinstance(value, bool))
                                        for value in entry.values())
        for entry in questions.values())


def still_to_do(state: Any, modules: Mapping[str, Any] | None = None) -> list[str]:
    """What is missing for "afgerond", in Dutch, in the order of the page: the dossier has
    a name and every OCA question has an answer, evidence and a score (and a next step with
    a date when the score is not the highest).

    Exactly what the saved state misses: before any of the dossier work was saved (the module
    skipped, or only its kennischeck answered) that is one item, to begin with the module,
    not a name to fill in. ``modules`` (the learner's other modules, optional) lets the name
    come from Kennismaken as the page shows it: 'Geef je dossier een naam' under a page that
    shows the name was wrong."""
    scan = DossierScan.from_dict(state if isinstance(state, dict) else {})
    if not has_work(state):
        count = len(scan.texts.questions)
        return [t("dossier.todo.start", questions=dutch.part_of(count, count, t("dossier.summary.question.one"),
                                                                 t("dossier.summary.question.many")))]
    if isinstance(modules, Mapping):
        scan.adopt_intro(modules.get("kennismaken"))
    missing = [] if scan.title.strip() else [t("dossier.todo.title")]
    open_checks = [c for c in scan.all_checks() if not c.ok]
    numbers = {q.id: str(number) for number, q in enumerate(scan.texts.questions, start=1)}
    grouped = {kind for _todo, kinds in _TODO_GROUPS for kind in kinds}
    for todo, kinds in _TODO_GROUPS:
        found = list(dict.fromkeys(numbers[c.question] for c in open_checks if c.kind in kinds))
        if not found:
            continue
        if len(found) == len(numbers) > 1:  # 'alle 6 vragen'
            questions = dutch.part_of(len(found), len(found), t("dossier.summary.question.one"),
                                      t("dossier.summary.question.many"))
        else:  # 'vraag 1 en 3', as the page numbers them
            questions = t("dossier.todo.numbers", numbers=dutch.join(found))
        missing.append(t(f"dossier.todo.{todo}", questions=questions))
    missing += [c.text for c in open_checks if c.kind not in grouped]  # a check added later
    return missing


def is_complete(state: Any, modules: Mapping[str, Any] | None = None) -> bool:
    """Module 5 done, from its saved state (and the name from Kennismaken, when ``modules``
    are given, as the page shows it): nothing :func:`still_to_do`."""
    return not still_to_do(state, modules)
