"""Afronding in a real browser: a kennischeck answered in module 1 shows up, the learner
types a name and downloads the bewijs van deelname; the drietrapsraket and module 2's
profile are exercised on the way."""

from __future__ import annotations

import io

from verbinding.quiz import questions
from verbinding.texts import t


def test_quiz_rocket_profile_and_certificate(course_page_at, artifacts_dir):
    from docx import Document

    code = "afronding-1000"
    opened = course_page_at("01_drempels.ipynb", code=code, ready=".verbinding-quiz")
    page = opened.page
    first = questions("drempels")[0]
    # A long option wraps: its lines must not run into the next option (ipywidgets gives
    # each option a fixed 20px height, and a click on the second line chose the next one).
    boxes = page.eval_on_selector_all(".verbinding-quiz .widget-radio-box label",
                                      "labels => labels.map(l => { const r = l.getBoundingClientRect(); return [r.top, r.bottom, l.scrollHeight, r.height]; })")
    for (_top, bottom, scroll_height, height), (next_top, *_rest) in zip(boxes, boxes[1:]):
        assert scroll_height <= height + 1 and bottom <= next_top + 1, boxes
    page.locator(".verbinding-quiz .widget-radio-box label", has_text=first.right_text).first.click()
    page.wait_for_selector(f".verbinding-quiz-right >> text={first.explanation[:40]}")
    # the locked answer stays readable: the chosen option in dark ink and bold, not grey on grey
    chosen = page.eval_on_selector(
        ".verbinding-quiz .widget-radio-box input:checked:disabled",
        "i => { const s = getComputedStyle(i), l = getComputedStyle(i.parentElement);"
        " return [s.borderTopColor, s.opacity, Number(l.fontWeight)]; }")
    assert chosen[0] == "rgb(29, 29, 27)" and chosen[1] == "1" and chosen[2] >= 600, chosen
    for step in (1, 2, 3):
        page.get_by_label(t("drietrapsraket.step_label", number=step), exact=True).select_option(label=t("drietrapsraket.guess_options.yes"))
    page.get_by_role("button", name=t("drietrapsraket.reveal")).click()
    page.wait_for_selector(".verbinding-drietrapsraket >> text=Toegang is geen invloed")
    opened.assert_clean()

    outreach = course_page_at("02_outreach.ipynb", code=code, ready=".verbinding-outreach")
    org = outreach.page.get_by_label("Organisatie", exact=True)
    org.fill("Laagduin Ingenieurs Groep")
    org.press("Tab")
    outreach.page.wait_for_selector(".verbinding-profile >> text=Profiel van Laagduin Ingenieurs Groep")
    assert "Organiserend vermogen" in outreach.page.inner_text(".verbinding-profile")
    outreach.assert_clean()

    closing = course_page_at("07_afronding.ipynb", code=code, ready=".verbinding-closing")
    page = closing.page
    body = page.inner_text("body")
    for part in ("Duur:", "Kernpunten", "Bronnen", "Je route langs de zes OCA-vragen"):
        assert part in body, part
    assert "1 van de 1 beantwoorde vraag goed; 2 vragen nog open" in page.inner_text(".verbinding-closing")
    download = page.get_by_role("button", name=t("closing.page.download"))
    assert download.is_disabled()
    name = page.get_by_label(t("closing.page.name"), exact=True)
    name.fill("Sam de Vries")
    name.press("Tab")
    page.wait_for_function("() => !document.querySelector('.verbinding-download').disabled", timeout=10000)
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == "bewijs-van-deelname-sam-de-vries.docx"
    doc = Document(io.BytesIO(open(info.value.path(), "rb").read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Sam de Vries heeft deelgenomen" in text and "Datum: " in text
    # module 1 only had its knowledge check and the drietrapsraket, module 2 was only looked
    # at: no module is complete, and the bewijs never claims one is
    assert t("closing.certificate.nothing") in text and not doc.tables
    closing.assert_clean()
    page.screenshot(path=str(artifacts_dir / "afronding.png"), full_page=True)


def test_the_afronding_reads_once_what_each_line_says(course_page_at, voila_server, artifacts_dir):
    """A learner's walk at 1366x768, after some modules: the route says 'In de oefencasus' once
    per question, a module with its work done but no kennischeck is 'bijna klaar' (never
    'afgerond'), a skipped module 5 asks to begin it, and a check's question says 'Vraag 1' once.
    Read with the mouse wheel, as a learner does."""
    import sys
    import time
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from test_done_needs_quiz import answered
    from test_still_to_do import COMPLETE

    from verbinding.workbook import Workbook

    code = "afronding-2000"
    workbook = Workbook.open(code, voila_server.home)
    workbook.set_module("kennismaken", {**COMPLETE["kennismaken"](), "partners": ["LTO Nederland"]})
    workbook.set_module("drempels", COMPLETE["drempels"]())  # work done, kennischeck not
    workbook.set_module("outreach", COMPLETE["outreach"]())
    workbook.set_module("connection", {**COMPLETE["connection"](), "kennischeck": answered("connection")})
    workbook.set_module("eigen_dossier", {"kennischeck": answered("eigen_dossier", 1)})  # only the check
    workbook.set_module("afronding", {"reflection": "Ik bel volgende week de huurdersbond en nodig ze uit voor het overleg."})
    opened = course_page_at("07_afronding.ipynb", code=code, ready=".verbinding-closing")
    page = opened.page
    page.set_viewport_size({"width": 1366, "height": 768})
    rows = {row.split("\t")[0]: row for row in page.inner_text(".verbinding-closing table").splitlines() if "\t" in row}
    drempels = next(row for title, row in rows.items() if title.startswith("1. Drempels"))
    assert "bijna klaar" in drempels and "afgerond" not in drempels, drempels
    connection = next(row for title, row in rows.items() if title.startswith("3. Connection"))
    assert "afgerond" in connection, connection
    assert "Begin met module 5" in page.inner_text(".verbinding-closing table")
    for item in page.locator(".verbinding-closing ol > li").all_inner_texts():
        assert item.count("In de oefencasus") <= 1 and "(module" not in item, item
    assert "(“volgende week”)" in page.inner_text(".verbinding-closing")
    # down to the check at the end with the wheel: its question says 'Vraag 1' once
    page.mouse.move(683, 400)
    question = page.locator(".verbinding-quiz p", has_text="Vraag 1.").first
    for _ in range(60):
        box = question.bounding_box()
        if box and 0 <= box["y"] <= 600:
            break
        page.mouse.wheel(0, 600)
        time.sleep(0.1)
    label = page.locator(".verbinding-quiz .widget-radio > .widget-label").first
    assert label.inner_text() == "Vraag 1"  # still in the page, for a screen reader
    assert label.bounding_box()["height"] <= 1, "shown a second time under the question"
    page.screenshot(path=str(artifacts_dir / "afronding-route.png"))
    opened.assert_clean()
