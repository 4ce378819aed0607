"""The one-page course app without a browser: navigation, kept views, work per case, codes."""

from __future__ import annotations

from pathlib import Path

from verbinding import progress, session
from verbinding.course import INDEX, MODULES
from verbinding.ui.app import CourseApp
from verbinding.ui.savebar import WorkNotice
from verbinding.workbook import Workbook

COURSE = Path(__file__).resolve().parents[1] / "course"


def _app(code="app-1234", start=None, new=False, refused=None) -> CourseApp:
    return CourseApp(Workbook.open(code), session.CodeChoice(code, new, refused), start, COURSE)


def _shown(app: CourseApp):
    return app.main.children[0]


def test_app_starts_on_the_module_in_the_address(data_home):
    app = _app(start="connection")
    assert app.router.module == "connection" and app.router.code == "app-1234"
    assert app.router.title == "3. Connection: verder kijken dan de vaste gesprekspartners – Verbindend leiderschap"
    assert 'aria-current="page"' in app.nav.value.split("data-module=\"connection\"")[1][:30]
    assert "Connection" in _shown(app).children[0].value  # the module's own text, from its notebook


def test_unknown_module_in_the_address_opens_the_start_screen(data_home):
    app = _app(start="bestaat-niet")
    assert app.router.module == INDEX.id


def test_switching_modules_keeps_each_view(data_home):
    app = _app()
    app.router.module = "outreach"
    outreach = _shown(app)
    app.router.module = "drempels"
    app.router.module = "outreach"
    assert _shown(app) is outreach, "a visited module is not built again"
    for item in MODULES:
        app.router.module = item.id
        assert "verbinding-module" in _shown(app)._dom_classes
        assert "Deze module kon niet worden geopend" not in str([getattr(c, "value", "") for c in _shown(app).children])


def test_another_case_gets_its_own_views_and_work(data_home):
    app = _app()
    app.router.module = "outreach"
    klimaat = app._exercises["outreach"]
    klimaat.workbook.set_module("outreach", {"dimensions": [{"id": "x", "name": "Water", "why": "test"}]})
    app.router.module = INDEX.id
    app.workbook.case = "vergrijzing"
    app.router.module = "outreach"
    assert app._exercises["outreach"] is not klimaat
    assert app._exercises["outreach"].workbook.module("outreach") == {}
    assert app.workbook.module("outreach", case="klimaatadaptatie")["dimensions"][0]["name"] == "Water"


def test_kept_view_shows_what_another_module_changed(data_home):
    app = _app(start="eigen_dossier")
    dossier = app._exercises["eigen_dossier"]
    app.router.module = "kennismaken"
    app._exercises["kennismaken"].dossier.value = "Hittestress in wijken"
    app.router.module = "eigen_dossier"
    assert dossier.title.value == "Hittestress in wijken"


def test_status_says_done_only_when_the_module_says_so(data_home, monkeypatch):
    app = _app()
    assert progress.module_status(app.workbook, "drempels") == "nog niet begonnen"
    app.workbook.set_module("drempels", {"x": 1})
    assert progress.module_status(app.workbook, "drempels") == "begonnen"
    import verbinding.modules.drempels as barriers

    monkeypatch.setattr(barriers, "is_complete", lambda state: state.get("x") == 2, raising=False)
    assert progress.module_status(app.workbook, "drempels") == "begonnen"
    app.workbook.set_module("drempels", {"x": 2})
    # the work is complete, the kennischeck is not: not yet "afgerond" (it was, before the walk)
    assert progress.module_status(app.workbook, "drempels") == "bijna klaar: kennischeck nog doen"
    assert "bijna klaar" in app.nav.value and "afgerond" not in app.nav.value
    from verbinding.quiz import questions

    app.workbook.set_module("drempels", {"x": 2, "kennischeck": {"answers": {q.id: q.right for q in questions("drempels")}}})
    assert progress.module_status(app.workbook, "drempels") == "afgerond"
    assert "afgerond" in app.nav.value  # the menu follows the workbook


def test_new_and_refused_codes_are_explained(data_home):
    new = _app(code="reiger-7kq3mz", new=True)
    assert "nieuwe persoonlijke code" in new.children[1].children[1].value
    refused = _app(code="reiger-8kq3mz", new=True, refused="<b>fout</b>")
    text = refused.children[1].children[1].value
    assert "kan niet worden gebruikt" in text and "&lt;b&gt;fout&lt;/b&gt;" in text


def test_typed_code_is_checked_before_the_page_changes(data_home, monkeypatch):
    app = _app()
    went = []
    monkeypatch.setattr(app.router, "go", went.append)
    assert "geen geldige code" in app.open_code("../../etc")
    assert went == []
    assert app.open_code("  Bestaand-1234 ") is None
    assert went == ["?werkboek=bestaand-1234&module=index"]


def test_work_notice_offers_the_other_tabs_version(data_home):
    tab1, tab2 = Workbook.open("notice-1234"), Workbook.open("notice-1234")
    notice = WorkNotice(tab2)
    assert notice.text.value == "" and notice.buttons.layout.display == "none"
    tab1.set_module("eigen_dossier", {"title": "A"})
    tab2.set_module("eigen_dossier", {"title": "B"})
    assert "ander tabblad" in notice.text.value and notice.buttons.layout.display is None
    notice.take_other.click()
    assert tab2.module("eigen_dossier") == {"title": "A"} and notice.text.value == ""


def test_links_to_course_notebooks_become_links_inside_the_app(data_home, tmp_path):
    import json

    from verbinding.notebook_text import module_text

    notebook = tmp_path / "02_outreach.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": "# Titel\n\nZie [module 3](03_connection.ipynb) en "
                                            "[draagvlak](begrippen.ipynb#draagvlak), [dit](onbekend.ipynb) en <script>x()</script>"},
        {"cell_type": "code", "source": "page = course_page('outreach')"},
        {"cell_type": "markdown", "source": "**Kernpunten**"},
    ]}), encoding="utf-8")
    app = _app(code="link-1234")
    text = module_text(notebook, app._link_for)
    assert 'href="?werkboek=link-1234&module=connection" data-module="connection"' in text.before
    assert 'data-module="begrippen" data-anchor="draagvlak"' in text.before  # the glossary, at its term
    assert 'href="onbekend.ipynb"' in text.before  # not part of the course: left alone
    assert "<script>" not in text.before and "&lt;script&gt;" in text.before
    assert "<strong>Kernpunten</strong>" in text.after


def test_background_warm_up_waits_while_a_class_starts(monkeypatch):
    """Without preheating the modules are imported in the background, but not while the
    machine is busy (a class logging in at once); after a while they are imported anyway."""
    import threading

    from verbinding.ui import app as app_module

    done = threading.Event()
    monkeypatch.setattr(app_module, "warm_up_modules", done.set)
    asked = []

    def busy():
        asked.append(True)
        return len(asked) < 3  # busy twice, then quiet

    app_module.warm_up_when_quiet(delay=0.01, busy=busy, give_up_after=10)
    assert done.wait(5) and len(asked) == 3

    done.clear()
    always_busy = []
    app_module.warm_up_when_quiet(delay=0.01, busy=lambda: always_busy.append(1) or True, give_up_after=0.05)
    assert done.wait(5), "a busy machine delays the warm-up, it never cancels it"
    assert 3 <= len(always_busy) <= 5


def test_a_kernel_with_every_module_open_holds_no_chart_engine_or_export_library(data_home):
    """Charts are drawn in the browser and Word files are made on a click: a learner's
    kernel with every module opened imports none of Altair (~50 MB), vl-convert,
    jsonschema, python-docx or openpyxl (a fresh interpreter: this one has them from other tests)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from verbinding import session\n"
        "from verbinding.ui import app\n"
        "from verbinding.workbook import Workbook\n"
        "app.warm_up_modules()\n"
        "course = app.CourseApp(Workbook.open('zwaar-1234'), session.CodeChoice('zwaar-1234', True, None), None,"
        f" Path({str(COURSE)!r}))\n"
        "for item in app.APP_MODULES:\n"
        "    course.router.module = item.id\n"
        "    assert course.router.module == item.id\n"
        "print(' '.join(sorted(n for n in ('altair', 'vl_convert', 'jsonschema', 'docx', 'openpyxl', 'pandas')"
        " if n in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "failed" not in result.stderr, result.stderr[-2000:]  # every module built
    assert result.stdout.split() == ["pandas"]  # the models' own library stays; the check can see a module
