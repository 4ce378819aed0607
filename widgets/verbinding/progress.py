"""How far a learner is in each module: not started, started, done (no widgets).

"Done" is each module model's own ``is_complete(state)``: the module decides from its
saved state whether the learner did everything it asks. A module without that function
can only be "begonnen", never "afgerond": the course never claims more than the
workbook holds.
"""

from __future__ import annotations

import importlib

from .course import MODULES
from .texts import t

# module id -> the pure model that judges its state (course.Module.model)
MODELS = {m.id: m.model for m in MODULES if m.model}

OPEN, STARTED, DONE = "open", "started", "done"
STATUS_TEXTS = {OPEN: "intro.index.status_open", STARTED: "intro.index.status_started", DONE: "intro.index.status_done"}


def state_of(state: dict, module_id: str) -> str:
    """OPEN, STARTED or DONE for one module's saved state."""
    if not state:
        return OPEN
    model = MODELS.get(module_id)
    try:
        judge = getattr(importlib.import_module(model), "is_complete", None) if model else None
        return DONE if judge is not None and judge(state) else STARTED
    except Exception:  # an odd saved state never breaks the course map
        return STARTED


def module_status(workbook, module_id: str) -> str:
    """The Dutch status word the course map shows for a module."""
    key = STATUS_TEXTS[state_of(workbook.module(module_id), module_id)]
    return t(key)


def done_modules(workbook) -> list[str]:
    return [m.id for m in MODULES if state_of(workbook.module(m.id), m.id) == DONE]
