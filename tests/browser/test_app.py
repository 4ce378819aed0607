"""The course as one app in a real browser: one learner, one page, one kernel, no lost work."""

from __future__ import annotations

import json
import re
import time

from verbinding.course import INDEX, MODULES
from verbinding.workbook import Workbook

APP = "index.ipynb"
READY = ".verbinding-course-nav a"


def _kernel_id(page) -> str:
    return json.loads(page.locator("#jupyter-config-data").inner_text())["kernelId"]


def _show(page, module_id: str) -> None:
    """Choose a module in the course menu, as a learner does, and wait until it is shown."""
    page.locator(f".verbinding-course-nav a[data-module='{module_id}']").click()
    _wait_shown(page, module_id)


def _wait_shown(page, module_id: str) -> None:
    page.wait_for_function(
        "id => document.querySelector('.verbinding-course-nav a[aria-current=page]')?.dataset.module === id",
        arg=module_id, timeout=60000,
    )
    page.wait_for_selector(".verbinding-module h1", state="visible", timeout=60000)


def _fill(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")  # continuous_update=False: the value is sent on blur


def _wait_saved(server, code: str, module_id: str, predicate, seconds: float = 20) -> dict:
    deadline = time.monotonic() + seconds
    state = {}
    while time.monotonic() < deadline:
        state = Workbook.open(code, server.home).module(module_id)
        if predicate(state):
            return state
        time.sleep(0.2)
    raise AssertionError(f"{module_id} not saved as expected: {state}")


def _wait_gone(server, kernel: str, seconds: float) -> float:
    started = time.monotonic()
    while kernel in server.kernel_ids():
        assert time.monotonic() - started < seconds, f"kernel {kernel} still runs after {seconds} s"
        time.sleep(0.2)
    return time.monotonic() - started


def test_one_learner_walks_every_module_in_one_page_with_one_kernel(course_page_at, voila_server, artifacts_dir):
    before = voila_server.kernel_ids()
    opened = course_page_at(APP, code=None, ready=READY)
    page = opened.page
    code = re.search(r"werkboek=([a-z0-9-]+)", page.url).group(1)
    assert "module=index" in page.url, "the address names the module"
    assert code in page.inner_text(".verbinding-notice"), "the new code is shown"
    assert page.title() == "Startpagina – Verbindend leiderschap"
    kernel = _kernel_id(page)

    _show(page, "kennismaken")
    todo = page.locator(".verbinding-module:visible .verbinding-todo-box")
    assert "Geef je dossier een naam." in todo.inner_text()
    _fill(page, "Mijn dossier", "Hittestress in wijken")
    # the 'Nog te doen' box above the next-module link follows what the learner typed
    page.wait_for_function(
        "() => { const box = [...document.querySelectorAll('.verbinding-todo-box')].find(b => b.offsetParent);"
        " return box && !box.innerText.includes('Geef je dossier een naam.')"
        " && box.innerText.includes('Noem minstens één vaste gesprekspartner.'); }",
        timeout=20000,
    )
    for item in MODULES[1:]:
        _show(page, item.id)
        assert f"module={item.id}" in page.url and f"werkboek={code}" in page.url
        # the menu marks the module at once; its heading arrives from the kernel
        page.wait_for_function(
            "prefix => (document.querySelector('.verbinding-module h1')?.innerText || '').startsWith(prefix)",
            arg=item.title.split(":")[0], timeout=60000,
        )
        opened.assert_clean()
    # what module 0 holds shows in module 5 without a reload
    _show(page, "eigen_dossier")
    assert page.get_by_label("Mijn dossier", exact=True).input_value() == "Hittestress in wijken"
    page.screenshot(path=str(artifacts_dir / "app_eigen_dossier.png"), full_page=False)

    page.go_back()  # to the module visited before this one
    _wait_shown(page, MODULES[-1].id)
    page.go_forward()
    _wait_shown(page, "eigen_dossier")

    started = voila_server.kernel_ids() - before - {kernel}
    assert _kernel_id(page) == kernel and kernel in voila_server.kernel_ids()
    # the only other new kernel is the one Voilà preheats to refill its pool
    assert len(started) <= 1, f"the walk started kernels {started}"

    page.reload(wait_until="load")
    opened.wait_ready(READY)
    _wait_shown(page, "eigen_dossier")  # a reload opens the same place, with the same code
    assert f"werkboek={code}" in page.url
    assert page.get_by_label("Mijn dossier", exact=True).input_value() == "Hittestress in wijken"
    assert _wait_gone(voila_server, kernel, seconds=10) < 10, "the reloaded page's kernel was freed"


def test_closed_page_frees_its_kernel_within_seconds(course_page_at, voila_server):
    opened = course_page_at(APP, code="sluit-1234", ready=READY)
    kernel = _kernel_id(opened.page)
    opened.page.close(run_before_unload=True)
    # faster than the culler (idle > CULL_IDLE_SECONDS): the page's shutdown is accepted
    assert _wait_gone(voila_server, kernel, seconds=6) < 6
    assert "_xsrf' argument missing" not in voila_server.log.read_text(errors="replace")


def test_two_tabs_on_different_modules_keep_all_work(course_page_at, voila_server):
    code = "twee-tabs1"
    tab1 = course_page_at(f"{APP}", code=code, ready=READY).page
    tab2 = course_page_at(f"{APP}", code=code, ready=READY).page
    _show(tab1, "kennismaken")
    _show(tab2, "eigen_dossier")
    _fill(tab1, "Vaste gesprekspartners", "Stichting Groene Kade")
    _wait_saved(voila_server, code, "kennismaken", lambda s: "Groene Kade" in str(s))
    _fill(tab2, "Waar gaat het over?", "Hitte in de stad")
    _wait_saved(voila_server, code, "eigen_dossier", lambda s: "Hitte in de stad" in str(s))
    assert "Groene Kade" in str(Workbook.open(code, voila_server.home).module("kennismaken")), "tab 2 wiped tab 1"


def test_two_tabs_on_one_module_merge_and_show_each_other(course_page_at, voila_server):
    code = "twee-tabs2"
    tab1 = course_page_at(APP, code=code, ready=READY).page
    tab2 = course_page_at(APP, code=code, ready=READY).page
    _show(tab1, "kennismaken")
    _show(tab2, "kennismaken")
    _fill(tab1, "Mijn dossier", "Laadpalen")
    _wait_saved(voila_server, code, "kennismaken", lambda s: "Laadpalen" in str(s))
    _fill(tab2, "Vaste gesprekspartners", "Netbeheer Oost")
    state = _wait_saved(voila_server, code, "kennismaken", lambda s: "Netbeheer Oost" in str(s))
    assert "Laadpalen" in json.dumps(state), "the second tab's save dropped the first tab's field"
    # the second tab now shows what the first typed (its view reloaded after the merge)
    tab2.wait_for_function("() => [...document.querySelectorAll('input')].some(i => i.value === 'Laadpalen')",
                           timeout=20000)


def test_invalid_code_is_explained_and_an_existing_code_can_be_typed(course_page_at, voila_server):
    Workbook.open("bestaand-1234", voila_server.home).set_module("kennismaken", {"dossier": "Mijn oude werk"})
    opened = course_page_at(APP, code="<script>", ready=READY)
    page = opened.page
    notice = page.inner_text(".verbinding-notice")
    assert "kan niet worden gebruikt" in notice and "<script>" in notice
    assert page.locator(".verbinding-notice script").count() == 0  # shown as text, never run
    new_code = re.search(r"werkboek=([a-z0-9-]+)", page.url).group(1)
    assert new_code in notice

    page.get_by_label("Jouw code", exact=True).fill("geen code!")
    page.get_by_role("button", name="Open mijn werk").click()
    page.wait_for_selector("text=is geen geldige code")

    page.get_by_label("Jouw code", exact=True).fill("bestaand-1234")
    page.get_by_role("button", name="Open mijn werk").click()
    page.wait_for_url(re.compile(r"werkboek=bestaand-1234"), timeout=60000)
    opened.wait_ready(READY)
    _show(page, "kennismaken")
    assert page.get_by_label("Mijn dossier", exact=True).input_value() == "Mijn oude werk"


def test_index_module_links_work_inside_the_app(course_page_at):
    opened = course_page_at(APP, code="kaart-1234", ready=READY)
    page = opened.page
    # the course map on the start screen switches module in place, without a page load
    kernel = _kernel_id(page)
    page.locator(f".verbinding-module a[data-module='{MODULES[2].id}']").first.click()
    _wait_shown(page, MODULES[2].id)
    assert _kernel_id(page) == kernel
    page.get_by_role("link", name=INDEX.title).first.click()
    _wait_shown(page, INDEX.id)
