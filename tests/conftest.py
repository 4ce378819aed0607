"""Test-wide settings: learners' files go to a temporary folder, never to ~/.verbinding."""

from __future__ import annotations

import os
import tempfile

import pytest

_HOME = tempfile.mkdtemp(prefix="verbinding-test-home-")
os.environ["VERBINDING_HOME"] = _HOME


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """A fresh, empty VERBINDING_HOME for one test."""
    monkeypatch.setenv("VERBINDING_HOME", str(tmp_path))
    return tmp_path
