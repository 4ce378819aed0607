"""pytest set-up shared by unit, notebook and browser tests.

Learners' files go to a temporary folder (never ~/.verbinding), also for the kernels
nbval starts for the course notebooks, which inherit this environment.
"""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ["VERBINDING_HOME"] = tempfile.mkdtemp(prefix="verbinding-test-home-")


def pytest_collection_modifyitems(items):
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebook)
