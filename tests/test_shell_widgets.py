"""The page frame, save bar and the kennismaken exercise, driven like ipywidgets' own tests."""

from __future__ import annotations

import io
import json

from _front_end import choose_files
from _markdown import render
from docx import Document

from verbinding.modules.kennismaken import Introduction, parse_partners
from verbinding.modules.kennismaken.view import IntroExercise
from verbinding.ui.page import CoursePage
from verbinding.ui.savebar import SaveBar
from verbinding.workbook import Workbook


def _page(code="test-1000", module_id="kennismaken"):
    return CoursePage(module_id, Workbook.open(code), new_code=False)


def _upload(bar: SaveBar, name: str, data: bytes):
    choose_files(bar.upload, [(name, data)])


def test_typing_saves_to_workbook_and_feedback_reacts(data_home):
    page = _page()
    exercise = IntroExercise(page)
    exercise.dossier.value = "Hittebestendige wijken"
    exercise.partners.value = "Vereniging A\nStichting B\nVereniging A"
    saved = Workbook.open("test-1000").module("kennismaken")
    assert saved["dossier"] == "Hittebestendige wijken"
    assert saved["partners"] == ["Vereniging A", "Stichting B"]
    assert "2 vaste gesprekspartner" in exercise.feedback.value


def test_reopened_page_shows_saved_answers(data_home):
    IntroExercise(_page()).missing.value = "Jongeren"
    again = IntroExercise(_page())
    assert again.missing.value == "Jongeren"


def test_html_is_shown_as_text_in_feedback(data_home):
    exercise = IntroExercise(_page())
    exercise.partners.value = "<img src=x onerror=alert(1)>\nB\nC\nD"
    assert "<img" not in exercise.feedback.value
    assert Workbook.open("test-1000").module("kennismaken")["partners"][0] == "<img src=x onerror=alert(1)>"


def test_ten_thousand_characters_are_kept(data_home):
    exercise = IntroExercise(_page())
    exercise.description.value = "x" * 10_000
    assert len(Workbook.open("test-1000").module("kennismaken")["description"]) == 10_000


def test_save_bar_restore_refreshes_the_exercise(data_home):
    source = Workbook("bron")
    source.set_module("kennismaken", Introduction("Uit bestand", partners=["P"]).to_dict())
    page = _page("test-2000")
    exercise = IntroExercise(page)
    bar = SaveBar(page.workbook)
    _upload(bar, "werk.json", source.to_bytes())
    assert exercise.dossier.value == "Uit bestand"
    assert "hersteld" in bar.message.value


def test_save_bar_refuses_foreign_file_and_keeps_work(data_home):
    page = _page("test-3000")
    exercise = IntroExercise(page)
    exercise.dossier.value = "Mijn eigen werk"
    bar = SaveBar(page.workbook)
    _upload(bar, "foto.json", b"\xff\xd8\xff\xe0 not a workbook")
    assert "niet gelukt" in bar.message.value
    assert exercise.dossier.value == "Mijn eigen werk"
    assert Workbook.open("test-3000").module("kennismaken")["dossier"] == "Mijn eigen werk"


def test_save_bar_refuses_a_huge_file_before_it_is_sent(data_home):
    from verbinding.workbook import MAX_UPLOAD_BYTES

    page = _page("test-3100")
    exercise = IntroExercise(page)
    exercise.dossier.value = "Mijn eigen werk"
    bar = SaveBar(page.workbook)
    assert bar.upload.max_bytes == MAX_UPLOAD_BYTES  # the browser checks the size first
    _upload(bar, "film.json", b" " * (MAX_UPLOAD_BYTES + 1))
    assert "niet gelukt" in bar.message.value and "groter dan 5 MB" in bar.message.value
    assert exercise.dossier.value == "Mijn eigen werk"


def test_save_bar_says_when_the_browser_could_not_read_the_file(data_home):
    page = _page("test-3200")
    bar = SaveBar(page.workbook)
    choose_files(bar.upload, [], unreadable=["werk.json"])
    assert "niet gelukt" in bar.message.value and "werk.json" in bar.message.value


def test_downloads_produce_the_learners_work(data_home):
    page = _page("test-4000")
    IntroExercise(page).dossier.value = "Klimaat <b>dossier</b>"
    bar = SaveBar(page.workbook)
    name, data = bar.download._producer()
    assert name == "verbinding-werkboek-test-4000.json"
    assert json.loads(data)["modules"]["kennismaken"]["dossier"] == "Klimaat <b>dossier</b>"
    name, data = bar.download_md._producer()
    assert name.endswith(".md") and "Klimaat &lt;b&gt;dossier&lt;/b&gt;" in render(data.decode())
    name, data = bar.download_docx._producer()
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "Klimaat <b>dossier</b>" in texts
    assert any("Kennismaken" in text for text in texts)


def test_status_shows_code_and_save_time(data_home):
    page = _page("test-5000")
    bar = SaveBar(page.workbook)
    assert "Nog niets opgeslagen" in bar.status.value
    IntroExercise(page).dossier.value = "x"
    assert "Automatisch opgeslagen om" in bar.status.value and "test-5000" in bar.status.value


def test_links_keep_the_learner_code(data_home):
    page = _page("reiger-1234", "klasoverzicht")
    assert page.href("index.ipynb") == "../index.ipynb?werkboek=reiger-1234"
    assert _page("reiger-1234").href("01_drempels.ipynb") == "01_drempels.ipynb?werkboek=reiger-1234"


def test_parse_partners_splits_and_deduplicates():
    assert parse_partners("A, b\nA\n\n  c  ") == ["A", "b", "c"]
