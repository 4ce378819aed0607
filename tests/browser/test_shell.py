"""The course shell in a real browser: index, first module, saving, restoring, offline, culling."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from .conftest import assert_culled_when_closed

COURSE = Path(__file__).resolve().parents[2] / "course"
ALL_NOTEBOOKS = sorted(str(p.relative_to(COURSE)) for p in COURSE.rglob("*.ipynb"))


def _fill(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")  # continuous_update=False: the value is sent on blur


def _restore(page, path: Path) -> None:
    """Choose a file with the save bar's 'Werk herstellen' button, as a learner does."""
    with page.expect_file_chooser() as chooser:
        page.locator(".verbinding-savebar .verbinding-upload").click()
    chooser.value.set_files(str(path))


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS)
def test_every_course_notebook_renders_without_code_or_errors(course_page_at, notebook, artifacts_dir):
    opened = course_page_at(notebook, code="rondgang-1000", ready=".verbinding-header")
    page = opened.page
    assert page.locator(".jupyter-widgets").count() > 0, "widgets rendered"
    opened.assert_clean()
    opened.check_accessibility("opened")
    page.screenshot(path=str(artifacts_dir / f"{notebook.replace('/', '_')}.png"), full_page=True)


def test_index_shows_course_map_with_links_carrying_the_code(course_page_at):
    opened = course_page_at("index.ipynb", code="kade-1234", ready=".verbinding-course-nav a")
    page = opened.page
    assert page.get_by_role("heading", name="Verbindend leiderschap").count() == 1
    link = page.locator(".verbinding-module table a[data-module='kennismaken']")
    assert link.get_attribute("href") == "?werkboek=kade-1234&module=kennismaken"
    assert "Je persoonlijke code: kade-1234" in page.inner_text(".verbinding-savebar")
    link.click()
    page.wait_for_selector(".verbinding-module h1:has-text('Kennismaken')")
    assert "werkboek=kade-1234" in page.url and "module=kennismaken" in page.url
    opened.assert_clean()


def test_page_without_code_gets_a_new_code_used_in_links(course_page_at):
    opened = course_page_at("index.ipynb", code=None, ready=".verbinding-course-nav a")
    page = opened.page
    notice = page.locator(".verbinding-notice").first.inner_text()
    code = re.search(r"nieuwe persoonlijke code gekregen: ([a-z]+-[a-z0-9]+)", notice).group(1)
    assert f"werkboek={code}" in page.url, "the new code is in the address at once"
    href = page.locator(".verbinding-course-nav a[data-module='kennismaken']").get_attribute("href")
    assert f"werkboek={code}" in href


def test_save_reload_download_and_restore_round_trip(course_page_at, tmp_path):
    opened = course_page_at("00_kennismaken.ipynb", code="ronde-1111")
    page = opened.page
    _fill(page, "Mijn dossier", "Hittebestendige wijken <b>test</b>")
    _fill(page, "Vaste gesprekspartners", "Vereniging Bouwend Land\nStichting Groene Kade")
    page.wait_for_selector("text=Automatisch opgeslagen om")
    page.wait_for_selector("text=2 vaste gesprekspartner")

    page.reload(wait_until="load")
    opened.wait_ready()
    assert page.get_by_label("Mijn dossier", exact=True).input_value() == "Hittebestendige wijken <b>test</b>"

    with page.expect_download() as info:
        page.get_by_role("button", name="Download mijn werk").click()
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.name == "verbinding-werkboek-ronde-1111.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["modules"]["kennismaken"]["dossier"].startswith("Hittebestendige")

    fresh = course_page_at("00_kennismaken.ipynb", code="ronde-2222").page
    assert fresh.get_by_label("Mijn dossier", exact=True).input_value() == ""
    _restore(fresh, saved)
    fresh.wait_for_selector("text=Je werk is hersteld")
    assert fresh.get_by_label("Mijn dossier", exact=True).input_value() == "Hittebestendige wijken <b>test</b>"
    assert "Stichting Groene Kade" in fresh.get_by_label("Vaste gesprekspartners", exact=True).input_value()
    assert fresh.locator("b:text('test')").count() == 0  # learner HTML is never rendered


def test_broken_upload_is_refused_and_work_kept(course_page_at, tmp_path):
    opened = course_page_at("00_kennismaken.ipynb", code="ronde-3333")
    page = opened.page
    _fill(page, "Mijn dossier", "Mijn werk blijft")
    page.wait_for_selector("text=Automatisch opgeslagen om")
    bad = tmp_path / "kapot.json"
    bad.write_bytes(b"\x00\x01 dit is geen werkboek")
    _restore(page, bad)
    page.wait_for_selector("text=Herstellen is niet gelukt")
    assert page.get_by_label("Mijn dossier", exact=True).input_value() == "Mijn werk blijft"
    opened.assert_clean()


def test_huge_upload_is_refused_in_the_browser_with_a_message(course_page_at, voila_server, tmp_path):
    """A 40 MB file used to exceed the websocket's message limit: the connection dropped and
    the learner saw nothing. Now the browser refuses it by size and the kernel says why."""
    from verbinding.workbook import Workbook

    opened = course_page_at("00_kennismaken.ipynb", code="ronde-3344")
    page = opened.page
    _fill(page, "Mijn dossier", "Mijn werk blijft")
    page.wait_for_selector("text=Automatisch opgeslagen om")
    button = page.locator(".verbinding-savebar .verbinding-upload")
    assert button.inner_text().strip() == "Werk herstellen"  # no file count in the label
    reconnects = voila_server.log.read_text(errors="replace").count("Restoring connection")
    huge = tmp_path / "enorm.json"
    with huge.open("wb") as handle:
        handle.truncate(40 * 1024 * 1024)
    _restore(page, huge)
    page.wait_for_selector("text=groter dan 5 MB")
    assert page.get_by_label("Mijn dossier", exact=True).input_value() == "Mijn werk blijft"
    _fill(page, "Mijn dossier", "En daarna gewoon verder")  # the page still answers
    deadline = time.monotonic() + 20
    while Workbook.open("ronde-3344", voila_server.home).module("kennismaken").get("dossier") != "En daarna gewoon verder":
        assert time.monotonic() < deadline, "the page stopped saving after the huge upload"
        time.sleep(0.3)
    assert voila_server.log.read_text(errors="replace").count("Restoring connection") == reconnects
    opened.assert_clean()


def test_word_export_downloads_in_voila(course_page_at, tmp_path):
    from docx import Document

    page = course_page_at("00_kennismaken.ipynb", code="ronde-4444").page
    _fill(page, "Mijn dossier", "Zorg voor later")
    page.wait_for_selector("text=Automatisch opgeslagen om")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download als Word").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    texts = [p.text for p in Document(str(path)).paragraphs]
    assert "Zorg voor later" in texts


def test_closed_page_kernel_is_culled(course_page_at, voila_server):
    opened = course_page_at("00_kennismaken.ipynb", code="ronde-5555")
    assert_culled_when_closed(opened, voila_server)


def test_file_list_and_error_pages_stay_offline(browser, voila_server):
    """Someone who opens the server's address without a page sees the course's start page
    with every page listed (Dutch, drawn on the server: tree.html of the course template)."""
    from .conftest import OpenedPage

    context = browser.new_context()
    try:
        opened = OpenedPage(context.new_page(), voila_server)
        page = opened.page
        page.goto(f"{voila_server.base}/", wait_until="networkidle")
        try:
            page.wait_for_selector("text=index.ipynb", timeout=30000)
        except Exception as error:
            raise AssertionError(f"the file list shows: {page.inner_text('body')[:800]!r}") from error
        page.goto(f"{voila_server.base}/voila/render/bestaat-niet.ipynb", wait_until="networkidle")
        assert opened.outside_requests() == []
    finally:
        context.close()
