"""The course in Voilà as a Jupyter server extension, as Binder and every JupyterHub serve it.

The Jupyter server starts in a folder without ``voila.json``: the course template, the
hidden code and the offline settings must come from what installing the package put in
the environment (``etc/jupyter``).
"""

from __future__ import annotations

from .conftest import assert_culled_when_closed


def test_course_in_a_jupyter_server_is_offline_templated_and_without_code(server_page_at):
    opened = server_page_at("course/index.ipynb", code="server-1000")
    page = opened.page
    assert page.get_by_role("heading", name="Verbindend leiderschap").count() == 1
    assert "verbinding-chart-summary" in page.content(), "the course template (not Voilà's lab) is used"
    assert "Je persoonlijke code: server-1000" in page.inner_text(".verbinding-savebar")
    opened.assert_clean()
    assert not opened.outside_requests(), "no MathJax or Font Awesome from a CDN"


def test_a_module_page_in_a_jupyter_server_stays_offline(server_page_at):
    opened = server_page_at("course/03_connection.ipynb", code="server-1001", ready=".verbinding-header")
    opened.assert_clean()
    assert not opened.outside_requests()


def test_closed_page_kernel_is_culled_in_a_jupyter_server(server_page_at, jupyter_server):
    opened = server_page_at("course/00_kennismaken.ipynb", code="server-1002")
    assert_culled_when_closed(opened, jupyter_server)
