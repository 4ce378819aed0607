"""The class overview's aggregates of the learners' own assessments and practice: OCA
self-scores (Eigen dossier), knowledge checks, barrier self-ratings (Drempels), the real
agendas' organisation types (Echte agenda's), conversation practice and learning gain.

:class:`PracticeAggregates` is a mixin of :class:`verbinding.classview.ClassOverview`; it relies
on its ``learners``, ``_states`` (the learners' saved states of one module) and ``_in_range``
(a number in range, or left out and counted).
"""

from __future__ import annotations

import pandas as pd

from verbinding.classview.common import MAX_COUNT, _catalogue_list, _dict, _fmt, _list, _module_title, _name, _number, _str
from verbinding.dutch import percent
from verbinding.quiz import QuizError, class_results, has_questions
from verbinding.texts import t
from verbinding.workbook import MODULE_IDS

MAX_RESPONSE_SHOWN = 400  # a conversation response longer than this is shown shortened ("…")


class PracticeAggregates:
    """Self-scores, knowledge checks, barriers, agendas, conversations and learning gain over
    the class (see the module docstring)."""

    # ----- OCA self-scores ----------------------------------------------------------------
    @staticmethod
    def _questions() -> list[tuple[str, str]]:
        out = []
        for item in _catalogue_list("dossier.questions"):
            if isinstance(item, dict) and item.get("id"):
                out.append((str(item["id"]), _str(item.get("short")) or str(item["id"])))
        return out

    @staticmethod
    def scale_max() -> int:
        return max(len(_catalogue_list("dossier.scale")), 1)

    def scores(self) -> pd.DataFrame:
        """Per OCA question: number of scores, mean, min, max (questions in catalogue order)."""
        questions = self._questions()
        known = dict(questions)
        values: dict[str, list[float]] = {}
        for label, state in self._states("eigen_dossier"):
            for qid, entry in _dict(state.get("questions")).items():
                score = self._in_range(_dict(entry).get("score"), 1, self.scale_max(), (label, "eigen_dossier", str(qid)))
                if score is not None:
                    values.setdefault(str(qid), []).append(score)
        order = [q for q, _ in questions] + sorted(set(values) - set(known))
        rows = [
            {"question_id": q, "question": known.get(q, q), "n": len(values[q]),
             "mean": sum(values[q]) / len(values[q]), "min": min(values[q]), "max": max(values[q])}
            for q in order if values.get(q)
        ]
        return pd.DataFrame(rows, columns=["question_id", "question", "n", "mean", "min", "max"])

    def scores_summary(self) -> str:
        frame = self.scores()
        learners = sum(
            1 for _l, s in self._states("eigen_dossier")
            if any(_number(_dict(e).get("score")) is not None for e in _dict(s.get("questions")).values())
        )
        if frame.empty:
            return t("classview.nobody")
        low = frame.loc[frame["mean"].idxmin()]
        high = frame.loc[frame["mean"].idxmax()]
        return t("classview.scores.summary", learners=learners, max=self.scale_max(),
                 low_question=low["question"], low_mean=_fmt(low["mean"]),
                 high_question=high["question"], high_mean=_fmt(high["mean"]))

    # ----- knowledge checks ------------------------------------------------------------------
    def knowledge_checks(self) -> tuple[pd.DataFrame, str]:
        """Per module with a knowledge check that someone did: title, learners, share of right
        answers, the question answered wrong most often; and a Dutch note when the trainer's
        quiz file cannot be read (then the frame is empty, the rest of the overview stands)."""
        columns = ["module", "title", "learners", "share_right", "hardest", "hardest_wrong"]
        ids = [m for m in MODULE_IDS if has_questions(m)]
        try:
            rows = class_results([learner.modules for learner in self.learners], ids)
        except QuizError as error:
            return pd.DataFrame([], columns=columns), t("classview.quiz.broken", reason=str(error))
        shown = [{**row, "title": _module_title(row["module"])} for row in rows if row["learners"]]
        return pd.DataFrame(shown, columns=columns), ""

    def knowledge_checks_summary(self) -> str:
        frame, broken = self.knowledge_checks()
        if broken:
            return broken
        if frame.empty:
            return t("classview.nobody")
        ids = list(frame["module"])
        learners = sum(1 for learner in self.learners
                       if any(row["learners"] for row in class_results([learner.modules], ids)))
        return t("classview.quiz.summary", learners=learners)

    def knowledge_check_rows(self) -> list[tuple]:
        frame, _broken = self.knowledge_checks()
        return [(r.title, r.learners, percent(r.share_right),
                 t("classview.quiz.hardest", question=r.hardest, wrong=r.hardest_wrong) if r.hardest else "–")
                for r in frame.itertuples()]

    # ----- barriers and agendas ---------------------------------------------------------------
    @staticmethod
    def barrier_scale_max() -> int:
        return max(len(_catalogue_list("barriers.assessment.scale")), 1)

    def barrier_ratings(self) -> pd.DataFrame:
        """Per barrier of the catalogue: self-ratings 1..scale (others left out, counted)."""
        names = {str(b.get("id")): _str(b.get("name")) for b in _catalogue_list("barriers.barriers") if isinstance(b, dict)}
        values: dict[str, list[float]] = {}
        top = self.barrier_scale_max()
        for label, state in self._states("drempels"):
            for key, value in _dict(state.get("ratings")).items():
                if str(key) not in names:
                    continue  # not a barrier of this course: its number means nothing here
                number = self._in_range(value, 1, top, (label, "drempels", str(key)))
                if number is not None:
                    values.setdefault(str(key), []).append(number)
        order = [b for b in names if b in values]
        rows = [{"barrier": names.get(b, b), "n": len(values[b]), "mean": sum(values[b]) / len(values[b]),
                 "min": min(values[b]), "max": max(values[b])} for b in order]
        return pd.DataFrame(rows, columns=["barrier", "n", "mean", "min", "max"])

    def agenda_types(self) -> tuple[pd.DataFrame, int, int]:
        """Combined distribution of the learners' access registers, learners, corrections."""
        totals: dict[str, int] = {}
        learners = corrected = 0
        for learner, state in self._states("echte_agendas"):
            snapshot = _dict(state.get("snapshot"))
            counts = [c for c in _list(snapshot.get("counts")) if isinstance(c, dict)]
            if not counts:
                continue
            learners += 1
            corrected += int(self._in_range(snapshot.get("corrected"), 0, MAX_COUNT, (learner, "echte_agendas", "")) or 0)
            for number, c in enumerate(counts):
                label = _name(c.get("label")) or _name(c.get("id"))
                value = self._in_range(c.get("count"), 0, MAX_COUNT, (learner, "echte_agendas", number))
                totals[label] = totals.get(label, 0) + int(value or 0)
        frame = pd.DataFrame([{"label": k, "count": v} for k, v in totals.items()], columns=["label", "count"])
        return frame.sort_values("count", ascending=False, kind="stable").reset_index(drop=True), learners, corrected

    # ----- conversation practice ------------------------------------------------------------
    def conversations(self) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
        """Per dialogue: learners who practised it, who finished it, the first walks'
        choices by judgement and the weak choice made most often; and the written
        responses, without names, for the discussion (dialogue title, response)."""
        from verbinding.modules.gesprekken import JUDGEMENTS, all_dialogues, first_walk_score, is_done, practices

        dialogues, _ = all_dialogues()
        states = [state for _label, state in self._states("gesprekken")]
        rows, responses = [], []
        for dialogue in dialogues:
            totals = dict.fromkeys(JUDGEMENTS, 0)
            weak: dict[str, int] = {}
            practised = finished = 0
            for state in states:
                practice = practices(state, (dialogue,))[dialogue.id]
                if not practice.walks:
                    continue
                practised += 1
                finished += is_done(practice)
                for judgement, number in first_walk_score(practice, dialogue).items():
                    totals[judgement] += number
                for step_id, index in practice.walks[0].choices:
                    choice = dialogue.steps[step_id].choices[index]
                    if choice.judgement == "zwak":
                        weak[choice.text] = weak.get(choice.text, 0) + 1
                response = " ".join(practice.response.split())
                if response:  # shown shortened, visibly; sorted so the order names no one
                    responses.append((dialogue.title, response if len(response) <= MAX_RESPONSE_SHOWN
                                      else response[: MAX_RESPONSE_SHOWN - 1].rstrip() + "…"))
            most_weak = max(weak.items(), key=lambda item: (item[1], item[0]))[0] if weak else "-"
            rows.append({"title": dialogue.title, "practised": practised, "finished": finished,
                         **totals, "most_weak": most_weak})
        frame = pd.DataFrame(rows, columns=["title", "practised", "finished", *JUDGEMENTS, "most_weak"])
        return frame, sorted(responses)

    def conversation_rows(self) -> list[tuple]:
        frame, _ = self.conversations()
        return [(r.title, r.practised, r.finished, r.sterk, r.redelijk, r.zwak, r.most_weak)
                for r in frame.itertuples() if r.practised]

    # ----- learning gain -----------------------------------------------------------------
    def learning_gain_rows(self) -> list[tuple]:
        """Per idea of the learning check, over learners who did it before and after:
        (idea, learners, right before, right after); empty when nobody did both."""
        from verbinding.learning import class_gain

        rows = class_gain([state for _label, state in self._states("leerwinst")])
        if not rows or not rows[0]["learners"]:
            return []
        return [(r["idea"], r["learners"], r["before"], r["after"]) for r in rows]
