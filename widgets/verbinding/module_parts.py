"""Parts that a view other than the module's own keeps inside a module's workbook state.

The knowledge check (``"kennischeck"``) and the drietrapsraket exercise
(``"drietrapsraket"``) live inside their module's state, next to the module's own model;
:data:`verbinding.workbook.KEPT_KEYS` keeps them when the module saves its model.
"""

from __future__ import annotations

from typing import Any


def read_part(workbook: Any, module_id: str, key: str) -> dict:
    """The part stored under ``key`` in a module's state ({} when absent or not a mapping)."""
    value = workbook.module(module_id).get(key)
    return value if isinstance(value, dict) else {}


def write_part(workbook: Any, module_id: str, key: str, value: dict) -> None:
    """Store one part, leaving the module's own state as it is (autosaved)."""
    state = workbook.module(module_id)
    state[key] = value
    workbook.set_module(module_id, state)
