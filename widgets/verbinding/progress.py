"""How far a learner is in each module: not started, started, almost done, done (no widgets).

"Afgerond" (DONE) means two things held by the saved state: the module's work is complete
(each module model's own ``is_complete(state)``: the module decides whether the learner did
everything it asks) and, when the module has a kennischeck (:mod:`verbinding.quiz`), every
question of it is answered. Work complete with the kennischeck still open is QUIZ, "bijna
klaar: kennischeck nog doen": the course map, the menu, the Afronding, the certificate and
the class overview never call a module "afgerond" before its kennischeck. The module's
``still_to_do(state)`` says in Dutch what is still missing, and :func:`still_to_do` adds the
kennischeck. A module without ``is_complete`` can only be "begonnen", never "afgerond": the
course never claims more than the workbook holds.

A model whose ``is_complete``/``still_to_do`` take ``modules`` (module id -> saved state) is
given the learner's other modules: module 5 shows the dossier name from Kennismaken, and
judges it so.

Work on a case-bound module (``course.Module.per_case``) is kept per case. A module counts
as far as the learner got in *any* case: switching case hides no work from the course map,
the Afronding or the certificate; :func:`best_progress` says in which case that work is.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from verbinding.course import DEFAULT_CASE, MODULES, PER_CASE_MODULES, course_modules
from verbinding.texts import t

# module id -> the pure model that judges its state (course.Module.model)
MODELS = {m.id: m.model for m in MODULES if m.model}

# QUIZ: the module's work is complete, its kennischeck is not (yet) done
OPEN, STARTED, QUIZ, DONE = "open", "started", "quiz", "done"
RANK = {OPEN: 0, STARTED: 1, QUIZ: 2, DONE: 3}
STATUS_TEXTS = {OPEN: "intro.index.status_open", STARTED: "intro.index.status_started",
                QUIZ: "intro.index.status_quiz", DONE: "intro.index.status_done"}


def _call(function, state: dict, modules: Mapping[str, Any] | None):
    """``function(state)``, with ``modules=`` when it takes them and they are known."""
    if modules is not None and "modules" in inspect.signature(function).parameters:
        return function(state, modules=modules)
    return function(state)


def quiz_open(state: Any, module_id: str) -> tuple[int, int] | None:
    """(answered, total) of a module's kennischeck while questions are still open in
    ``state``; None when every question is answered or the module has no kennischeck (or
    its quiz file cannot be read: the page then shows only a message, nothing to do)."""
    from verbinding.quiz import STATE_KEY, KnowledgeCheckModel, QuizError, has_questions

    if not has_questions(module_id):
        return None
    try:
        model = KnowledgeCheckModel.load(module_id, state.get(STATE_KEY) if isinstance(state, dict) else None)
    except QuizError:
        return None
    answered, total = len(model.answers), len(model.items)
    return (answered, total) if answered < total else None


def state_of(state: dict, module_id: str, modules: Mapping[str, Any] | None = None) -> str:
    """OPEN, STARTED, QUIZ or DONE for one module's saved state (``modules``: the learner's
    other modules, for a model that reads them)."""
    if not state:
        return OPEN
    model = MODELS.get(module_id)
    try:
        if model:
            judge = getattr(importlib.import_module(model), "is_complete", None)
        else:  # a trainer's own exercise (verbinding.exercises)
            item = next((m for m in course_modules() if m.id == module_id), None)
            judge = item.function("is_complete") if item is not None else None
        if judge is None or not _call(judge, state, modules):
            return STARTED
        return QUIZ if quiz_open(state, module_id) else DONE
    except Exception:  # an odd saved state never breaks the course map
        return STARTED


def still_to_do(state: dict, module_id: str, modules: Mapping[str, Any] | None = None,
                with_quiz: bool = True) -> list[str] | None:
    """What the learner still has to do for "afgerond" in one module's saved state: each
    module model's own ``still_to_do(state)`` (Dutch, in the order of the page; empty when
    the module is done). None for a module without completion rules, or for a saved state
    the model cannot read (the course map then says "begonnen" and claims no more).

    ``modules`` (module id -> saved state) goes to a model whose ``still_to_do`` takes it:
    what its page shows from another module (module 5's dossier name from Kennismaken).

    The module's kennischeck, while open, is the last item: "afgerond" needs it too
    (``with_quiz=False`` leaves it out, for a page that shows the kennischeck apart)."""
    model = MODELS.get(module_id)
    try:
        list_missing = getattr(importlib.import_module(model), "still_to_do", None) if model else None
        if not list_missing:
            return None
        state = state if isinstance(state, dict) else {}
        missing = [str(item) for item in _call(list_missing, state, modules)]
    except Exception:  # an odd saved state never breaks a page
        return None
    return missing + (quiz_to_do(state, module_id) if with_quiz else [])


def quiz_to_do(state: Any, module_id: str) -> list[str]:
    """'Doe de kennischeck ...' or 'Maak de kennischeck af ...' while it is open, else []."""
    from verbinding.dutch import count

    still_open = quiz_open(state, module_id)
    if still_open is None:
        return []
    answered, total = still_open
    if not answered:
        return [t("common.todo.quiz", questions=count(total, t("common.todo.question"), t("common.todo.questions")))]
    return [t("common.todo.quiz_rest", questions=count(total - answered, t("common.todo.question"),
                                                        t("common.todo.questions")))]


@dataclass(frozen=True)
class Progress:
    """The furthest a learner got in one module, and where that work is."""

    status: str  # OPEN, STARTED or DONE
    # the case reference the work belongs to; None for a module not bound to a case
    case: str | None = None
    state: dict = field(default_factory=dict)
    # True when that case is not the case the learner has chosen now
    other_case: bool = False


def states_per_case(document: Mapping[str, Any], module_id: str) -> list[tuple[str | None, dict]]:
    """Every saved state of one module in a workbook document, as (case, state), the chosen
    case first. A module not bound to a case has one state, with case None."""
    modules = document.get("modules") if isinstance(document.get("modules"), Mapping) else {}
    state = modules.get(module_id)
    state = state if isinstance(state, dict) else {}
    if module_id not in PER_CASE_MODULES:
        return [(None, state)]
    found = [(document.get("case") or DEFAULT_CASE, state)]
    others = document.get("other_cases") if isinstance(document.get("other_cases"), Mapping) else {}
    for reference, states in sorted(others.items()):
        other = states.get(module_id) if isinstance(states, Mapping) else None
        if isinstance(other, dict) and other and reference != found[0][0]:
            found.append((reference, other))
    return found


def document_modules(document: Mapping[str, Any]) -> dict[str, Any]:
    """The saved states of a workbook document (the chosen case's), for a model that reads
    another module (module 5 the dossier name from Kennismaken, which is not kept per case)."""
    modules = document.get("modules") if isinstance(document, Mapping) else None
    return dict(modules) if isinstance(modules, Mapping) else {}


def best_progress(document: Mapping[str, Any], module_id: str) -> Progress:
    """The case in which the learner got furthest with a module (the chosen case on a tie;
    among other cases, the one with more knowledge-check answers, then by name)."""
    from verbinding.quiz import result

    candidates = states_per_case(document, module_id)
    current = candidates[0][0]
    modules = document_modules(document)
    # each state judged once (a model's check can take a few milliseconds)
    judged = [(state_of(state, module_id, modules), case, state) for case, state in candidates]

    def weight(item: tuple[str, str | None, dict]) -> tuple[int, bool, int]:
        answered = (result(item[2]) or (0, 0, 0))[0]
        return RANK[item[0]], item[1] == current, answered

    status, case, state = max(judged, key=weight)
    return Progress(status, case, state, other_case=status != OPEN and case is not None and case != current)


def best_modules(document: Mapping[str, Any]) -> dict[str, dict]:
    """Per module the state of :func:`best_progress` (what an overview of the whole course
    should read: the learner's furthest work, whichever case it was done in)."""
    return {m.id: best_progress(document, m.id).state for m in course_modules()}


def case_note(progress: Progress) -> str:
    """' (casus Klimaatadaptatie)' when the work is in another case than the chosen one."""
    if not progress.other_case or not progress.case:
        return ""
    from verbinding.export import case_short_title

    return " " + t("intro.index.status_case", case=case_short_title(progress.case))


def module_status(workbook, module_id: str) -> str:
    """The Dutch status word the course map shows for a module (with the case when the
    learner's work on it is in another case than the chosen one)."""
    progress = best_progress(workbook.document, module_id)
    return t(STATUS_TEXTS[progress.status]) + case_note(progress)


def done_modules(workbook) -> list[str]:
    document = workbook.document
    return [m.id for m in course_modules() if best_progress(document, m.id).status == DONE]
