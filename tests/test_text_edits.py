"""A trainer edits a text file: check-texts finds a dropped or broken {placeholder} with its
line, and the next page load (a kernel that may have started before the edit) shows the edit."""

from __future__ import annotations

import shutil

import pytest

import verbinding.texts as texts_module
from verbinding.texts import check_texts, t


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "nl"
    shutil.copytree(texts_module.TEXTS_DIR / "nl", folder)
    return folder


def line_of(path, needle: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


def test_shipped_texts_are_clean():
    assert check_texts() == []


def test_a_dropped_placeholder_is_reported_with_its_line(copy):
    path = copy / "connection.yaml"
    text = path.read_text(encoding="utf-8").replace("je zat er {points} procentpunt naast", "je zat er dichtbij")
    path.write_text(text, encoding="utf-8")
    line = line_of(path, "je zat er dichtbij")
    problems = check_texts(copy)
    assert f"connection.yaml, regel {line}: in 'guess.close' ontbreekt {{points}}; daar zet de cursus een getal of naam. Zet het terug in de tekst." in problems, problems


def test_a_stray_brace_is_reported_with_its_line(copy):
    path = copy / "connection.yaml"
    text = path.read_text(encoding="utf-8").replace("Je schatte {guess}%.", "Je schatte {guess%.")
    path.write_text(text, encoding="utf-8")
    line = line_of(path, "Je schatte {guess%.")
    problems = check_texts(copy)
    assert any(p.startswith(f"connection.yaml, regel {line}: de tekst 'connection.guess.actual' heeft een losse {{")
               for p in problems), problems


def test_an_edit_shows_on_the_next_page_load_without_restarting(tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    shutil.copytree(texts_module.TEXTS_DIR, folder)
    monkeypatch.setattr(texts_module, "TEXTS_DIR", folder)
    texts_module.catalogue.cache_clear()
    try:
        before = t("connection.guess.close", points=3)
        assert before == "Goed geschat: je zat er 3 procentpunt naast."
        path = folder / "nl" / "connection.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Goed geschat:", "Mooi geschat:"), encoding="utf-8")
        monkeypatch.setattr(texts_module, "RECHECK_SECONDS", 0.0)  # the page load comes later
        assert t("connection.guess.close", points=3) == "Mooi geschat: je zat er 3 procentpunt naast."
    finally:
        texts_module.catalogue.cache_clear()
