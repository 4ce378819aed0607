"""The learning check: the same questions before (Kennismaken) and after (Afronding).

The questions are ``leerwinst.vragen`` in ``quiz.yaml`` (a trainer may edit them), each
with the idea of the course it checks (``idee``). Before the course the learner gets no
right answers (so the check after it measures the course, not the memory of the answer);
after it, right answers, explanations and the gain per idea. An answer is locked once
given: the first answer is the one that counts. Saved state (workbook module
``leerwinst``)::

    {"voor": {"answers": {question id: option (1-based)}}, "na": {"answers": {...}}}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from verbinding import dutch
from verbinding.document import Block, Paragraph, Table
from verbinding.quiz import Question, questions_at
from verbinding.texts import t, tlist

MODULE_ID = "leerwinst"
BEFORE, AFTER = "voor", "na"
PHASES = (BEFORE, AFTER)
KEY = "leerwinst.vragen"


@dataclass(frozen=True)
class Item:
    question: Question
    idea: str


def items() -> list[Item]:
    """The questions with their ideas (a question without ``idee`` shows its id)."""
    ideas = {str(raw.get("id")): str(raw.get("idee") or raw.get("id"))
             for raw in tlist(f"quiz.{KEY}") if isinstance(raw, dict)}
    return [Item(q, ideas.get(q.id, q.id)) for q in questions_at(KEY)]


@dataclass
class LearningCheck:
    items: list[Item]
    answers: dict[str, dict[str, int]] = field(default_factory=lambda: {BEFORE: {}, AFTER: {}})

    @classmethod
    def load(cls, state: Any = None, check_items: list[Item] | None = None) -> LearningCheck:
        check = cls(list(check_items if check_items is not None else items()))
        state = state if isinstance(state, dict) else {}
        for phase in PHASES:
            part = state.get(phase)
            raw = part.get("answers") if isinstance(part, dict) else None
            if not isinstance(raw, dict):
                continue
            for item in check.items:
                value = raw.get(item.question.id)
                if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(item.question.options):
                    check.answers[phase][item.question.id] = value
        return check

    def to_dict(self) -> dict:
        return {phase: {"answers": dict(self.answers[phase])} for phase in PHASES}

    def answer(self, phase: str, question_id: str, option: int) -> bool:
        """Record a first answer; False (and nothing changes) when it was answered already."""
        if question_id in self.answers[phase]:
            return False
        item = next(i for i in self.items if i.question.id == question_id)
        if not 1 <= option <= len(item.question.options):
            raise ValueError(option)
        self.answers[phase][question_id] = option
        return True

    def right(self, phase: str, question_id: str) -> bool | None:
        chosen = self.answers[phase].get(question_id)
        if chosen is None:
            return None
        return chosen == next(i for i in self.items if i.question.id == question_id).question.right

    def correct(self, phase: str) -> int:
        return sum(bool(self.right(phase, i.question.id)) for i in self.items)

    def complete(self, phase: str) -> bool:
        return bool(self.items) and all(i.question.id in self.answers[phase] for i in self.items)

    def gain_rows(self) -> list[tuple[str, str, str]]:
        """Per idea: the result before and after ("goed", "niet goed" or "-")."""
        def word(value: bool | None) -> str:
            return "-" if value is None else t("quiz.leerwinst_page.right_word" if value else "quiz.leerwinst_page.wrong_word")

        return [(i.idea, word(self.right(BEFORE, i.question.id)), word(self.right(AFTER, i.question.id)))
                for i in self.items]

    def summary(self) -> str:
        """What the learner's answers show, and no more."""
        total = len(self.items)
        before, after = self.complete(BEFORE), self.complete(AFTER)
        if not before and not after:
            return t("quiz.leerwinst_page.none")
        if not after:
            return t("quiz.leerwinst_page.only_before")
        if not before:
            return t("quiz.leerwinst_page.no_before", after=self.correct(AFTER), total=total)
        difference = self.correct(AFTER) - self.correct(BEFORE)
        key = "gain" if difference > 0 else "same" if difference == 0 else "less"
        return t(f"quiz.leerwinst_page.{key}", before=self.correct(BEFORE), after=self.correct(AFTER), total=total,
                 difference=abs(difference),
                 ideas=dutch.join(self.improved()) if self.improved() else "-")

    def improved(self) -> list[str]:
        return [i.idea for i in self.items
                if self.right(BEFORE, i.question.id) is False and self.right(AFTER, i.question.id)]


def export_blocks(state: dict) -> list[Block]:
    check = LearningCheck.load(state)
    return [
        Paragraph(check.summary()),
        Table(tlist("quiz.leerwinst_page.table_header"), check.gain_rows()),
    ]


def class_gain(states: list[Any], check_items: list[Item] | None = None) -> list[dict]:
    """Per idea, over learners who did both checks: how many, right before, right after."""
    check_items = list(check_items if check_items is not None else items())
    checks = [LearningCheck.load(state, check_items) for state in states]
    both = [c for c in checks if c.complete(BEFORE) and c.complete(AFTER)]
    rows = []
    for item in check_items:
        rows.append({
            "idea": item.idea, "learners": len(both),
            "before": sum(bool(c.right(BEFORE, item.question.id)) for c in both),
            "after": sum(bool(c.right(AFTER, item.question.id)) for c in both),
        })
    return rows
