"""Class mode: ``verbinding start --deelnemers N`` is ready before the bell.

Voilà keeps a pool of preheated kernels of ``index.ipynb``: each has run the course app up to
the point where it needs the learner (the query string with the learner's code), so an
arrival costs only the learner's own workbook and first screen. This module sizes the pool
and tells the trainer when it is full:

- a preheated kernel that waits for its learner leaves a marker file (its process id) in
  the folder named by :data:`POOL_DIR_ENV`, and takes it away once its learner arrives;
- :func:`wait_until_ready` counts the markers until N kernels wait, and
  :func:`memory_mb` says what one waiting kernel costs (its proportional share of memory).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

POOL_DIR_ENV = "VERBINDING_POOL_DIR"


def pool_arguments(participants: int) -> list[str]:
    """Voilà options for a pool of ``participants`` preheated course pages."""
    if participants < 1:
        raise ValueError("participants must be at least 1")
    return [f"--VoilaConfiguration.default_pool_size={participants}"]


def _marker(folder: str | os.PathLike | None = None) -> Path | None:
    folder = folder or os.environ.get(POOL_DIR_ENV)
    return Path(folder) / str(os.getpid()) if folder else None


def mark_waiting(folder: str | os.PathLike | None = None) -> None:
    """This kernel is ready and waits for its learner."""
    marker = _marker(folder)
    if marker is not None and marker.parent.is_dir():
        marker.touch()


def mark_taken(folder: str | os.PathLike | None = None) -> None:
    """This kernel's learner arrived."""
    marker = _marker(folder)
    if marker is not None:
        marker.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def waiting_kernels(folder: str | os.PathLike) -> list[int]:
    """Process ids of the kernels that wait for a learner (markers of dead kernels dropped)."""
    pids = []
    for marker in Path(folder).iterdir():
        if marker.name.isdigit() and _alive(int(marker.name)):
            pids.append(int(marker.name))
        else:
            marker.unlink(missing_ok=True)
    return sorted(pids)


def memory_mb(pid: int) -> float:
    """The memory one process costs in MB: its proportional set size (shared libraries
    divided among the processes that share them), else its resident size; 0 if unknown."""
    for name, field in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            lines = Path(f"/proc/{pid}/{name}").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0.0


def wait_until_ready(
    folder: str | os.PathLike,
    participants: int,
    running: Callable[[], bool],
    timeout: float,
    pause: float = 1.0,
) -> list[int]:
    """Wait until ``participants`` kernels wait for a learner, the server stops, or
    ``timeout`` seconds pass; returns the waiting kernels' process ids."""
    deadline = time.monotonic() + timeout
    waiting = waiting_kernels(folder)
    while len(waiting) < participants and running() and time.monotonic() < deadline:
        time.sleep(pause)
        waiting = waiting_kernels(folder)
    return waiting


def ready_report(participants: int, waiting: list[int], seconds: float,
                 memory: Callable[[int], float] = memory_mb) -> str:
    """The Dutch line for the trainer: ready for N learners and the memory per learner, or
    how many places are ready so far."""
    from .texts import t  # keeps the module light for the kernels

    if len(waiting) < participants:
        return t("classroom.not_ready", seconden=round(seconds), klaar=len(waiting),
                 aantal=participants)
    sizes = [memory(pid) for pid in waiting]
    per_learner = sum(sizes) / len(sizes)
    return t("classroom.ready", aantal=participants, seconden=round(seconds),
             per_deelnemer=round(per_learner), totaal=round(sum(sizes)))
