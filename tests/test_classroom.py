"""Class mode and kernel starts (issue 27): ready before the bell, nobody waits forever.

Unit parts (markers, memory, messages, the kernel manager with kernels that die at start)
and two small servers: a class server with a pool of two that three learners open at once,
and a Voilà whose first kernels die at start.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from verbinding import classroom, server
from verbinding.kernels import MAX_SOCKET_DIR, CourseKernelManager, KernelStartFailed, short_private_dir

APP_MARK = "application/vnd.jupyter.widget-view+json"


# --- markers, memory, messages ---------------------------------------------------------

def test_pool_arguments_size_voilas_pool():
    assert classroom.pool_arguments(40) == ["--VoilaConfiguration.default_pool_size=40"]
    with pytest.raises(ValueError):
        classroom.pool_arguments(0)


def test_a_waiting_kernel_is_counted_until_its_learner_arrives(tmp_path, monkeypatch):
    monkeypatch.setenv(classroom.POOL_DIR_ENV, str(tmp_path))
    classroom.mark_waiting()
    assert classroom.waiting_kernels(tmp_path) == [os.getpid()]
    classroom.mark_taken()
    assert classroom.waiting_kernels(tmp_path) == []


def test_markers_of_dead_kernels_are_dropped(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / str(dead.pid)).touch()
    (tmp_path / "turn-0").touch()  # a turn's lock file is not a marker and stays
    assert classroom.waiting_kernels(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["turn-0"]


TAKE_A_TURN = """
import sys, time
from verbinding import classroom
with classroom.first_screen_turn(sys.argv[1], turns=1):
    print(time.monotonic(), flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_arriving_learners_build_their_first_screen_in_turns(tmp_path):
    """With one turn, a second arrival starts its first screen only after the first ended;
    a turn held by a kernel that dies is free again."""
    first = subprocess.Popen([sys.executable, "-c", TAKE_A_TURN, str(tmp_path), "1.5"], stdout=subprocess.PIPE, text=True)
    first_started = float(first.stdout.readline())
    second = subprocess.run([sys.executable, "-c", TAKE_A_TURN, str(tmp_path), "0"], capture_output=True, text=True,
                            timeout=60, check=True)
    first.wait(timeout=60)
    assert float(second.stdout) - first_started >= 1.4
    killed = subprocess.Popen([sys.executable, "-c", TAKE_A_TURN, str(tmp_path), "60"], stdout=subprocess.PIPE, text=True)
    killed.stdout.readline()
    killed.kill()
    killed.wait()
    subprocess.run([sys.executable, "-c", TAKE_A_TURN, str(tmp_path), "0"], timeout=20, check=True)


def test_turns_only_in_class_mode(monkeypatch, tmp_path):
    monkeypatch.delenv(classroom.POOL_DIR_ENV, raising=False)
    with classroom.first_screen_turn():
        pass
    with classroom.first_screen_turn(tmp_path / "gone"):
        pass
    assert list(tmp_path.iterdir()) == []


def test_without_a_pool_folder_marking_does_nothing(monkeypatch, tmp_path):
    monkeypatch.delenv(classroom.POOL_DIR_ENV, raising=False)
    classroom.mark_waiting()
    classroom.mark_taken()
    classroom.mark_waiting(tmp_path / "gone")  # a folder that does not exist: no error
    assert not (tmp_path / "gone").exists()


def test_memory_of_this_process_is_measured():
    assert 5 < classroom.memory_mb(os.getpid()) < 4000
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    assert classroom.memory_mb(dead.pid) == 0.0


def test_wait_until_ready_stops_when_full_or_when_the_server_stops(tmp_path):
    (tmp_path / str(os.getpid())).touch()
    assert classroom.wait_until_ready(tmp_path, 1, lambda: True, timeout=5, pause=0.01) == [os.getpid()]
    started = time.monotonic()
    assert classroom.wait_until_ready(tmp_path, 3, lambda: False, timeout=5, pause=0.01) == [os.getpid()]
    assert time.monotonic() - started < 1


def test_ready_report_says_the_class_size_and_the_memory_per_learner():
    sizes = {11: 150.0, 12: 170.0}
    line = classroom.ready_report(2, [11, 12], 31.4, memory=sizes.get)
    assert "klaar voor 2 deelnemers" in line
    assert "160 MB" in line and "320 MB" in line and "31 seconden" in line
    partial = classroom.ready_report(3, [11], 200, memory=sizes.get)
    assert "klaar voor" not in partial and "1 van de 3" in partial


def test_cli_refuses_a_class_of_nobody(capsys):
    from verbinding.cli import main

    assert main(["start", "--deelnemers", "0", "--no-browser"]) == 2
    assert "1 of meer" in capsys.readouterr().err


# --- the kernel manager ------------------------------------------------------------------

def test_socket_folder_is_short_and_private(tmp_path):
    long = tmp_path / ("x" * 80)
    folder = short_private_dir(long)
    assert folder != long and len(str(folder)) <= MAX_SOCKET_DIR
    assert folder.stat().st_mode & 0o777 == 0o700
    folder.rmdir()
    short = Path("/tmp") / f"vb-test-{os.getpid()}"
    assert short_private_dir(short) == short
    short.rmdir()


LAUNCHER = """
import fcntl, pathlib, runpy, sys
count = pathlib.Path(sys.argv.pop(1))
with open(count, "a+") as handle:  # two kernels starting at once (a pool and a page) both count
    fcntl.flock(handle, fcntl.LOCK_EX)
    handle.seek(0)
    starts = int(handle.read() or 0) + 1
    handle.seek(0)
    handle.truncate()
    handle.write(str(starts))
deaths = int(sys.argv.pop(1))
if starts <= deaths and not pathlib.Path(f"{count}.fixed").exists():
    sys.exit(1)  # a kernel that dies at start (the test writes <count>.fixed to repair it)
sys.argv[0] = "ipykernel_launcher"
runpy.run_module("ipykernel_launcher", run_name="__main__")
"""


def dying_kernels(root: Path, deaths: int) -> tuple[Path, Path]:
    """A Jupyter data folder whose python3 kernel dies at its first ``deaths`` starts;
    returns (the folder for JUPYTER_PATH, the file that counts starts)."""
    launcher = root / "launcher.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    count = root / "starts"
    spec = root / "share" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(launcher), str(count), str(deaths), "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python",
    }), encoding="utf-8")
    return root / "share", count


def _manager(data: Path) -> CourseKernelManager:
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager(kernel_dirs=[str(data / "kernels")])
    return CourseKernelManager(kernel_spec_manager=specs, ready_timeout=30)


def test_a_kernel_that_dies_at_start_is_replaced(tmp_path):
    data, count = dying_kernels(tmp_path, deaths=2)
    manager = _manager(data)

    async def scenario():
        kernel_id = await manager.start_kernel(kernel_name="python3")
        try:
            kernel = manager.get_kernel(kernel_id)
            assert kernel.transport == "ipc"
            assert len(kernel.ip) + len("-65535") < 107
            assert await kernel.is_alive()
        finally:
            await manager.shutdown_all(now=True)

    asyncio.run(scenario())
    assert int(count.read_text()) >= 3  # two died, a later one serves


def test_when_every_start_fails_the_manager_gives_up_instead_of_waiting(tmp_path):
    data, count = dying_kernels(tmp_path, deaths=99)
    manager = _manager(data)
    started = time.monotonic()
    with pytest.raises(KernelStartFailed):
        asyncio.run(manager.start_kernel(kernel_name="python3"))
    assert int(count.read_text()) >= manager.start_attempts  # Jupyter's restarter may add one
    assert time.monotonic() - started < 60
    assert manager.list_kernel_ids() == []


def test_configs_use_the_course_kernel_manager():
    voila = json.loads((server.config_dir() / "voila.json").read_text(encoding="utf-8"))
    assert voila["VoilaConfiguration"]["multi_kernel_manager_class"] == "verbinding.kernels.CourseKernelManager"
    # a Jupyter server (Binder, JupyterHub): tests/test_deployment.py starts one


# --- servers -----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 90) -> tuple[float, str]:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = response.read().decode("utf-8")
    return time.monotonic() - started, body


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def test_class_server_is_ready_for_its_learners_before_they_arrive(tmp_path):
    port = _free_port()
    env = {**os.environ, "VERBINDING_HOME": str(tmp_path / "home"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}
    process = subprocess.Popen(
        [sys.executable, "-m", "verbinding.cli", "start", "--deelnemers", "2", "--no-browser",
         f"--port={port}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=tmp_path,
        start_new_session=True,
    )
    try:
        ready = None
        deadline = time.monotonic() + 240
        while ready is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            if "klaar voor" in line:
                ready = line
        assert ready and "klaar voor 2 deelnemers" in ready, ready
        per_learner = int(re.search(r"ongeveer (\d+) MB", ready).group(1))
        assert 30 < per_learner < 1000
        url = f"http://127.0.0.1:{port}/voila/render/index.ipynb"
        with ThreadPoolExecutor(3) as pool:  # one more learner than the pool holds
            pages = list(pool.map(_get, [url] * 3))
        assert all(APP_MARK in body for _, body in pages)
        fastest_two = sorted(seconds for seconds, _ in pages)[:2]
        assert max(fastest_two) < 15, pages and fastest_two  # preheated: no kernel start
    finally:
        _stop(process)


def test_voila_serves_the_page_although_its_first_kernels_die(tmp_path):
    data, count = dying_kernels(tmp_path, deaths=2)
    port = _free_port()
    env = {**os.environ, "JUPYTER_PATH": str(data), "VERBINDING_HOME": str(tmp_path / "home")}
    process = subprocess.Popen(server.voila_command(port, "127.0.0.1"), cwd=server.config_dir(),
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        assert server.wait_until_listening("127.0.0.1", port, process, seconds=60)
        seconds, body = _get(f"http://127.0.0.1:{port}/voila/render/index.ipynb", timeout=120)
        assert APP_MARK in body
        assert seconds < 60
        assert int(count.read_text()) >= 3
    finally:
        _stop(process)
