"""Module 6 in a real browser: choose a ministry, correct a suggestion, see it kept."""

from __future__ import annotations

from verbinding import dutch
from verbinding.texts import t

from .conftest import wait_for_count


def test_agendas_choose_correct_and_reload(course_page_at, artifacts_dir):
    opened = course_page_at("06_echte_agendas.ipynb", code="agenda-1000", ready=".verbinding-agendas")
    page = opened.page
    opened.assert_clean()
    wait_for_count(page, ".verbinding-agendas svg", 1)  # the chart, drawn offline in the browser
    assert t("common.access_caveat") in page.inner_text(".verbinding-agendas")
    opened.check_accessibility("opened")

    page.get_by_label(t("agendas.ui.ministry"), exact=True).select_option(label="Defensie")
    page.wait_for_selector("text=Ministerie Defensie:")
    person = page.get_by_label(t("agendas.ui.person"), exact=True)
    assert "Kajsa Ollongren" in person.inner_text().replace("\xa0", " ")
    opened.check_accessibility("ministry chosen")

    first = page.get_by_label(t("agendas.ui.row_label_n", n=1), exact=True)
    first.select_option(label=t("agendas.other_type.label"))
    page.wait_for_selector(f"text=({t('agendas.ui.corrected')})")
    one = dutch.count(1, t("agendas.summary.proposal"), t("agendas.summary.proposals"))
    page.wait_for_selector(f"text={t('agendas.summary.corrected', count=one)}")
    opened.check_accessibility("suggestion corrected")

    page.get_by_role("button", name=t("agendas.ui.next")).click()
    page.wait_for_selector("text=Punt 11–20")
    opened.check_accessibility("next page of items")

    page.reload(wait_until="load")
    opened.wait_ready(".verbinding-agendas")
    assert page.get_by_label(t("agendas.ui.ministry"), exact=True).input_value() == "Defensie"
    assert page.get_by_label(t("agendas.ui.row_label_n", n=1), exact=True).input_value() == t("agendas.other_type.label")
    opened.assert_clean()
    opened.check_accessibility("reloaded")
    page.screenshot(path=str(artifacts_dir / "agendas-click-through.png"), full_page=True)
