"""House rules that run (issue 22 item 5): ``ruff check`` with the rules in pyproject.toml
passes on the package, the tests and the benchmarks, so a stale ``noqa``, an unused import
or a Python-3.12-only f-string fails the suite (and CI) instead of waiting for a reviewer."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_check_passes():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is missing: install the test extras (pip install -e '.[test]')")
    result = subprocess.run([ruff, "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
