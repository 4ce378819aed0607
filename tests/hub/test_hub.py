"""The course on a real JupyterHub, started with `verbinding hub` from the project's config.

Two learners log in through the hub's login form in Chromium; each gets their own server
that opens the course, keeps their work in their own home folder, and nothing else.
"""

from __future__ import annotations

import pytest

from verbinding import hub
from verbinding.workbook import Workbook

from .conftest import SPAWN_TIMEOUT_MS

DOSSIER = {"a": "Hittebestendige wijken", "b": "Langer thuis wonen"}


def _write_in_workbook(opened, text: str) -> None:
    """What a learner does first: open Kennismaken and name their dossier (autosaved)."""
    page = opened.page
    page.locator(".verbinding-course-nav a[data-module='kennismaken']").click()  # in place, no page load
    field = page.get_by_label("Mijn dossier", exact=True)
    field.fill(text)
    field.press("Tab")  # continuous_update=False: the value is sent on blur
    page.wait_for_selector("text=Automatisch opgeslagen om", timeout=SPAWN_TIMEOUT_MS)


def _new_context(browser):
    """A learner's own browser; patient, since the hub may be busy starting servers."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(SPAWN_TIMEOUT_MS)
    context.set_default_navigation_timeout(SPAWN_TIMEOUT_MS)
    return context


def _saved_dossier(class_hub, name: str) -> str | None:
    folder = class_hub.home(name) / ".verbinding"
    if not (folder / "werkboeken").is_dir():
        return None
    return Workbook.open(name, folder).module("kennismaken").get("dossier")  # keyed to her name


@pytest.fixture(scope="module")
def learners(class_hub, browser):
    """Learners a and b, logged in, each in their own browser (context)."""
    opened = {}
    contexts = []
    for role in ("a", "b"):
        context = _new_context(browser)
        contexts.append(context)
        name = class_hub.name(role)
        opened[role] = (name, class_hub.login(context, name))
    yield opened
    for context in contexts:
        context.close()


def test_each_learner_sees_the_course_with_its_template_no_code_and_nothing_from_outside(learners):
    for name, opened in learners.values():
        opened.wait_ready()
        page = opened.page
        assert f"/user/{name}/voila/render/index.ipynb" in page.url
        assert page.get_by_role("heading", name="Verbindend leiderschap").count() == 1
        assert page.locator(".verbinding-app .verbinding-course-nav a").count() >= 8, "the one-page course app"
        assert "verbinding-chart-summary" in page.content(), "the course template (not Voilà's lab) is used"
        opened.assert_clean()
        assert not opened.outside_requests(), f"requests left the machine: {opened.outside_requests()[:5]}"


def test_each_workbook_lands_only_in_its_own_home(class_hub, learners):
    for role, (_name, opened) in learners.items():
        _write_in_workbook(opened, DOSSIER[role])
    (name_a, _), (name_b, _) = learners["a"], learners["b"]
    assert _saved_dossier(class_hub, name_a) == DOSSIER["a"]
    assert _saved_dossier(class_hub, name_b) == DOSSIER["b"]
    for name in (name_a, name_b):
        files = [p for p in class_hub.home(name).rglob("*.json") if "werkboeken" in p.parts]
        assert [p.stem for p in files] == [name], f"{name}'s home holds one workbook, in her name"
    if class_hub.settings.users == hub.SYSTEM:
        for name in (name_a, name_b):
            home = class_hub.home(name)
            assert home.owner() == name and home.stat().st_mode & 0o077 == 0, "only the learner reads it"
    for _, opened in learners.values():
        assert not opened.outside_requests()


def test_a_learner_cannot_open_another_learners_server(class_hub, learners):
    (_name_a, opened_a), (name_b, _) = learners["a"], learners["b"]
    page = opened_a.page.context.new_page()
    response = page.goto(f"{class_hub.base}/user/{name_b}/voila/render/index.ipynb", wait_until="load")
    assert response.status == 403
    assert DOSSIER["b"] not in page.content()
    page.close()


@pytest.mark.parametrize("path", ["lab", "lab/tree/index.ipynb", "terminals/1", "api/terminals", "tree"])
def test_a_learner_gets_no_jupyterlab_or_terminal(class_hub, learners, path):
    name, opened = learners["a"]
    response = opened.page.context.request.get(f"{class_hub.base}/user/{name}/{path}")
    assert response.status == 404, f"/user/{name}/{path} answered {response.status}"


@pytest.mark.parametrize("path", [
    "voila/render/trainer/handleiding.ipynb", "voila/render/trainer/klasoverzicht.ipynb?werkboek=mijn-werk",
    "voila/render/%74rainer/handleiding.ipynb", "voila/files/trainer/handleiding.ipynb",
    "files/trainer/handleiding.ipynb", "api/contents/trainer/handleiding.ipynb", "voila/tree/trainer",
    "nbconvert/html/trainer/handleiding.ipynb?download=true",
    "voila/render/trainer/handleiding.ipynb?sleutel=geraden",
])
def test_a_learner_gets_403_in_dutch_for_the_trainer_material(class_hub, learners, path):
    name, opened = learners["a"]
    response = opened.page.context.request.get(f"{class_hub.base}/user/{name}/{path}")
    assert response.status == 403, f"/user/{name}/{path} answered {response.status}"
    body = response.text()
    assert "Alleen voor de trainer" in body and "goede antwoorden" not in body.lower()


ENGLISH_ADMIN_WORDS = ("Start All", "Stop All", "Shutdown Hub", "Add Users", "Manage Groups", "Last Activity",
                       "Logout", "Edit User")


def _the_admin_page_is_dutch(class_hub, context) -> None:
    """What the trainer reads on the hub's admin page (JupyterHub's React app) is Dutch."""
    page = context.new_page()
    page.goto(f"{class_hub.base}/hub/admin", wait_until="load")
    page.get_by_role("button", name="Alle servers starten").wait_for()
    for dutch in ("Alle servers stoppen", "Hub afsluiten", "Deelnemers toevoegen", "Laatst actief", "Uitloggen"):
        assert page.get_by_text(dutch, exact=True).count() >= 1, dutch
    assert page.get_by_placeholder("Zoek een naam").count() == 1
    text = page.inner_text("body")
    assert not [word for word in ENGLISH_ADMIN_WORDS if word in text], text
    assert page.evaluate("document.documentElement.lang") == "nl"
    page.close()


def test_the_hubs_403_and_404_pages_are_dutch(class_hub, learners):
    name, opened = learners["a"]
    request = opened.page.context.request
    missing = request.get(f"{class_hub.base}/hub/bestaat-niet")
    assert missing.status == 404
    assert "Deze pagina bestaat niet" in missing.text() and "moons" not in missing.text()
    forbidden = request.get(f"{class_hub.base}/hub/admin")
    assert forbidden.status == 403
    assert "Geen toegang" in forbidden.text() and "Naar de startpagina" in forbidden.text()


def test_the_trainer_gets_the_class_overview_and_jupyterlab(class_hub, browser):
    context = _new_context(browser)
    try:
        name = class_hub.settings.trainer
        opened = class_hub.login(context, name, class_hub.settings.trainer_password, ready=".jupyter-widgets")
        assert "/voila/render/trainer/klasoverzicht.ipynb" in opened.page.url
        opened.assert_clean()
        assert context.request.get(f"{class_hub.base}/user/{name}/lab").status == 200
        guide = context.request.get(f"{class_hub.base}/user/{name}/voila/render/trainer/handleiding.ipynb")
        assert guide.status == 200 and "Handleiding voor trainers" in guide.text()
        assert context.request.get(f"{class_hub.base}/hub/admin").status == 200
        _the_admin_page_is_dutch(class_hub, context)
        assert not opened.outside_requests()
    finally:
        context.close()


def test_the_class_password_is_needed(class_hub, browser):
    context = _new_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{class_hub.base}/hub/login", wait_until="load")
        # The class's login page is Dutch, and says so to a screen reader.
        assert page.locator("h1").inner_text() == "Inloggen voor de cursus Verbindend leiderschap"
        assert page.evaluate("document.documentElement.lang") == "nl"
        assert page.get_by_label("Klaswachtwoord:").count() == 1
        page.fill("#username_input", "vbt-indringer")
        page.fill("#password_input", "fout-wachtwoord")
        page.click("#login_submit")
        page.wait_for_load_state("load")
        assert "/hub/login" in page.url and "/user/" not in page.url
        assert page.locator("#login_submit").is_visible()
        assert "Controleer je naam en het klaswachtwoord" in page.locator(".login_error").inner_text()
    finally:
        context.close()
