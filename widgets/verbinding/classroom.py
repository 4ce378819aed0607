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

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no turns
    fcntl = None

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
        if not marker.name.isdigit():
            continue  # the turns' lock files
        if _alive(int(marker.name)):
            pids.append(int(marker.name))
        else:
            marker.unlink(missing_ok=True)
    return sorted(pids)


@contextlib.contextmanager
def first_screen_turn(folder: str | os.PathLike | None = None, turns: int | None = None):
    """Build an arriving learner's first screen in turns, as many at once as the machine has
    processors (class mode only; elsewhere this does nothing).

    When a class arrives at once, 40 kernels building their first screen side by side all
    finish at the end (each gets 1/20 of a processor); in turns the first learners have
    their page after a fraction of that and the last no later. A turn is a lock file
    (``flock``) in the pool's folder; the lock goes with the process if a kernel dies."""
    folder = folder or os.environ.get(POOL_DIR_ENV)
    if not folder or fcntl is None or not Path(folder).is_dir():
        yield
        return
    turns = max(1, turns or os.cpu_count() or 1)
    handles = []
    try:
        for number in range(turns):  # a free turn, if there is one
            handle = open(Path(folder) / f"turn-{number}", "a+b")  # kept open while the turn is held
            handles.append(handle)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                yield
                return
            except OSError:
                continue
        fcntl.flock(handles[os.getpid() % turns], fcntl.LOCK_EX)  # else wait for one
        yield
    finally:
        for handle in handles:
            handle.close()  # closing releases the lock


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
    from verbinding.texts import t  # keeps the module light for the kernels

    if len(waiting) < participants:
        return t("classroom.not_ready", seconden=round(seconds), klaar=len(waiting),
                 aantal=participants)
    sizes = [memory(pid) for pid in waiting]
    per_learner = sum(sizes) / len(sizes)
    return t("classroom.ready", aantal=participants, seconden=round(seconds),
             per_deelnemer=round(per_learner), totaal=round(sum(sizes)))
