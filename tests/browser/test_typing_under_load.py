"""No typed character is lost, doubled or moved when the kernel is slow (a learner's walk
on a loaded machine, module 5's workbench).

ipywidgets holds back a field's updates while the kernel is busy with the field's earlier
ones, but sends a button's click at once: on a loaded machine the click overtook the last
keystrokes ("Woningbouw en infrastructuur" was added as "...infrastructu"), and the view
writing ``""`` into the field raced with the held-back updates, which came back into the
field ("NatuurmonumentenNatuurmonumenten", "...infrastructuurGWoningbouw..."). Here the
kernel is slowed the hard way: its process is stopped (SIGSTOP) while the learner types on
and clicks, as a kernel that gets no CPU time, and let go again (SIGCONT).

The learner types like a person (keys with a delay, a pause, a click), and reaches every
field with the mouse wheel.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

from verbinding.texts import t
from verbinding.workbook import Workbook

from .conftest import PAGE_TIMEOUT_MS, kernel_pids

READY = ".verbinding-course-nav a"
BENCH = ".verbinding-workbench"
KEY_MS = 60


@contextlib.contextmanager
def _kernel_stopped(server, opened):
    """The page's kernel gets no CPU time inside the block (as on a machine at load 5+)."""
    pid = kernel_pids(server.process.pid)[opened.kernel_id()]
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def _wheel_to(page, locator, limit: int = 80) -> None:
    """Turn the mouse wheel over the page until ``locator`` is well inside the window."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    page.mouse.move(width // 2, height // 2)
    for _ in range(limit):
        box = locator.bounding_box()
        if box is not None and 60 <= box["y"] and box["y"] + box["height"] <= height - 60:
            return
        step = 300 if box is None else max(-500, min(500, int(box["y"] - height / 2)))
        page.mouse.wheel(0, step or 100)
        time.sleep(0.1)
    raise AssertionError("the wheel did not bring the field into the window")


def _click(page, locator) -> None:
    """A click as a person does it; into a text field near its right end, after any text."""
    _wheel_to(page, locator)
    box = locator.bounding_box()
    if locator.evaluate("el => el.tagName") == "INPUT":
        locator.click(position={"x": box["width"] - 8, "y": box["height"] / 2})
    else:
        locator.click()


def _bench(server, code: str) -> dict:
    return Workbook.open(code, server.home).module("eigen_dossier").get("werkbank") or {}


def _wait_for(condition, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not so after {seconds} s: {what}"
        time.sleep(0.2)


def test_typing_while_the_kernel_is_slow_adds_every_word_once_in_the_workbench(course_page_at, voila_server):
    code = f"traag-{int(time.time() * 1000) % 10**8}"
    opened = course_page_at("index.ipynb", code=code, ready=READY)
    page = opened.page
    page.goto(f"{voila_server.url('index.ipynb', code)}&module=eigen_dossier", wait_until="load",
              timeout=PAGE_TIMEOUT_MS)
    opened.wait_ready(BENCH)
    page.wait_for_selector(f"{BENCH} .widget-text[class*='verbinding-field--eigen_dossier--']",
                           timeout=PAGE_TIMEOUT_MS)  # the keeper has tagged the workbench's fields
    bench = page.locator(BENCH)
    dimension = bench.get_by_label(t("dossier.werkbank.dimension_label"), exact=True)
    add_dimension = bench.get_by_role("button", name=t("dossier.werkbank.dimension_add"))

    # 1. a dimension typed while the kernel stalls, a pause, the button; the next one typed
    #    into the field before the kernel could empty it
    _click(page, dimension)
    page.keyboard.type("Woningbouw en ", delay=KEY_MS)
    with _kernel_stopped(voila_server, opened):
        page.keyboard.type("infrastructuur", delay=KEY_MS)
        page.wait_for_timeout(1500)
        _click(page, add_dimension)
        _click(page, dimension)
        page.keyboard.type("Gez", delay=KEY_MS)
    page.keyboard.type("ondheid omwonenden", delay=KEY_MS)
    page.wait_for_timeout(1500)
    _click(page, add_dimension)
    _wait_for(lambda: len(_bench(voila_server, code).get("map", {}).get("dimensions", [])) >= 2, "two dimensions")
    page.wait_for_timeout(1000)  # anything still on its way has arrived
    names = [d["name"] for d in _bench(voila_server, code)["map"]["dimensions"]]
    assert names == ["Woningbouw en infrastructuur", "Gezondheid omwonenden"], names
    page.wait_for_function("el => el.value === ''", arg=dimension.element_handle(), timeout=10000)

    # 2. an organisation, the click while the kernel stalls; the field must not come back
    name = bench.get_by_label(t("dossier.werkbank.name_label"), exact=True)
    add_stakeholder = bench.get_by_role("button", name=t("dossier.werkbank.stakeholder_add"))
    _click(page, name)
    page.keyboard.type("Natuur", delay=KEY_MS)
    with _kernel_stopped(voila_server, opened):
        page.keyboard.type("monumenten", delay=KEY_MS)
        page.wait_for_timeout(1500)
        _click(page, add_stakeholder)
        page.wait_for_timeout(500)
    _wait_for(lambda: _bench(voila_server, code).get("map", {}).get("stakeholders"), "a stakeholder")
    page.wait_for_timeout(1500)
    assert [s["name"] for s in _bench(voila_server, code)["map"]["stakeholders"]] == ["Natuurmonumenten"]
    assert name.input_value() == "", "the added name does not come back into the field"
    assert "NatuurmonumentenNatuurmonumenten" not in page.inner_text("body")

    # 3. the row's contacts, typed with a pause longer than the keeper's wait (a save
    #    between the keys): the field the learner types in stays the same field
    contacts = bench.locator(".verbinding-contacts input")
    _click(page, contacts)
    page.keyboard.type("1", delay=KEY_MS)
    page.wait_for_timeout(1500)
    page.keyboard.type("20", delay=KEY_MS)
    page.keyboard.press("Enter")
    _wait_for(lambda: list(_bench(voila_server, code).get("contacts", {}).values()) == [120],
              f"120 contacts saved (now {_bench(voila_server, code).get('contacts')})")
    assert contacts.input_value() == "120"
    opened.assert_clean()


def test_an_outreach_dimension_typed_while_the_kernel_is_slow_is_added_whole_once(course_page_at, voila_server):
    """The same form pattern in module 2 (and in module 4's own interests): one shared fix."""
    code = f"traag-o-{int(time.time() * 1000) % 10**8}"
    opened = course_page_at("index.ipynb", code=code, ready=READY)
    page = opened.page
    page.goto(f"{voila_server.url('index.ipynb', code)}&module=outreach", wait_until="load", timeout=PAGE_TIMEOUT_MS)
    opened.wait_ready(READY)
    name = page.get_by_label(t("outreach.ui.step2.name"), exact=True)
    name.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(".widget-text[class*='verbinding-field--outreach--']", timeout=PAGE_TIMEOUT_MS)
    add = page.get_by_role("button", name=t("outreach.ui.step2.add"))

    def names() -> list[str]:
        return [d["name"] for d in Workbook.open(code, voila_server.home).module("outreach").get("dimensions", [])]

    _click(page, name)
    page.keyboard.type("Woningbouw en ", delay=KEY_MS)
    with _kernel_stopped(voila_server, opened):
        page.keyboard.type("infrastructuur", delay=KEY_MS)
        page.wait_for_timeout(1500)
        _click(page, add)
        _click(page, name)
        page.keyboard.type("Gez", delay=KEY_MS)
    page.keyboard.type("ondheid omwonenden", delay=KEY_MS)
    page.wait_for_timeout(1500)
    _click(page, add)
    _wait_for(lambda: "Gezondheid omwonenden" in names(), "the second dimension")
    page.wait_for_timeout(1000)
    added = names()
    assert added.count("Woningbouw en infrastructuur") == 1 and added.count("Gezondheid omwonenden") == 1, added
    assert not [n for n in added if n.startswith(("Woningbouw en i", "Gez")) and n not in (
        "Woningbouw en infrastructuur", "Gezondheid omwonenden")], added
    page.wait_for_function("el => el.value === ''", arg=name.element_handle(), timeout=10000)
    opened.assert_clean()
