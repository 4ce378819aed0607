"""Which cases a learner can choose (built-in and own cases) and loading one by name.

A trainer's own case is a folder with a case.yaml in one of the own-case folders
(``paths.own_case_dirs()``: ``casussen/`` next to the course notebooks, then
``$VERBINDING_CASES``). The course refers to it as ``eigen:<folder name>`` and resolves
that name only against those folders: a workbook, which a learner may upload, never
names a path on disk.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from verbinding.cases.folder import _load_folder
from verbinding.cases.model import Case
from verbinding.cases.report import CaseError
from verbinding.paths import datasets_dir, own_case_dirs
from verbinding.tabular import Problem
from verbinding.texts import t

BUILTIN_CASES = ("klimaatadaptatie", "vergrijzing")


@lru_cache(maxsize=8)
def _load_builtin(case_id: str) -> Case:
    return _load_folder(datasets_dir() / case_id, builtin=True)


def _yaml_title(folder: Path, fallback: str) -> str:
    """The ``titel`` in a folder's case.yaml, or ``fallback`` when it cannot be read."""
    try:
        raw = yaml.safe_load((folder / "case.yaml").read_bytes().decode("utf-8-sig"))
        return str(raw.get("titel") or raw.get("title") or fallback).strip() or fallback
    except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
        return fallback


def builtin_cases() -> list[tuple[str, str]]:
    """The built-in cases: ``[(case_id, Dutch title)]``."""
    return [(case_id, _yaml_title(datasets_dir() / case_id, case_id)) for case_id in BUILTIN_CASES]


OWN_PREFIX = "eigen:"
_UNSAFE_NAME = re.compile(r"[/\\:\x00-\x1f\x7f]")


def safe_folder_name(name: str) -> bool:
    """A plain folder name: no separators or drive, not hidden, not ``.``/``..``, no padding."""
    return (
        0 < len(name) <= 100
        and name == name.strip()
        and not name.startswith((".", "_"))
        and not _UNSAFE_NAME.search(name)
    )


def _own_case_folders() -> dict[str, Path]:
    """Folder name -> folder of every own case (a name found twice: the first folder wins)."""
    found: dict[str, Path] = {}
    for base in own_case_dirs():
        try:
            entries = sorted(base.iterdir())
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name not in found and safe_folder_name(name) and (entry / "case.yaml").is_file():
                found[name] = entry
    return found


def own_cases() -> list[tuple[str, str]]:
    """The trainer's own cases: ``[("eigen:<folder>", title from case.yaml)]``, by title.

    Listing reads only each case.yaml's title; a case with broken tables is still listed
    (choosing it reports the problems).
    """
    items = [(OWN_PREFIX + name, _yaml_title(folder, name)) for name, folder in _own_case_folders().items()]
    return sorted(items, key=lambda item: (item[1].casefold(), item[0]))


def course_cases() -> list[tuple[str, str]]:
    """Every case a learner can choose: built-in cases first, then own cases."""
    return builtin_cases() + own_cases()


def own_case_folder(reference: str) -> Path:
    """The folder behind ``eigen:<folder>``, found only among the own cases. Raises :class:`CaseError`."""
    name = reference[len(OWN_PREFIX):] if reference.startswith(OWN_PREFIX) else ""
    shown = reference[:80]
    if not safe_folder_name(name):
        raise CaseError([Problem(shown, None, None, t("cases.problems.bad_reference"))])
    folder = _own_case_folders().get(name)
    if folder is None:
        raise CaseError([Problem(shown, None, None, t("cases.problems.unknown_own_case"))])
    return folder


def _load_own(reference: str) -> Case:
    case = _load_folder(own_case_folder(reference), builtin=False)
    case.id = reference  # the course knows the case by its reference (workbook, exercises)
    return case


def load_course_case(reference: str | None) -> Case:
    """The case a learner chose: a built-in id or ``eigen:<folder>``, never a path.

    Use this for anything read from a workbook. Raises :class:`CaseError` (Dutch).
    """
    text = reference if isinstance(reference, str) else ""
    if text in BUILTIN_CASES:
        return _load_builtin(text)
    if text.startswith(OWN_PREFIX):
        return _load_own(text)
    message = t("cases.problems.unknown_course_case", known=", ".join(BUILTIN_CASES))
    raise CaseError([Problem(text[:80], None, None, message)])


def load_case(case: str | Path) -> Case:
    """A built-in case by id (cached), an own case (``eigen:<folder>``), or a case folder by path.

    Raises :class:`CaseError`. The cached built-in :class:`Case` is shared: treat its data
    frames as read-only. Course pages use :func:`load_course_case`, which refuses paths.
    """
    text = str(case)
    if text in BUILTIN_CASES or text.startswith(OWN_PREFIX):
        return load_course_case(text)
    folder = Path(text).expanduser()
    if not folder.is_dir():
        known = ", ".join(BUILTIN_CASES)
        raise CaseError([Problem(text, None, None, t("cases.problems.unknown_case", name=text, known=known))])
    return _load_folder(folder, builtin=False)
