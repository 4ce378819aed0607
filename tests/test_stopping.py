"""Stopping ``verbinding start`` cleanly: a closed terminal (SIGHUP), a service stop (SIGTERM)
and Ctrl+C (SIGINT) stop Voilà and every kernel it started, and remove the folder with the
kernels' connection files (their keys) and the trainer's key."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser.conftest import free_port

from verbinding.server import _alive, descendants

VERBINDING = Path(sys.executable).with_name("verbinding")


def _wait_for_kernel(process: subprocess.Popen, seconds: float = 240) -> set:
    """The processes below ``verbinding start`` once Voilà has its preheated kernel."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "verbinding start stopped by itself"
        below = descendants(process.pid)
        if any(b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes() for pid, _ in _alive(below)):
            return below
        time.sleep(0.5)
    raise TimeoutError("no kernel started")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"])
def test_a_signal_stops_voila_and_every_kernel_and_removes_the_runtime_folder(sig, tmp_path):
    env = dict(os.environ, TMPDIR=str(tmp_path), VERBINDING_HOME=str(tmp_path / "home"))
    log = tmp_path / "start.log"
    with open(log, "wb") as handle:
        # A session of its own, as in a terminal; SIGINT default (a backgrounded shell ignores it).
        process = subprocess.Popen([str(VERBINDING), "start", "--no-browser", f"--port={free_port()}"],
                                   env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        below = _wait_for_kernel(process)
        assert list(tmp_path.glob("vb-*")), "the runtime folder exists while Voilà runs"
        kernels = [pid for pid, _ in _alive(below) if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        for pid in kernels:  # a learner's code could print its environment: no trainer key there
            assert b"VERBINDING_TRAINER_SLEUTEL" not in Path(f"/proc/{pid}/environ").read_bytes()
        if sig == signal.SIGTERM:
            process.send_signal(sig)  # a service stop
        else:
            os.killpg(process.pid, sig)  # a terminal: Ctrl+C or closing it reaches the whole group
        process.wait(timeout=90)
        deadline = time.monotonic() + 10
        while _alive(below) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid, _ in _alive(below)]
        assert not left, f"still running after {sig.name}: {left}"
        assert not list(tmp_path.glob("vb-*")), "the kernels' connection files are left behind"
        assert "sleutel=" in log.read_text(encoding="utf-8"), "the trainer's link is printed"
    finally:
        for pid, _ in _alive(descendants(process.pid)):
            os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
