"""The course as one Voilà app: navigation, the learner's work, the chosen module in place.

``course/index.ipynb`` is one line: ``course_app()``. One page load is one kernel for the
whole course: a module's widgets are built on its first visit and kept, so switching
modules loads no page and starts no kernel. Work that belongs to a case is rebuilt when
the learner chooses another case (its work stays stored per case). The address always
carries the learner code and the module (:mod:`verbinding.ui.router`).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import quote

import ipywidgets as widgets
from IPython.display import display

from verbinding import classroom, session
from verbinding.course import GLOSSARY, INDEX, MODULES, STATEMENT, Module, course_modules, module_for_notebook
from verbinding.notebook_text import ModuleText, app_link, module_text, render
from verbinding.texts import t
from verbinding.ui.fields import attach_limit_notes
from verbinding.ui.keeper import UNKEPT_CLASS, Keeper
from verbinding.ui.markup import error_alert, escape
from verbinding.ui.page import CoursePage, texts_problems_alert
from verbinding.ui.pagetitle import course_title
from verbinding.ui.router import Router
from verbinding.ui.savebar import SaveBar
from verbinding.ui.todo import ModuleTodo
from verbinding.workbook import Workbook

# The course's own modules; course_path() and app_modules() add a trainer's exercises
# (oefeningen/<id>/, verbinding.exercises) in their places.
COURSE_PATH: tuple[Module, ...] = (INDEX, *MODULES)  # in order, each with "next module"
APP_MODULES: tuple[Module, ...] = (*COURSE_PATH, GLOSSARY, STATEMENT)


def course_path() -> tuple[Module, ...]:
    return (INDEX, *course_modules())


def app_modules() -> tuple[Module, ...]:
    return (*course_path(), GLOSSARY, STATEMENT)


def _module_by_id(module_id: str | None) -> Module | None:
    return next((m for m in app_modules() if m.id == module_id), None)


def _log_exception(what: str) -> None:
    print(f"verbinding: {what}\n{traceback.format_exc()}", file=sys.__stderr__)


class CodeForm(widgets.VBox):
    """'Heb je al een code?': open the workbook of a code the learner types."""

    def __init__(self, app: CourseApp):
        self.app = app
        self.code = widgets.Text(description=t("common.save.code_field"), placeholder=t("common.save.code_placeholder"),
                                 style={"description_width": "initial"})
        self.code.add_class(UNKEPT_CLASS)  # a code to open, not work to keep
        self.open_button = widgets.Button(description=t("common.save.code_open"))
        self.message = widgets.HTML()
        self.open_button.on_click(self._open)
        super().__init__([
            widgets.HTML(f"<h2>{escape(t('common.save.code_form_title'))}</h2>"
                         f"<p>{escape(t('common.save.code_form_help'))}</p>"),
            widgets.HBox([self.code, self.open_button], layout=widgets.Layout(flex_flow="row wrap")),
            self.message,
        ])
        self.add_class("verbinding-code-form")

    def _open(self, _source) -> None:
        error = self.app.open_code(self.code.value)
        self.message.value = f'<p class="verbinding-error" role="alert">{error}</p>' if error else ""


class CourseApp(widgets.VBox):
    """Navigation, save bar and the module the router names, each view built once."""

    def __init__(self, workbook: Workbook, choice: session.CodeChoice, start: str | None,
                 course_dir: Path | None = None):
        self.workbook = workbook
        self.choice = choice
        self.course_dir = course_dir or Path.cwd()
        self._views: dict[str, tuple[str | None, widgets.Widget]] = {}  # id -> (case, box)
        self._exercises: dict[str, widgets.Widget] = {}  # id -> the module's view
        self._seen_others: dict[str, str] = {}  # id -> the other modules' work when last shown
        self._todos: dict[str, ModuleTodo] = {}  # id -> the module's 'Nog te doen' box
        self._case = workbook.case
        first = _module_by_id(start) or INDEX
        self.router = Router(code=workbook.learner, module=first.id)
        self.nav = widgets.HTML()
        self.nav.add_class("verbinding-course-nav")
        self.main = widgets.Box(layout=widgets.Layout(display="block"))
        self.main.add_class("verbinding-main")
        brand = widgets.HTML(f'<p class="verbinding-brand">{escape(t("common.app.brand"))}</p>')
        self.keeper = Keeper(workbook, self._box_for_keeper)
        header = [brand, self._code_notice(), SaveBar(workbook), self.keeper, texts_problems_alert()]
        header_box = widgets.VBox([h for h in header if h is not None])
        header_box.add_class("verbinding-header")
        super().__init__([self.router, header_box, self.nav, self.main])
        self.add_class("verbinding-app")
        self.router.observe(self._on_module, names="module")
        workbook.observe(self._on_workbook, names="revision")
        self.last_switch_seconds = 0.0
        self.show_module(first.id)

    # ----- header -----------------------------------------------------------------------
    def _code_notice(self) -> widgets.HTML | None:
        code = escape(self.workbook.learner)
        if self.choice.refused:
            text = t("common.save.code_refused", refused=escape(self.choice.refused), code=code)
        elif self.choice.new:
            text = t("common.save.code_new_app", code=code)
        else:
            return None
        return widgets.HTML(f'<p class="verbinding-notice" role="status">{text}</p>')

    # ----- navigation -------------------------------------------------------------------
    def status_of(self, item: Module) -> str:
        from verbinding.progress import module_status

        return module_status(self.workbook, item.id)

    def _render_nav(self, current: str) -> None:
        items = []
        for item in app_modules():
            label = escape(item.title)
            attributes = app_link(self.workbook.learner, item.id)
            if item.id == current:
                attributes += ' aria-current="page"'
            extra = ""
            if item.id not in (INDEX.id, GLOSSARY.id, STATEMENT.id):
                extra = (f'<span class="verbinding-nav-meta">{escape(t("intro.index.minutes", minutes=item.minutes))}'
                         f" · {escape(self.status_of(item))}</span>")
            items.append(f"<li><a {attributes}>{label}</a> {extra}</li>")
        self.nav.value = (f'<nav aria-label="{escape(t("common.app.nav_label"))}"><ul>{"".join(items)}</ul></nav>')

    def _on_module(self, change) -> None:
        self.show_module(change["new"])

    def show_module(self, module_id: str) -> None:
        """Show a module in place: built on its first visit (for the current case), then kept."""
        started = time.perf_counter()
        item = _module_by_id(module_id)
        if item is None:  # a typo in the address or an old bookmark
            item = INDEX
            self.router.module = INDEX.id
            return
        self.workbook.refresh()  # what another tab saved meanwhile
        box = self._view_box(item)
        self._refresh_if_others_changed(item.id)
        self._refresh_todo(item.id)
        self.main.children = (box,)
        self._render_nav(item.id)
        self.router.title = course_title(item.title)
        self.router.shown += 1
        self.last_switch_seconds = time.perf_counter() - started

    def _view_box(self, item: Module) -> widgets.Widget:
        case = self.workbook.case if item.per_case else None
        kept = self._views.get(item.id)
        if kept is not None and kept[0] == case:
            return kept[1]
        if kept is not None:
            kept[1].close()
        box = self._build(item)
        self._views[item.id] = (case, box)
        self.keeper.tag(item.id, box)
        return box

    def _box_for_keeper(self, module_id: str, build: bool) -> widgets.Widget | None:
        """A module's box for the keeper (built when ``build``; a module of another case is
        not built over the current one)."""
        item = _module_by_id(module_id)
        if item is None:
            return None
        if build:
            return self._view_box(item)
        kept = self._views.get(module_id)
        return kept[1] if kept is not None else None

    def _others_fingerprint(self, module_id: str) -> str:
        modules = self.workbook.document["modules"]
        return json.dumps({k: v for k, v in modules.items() if k != module_id}, sort_keys=True)

    def _refresh_if_others_changed(self, module_id: str) -> None:
        """A kept view re-reads the workbook when other modules changed since it was last
        shown: what the learner did in Outreach shows in Connection at once."""
        fingerprint = self._others_fingerprint(module_id)
        previous = self._seen_others.get(module_id)
        self._seen_others[module_id] = fingerprint
        view = self._exercises.get(module_id)
        if previous is not None and previous != fingerprint and hasattr(view, "refresh"):
            try:
                view.refresh()
            except Exception:
                _log_exception(f"refreshing module {module_id} failed")

    def _link_for(self, notebook: str, anchor: str) -> str | None:
        target = module_for_notebook(notebook)
        if target is not None:
            return app_link(self.workbook.learner, target.id, anchor)
        if (self.course_dir / notebook).is_file():  # a trainer page: its own Voilà page
            return f'href="{html.escape(quote(notebook), quote=True)}?werkboek={quote(self.workbook.learner)}"'
        return None

    def _text(self, item: Module) -> ModuleText:
        """The texts around a module's exercise: its notebook's, or for a trainer's own
        exercise its title and the ``inleiding`` of its module.yaml."""
        if not item.is_trainers:
            return module_text(self.course_dir / item.notebook, self._link_for)
        from verbinding.exercises import exercise_of

        exercise = exercise_of(item)
        intro = render(exercise.intro, self._link_for) if exercise is not None and exercise.intro else ""
        return ModuleText(f"<h1>{escape(item.title)}</h1>{intro}", "")

    def _build(self, item: Module) -> widgets.Widget:
        text = self._text(item)
        page = CoursePage(item.id, self.workbook, self.choice.new, app_links=True)
        parts: list[widgets.Widget] = [widgets.HTML(text.before), page.case_message, page.error]
        try:
            if item.view:  # a page of text only (the accessibility statement) has no exercise
                view = item.view_class()(page)
                attach_limit_notes(view)
                self._exercises[item.id] = view
                parts.append(view)
        except Exception:  # a learner sees a Dutch message, the log the details
            _log_exception(f"building module {item.id} failed")
            parts.append(widgets.HTML(error_alert(t("common.errors.module_failed"))))
        if item is INDEX:
            parts.append(CodeForm(self))
        parts.append(widgets.HTML(text.after))
        if item in MODULES:  # above the next-module link: what is missing for "afgerond"
            self._todos[item.id] = ModuleTodo(self.workbook, item.id)
            parts.append(self._todos[item.id])
        parts.append(widgets.HTML(self._footer(item)))
        box = widgets.VBox(parts)
        box.add_class("verbinding-module")
        return box

    def _footer(self, item: Module) -> str:
        path = course_path()
        ids = [m.id for m in path]
        position = ids.index(item.id) if item.id in ids else len(ids)
        links = []
        if position + 1 < len(path):
            following = path[position + 1]
            links.append(f'<a {app_link(self.workbook.learner, following.id)}>'
                         f'{escape(t("common.page.next", title=following.title))}</a>')
        if item is not INDEX:
            links.append(f'<a {app_link(self.workbook.learner, INDEX.id)}>{escape(t("common.page.back_to_index"))}</a>')
        return '<nav class="verbinding-nav">' + " · ".join(links) + "</nav>"

    # ----- the workbook changed -----------------------------------------------------------
    def _on_workbook(self, _change) -> None:
        if self.workbook.case != self._case:  # another case: its own work, its own views
            self._case = self.workbook.case
            for module_id, (case, box) in list(self._views.items()):
                if case is not None and module_id != self.router.module:
                    box.close()
                    del self._views[module_id]
                    self._todos.pop(module_id, None)
        self._render_nav(self.router.module)
        self._refresh_todo(self.router.module)

    def _refresh_todo(self, module_id: str) -> None:
        todo = self._todos.get(module_id)
        if todo is None:
            return
        try:
            todo.refresh()
        except Exception:  # the box never breaks a module
            _log_exception(f"listing what is left in module {module_id} failed")

    # ----- another code ---------------------------------------------------------------------
    def open_code(self, raw: str) -> str | None:
        """Open the workbook of a code the learner typed (a new page); a Dutch error if unusable."""
        code = session.normalise_code(raw)
        if code is None:
            return t("common.save.code_invalid", code=escape(raw.strip()[:60]))
        self.router.go(f"?werkboek={quote(code)}&module={quote(self.router.module)}")
        return None


def _warm_up_first_screen() -> None:
    """What the start screen needs: its view and the default case."""
    from verbinding.cases import load_course_case
    from verbinding.course import DEFAULT_CASE
    from verbinding.ui import index  # noqa: F401

    try:
        load_course_case(DEFAULT_CASE)
    except Exception:  # a broken case is reported where it is used
        pass


def warm_up_modules() -> None:
    """Import every module's view, so a first visit is quick."""
    for item in course_modules():
        try:
            item.view_class()
        except Exception:  # reported when the module is opened
            pass


def warm_up_for_a_page() -> None:
    """What a spare kernel of a Jupyter server runs before a page needs it
    (:mod:`verbinding.kernels`)."""
    _warm_up_first_screen()
    warm_up_modules()


WARM_UP_DELAY_SECONDS = 15.0
WARM_UP_GIVE_UP_WAITING_SECONDS = 180.0  # then warm up anyway: a learner's first visit is next


def machine_is_busy() -> bool:
    """More runnable processes than processors (load over the last minute): a class is
    starting at once, and the background warm-up would only slow their starts down."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every system (Windows)
        return False
    return load > (os.cpu_count() or 1)


def warm_up_when_quiet(delay: float = WARM_UP_DELAY_SECONDS, busy=machine_is_busy,
                       give_up_after: float = WARM_UP_GIVE_UP_WAITING_SECONDS) -> threading.Timer:
    """Warm the modules up in the background after ``delay`` seconds, and again ``delay``
    later while the machine is busy (at most ``give_up_after`` seconds in all)."""
    waited = 0.0

    def attempt() -> None:
        nonlocal waited
        waited += delay
        if busy() and waited < give_up_after:
            _start_timer(delay, attempt)
            return
        warm_up_modules()

    return _start_timer(delay, attempt)


def _start_timer(delay: float, function) -> threading.Timer:
    timer = threading.Timer(delay, function)
    timer.daemon = True
    timer.start()
    return timer


def _preheated() -> bool:
    return os.environ.get("VOILA_PREHEAT") == "True"


def course_app(course_dir: Path | None = None) -> CourseApp:
    """The notebook ``course/index.ipynb``: open the learner's workbook and show the app.

    A preheated kernel (standalone Voilà) does all imports before the learner asks for the
    page. Without preheating (Voilà inside a Jupyter server: Binder, JupyterHub) the start
    screen comes first and the modules are imported in the background meanwhile."""
    from verbinding.ui.page import install_friendly_errors

    install_friendly_errors()  # first: a trainer's broken text file must not show a traceback
    _warm_up_first_screen()
    if _preheated():
        warm_up_modules()
        classroom.mark_waiting()  # verbinding start --deelnemers counts the waiting kernels
    query = session.query_string() if session.in_voila() else None  # waits for the request
    if _preheated():
        classroom.mark_taken()
    with classroom.first_screen_turn() if _preheated() else contextlib.nullcontext():
        choice = session.choose_code(query)
        start = session.module_from_query(query or "")
        app = CourseApp(Workbook.open(choice.code), choice, start, course_dir)
        display(app)
    if not _preheated():
        # Later, not at once: started while Voilà still collects the cell's output, the
        # imports held the kernel up so long that Voilà gave up waiting for the app's display
        # ("Timeout waiting for IOPub output"; 19 of 20 learners opening at once got no app).
        # And not while a class is starting on the same machine.
        warm_up_when_quiet()
    return app
