"""Knowledge checks (kennischeck): a few questions per module with explained feedback.

Questions live in ``texts/nl/quiz.yaml`` under ``modules.<module id>`` (a trainer may edit
them; a broken edit gives a Dutch message). The learner's answers are kept inside the
module's own workbook state under ``"kennischeck"``::

    {"answers": {question_id: option number (1-based)}, "correct": int, "total": int}

``correct`` and ``total`` are derived (recomputed on every answer) so that the closing
module and a class overview can read them without the questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from verbinding import dutch
from verbinding.texts import ExerciseTexts, catalogue, plain_text, t

STATE_KEY = "kennischeck"
RECALL_KEY = "herhaling"


class QuizError(ValueError):
    """The quiz file cannot be used; ``str(error)`` is Dutch for the trainer."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    options: tuple[str, ...]
    right: int  # 1-based
    explanation: str
    recall_from: str = ""  # the earlier module a spaced-retrieval question comes from

    @property
    def right_text(self) -> str:
        return self.options[self.right - 1]


def has_questions(module_id: str) -> bool:
    """True when the catalogue has a knowledge check for this module."""
    return f"quiz.modules.{module_id}" in catalogue()


def questions(module_id: str) -> list[Question]:
    """A module's own questions, then its spaced-retrieval questions: ideas of earlier
    modules asked again (``herhaling.<module id>`` in ``quiz.yaml``, a list of ids)."""
    return questions_at(f"modules.{module_id}") + recall_questions(module_id)


def recall_questions(module_id: str) -> list[Question]:
    wanted = catalogue().get(f"quiz.{RECALL_KEY}.{module_id}")
    if wanted is None:
        return []
    texts = ExerciseTexts("quiz", QuizError)
    if not isinstance(wanted, list):
        raise texts.error("not_a_list", part=f"{RECALL_KEY}.{module_id}")
    found: list[Question] = []
    for question_id in wanted:
        source = next((m for m in _module_ids_with_questions()
                       if any(q.id == question_id for q in questions_at(f"modules.{m}"))), None)
        if source is None or source == module_id:
            raise texts.error("recall_unknown", id=question_id, module=module_id)
        item = next(q for q in questions_at(f"modules.{source}") if q.id == question_id)
        found.append(replace(item, recall_from=source))
    return found


def load_texts() -> None:
    """Read every check in ``quiz.yaml`` (each module's, its recall list, the learning
    check), raising :class:`QuizError` in Dutch on a trainer's broken edit (for check-texts)."""
    for module_id in _module_ids_with_questions():
        questions(module_id)
    for key in catalogue():
        if key.startswith(f"quiz.{RECALL_KEY}."):
            recall_questions(key.rsplit(".", 1)[1])
    questions_at("leerwinst.vragen")


def _module_ids_with_questions() -> list[str]:
    prefix = "quiz.modules."
    return [key[len(prefix):] for key in catalogue() if key.startswith(prefix) and "." not in key[len(prefix):]]


def questions_at(key: str) -> list[Question]:
    """The questions of the list under ``key`` in ``quiz.yaml`` (a module's check, or the
    learning check before and after the course, ``leerwinst.vragen``)."""
    texts = ExerciseTexts("quiz", QuizError)
    found = []
    for _number, values, raw in texts.numbered_items(key, ["id", "vraag", "uitleg"], kind="question"):
        options = raw.get("opties")
        if not isinstance(options, list) or len(options) < 2 or not all(plain_text(o) for o in options):
            raise texts.error("options", id=values["id"])
        right = raw.get("goed")
        if not isinstance(right, int) or isinstance(right, bool) or not 1 <= right <= len(options):
            raise texts.error("right_option", id=values["id"], count=len(options))
        found.append(Question(values["id"], values["vraag"], tuple(plain_text(o) for o in options), right,
                              values["uitleg"]))
    return found


def _sentence(text: str) -> str:
    """An option as the end of a sentence: options mostly end with a full stop already
    ("... politieke ruimte."), and the feedback must not read "ruimte.."."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


@dataclass
class KnowledgeCheckModel:
    module_id: str
    items: list[Question]
    answers: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, module_id: str, state: Any = None) -> KnowledgeCheckModel:
        return cls.load_items(module_id, questions(module_id), state)

    @classmethod
    def load_items(cls, module_id: str, items: list[Question], state: Any = None) -> KnowledgeCheckModel:
        """The check over ``items`` (already read from the catalogue) with the valid answers
        of ``state`` (the ``"kennischeck"`` part of a module's state)."""
        model = cls(module_id, list(items))
        raw = state.get("answers") if isinstance(state, dict) else None
        if isinstance(raw, dict):
            for item in model.items:
                value = raw.get(item.id)
                if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(item.options):
                    model.answers[item.id] = value
        return model

    def question(self, question_id: str) -> Question:
        for item in self.items:
            if item.id == question_id:
                return item
        raise KeyError(question_id)

    def answer(self, question_id: str, option: int | None) -> str:
        """Record a first answer (1-based option); returns the Dutch feedback.

        The answer locks once given: feedback shows the right answer, so a second choice
        would only copy it. A later call changes nothing and returns the first answer's
        feedback (the same rule as the learning check before and after the course)."""
        item = self.question(question_id)
        if question_id in self.answers:
            return self.feedback(question_id)
        if option is None:
            return ""
        if not 1 <= option <= len(item.options):
            raise ValueError(option)
        self.answers[question_id] = option
        return self.feedback(question_id)

    def locked(self, question_id: str) -> bool:
        return question_id in self.answers

    def feedback(self, question_id: str) -> str:
        item = self.question(question_id)
        chosen = self.answers.get(question_id)
        if chosen is None:
            return ""
        verdict = t("quiz.page.right") if chosen == item.right else t("quiz.page.wrong", answer=_sentence(item.right_text))
        return f"{verdict} {item.explanation}"

    @property
    def correct(self) -> int:
        return sum(1 for item in self.items if self.answers.get(item.id) == item.right)

    def summary(self) -> str:
        if not self.answers:
            return t("quiz.page.unanswered")
        return dutch.capital(score_text(len(self.answers), self.correct, len(self.items))) + "."

    def to_dict(self) -> dict:
        return {"answers": dict(self.answers), "correct": self.correct, "total": len(self.items)}


def score_text(answered: int, correct: int, total: int) -> str:
    """How many were answered and how many of those right, never a score over questions
    still open: '3 van de 3 beantwoorde vragen goed; 1 vraag nog open', or '3 van de 4
    vragen goed (alle vragen beantwoord)' (no final full stop)."""
    if answered >= total:
        return t("quiz.score.all", correct=dutch.number(correct), total=dutch.number(total))
    return t("quiz.score.some", correct=dutch.number(correct),
             answered=dutch.count(answered, t("quiz.score.answered_one"), t("quiz.score.answered_many")),
             open=dutch.count(total - answered, t("quiz.score.open_one"), t("quiz.score.open_many")))


def result(state: Any) -> tuple[int, int, int] | None:
    """(answered, correct, total) from a module's workbook state, None when never done."""
    part = _part(state)
    if not isinstance(part, dict) or not isinstance(part.get("answers"), dict) or not part["answers"]:
        return None
    total = part.get("total") if isinstance(part.get("total"), int) else len(part["answers"])
    correct = part.get("correct") if isinstance(part.get("correct"), int) else 0
    return len(part["answers"]), correct, total


def class_results(learner_states: list[dict], module_ids: list[str]) -> list[dict]:
    """Per module, over many learners' module states (one ``{module id: state}`` per
    learner): how many did the check, the share of right answers among what they answered and
    the question answered wrong most often (for a class overview; no names).

    Answers are checked against the questions as they are now; the ``correct`` and ``total``
    stored in a file are not trusted (a hand-edited file could claim anything). An answer to a
    question that is no longer in the catalogue, or outside its options, is not counted."""
    rows = []
    for module_id in module_ids:
        items = questions(module_id) if has_questions(module_id) else []
        learners, answered, right = 0, 0, 0
        wrong: dict[str, int] = {}
        for states in learner_states:
            state = states.get(module_id) if isinstance(states, dict) else None
            model = KnowledgeCheckModel.load_items(module_id, items, _part(state))
            if not model.answers:
                continue
            learners += 1
            answered += len(model.answers)
            right += model.correct
            for item in model.items:
                chosen = model.answers.get(item.id)
                if chosen is not None and chosen != item.right:
                    wrong[item.id] = wrong.get(item.id, 0) + 1
        hardest = max(wrong, key=lambda qid: wrong[qid]) if wrong else None
        rows.append({
            "module": module_id, "learners": learners, "answered": answered,
            "share_right": right / answered if answered else None,
            "hardest": next((q.question for q in items if q.id == hardest), None),
            "hardest_wrong": wrong.get(hardest, 0) if hardest else 0,
        })
    return rows


def _part(state: Any) -> Any:
    return state.get(STATE_KEY) if isinstance(state, dict) else None


def export_blocks(module_id: str, state: Any) -> list:
    """The knowledge check of one module for the export: the score and per question the
    learner's first answer and whether it was right ([] when the check was not done)."""
    from verbinding.document import Heading, Paragraph, Table

    part = _part(state)
    if not has_questions(module_id) or not isinstance(part, dict) or not part.get("answers"):
        return []
    try:
        model = KnowledgeCheckModel.load(module_id, part)
    except QuizError:
        return []
    if not model.answers:
        return []
    rows = []
    for item in model.items:
        chosen = model.answers.get(item.id)
        if chosen is None:
            rows.append((item.question, t("quiz.export.not_answered"), ""))
        else:
            rows.append((item.question, item.options[chosen - 1],
                         t("quiz.export.right") if chosen == item.right else t("quiz.export.wrong", answer=item.right_text)))
    return [Heading(t("quiz.page.title"), level=3),
            Paragraph(t("quiz.export.score", score=dutch.capital(score_text(len(model.answers), model.correct,
                                                                             len(model.items))))),
            Table([t(f"quiz.export.col_{c}") for c in ("question", "answer", "right")], rows)]
