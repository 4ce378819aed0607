"""Trainer material for trainers only, in every way the course is served.

The trainer's notebooks (``trainer/``: the guide with its answers, the class overview, the
exercise template) must not render or download for a learner. A guard in front of the
Tornado application answers 403 with a Dutch page for every request whose path names a
``trainer`` folder (``/voila/render/trainer/...``, ``/voila/files/...``, ``/files/...``,
``/api/contents/...``, ``/tree/...``, ``/lab/tree/...``, ...), unless this server belongs to a
trainer. Who is a trainer comes from the environment of the server:

- ``VERBINDING_ROL=trainer``: every request may open trainer material (the hub sets this for
  its admins, a trainer may set it for their own ``jupyter lab``);
- ``VERBINDING_ROL=deelnemer``: no request may (the hub sets this for learners);
- unset: only a browser that showed the trainer's key, ``VERBINDING_TRAINER_SLEUTEL``:
  ``verbinding start`` makes one per start and prints a link with it (``?sleutel=...``);
  that request gets a cookie and is sent on without the key. Without a key nobody may.

The guard sits in the server, so it holds in standalone Voilà (``verbinding start`` runs
:func:`run_voila`) and in every Jupyter server with the course's server extension (a
JupyterHub single-user server, Binder). It does not stop code: a learner who runs code in
a kernel of her own server can read every file that server's user can read (see README).
"""

from __future__ import annotations

import hmac
import html
import os
import posixpath
from urllib.parse import parse_qs, unquote, urlencode

ROLE_ENV = "VERBINDING_ROL"
KEY_ENV = "VERBINDING_TRAINER_SLEUTEL"
TRAINER, LEARNER = "trainer", "deelnemer"
KEY_PARAMETER = "sleutel"
COOKIE = "verbinding_trainer"
TRAINER_FOLDER = "trainer"


def is_trainer_material(path: str, base_url: str = "/") -> bool:
    """True if the URL path (below ``base_url``) names the trainer folder in any form:
    percent-encoded, with ``..`` or doubled slashes, or in other letter case."""
    for _ in range(3):  # %2574 -> %74 -> t
        path = unquote(path)
    path = posixpath.normpath("/" + path.replace("\\", "/").lstrip("/"))
    base = "/" + base_url.strip("/")
    if base != "/" and (path + "/").startswith(base + "/"):
        path = path[len(base):]
    return TRAINER_FOLDER in [segment.lower() for segment in path.split("/")]


def role(environ=None) -> str | None:
    value = (os.environ if environ is None else environ).get(ROLE_ENV, "").strip().lower()
    return value if value in (TRAINER, LEARNER) else None


def shows_trainer_links(environ=None, served_by_voila: bool = False) -> bool:
    """Whether the course map lists the trainer's pages (a learner who follows such a link
    only meets 'Alleen voor de trainer'). ``VERBINDING_ROL=trainer``: yes; ``deelnemer``:
    no; unset: only outside Voilà, in a trainer's own JupyterLab. In Voilà with the role
    unset a kernel cannot tell the trainer from a learner (the key stays in the server), so
    the trainer opens the material by the link with the key printed at start."""
    current = role(environ)
    if current is not None:
        return current == TRAINER
    return not served_by_voila


class Guard:
    """Decides per request; ``key`` is the trainer's key (None: no key opens anything)."""

    def __init__(self, role: str | None, key: str | None):
        self.role = role
        self.key = key or None

    def key_matches(self, value: str | None) -> bool:
        return bool(self.key and value and hmac.compare_digest(value.encode(), self.key.encode()))

    def allows(self, request, base_url: str = "/") -> bool:
        if not is_trainer_material(request.path, base_url):
            return True
        if self.role is not None:
            return self.role == TRAINER
        cookies = request.cookies
        return COOKIE in cookies and self.key_matches(cookies[COOKIE].value)

    def key_in(self, request) -> str | None:
        values = parse_qs(request.query).get(KEY_PARAMETER)
        return values[0] if values else None


def forbidden_page(course_url: str) -> str:
    from verbinding.texts import t

    title = html.escape(t("trainer.access.title"))
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>'
        '<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em; line-height: 1.5">'
        f"<main><h1>{title}</h1><p>{html.escape(t('trainer.access.forbidden'))}</p>"
        f"<p>{html.escape(t('trainer.access.trainer_hint'))}</p>"
        f'<p><a href="{html.escape(course_url)}">{html.escape(t("trainer.access.back"))}</a></p></main>'
        "</body></html>\n"
    )


def _handlers():
    from tornado import web

    class TrainerOnlyHandler(web.RequestHandler):
        """403 with a Dutch page, whatever the method."""

        def prepare(self):
            base = self.settings.get("base_url", "/")
            self.set_status(403)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(forbidden_page(posixpath.join(base, "voila/render/index.ipynb")))

    class TrainerKeyHandler(web.RequestHandler):
        """The trainer's link: set the cookie and go on to the same page without the key."""

        def prepare(self):
            key = self.settings["verbinding_trainer_key"]
            self.set_cookie(COOKIE, key, httponly=True, samesite="Strict", path="/")
            query = {name: values for name, values in parse_qs(self.request.query).items()
                     if name != KEY_PARAMETER}
            target = self.request.path + ("?" + urlencode(query, doseq=True) if query else "")
            self.set_header("Cache-Control", "no-store")
            self.redirect(target)

    return TrainerOnlyHandler, TrainerKeyHandler


def install(app, environ=None) -> Guard:
    """Put the guard in front of the Tornado application ``app``.

    The key leaves the process's environment here, so kernels started later do not inherit
    it (a learner's code could print its environment).
    """
    environ = os.environ if environ is None else environ
    guard = Guard(role(environ), environ.pop(KEY_ENV, None))
    forbidden, key_handler = _handlers()
    app.settings["verbinding_trainer_key"] = guard.key
    find_handler = app.find_handler

    def guarded_find_handler(request, **kwargs):
        base = app.settings.get("base_url", "/")
        if is_trainer_material(request.path, base):
            if guard.role is None and guard.key_matches(guard.key_in(request)):
                return app.get_handler_delegate(request, key_handler)
            if not guard.allows(request, base):
                return app.get_handler_delegate(request, forbidden)
        return find_handler(request, **kwargs)

    app.find_handler = guarded_find_handler
    return guard


def run_voila() -> None:
    """Standalone Voilà (``python -m voila``'s command line) with the guard installed."""
    from voila.app import Voila

    # Out of the environment before Voilà starts: its preheated kernels copy it early.
    environ = {ROLE_ENV: os.environ.get(ROLE_ENV, ""), KEY_ENV: os.environ.pop(KEY_ENV, "")}

    class GuardedVoila(Voila):
        def listen(self):  # Voila.start made self.app and calls listen to serve it
            from verbinding.kernels import remember_client_addresses

            install(self.app, environ)
            remember_client_addresses(self.app)  # the kernel caps per address
            super().listen()

    GuardedVoila.launch_instance()


if __name__ == "__main__":  # pragma: no cover - verbinding start runs this module
    run_voila()
