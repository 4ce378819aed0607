"""A Python the learners' accounts can run, for ``systeem`` mode.

The hub runs as root; every learner's server runs as her own Linux account. That account
must be able to run Python. A Python under root's home (``/root/.pyenv``) cannot be entered
by other users. Then the hub copies the base install (interpreter, shared library and
standard library, ~93 MB, no site-packages) to :data:`SHARED_ROOT` once, and makes a
virtual environment there whose ``lib``, ``etc`` and ``share`` are the hub's own environment
(so the same packages, server extensions and Voilà templates). That environment itself
must be readable by everyone; if it is not, the hub refuses to start and says what to do.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

SHARED_ROOT = Path("/opt/verbinding-hub")
# Parts of the standard library a course server never uses (tests, Tk, IDLE).
_SKIP = {"site-packages", "test", "idlelib", "tkinter", "turtledemo", "lib2to3", "ensurepip", "__phello__"}


class SharedPythonError(Exception):
    """Dutch: why learners' accounts cannot run this Python, and what to do."""


def open_to_others(path: Path, need: int = stat.S_IXOTH) -> bool:
    """True if a user other than the owner can reach ``path`` (every folder on the way can
    be entered) and has ``need`` on it (default: run/enter)."""
    path = Path(os.path.abspath(path))
    try:
        for folder in reversed(path.parents):
            if not folder.stat().st_mode & stat.S_IXOTH:
                return False
        resolved = path.resolve()
        if resolved != path and not open_to_others(resolved, need):
            return False
        return bool(path.stat().st_mode & need)
    except OSError:
        return False


@dataclass(frozen=True)
class SharedPython:
    """The interpreter learners' servers run, and the environment it needs."""

    python: Path
    environment: dict = field(default_factory=dict)
    copied: bool = False


def _environment_dirs() -> list[Path]:
    """What a learner's server reads from the hub's environment: its packages and the folders
    on ``sys.path`` outside the base install (an editable checkout)."""
    prefix, base = Path(sys.prefix), Path(sys.base_prefix)
    dirs = [prefix]
    for entry in sys.path:
        if not entry or Path(entry).resolve() == Path.cwd().resolve():
            continue  # the folder a command was started in (python -m): not a learner's
        path = Path(entry).resolve()
        if path.is_dir() and base not in (path, *path.parents) and prefix not in (path, *path.parents):
            dirs.append(path)
    return dirs


def _unreadable(dirs: list[Path]) -> list[Path]:
    return [d for d in dirs if not open_to_others(d, stat.S_IROTH | stat.S_IXOTH)]


def shared_python(root: Path = SHARED_ROOT) -> SharedPython:
    """This Python if everyone can run it; else a shared copy (made once under ``root``)."""
    if open_to_others(Path(sys.executable)) and not _unreadable([Path(sys.prefix)]):
        return SharedPython(Path(sys.executable))
    if sys.prefix == sys.base_prefix:
        raise SharedPythonError(
            f"De cursus is geïnstalleerd in {sys.prefix}, een Python die andere gebruikers niet "
            "kunnen starten. De deelnemers krijgen elk een eigen Linux-account en hebben een Python "
            "nodig die zij kunnen starten. Installeer de cursus in een virtuele omgeving in een map "
            "die iedereen kan lezen, bijvoorbeeld:\n"
            "  python3 -m venv /opt/verbinding && /opt/verbinding/bin/pip install 'verbinding[hub]'\n"
            "en start de hub met /opt/verbinding/bin/verbinding hub.")
    blocked = _unreadable(_environment_dirs())
    if blocked:
        raise SharedPythonError(
            "De deelnemers krijgen elk een eigen Linux-account, maar die accounts kunnen deze "
            f"map(pen) niet lezen: {', '.join(map(str, blocked))}. Maak ze leesbaar voor iedereen "
            "(chmod o+rx op elke map op de weg ernaartoe), of installeer de cursus in een "
            "virtuele omgeving in een map die iedereen kan lezen, zoals /opt/verbinding.")
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    key = hashlib.sha256(f"{base}\n{sys.prefix}".encode()).hexdigest()[:12]
    target = root / f"{version}-{key}"
    environment = {"LD_LIBRARY_PATH": str(target / "base" / "lib")}
    python = target / "venv" / "bin" / "python"
    if not (target / "klaar").is_file():
        _build(base, version, target, environment)
    return SharedPython(python, environment, copied=True)


def _build(base: Path, version: str, target: Path, environment: dict) -> None:
    """Copy the base install and make the venv; ``klaar`` marks a complete copy."""
    target.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
    target.parent.chmod(0o755)
    building = target.with_name(target.name + ".bouw")
    shutil.rmtree(building, ignore_errors=True)
    (building / "base" / "bin").mkdir(parents=True)
    shutil.copy2(base / "bin" / version, building / "base" / "bin" / version)
    (building / "base" / "lib").mkdir()
    for library in (base / "lib").glob("libpython*"):
        shutil.copy2(library, building / "base" / "lib" / library.name, follow_symlinks=False)
    shutil.copytree(base / "lib" / version, building / "base" / "lib" / version,
                    ignore=lambda folder, names: [n for n in names if n in _SKIP and Path(folder).name == version])
    (building / "base" / "lib" / version / "site-packages").mkdir()
    venv = building / "venv"
    (venv / "bin").mkdir(parents=True)
    os.symlink(target / "base" / "bin" / version, venv / "bin" / "python")
    for name in ("lib", "etc", "share"):
        if (Path(sys.prefix) / name).exists():
            os.symlink(Path(sys.prefix) / name, venv / name)
    (venv / "pyvenv.cfg").write_text(
        f"home = {target / 'base' / 'bin'}\ninclude-system-site-packages = false\n"
        f"version = {'.'.join(map(str, sys.version_info[:3]))}\n", encoding="utf-8")
    for path in [building, *building.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IROTH | (stat.S_IXOTH if path.is_dir() or
                                                            path.stat().st_mode & stat.S_IXUSR else 0))
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)
    # Checked as a user with no rights of its own, as a learner's account will run it.
    as_nobody = {"user": "nobody", "cwd": "/"} if os.geteuid() == 0 else {}
    check = subprocess.run([str(target / "venv" / "bin" / "python"), "-c", "import jupyterhub, voila, verbinding"],
                           env={**os.environ, **environment}, capture_output=True, text=True, **as_nobody)
    if check.returncode:
        raise SharedPythonError(f"De gedeelde Python in {target} start niet: {check.stderr.strip()[-500:]}")
    (target / "klaar").write_text("", encoding="utf-8")
