"""The frame of every course page: learner code, workbook, save bar, friendly errors.

A notebook starts with::

    from verbinding.ui.page import course_page
    page = course_page("outreach")

and ends with ``page.footer()`` (link to the next module, carrying the learner code).
"""

from __future__ import annotations

import html
import posixpath
import sys
import traceback
from functools import cached_property
from urllib.parse import quote

import ipywidgets as widgets
from IPython.display import display

from verbinding import session
from verbinding.course import DEFAULT_CASE, module, next_module
from verbinding.texts import catalogue_problems, friendly_message, t
from verbinding.ui.markup import error_alert, error_list_alert
from verbinding.ui.savebar import SaveBar
from verbinding.workbook import Workbook


def _warm_up() -> None:
    """Heavy imports and first renders, done before Voilà hands us the request.

    With preheated kernels everything above ``session.learner_code()`` runs before a
    learner opens the page, so this work costs them nothing.
    """
    try:
        from verbinding.cases import load_course_case

        load_course_case(DEFAULT_CASE)
    except Exception:  # a broken case is reported where it is used, not here
        pass


class CaseWorkbook:
    """The workbook as one module page sees it: work that belongs to a case is read and
    written for the case the page was opened with, even when another tab or the index
    chooses another case meanwhile. Everything else is the learner's workbook itself."""

    def __init__(self, workbook: Workbook, case: str):
        self._workbook = workbook
        self._case = case

    def module(self, module_id: str) -> dict:
        return self._workbook.module(module_id, case=self._case)

    def set_module(self, module_id: str, state: dict) -> bool:
        return self._workbook.set_module(module_id, state, case=self._case)

    def save_module(self, module_id: str, state: dict, base: dict | None = None) -> bool:
        return self._workbook.save_module(module_id, state, base=base, case=self._case)

    def started_modules(self) -> list[str]:
        return self._workbook.started_modules(case=self._case)

    @property
    def case(self) -> str | None:
        return self._workbook.case

    @case.setter
    def case(self, value: str | None) -> None:
        self._workbook.case = value

    def __getattr__(self, name: str):
        return getattr(self._workbook, name)


class CoursePage:
    """What a module's view needs: the learner's workbook, the chosen case, links.

    ``app_links``: inside the course app, links to other modules switch the module in place
    (``data-module``) instead of loading another notebook."""

    def __init__(self, module_id: str, workbook: Workbook, new_code: bool, save_bar: bool = True,
                 case_ref: str | None = None, app_links: bool = False):
        self.module = module(module_id)
        self.save_bar = save_bar
        self.learner_workbook = workbook
        self.case_ref = case_ref or workbook.case or DEFAULT_CASE
        self.workbook = CaseWorkbook(workbook, self.case_ref)
        self.new_code = new_code
        self.app_links = app_links
        self.error = widgets.HTML()
        self.case_message = widgets.HTML()

    # ----- links --------------------------------------------------------------
    def href(self, notebook: str) -> str:
        """Relative Voilà link to another course notebook, keeping the learner code."""
        here = posixpath.dirname(self.module.notebook)
        target = posixpath.relpath(notebook, here or ".")
        return f"{quote(target)}?{session.QUERY_KEY}={quote(self.workbook.learner)}"

    def link_attributes(self, notebook: str, anchor: str = "") -> str:
        """The ``href`` (and in the app ``data-module``) of a link to a course notebook."""
        from verbinding.course import module_for_notebook
        from verbinding.notebook_text import app_link

        target = module_for_notebook(notebook) if self.app_links else None
        if target is not None:
            return app_link(self.workbook.learner, target.id, anchor)
        return f'href="{html.escape(self.href(notebook) + (f"#{anchor}" if anchor else ""), quote=True)}"'

    def link_html(self, notebook: str, text: str) -> str:
        return f"<a {self.link_attributes(notebook)}>{html.escape(text)}</a>"

    # ----- the case -------------------------------------------------------------
    @cached_property
    def case(self):
        """The case chosen on the index (the default built-in case otherwise).

        The workbook's reference is a built-in id or ``eigen:<map>``, never a path: an
        uploaded workbook cannot make the kernel read a folder of its choosing.
        """
        from verbinding.cases import CaseError, load_course_case, report_summary
        from verbinding.texts import set_case_level

        wanted = self.case_ref
        try:
            case = load_course_case(wanted)
        except (CaseError, FileNotFoundError, OSError) as error:
            reason = "; ".join(report_summary(error)) if isinstance(error, CaseError) else str(error)
            self.case_message.value = error_alert(t("common.page.case_failed", case=wanted[:80], reason=reason))
            case = load_course_case(DEFAULT_CASE)
        set_case_level(case.level)  # texts say "je provincie" for a provincial case
        return case

    # ----- display --------------------------------------------------------------
    def header(self) -> widgets.Widget:
        parts: list[widgets.Widget] = []
        if self.new_code and self.save_bar:
            parts.append(
                widgets.HTML(
                    '<p class="verbinding-notice" role="status">'
                    + t("common.save.code_new", code=html.escape(self.workbook.learner))
                    + "</p>"
                )
            )
        if self.save_bar:
            parts.append(SaveBar(self.workbook))
        broken = texts_problems_alert()
        if broken is not None:
            parts.append(broken)
        parts += [self.case_message, self.error]
        box = widgets.VBox(parts)
        box.add_class("verbinding-header")
        return box

    def footer(self) -> None:
        following = next_module(self.module.id)
        links = []
        if following is not None:
            links.append(self.link_html(following.notebook, t("common.page.next", title=following.title)))
        links.append(self.link_html("index.ipynb", t("common.page.back_to_index")))
        display(widgets.HTML('<nav class="verbinding-nav">' + " · ".join(links) + "</nav>"))

    def show_error(self, error: BaseException | None = None) -> None:
        self.error.value = error_alert(friendly_message(error))


def texts_problems_alert() -> widgets.HTML | None:
    """A trainer's broken text file, named on every page (never a traceback); None if all is well."""
    problems = catalogue_problems()
    if not problems:
        return None
    return widgets.HTML(error_list_alert(t("common.errors.texts_broken"), problems[:5]))


def install_friendly_errors(error: widgets.HTML | None = None) -> None:
    """No tracebacks for learners: a Dutch message on the page (and in ``error``), details
    in the server log. Installed before anything that reads the catalogue, then again with
    the page's error slot; the message never depends on the catalogue (a trainer may have
    broken it)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None or not session.in_voila():
        return  # in JupyterLab a trainer wants real tracebacks

    def handler(_shell, etype, value, tb, tb_offset=None):
        print("".join(traceback.format_exception(etype, value, tb)), file=sys.__stderr__)
        message = error_alert(friendly_message(value))
        if error is not None:
            error.value = message
        display(widgets.HTML(message))
        return []

    shell.set_custom_exc((Exception,), handler)


def course_page(module_id: str, save_bar: bool = True) -> CoursePage:
    """Open the learner's workbook and show the page header (with the save bar).

    Trainer pages pass ``save_bar=False``: they keep no learner work.
    """
    install_friendly_errors()  # a broken text file must not reach the page as a traceback
    module(module_id)  # fail early on a typo in a notebook
    _warm_up()
    code, is_new = session.learner_code()
    page = CoursePage(module_id, Workbook.open(code), is_new, save_bar=save_bar)
    install_friendly_errors(page.error)
    display(page.header())
    return page
