"""One text limit, said beside the field (issue 23): 20,001 characters are refused with a
Dutch message and nothing is cut; a 10 MB paste is refused before it is sent."""

from __future__ import annotations

import json
import random

from playwright.sync_api import expect


def _saved(server, code: str) -> dict:
    path = server.home / "werkboeken" / f"{code}.json"
    return json.loads(path.read_text(encoding="utf-8"))["modules"].get("kennismaken", {})


def test_long_text_and_huge_paste_in_the_course_app(course_page_at, voila_server):
    code = f"limiet-{random.randint(1000, 9999)}"
    opened = course_page_at("index.ipynb", code=f"{code}&module=kennismaken", ready=".verbinding-savebar")
    page = opened.page
    description = page.get_by_label("Korte omschrijving", exact=True)
    description.wait_for(state="visible", timeout=60_000)
    description.fill("Mijn eerste omschrijving.")
    description.press("Tab")
    page.wait_for_timeout(300)
    for _ in range(100):
        if _saved(voila_server, code).get("description") == "Mijn eerste omschrijving.":
            break
        page.wait_for_timeout(100)
    assert _saved(voila_server, code)["description"] == "Mijn eerste omschrijving."

    # 20,001 characters: a message beside the field, the text stays on screen, the saved text stays
    long_text = "woord " * 3333 + "xyz"
    assert len(long_text) == 20_001
    description.fill(long_text)
    description.press("Tab")
    note = page.locator(".verbinding-limit-note").filter(has_text="te lang")
    expect(note.first).to_be_visible(timeout=20_000)
    assert "20.001" in note.first.inner_text() and "20.000" in note.first.inner_text()
    assert description.input_value() == long_text  # nothing cut on screen
    assert _saved(voila_server, code)["description"] == "Mijn eerste omschrijving."

    # a 10 MB paste into another field is refused whole, with a message beside it
    missing = page.get_by_label("Wie hoor je weinig?", exact=True)
    missing.fill("Bewoners")
    refused = missing.evaluate("""field => {
        const data = new DataTransfer();
        data.setData("text/plain", "p".repeat(10 * 1024 * 1024));
        const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
        field.focus();
        return !field.dispatchEvent(event);
    }""")
    assert refused, "the 10 MB paste was not refused"
    message = page.locator(".verbinding-paste-refused")
    expect(message).to_be_visible()
    assert "Niet geplakt" in message.inner_text() and "20.000" in message.inner_text()
    assert missing.input_value() == "Bewoners"
    opened.assert_clean()
