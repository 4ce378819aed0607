"""Fixtures for unit tests (VERBINDING_HOME is set in the root conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """A fresh, empty VERBINDING_HOME for one test."""
    monkeypatch.setenv("VERBINDING_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def edit_texts(tmp_path, monkeypatch):
    """``edit(file_name, change)`` rewrites a copy of ``texts/nl/<file_name>`` as a trainer
    would: ``change`` is the whole new file text, or a function that edits the parsed YAML."""
    import shutil

    import yaml

    import verbinding.texts as texts_module

    folder = tmp_path / "texts"
    shutil.copytree(texts_module.TEXTS_DIR, folder)
    monkeypatch.setattr(texts_module, "TEXTS_DIR", folder)
    texts_module.catalogue.cache_clear()

    def edit(file_name: str, change) -> None:
        path = folder / "nl" / file_name
        if isinstance(change, str):
            path.write_text(change, encoding="utf-8")
        else:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            change(data)
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        texts_module.catalogue.cache_clear()

    yield edit
    texts_module.catalogue.cache_clear()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (browser and hub tests alike): Playwright's
    sync API refuses a second instance while the first is running."""
    from browser.conftest import launch_browser

    yield from launch_browser()
