"""``verbinding start``: serve the course with Voilà on this computer.

Settings come from ``voila.json`` (the same file Binder uses): Voilà reads it from the
working directory, so Voilà is started in the folder that holds it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import webbrowser
from pathlib import Path

from verbinding.paths import PACKAGE_DIR, course_dir
from verbinding.session import DEFAULT_CODE
from verbinding.trainer_access import KEY_ENV, KEY_PARAMETER

LOCAL_ONLY = {"127.0.0.1", "localhost", "::1"}


def config_dir() -> Path:
    """The folder holding ``voila.json``: the repository root, or the installed package."""
    for candidate in (PACKAGE_DIR.parents[1], PACKAGE_DIR):
        if (candidate / "voila.json").is_file():
            return candidate
    raise FileNotFoundError("voila.json not found")


def notebooks_dir() -> Path:
    return course_dir() or PACKAGE_DIR / "course"


def voila_command(port: int, ip: str, extra: list[str] | None = None) -> list[str]:
    return [
        sys.executable, "-m", "verbinding.trainer_access", str(notebooks_dir()),
        "--no-browser", f"--port={port}", f"--Voila.ip={ip}",
        *(extra or []),
    ]


def wait_until_listening(ip: str, port: int, process: subprocess.Popen, seconds: float = 120) -> bool:
    """True once Voilà accepts connections (so the browser does not open on an error page)."""
    host = "127.0.0.1" if ip in LOCAL_ONLY | {"0.0.0.0"} else ip
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection((host, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.25)
    return False


def course_url(port: int, ip: str) -> str:
    """The address to open. On this computer alone it carries the single user's code; when
    a room shares the server it carries none, so every learner gets a code of their own."""
    host = "127.0.0.1" if ip in LOCAL_ONLY | {"0.0.0.0"} else ip
    url = f"http://{host}:{port}/voila/render/index.ipynb"
    return f"{url}?werkboek={DEFAULT_CODE}" if ip in LOCAL_ONLY else url


def trainer_url(port: int, ip: str, key: str) -> str:
    """The trainer's link: the guide, opened with this start's key (see trainer_access)."""
    base = course_url(port, ip).split("/voila/render/")[0]
    return f"{base}/voila/render/trainer/handleiding.ipynb?{KEY_PARAMETER}={key}"


# Ctrl+C, a service stop, a closed terminal (Windows has no SIGHUP).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


def _process_table() -> dict[int, tuple[int, str]]:
    """Pid -> (parent pid, start time) of every process, from /proc (empty elsewhere)."""
    table = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(proc.name)] = (int(fields[1]), fields[19])  # ppid, starttime
    return table


def descendants(pid: int) -> set[tuple[int, str]]:
    """(pid, start time) of every process below ``pid``. Kernels run in sessions of their
    own (jupyter_client), so the process group alone does not hold them."""
    table = _process_table()
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, started) in table.items():
            if ppid == parent and (child, started) not in found:
                found.add((child, started))
                todo.append(child)
    return found


def _alive(processes: set[tuple[int, str]]) -> set[tuple[int, str]]:
    table = _process_table()
    return {(pid, started) for pid, started in processes if pid in table and table[pid][1] == started}


def stop_tree(process: subprocess.Popen, seconds: float = 30) -> int:
    """Stop ``process`` and every process below it, also those it left behind.

    SIGTERM to ``process`` first, so it stops its own children in order (Voilà its kernels,
    JupyterHub the proxy and every learner's server); after ``seconds`` SIGTERM, then SIGKILL,
    to whatever of its tree is still there.
    """
    below = descendants(process.pid)
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        below |= descendants(process.pid)
        time.sleep(0.2)
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        left = _alive(below)
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(sig)
        for pid, _ in left:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while (_alive(below) or process.poll() is None) and time.monotonic() < deadline:
            time.sleep(0.1)
    return process.wait()


def ignore_hangup() -> None:
    """For a child (``preexec_fn``): a closed terminal hangs up its whole process group; the
    child ignores that and is stopped by its parent in order (:func:`run_until_stopped`)
    instead of dying at once and leaving its kernels or servers behind."""
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


def run_until_stopped(start, cleanup=lambda: None, started=lambda process: None) -> int:
    """Run ``start()`` (a Popen) until it ends; Ctrl+C, SIGTERM (a service stop) and SIGHUP
    (a closed terminal) stop it and everything it started (:func:`stop_tree`), so no kernel
    is left serving. ``cleanup`` then removes runtime secrets; ``started`` runs once it runs
    (opening the browser)."""

    def on_signal(signum, _frame):
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, on_signal) for sig in STOP_SIGNALS}
    process = None
    try:
        process = start()
        started(process)
        return process.wait()
    except KeyboardInterrupt:
        for sig in STOP_SIGNALS:  # a second signal must not interrupt the stopping
            signal.signal(sig, signal.SIG_IGN)
        if process is not None:
            stop_tree(process)
        return 0
    finally:
        if process is not None:
            stop_tree(process, seconds=5)  # what a server that ended by itself left behind
        cleanup()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _announce_class(process: subprocess.Popen, participants: int, pool_dir: Path) -> None:
    """Print, once the pool is full, that the course is ready for the class (a thread)."""
    from verbinding import classroom

    started = time.monotonic()
    waiting = classroom.wait_until_ready(
        pool_dir, participants, lambda: process.poll() is None,
        timeout=CLASS_READY_SECONDS_PER_LEARNER * participants + 60,
    )
    if process.poll() is None:
        print(classroom.ready_report(participants, waiting, time.monotonic() - started), flush=True)


CLASS_READY_SECONDS_PER_LEARNER = 10  # measured ~2-3 s per pool kernel on 2 cores; slack


def start_course(port: int = 8866, ip: str = "127.0.0.1", open_browser: bool = True,
                 participants: int | None = None, max_pages: int | None = None,
                 max_per_address: int | None = None) -> int:
    if ip not in LOCAL_ONLY:
        print(
            f"Let op: de cursus is nu bereikbaar voor andere computers via {ip}. "
            "Doe dit alleen in een vertrouwd netwerk. Geef deelnemers het adres zonder code: "
            "ieder krijgt dan een eigen code.",
            file=sys.stderr,
        )
    url = course_url(port, ip)
    key = secrets.token_urlsafe(24)
    print(
        f"De cursus start op {url}\n"
        f"Voor de trainer (handleiding en klasoverzicht; geef deze link niet aan deelnemers):\n"
        f"  {trainer_url(port, ip, key)}\n"
        "Stoppen: Ctrl+C.",
        flush=True,
    )
    # Kernel connection files (their keys) in a folder of this start only, removed on stop.
    runtime = tempfile.mkdtemp(prefix="vb-")
    env = {**os.environ, KEY_ENV: key, "JUPYTER_RUNTIME_DIR": runtime}
    extra = [f"--Voila.connection_dir_root={runtime}"]
    from verbinding import kernel_caps

    local_only = ip in LOCAL_ONLY
    caps = kernel_caps.choose_caps(max_pages, max_per_address, participants, local_only,
                                   kernel_caps.available_memory_mb())
    extra += kernel_caps.voila_arguments(caps)
    report = kernel_caps.caps_report(caps, max_pages is not None, participants, local_only)
    print("\n".join(report), flush=True)
    if participants:  # class mode: a preheated page per learner before the bell
        from verbinding import classroom
        from verbinding.kernels import short_private_dir
        from verbinding.texts import t

        extra += classroom.pool_arguments(participants)
        env[classroom.POOL_DIR_ENV] = str(short_private_dir(Path(runtime) / "pool"))
        print(t("classroom.preparing", aantal=participants), flush=True)

    def when_running(process):
        if participants:
            threading.Thread(target=_announce_class, daemon=True,
                             args=(process, participants, Path(env[classroom.POOL_DIR_ENV]))).start()
        if open_browser and wait_until_listening(ip, port, process):
            with contextlib.suppress(webbrowser.Error):
                webbrowser.open(url)

    return run_until_stopped(
        lambda: subprocess.Popen(voila_command(port, ip, extra), cwd=config_dir(), env=env,
                                 preexec_fn=ignore_hangup if os.name == "posix" else None),
        cleanup=lambda: shutil.rmtree(runtime, ignore_errors=True),
        started=when_running,
    )
