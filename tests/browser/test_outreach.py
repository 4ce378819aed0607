"""Outreach in a real browser: add a dimension, link, rate, see a gap appear and disappear."""

from __future__ import annotations

import time

NOTEBOOK = "02_outreach.ipynb"


def _gaps(page) -> str:
    return page.locator(".verbinding-gaps").inner_text()


def _wait_gaps(page, predicate, seconds: float = 10) -> str:
    deadline = time.monotonic() + seconds
    text = _gaps(page)
    while not predicate(text) and time.monotonic() < deadline:
        time.sleep(0.1)
        text = _gaps(page)
    assert predicate(text), text
    return text


def _link(page, organisation: str, kind: str | None, expertise: str, support: str) -> None:
    page.get_by_label("Dimensie", exact=True).select_option(label="Energie")
    page.get_by_label("Organisatie", exact=True).fill(organisation)
    if kind:
        page.get_by_label("Soort organisatie", exact=True).select_option(value=kind)
    page.get_by_label("Expertise", exact=True).select_option(label=expertise)
    page.get_by_label("Draagvlak", exact=True).select_option(label=support)
    page.get_by_role("button", name="Toevoegen", exact=True).click()


def test_add_dimension_link_rate_and_watch_the_gap(course_page_at, artifacts_dir):
    opened = course_page_at(NOTEBOOK, code="outreach-4242", ready=".verbinding-outreach")
    page = opened.page
    opened.assert_clean()
    opened.check_accessibility("opened")

    page.get_by_label("Nieuwe dimensie", exact=True).fill("Energie")
    page.get_by_label("Waarom telt dit hier?", exact=True).fill("airco's vragen veel stroom")
    page.get_by_role("button", name="Dimensie toevoegen").click()
    _wait_gaps(page, lambda text: "Bij 'Energie' heb je nog geen enkele organisatie gekoppeld" in text)
    opened.check_accessibility("dimension added")

    # one organisation with much expertise and support: the "no one" gap disappears,
    # a "one type only" gap appears
    options = page.get_by_label("Soort organisatie", exact=True).locator("option")
    kinds = [options.nth(i).get_attribute("value") for i in range(options.count())]
    first, second = [k for k in kinds if k != "soort onbekend"][:2]
    _link(page, "Bewoners Zuid <b>", first, "veel", "veel")
    text = _wait_gaps(page, lambda text: "Bij 'Energie' heb je nog geen" not in text)
    assert f"Bij 'Energie' komt alle expertise van één soort organisatie: {first} (Bewoners Zuid <b>)" in text  # HTML in a name is shown as text
    assert page.get_by_role("button", name="Verwijder koppeling Bewoners Zuid <b> bij Energie").count() == 1
    opened.check_accessibility("organisation linked")

    # a second type brings expertise too: no gap left for Energie
    _link(page, "Kennisinstituut Stroom", second, "redelijk", "redelijk")
    _wait_gaps(page, lambda text: "'Energie'" not in text)
    opened.check_accessibility("second organisation linked")

    # removing the second link brings the gap back
    page.get_by_role("button", name="Verwijder koppeling Kennisinstituut Stroom bij Energie").click()
    _wait_gaps(page, lambda text: "Bij 'Energie' komt alle expertise van één soort organisatie" in text)
    opened.check_accessibility("link removed")

    # the work is kept: reopen the page
    page.wait_for_selector("text=Automatisch opgeslagen om")
    page.reload(wait_until="load")
    opened.wait_ready(".verbinding-outreach")
    _wait_gaps(page, lambda text: "Bij 'Energie' komt alle expertise van één soort organisatie" in text)
    page.locator(".verbinding-outreach").screenshot(path=str(artifacts_dir / "outreach_after_reload.png"))
    opened.assert_clean()
    opened.check_accessibility("reloaded")
