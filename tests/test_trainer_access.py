"""The trainer material guard (verbinding.trainer_access) in front of a Tornado application:
what a learner gets for every way to reach ``trainer/``, and how a trainer still gets in."""

from __future__ import annotations

import pytest
from tornado import web
from tornado.testing import AsyncHTTPTestCase

from verbinding import trainer_access
from verbinding.texts import t

KEY = "sleutel-van-de-trainer-123"

TRAINER_PATHS = [
    "/voila/render/trainer/handleiding.ipynb",
    "/voila/render/trainer/klasoverzicht.ipynb?werkboek=mijn-werk",
    "/voila/render/course/trainer/handleiding.ipynb",  # Voilà in a Jupyter server (Binder)
    "/voila/render/%74rainer/handleiding.ipynb",
    "/voila/render/%2574rainer/handleiding.ipynb",
    "/voila/render/Trainer/handleiding.ipynb",
    "/voila/render/casussen/../trainer/handleiding.ipynb",
    "/voila/render//trainer//klasoverzicht.ipynb",
    "/voila/files/trainer/handleiding.ipynb",
    "/voila/tree/trainer",
    "/voila/api/contents/trainer/handleiding.ipynb",
    "/files/course/trainer/handleiding.ipynb",
    "/api/contents/course/trainer/handleiding.ipynb?content=1",
    "/tree/course/trainer",
    "/lab/tree/course/trainer/handleiding.ipynb",
    "/nbconvert/html/course/trainer/handleiding.ipynb?download=true",
]
COURSE_PATHS = ["/voila/render/index.ipynb", "/voila/render/02_outreach.ipynb", "/api/kernels",
                "/voila/render/casussen/trainers-casus.ipynb"]


class Everything(web.RequestHandler):
    def get(self, *args):
        self.write("inhoud")


def _app(environ: dict) -> web.Application:
    app = web.Application([(r"/.*", Everything)], base_url="/")
    trainer_access.install(app, environ)
    return app


@pytest.mark.parametrize("path", [p.split("?")[0] for p in TRAINER_PATHS])
def test_every_form_of_a_trainer_path_is_recognised(path):
    assert trainer_access.is_trainer_material(path)
    assert trainer_access.is_trainer_material("/user/anna/" + path.lstrip("/"), base_url="/user/anna/")


@pytest.mark.parametrize("path", COURSE_PATHS)
def test_course_pages_are_not_trainer_material(path):
    assert not trainer_access.is_trainer_material(path)


def test_the_hubs_trainer_named_trainer_is_not_mistaken_for_the_folder():
    assert not trainer_access.is_trainer_material("/user/trainer/voila/render/index.ipynb", "/user/trainer/")


class LearnerServer(AsyncHTTPTestCase):
    environ = {"VERBINDING_ROL": "deelnemer"}

    def get_app(self):
        return _app(dict(self.environ))

    def test_learner_gets_403_in_dutch_for_all_trainer_material(self):
        for path in TRAINER_PATHS:
            response = self.fetch(path)
            assert response.code == 403, path
            body = response.body.decode()
            assert "inhoud" not in body and t("trainer.access.title") in body and 'lang="nl"' in body
        for method in ("POST", "PUT", "DELETE"):
            response = self.fetch(TRAINER_PATHS[0], method=method, allow_nonstandard_methods=True,
                                  body=None if method == "DELETE" else b"{}")
            assert response.code == 403

    def test_learner_opens_the_course(self):
        for path in COURSE_PATHS:
            assert self.fetch(path).code == 200, path


class LearnerWithStolenLink(LearnerServer):
    environ = {"VERBINDING_ROL": "deelnemer", "VERBINDING_TRAINER_SLEUTEL": KEY}

    def test_a_key_does_not_open_a_learners_server(self):
        response = self.fetch(f"/voila/render/trainer/handleiding.ipynb?sleutel={KEY}", follow_redirects=False)
        assert response.code == 403


class TrainerServer(AsyncHTTPTestCase):
    def get_app(self):
        return _app({"VERBINDING_ROL": "trainer"})

    def test_trainer_opens_everything(self):
        for path in TRAINER_PATHS + COURSE_PATHS:
            assert self.fetch(path).code == 200, path


class KeyServer(AsyncHTTPTestCase):
    """``verbinding start``: no role; the trainer's link carries the key."""

    def get_app(self):
        self.environ = {"VERBINDING_TRAINER_SLEUTEL": KEY}
        return _app(self.environ)

    def test_the_key_leaves_the_environment_so_kernels_do_not_inherit_it(self):
        assert "VERBINDING_TRAINER_SLEUTEL" not in self.environ

    def test_without_the_key_trainer_material_is_refused(self):
        assert self.fetch(TRAINER_PATHS[0]).code == 403
        assert self.fetch(f"{TRAINER_PATHS[0]}?sleutel=fout").code == 403
        assert self.fetch(TRAINER_PATHS[0], headers={"Cookie": "verbinding_trainer=fout"}).code == 403
        assert self.fetch(COURSE_PATHS[0]).code == 200

    def test_the_trainers_link_sets_a_cookie_and_drops_the_key_from_the_address(self):
        response = self.fetch(f"/voila/render/trainer/handleiding.ipynb?sleutel={KEY}&werkboek=x",
                              follow_redirects=False)
        assert response.code == 302
        assert response.headers["Location"] == "/voila/render/trainer/handleiding.ipynb?werkboek=x"
        cookie = response.headers["Set-Cookie"]
        assert f"verbinding_trainer={KEY}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        for path in TRAINER_PATHS:
            assert self.fetch(path, headers={"Cookie": f"verbinding_trainer={KEY}"}).code == 200, path


def test_no_role_and_no_key_opens_nothing():
    guard = trainer_access.Guard(role=None, key=None)
    assert not guard.key_matches("") and not guard.key_matches(None)


def test_the_course_map_lists_trainer_pages_only_for_a_trainer():
    """Walk finding: a learner's start page showed 'Voor trainers' links that led to
    'Alleen voor de trainer'."""
    show = trainer_access.shows_trainer_links
    assert show({"VERBINDING_ROL": "trainer"}, served_by_voila=True)
    assert not show({"VERBINDING_ROL": "deelnemer"}, served_by_voila=False)
    assert not show({}, served_by_voila=True), "one Voilà for a room: no role, so a learner"
    assert show({}, served_by_voila=False), "a trainer's own JupyterLab"
