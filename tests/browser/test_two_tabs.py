"""Two tabs on one code editing module 4's party list (issue 23): the rows keep their order,
each text lands under its own party in the saved file, and a conflict on the same field is
announced with a way back to the other tab's text."""

from __future__ import annotations

import json
import random

from playwright.sync_api import expect

PARTIES = ("Partij Een", "Blauwe Wilg", "Partij Drie")


def _row(page, name: str):
    return page.locator(".verbinding-interest").filter(has_text=name).last


def _own_rows(page) -> list[str]:
    names = page.locator(".verbinding-interest h4").all_inner_texts()
    return [n for n in names if n.strip() in PARTIES]


def _reason(page, name: str, text: str) -> None:
    box = _row(page, name).get_by_label("Waarom zo?", exact=True)
    box.fill(text)
    box.press("Tab")


def _saved(server, code: str) -> dict:
    doc = json.loads((server.home / "werkboeken" / f"{code}.json").read_text(encoding="utf-8"))
    return {i["name"]: i["reasoning"] for i in doc["modules"]["accountability"]["interests"]}


def _wait_saved(page, server, code: str, name: str, text: str) -> None:
    for _ in range(100):
        try:
            if _saved(server, code).get(name) == text:
                return
        except (OSError, KeyError, ValueError):
            pass
        page.wait_for_timeout(100)
    raise AssertionError(f"{name!r} never got {text!r}: {_saved(server, code)}")


def test_two_tabs_one_party_list(course_page_at, voila_server):
    code = f"twee-tabs-{random.randint(1000, 9999)}"
    tab1 = course_page_at("04_accountability.ipynb", code=code, ready=".verbinding-accountability")
    page1 = tab1.page
    for name in PARTIES:
        field = page1.get_by_label("Naam partij", exact=True)
        field.fill(name)
        field.press("Tab")
        page1.get_by_role("button", name="Partij toevoegen").click()
        _row(page1, name).wait_for(state="visible")
    assert _own_rows(page1) == list(PARTIES)
    ids = page1.locator(".verbinding-interest").evaluate_all(
        "rows => rows.map(r => [...r.classList].find(c => c.startsWith('verbinding-item-')))")
    assert all(ids) and len(set(ids)) == len(ids), ids  # every row names its party's stable id

    tab2 = course_page_at("04_accountability.ipynb", code=code, ready=".verbinding-accountability")
    page2 = tab2.page
    _row(page2, "Partij Drie").wait_for(state="visible")
    assert _own_rows(page2) == list(PARTIES)

    # different parties in each tab: both texts land under their own party, order kept
    _reason(page1, "Blauwe Wilg", "Vervoer naar de huisarts regelen.")
    _wait_saved(page1, voila_server, code, "Blauwe Wilg", "Vervoer naar de huisarts regelen.")
    _reason(page2, "Partij Drie", "Ritten in de avond.")
    _wait_saved(page2, voila_server, code, "Partij Drie", "Ritten in de avond.")
    saved = _saved(voila_server, code)
    assert saved["Blauwe Wilg"] == "Vervoer naar de huisarts regelen." and saved["Partij Een"] == ""
    assert _own_rows(page2) == list(PARTIES)
    # tab 2 took over tab 1's words, under the right party
    expect(_row(page2, "Blauwe Wilg").get_by_label("Waarom zo?", exact=True)).to_have_value(
        "Vervoer naar de huisarts regelen.", timeout=20_000)

    # the same field of the same party in both tabs: the notice and the way back
    _reason(page1, "Partij Een", "Tekst van tab 1.")
    _wait_saved(page1, voila_server, code, "Partij Een", "Tekst van tab 1.")
    _reason(page2, "Partij Een", "Tekst van tab 2.")
    _wait_saved(page2, voila_server, code, "Partij Een", "Tekst van tab 2.")
    page2.get_by_text("ook in een ander tabblad").first.wait_for()
    assert _own_rows(page2) == list(PARTIES)
    # a later edit in tab 2, then take back tab 1's text: only that field changes
    _reason(page2, "Partij Drie", "Ritten in de avond, ook in het weekend.")
    _wait_saved(page2, voila_server, code, "Partij Drie", "Ritten in de avond, ook in het weekend.")
    page2.get_by_role("button", name="Zet de versie uit het andere tabblad terug").last.click()
    _wait_saved(page2, voila_server, code, "Partij Een", "Tekst van tab 1.")
    assert _saved(voila_server, code) == {
        "Partij Een": "Tekst van tab 1.", "Blauwe Wilg": "Vervoer naar de huisarts regelen.",
        "Partij Drie": "Ritten in de avond, ook in het weekend.",
        **{k: v for k, v in _saved(voila_server, code).items() if k not in PARTIES},
    }
    page2.wait_for_function(
        "() => [...document.querySelectorAll('textarea')].some(t => t.value === 'Tekst van tab 1.')")
    assert _own_rows(page2) == list(PARTIES) and _own_rows(page1) == list(PARTIES)
    tab1.assert_clean()
    tab2.assert_clean()
