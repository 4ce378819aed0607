"""How far a learner is in each module: not started, started, done (no widgets).

"Done" is each module model's own ``is_complete(state)``: the module decides from its
saved state whether the learner did everything it asks, and its ``still_to_do(state)``
says in Dutch what is still missing (:func:`still_to_do`). A module without
``is_complete`` can only be "begonnen", never "afgerond": the course never claims more than the
workbook holds.

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

OPEN, STARTED, DONE = "open", "started", "done"
RANK = {OPEN: 0, STARTED: 1, DONE: 2}
STATUS_TEXTS = {OPEN: "intro.index.status_open", STARTED: "intro.index.status_started", DONE: "intro.index.status_done"}


def state_of(state: dict, module_id: str) -> str:
    """OPEN, STARTED or DONE for one module's saved state."""
    if not state:
        return OPEN
    model = MODELS.get(module_id)
    try:
        if model:
            judge = getattr(importlib.import_module(model), "is_complete", None)
        else:  # a trainer's own exercise (verbinding.exercises)
            item = next((m for m in course_modules() if m.id == module_id), None)
            judge = item.function("is_complete") if item is not None else None
        return DONE if judge is not None and judge(state) else STARTED
    except Exception:  # an odd saved state never breaks the course map
        return STARTED


def still_to_do(state: dict, module_id: str, modules: Mapping[str, Any] | None = None) -> list[str] | None:
    """What the learner still has to do for "afgerond" in one module's saved state: each
    module model's own ``still_to_do(state)`` (Dutch, in the order of the page; empty when
    the module is done). None for a module without completion rules, or for a saved state
    the model cannot read (the course map then says "begonnen" and claims no more).

    ``modules`` (module id -> saved state) goes to a model whose ``still_to_do`` takes it:
    what its page shows from another module (module 5's dossier name from Kennismaken)."""
    model = MODELS.get(module_id)
    try:
        list_missing = getattr(importlib.import_module(model), "still_to_do", None) if model else None
        if not list_missing:
            return None
        state = state if isinstance(state, dict) else {}
        if modules is not None and "modules" in inspect.signature(list_missing).parameters:
            return [str(item) for item in list_missing(state, modules=modules)]
        return [str(item) for item in list_missing(state)]
    except Exception:  # an odd saved state never breaks a page
        return None


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


def best_progress(document: Mapping[str, Any], module_id: str) -> Progress:
    """The case in which the learner got furthest with a module (the chosen case on a tie;
    among other cases, the one with more knowledge-check answers, then by name)."""
    from verbinding.quiz import result

    candidates = states_per_case(document, module_id)
    current = candidates[0][0]

    def weight(item: tuple[str | None, dict]) -> tuple[int, bool, int]:
        answered = (result(item[1]) or (0, 0, 0))[0]
        return RANK[state_of(item[1], module_id)], item[0] == current, answered

    best = max(candidates, key=weight)
    case, state = best
    status = state_of(state, module_id)
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
