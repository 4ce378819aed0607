"""Module 5 in a real browser: answer an OCA question, score it, download the scan as Word."""

from __future__ import annotations

import io

from verbinding.modules.eigen_dossier import load_texts
from verbinding.texts import t

from .conftest import wait_for_count


def test_dossier_answer_score_download_and_reload(course_page_at, artifacts_dir):
    from docx import Document

    texts = load_texts()
    opened = course_page_at("05_eigen_dossier.ipynb", code="dossier-1000", ready=".verbinding-dossier")
    page = opened.page
    opened.assert_clean()
    opened.check_accessibility("opened")
    body = page.inner_text("body")
    for part in ("Wat je leert", "Duur:", "Kernpunten", "Bronnen"):
        assert part in body, part
    assert page.get_by_role("link", name=t("common.page.next", title=t("common.modules.echte_agendas.title"))).count() == 1

    title = page.get_by_label(t("dossier.page.dossier_title"), exact=True)
    title.fill("Laadpalen")
    title.press("Tab")
    answer = page.get_by_label(t("dossier.page.answer_for", number=1), exact=True)
    answer.fill("<b>Economie</b>, wonen en natuur")
    answer.press("Tab")
    page.get_by_label(t("dossier.page.score_for", number=1), exact=True).select_option(
        label=f"{texts.scale_max} - {texts.scale[-1]}")
    short = texts.questions[0].short
    page.wait_for_selector(f"text={t('dossier.feedback.high_without_evidence', question=short)}")
    page.wait_for_selector(".verbinding-dossier .verbinding-chart-summary >> text=1 van de 6")
    wait_for_count(page, ".verbinding-dossier svg", 1)  # the chart, drawn offline in the browser
    opened.check_accessibility("question answered and scored")

    with page.expect_download() as info:
        page.get_by_role("button", name=t("dossier.page.download_docx")).click()
    download = info.value
    assert download.suggested_filename == "oca-scan-laadpalen.docx"
    doc = Document(io.BytesIO(open(download.path(), "rb").read()))
    assert doc.paragraphs[0].text == "OCA-scan: Laadpalen"
    assert doc.tables[0].rows[1].cells[3].text == "<b>Economie</b>, wonen en natuur"
    opened.check_accessibility("scan downloaded")

    page.reload(wait_until="load")
    opened.wait_ready(".verbinding-dossier")
    assert page.get_by_label(t("dossier.page.answer_for", number=1), exact=True).input_value() == "<b>Economie</b>, wonen en natuur"
    opened.assert_clean()
    opened.check_accessibility("reloaded")
    page.screenshot(path=str(artifacts_dir / "dossier-click-through.png"), full_page=True)


def test_workbench_maps_own_stakeholders_and_keeps_them_after_reload(course_page_at, artifacts_dir):
    opened = course_page_at("05_eigen_dossier.ipynb", code="werkbank-1000", ready=".verbinding-workbench")
    page = opened.page
    page.get_by_label(t("dossier.werkbank.dimension_label"), exact=True).fill("Gezondheid")
    page.get_by_role("button", name=t("dossier.werkbank.dimension_add")).click()
    link = page.get_by_label(t("dossier.werkbank.link_label"), exact=True)
    page.wait_for_function(
        "el => [...el.options].some(o => o.textContent === 'Gezondheid')", arg=link.element_handle())
    page.get_by_label(t("dossier.werkbank.name_label"), exact=True).fill("GGD <i>Rivierland</i>")
    link.select_option(label="Gezondheid")
    page.get_by_label(t("dossier.werkbank.expertise_label"), exact=True).select_option(label="veel")
    page.get_by_label(t("dossier.werkbank.contacts_label"), exact=True).fill("12")
    page.get_by_role("button", name=t("dossier.werkbank.stakeholder_add")).click()
    page.get_by_label(t("dossier.werkbank.paste_label"), exact=True).fill("Bewonersgroep Oost\t2\nImkers\t1")
    page.get_by_role("button", name=t("dossier.werkbank.paste_button")).click()
    results = page.locator(".verbinding-workbench .verbinding-feedback")
    results.get_by_text("80% van je 15 gesprekken ging naar één partij: GGD <i>Rivierland</i>").wait_for()
    assert "toegang is geen invloed" in results.inner_text()
    assert page.locator(".verbinding-workbench i").count() == 0, "a typed name is text, not markup"
    opened.check_accessibility("workbench filled")
    page.screenshot(path=str(artifacts_dir / "dossier-workbench.png"), full_page=True)

    page.reload(wait_until="load")
    opened.wait_ready(".verbinding-workbench")
    rows = page.locator(".verbinding-workbench [class*='verbinding-item-vrij-']")
    assert rows.count() == 3
    assert "GGD <i>Rivierland</i>" in rows.nth(0).inner_text()
    assert "Imkers" in rows.nth(2).inner_text()
    opened.assert_clean()


def test_typed_contacts_are_taken_over_and_stay_editable(course_page_at):
    """Walk finding: typing 'VNG;12<Enter>Woonbond;0' and 'Contacten overnemen' said
    '0 overgenomen.', a second click emptied the box, and counts could not be changed."""
    opened = course_page_at("05_eigen_dossier.ipynb", code="werkbank-plak-1", ready=".verbinding-workbench")
    page = opened.page
    box = page.get_by_label(t("dossier.werkbank.paste_label"), exact=True)
    box.click()
    page.keyboard.type("VNG;12")
    page.keyboard.press("Enter")
    page.keyboard.type("Woonbond;veel")
    page.get_by_role("button", name=t("dossier.werkbank.paste_button")).click()
    message = page.locator(".verbinding-workbench .verbinding-error")
    message.get_by_text("Regel 2: 'veel' is geen heel getal", exact=False).wait_for()
    assert box.input_value() == "VNG;12\nWoonbond;veel", "a paste not taken over stays in the box"
    box.fill("VNG;12\nWoonbond;0")
    page.get_by_role("button", name=t("dossier.werkbank.paste_button")).click()
    page.get_by_text("Overgenomen: VNG en Woonbond.").wait_for()
    assert box.input_value() == ""
    field = page.get_by_label("Gesprekken per jaar met Woonbond", exact=True)
    assert field.input_value() == "0"
    field.fill("5")
    field.press("Enter")
    page.get_by_text("Het aantal gesprekken met 'Woonbond' is bewaard.").wait_for()
    page.reload(wait_until="load")
    opened.wait_ready(".verbinding-workbench")
    assert page.get_by_label("Gesprekken per jaar met Woonbond", exact=True).input_value() == "5"
    opened.assert_clean()


# Lines a label takes, and whether an input's example text (placeholder) fits its box.
FORM_FIT = """(number) => {
    const out = {};
    for (const label of document.querySelectorAll('.verbinding-oca-question label')) {
        if (!label.textContent.trim().endsWith(` ${number}`)) continue;
        const style = getComputedStyle(label);
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
        out[label.textContent.trim()] = {lines: Math.round(label.getBoundingClientRect().height / line)};
    }
    const canvas = document.createElement('canvas').getContext('2d');
    for (const input of document.querySelectorAll('.verbinding-oca-question input[placeholder]')) {
        const style = getComputedStyle(input);
        canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        out[input.placeholder] = {fits: canvas.measureText(input.placeholder).width <= room};
    }
    return out;
}"""


def test_question_form_reads_whole_at_a_laptop(browser, voila_server):
    """Seen only in the browser (walk of 6 December, 1366x768): 'Volgende stap vraag 1' broke
    before its number, and the example under 'Wanneer' ran past its box."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(voila_server.url("05_eigen_dossier.ipynb", "dossier-form-fit"), wait_until="load")
        page.wait_for_selector(".verbinding-oca-question", state="visible", timeout=60000)
        found = page.evaluate(FORM_FIT, 1)
        labels = {k: v for k, v in found.items() if "lines" in v}
        assert t("dossier.page.next_step_for", number=1) in labels, found
        assert all(v["lines"] == 1 for v in labels.values()), labels
        examples = {k: v for k, v in found.items() if "fits" in v}
        assert t("dossier.page.when_help") in examples, found
        assert all(v["fits"] for v in examples.values()), examples
    finally:
        context.close()
