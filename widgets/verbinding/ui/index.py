"""The course index: choose a case, see the modules with links and progress."""

from __future__ import annotations

import html
import math
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from ..course import MODULES, TRAINER_PAGES, total_minutes
from ..texts import t


def _case_options() -> list[tuple[str, str]]:
    from ..cases import builtin_cases

    return [(title, case_id) for case_id, title in builtin_cases()]


class CourseIndex(widgets.VBox):
    """Case picker plus the course map; links carry the learner code."""

    def __init__(self, page, course_dir: Path | None = None):
        self.page = page
        self.workbook = page.workbook
        self.course_dir = course_dir or Path.cwd()
        options = _case_options()
        current = self.workbook.case if self.workbook.case in {v for _, v in options} else options[0][1]
        self.case = widgets.Dropdown(
            options=options, value=current, description=t("intro.index.case_label"),
            style={"description_width": "6em"}, layout=widgets.Layout(width="36em"),
        )
        self.case_note = widgets.HTML()
        self.map = widgets.HTML()
        self.trainer = widgets.HTML()
        super().__init__([
            widgets.HTML(f"<p>{html.escape(t('intro.index.case_help'))}</p>"),
            self.case, self.case_note, self.map, self.trainer,
        ])
        self.case.observe(self._on_case, names="value")
        self.workbook.observe(lambda _c: self._render(), names="revision")
        if self.workbook.case is None:
            self.workbook.case = current
        self._render()

    def _on_case(self, change) -> None:
        self.workbook.case = change["new"]

    def _exists(self, notebook: str) -> bool:
        return (self.course_dir / notebook).exists()

    def _render(self) -> None:
        title = dict((v, k) for k, v in self.case.options).get(self.workbook.case, "")
        self.case_note.value = f"<p>{html.escape(t('intro.index.case_chosen', title=title))}</p>"
        started = set(self.workbook.started_modules())
        rows = []
        for item in MODULES:
            if self._exists(item.notebook):
                name = self.page.link_html(item.notebook, item.title)
                status = t("intro.index.status_started") if item.id in started else t("intro.index.status_open")
            else:
                name = html.escape(item.title)
                status = t("intro.index.status_soon")
            rows.append(
                f"<tr><td>{name}</td><td>{html.escape(t('intro.index.minutes', minutes=item.minutes))}</td>"
                f"<td>{html.escape(status)}</td></tr>"
            )
        hours = str(math.ceil(total_minutes() / 30) / 2).replace(".0", "").replace(".", ",")
        self.map.value = (
            f"<h3>{html.escape(t('intro.index.map_title'))}</h3>"
            f'<table class="verbinding-table"><thead><tr><th scope="col">{html.escape(t("intro.index.col_module"))}</th>'
            f'<th scope="col">{html.escape(t("intro.index.col_minutes"))}</th>'
            f'<th scope="col">{html.escape(t("intro.index.col_status"))}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<p>{html.escape(t('intro.index.total', hours=hours))}</p>"
        )
        links = [
            f"<li>{self.page.link_html(p.notebook, p.title)}</li>"
            for p in TRAINER_PAGES
            if self._exists(p.notebook)
        ]
        self.trainer.value = (
            f"<h3>{html.escape(t('intro.index.trainer_title'))}</h3><ul>{''.join(links)}</ul>" if links else ""
        )

    def show(self) -> "CourseIndex":
        display(self)
        return self
