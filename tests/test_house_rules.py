"""House rules that run (issue 22 item 5): ``ruff check`` with the rules in pyproject.toml
passes on the package, the tests and the benchmarks, so a stale ``noqa``, an unused import
or a Python-3.12-only f-string fails the suite (and CI) instead of waiting for a reviewer."""

from __future__ import annotations

import ast
import re
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
# A file may be longer only when its docstring says why, with this phrase and the reason.
LONG_ON_PURPOSE = "Long on purpose:"


def test_no_package_file_over_500_lines_unless_it_says_why():
    """Issue 22 item 3, 'files you can read in one sitting': no file of the package is over
    500 lines, unless its docstring says why it is one piece ("Long on purpose: …")."""
    package = ROOT / "widgets" / "verbinding"
    too_long = {
        str(f.relative_to(package)): n
        for f in sorted(package.rglob("*.py"))
        if (n := len((text := f.read_text(encoding="utf-8")).splitlines())) > MAX_PACKAGE_FILE_LINES
        and LONG_ON_PURPOSE not in (ast.get_docstring(ast.parse(text)) or "")
    }
    assert not too_long, f"split these along their seams, or say why not: {too_long}"


def test_modules_folder_lists_the_course():
    """Issue 22 item 1: each course module is one folder with its spec, its model and its
    view; nothing of a module is left beside the shared pieces."""
    from verbinding.course import course_modules

    package = ROOT / "widgets" / "verbinding"
    for module in course_modules():
        folder = package / "modules" / module.id
        assert (folder / "module.yaml").is_file(), module.id
        assert module.view.startswith(f"verbinding.modules.{module.id}.view:"), module.view
        assert module.model == f"verbinding.modules.{module.id}", module.model
        assert (folder / "__init__.py").is_file() and ((folder / "view.py").is_file() or (folder / "view").is_dir())



def test_every_module_spec_names_its_texts():
    """Issue 22 item 1, 'its texts': a module's spec names its text areas; they exist in every
    language folder, no area belongs to two modules, and the module's code reads them. (The
    texts stay in ``texts/<language>/`` so a translator adds one folder; see course.Module.)"""
    from verbinding.course import MODULES

    package = ROOT / "widgets" / "verbinding"
    owners: dict[str, str] = {}
    for module in MODULES:
        assert module.texts, f"{module.id}: module.yaml names no texts"
        code = "\n".join(p.read_text(encoding="utf-8") for p in (package / "modules" / module.id).rglob("*.py"))
        for area in module.texts:
            assert owners.setdefault(area, module.id) == module.id, f"{area}: owned by {owners[area]} and {module.id}"
            for language in (package / "texts").iterdir():
                assert (language / f"{area}.yaml").is_file(), f"{module.id}: no {language.name}/{area}.yaml"
            assert re.search(rf"""t\(\s*f?["']{area}\.""", code), f"{module.id} never reads its texts {area!r}"

@pytest.mark.parametrize("script", sorted((ROOT / "benchmarks").glob("bench_*.py")), ids=lambda p: p.name)
def test_every_benchmark_still_imports(script, monkeypatch):
    """ruff does not see a name that moved out of another module (bench_reactions asked
    verbinding.ui.charts for a warm_up that had gone); importing each script does."""
    import importlib.util

    monkeypatch.syspath_prepend(str(script.parent))
    spec = importlib.util.spec_from_file_location(f"_bench_{script.stem}", script)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))


def _declared(requirements) -> set[str]:
    return {re.split(r"[<>=!~; \[]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_every_import_of_the_package_is_declared():
    """Issue 22 item 5, 'every import declared': a third-party module the package imports is
    in pyproject's dependencies (the hub's in the hub extra), not only there by luck because
    another package pulled it in."""
    import importlib.metadata
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    main = _declared(project["dependencies"])
    hub = main | _declared(project["optional-dependencies"]["hub"])
    distributions = importlib.metadata.packages_distributions()
    package = ROOT / "widgets" / "verbinding"
    missing = set()
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "verbinding":
                    continue
                allowed = hub if "hub" in path.relative_to(package).parts else main
                found = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
                if not found & allowed:
                    missing.add(f"{path.relative_to(package)}: {top}")
    assert not missing, f"declare these in pyproject.toml: {sorted(missing)}"
