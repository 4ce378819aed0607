"""What reading a case found: the Dutch report (:class:`LoadReport`) and :class:`CaseError`.
"""

from __future__ import annotations

import numpy as np

from verbinding.tabular import MAX_LISTED_PER_KIND, Problem, counted
from verbinding.texts import t


class LoadReport:
    """What happened while reading: problems (Dutch), rows set aside (counted), summaries."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.set_aside: dict[tuple[str, str], int] = {}  # (file, reason) -> rows
        self.notes: list[str] = []
        self.fatal = False
        self.corrections: dict[str, str] = {}  # contacts cell naming organisations -> their ids

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows_set_aside(self) -> int:
        return sum(self.set_aside.values())

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    def count_aside(self, file: str, reason: str, count: int) -> None:
        if count:
            key = (file, reason)
            self.set_aside[key] = self.set_aside.get(key, 0) + int(count)

    def row_problems(
        self, file: str, rows: np.ndarray, column: str | None, messages: list[str], reason: str | None
    ) -> None:
        """Problems for many rows at once: the first ones listed, the rest counted."""
        count = len(rows)
        if not count:
            return
        for row, message in zip(rows[:MAX_LISTED_PER_KIND], messages[:MAX_LISTED_PER_KIND]):
            self.problems.append(Problem(file, int(row), column, message))
        if count > MAX_LISTED_PER_KIND:
            self.problems.append(
                Problem(file, None, column, t("cases.report.more_rows", count=count - MAX_LISTED_PER_KIND))
            )
        if reason:
            self.count_aside(file, reason, count)

    def lines(self) -> list[str]:
        out = list(self.notes)
        for (file, reason), count in self.set_aside.items():
            out.append(t("cases.report.set_aside", file=file, count=counted(count, "row"), reason=reason))
        if self.problems:
            out.append(t("cases.report.problems_header"))
            files = list(dict.fromkeys(p.file for p in self.problems))
            ordered = sorted(
                self.problems,
                key=lambda p: (files.index(p.file), p.row if p.row is not None else float("inf")),
            )
            out.extend(f"- {problem}" for problem in ordered)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


class CaseError(Exception):
    """A case or contact log cannot be used. ``problems`` lists all; ``str()`` is the report."""

    def __init__(self, problems: list[Problem], report: LoadReport | None = None):
        self.problems = list(problems)
        if report is None:
            report = LoadReport()
            report.extend(self.problems)
        report.fatal = True
        self.report = report
        super().__init__(str(report))


def report_summary(error: CaseError, limit: int = 3) -> list[str]:
    """The first problems of a case that cannot be used, for a page (``check-case`` shows all)."""
    lines = [str(problem) for problem in error.problems[:limit]]
    if len(error.problems) > limit:
        lines.append(t("cases.report.more_problems", count=counted(len(error.problems) - limit, "report")))
    return lines


def _command() -> str:
    from verbinding.cli import command

    return command()
