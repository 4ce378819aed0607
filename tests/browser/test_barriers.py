"""Module 1 in a real browser: classify a scenario, rate the own dossier, see it kept."""

from __future__ import annotations

from verbinding.modules.drempels import load_texts
from verbinding.texts import t

from .conftest import wait_for_count


def test_barriers_classify_rate_and_reload(course_page_at, artifacts_dir):
    texts = load_texts()
    first = texts.scenarios[0]
    opened = course_page_at("01_drempels.ipynb", code="drempels-1000", ready=".verbinding-barriers")
    page = opened.page
    opened.assert_clean()
    opened.check_accessibility("opened")
    body = page.inner_text("body")
    for part in ("Wat je leert", "Duur:", "Kernpunten", "Bronnen", "drietrapsraket", "Toegang is geen invloed"):
        assert part in body, part
    assert page.get_by_role("link", name=t("common.page.next", title=t("common.modules.outreach.title"))).count() == 1

    choice = page.get_by_label(t("barriers.exercise.choice_label", number=1), exact=True)
    choice.select_option(label=texts.barrier(first.answer).name)
    page.wait_for_selector(".verbinding-ok >> text=" + first.explanation[:40])
    opened.check_accessibility("scenario classified")

    insiders = texts.barrier("insiders").name
    score = page.get_by_label(t("barriers.assessment.score_for", barrier=insiders), exact=True)
    score.select_option(label=f"{texts.scale_max} - {texts.scale[-1]}")
    page.wait_for_selector(f".verbinding-chart-summary >> text={insiders}")
    wait_for_count(page, ".verbinding-barriers svg", 1)  # the chart, drawn offline in the browser
    opened.check_accessibility("barrier rated, chart drawn")

    note = page.get_by_label(t("barriers.assessment.note_for", barrier=insiders), exact=True)
    note.fill("<script>alert('x')</script> altijd dezelfde koepel")
    note.press("Tab")
    page.wait_for_timeout(500)

    page.reload(wait_until="load")
    opened.wait_ready(".verbinding-barriers")
    page.wait_for_selector(".verbinding-ok")
    assert page.get_by_label(t("barriers.exercise.choice_label", number=1), exact=True).input_value() != ""
    assert "altijd dezelfde koepel" in page.get_by_label(
        t("barriers.assessment.note_for", barrier=insiders), exact=True).input_value()
    opened.assert_clean()
    opened.check_accessibility("reloaded")
    page.screenshot(path=str(artifacts_dir / "barriers-click-through.png"), full_page=True)
