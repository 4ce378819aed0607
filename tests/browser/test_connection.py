"""Connection in a real browser: guess then measure, insider rule, invite, plan counter-voice."""

from __future__ import annotations

import time

from .conftest import wait_for_count

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


def _wait_until(check, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert check()


def _wait_same_count(links, options) -> None:
    """Wait until a chart has one link per item of the list beside it (both update live)."""
    _wait_until(lambda: 0 < options.count() == links.count())


def _chosen(select) -> str:
    """The organisation name a <select> shows as chosen (its label without the count)."""
    text = select.evaluate("s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text")
    return text.replace("\xa0", " ").rsplit(" (", 1)[0]  # ipywidgets shows spaces as no-break spaces


def test_click_through_connection(course_page_at, artifacts_dir):
    opened = course_page_at(NOTEBOOK, code="connection-4242", ready=READY)
    page = opened.page
    opened.assert_clean()
    opened.check_accessibility("opened")
    body = page.inner_text("body")
    assert "toegang is geen invloed" in body.lower()

    # 1. guess (type the number beside the slider), then measure
    number = page.get_by_label("Of typ je schatting (%)", exact=True)
    number.fill("25")
    number.press("Tab")
    page.get_by_role("button", name="Toon de echte cijfers").click()
    text = _wait_text(page, READY, "Je schatte 25%")
    assert "procentpunt" in text
    # Lorenz curve + top list, drawn in the browser (offline SVG) a moment after the text
    wait_for_count(page, f"{READY} .verbinding-figure > svg", 2)
    opened.check_accessibility("guessed and measured")

    # pick the organisation with most contacts: its details appear
    organisations = page.get_by_label("Organisatie", exact=True)
    organisations.select_option(index=0)
    _wait_text(page, READY, "contacten, in")

    # ... or click its bar in the chart: the list and the details follow
    bars = page.locator(f"{READY} .verbinding-selectable").nth(0).locator("a")
    _wait_same_count(bars, organisations.locator("option"))  # one link per bar
    name = bars.nth(6).locator("path").get_attribute("aria-label")
    _wait_until(lambda: bars.nth(0).get_attribute("aria-current") == "true")  # the list's choice, marked in the chart
    bars.nth(6).click()
    _wait_text(page, f"{READY} .verbinding-feedback", f"{name} (")
    assert _chosen(organisations) == name
    orange = "rgb(230, 159, 0)"  # the chosen bar is marked in the chart, the one chosen before is not
    assert bars.nth(6).locator("path").evaluate("p => getComputedStyle(p).fill") == orange
    assert bars.nth(0).locator("path").evaluate("p => getComputedStyle(p).fill") != orange
    opened.check_accessibility("organisation chosen in the chart")
    bars.nth(6).hover()
    page.locator(f"{READY} .verbinding-selectable").nth(0).screenshot(path=str(artifacts_dir / "connection_top_chart_clicked.png"))

    # 2. insider rule: switch to "most contacts"
    page.get_by_role("button", name="Meeste contacten").click()
    _wait_text(page, READY, "de 10% van de organisaties met de meeste contacten")

    # an insider in the scatter, chosen with the keyboard (its mark is a link)
    insiders = page.get_by_label("Gevangen", exact=True)
    dots = page.locator(f"{READY} .verbinding-selectable").nth(1).locator("a")
    _wait_same_count(dots, insiders.locator("option"))  # one link per insider
    dot = dots.first
    name = dot.locator("path").get_attribute("aria-label")
    dot.focus()
    page.keyboard.press("Enter")
    _wait_text(page, f"{READY} .verbinding-feedback", f"{name} (")
    assert _chosen(insiders) == name
    marked = dots.and_(page.locator("[aria-current=true]")).locator("path")
    _wait_until(lambda: marked.count() == 1 and marked.get_attribute("aria-label") == name)
    page.wait_for_function(  # the insider is marked in the chart and keeps the keyboard focus
        "name => document.activeElement?.closest('.verbinding-selectable a')?.querySelector('path')"
        "?.getAttribute('aria-label') === name", arg=name,
    )
    assert page.url.endswith("connection-4242")  # the link did not navigate
    opened.check_accessibility("insider rule set, insider chosen")

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
    _wait_text(page, READY, "Zonder eerder contact:")
    opened.check_accessibility("organisation invited")

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
    opened.check_accessibility("counter-voice planned")

    # the work is kept: reopen the page
    page.wait_for_selector("text=Automatisch opgeslagen om")
    page.reload(wait_until="load")
    opened.wait_ready(READY)
    _wait_text(page, READY, "Je schatte 25%")
    _wait_text(page, READY, "Je plan is compleet")
    page.screenshot(path=str(artifacts_dir / "connection_after_reload.png"), full_page=True)
    opened.assert_clean()
    opened.check_accessibility("reloaded")


def test_after_a_reload_in_module_2_module_3_keeps_following_the_work(course_page_at):
    """A learner's walk: reload in Outreach, open Connection from the menu, invite four
    organisations, answer the kennischeck. From the third invitation on, the page stood
    still (the list at 2, the summary at "nog geen vraag", 'Nog te doen' old, "Bezig met
    opslaan" for ever) while the kernel saved everything: the keeper failed on the rows
    the list had closed, inside each save."""
    code = "walk-reload-3"
    opened = course_page_at("index.ipynb", code=code, ready=".verbinding-course-nav a")
    page = opened.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{opened.server.url('index.ipynb', code)}&module=outreach", wait_until="load")
    page.wait_for_selector(".verbinding-outreach", timeout=60000)
    page.get_by_label("Nieuwe dimensie", exact=True).fill("Energie")
    page.get_by_label("Waarom telt dit hier?", exact=True).fill("airco's vragen veel stroom")
    page.get_by_role("button", name="Dimensie toevoegen").click()
    _wait_text(page, ".verbinding-outreach", "Bij 'Energie'")
    page.reload(wait_until="load")
    page.wait_for_selector(".verbinding-outreach", timeout=60000)
    page.locator(".verbinding-course-nav a[data-module='connection']").click()
    page.wait_for_selector(READY, timeout=60000)

    page.get_by_label("Dimensies", exact=True).select_option(index=0)
    rows = page.locator(f"{READY} [class*=verbinding-item-]")
    for number in range(1, 5):
        page.get_by_role("button", name="Nodig uit", exact=True).click()
        _wait_until(lambda n=number: rows.count() == n)  # the list shows each invitation
    names = [rows.nth(i).locator("strong").inner_text() for i in range(4)]
    _wait_text(page, ".verbinding-todo", names[-1])  # 'Nog te doen' asks for the last one's reason too

    quiz = page.locator(f"{READY} .verbinding-quiz")
    quiz.locator(".widget-radio-box").first.locator("input").first.check()
    _wait_until(lambda: "nog geen vraag" not in quiz.inner_text())  # the summary follows the answer
    page.wait_for_selector("text=Automatisch opgeslagen om")  # nothing waits for the kernel
    assert "verbinding-waiting" not in page.evaluate("document.body.className")
    opened.assert_clean()
