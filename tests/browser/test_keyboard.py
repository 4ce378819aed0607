"""Module 1 with the keyboard only (WCAG 2.1.1): Tab to every control, arrows in the lists,
type in the fields, Enter on the link to the next module. No mouse, no clicks, no fill().

Every control the keyboard reaches must show where the focus is (WCAG 2.4.7), and axe
checks the page when the module is done.
"""

from __future__ import annotations

import random
import time

from verbinding.modules.drempels import load_texts
from verbinding.texts import t

from .conftest import PAGE_TIMEOUT_MS

MAX_TABS = 400

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = (el.labels && el.labels[0] ? el.labels[0].textContent : el.getAttribute("aria-label")) || el.textContent;
  const style = getComputedStyle(el);
  return {tag: el.tagName, label: (label || "").replace(/\\s+/g, " ").trim(), value: el.value ?? null,
          outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0};
}"""


def tab_to(page, label: str, seen: list[dict]) -> dict:
    """Press Tab until the control named ``label`` has the focus; every control passed on the
    way must show a visible focus outline."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        seen.append(focused)
        assert focused["outline"] != "none" and focused["outlineWidth"] >= 2, f"no visible focus on {focused}"
        if focused["label"] == label or (focused["tag"] == "A" and label in focused["label"]):
            return focused
    raise AssertionError(f"Tab never reached {label!r}; reached: {[f['label'] for f in seen[-15:]]}")


def choose_with_arrows(page, select_label: str, option_label: str) -> None:
    """On a focused list, press the arrow keys until ``option_label`` is chosen."""
    locator = page.get_by_label(select_label, exact=True)
    options = [text.replace("\xa0", " ") for text in locator.locator("option").all_inner_texts()]
    target = options.index(option_label)
    current = locator.evaluate("s => s.selectedIndex")
    key = "ArrowDown" if target >= current else "ArrowUp"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    deadline = time.monotonic() + 5
    while locator.evaluate("s => s.selectedIndex") != target and time.monotonic() < deadline:
        time.sleep(0.05)
    assert locator.evaluate("s => s.selectedIndex") == target


def test_module_1_with_the_keyboard_only(course_page_at):
    texts = load_texts()
    code = f"toetsenbord-{random.randint(1000, 9999)}"  # a fresh workbook, also when run twice
    opened = course_page_at("01_drempels.ipynb", code=code, ready=".verbinding-barriers")
    page = opened.page
    seen: list[dict] = []

    # part 1: every scenario, the right barrier chosen with the arrow keys
    for number, scenario in enumerate(texts.scenarios, start=1):
        label = t("barriers.exercise.choice_label", number=number)
        tab_to(page, label, seen)
        choose_with_arrows(page, label, texts.barrier(scenario.answer).name)
        page.locator(".verbinding-scenario").nth(number - 1).locator(".verbinding-ok").wait_for()
    total = len(texts.scenarios)
    page.get_by_text(t("barriers.exercise.score", answered=total, total=total, correct=total, partial=0)).wait_for()

    # part 2: the own dossier, a score and an example for every barrier
    tab_to(page, t("barriers.assessment.dossier_label"), seen)
    page.keyboard.type("Hittestress in de stad")
    for level, barrier in enumerate(texts.barriers, start=2):
        tab_to(page, t("barriers.assessment.score_for", barrier=barrier.name), seen)
        choose_with_arrows(page, t("barriers.assessment.score_for", barrier=barrier.name),
                           f"{level} - {texts.scale[level - 1]}")
        tab_to(page, t("barriers.assessment.note_for", barrier=barrier.name), seen)
        page.keyboard.type(f"Voorbeeld bij {barrier.name}")
    page.keyboard.press("Tab")  # leaving the last field sends it (continuous_update=False)
    for barrier in texts.barriers:
        page.wait_for_selector(f".verbinding-chart-summary >> text={barrier.name}")
    page.wait_for_selector("text=Automatisch opgeslagen om")
    opened.check_accessibility("module 1 done with the keyboard")

    # on to module 2: Enter on the link, the learner code goes along
    next_title = t("common.page.next", title=t("common.modules.outreach.title"))
    tab_to(page, next_title, seen)
    with page.expect_navigation(wait_until="commit", timeout=PAGE_TIMEOUT_MS):
        page.keyboard.press("Enter")
    opened.wait_ready(".verbinding-outreach")
    assert f"02_outreach.ipynb?werkboek={code}" in page.url

    # the work is kept, as typed
    opened.goto("01_drempels.ipynb", code, ready=".verbinding-barriers")
    page.locator(".verbinding-ok").nth(total - 1).wait_for()
    last = texts.barriers[-1]
    assert page.get_by_label(t("barriers.assessment.note_for", barrier=last.name), exact=True).input_value() \
        == f"Voorbeeld bij {last.name}"
    assert page.get_by_label(t("barriers.assessment.dossier_label"), exact=True).input_value() == "Hittestress in de stad"
