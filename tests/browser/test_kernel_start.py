"""No learner waits forever (issue 27): a kernel that dies at start gives a Dutch message
with a link to try again, within a stated time, and the retry serves the course.

Voilà runs here with a python3 kernel that dies at its first starts (tests/test_classroom.py
builds it), so the failures are forced, not hoped for.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from tests.browser.conftest import PAGE_TIMEOUT_MS, OpenedPage, VoilaServer, free_port
from tests.test_classroom import dying_kernels
from verbinding import server

LAUNCHER_WITH_LATE_DEATH = """
import os, threading
threading.Timer(float(os.environ["DIE_AFTER"]), lambda: os._exit(1)).start()
"""


def _voila(tmp_path: Path, data: Path, extra_env: dict | None = None) -> VoilaServer:
    port = free_port()
    home = tmp_path / "home"
    log = tmp_path / "voila.log"
    env = {**os.environ, "JUPYTER_PATH": str(data), "VERBINDING_HOME": str(home), **(extra_env or {})}
    with open(log, "wb") as handle:
        process = subprocess.Popen(server.voila_command(port, "127.0.0.1"), cwd=server.config_dir(),
                                   env=env, stdout=handle, stderr=subprocess.STDOUT)
    assert server.wait_until_listening("127.0.0.1", port, process, seconds=60)
    return VoilaServer(port, home, process, log)


def _stop(voila: VoilaServer) -> None:
    voila.process.terminate()
    try:
        voila.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        voila.process.kill()


def _wait_for_starts(count: Path, starts: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if count.exists() and int(count.read_text() or 0) >= starts:
            time.sleep(2)  # the manager gives up on the last one
            return
        time.sleep(0.5)
    raise AssertionError(f"only {count.read_text() if count.exists() else 0} kernel starts")


def test_a_failed_start_says_so_in_dutch_and_the_retry_serves_the_course(browser, tmp_path):
    # Every kernel dies at start until the test repairs them: the preheated kernel's
    # attempts and the learner's page's attempts all fail.
    data, count = dying_kernels(tmp_path, deaths=10_000)
    voila = _voila(tmp_path, data)
    try:
        _wait_for_starts(count, 3)  # the pool's kernel gives up before the learner arrives
        time.sleep(5)
        context = browser.new_context()
        opened = OpenedPage(context.new_page(), voila)
        page = opened.page
        started = time.monotonic()
        page.goto(voila.url("index.ipynb", "test-leerling"), wait_until="load", timeout=PAGE_TIMEOUT_MS)
        page.get_by_role("heading", name="De cursus kon nu niet starten").wait_for(timeout=PAGE_TIMEOUT_MS)
        assert time.monotonic() - started < 60
        assert "Je werk is niet weg" in page.inner_text("body")
        Path(f"{count}.fixed").touch()  # the machine is less busy now
        page.get_by_role("link", name="Probeer het opnieuw").click()
        opened.wait_ready()
        assert "werkboek=test-leerling" in page.url, "the retry keeps the learner's code"
        assert opened.outside_requests() == []
        context.close()
    finally:
        _stop(voila)


def test_a_page_whose_kernel_dies_while_starting_does_not_spin_forever(browser, tmp_path):
    # Every kernel answers and then dies six seconds later, while the course is still being
    # set up: Voilà used to keep such a page loading for good.
    data, _ = dying_kernels(tmp_path, deaths=0)
    launcher = tmp_path / "launcher.py"
    launcher.write_text(LAUNCHER_WITH_LATE_DEATH + launcher.read_text(encoding="utf-8"), encoding="utf-8")
    voila = _voila(tmp_path, data, {"DIE_AFTER": "6"})
    try:
        time.sleep(10)  # the preheated kernel that the learner will get has died by now
        context = browser.new_context()
        context.add_init_script("window.verbindingStartSeconds = 15;")
        opened = OpenedPage(context.new_page(), voila)
        page = opened.page
        started = time.monotonic()
        try:
            page.goto(voila.url("index.ipynb", "test-leerling"), wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        except Exception:  # the server may close the stream of a dead kernel
            pass
        retry = page.get_by_role("link", name="Probeer het opnieuw")
        retry.wait_for(timeout=PAGE_TIMEOUT_MS)
        assert time.monotonic() - started < 60
        assert "lukt nu niet" in page.inner_text("body") or "kon nu niet starten" in page.inner_text("body")
        assert opened.outside_requests() == []
        context.close()
    finally:
        _stop(voila)
