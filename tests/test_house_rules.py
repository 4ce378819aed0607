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


MAX_PACKAGE_FILE_LINES = 500
NOT_SPLIT_YET = {"ui"}  # ui/'s own files: one view class per step is still to come (issue 22 item 3)


def test_split_packages_hold_no_file_over_500_lines():
    """Issue 22 item 3, 'files you can read in one sitting': a folder that split a big module
    (cases/, outreach/, accountability/, agendas/, …) or a big view (ui/outreach/, …)
    holds no file over 500 lines."""
    package = ROOT / "widgets" / "verbinding"
    folders = [d for d in package.iterdir() if (d / "__init__.py").is_file() and d.name not in NOT_SPLIT_YET]
    folders += [d for d in (package / "ui").iterdir() if (d / "__init__.py").is_file()]
    assert {"accountability", "cases", "outreach", "agendas"} <= {d.name for d in folders}
    assert {package / "ui" / "outreach", package / "ui" / "accountability"} <= set(folders)
    too_long = {
        str(f.relative_to(package)): n
        for d in folders
        for f in sorted(d.glob("*.py"))
        if (n := len(f.read_text(encoding="utf-8").splitlines())) > MAX_PACKAGE_FILE_LINES
    }
    assert not too_long, f"split these along their seams: {too_long}"


@pytest.mark.parametrize("script", sorted((ROOT / "benchmarks").glob("bench_*.py")), ids=lambda p: p.name)
def test_every_benchmark_still_imports(script, monkeypatch):
    """ruff does not see a name that moved out of another module (bench_reactions asked
    verbinding.ui.charts for a warm_up that had gone); importing each script does."""
    import importlib.util

    monkeypatch.syspath_prepend(str(script.parent))
    spec = importlib.util.spec_from_file_location(f"_bench_{script.stem}", script)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
