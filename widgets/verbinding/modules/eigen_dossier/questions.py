"""The OCA questions as the catalogue holds them (``texts/nl/dossier.yaml``): pillars,
questions and score scale, validated by :func:`load_texts`; and the constants of the scan."""

from __future__ import annotations

import re
from dataclasses import dataclass

from verbinding.texts import ExerciseTexts

PILLAR_IDS = ("outreach", "connection", "accountability")
# Which course module each pillar's questions can draw on, and its number in the course.
PILLAR_MODULES = {"outreach": ("outreach", 2), "connection": ("connection", 3),
                  "accountability": ("accountability", 4)}
# Okabe-Ito colours per pillar (colour-blind safe).
PILLAR_COLOURS = {"outreach": "#E69F00", "connection": "#56B4E9", "accountability": "#009E73"}
STATE_VERSION = 1
FEEDBACK_QUESTION = "feedback"
FEW_HEARD_BACK = 0.5  # under half of module 4's list heard back: a high self-score is worth a second look
# remarks to think about, and what the course sees beside the evidence: they do not block completion
# lines that advise and never hold up a question: the word search on the evidence is a tip
REMARK_KINDS = ("feedback_score_high", "evidence_seen", "evidence_short", "evidence_unrelated")
MIN_EVIDENCE_WORDS = 3  # "Verslag ronde tafel" is evidence; "asdf" or "zie boven" is not
MIN_STEM = 4  # a catalogue word of this length or more also counts as the start of a longer word
MAX_SEEN_NAMES = 5
FIELDS = ("answer", "evidence", "next_step", "when")
_ID_RE = re.compile(r"^[a-z0-9_]+$")
_WORDS_RE = re.compile(r"\w+")


class DossierTextsError(ValueError):
    """``dossier.yaml`` cannot be used; ``str(error)`` is a Dutch message for a trainer."""


@dataclass(frozen=True)
class Pillar:
    id: str
    name: str
    summary: str


@dataclass(frozen=True)
class Question:
    id: str
    pillar: str
    short: str
    question: str
    help: str
    evidence: str


@dataclass(frozen=True)
class DossierTexts:
    pillars: tuple[Pillar, ...]
    questions: tuple[Question, ...]
    scale: tuple[str, ...]

    @property
    def scale_max(self) -> int:
        return len(self.scale)

    def pillar(self, pillar_id: str) -> Pillar:
        for pillar in self.pillars:
            if pillar.id == pillar_id:
                return pillar
        raise KeyError(pillar_id)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclass(frozen=True)
class Check:
    """One feedback line for one question. ``kind`` is the catalogue key."""

    question: str
    kind: str
    text: str

    @property
    def ok(self) -> bool:
        return self.kind in ("complete",) + REMARK_KINDS


# ----- loading and validating the catalogue -----------------------------------------


_TEXTS = ExerciseTexts("dossier", DossierTextsError)
_error = _TEXTS.error


def load_texts() -> DossierTexts:
    """Pillars, questions and scale from ``dossier.yaml``, validated.

    Raises :class:`DossierTextsError` (Dutch, for the trainer) on a broken edit.
    """
    pillars = [
        Pillar(**item) for item in _TEXTS.fixed_items(
            "pillars", PILLAR_IDS, ("name", "summary"),
            ids_error="pillar_ids", field_error="pillar_field")
    ]
    questions: list[Question] = []
    for number, values, _item in _TEXTS.numbered_items(
            "questions", ("id", "pillar", "short", "question", "help", "evidence"), kind="question"):
        if not _ID_RE.match(values["id"]):
            raise _error("question_id", number=number, id=values["id"])
        if values["pillar"] not in PILLAR_IDS:
            raise _error("question_pillar", number=number, id=values["id"], pillar=values["pillar"])
        questions.append(Question(**values))
    scale = _TEXTS.scale("scale")
    return DossierTexts(tuple(pillars), tuple(questions), scale)

