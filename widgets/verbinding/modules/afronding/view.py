"""Module 7 "Afronding": the learner's path and the bewijs van deelname (thin view)."""

from __future__ import annotations

from datetime import date

import ipywidgets as widgets

from verbinding.dutch import count
from verbinding.modules.afronding import (
    MODULE_ID,
    ClosingWork,
    certificate_docx,
    certificate_filename,
    course_path,
    done_modules,
    dutch_date,
    module_statuses,
    next_steps,
    path_summary,
    reflection_reaction,
    short_todo,
)
from verbinding.progress import best_modules
from verbinding.texts import t
from verbinding.ui.download import DownloadButton
from verbinding.ui.layout import WIDE, labels
from verbinding.ui.learning import AFTER, LearningCheckView
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import list_items, status_line
from verbinding.ui.view import ModuleView

STYLE = labels("10em")


def _todo_list(line) -> str:
    """Under 'begonnen': what the module still asks, short."""
    items = short_todo(line)
    if not items:
        return ""
    label = _e(t("closing.page.todo_label", title=line.title))
    return (f'<ul class="verbinding-todo" aria-label="{label}">'
            + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>")


class ClosingExercise(ModuleView):
    """The closing page (``page`` has .workbook)."""

    module_id = MODULE_ID

    def __init__(self, page, today=date.today):
        self._today = today
        self.work = ClosingWork()
        self.modules = widgets.HTML()
        self.path = widgets.HTML()
        self.steps = widgets.HTML()
        self.reflection = widgets.Textarea(
            description=t("closing.page.reflection"), placeholder=t("closing.page.reflection_placeholder"),
            rows=3, continuous_update=False, layout=WIDE, style=STYLE,
        )
        self.name = widgets.Text(
            description=t("closing.page.name"), placeholder=t("closing.page.name_placeholder"),
            continuous_update=False, layout=WIDE, style=STYLE,
        )
        self.download = DownloadButton(t("closing.page.download"), self._certificate)
        self.certificate_status = widgets.HTML()
        self.status = widgets.HTML()
        super().__init__(page, [
            widgets.HTML(f"<h3>{_e(t('closing.page.modules_title'))}</h3><p>{_e(t('closing.page.modules_intro'))}</p>"),
            self.modules,
            widgets.HTML(f"<h3>{_e(t('closing.page.path_title'))}</h3><p>{_e(t('closing.page.path_intro'))}</p>"),
            self.path,
            widgets.HTML(f"<h3>{_e(t('closing.page.steps_title'))}</h3>"),
            self.steps, self.reflection, self.status,
            LearningCheckView(page.workbook, AFTER),
            widgets.HTML(f"<h3>{_e(t('closing.page.certificate_title'))}</h3><p>{_e(t('closing.page.certificate_intro'))}</p>"),
            self.name, self.download, self.certificate_status,
        ])
        self.add_class("verbinding-closing")
        self.reflection.observe(self._on_reflection, names="value")
        self.name.observe(self._on_name, names="value")
        # the page sums up every module: any save anywhere shows here at once
        self.workbook.observe(lambda _change: self.update(), names="revision")
        self.start()

    # ----- the view cycle ------------------------------------------------------------------
    def read(self, data) -> None:
        self.work = ClosingWork.from_dict(data)
        self.reflection.value, self.name.value = self.work.reflection, self.work.name
        self._react()

    def _react(self) -> None:
        """A short reaction that fits what was written (never more than the text holds)."""
        reaction = reflection_reaction(self.work.reflection)
        self.status.value = status_line(reaction) if reaction else ""

    def _save(self) -> None:
        self.save(self.work.to_dict())

    def _on_reflection(self, change) -> None:
        if self.loading:
            return
        self.work.set_reflection(change["new"])
        self._save()
        self._react()

    def _on_name(self, change) -> None:
        if self.loading:
            return
        self.work.set_name(change["new"])
        self._save()
        self._refresh_certificate()

    # ----- views ---------------------------------------------------------------------------
    def _lines(self):
        return module_statuses(self.workbook.document)

    def update(self) -> None:
        document = self.workbook.document
        lines = module_statuses(document)
        rows = "".join(
            f"<tr><td>{_e(line.full_title)}</td><td>{_e(line.status_label)}{_todo_list(line)}</td>"
            f"<td>{_e(line.quiz_label)}</td></tr>"
            for line in lines
        )
        self.modules.value = (
            f'<table class="verbinding-table"><thead><tr><th scope="col">{_e(t("closing.page.col_module"))}</th>'
            f'<th scope="col">{_e(t("closing.page.col_status"))}</th><th scope="col">{_e(t("closing.page.col_quiz"))}</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
        path = course_path(best_modules(document))  # the furthest work, in whichever case
        items = []
        for item in path:
            found = list_items(item.found or [t("closing.page.found_none")])
            # the learner's own data and the conversations, each under its own label (never 'in de casus')
            for label, texts in (("own_found", item.own_found), ("conversations", item.conversations)):
                if texts:
                    found += f"<p><em>{_e(t(f'closing.page.{label}'))}</em></p>{list_items(texts)}"
            own = _e(item.answer) if item.answer else _e(t("closing.page.own_none"))
            score = f"<br>{_e(t('closing.page.score', score=item.score))}" if item.score else ""
            items.append(
                f"<li><p><strong>{_e(item.pillar)}: {_e(item.question)}</strong></p>"
                f"<p><em>{_e(t('closing.page.found'))}</em></p>{found}"
                f'<p><em>{_e(t("closing.page.own"))}</em>: <span style="white-space: pre-wrap">{own}</span>{score}</p></li>'
            )
        self.path.value = status_line(path_summary(path, lines)) + f'<ol>{"".join(items)}</ol>'
        steps = next_steps(path)
        self.steps.value = list_items(steps) if steps else f"<p>{_e(t('closing.page.steps_none'))}</p>"
        self._refresh_certificate(lines)

    def _refresh_certificate(self, lines=None) -> None:
        lines = lines if lines is not None else self._lines()
        self.download.disabled = not self.work.name
        if not self.work.name:
            self.certificate_status.value = status_line(t("closing.page.need_name"))
            return
        done = done_modules(lines)
        ready = t("closing.page.ready", modules=count(len(done), "module", "modules"), date=dutch_date(self._today()))
        self.certificate_status.value = status_line(ready)

    def _certificate(self) -> tuple[str, bytes]:
        from verbinding.course import course_modules

        minutes = {m.id: m.minutes for m in course_modules()}
        data = certificate_docx(self.work.name, self._lines(), self._today(), minutes)
        return certificate_filename(self.work.name), data
