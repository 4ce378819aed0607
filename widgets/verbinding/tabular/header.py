"""Finding the header: the first row that holds all the expected columns (or aliases), and
a Dutch report of what is missing when none does."""

from __future__ import annotations

import difflib
import re

from verbinding.tabular.model import Problem, normalise_name
from verbinding.texts import t


def _locate(cells: list[str], names: list[str], aliases: dict[str, list[str]]) -> dict[str, int]:
    """Position in ``cells`` of each of ``names`` found there (by name or one of its aliases)."""
    lookup: dict[str, int] = {}
    for index, cell in enumerate(cells):
        lookup.setdefault(normalise_name(cell), index)
    for index, cell in enumerate(cells):  # "Organisatiekracht (1-5)" is organisatiekracht
        lookup.setdefault(re.sub(r"\s*\([^)]*\)\s*$", "", normalise_name(cell)), index)
    found: dict[str, int] = {}
    for name in names:
        for candidate in (name, *aliases.get(name, [])):
            key = normalise_name(candidate)
            if key in lookup:
                found[name] = lookup[key]
                break
    return found


def _match_header(cells: list[str], expected, optional, aliases) -> dict[str, int] | None:
    """Positions of the expected and optional columns, or None when an expected one is missing."""
    found = _locate(cells, expected, aliases)
    if len(found) < len(expected):
        return None
    found.update({k: v for k, v in _locate(cells, optional, aliases).items() if k not in found})
    return found


def _missing_report(file: str, rows, expected: list[str], aliases, separator_hint: str | None) -> list[Problem]:
    """Explain which expected columns are missing, using the row that matched best."""
    best_row, best_found, best_cells = None, None, []
    for number, cells in rows:
        found = _locate(cells, expected, aliases)
        if (best_found is None or len(found) > len(best_found)) and any(c.strip() for c in cells):
            best_row, best_found, best_cells = number, found, cells
    if best_row is None:
        return [Problem(file, None, None, t("cases.read.no_rows"))]
    shown = ", ".join(f"'{c.strip()}'" for c in best_cells if c.strip()) or t("cases.read.nothing")
    problems = []
    for name in expected:
        if name in best_found:
            continue
        message = t("cases.read.missing_column", column=name, found=shown)
        near = close_column(name, [c for c in best_cells if c.strip()], aliases)
        if near:
            message += " " + t("cases.read.did_you_mean_header", found=near, column=name)
        problems.append(Problem(file, best_row, name, message))
    if separator_hint:
        problems.append(Problem(file, best_row, None, t("cases.read.wrong_separator", separator=separator_hint)))
    return problems


def close_column(name: str, cells: list[str], aliases: dict[str, list[str]]) -> str | None:
    """The header cell in ``cells`` that looks like a typo of column ``name`` (or an alias)."""
    wanted = [normalise_name(n) for n in (name, *aliases.get(name, []))]
    best, score = None, 0.0
    for cell in cells:
        key = normalise_name(cell)
        for target in wanted:
            ratio = difflib.SequenceMatcher(None, key, target).ratio()
            if ratio > score:
                best, score = cell.strip(), ratio
    return best if score >= 0.8 else None


def suggest_column(cell: str, names: list[str], aliases: dict[str, list[str]]) -> str | None:
    """The known column (of ``names``) a header cell probably means, or None."""
    key = normalise_name(cell)
    best, score = None, 0.0
    for name in names:
        for target in (name, *aliases.get(name, [])):
            ratio = difflib.SequenceMatcher(None, key, normalise_name(target)).ratio()
            if ratio > score:
                best, score = name, ratio
    return best if score >= 0.75 else None


def _odd_separator(lines: list[str]) -> str | None:
    """A separator that is neither , ; nor tab but splits the first lines consistently."""
    for candidate in ("|", ":", "^", "~", "#"):
        counts = [line.count(candidate) for line in lines if line.strip()]
        if counts and min(counts) >= 1 and len(set(counts)) == 1:
            return candidate
    return None


