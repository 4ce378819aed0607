"""Module 4 in a real browser: weigh, see the checks react, track feedback, edit the draft,
download the Word file and read it back with python-docx."""

from __future__ import annotations

import io
import random
import time

from docx import Document

from verbinding.quiz import questions

from .conftest import PAGE_TIMEOUT_MS

NAME = "Buurtvereniging <b>Oost</b>"


def _fill(page, locator, text: str) -> None:
    locator.fill(text)
    locator.press("Tab")  # continuous_update=False: the value is sent on blur


def test_accountability_click_through_with_word_download(course_page_at, tmp_path, artifacts_dir):
    opened = course_page_at("04_accountability.ipynb", code=f"afweging-{random.randint(1000, 9999)}", ready=".verbinding-accountability")
    page = opened.page
    opened.assert_clean()
    opened.check_accessibility("opened")

    # add a party of one's own (HTML in the name must stay text)
    _fill(page, page.get_by_label("Naam partij", exact=True), NAME)
    _fill(page, page.get_by_label("Inbreng", exact=True).last, "Een <script>alert(1)</script> geluidsscherm")
    page.get_by_role("button", name="Partij toevoegen").click()
    row = page.locator(".verbinding-interest").filter(has_text=NAME).last
    row.wait_for(state="visible")
    assert page.locator("b", has_text="Oost").count() == 0, "learner HTML was rendered as markup"
    opened.check_accessibility("party added")

    # weigh it: the check names the interest, and disappears once the reasoning has content
    row.get_by_label("Weging", exact=True).select_option(label="meer meegenomen")
    row.get_by_text("nog niet uitgelegd waarom").wait_for()
    reasoning = row.get_by_label("Waarom zo?", exact=True)
    reasoning.press_sequentially("belangrijk", delay=20)
    row.get_by_text("herhaalt alleen de weging").wait_for()
    reasoning.press_sequentially(": zij wonen het dichtst bij het tracé", delay=10)
    row.get_by_text("Gewogen en onderbouwd.").wait_for()
    opened.check_accessibility("interest weighed")

    # feedback to this party
    fb = page.locator(".verbinding-feedback-row").filter(has_text=NAME).last
    fb.get_by_label("Teruggekoppeld?", exact=True).select_option(label="ja")
    fb.get_by_label("Hoe", exact=True).select_option(label="bijeenkomst")
    _fill(page, fb.get_by_label("Wanneer", exact=True), "12 maart")
    _fill(page, fb.get_by_label("Waarover", exact=True), "de keuze voor het scherm")
    page.get_by_text("kreeg terugkoppeling").first.wait_for()
    opened.check_accessibility("feedback recorded")

    # draft: generate, edit, reload -> the edit is kept
    page.get_by_role("button", name="Maak concepttekst").click()
    draft = page.get_by_label("Concepttekst", exact=True)
    page.wait_for_function(
        "() => [...document.querySelectorAll('textarea')].some(t => t.value.includes('Buurtvereniging'))")
    assert "zij wonen het dichtst bij het tracé" in draft.input_value()
    _fill(page, draft, draft.input_value() + "\n\nMijn eigen slotzin.")
    page.get_by_text("Je hebt de tekst aangepast").wait_for()
    opened.check_accessibility("draft edited")
    page.reload(wait_until="load", timeout=PAGE_TIMEOUT_MS)
    opened.wait_ready(".verbinding-accountability")
    draft = page.get_by_label("Concepttekst", exact=True)
    assert draft.input_value().endswith("Mijn eigen slotzin.")
    opened.check_accessibility("reloaded")

    # download the Word file and read it back
    with page.expect_download() as info:
        page.get_by_role("button", name="Download belangenafweging (Word)").click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.suffix == ".docx"
    opened.check_accessibility("Word file downloaded")
    doc = Document(io.BytesIO(path.read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Bijlage: weging per belang" in headings and "Bijlage: terugkoppeling per partij" in headings
    assert "Wie we betrokken en hoe" in headings  # the draft's own sections
    assert "Mijn eigen slotzin." in texts
    cells = [c.text for table in doc.tables for r in table.rows for c in r.cells]
    assert NAME in cells and "Een <script>alert(1)</script> geluidsscherm" in cells
    assert "12 maart" in cells

    opened.assert_clean()
    page.screenshot(path=str(artifacts_dir / "04_accountability_clicked.png"), full_page=True)


def _seed_outreach(server, code: str) -> list[str]:
    """A learner who mapped ten parties in module 2 (none of them an insider): module 4
    then lists far more than a handful. Returns their names."""
    from verbinding.cases import load_case
    from verbinding.course import DEFAULT_CASE
    from verbinding.modules.accountability import sources_from_case
    from verbinding.workbook import Workbook

    case = load_case(DEFAULT_CASE)
    insiders = sources_from_case(case).insiders
    orgs = [(o, n) for o, n in zip(case.organisations["org_id"].astype(str), case.organisations["name"].astype(str))
            if o not in insiders][:10]
    workbook = Workbook.open(code, server.home)
    workbook.set_module("outreach", {"stakeholders": [{"id": o, "org_id": o, "name": n} for o, n in orgs]})
    return [n for _o, n in orgs]


def test_a_learner_who_weighs_only_the_handful_is_done(course_page_at, voila_server):
    from verbinding.course import module
    from verbinding.modules.accountability import SOURCES, AccountabilityModel, is_complete
    from verbinding.workbook import Workbook

    code = f"handvol-{random.randint(1000, 9999)}"
    _seed_outreach(voila_server, code)
    opened = course_page_at(f"index.ipynb?werkboek={code}&module=accountability", code=None,
                            ready=".verbinding-accountability .verbinding-interest")
    page = opened.page
    note = page.locator(".verbinding-handful-note")
    note.get_by_text("Jouw selectie").wait_for()
    assert "vaste gesprekspartner" in note.inner_text()  # the insider the course points out, and why
    rows = page.locator(".verbinding-interest:visible")
    count = rows.count()
    assert 6 <= count <= 8, count
    toggle = page.get_by_role("button", name="Toon meer partijen")
    assert toggle.is_visible()
    opened.check_accessibility("handful shown, the rest folded")

    for n in range(count):
        row = rows.nth(n)
        row.get_by_label("Weging", exact=True).select_option(label="evenveel meegenomen")
        _fill(page, row.get_by_label("Waarom zo?", exact=True), f"Hun inbreng raakt de kosten voor huishoudens, punt {n}.")
        row.get_by_text("Gewogen en onderbouwd.").wait_for()
    feedback = page.locator(".verbinding-feedback-row")
    assert feedback.count() == count  # feedback is asked for the handful only
    for n in range(count):
        fb = feedback.nth(n)
        fb.get_by_label("Teruggekoppeld?", exact=True).select_option(label="ja")
        fb.get_by_label("Hoe", exact=True).select_option(label="brief of e-mail")
        _fill(page, fb.get_by_label("Wanneer", exact=True), "12 maart")
        _fill(page, fb.get_by_label("Waarover", exact=True), "de keuze voor de regeling")
    page.get_by_text("Je selectie is gewogen, onderbouwd en teruggekoppeld").wait_for()
    page.get_by_role("button", name="Maak concepttekst").click()

    title = module("accountability").title
    nav = page.locator("nav li").filter(has_text=title).first
    # the work is done, the kennischeck not yet: "bijna klaar", not "afgerond"
    nav.get_by_text("bijna klaar").wait_for(timeout=20_000)
    assert "afgerond" not in nav.inner_text()
    checks = page.locator(".verbinding-quiz:visible .widget-radio-box")
    page.mouse.move(683, 400)
    for _ in range(80):  # down to the kennischeck with the wheel, as a learner reads
        box = checks.first.bounding_box()
        if box and 0 <= box["y"] <= 500:
            break
        page.mouse.wheel(0, 600)
        time.sleep(0.1)
    for n, item in enumerate(questions("accountability")):
        checks.nth(n).locator("label", has_text=item.right_text).first.click()
        page.locator(".verbinding-quiz-right").nth(n).wait_for()
    nav.get_by_text("afgerond").wait_for(timeout=20_000)  # the course map says: done
    state = Workbook.open(code, voila_server.home).module("accountability")
    model = AccountabilityModel.from_dict(state)
    assert is_complete(state) and len(model.interests) > count
    assert not any(i.weight for i in model.optional())  # nothing optional was touched
    draft = page.get_by_label("Concepttekst", exact=True).input_value()
    # what was weighed, and who took part (input or a known way), each counted on its own
    # basis, never the whole list nor a party only planned
    weighed = {i.key for i in model.considered() if not i.is_group and i.weight}
    took_part = {i.key for i in model.considered()
                 if not i.is_group and (i.asked.strip() or i.source.strip() in SOURCES)}
    assert "In deze afweging hebben we " in draft
    if took_part == weighed:
        assert ("Die partij hebben we" if len(weighed) == 1 else "Al deze partijen hebben we") in draft
    else:
        named = len(took_part)
        assert ("hebben we 1 partij betrokken" if named == 1 else f"hebben we {named} partijen betrokken") in draft

    # the rest is there, folded: one can be put into the handful
    toggle.click()
    optional = page.locator(".verbinding-interest:visible").nth(count + 1)
    optional.get_by_role("button", name="Zet in mijn selectie").click()
    page.get_by_text("staat nu in je selectie").wait_for()
    opened.check_accessibility("a party added to the handful")
    opened.assert_clean()
