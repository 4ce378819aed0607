"""Fixtures for unit tests (VERBINDING_HOME is set in the root conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """A fresh, empty VERBINDING_HOME for one test."""
    monkeypatch.setenv("VERBINDING_HOME", str(tmp_path))
    return tmp_path
