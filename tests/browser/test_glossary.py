"""The begrippenlijst in a real browser: a term link in a module lands on its entry."""

from __future__ import annotations

from verbinding.glossary import term


def test_term_link_from_a_module_opens_the_entry_and_search_filters(course_page_at, artifacts_dir):
    opened = course_page_at("02_outreach.ipynb", code="begrip-1000", ready=".verbinding-outreach")
    page = opened.page
    link = page.locator('a[href^="begrippen.ipynb#draagvlak"]').first
    assert link.inner_text() == "draagvlak"
    link.click()
    page.wait_for_url("**/begrippen.ipynb#draagvlak", timeout=60000)
    opened.wait_ready(".verbinding-glossary")
    entry = page.locator("dt#draagvlak")
    entry.wait_for(state="visible", timeout=60000)
    assert term("draagvlak").explanation in page.inner_text(".verbinding-glossary")
    page.wait_for_function("() => { const r = document.getElementById('draagvlak').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < window.innerHeight; }", timeout=10000)
    for part in ("Begrippenlijst", "Kernpunten", "Bronnen"):
        assert part in page.inner_text("body")
    opened.assert_clean()

    search = page.get_by_label("Zoek een begrip", exact=True)
    search.fill("Lorenz")
    page.wait_for_selector("dt#lorenz-curve")
    page.wait_for_function("() => !document.getElementById('draagvlak')", timeout=10000)
    page.screenshot(path=str(artifacts_dir / "glossary.png"), full_page=True)
