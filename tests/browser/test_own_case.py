"""A trainer's own case in a real browser: listed on the index, chosen, used by a module.

Runs its own Voilà (no preheated kernels, to stay light) with ``VERBINDING_CASES`` naming a
folder with two copies of datasets/voorbeeld-eigen-casus: one good, one broken.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, OpenedPage, VoilaServer, _wait_http, free_port

EXAMPLE = ROOT / "datasets" / "voorbeeld-eigen-casus"
GOOD_TITLE = "Schone haven (proef)"
BROKEN_TITLE = "Kapotte haven (proef)"


def _copy_case(folder: Path, title: str) -> Path:
    shutil.copytree(EXAMPLE, folder)
    yaml_path = folder / "case.yaml"
    lines = yaml_path.read_text(encoding="utf-8").splitlines()
    yaml_path.write_text(
        "\n".join(f'titel: "{title}"' if line.startswith("titel:") else line for line in lines) + "\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def own_case_server():
    home = Path(tempfile.mkdtemp(prefix="verbinding-own-case-"))
    cases = home / "casussen"
    _copy_case(cases / "schone-haven", GOOD_TITLE)
    (_copy_case(cases / "kapot", BROKEN_TITLE) / "contacts.csv").unlink()
    port = free_port()
    log = home / "voila.log"
    env = dict(os.environ, VERBINDING_HOME=str(home), VERBINDING_CASES=str(cases))
    command = [
        sys.executable, "-m", "voila", str(ROOT / "course"), "--no-browser",
        f"--port={port}", "--Voila.ip=127.0.0.1", "--VoilaConfiguration.preheat_kernel=False",
    ]
    # Leaving the Popen block waits for Voilà to stop after the terminate below.
    with open(log, "wb") as handle, subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    ) as process:
        try:
            server = VoilaServer(port, home, process, log)
            _wait_http(f"{server.base}/voila/tree", process, seconds=120)
            yield server
        finally:
            process.terminate()
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def open_page(browser, own_case_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    opened: list[OpenedPage] = []

    def opener(notebook: str, code: str) -> OpenedPage:
        page = OpenedPage(context.new_page(), own_case_server)
        opened.append(page)
        page.goto(notebook, code)
        return page

    yield opener
    try:
        for page in opened:
            assert not page.outside_requests()
    finally:
        context.close()


def test_learner_chooses_an_own_case_and_the_module_uses_it(open_page, artifacts_dir):
    index = open_page("index.ipynb", "eigen-casus-1")
    picker = index.page.get_by_label("Casus", exact=True)
    labels = [label.replace("\xa0", " ") for label in picker.locator("option").all_inner_texts()]
    assert labels[-2:] == [f"{BROKEN_TITLE} (eigen casus)", f"{GOOD_TITLE} (eigen casus)"]

    picker.select_option(index=labels.index(f"{BROKEN_TITLE} (eigen casus)"))
    alert = index.page.locator("[role=alert]", has_text="contacts.csv")
    alert.wait_for(state="visible")
    index.page.wait_for_function(
        "() => document.querySelector('select') && "
        "document.querySelector('select').selectedOptions[0].textContent.startsWith('Klimaatadaptatie')"
    )
    index.check_accessibility("broken own case refused")
    index.page.screenshot(path=str(artifacts_dir / "own_case_refused.png"))

    picker.select_option(index=labels.index(f"{GOOD_TITLE} (eigen casus)"))
    index.page.get_by_text(f"Je werkt met de casus: {GOOD_TITLE} (eigen casus).").wait_for(state="visible")
    assert alert.count() == 0
    index.assert_clean()

    outreach = open_page("02_outreach.ipynb", "eigen-casus-1")
    outreach.page.get_by_text(f"Casus: {GOOD_TITLE}", exact=True).wait_for(state="visible")
    assert "standaardcasus" not in outreach.page.inner_text("body")
    outreach.assert_clean()
    outreach.check_accessibility("module opened on the own case")


def test_own_case_files_are_not_served(own_case_server):
    for path in ("casussen/README.md", "casussen/schone-haven/organisations.csv"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{own_case_server.base}/voila/files/{path}", timeout=10)
        assert caught.value.code in (403, 404), path
    with urllib.request.urlopen(f"{own_case_server.base}/voila/tree/casussen", timeout=10) as response:
        assert response.status == 200  # the folder does not break Voilà's file list
