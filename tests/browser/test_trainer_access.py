"""Trainer material in a real browser, in both ways one computer serves the course.

``verbinding start``: a learner's browser gets the Dutch 403 page for the guide and the class
overview; the trainer's link (printed at start, with the key) opens the guide and, by its
cookie, the class overview. Voilà inside a Jupyter server (Binder): no role, so nobody opens
``course/trainer/``, neither rendered nor as a file.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from browser.conftest import PAGE_TIMEOUT_MS, OpenedPage, VoilaServer, _wait_http, free_port
from verbinding.server import stop_tree
from verbinding.texts import t

VERBINDING = Path(sys.executable).with_name("verbinding")


@pytest.fixture(scope="module")
def started_course():
    """``verbinding start`` as a trainer runs it; yields the server and the trainer's link."""
    home = Path(tempfile.mkdtemp(prefix="verbinding-start-"))
    port = free_port()
    log = home / "start.log"
    with open(log, "wb") as handle:
        process = subprocess.Popen([str(VERBINDING), "start", "--no-browser", f"--port={port}"],
                                   env=dict(os.environ, VERBINDING_HOME=str(home)), stdout=handle,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        server = VoilaServer(port, home, process, log)
        _wait_http(f"{server.base}/voila/render/index.ipynb", process, seconds=300)
        link = re.search(r"http://\S+sleutel=\S+", log.read_text(encoding="utf-8")).group(0)
        yield server, link
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            stop_tree(process, seconds=5)


def _forbidden(page, url: str) -> None:
    response = page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
    assert response.status == 403, url
    assert page.get_by_role("heading", name=t("trainer.access.title")).count() == 1
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert "goede antwoorden" not in page.content().lower()


def test_a_learner_gets_the_dutch_403_page_and_the_trainers_link_opens_the_guide(browser, started_course):
    server, link = started_course
    learner = browser.new_context(locale="nl-NL")
    trainer = browser.new_context(locale="nl-NL")
    try:
        page = learner.new_page()
        for path in ("voila/render/trainer/handleiding.ipynb", "voila/render/trainer/klasoverzicht.ipynb",
                     "voila/files/trainer/handleiding.ipynb", "voila/render/%74rainer/handleiding.ipynb"):
            _forbidden(page, f"{server.base}/{path}")
        page.get_by_role("link", name=t("trainer.access.back")).click()
        page.wait_for_url(re.compile(r"/voila/render/index\.ipynb"))

        opened = OpenedPage(trainer.new_page(), server)
        opened.page.goto(link, wait_until="load", timeout=PAGE_TIMEOUT_MS)
        assert "sleutel=" not in opened.page.url, "the key leaves the address bar"
        opened.page.get_by_role("heading", name="Handleiding voor trainers").wait_for(timeout=PAGE_TIMEOUT_MS)
        opened.assert_clean()
        overview = OpenedPage(trainer.new_page(), server)
        overview.page.goto(f"{server.base}/voila/render/trainer/klasoverzicht.ipynb", wait_until="load",
                           timeout=PAGE_TIMEOUT_MS)
        overview.wait_ready(".verbinding-classview")
        for each in (opened, overview):
            assert not each.outside_requests(), each.outside_requests()[:5]
    finally:
        learner.close()
        trainer.close()


def test_in_a_jupyter_server_nobody_opens_the_trainer_material(browser, jupyter_server):
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        for path in ("voila/render/course/trainer/handleiding.ipynb", "files/course/trainer/handleiding.ipynb",
                     "api/contents/course/trainer/handleiding.ipynb", "lab/tree/course/trainer/klasoverzicht.ipynb"):
            _forbidden(page, f"{jupyter_server.base}/{path}")
        assert context.request.get(f"{jupyter_server.base}/api/contents/course/index.ipynb").status == 200
    finally:
        context.close()
