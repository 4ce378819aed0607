"""Module 5 "Eigen dossier": the six OCA questions applied to the learner's own dossier.

Pure model, no widgets. For each question (from the Leiden Leadership Centre factsheet,
texts in ``texts/nl/dossier.yaml``) the learner writes an answer and the evidence, gives a
score on the catalogue's scale and notes a concrete next step (what, and when). The model
gives feedback per question, pulls short hints from the learner's work in modules 2–4
(:func:`module_hints`, read defensively), and renders a one-page "OCA-scan" as document
blocks (Word and Markdown through :mod:`verbinding.document`) and a chart of the scores.

State (``workbook.module("eigen_dossier")``)::

    {"version": 1,
     "title": str, "description": str,
     "questions": {question_id: {"answer": str, "evidence": str, "score": int | None,
                                  "next_step": str, "when": str}},
     "werkbank": {...}}   # the learner's own map and contacts, see verbinding.workbench
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import dutch
from .accountability import AccountabilityModel, feedback_counts
from .document import Block, Bullets, Heading, Paragraph, Table, to_docx, to_markdown
from .texts import ExerciseTexts, catalogue, plain_text, t
from .vegalite import records
from .workbench import Workbench

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
REMARK_KINDS = ("feedback_score_high", "evidence_seen")
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
_text = plain_text


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


# ----- hints from modules 2-4 ---------------------------------------------------------


def _collection(state: Any, *keys: str) -> list | None:
    """The first list/dict found under one of ``keys`` (dict values), else None."""
    if not isinstance(state, dict):
        return None
    for key in keys:
        value = state.get(key)
        if isinstance(value, list):
            return [v for v in value if v not in (None, "", {}, [])]
        if isinstance(value, dict):
            return [v if isinstance(v, dict) and _name(v) else str(k)
                    for k, v in value.items() if v not in (None, "", {}, [], False)]
    return None


def _name(item: Any) -> str:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict):
        for key in ("name", "naam", "label", "title", "organisation", "organisation_name",
                    "stakeholder", "dimension", "id"):
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""


def _names(items: list, limit: int = 5) -> str:
    """'A, B en C'; past ``limit``: 'A, B, C, D, E en nog 2 andere' (not 'E, ....')."""
    names = [n for n in (_name(i) for i in items) if n]
    if len(names) > limit:
        rest = len(names) - limit
        return dutch.join([*names[:limit], t("dossier.hints.more_names", count=dutch.number(rest))])
    return dutch.join(names)


def _has_text(state: Any, *keys: str) -> bool:
    if not isinstance(state, dict):
        return False
    for key in keys:
        value = state.get(key)
        if isinstance(value, str) and value.strip():
            return True
        if isinstance(value, (dict, list)) and any(
            (isinstance(v, str) and v.strip()) or (isinstance(v, (dict, list)) and v)
            for v in (value.values() if isinstance(value, dict) else value)
        ):
            return True
    return False


def module_hints(modules: Mapping[str, Any], texts: DossierTexts | None = None) -> dict[str, list[str]]:
    """Short Dutch reminders per question from the learner's earlier work in the course.

    ``modules`` maps module id (``kennismaken``, ``outreach``, ``connection``,
    ``accountability``) to that module's saved state. Shapes are read defensively: an
    unknown or broken state gives a generic pointer to the module, never an error.
    """
    texts = texts or load_texts()
    modules = modules if isinstance(modules, Mapping) else {}
    intro = modules.get("kennismaken")
    outreach = modules.get("outreach")
    connection = modules.get("connection")
    accountability = modules.get("accountability")
    specific: dict[str, list[str]] = {}

    def add(question_id: str, text: str) -> None:
        specific.setdefault(question_id, []).append(text)

    try:
        dims = _collection(outreach, "dimensions")
        if dims:
            add("dimensions", t("dossier.hints.outreach_dimensions", count=len(dims),
                                names=_names(dims)))
        gaps = _collection(outreach, "gaps")
        if gaps:
            add("dimensions", t("dossier.hints.outreach_gaps", count=len(gaps)))
        alternatives = _collection(outreach, "alternatives")
        if alternatives:
            add("alternatives", t("dossier.hints.outreach_alternatives", count=len(alternatives)))
        elif dims:  # module 2 done without alternatives: do not say "you worked on this"
            add("alternatives", t("dossier.hints.outreach_no_alternatives"))
        partners = _collection(intro, "partners")
        if partners:
            add("new_connections", t("dossier.hints.intro_partners", count=len(partners),
                                     names=_names(partners)))
        invited = _collection(connection, "invited", "invitations", "invites",
                              "new_connections", "selected")
        if invited:
            add("new_connections", t("dossier.hints.connection_invited", count=len(invited),
                                     names=_names(invited)))
        if _has_text(connection, "counter_voice", "countervoice", "tegengeluid", "counter"):
            add("counter_voice", t("dossier.hints.connection_counter_voice"))
        interests = _collection(accountability, "interests")
        if interests:
            weighed = [i for i in interests if isinstance(i, dict) and _text(i.get("weight"))]
            add("weighing", t("dossier.hints.accountability_weighed", count=dutch.number(len(weighed)),
                              total=dutch.count(len(interests), t("dossier.hints.interest"),
                                                t("dossier.hints.interests"))))
        if _has_text(accountability, "draft", "rationale"):
            add("weighing", t("dossier.hints.accountability_rationale"))
        if isinstance(accountability, dict) and accountability.get("interests"):
            given, total = feedback_counts(accountability)  # the same count module 4 shows
            parts = AccountabilityModel.from_dict(accountability).feedback_parts_text()
            if total and parts:  # groups of consultation responses are no parties
                add("feedback", t("dossier.hints.accountability_feedback_parts", count=dutch.number(given),
                                  total=dutch.number(total), parts=parts))
            elif total:
                add("feedback", t("dossier.hints.accountability_feedback", count=dutch.number(given),
                                  total=dutch.count(total, t("dossier.hints.party"), t("dossier.hints.parties"))))
    except (TypeError, ValueError, AttributeError):  # pragma: no cover - defensive
        specific = {}

    hints: dict[str, list[str]] = {}
    for question in texts.questions:
        if question.id in specific:
            hints[question.id] = specific[question.id]
            continue
        module_id, number = PILLAR_MODULES[question.pillar]
        state = modules.get(module_id)
        if isinstance(state, dict) and state:
            hints[question.id] = [t("dossier.hints.generic", number=number)]
    return hints


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


def still_to_do(state: Any) -> list[str]:
    """What is missing for "afgerond", in Dutch, in the order of the page: the dossier has
    a name and every OCA question has an answer, evidence and a score (and a next step with
    a date when the score is not the highest)."""
    scan = DossierScan.from_dict(state if isinstance(state, dict) else {})
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


def is_complete(state: Any) -> bool:
    """Module 5 done, from its saved state alone: nothing :func:`still_to_do`."""
    return not still_to_do(state)


def hint_module_ids() -> tuple[str, ...]:
    """The workbook modules :func:`module_hints` reads."""
    return ("kennismaken", "outreach", "connection", "accountability")


# ----- the model ----------------------------------------------------------------------


def _empty_entry() -> dict[str, Any]:
    return {"answer": "", "evidence": "", "score": None, "next_step": "", "when": ""}


def _normalised(text: str) -> str:
    return " ".join(_WORDS_RE.findall(text.lower()))


def _word_list(key: str) -> list[str]:
    """A list of lower-case words (or phrases) under ``dossier.<key>``; [] when absent."""
    value = catalogue().get(f"dossier.{key}")
    return [_normalised(str(w)) for w in value if _normalised(str(w))] if isinstance(value, list) else []


def _mentions(words: list[str], text: str, stem: bool = True) -> bool:
    """True when ``text`` (normalised) holds one of ``words``: a whole word or phrase, or
    (``stem``) a word of :data:`MIN_STEM` letters or more at the start of a longer word."""
    padded = f" {text} "
    for word in words:
        if f" {word} " in padded or (stem and len(word) >= MIN_STEM and f" {word}" in padded):
            return True
    return False


def evidence_kind(evidence: str, question_id: str, names: list[str] = ()) -> str:
    """How far the evidence for one question goes: 'empty'; 'short' (a few words, or only
    words that say nothing, such as "asdf" or "zie boven"); 'unrelated' (no kind of evidence,
    no word of the question and no name from the learner's own work for it); or 'ok'.

    The words come from ``dossier.evidence`` in the catalogue, so a trainer can add some."""
    words = _normalised(evidence).split()
    if not words:
        return "empty"
    filler = set(_word_list("evidence.filler"))
    real = {w for w in words if w not in filler and not w.isdigit()}
    if dutch.reflection_kind(" ".join(dict.fromkeys(words)), MIN_EVIDENCE_WORDS) != "ok" or len(real) < 2:
        return "short"
    text = " ".join(words)
    related = _word_list("evidence.sources") + _word_list(f"evidence.topics.{question_id}")
    if _mentions(related, text) or _mentions([_normalised(n) for n in names if _normalised(n)], text, stem=False):
        return "ok"
    return "unrelated"


class DossierScan:
    """The learner's OCA scan of their own dossier."""

    def __init__(self, texts: DossierTexts | None = None):
        self.texts = texts or load_texts()
        self.title = ""
        self.description = ""
        self.entries: dict[str, dict[str, Any]] = {}
        self.workbench: dict[str, Any] = {}  # verbinding.workbench state, kept as saved

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
        Outreach, its contacts for Connection, module 4's weighing for Accountability."""
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
        elif pillar == "accountability" and self._weighed():
            weighed, total = self._weighed()
            names = weighed
            seen = t("dossier.feedback.seen_weighing", names=_names(names, MAX_SEEN_NAMES),
                     count=dutch.number(len(weighed)), total=dutch.count(total, t("dossier.hints.interest"),
                                                                         t("dossier.hints.interests")))
        else:
            return ""
        text = _normalised(self.entry(question_id)["evidence"])
        named = [n for n in dict.fromkeys(names) if _normalised(n) and _mentions([_normalised(n)], text, stem=False)]
        if not text:
            return seen
        tail = (t("dossier.feedback.seen_named", named=_names(named, MAX_SEEN_NAMES)) if named
                else t("dossier.feedback.seen_none"))
        return f"{seen} {tail}"

    def _weighed(self) -> tuple[list[str], int] | None:
        """Module 4's weighed interests (names) and how many it lists, from ``course_modules``."""
        modules = self.course_modules if isinstance(self.course_modules, Mapping) else {}
        state = modules.get("accountability")
        if not isinstance(state, dict) or not state.get("interests"):
            return None
        try:
            model = AccountabilityModel.from_dict(state)
        except (TypeError, ValueError, AttributeError):  # pragma: no cover - defensive
            return None
        weighed = [i.name for i in model.interests if i.weight]
        return (weighed, len(model.interests)) if weighed else None

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
        upper = score is not None and score > (self.texts.scale_max + 1) / 2
        if not evidence:  # every score needs evidence, "1 - Nog niet" too (what shows it is not yet?)
            found.append("high_without_evidence" if upper else "no_evidence")
        elif answer and _normalised(answer) == _normalised(evidence):
            found.append("evidence_repeats")
        else:  # "asdf", "zie boven" or text about something else is no evidence (issue 28)
            kind = evidence_kind(evidence, question_id, self.own_names(question_id))
            if kind != "ok":
                found.append(f"evidence_{kind}")
        if score is not None and score < self.texts.scale_max and not step:
            found.append("no_next_step")
        if step and not when:
            found.append("no_when")
        if not found:
            found.append("complete")
        checks = [Check(question_id, kind, t(f"dossier.feedback.{kind}", question=question.short,
                                             example=question.evidence))
                  for kind in found]
        seen = self.evidence_seen(question_id)
        if seen:
            checks.append(Check(question_id, "evidence_seen", seen))
        remark = self.feedback_score_remark() if question_id == FEEDBACK_QUESTION else ""
        if remark:
            checks.append(Check(question_id, "feedback_score_high", remark))
        return checks

    def all_checks(self) -> list[Check]:
        return [c for q in self.texts.questions for c in self.checks(q.id)]

    def complete(self) -> bool:
        return all(c.ok for c in self.all_checks())

    # chart data ----------------------------------------------------------------
    def scores_frame(self) -> pd.DataFrame:
        return scores_frame(self.to_dict(), self.texts)

    def summary(self) -> str:
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


# ----- aggregated frame, chart and summary --------------------------------------------


def scores_frame(state: dict, texts: DossierTexts | None = None) -> pd.DataFrame:
    """One row per question: id, short title, pillar, score (NaN when not scored), label."""
    texts = texts or load_texts()
    scan = DossierScan.from_dict(state, texts)
    rows = []
    for order, question in enumerate(texts.questions):
        score = scan.score(question.id)
        rows.append({
            "question": question.id,
            "short": question.short,
            "order": order,
            "pillar": question.pillar,
            "pillar_name": texts.pillar(question.pillar).name,
            "score": float(score) if score is not None else float("nan"),
            "label": texts.scale[score - 1] if score else t("dossier.export.not_scored"),
        })
    return pd.DataFrame(rows)


def scores_summary(state: dict, texts: DossierTexts | None = None) -> str:
    """A Dutch text alternative for the chart."""
    texts = texts or load_texts()
    frame = scores_frame(state, texts)
    rated = frame.dropna(subset=["score"])
    if rated.empty:
        return t("dossier.summary.empty")
    parts = [t("dossier.summary.filled", filled=dutch.part_of(len(rated), len(frame), t("dossier.summary.question.one"),
                                                              t("dossier.summary.question.many")))]
    for pillar in texts.pillars:
        scores = rated.loc[rated["pillar"] == pillar.id, "score"]
        if len(scores) == 1:  # one score is no average
            parts.append(t("dossier.summary.pillar_single", pillar=pillar.name,
                           score=int(scores.iloc[0]), max=texts.scale_max))
        elif len(scores):
            parts.append(t("dossier.summary.pillar", pillar=pillar.name,
                           average=dutch.number(scores.mean(), 1), max=texts.scale_max))
    low = rated.sort_values(["score", "order"]).iloc[0]
    if low["score"] < texts.scale_max:
        lows = rated.loc[rated["score"] == low["score"]].sort_values("order")  # a tie is named as one
        key = "dossier.summary.lowest" if len(lows) == 1 else "dossier.summary.lowest_tie"
        parts.append(t(key, question=dutch.join(list(lows["short"])), score=int(low["score"]),
                       max=texts.scale_max))
    return " ".join(parts)


def scores_chart(frame: pd.DataFrame, scale_max: int | None = None) -> dict:
    """Horizontal bars (Vega-Lite spec) of the score per question, coloured by pillar."""
    scale_max = scale_max or load_texts().scale_max
    data = frame.assign(score=frame["score"].fillna(0))
    names = list(dict.fromkeys(data["pillar_name"]))
    colours = [PILLAR_COLOURS[p] for p in dict.fromkeys(data["pillar"])]
    question = t("dossier.page.chart_axis_question")
    return {
        "data": {"values": records(data)},
        "title": t("dossier.page.chart_title"),
        "width": 360,
        "height": 200,
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "score", "type": "quantitative", "title": t("dossier.page.chart_axis_score", max=scale_max),
                  "scale": {"domain": [0, scale_max]},
                  "axis": {"values": list(range(0, scale_max + 1)), "format": "d"}},
            "y": {"field": "short", "type": "nominal", "title": question, "sort": {"field": "order"}},
            "color": {"field": "pillar_name", "type": "nominal", "title": t("dossier.page.chart_legend"),
                      "scale": {"domain": names, "range": colours}},
            "tooltip": [{"field": "short", "type": "nominal", "title": question},
                        {"field": "label", "type": "nominal", "title": t("dossier.page.score_label")}],
        },
    }


# ----- the OCA scan as a document ------------------------------------------------------


def scan_title(state: dict) -> str:
    title = state.get("title") if isinstance(state, dict) else None
    if isinstance(title, str) and title.strip():
        return t("dossier.export.title", dossier=title.strip())
    return t("dossier.export.title_untitled")


def export_blocks(state: dict, heading_level: int = 3, with_title: bool = True) -> list[Block]:
    """The one-page OCA scan as document blocks (learner text stays plain text).

    ``verbinding.export`` puts these under the module's heading; :func:`scan_markdown`
    and :func:`scan_docx` use them on their own, with the scan's title as document title.
    """
    texts = load_texts()
    scan = DossierScan.from_dict(state, texts)
    bench = Workbench.from_dict(scan.workbench)
    has_work = scan.title.strip() or scan.description.strip() or bench.is_started() or any(
        e.get("score") is not None or any(str(e.get(f, "")).strip() for f in FIELDS)
        for e in scan.entries.values()
    )
    if not has_work:
        return [Paragraph(t("dossier.export.nothing"))]
    blocks: list[Block] = [Heading(scan_title(state), level=heading_level)] if with_title else []
    if scan.description.strip():
        blocks.append(Paragraph(t("dossier.export.description", description=scan.description)))
    rows = []
    steps = []
    for question in texts.questions:
        entry = scan.entry(question.id)
        score = scan.score(question.id)
        rows.append([
            texts.pillar(question.pillar).name,
            question.question,
            f"{score} - {texts.scale[score - 1]}" if score else t("dossier.export.not_scored"),
            entry["answer"],
            entry["evidence"],
        ])
        if entry["next_step"].strip():
            key = "next_step_item_when" if entry["when"].strip() else "next_step_item"
            steps.append(t(f"dossier.export.{key}", question=question.short,
                           step=entry["next_step"], when=entry["when"]))
    known = {q.id for q in texts.questions}
    for qid, entry in scan.entries.items():
        if qid not in known and any(str(entry.get(f, "")).strip() for f in FIELDS):
            rows.append(["", f"{qid} {t('dossier.export.unknown_question')}",
                         str(entry.get("score") or ""), entry["answer"], entry["evidence"]])
    blocks.append(Table([t("dossier.export.col_pillar"), t("dossier.export.col_question"),
                         t("dossier.export.col_score"), t("dossier.export.col_answer"),
                         t("dossier.export.col_evidence")], rows))
    blocks.append(Paragraph(scores_summary(scan.to_dict(), texts)))
    blocks.extend(bench.export_blocks(heading_level + 1 if with_title else heading_level))
    blocks.append(Heading(t("dossier.export.next_steps"),
                          level=heading_level + 1 if with_title else heading_level))
    blocks.append(Bullets(steps) if steps else Paragraph(t("dossier.export.no_next_steps")))
    blocks.append(Paragraph(t("dossier.export.source"), italic=True))
    return blocks


def scan_markdown(state: dict) -> str:
    """The OCA scan on its own, as Markdown."""
    return to_markdown(export_blocks(state, heading_level=2, with_title=False),
                       title=scan_title(state))


def scan_docx(state: dict) -> bytes:
    """The OCA scan on its own, as a Word document."""
    return to_docx(export_blocks(state, heading_level=2, with_title=False),
                   title=scan_title(state))


def scan_filename(state: dict, extension: str) -> str:
    """A safe file name such as ``oca-scan-laadpalen.docx``."""
    title = state.get("title") if isinstance(state, dict) else ""
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "").lower()).strip("-")[:40].strip("-")
    stem = t("dossier.export.file_stem")
    return f"{stem}-{slug}.{extension}" if slug else f"{stem}.{extension}"
