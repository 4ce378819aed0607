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


def data_home() -> Path:
    """Folder for learners' autosaved workbooks (``VERBINDING_HOME`` overrides it)."""
    home = os.environ.get("VERBINDING_HOME")
    base = Path(home) if home else Path.home() / ".verbinding"
    return base
