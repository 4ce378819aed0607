"""Connection in a real browser: guess then measure, insider rule, invite, plan counter-voice."""

from __future__ import annotations

import time

NOTEBOOK = "03_connection.ipynb"
READY = ".verbinding-connection"


def _wait_text(page, selector: str, needle: str, seconds: float = 15) -> str:
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        text = " ".join(page.locator(selector).all_inner_texts())
        if needle in text:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{needle!r} not in {text[:2000]!r}")


def test_click_through_connection(course_page_at, artifacts_dir):
    opened = course_page_at(NOTEBOOK, code="connection-4242", ready=READY)
    page = opened.page
    opened.assert_clean()
    body = page.inner_text("body")
    assert "toegang is geen invloed" in body.lower()

    # 1. guess (type into the slider's readout), then measure
    readout = page.locator(f"{READY} .widget-readout").first
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("25")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Toon de echte cijfers").click()
    text = _wait_text(page, READY, "Je schatte 25%")
    assert "procentpunt" in text
    assert page.locator(f"{READY} svg[role=img]").count() >= 2  # Lorenz curve + top list, offline SVG

    # pick the organisation with most contacts: its details appear
    page.get_by_label("Organisatie", exact=True).select_option(index=0)
    _wait_text(page, READY, "contacten, in")

    # 2. insider rule: switch to "most contacts"
    page.get_by_role("button", name="Meeste contacten").click()
    _wait_text(page, READY, "de 10% organisaties met de meeste contacten")

    # 4. new connections: choose a dimension, invite the first candidate, give a reason
    page.get_by_label("Dimensies", exact=True).select_option(index=0)
    page.get_by_role("button", name="Nodig uit", exact=True).click()
    _wait_text(page, READY, "Schrijf nog op waarom")
    reason = page.get_by_placeholder("Bijvoorbeeld: heeft kennis van hittestress").first
    reason.fill("Had nooit contact, kent <b>de wijk</b>")
    reason.press("Tab")
    deadline = time.monotonic() + 15
    while "Schrijf nog op waarom" in page.inner_text(READY) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Schrijf nog op waarom" not in page.inner_text(READY)  # the reason was saved
    _wait_text(page, READY, "daarvan hadden nog nooit contact")

    # 5. counter-voice, early in the Beleidskompas
    page.get_by_label("Burgerpanel of burgerberaad").check()
    page.get_by_label("Vergoeding voor tijd en reiskosten").check()
    page.get_by_label("1. Probleem").check()
    whom = page.get_by_label("Met wie?", exact=True)
    whom.fill("Bewonersgroepen uit warme wijken")
    whom.press("Tab")
    alternatives = page.get_by_label("Alternatieve voorstellen", exact=True)
    alternatives.fill("Koelteplekken in de wijk\nMeer groen")
    alternatives.press("Tab")
    _wait_text(page, READY, "Je plan is compleet")

    # the work is kept: reopen the page
    page.wait_for_selector("text=Automatisch opgeslagen om")
    page.reload(wait_until="load")
    opened.wait_ready(READY)
    _wait_text(page, READY, "Je schatte 25%")
    _wait_text(page, READY, "Je plan is compleet")
    page.screenshot(path=str(artifacts_dir / "connection_after_reload.png"), full_page=True)
    opened.assert_clean()
