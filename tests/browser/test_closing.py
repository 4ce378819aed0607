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
    assert "kennischeck: 1 van de 1 beantwoorde vraag goed; 2 vragen nog open" in page.inner_text(".verbinding-closing")
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
