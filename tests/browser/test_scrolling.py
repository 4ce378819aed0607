"""The course page scrolls like a web page: a learner reads every module with the mouse wheel.

Playwright scrolls an element into view by itself before it clicks, so a page whose content
could not be scrolled still passed every click test (issue 24: ``#rendered_cells`` had
``overflow: hidden`` at the window's height). These tests move only by wheel events: nothing
here calls ``scroll_into_view`` or clicks an element the learner could not see.
"""

from __future__ import annotations

import time

import pytest

from verbinding.course import MODULES

APP = "index.ipynb"
READY = ".verbinding-course-nav a"
VIEWPORTS = {"laptop": (1366, 768), "phone": (390, 844)}

# The lowest visible element of the shown module, and where it is in the window (the
# options of a list box scroll inside their box and do not count).
LAST_ELEMENT_BOTTOM = """() => {
    const module = document.querySelector('.verbinding-module');
    let bottom = 0;
    for (const el of module.querySelectorAll('*')) {
        if (el.closest('select')) continue;
        const box = el.getBoundingClientRect();
        if (box.height > 0 && box.width > 0) bottom = Math.max(bottom, box.bottom);
    }
    return bottom;
}"""


def _in_window(page, selector: str) -> bool:
    return page.evaluate(
        """sel => { const box = document.querySelector(sel).getBoundingClientRect();
                   return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight; }""",
        selector,
    )


def _wheel_until(page, condition, direction: int, limit: int = 80) -> None:
    """Turn the mouse wheel over the middle of the page until ``condition()`` holds."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    page.mouse.move(width // 2, height // 2)
    for _ in range(limit):
        if condition():
            return
        page.mouse.wheel(0, direction * 600)
        time.sleep(0.1)
    assert condition(), f"the wheel did not get there (scrollY={page.evaluate('window.scrollY')})"


def _show(page, module_id: str) -> None:
    link = f".verbinding-course-nav a[data-module='{module_id}']"
    # the menu must be reachable from where the learner is: sticky beside the module, or at
    # the top of the page on a phone, reached by turning the wheel back up
    _wheel_until(page, lambda: _in_window(page, link), direction=-1)
    page.locator(link).click()
    page.wait_for_function(
        "id => document.querySelector('.verbinding-course-nav a[aria-current=page]')?.dataset.module === id",
        arg=module_id, timeout=60000,
    )
    page.wait_for_selector(".verbinding-module h1", state="visible", timeout=60000)


def _read_to_the_end(page) -> None:
    height = page.viewport_size["height"]
    _wheel_until(page, lambda: page.evaluate(LAST_ELEMENT_BOTTOM) <= height + 1, direction=1)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_module_reads_top_to_bottom_with_the_mouse_wheel(browser, voila_server, viewport):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(voila_server.url(APP, f"scroll-{viewport}"), wait_until="load", timeout=120000)
        page.wait_for_selector(READY, state="visible", timeout=120000)
        page.wait_for_selector("#loading", state="hidden", timeout=120000)
        for item in MODULES:
            _show(page, item.id)
            _read_to_the_end(page)
            assert page.evaluate("window.scrollY") > 0, f"{item.id}: the page itself did not scroll"
            if viewport == "laptop":
                # the menu stays beside the module while the learner reads on
                assert _in_window(page, f".verbinding-course-nav a[data-module='{item.id}']"), item.id
            else:
                overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{item.id}: the page scrolls sideways by {overflow}px at {width}px"
    finally:
        context.close()


def test_the_course_scrolls_in_a_jupyter_server(browser, jupyter_server):
    """Binder and JupyterHub serve the same page through Voilà's server extension."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(jupyter_server.url("course/index.ipynb", "scroll-server") + "&module=outreach",
                  wait_until="load", timeout=120000)
        page.wait_for_selector(".verbinding-module h1", state="visible", timeout=120000)
        _read_to_the_end(page)
        assert page.evaluate("window.scrollY") > 0
    finally:
        context.close()


def test_the_wheel_scrolls_the_page_past_a_list_box(browser, voila_server):
    """Walk finding (issue 28): in module 3 the wheel over a list of 200 organisations scrolled
    the list, not the page; the learner got stuck in it. Over a list she has not clicked into,
    the wheel moves the page; clicked into, it scrolls the list."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(voila_server.url(APP, "scroll-lists") + "&module=connection", wait_until="load", timeout=120000)
        page.wait_for_selector(".verbinding-module h1", state="visible", timeout=120000)
        longest = page.locator(".verbinding-module select[size]:visible").last  # the candidates (200)
        longest.wait_for(timeout=60000)
        assert longest.evaluate("s => s.options.length") > 20
        _wheel_until(page, lambda: (longest.bounding_box() or {"y": 9999})["y"] < 400, direction=1)
        box = longest.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        before = page.evaluate("window.scrollY")
        for _ in range(4):
            page.mouse.wheel(0, 300)
            time.sleep(0.15)
        assert longest.evaluate("s => s.scrollTop") == 0, "the list caught the wheel"
        assert page.evaluate("window.scrollY") >= before + 1000, "the page did not scroll past the list"
        # clicked into, the list scrolls with the wheel (the learner looks through it)
        _wheel_until(page, lambda: 100 < (longest.bounding_box() or {"y": -1})["y"] < 400, direction=-1)
        box = longest.bounding_box()
        longest.focus()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 300)
        page.wait_for_function("s => s.scrollTop > 0", arg=longest.element_handle(), timeout=5000)
    finally:
        context.close()
