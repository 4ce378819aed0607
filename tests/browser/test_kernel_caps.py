"""Caps on the course pages of one server (issue 21, deliverable 2), against real servers.

Standalone Voilà as ``verbinding start`` runs it, with a cap of 2 pages in total and 1 per
address: Chromium opens a page from 127.0.0.1; a second tab from there gets the Dutch "close
another tab" page; another computer (a request from 127.0.0.2, which Linux routes over the
loopback too) still gets a page; a third computer gets "the course is full"; after the first
tab is closed and its kernel culled, a page opens again. The server extension (Binder,
JupyterHub) honours the same settings through the REST API.
"""

from __future__ import annotations

import html
import http.client
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.browser.conftest import (
    CULL_INTERVAL_SECONDS,
    PAGE_TIMEOUT_MS,
    SERVER_CULL_IDLE_SECONDS,
    OpenedPage,
    VoilaServer,
    _wait_http,
    assert_culled_when_closed,
    free_port,
    stop_process,
)
from verbinding import server

APP_MARK = "application/vnd.jupyter.widget-view+json"
CAPS = ["--CourseKernelManager.max_kernels=2", "--CourseKernelManager.max_kernels_per_address=1"]
# Long enough that a page loaded over plain HTTP (no websocket) is not culled between two
# steps of the test on a busy machine; a closed tab's kernel goes after this time.
CULL = [f"--MappingKernelManager.cull_idle_timeout={SERVER_CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}"]


def _get(port: int, path: str, source: str, method: str = "GET") -> tuple[int, str]:
    """A request from the address ``source`` (another computer, as the server sees it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=180, source_address=(source, 0))
    try:
        connection.request(method, path, body=b"{}" if method == "POST" else None,
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, html.unescape(response.read().decode("utf-8"))
    finally:
        connection.close()


@pytest.fixture
def capped_voila(tmp_path):
    port = free_port()
    log = tmp_path / "voila.log"
    env = {**os.environ, "VERBINDING_HOME": str(tmp_path / "home")}
    with open(log, "wb") as handle:
        process = subprocess.Popen(server.voila_command(port, "127.0.0.1", CAPS + CULL), cwd=server.config_dir(),
                                   env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        assert server.wait_until_listening("127.0.0.1", port, process, seconds=120)
        yield VoilaServer(port, tmp_path / "home", process, log, SERVER_CULL_IDLE_SECONDS)
    finally:
        stop_process(process, seconds=30)


def test_a_full_server_shows_a_dutch_page_and_opens_again_after_culling(browser, capped_voila):
    voila = capped_voila
    context = browser.new_context(locale="nl-NL")
    first = OpenedPage(context.new_page(), voila)
    first.goto("index.ipynb", "caps-een")

    second = OpenedPage(context.new_page(), voila)
    response = second.page.goto(voila.url("index.ipynb", "caps-twee"), wait_until="load", timeout=PAGE_TIMEOUT_MS)
    assert response.status == 429
    body = second.page.inner_text("body")
    assert second.page.get_by_role("heading", name="Te veel tabbladen").count() == 1
    assert "Vanaf jouw computer zijn al 1 cursuspagina's open" in body
    assert "Sluit een ander tabblad" in body and "Je werk is bewaard" in body
    retry = second.page.get_by_role("link", name="Probeer het opnieuw")
    assert retry.get_attribute("href") == "", "the retry keeps the address with the learner's code"
    assert second.outside_requests() == []
    assert "Traceback" not in body and "HTTPError" not in body
    second.page.close()

    status, page = _get(voila.port, "/voila/render/index.ipynb?werkboek=caps-drie", "127.0.0.2")
    assert status == 200 and APP_MARK in page, "another computer still gets a page"
    status, full = _get(voila.port, "/voila/render/index.ipynb?werkboek=caps-vier", "127.0.0.3")
    assert status == 429
    assert "<h1>De cursus is vol</h1>" in full
    assert "De cursus is vol: er zijn al 2 cursuspagina's open op deze server" in full
    assert "Sluit een ander tabblad" not in full

    assert_culled_when_closed(first, voila)  # the closed tab's kernel frees its place
    again = OpenedPage(context.new_page(), voila)
    again.goto("index.ipynb", "caps-een")  # the course, ready to use
    assert voila.process.poll() is None, "nothing crashed"
    context.close()


def test_the_caps_hold_in_a_jupyter_server_too(tmp_path):
    """Voilà as a server extension (Binder, JupyterHub) uses the course kernel manager, so the
    same settings cap kernels started through the REST API, per address and in total."""
    port = free_port()
    command = [
        sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={port}",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={Path(__file__).resolve().parents[2]}",
        "--IdentityProvider.token=", "--ServerApp.disable_check_xsrf=True", *CAPS,
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    env = {**os.environ, "VERBINDING_HOME": str(tmp_path / "home")}
    with open(tmp_path / "server.log", "wb") as handle:
        process = subprocess.Popen(command, cwd=tempfile.mkdtemp(dir=tmp_path), env=env,
                                   stdout=handle, stderr=subprocess.STDOUT)
    try:
        _wait_http(f"http://127.0.0.1:{port}/api/status", process, seconds=120)
        assert _get(port, "/api/kernels", "127.0.0.1", "POST")[0] == 201
        status, refused = _get(port, "/api/kernels", "127.0.0.1", "POST")
        assert status == 429 and "Sluit een ander tabblad" in refused
        assert _get(port, "/api/kernels", "127.0.0.2", "POST")[0] == 201
        status, page = _get(port, "/voila/render/course/index.ipynb", "127.0.0.3")
        assert status == 429 and "De cursus is vol" in page
        assert process.poll() is None
    finally:
        stop_process(process, seconds=30)
