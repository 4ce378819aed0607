"""Conversation practice in the course app, as a learner clicks through it."""

from __future__ import annotations

import time

from verbinding.modules import gesprekken as model
from verbinding.workbook import Workbook


def _saved(server, code: str, predicate, seconds: float = 20) -> dict:
    deadline = time.monotonic() + seconds
    state: dict = {}
    while time.monotonic() < deadline:
        state = Workbook.open(code, server.home).module("gesprekken")
        if predicate(state):
            return state
        time.sleep(0.2)
    raise AssertionError(f"not saved as expected: {state}")


def test_a_learner_practises_a_conversation_to_its_end_and_writes_an_answer(course_page_at, voila_server):
    code = "gesprek-1000"
    opened = course_page_at(f"index.ipynb?werkboek={code}&module=gesprekken", code=None,
                            ready=".verbinding-dialogue .verbinding-choice")
    page = opened.page
    dialogue = model.all_dialogues()[0][0]
    first = dialogue.steps[dialogue.start]
    page.get_by_role("button", name=first.choices[1].text).click()
    page.get_by_text(first.choices[1].feedback[:50]).wait_for(timeout=20000)
    while page.locator(".verbinding-choice").count():
        page.locator(".verbinding-choice").first.click()
        page.wait_for_timeout(300)
    page.get_by_role("button", name="Opnieuw oefenen").wait_for(timeout=20000)
    assert "Je eerste keer:" in page.inner_text(".verbinding-dialogue")
    answer = page.get_by_label("Jouw antwoord")
    answer.fill("Ik stel een gesprek van een uur voor, voordat we de opties kiezen.")
    answer.press("Tab")
    state = _saved(voila_server, code, lambda s: s.get("dialogues", {}).get(dialogue.id, {}).get("response"))
    # the answer gets a reaction on what it names, not only "saved"
    page.get_by_text("Je noemt een kleine, concrete eerste stap", exact=False).wait_for(timeout=20000)
    walk = state["dialogues"][dialogue.id]["walks"][0]
    assert walk["choices"][0] == [dialogue.start, 1] and walk["ending"] in dialogue.endings
    opened.assert_clean()
    opened.check_accessibility("gesprek afgerond")
