"""A trainer's own exercise (a folder in ``oefeningen/``) in a real browser: it is in the
course menu at its place, a learner walks it, the answers are in the workbook."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

from .conftest import CULL_IDLE_SECONDS, ROOT, _page_opener, _serving, free_port

EXAMPLE = ROOT / "course" / "trainer" / "voorbeeld-oefeningen" / "wethouder"
READY = ".verbinding-course-nav a"


@pytest.fixture(scope="module")
def own_course_server():
    """Voilà on a copy of the course with the example exercise copied into oefeningen/."""
    folder = Path(tempfile.mkdtemp(prefix="verbinding-eigen-oefening-")) / "cursus"
    shutil.copytree(ROOT / "course", folder)
    shutil.copytree(EXAMPLE, folder / "oefeningen" / "wethouder")
    port = free_port()
    command = [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
               f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}"]
    try:
        with _serving(command, "verbinding-browser-eigen-", "/voila/render/index.ipynb", port=port) as server:
            yield server
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture
def own_page_at(browser, own_course_server):
    yield from _page_opener(browser, own_course_server)


def test_the_exercise_is_in_the_menu_and_saves_answers(own_page_at, own_course_server, artifacts_dir):
    opened = own_page_at("index.ipynb", code="eigen-oefening-1", ready=READY)
    page = opened.page
    menu = page.locator(".verbinding-course-nav a")
    ids = [menu.nth(i).get_attribute("data-module") for i in range(menu.count())]
    assert ids.index("wethouder") == ids.index("connection") + 1
    page.locator(".verbinding-course-nav a[data-module='wethouder']").click()
    page.wait_for_function(
        "() => (document.querySelector('.verbinding-module h1')?.innerText || '').startsWith('Oefening: de wethouder')",
        timeout=60000,
    )
    assert "module=wethouder" in page.url
    page.get_by_role("button", name="Bijna. Mag ik eerst twee bewonersgroepen uit de wijk vragen hoe zij het zien?").click()
    page.get_by_role("button", name="Ik spreek de bewonersgroepen deze week en laat u vrijdag weten wat ze zeggen.").click()
    page.wait_for_selector("text=met twee punten van de bewoners erin", timeout=30000)
    page.screenshot(path=str(artifacts_dir / "eigen_oefening.png"), full_page=False)
    deadline = time.monotonic() + 20
    state = {}
    while time.monotonic() < deadline:
        saved = own_course_server.home / "werkboeken" / "eigen-oefening-1.json"
        # read as the file it is: this test runs outside that course, which alone knows the id
        state = json.loads(saved.read_text(encoding="utf-8"))["modules"].get("wethouder", {}) if saved.exists() else {}
        if state.get("dialogues", {}).get("wethouder-snel", {}).get("walks", [{}])[0].get("ending"):
            break
        time.sleep(0.2)
    assert state["dialogues"]["wethouder-snel"]["walks"][0]["ending"] == "einde_goed"
    opened.check_accessibility("eigen oefening")
    opened.assert_clean()
