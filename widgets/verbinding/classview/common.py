"""Small readers shared by the class overview's files: a workbook is read defensively, so a
missing key, an older shape or a wrong type gives an empty value, never a crash.

Names with a leading underscore are shared between the files of :mod:`verbinding.classview` only
(``_fmt`` is also the one-decimal number the trainer's page shows).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from verbinding.texts import tlist

MAX_NAME = 60  # a name longer than this is cut: a sentence typed as a name is not shown whole
MAX_COUNT = 100_000  # a count above this in a workbook is not a count a learner made


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _name(value: Any) -> str:
    """A learner-given name as the overview shows it: one line, at most MAX_NAME characters."""
    text = _str(value)
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1].rstrip() + "…"


def _fmt(number: float) -> str:
    return f"{number:.1f}".replace(".", ",")


def _catalogue_list(key: str) -> list:
    try:
        value = tlist(key)
    except KeyError:
        return []
    return value if isinstance(value, list) else []


def _module_title(module_id: str) -> str:
    from verbinding.course import module

    try:
        return module(module_id).title
    except KeyError:  # a trainer's exercise folder with a problem: its id
        return module_id


def _count_by_name(per_learner: Iterable[Iterable[str]]) -> pd.DataFrame:
    """How many learners name each item (case and spaces ignored; first spelling shown)."""
    spelling: dict[str, str] = {}
    counts: dict[str, int] = {}
    for names in per_learner:
        seen = set()
        for name in names:
            name = _str(name)
            if not name:
                continue
            key = name.casefold()
            spelling.setdefault(key, name)
            if key not in seen:
                seen.add(key)
                counts[key] = counts.get(key, 0) + 1
    frame = pd.DataFrame(
        [{"key": k, "name": spelling[k], "learners": c} for k, c in counts.items()],
        columns=["key", "name", "learners"],
    )
    return frame.sort_values(["learners", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)

