"""Every ``verbinding`` command the README, the cases README and the trainer guide print
works as printed in a fresh terminal after the README's install (no venv on the PATH), and
``python -m verbinding`` / ``%run -m verbinding`` work where the script is not found."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ["README.md", "CONTRIBUTING.md", "datasets/README.md", "course/casussen/README.md",
        "course/trainer/handleiding.ipynb", "course/trainer/nieuwe_oefening.ipynb"]
SUBCOMMANDS = ("start", "hub", "check-case", "check-texts", "check-oefening", "access")
BARE = re.compile(r"(?<![\w/.-])(?<!-m )verbinding (" + "|".join(SUBCOMMANDS) + r")\b")
PRINTED = re.compile(r"\.venv/bin/verbinding (" + "|".join(SUBCOMMANDS) + r")([^`\n]*)")


def doc_text(name: str) -> str:
    path = ROOT / name
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                         for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def code_parts(text: str) -> list[str]:
    """Inline code and fenced blocks: what a reader copies into a terminal."""
    blocks = re.findall(r"```[^\n]*\n(.*?)```", text, flags=re.S)
    rest = re.sub(r"```.*?```", "", text, flags=re.S)
    lines = [line for line in rest.splitlines() if not line.lstrip().startswith("#")]  # headings name it
    return blocks + re.findall(r"`([^`\n]+)`", "\n".join(lines))


@pytest.mark.parametrize("name", DOCS)
def test_no_bare_command_is_printed(name):
    bare = [part for part in code_parts(doc_text(name)) if BARE.search(part)]
    assert not bare, f"{name} prints a command that is not found after the install: {bare}"


def printed_commands() -> list[tuple[str, str, str]]:
    found = []
    for name in DOCS:
        for part in code_parts(doc_text(name)):
            for match in PRINTED.finditer(part):
                found.append((name, match.group(1), match.group(2).strip()))
    return found


@pytest.fixture(scope="module")
def fresh_terminal(tmp_path_factory):
    """A project folder as after the README's install: .venv/bin holds this install's scripts;
    the environment of a new terminal, without the venv on the PATH."""
    folder = tmp_path_factory.mktemp("project")
    (folder / ".venv").mkdir()
    (folder / ".venv" / "bin").symlink_to(sysconfig.get_path("scripts"))
    for name in ("course", "datasets", "widgets"):
        (folder / name).symlink_to(ROOT / name)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8"}
    return folder, env


def run(args, folder, env, shell=False):
    return subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True, timeout=120, shell=shell)


def test_the_docs_print_every_subcommand():
    assert {sub for _, sub, _ in printed_commands()} >= {"start", "hub", "check-case", "check-texts", "access"}


def test_every_printed_command_form_runs_in_a_fresh_terminal(fresh_terminal):
    folder, env = fresh_terminal
    assert run("command -v verbinding", folder, env, shell=True).returncode != 0  # not on the PATH
    for sub in sorted({sub for _, sub, _ in printed_commands()}):
        result = run(f".venv/bin/verbinding {sub} --help", folder, env, shell=True)
        assert result.returncode == 0, (sub, result.stderr)
        assert "usage: verbinding" in result.stdout


def test_printed_checks_run_as_printed(fresh_terminal):
    folder, env = fresh_terminal
    (folder / "course" / "casussen")  # the example copied as the README says, under a temp name
    ran = 0
    for name, sub, rest in printed_commands():
        if sub not in ("check-case", "check-texts") or re.search(r"\b(PAD|MAP|pad/naar)\b|\[", rest):
            continue
        target = rest.split()[0] if rest else ""
        if target and not (folder / target).exists():
            continue  # a folder the trainer makes first (mijn-casus); its form is run below
        result = run(f".venv/bin/verbinding {sub} {rest}", folder, env, shell=True)
        assert "Traceback" not in result.stderr, (name, rest, result.stderr)
        assert result.stdout.startswith("Controle van") or "geen problemen" in result.stdout, (name, rest, result.stdout)
        ran += 1
    result = run(".venv/bin/verbinding check-case datasets/voorbeeld-eigen-casus", folder, env, shell=True)
    assert result.returncode == 0 and "geen problemen gevonden" in result.stdout
    assert ran >= 1


def test_python_dash_m_works_without_the_script(fresh_terminal):
    folder, env = fresh_terminal
    result = run([sys.executable, "-m", "verbinding", "check-case", "datasets/voorbeeld-eigen-casus"], folder, env)
    assert result.returncode == 0 and "geen problemen gevonden" in result.stdout


def test_hint_names_a_command_that_works_here(fresh_terminal, tmp_path):
    folder, env = fresh_terminal
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "case.yaml").write_text("titel: x\n", encoding="utf-8")
    result = run(f".venv/bin/verbinding check-case {broken}", folder, env, shell=True)
    hint = [line for line in result.stdout.splitlines() if "controleer opnieuw met:" in line][0]
    command = hint.split("controleer opnieuw met: ", 1)[1]
    assert command.split()[0].endswith("/verbinding")  # the script itself, never the bare name
    again = run(command, folder, env, shell=True)
    assert again.stdout == result.stdout


def test_run_dash_m_in_a_notebook_cell(fresh_terminal, tmp_path):
    folder, env = fresh_terminal
    ipython = Path(sysconfig.get_path("scripts")) / "ipython"
    if not ipython.exists():
        pytest.skip("IPython is not installed")
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "case.yaml").write_text("titel: x\n", encoding="utf-8")
    for target, expected in (("datasets/voorbeeld-eigen-casus", "geen problemen gevonden"), (str(broken), "melding")):
        result = run([str(ipython), "--no-banner", "-c", f"%run -m verbinding check-case {target}"], folder, env)
        assert expected in result.stdout, result.stdout + result.stderr
        assert "SystemExit" not in result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
