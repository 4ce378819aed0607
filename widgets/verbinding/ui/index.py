"""The course index: choose a case, see the modules with links and progress."""

from __future__ import annotations

import html
from pathlib import Path
from typing import NamedTuple

import ipywidgets as widgets
from IPython.display import display

from verbinding.cases import OWN_PREFIX, CaseError, builtin_cases, load_course_case, own_cases, report_summary
from verbinding.course import ROUTES, TRAINER_PAGES, course_modules, duration_text, total_minutes
from verbinding.course import module as course_module
from verbinding.notebook_text import app_link
from verbinding.progress import module_status
from verbinding.texts import t
from verbinding.ui.markup import error_list_alert
from verbinding.ui.page import DEFAULT_CASE


def _case_options() -> list[tuple[str, str]]:
    """Dropdown options ``(label, reference)``: built-in cases first, then own cases, labelled."""
    options = [(title, case_id) for case_id, title in builtin_cases()]
    own = own_cases()
    titles = [title for _, title in own]
    for reference, title in own:
        key = "intro.index.own_label_folder" if titles.count(title) > 1 else "intro.index.own_label"
        options.append((t(key, title=title, folder=reference[len(OWN_PREFIX):]), reference))
    return options


class CaseCheck(NamedTuple):
    """Whether the pages can use a case: ``usable``; ``problems`` (Dutch, short) when not;
    ``warnings``: problems in a usable case (rows set aside, unknown values)."""

    usable: bool
    problems: list[str]
    warnings: int = 0


def _check_case(reference: str) -> CaseCheck:
    """Built-in cases are checked by the test suite, so only own cases are loaded here."""
    if not reference.startswith(OWN_PREFIX):
        return CaseCheck(True, [])
    try:
        case = load_course_case(reference)
    except CaseError as error:
        return CaseCheck(False, report_summary(error))
    except OSError as error:
        return CaseCheck(False, [str(error)])
    return CaseCheck(True, [], len(case.report.problems))


def _paragraph(text: str, kind: str = "", role: str = "") -> str:
    attributes = (f' class="{kind}"' if kind else "") + (f' role="{role}"' if role else "")
    return f"<p{attributes}>{html.escape(text)}</p>"


def routes_html() -> str:
    """The course's routes (2 hours, half a day, the whole course), split into sessions."""
    parts = [f"<h3>{html.escape(t('intro.routes.title'))}</h3><p>{html.escape(t('intro.routes.intro'))}</p>"]
    for route in ROUTES:
        days = route.days
        items = []
        for number, (day, minutes) in enumerate(zip(days, route.day_minutes(), strict=True), start=1):
            names = ", ".join(short_title(module_id) for module_id in day)
            if len(days) == 1:
                items.append(f"<li>{html.escape(names)}</li>")
            else:
                items.append(f"<li>{html.escape(t('intro.routes.day', number=number, minutes=minutes, modules=names))}</li>")
        total = duration_text(route.minutes)
        parts.append(
            f'<h4>{html.escape(route.title)} ({html.escape(total)})</h4><ul class="verbinding-route">{"".join(items)}</ul>'
        )
    return "".join(parts)


def short_title(module_id: str) -> str:
    """'1. Drempels' for '1. Drempels: waarom brede betrokkenheid niet vanzelf gaat'."""
    return course_module(module_id).title.split(":")[0].strip()


class CourseIndex(widgets.VBox):
    """Case picker plus the course map; links carry the learner code.

    The picker offers the built-in cases and the trainer's own cases (``eigen:<map>``).
    An own case that cannot be used is refused with a short Dutch report and the previous
    choice stays; a workbook naming a case that no longer exists gets a note, and the
    pages use the default case until the learner chooses.
    """

    def __init__(self, page, course_dir: Path | None = None):
        self.page = page
        self.workbook = page.workbook
        self.course_dir = course_dir or Path.cwd()
        options = _case_options()
        self._references = [reference for _, reference in options]
        self._labels = {reference: label for label, reference in options}
        self._default = DEFAULT_CASE if DEFAULT_CASE in self._references else self._references[0]
        self._checked: dict[str, CaseCheck] = {}
        self._rejected: tuple[str, list[str]] | None = None  # (reference, report lines)
        self._syncing = False
        if self.workbook.case is None:
            self.workbook.case = self._default
        self.case = widgets.Dropdown(
            options=options, value=self._wanted_value(), description=t("intro.index.case_label"),
            style={"description_width": "6em"}, layout=widgets.Layout(width="100%", max_width="48em"),
        )
        self.case_note = widgets.HTML()
        self.map = widgets.HTML()
        self.trainer = widgets.HTML()
        help_text = t("intro.index.case_help")
        if any(reference.startswith(OWN_PREFIX) for reference in self._references):
            help_text += " " + t("intro.index.own_help")
        super().__init__([
            widgets.HTML(f"<p>{html.escape(help_text)}</p>"),
            self.case, self.case_note, self.map, self.trainer,
        ])
        self.case.observe(self._on_case, names="value")
        self.workbook.observe(self._on_workbook, names="revision")
        self._render()

    # ----- the case ---------------------------------------------------------------
    def _wanted_value(self) -> str | None:
        """The workbook's case when it can be offered, else no selection."""
        return self.workbook.case if self.workbook.case in self._references else None

    def _set_value(self, value: str | None) -> None:
        self._syncing = True
        try:
            self.case.value = value
        finally:
            self._syncing = False

    def _check(self, reference: str) -> CaseCheck:
        if reference not in self._checked:
            self._checked[reference] = _check_case(reference)
        return self._checked[reference]

    def _on_case(self, change) -> None:
        new = change["new"]
        if self._syncing or new is None:
            return
        check = self._check(new)
        if not check.usable:
            self._rejected = (new, check.problems)
            self._set_value(self._wanted_value())
        else:
            self._rejected = None
            self.workbook.case = new
        self._render()

    def _on_workbook(self, _change) -> None:
        wanted = self._wanted_value()
        if self.case.value != wanted:  # the work was restored from a file
            self._rejected = None
            self._set_value(wanted)
        self._render()

    def _case_note(self) -> str:
        parts = []
        if self._rejected is not None:
            reference, lines = self._rejected
            parts.append(error_list_alert(t("intro.index.own_broken", title=self._labels[reference], check=reference), lines))
        current = self.workbook.case or ""
        default_title = self._labels[self._default]
        if current not in self._labels:
            parts.append(_paragraph(
                t("intro.index.case_missing", case=current[:80], default=default_title), "verbinding-notice", "status",
            ))
            return "".join(parts)
        title = self._labels[current]
        check = self._check(current)
        if not check.usable:
            parts.append(error_list_alert(
                t("intro.index.own_current_broken", title=title, default=default_title, check=current), check.problems,
            ))
            return "".join(parts)
        parts.append(_paragraph(t("intro.index.case_chosen", title=title)))
        if check.warnings:
            parts.append(_paragraph(
                t("intro.index.own_warnings", count=check.warnings, check=current), "verbinding-notice", "status",
            ))
        return "".join(parts)

    def _exists(self, notebook: str) -> bool:
        return (self.course_dir / notebook).exists()

    def _render(self) -> None:
        self.case_note.value = self._case_note()
        rows = []
        for item in course_modules():
            if item.is_trainers:  # a trainer's own exercise: in the app, or its title alone
                name = (f'<a {app_link(self.workbook.learner, item.id)}>{html.escape(item.title)}</a>'
                        if getattr(self.page, "app_links", False) else html.escape(item.title))
                status = module_status(self.workbook, item.id)
            elif self._exists(item.notebook):
                name = self.page.link_html(item.notebook, item.title)
                status = module_status(self.workbook, item.id)
            else:
                name = html.escape(item.title)
                status = t("intro.index.status_soon")
            rows.append(
                f"<tr><td>{name}</td><td>{html.escape(t('intro.index.minutes', minutes=item.minutes))}</td>"
                f"<td>{html.escape(status)}</td></tr>"
            )
        self.map.value = (
            f"<h3>{html.escape(t('intro.index.map_title'))}</h3>"
            f'<table class="verbinding-table"><thead><tr><th scope="col">{html.escape(t("intro.index.col_module"))}</th>'
            f'<th scope="col">{html.escape(t("intro.index.col_minutes"))}</th>'
            f'<th scope="col">{html.escape(t("intro.index.col_status"))}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<p>{html.escape(t('intro.index.total', duration=duration_text(total_minutes())))}</p>"
            + routes_html()
        )
        from verbinding.session import in_voila
        from verbinding.trainer_access import shows_trainer_links

        links = [
            f"<li>{self.page.link_html(p.notebook, p.title)}</li>"
            for p in TRAINER_PAGES
            if self._exists(p.notebook)
        ] if shows_trainer_links(served_by_voila=in_voila()) else []
        self.trainer.value = (
            f"<h3>{html.escape(t('intro.index.trainer_title'))}</h3><ul>{''.join(links)}</ul>" if links else ""
        )

    def show(self) -> CourseIndex:
        display(self)
        return self
