"""``verbinding start``: serve the course with Voilà on this computer.

Settings come from ``voila.json`` (the same file Binder uses): Voilà reads it from the
working directory, so Voilà is started in the folder that holds it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import webbrowser
from pathlib import Path

from .paths import PACKAGE_DIR, course_dir
from .session import DEFAULT_CODE

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
        sys.executable, "-m", "voila", str(notebooks_dir()),
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


def _announce_class(process: subprocess.Popen, participants: int, pool_dir: Path) -> None:
    """Print, once the pool is full, that the course is ready for the class (a thread)."""
    from . import classroom  # noqa: PLC0415

    started = time.monotonic()
    waiting = classroom.wait_until_ready(
        pool_dir, participants, lambda: process.poll() is None,
        timeout=CLASS_READY_SECONDS_PER_LEARNER * participants + 60,
    )
    if process.poll() is None:
        print(classroom.ready_report(participants, waiting, time.monotonic() - started), flush=True)


CLASS_READY_SECONDS_PER_LEARNER = 10  # measured ~2-3 s per pool kernel on 2 cores; slack


def start_course(port: int = 8866, ip: str = "127.0.0.1", open_browser: bool = True,
                 participants: int | None = None) -> int:
    if ip not in LOCAL_ONLY:
        print(
            f"Let op: de cursus is nu bereikbaar voor andere computers via {ip}. "
            "Doe dit alleen in een vertrouwd netwerk. Geef deelnemers het adres zonder code: "
            "ieder krijgt dan een eigen code.",
            file=sys.stderr,
        )
    url = course_url(port, ip)
    print(f"De cursus start op {url}\nStoppen: Ctrl+C.", flush=True)
    env, extra = dict(os.environ), []
    if participants:  # class mode: a preheated page per learner before the bell
        from . import classroom  # noqa: PLC0415
        from .kernels import short_private_dir  # noqa: PLC0415
        from .texts import t  # noqa: PLC0415

        extra = classroom.pool_arguments(participants)
        env[classroom.POOL_DIR_ENV] = str(short_private_dir())
        print(t("classroom.preparing", aantal=participants), flush=True)
    process = subprocess.Popen(voila_command(port, ip, extra), cwd=config_dir(), env=env)
    if participants:
        threading.Thread(target=_announce_class, daemon=True,
                         args=(process, participants, Path(env[classroom.POOL_DIR_ENV]))).start()
    if open_browser and wait_until_listening(ip, port, process):
        try:
            webbrowser.open(url)
        except webbrowser.Error:
            pass
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
