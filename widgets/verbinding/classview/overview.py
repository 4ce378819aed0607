"""The class overview itself: :class:`ClassOverview` holds the learners read from their
workbooks and the skipped files, keeps count of numbers left out as out of range, and counts
learners per module. Its aggregates and rendering come from three mixins: :class:`OcaAggregates`
(``oca.py``), :class:`PracticeAggregates` (``practice.py``) and :class:`OverviewDocument`
(``blocks.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from verbinding.classview.blocks import OverviewDocument
from verbinding.classview.common import _module_title, _number
from verbinding.classview.files import Learner, read_workbooks
from verbinding.classview.oca import OcaAggregates
from verbinding.classview.practice import PracticeAggregates
from verbinding.course import INDEX
from verbinding.dutch import count
from verbinding.texts import t
from verbinding.workbook import known_ids


class ClassOverview(OcaAggregates, PracticeAggregates, OverviewDocument):
    """Aggregates over many learners' workbooks (see the docstring of :mod:`verbinding.classview`)."""

    def __init__(self, learners: list[Learner], skipped: list[tuple[str, str]] | None = None):
        self.learners = learners
        self.skipped = list(skipped or [])
        self._ignored: set[tuple] = set()  # (learner, module, field) of numbers out of range

    @classmethod
    def from_files(cls, files: Iterable[tuple[str, bytes]],
                   refused: Iterable[tuple[str, str]] = (), by_start: bool = False) -> ClassOverview:
        """``refused``: (name, reason) of files that never arrived (too large, unreadable)."""
        result = read_workbooks(files, by_start=by_start)
        return cls(result.learners, [*refused, *result.skipped])

    def skipped_lines(self) -> list[str]:
        """The skipped files per reason, counted: no file names (usually learner codes)."""
        counts: dict[str, int] = {}
        for _name, reason in self.skipped:
            counts[reason] = counts.get(reason, 0) + 1
        return [t("classview.skipped_count", files=count(n, t("classview.file"), t("classview.files")), reason=r)
                for r, n in counts.items()]

    def _in_range(self, value: Any, low: float, high: float, where: tuple) -> float | None:
        """A whole number from a workbook when it lies in ``low..high``, else None; a number
        outside is remembered by ``where`` (learner, module, field) for :attr:`ignored`."""
        number = _number(value)
        if number is None:
            return None
        if not (low <= number <= high) or not float(number).is_integer():
            self._ignored.add(where)
            return None
        return number

    @property
    def ignored(self) -> int:
        """Numbers left out because they were outside their range (each counted once)."""
        for method in (self.insider_counts, self.scores, self.barrier_ratings, self.agenda_types):
            method()
        return len(self._ignored)

    def ignored_note(self) -> str:
        ignored = self.ignored
        return t("classview.ignored", values=count(ignored, t("classview.value"), t("classview.values"))) if ignored else ""

    def _states(self, module_id: str) -> list[tuple[str, dict]]:
        return [(learner.label, learner.modules[module_id]) for learner in self.learners if learner.modules.get(module_id)]

    # ----- modules ------------------------------------------------------------------------
    def module_counts(self) -> pd.DataFrame:
        """Per module: how many learners did something in it, and how many of them finished it
        ("afgerond" as their own course map says it: the work and the kennischeck)."""
        from verbinding.progress import DONE

        rows = []
        for module_id in known_ids():
            if module_id == INDEX.id:
                continue
            rows.append({"module": module_id, "title": _module_title(module_id),
                         "learners": len(self._states(module_id)),
                         "done": sum(1 for learner in self.learners if learner.statuses.get(module_id) == DONE)})
        return pd.DataFrame(rows, columns=["module", "title", "learners", "done"])
