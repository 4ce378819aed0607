"""The string catalogue: every key used by the code exists; a bad trainer edit is reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from verbinding import texts

PACKAGE = Path(texts.__file__).parent


def test_shipped_catalogue_is_valid():
    assert texts.check_catalogue("nl") == []


def test_every_literal_key_in_the_code_exists():
    keys = set(texts.catalogue("nl"))
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for match in re.finditer(r"""\bt(?:list)?\(\s*["']([a-z_]+\.[a-zA-Z0-9_.]+)["']""", path.read_text(encoding="utf-8")):
            used.add((match.group(1), path.name))
    missing = sorted(f"{key} ({name})" for key, name in used if key not in keys)
    assert not missing, f"keys missing from texts/nl: {missing}"


def test_placeholders_are_filled():
    assert texts.t("common.save.saved_at", time="10:15") == "Automatisch opgeslagen om 10:15."


def test_missing_key_raises():
    with pytest.raises(KeyError):
        texts.t("common.does_not_exist")


def test_bad_yaml_edit_gives_dutch_message(tmp_path, monkeypatch):
    folder = tmp_path / "nl"
    folder.mkdir()
    (folder / "common.yaml").write_text("save:\n  title: 'Je werk\n  bad: [", encoding="utf-8")
    monkeypatch.setattr(texts, "TEXTS_DIR", tmp_path)
    problems = texts.check_catalogue("nl")
    assert problems and "common.yaml" in problems[0] and "geen geldige YAML" in problems[0]


def test_loose_brace_is_reported(tmp_path, monkeypatch):
    folder = tmp_path / "nl"
    folder.mkdir()
    (folder / "common.yaml").write_text("x: 'open { niet dicht'\n", encoding="utf-8")
    monkeypatch.setattr(texts, "TEXTS_DIR", tmp_path)
    assert "losse" in texts.check_catalogue("nl")[0]
