"""Where the package finds its shipped data and where it keeps learner files."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def datasets_dir() -> Path:
    """The built-in datasets: inside the wheel, or at the repository root when editable."""
    for candidate in (PACKAGE_DIR / "datasets", PACKAGE_DIR.parents[1] / "datasets"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("datasets folder not found next to the verbinding package")


def course_dir() -> Path | None:
    """The course notebooks when running from a checkout (None in a bare wheel install)."""
    candidate = PACKAGE_DIR.parents[1] / "course"
    return candidate if candidate.is_dir() else None


# On a hub with an account per learner, the trainer's server reads the learners' workbooks
# from the folder the hub copies them into (verbinding.hub.klas), named here.
COLLECTED_ENV = "VERBINDING_KLASWERKBOEKEN"


def data_home() -> Path:
    """Folder for learners' autosaved workbooks (``VERBINDING_HOME`` overrides it)."""
    home = os.environ.get("VERBINDING_HOME")
    base = Path(home) if home else Path.home() / ".verbinding"
    return base


# ----------------------------------------------------------------------------- own cases

OWN_CASES_FOLDER = "casussen"
OWN_CASES_ENV = "VERBINDING_CASES"


def course_folders() -> list[Path]:
    """Folders holding the course notebooks this process may serve, most specific first.

    Voilà starts each kernel in the folder of its notebook, so the working directory (or
    its parent, for ``trainer/`` pages) is the course folder even when a trainer copied
    the course elsewhere. The checkout's ``course/`` and the wheel's copy come after it.
    Only folders holding ``index.ipynb`` count.
    """
    cwd = Path.cwd()
    candidates = [cwd, cwd.parent, course_dir(), PACKAGE_DIR / "course"]
    return _unique([c for c in candidates if c is not None and (c / "index.ipynb").is_file()])


def own_case_dirs() -> list[Path]:
    """Where a trainer's own cases live, in lookup order (existing folders only).

    ``casussen/`` next to the course notebooks, then the folder named by the environment
    variable ``VERBINDING_CASES`` (for a JupyterHub administrator).
    """
    candidates = [folder / OWN_CASES_FOLDER for folder in course_folders()]
    configured = os.environ.get(OWN_CASES_ENV, "").strip()
    if configured:
        candidates.append(Path(configured).expanduser())
    return _unique([candidate for candidate in candidates if candidate.is_dir()])


def _unique(folders: list[Path]) -> list[Path]:
    """Resolved folders in order, each once."""
    return list(dict.fromkeys(folder.resolve() for folder in folders))
