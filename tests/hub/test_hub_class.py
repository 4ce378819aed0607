"""A class on the hub, ready before the bell and seen live by the trainer (issue 27).

`verbinding hub --klaslijst namen.txt` with three names: their servers run before anyone logs
in, and a learner's login lands on hers. The learners save their work; the trainer's class
overview (in her browser) counts three and follows a new save by itself. A learner reaches
neither the trainer's page nor the trainer's copies of the workbooks.
"""

from __future__ import annotations

import json
import os
import secrets

import pytest
from playwright.sync_api import expect

from verbinding import hub
from verbinding.classview import LIVE_SECONDS
from verbinding.hub import klas
from verbinding.texts import t

from .conftest import _require, running_hub, servers, wait_for_log
from .test_hub import _new_context
from .test_hub_safety import PROBE, _login, _run_in_own_kernel, _server_up, _session

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="an account per learner needs root (CI runs as root)")

TAG = secrets.token_hex(3)
CLASS_LIST = [f"Vbt Öztürk {TAG} {n}" for n in (1, 2, 3)]  # as the trainer types them
ACCOUNTS = [f"vbt-ozturk-{TAG}-{n}" for n in (1, 2, 3)]    # as login makes them


@pytest.fixture(scope="module")
def class_hub(browser):
    _require("configurable-http-proxy", "npm install -g configurable-http-proxy")
    with running_hub(class_list=CLASS_LIST) as class_hub:
        yield class_hub


@pytest.fixture(scope="module")
def sessions(class_hub):
    """The three learners, logged in over HTTP, each with a workbook saved by her course's code."""
    wait_for_log(class_hub, "klaar voor 3 deelnemers")
    result = {}
    for typed, name in zip(CLASS_LIST, ACCOUNTS, strict=True):
        session = _session()
        assert _login(class_hub, session, typed).status_code == 302
        _server_up(class_hub, session, name)
        _save(class_hub, session, name, "kennismaken", {"dossier": f"Dossier van {name}"})
        result[name] = session
    return result


def _save(class_hub, session, name: str, module: str, state: dict) -> None:
    """What the learner's course does when she types: save a module in her own workbook."""
    code = ("from verbinding import session\nfrom verbinding.workbook import Workbook\n"
            "wb = Workbook.open(session.choose_code().code)\n"
            f"wb.set_module({module!r}, {state!r})\nprint('bewaard')\n")
    query = hub.COURSE_URL.split("?", 1)[1]
    output = _run_in_own_kernel(class_hub, session, name, code, env={"QUERY_STRING": query, "VOILA_SERVER_URL": "/"})
    assert "bewaard" in output, output


def test_the_class_lists_servers_run_before_anyone_logs_in_and_a_login_lands_on_hers(class_hub, browser):
    log = wait_for_log(class_hub, "klaar voor 3 deelnemers")
    assert "Klaslijst: 3 namen" in log
    running = servers(class_hub.process.pid)
    assert set(ACCOUNTS) <= set(running), f"servers before any login: {sorted(running)}"
    context = _new_context(browser)
    try:
        opened = class_hub.login(context, CLASS_LIST[0], account=ACCOUNTS[0])
        assert f"/user/{ACCOUNTS[0]}/voila/render/index.ipynb" in opened.page.url
        assert servers(class_hub.process.pid)[ACCOUNTS[0]] == running[ACCOUNTS[0]], "the same server, not a new one"
        assert not opened.outside_requests()
    finally:
        context.close()
    # Her spelling is hers; a look-alike is refused as at any login, and a name not on the
    # list still gets in.
    refused = _login(class_hub, _session("127.0.0.6"), CLASS_LIST[0].replace("Ö", "O").replace("ü", "u"))
    assert refused.status_code == 403 and "al iemand anders" in refused.text
    assert _login(class_hub, _session("127.0.0.6"), class_hub.name("niet-op-lijst")).status_code == 302


def _module_count(page, module: str):
    title = t(f"common.modules.{module}.title")
    row = page.locator(".verbinding-classview tr", has=page.locator("td", has_text=title)).first
    return row.locator("td").nth(1)


def test_the_trainers_live_view_counts_the_class_and_follows_a_save(class_hub, sessions, browser):
    context = _new_context(browser)
    try:
        trainer = class_hub.settings.trainer
        opened = class_hub.login(context, trainer, class_hub.settings.trainer_password, ready=".jupyter-widgets")
        page = opened.page
        page.get_by_role("button", name=t("classview.live.read")).click()
        expect(page.locator(".verbinding-classview [role=status]").first).to_contain_text(
            "3 werkboeken op deze server", timeout=60_000)
        expect(_module_count(page, "kennismaken")).to_have_text("3")
        expect(_module_count(page, "drempels")).to_have_text("0")
        page.get_by_label(t("classview.live.auto", seconds=LIVE_SECONDS)).check()
        # One learner goes on to module 1; the trainer's page shows it by itself.
        _save(class_hub, sessions[ACCOUNTS[1]], ACCOUNTS[1], "drempels", {"ratings": {"kennis": 3}})
        expect(_module_count(page, "drempels")).to_have_text("1", timeout=(LIVE_SECONDS + klas.COLLECT_SECONDS + 30) * 1000)
        text = page.inner_text(".verbinding-classview")
        assert not [name for name in ACCOUNTS if name in text], "learners stay anonymous"
        assert not opened.outside_requests()
    finally:
        context.close()


def test_a_learner_reaches_neither_the_live_view_nor_the_trainers_copies(class_hub, sessions):
    name, session = ACCOUNTS[2], sessions[ACCOUNTS[2]]
    folder = klas.collected_dir(0, class_hub.settings.trainer)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.json" for n in ACCOUNTS)
    assert folder.owner() == class_hub.settings.trainer and folder.stat().st_mode & 0o077 == 0
    targets = {"copies": str(folder), "copy_of_other": str(folder / f"{ACCOUNTS[0]}.json"),
               "own_copy": str(folder / f"{name}.json"), "hub_folder": str(folder.parent)}
    output = _run_in_own_kernel(class_hub, session, name, f"TARGETS = {json.dumps(targets)!r}\n{PROBE}")
    result = json.loads(output.strip().splitlines()[-1])
    assert result["uid"] != 0
    for key in targets:
        assert result[key] == "denied", f"a learner's code could {result[key]} {key}"
    page = session.get(f"{class_hub.base}/user/{name}/voila/render/trainer/klasoverzicht.ipynb", timeout=60)
    assert page.status_code == 403 and "Alleen voor de trainer" in page.text
    other = session.get(f"{class_hub.base}/user/{class_hub.settings.trainer}/voila/render/trainer/klasoverzicht.ipynb",
                        timeout=60, allow_redirects=False)
    assert other.status_code in (302, 403) and "verbinding-classview" not in other.text, "nor the trainer's server"
