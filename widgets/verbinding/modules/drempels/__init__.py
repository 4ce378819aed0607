"""Module 1 "Drempels": the three barriers to inclusive stakeholder involvement.

Pure model, no widgets. Two exercises:

* **Classify** short fictional scenarios by the barrier that plays most strongly
  (``speelveld`` = uneven playing field, ``insiders`` = persistent core of insiders,
  ``ruimte`` = limited administrative and political room), with explaining feedback.
* **Self-assessment**: how strongly each barrier plays in the learner's own dossier,
  on the catalogue's scale, with an example, shown as a chart.

Scenarios, scale and every text live in ``texts/nl/barriers.yaml`` so trainers can edit
them; :func:`load_texts` validates that file and raises :class:`BarrierTextsError` with a
Dutch message naming what is wrong.

State (``workbook.module("drempels")``)::

    {"version": 1,
     "answers": {scenario_id: barrier_id},
     "dossier": str,
     "ratings": {barrier_id: int 1..len(scale)},
     "notes": {barrier_id: str}}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from verbinding import dutch
from verbinding.document import Block, Bullets, Heading, Paragraph, Table
from verbinding.texts import ExerciseTexts, plain_text, t
from verbinding.vegalite import records

BARRIER_IDS = ("speelveld", "insiders", "ruimte")
STATE_VERSION = 1
# Okabe-Ito colours, one per barrier (colour-blind safe).
BARRIER_COLOURS = {"speelveld": "#E69F00", "insiders": "#0072B2", "ruimte": "#009E73"}


class BarrierTextsError(ValueError):
    """``barriers.yaml`` cannot be used; ``str(error)`` is a Dutch message for a trainer."""


@dataclass(frozen=True)
class Barrier:
    id: str
    name: str
    summary: str
    tip: str


@dataclass(frozen=True)
class Scenario:
    id: str
    text: str
    answer: str
    explanation: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class BarrierTexts:
    barriers: tuple[Barrier, ...]
    scenarios: tuple[Scenario, ...]
    scale: tuple[str, ...]

    def barrier(self, barrier_id: str) -> Barrier:
        for barrier in self.barriers:
            if barrier.id == barrier_id:
                return barrier
        raise KeyError(barrier_id)

    def scenario(self, scenario_id: str) -> Scenario:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        raise KeyError(scenario_id)

    @property
    def scale_max(self) -> int:
        return len(self.scale)


@dataclass(frozen=True)
class Feedback:
    verdict: str  # "correct" | "partial" | "wrong"
    text: str


# ----- loading and validating the catalogue -----------------------------------------


_TEXTS = ExerciseTexts("barriers", BarrierTextsError)
_error = _TEXTS.error
_text = plain_text


def load_texts() -> BarrierTexts:
    """The barriers, scenarios and scale from ``barriers.yaml``, validated.

    Raises :class:`BarrierTextsError` (Dutch, for the trainer) on a broken edit.
    """
    barriers = [
        Barrier(**item) for item in _TEXTS.fixed_items(
            "barriers", BARRIER_IDS, ("name", "summary", "tip"),
            ids_error="barrier_ids", field_error="barrier_field")
    ]
    scenarios: list[Scenario] = []
    for number, values, item in _TEXTS.numbered_items(
            "scenarios", ("id", "text", "answer", "explanation"), kind="scenario"):
        scenario_id, answer = values["id"], values["answer"]
        if answer not in BARRIER_IDS:
            raise _error("scenario_answer", number=number, id=scenario_id, answer=answer)
        also_raw = item.get("also") or []
        if isinstance(also_raw, str):  # "also: insiders": a list was meant, say how to write it
            raise _error("scenario_also_list", number=number, id=scenario_id, answer=also_raw)
        if not isinstance(also_raw, list):
            raise _error("scenario_also", number=number, id=scenario_id, answer=also_raw)
        also = []
        for other in also_raw:
            if _text(other) not in BARRIER_IDS:
                raise _error("scenario_also", number=number, id=scenario_id, answer=other)
            if _text(other) != answer:
                also.append(_text(other))
        scenarios.append(Scenario(scenario_id, values["text"], answer, values["explanation"],
                                  tuple(also)))
    scale = _TEXTS.scale("assessment.scale")
    return BarrierTexts(tuple(barriers), tuple(scenarios), scale)


# ----- feedback -----------------------------------------------------------------------


def judge(scenario: Scenario, choice: str, texts: BarrierTexts) -> Feedback:
    """Explaining feedback for one classification."""
    right = texts.barrier(scenario.answer).name
    chosen = texts.barrier(choice).name
    if choice == scenario.answer:
        verdict = "correct"
        text = t("barriers.exercise.correct", barrier=right, explanation=scenario.explanation)
    elif choice in scenario.also:
        verdict = "partial"
        text = t("barriers.exercise.partial", chosen=chosen, barrier=right,
                 explanation=scenario.explanation)
    else:
        verdict = "wrong"
        text = t("barriers.exercise.wrong", chosen=chosen, barrier=right,
                 explanation=scenario.explanation)
    return Feedback(verdict, text)


# ----- the model ----------------------------------------------------------------------


def _clean_str(value: Any) -> str:
    return value if isinstance(value, str) else ""


class BarrierExercise:
    """The learner's classifications and self-assessment for module 1."""

    def __init__(self, texts: BarrierTexts | None = None):
        self.texts = texts or load_texts()
        self.answers: dict[str, str] = {}
        self.dossier: str = ""
        self.ratings: dict[str, int] = {}
        self.notes: dict[str, str] = {}

    # classification ------------------------------------------------------------
    def classify(self, scenario_id: str, barrier_id: str | None) -> Feedback | None:
        """Record (or with ``None`` clear) the learner's choice; return the feedback."""
        self.texts.scenario(scenario_id)  # KeyError on an unknown scenario
        if barrier_id is None:
            self.answers.pop(scenario_id, None)
            return None
        if barrier_id not in BARRIER_IDS:
            raise KeyError(barrier_id)
        self.answers[scenario_id] = barrier_id
        return self.feedback(scenario_id)

    def feedback(self, scenario_id: str) -> Feedback | None:
        choice = self.answers.get(scenario_id)
        if choice is None:
            return None
        return judge(self.texts.scenario(scenario_id), choice, self.texts)

    def progress(self) -> dict[str, int]:
        counts = {"answered": 0, "correct": 0, "partial": 0, "wrong": 0,
                  "total": len(self.texts.scenarios)}
        for scenario in self.texts.scenarios:
            fb = self.feedback(scenario.id)
            if fb is not None:
                counts["answered"] += 1
                counts[fb.verdict] += 1
        return counts

    def progress_text(self) -> str:
        counts = self.progress()
        if not counts["answered"]:
            return t("barriers.exercise.score_empty")
        return t("barriers.exercise.score", answered=counts["answered"], total=counts["total"],
                 correct=counts["correct"], partial=counts["partial"])

    # self-assessment -----------------------------------------------------------
    def rate(self, barrier_id: str, score: int | None) -> None:
        if barrier_id not in BARRIER_IDS:
            raise KeyError(barrier_id)
        if score is None:
            self.ratings.pop(barrier_id, None)
            return
        score = int(score)
        if not 1 <= score <= self.texts.scale_max:
            raise ValueError(f"score {score} outside 1..{self.texts.scale_max}")
        self.ratings[barrier_id] = score

    def set_note(self, barrier_id: str, text: str) -> None:
        if barrier_id not in BARRIER_IDS:
            raise KeyError(barrier_id)
        self.notes[barrier_id] = str(text)

    def set_dossier(self, text: str) -> None:
        self.dossier = str(text)

    def score(self, barrier_id: str) -> int | None:
        """The rating, capped at the current scale (a trainer may shorten the scale)."""
        value = self.ratings.get(barrier_id)
        return None if value is None else min(value, self.texts.scale_max)

    def assessment_frame(self) -> pd.DataFrame:
        """One row per barrier: id, name, score (NaN when not rated), label, colour."""
        return assessment_frame(self.to_dict(), self.texts)

    def assessment_summary(self) -> str:
        return assessment_summary(self.to_dict(), self.texts)

    def tips(self) -> list[str]:
        """A response to every barrier the learner scored or wrote about.

        From the middle of the scale up: where to go next (the barrier's tip). Below the
        middle: a question to check that low score. A score without an example asks for
        one; an example without a score asks for the score.
        """
        threshold = (self.texts.scale_max + 1) / 2
        out: list[str] = []
        for b in self.texts.barriers:
            score = self.score(b.id)
            note = self.notes.get(b.id, "").strip()
            if score is None:
                if note:
                    out.append(t("barriers.assessment.note_without_score", barrier=b.name))
                continue
            if score >= threshold:
                out.append(f"{b.name}: {b.tip}")
            else:
                out.append(t("barriers.assessment.low", barrier=b.name))
            if not note:
                out.append(t("barriers.assessment.score_without_note", barrier=b.name))
        return out

    # state ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "answers": dict(self.answers),
            "dossier": self.dossier,
            "ratings": dict(self.ratings),
            "notes": {k: v for k, v in self.notes.items() if v},
        }

    @classmethod
    def from_dict(cls, state: dict | None, texts: BarrierTexts | None = None) -> BarrierExercise:
        """Tolerant of missing keys and stray values; answers to scenarios a trainer removed
        are kept (they are shown as such in the export), never silently dropped."""
        model = cls(texts)
        state = state if isinstance(state, dict) else {}
        answers = state.get("answers")
        if isinstance(answers, dict):
            model.answers = {str(k): v for k, v in answers.items() if v in BARRIER_IDS}
        model.dossier = _clean_str(state.get("dossier"))
        ratings = state.get("ratings")
        if isinstance(ratings, dict):
            for key, value in ratings.items():
                if key in BARRIER_IDS and isinstance(value, (int, float)) \
                        and not isinstance(value, bool) and value >= 1:
                    model.ratings[key] = int(value)
        notes = state.get("notes")
        if isinstance(notes, dict):
            model.notes = {k: v for k, v in notes.items() if k in BARRIER_IDS and isinstance(v, str)}
        return model


def still_to_do(state: Any) -> list[str]:
    """What is missing for "afgerond", in Dutch, in the order of the page: every scenario
    classified, the dossier named, and every barrier scored with an example (an example is
    not needed for the lowest score, "speelt niet")."""
    model = BarrierExercise.from_dict(state if isinstance(state, dict) else {})
    missing = []
    open_numbers = [str(number) for number, s in enumerate(model.texts.scenarios, start=1)
                    if s.id not in model.answers]
    if open_numbers and len(open_numbers) == len(model.texts.scenarios):
        missing.append(t("barriers.todo.scenarios_all"))
    elif open_numbers:
        missing.append(t("barriers.todo.scenarios",
                         scenarios=dutch.count(len(open_numbers), t("barriers.todo.scenario"), t("barriers.todo.scenarios_word")),
                         numbers=dutch.some(open_numbers, 5)))
    if not model.dossier.strip():
        missing.append(t("barriers.todo.dossier"))
    unscored = [b.name for b in model.texts.barriers if model.score(b.id) is None]
    no_example = [b.name for b in model.texts.barriers
                  if (model.score(b.id) or 0) > 1 and not model.notes.get(b.id, "").strip()]
    if unscored and len(unscored) == len(model.texts.barriers):
        missing.append(t("barriers.todo.scores_all"))
        unscored = []
    for key, names in (("scores", unscored), ("notes", no_example)):
        if names:
            missing.append(t(f"barriers.todo.{key}", names=dutch.join(names),
                             barriers=dutch.count(len(names), t("barriers.assessment.barrier_word.one"),
                                                  t("barriers.assessment.barrier_word.many"))))
    return missing


def is_complete(state: Any) -> bool:
    """Module 1 done, from its saved state alone: nothing :func:`still_to_do`."""
    return not still_to_do(state)


# ----- aggregated frame, chart and summary --------------------------------------------


def assessment_frame(state: dict, texts: BarrierTexts | None = None) -> pd.DataFrame:
    texts = texts or load_texts()
    model = BarrierExercise.from_dict(state, texts)
    rows = []
    for order, barrier in enumerate(texts.barriers):
        score = model.score(barrier.id)
        rows.append({
            "barrier": barrier.id,
            "name": barrier.name,
            "order": order,
            "score": float(score) if score is not None else float("nan"),
            "label": texts.scale[score - 1] if score else t("barriers.assessment.not_filled"),
            "colour": BARRIER_COLOURS[barrier.id],
        })
    return pd.DataFrame(rows)


def assessment_summary(state: dict, texts: BarrierTexts | None = None) -> str:
    """A Dutch text alternative for the chart."""
    texts = texts or load_texts()
    frame = assessment_frame(state, texts)
    rated = frame.dropna(subset=["score"])
    if rated.empty:
        return t("barriers.assessment.summary_empty")
    top = rated.sort_values(["score", "order"], ascending=[False, True]).iloc[0]
    filled = dutch.part_of(len(rated), len(frame), t("barriers.assessment.barrier_word.one"),
                           t("barriers.assessment.barrier_word.many"), only="één")
    label = str(top["label"])
    label = label[:1].lower() + label[1:]
    if len(rated) == 1:  # the top is the only one: say it once
        return t("barriers.assessment.summary_single", filled=filled, barrier=top["name"],
                 label=label, score=int(top["score"]), max=texts.scale_max)
    # A tie is named as a tie: two barriers that both score highest both "speak strongest".
    tops = rated.loc[rated["score"] == top["score"]].sort_values("order")
    key = "barriers.assessment.summary" if len(tops) == 1 else "barriers.assessment.summary_tie"
    lines = [t(key, filled=filled, top=dutch.join(list(tops["name"])), label=label,
               score=int(top["score"]), max=texts.scale_max)]
    for row in rated.loc[rated["score"] != top["score"]].itertuples():  # the top is named once
        lines.append(t("barriers.assessment.summary_line", barrier=row.name, label=row.label,
                       score=int(row.score), max=texts.scale_max))
    return " ".join(lines)


def assessment_chart(frame: pd.DataFrame, scale_max: int | None = None) -> dict:
    """A horizontal bar chart (Vega-Lite spec) of the self-assessment (from :func:`assessment_frame`)."""
    scale_max = scale_max or load_texts().scale_max
    barrier = t("barriers.assessment.chart_axis_barrier")
    return {
        "data": {"values": records(frame.assign(score=frame["score"].fillna(0)))},
        "title": t("barriers.assessment.chart_title"),
        "width": 360,
        "height": 120,
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "score", "type": "quantitative",
                  "title": t("barriers.assessment.chart_axis_score", max=scale_max),
                  "scale": {"domain": [0, scale_max]},
                  "axis": {"values": list(range(1, scale_max + 1)), "format": "d"}},  # a score is 1..max
            "y": {"field": "name", "type": "nominal", "title": barrier, "sort": {"field": "order"}},
            "color": {"field": "colour", "type": "nominal", "scale": None},
            "tooltip": [{"field": "name", "type": "nominal", "title": barrier},
                        {"field": "label", "type": "nominal", "title": t("barriers.assessment.score_label")}],
        },
    }


# ----- export -------------------------------------------------------------------------


def _verdict_label(verdict: str) -> str:
    return t(f"barriers.export.verdict_{verdict}")


def export_blocks(state: dict) -> list[Block]:
    """The module's work as document blocks (learner text stays plain text)."""
    texts = load_texts()
    model = BarrierExercise.from_dict(state, texts)
    blocks: list[Block] = []
    rows: list[Iterable[str]] = []
    known = {s.id for s in texts.scenarios}
    for number, scenario in enumerate(texts.scenarios, start=1):
        fb = model.feedback(scenario.id)
        if fb is None:
            continue
        rows.append([
            f"{number}. {scenario.text}",
            texts.barrier(model.answers[scenario.id]).name,
            texts.barrier(scenario.answer).name,
            _verdict_label(fb.verdict),
        ])
    for scenario_id, choice in model.answers.items():
        if scenario_id not in known:
            rows.append([f"{scenario_id} {t('barriers.export.unknown_scenario')}",
                         texts.barrier(choice).name, "", ""])
    if rows:
        blocks.append(Heading(t("barriers.export.exercise_heading"), level=3))
        blocks.append(Paragraph(model.progress_text()))
        blocks.append(Table([t("barriers.export.col_scenario"), t("barriers.export.col_choice"),
                             t("barriers.export.col_barrier"), t("barriers.export.col_verdict")],
                            rows))
    if model.ratings or model.dossier.strip() or any(model.notes.values()):
        blocks.append(Heading(t("barriers.export.assessment_heading"), level=3))
        if model.dossier.strip():
            blocks.append(Paragraph(t("barriers.export.dossier", dossier=model.dossier)))
        frame = assessment_frame(model.to_dict(), texts)
        blocks.append(Table(
            [t("barriers.assessment.chart_axis_barrier"), t("barriers.export.col_score"),
             t("barriers.export.col_note")],
            [[row.name,
              f"{int(row.score)} - {row.label}" if row.score == row.score else row.label,
              model.notes.get(row.barrier, "")]
             for row in frame.itertuples()],
        ))
        tips = model.tips()
        if tips:
            blocks.append(Paragraph(t("barriers.assessment.tips_heading")))
            blocks.append(Bullets(tips))
    if not blocks:
        blocks.append(Paragraph(t("barriers.export.nothing")))
    return blocks
