"""Writing a workbook file safely: durable writes (temporary file, fsync, atomic rename,
fsync of the folder), cleaning up what a killed kernel left, and the lock between kernels."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX; on Windows two tabs still merge, only without a lock between the two saves
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None


TMP_MAX_AGE_SECONDS = 600  # older than any save in progress: left by a killed kernel


def clean_temp_files(folder: Path, max_age: float = TMP_MAX_AGE_SECONDS) -> int:
    """Remove ``.tmp-*.json`` files a killed kernel left mid-save; returns how many.

    A save in progress holds its temporary file for well under a second, so files older
    than ``max_age`` are leftovers (they hold nothing the workbook itself does not)."""
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError):
        for tmp in folder.glob(".tmp-*.json"):
            with contextlib.suppress(OSError):
                if now - tmp.stat().st_mtime >= max_age:
                    tmp.unlink()
                    removed += 1
    return removed


def write_durably(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in the same folder,
    fsync, atomic rename, fsync of the folder. A failure (a full disk: ``OSError``) leaves
    ``path`` as it was and no temporary file behind."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)



@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the lock of a folder of workbooks (its ``.lock`` file) while a kernel reads,
    merges and writes; without ``fcntl`` (Windows) there is no lock, and saves still merge."""
    if fcntl is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
