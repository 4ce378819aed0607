"""Outreach on a laptop (1366x768), moved through by the mouse wheel only: a new learner reads
where the data comes from in plain words (step 1 named a file and said "gekalibreerd"), types
"natuur" in the organisation search and sees matching organisations (she found nothing
when the box matched names only), picks one, links it, and reads the whole label of its
remove button (it was cut off at this window size)."""

from __future__ import annotations

import time

APP = "index.ipynb"
WIDTH, HEIGHT = 1366, 768
SEARCH = ".verbinding-org-search input[type=text]"
RESULTS = ".verbinding-org-search select"


def _in_window(target) -> bool:
    return target.evaluate("el => { const box = el.getBoundingClientRect();"
                           " return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight; }")


def _wheel_to(page, target, limit: int = 60) -> None:
    """Turn the mouse wheel over the page until ``target`` (a selector or a locator) stands
    in the window."""
    target = page.locator(target).first if isinstance(target, str) else target
    page.mouse.move(WIDTH // 2, 40)
    for _ in range(limit):
        if _in_window(target):
            return
        top = target.evaluate("el => el.getBoundingClientRect().top")
        page.mouse.wheel(0, 300 if top > 0 else -300)
        time.sleep(0.1)
    assert _in_window(target), f"the wheel did not bring {target} into the window"


def test_searching_natuur_finds_organisations_and_remove_labels_are_whole(browser, voila_server, artifacts_dir):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(voila_server.url(APP, "zoek-natuur") + "&module=outreach", wait_until="load", timeout=120000)
        page.wait_for_selector(".verbinding-outreach", state="visible", timeout=120000)
        page.wait_for_selector("#loading", state="hidden", timeout=120000)
        # step 1 says in plain words where the data comes from (no jargon, no file names)
        source = page.locator(".verbinding-outreach small").filter(has_text="Bron van de gegevens").first
        _wheel_to(page, source)
        assert "verzonnen, om mee te oefenen" in source.inner_text()
        assert "README" not in source.inner_text() and "gekalibreerd" not in source.inner_text()
        page.screenshot(path=str(artifacts_dir / "outreach_step1_1366.png"))

        _wheel_to(page, SEARCH)
        page.locator(SEARCH).click()
        page.keyboard.type("natuur", delay=30)
        page.wait_for_selector(f"{RESULTS}:visible", timeout=60000)
        page.wait_for_function("s => document.querySelector(s).options.length > 5", arg=RESULTS, timeout=60000)
        found = page.locator(".verbinding-org-search [role=status]").inner_text()
        assert "organisaties gevonden" in found, found
        options = page.locator(f"{RESULTS} option").all_inner_texts()
        assert len(options) > 5 and all(option.strip() for option in options), options[:5]
        _wheel_to(page, RESULTS)
        page.screenshot(path=str(artifacts_dir / "outreach_search_natuur_1366.png"))

        # picking one fills the organisation box; link it and read its remove button whole
        first = page.locator(f"{RESULTS} option").first.get_attribute("value")
        page.locator(RESULTS).select_option(value=first)
        organisation = page.get_by_label("Organisatie", exact=True)
        page.wait_for_function("([el, v]) => el.value === v", arg=[organisation.element_handle(), first], timeout=30000)
        add = ".verbinding-outreach .mod-primary"
        _wheel_to(page, add)
        page.get_by_role("button", name="Toevoegen", exact=True).click()
        remove = page.locator(".verbinding-remove").filter(has_text=first)
        remove.first.wait_for(timeout=60000)
        _wheel_to(page, remove.first)
        label = remove.first.inner_text()
        dimension = "Waterveiligheid en wateroverlast"
        assert label == f"Verwijder koppeling {first} bij {dimension}", label
        clipped = remove.first.evaluate("b => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1")
        assert not clipped, "the remove button cuts its label off"
        box = remove.first.bounding_box()
        assert box["x"] + box["width"] <= WIDTH, box
        page.screenshot(path=str(artifacts_dir / "outreach_remove_label_1366.png"))
    finally:
        context.close()
