"""What a new learner sees at a laptop (1366x768): a dropdown shows it opens, Connection's
step 4 says what the list holds, and the server's own address greets in Dutch.

Moved by mouse wheel only (see test_scrolling). Screenshots are kept under
``test-artifacts/look/`` for a person to look at."""

from __future__ import annotations

import urllib.request

import pytest

from .conftest import OpenedPage
from .test_scrolling import _in_window, _show, _wheel_until

APP = "index.ipynb"
READY = ".verbinding-course-nav a"
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def shots(artifacts_dir):
    folder = artifacts_dir / "look"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def app_page(browser, voila_server):
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL")
    opened = OpenedPage(context.new_page(), voila_server)
    try:
        yield opened
        assert opened.outside_requests() == []
    finally:
        context.close()


def _open(opened: OpenedPage, code: str, module_id: str):
    page = opened.page
    page.goto(opened.server.url(APP, code), wait_until="load", timeout=120000)
    page.wait_for_selector(READY, state="visible", timeout=120000)
    _show(page, module_id)
    return page


def test_a_dropdown_shows_that_it_opens(app_page, shots):
    """Walk finding: the dropdowns (utrecht-select) had no arrow; a learner did not see they open."""
    page = _open(app_page, "look-dropdown", "drempels")
    first = ".verbinding-module .widget-dropdown select"
    page.wait_for_selector(first, state="attached", timeout=60000)
    _wheel_until(page, lambda: _in_window(page, first), direction=1)
    look = page.evaluate(
        """sel => { const s = getComputedStyle(document.querySelector(sel));
                   return {image: s.backgroundImage, right: parseFloat(s.paddingRight),
                           repeat: s.backgroundRepeat, appearance: s.appearance}; }""",
        first,
    )
    assert "data:image/svg+xml" in look["image"], look  # drawn inline: no request leaves the page
    assert look["repeat"] == "no-repeat" and look["right"] >= 20, look  # the text stays clear of it
    box = page.locator(first).first.bounding_box()
    page.screenshot(path=str(shots / "dropdown-1366x768.png"),
                    clip={"x": 0, "y": max(0, box["y"] - 150), "width": 1366, "height": 330})
    app_page.check_accessibility("a dropdown in module 1")


def _module_2_with_support_points(home, code: str) -> str:
    """A learner's workbook whose module-2 map has an expert on every dimension (its points
    are about support), one of them an organisation with 5 to 10 contacts; that one's name."""
    from verbinding.cases import load_course_case
    from verbinding.course import DEFAULT_CASE
    from verbinding.modules.connection import CaseAnalysis
    from verbinding.modules.outreach import OutreachMap
    from verbinding.workbook import Workbook

    case = load_course_case(DEFAULT_CASE)
    analysis = CaseAnalysis(case)
    busy = next(o for o in sorted(analysis.names) if 5 <= analysis.contacts_of(o) <= 10)
    model = OutreachMap.from_case(case)
    sh = model.add_stakeholder(analysis.name(busy), org_id=busy, type="bedrijf")
    for dim in model.dimensions:
        model.set_link(dim.id, sh.id, expertise=3, support=0)
    workbook = Workbook.open(code, home=home)
    workbook.set_module("outreach", model.to_dict())
    workbook.save()
    return analysis.name(busy)


def test_connection_step_4_says_what_the_list_holds(app_page, shots):
    """Walk finding: 'Hoogstens (contacten)' 1 and an organisation with 5 contacts in the list;
    'nog geen ontbrekende expertise vastgelegd' while module 2 listed its points."""
    busy = _module_2_with_support_points(app_page.server.home, "look-step4")
    page = _open(app_page, "look-step4", "connection")
    steps = ".verbinding-connection .verbinding-step"
    page.wait_for_function("sel => document.querySelectorAll(sel).length >= 5", arg=steps, timeout=60000)
    step4 = page.locator(steps).nth(3)

    def heading_in_window() -> bool:
        box = step4.locator("h3").bounding_box()
        return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"]

    _wheel_until(page, heading_in_window, direction=1)
    page.mouse.wheel(0, 480)
    page.wait_for_timeout(300)
    text = step4.inner_text()
    assert "Je kaart in module 2 heeft" in text and "genoeg expertise" in text
    assert "nog geen" not in text
    assert f"Niet in de lijst: {busy}" in text and "meer dan 1 contact." in text
    options = [o.replace("\xa0", " ") for o in step4.locator(".widget-select select:not([multiple]) option").all_inner_texts()]
    assert options and all(o.split(" · ")[1] in ("0 contacten", "1 contact") for o in options)
    page.screenshot(path=str(shots / "connection-step4-1366x768.png"))
    page.mouse.wheel(0, 560)  # on to the list and what it says about it
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots / "connection-step4-list-1366x768.png"))


def test_the_servers_address_greets_in_dutch_and_leads_to_the_course(browser, voila_server, shots):
    """Walk finding: `verbinding start`'s own address showed Voilà's English 'Voilà Home'."""
    with urllib.request.urlopen(f"{voila_server.base}/", timeout=30) as response:
        body = response.read().decode("utf-8")
    assert "<title>\n      Verbindend leiderschap — cursus\n    </title>" in body
    assert "<h1>Verbindend leiderschap — cursus</h1>" in body and 'lang="nl"' in body
    assert "Voilà Home" not in body and "Select items" not in body and "<script src" not in body
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL")
    opened = OpenedPage(context.new_page(), voila_server)
    try:
        page = opened.page
        page.goto(f"{voila_server.base}/", wait_until="load")
        assert page.title() == "Verbindend leiderschap — cursus"
        page.screenshot(path=str(shots / "start-page-1366x768.png"))
        opened.check_accessibility("the server's start page")
        page.get_by_role("link", name="Naar de cursus").click()
        page.wait_for_selector(READY, state="visible", timeout=120000)
        assert page.url.split("?")[0].endswith("/voila/render/index.ipynb")
        assert opened.outside_requests() == []
    finally:
        context.close()
