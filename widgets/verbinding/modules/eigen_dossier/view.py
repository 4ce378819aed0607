"""Widgets of module 5 "Eigen dossier", thin over :class:`verbinding.modules.eigen_dossier.DossierScan`.

The learner names the dossier, answers the six OCA questions (answer, evidence, score,
next step and when; every control labelled with its question number), sees per question
what their earlier modules hold and what is still missing, sees the scores as an offline
chart with a text summary, and downloads the one-page OCA scan as Word or Markdown.
"""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.eigen_dossier import (
    DossierScan,
    DossierTextsError,
    hint_module_ids,
    load_texts,
    module_hints,
    scan_docx,
    scan_filename,
    scan_markdown,
    scores_chart,
)
from verbinding.modules.eigen_dossier.workbench import Workbench
from verbinding.modules.eigen_dossier.workbench_view import WorkbenchView
from verbinding.texts import t
from verbinding.ui.charts import ChartView
from verbinding.ui.download import DownloadButton
from verbinding.ui.layout import WIDE, labels
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import list_items, status_line, texts_or_alert
from verbinding.ui.view import ModuleView

MODULE_ID = "eigen_dossier"
STYLE = labels("14em")  # "Volgende stap vraag 1" in one line


def warm_up() -> None:
    """Build the chart once (texts, frame, spec) before a learner opens the page."""
    from verbinding.ui.charts import vega_lite

    try:
        scan = DossierScan()
        vega_lite(scores_chart(scan.scores_frame(), scan.texts.scale_max))
    except DossierTextsError:
        pass  # shown on the page itself


class _QuestionBox(widgets.VBox):
    """One OCA question with its five labelled inputs and its feedback."""

    def __init__(self, number: int, question, pillar_name: str, scale):
        self.question_id = question.id
        self.heading = widgets.HTML(
            f"<h4>{_e(t('dossier.page.question_heading', number=number, short=question.short))}</h4>"
            f"<p><strong>{_e(pillar_name)}</strong>: {_e(question.question)}</p>"
            f"<p><em>{_e(question.help)}</em></p>"
        )
        self.hints = widgets.HTML()
        self.answer = widgets.Textarea(
            description=t("dossier.page.answer_for", number=number),
            placeholder=t("dossier.page.answer_help"),
            rows=3, continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.evidence = widgets.Textarea(
            description=t("dossier.page.evidence_for", number=number),
            placeholder=question.evidence,
            rows=2, continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.score = widgets.Dropdown(
            options=[(t("dossier.page.score_empty"), 0)]
            + [(f"{i} - {label}", i) for i, label in enumerate(scale, start=1)],
            value=0, description=t("dossier.page.score_for", number=number),
            style=STYLE, layout=WIDE,
        )
        self.next_step = widgets.Text(
            description=t("dossier.page.next_step_for", number=number),
            placeholder=t("dossier.page.next_step_help"),
            continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.when = widgets.Text(
            description=t("dossier.page.when_for", number=number),
            placeholder=t("dossier.page.when_help"),
            continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.feedback = widgets.HTML()
        super().__init__(
            [self.heading, self.hints, self.answer, self.evidence, self.score,
             self.next_step, self.when, self.feedback],
            layout=widgets.Layout(margin="0 0 14px 0", border_bottom="1px solid #e0e4ea"),
        )
        self.add_class("verbinding-oca-question")

    @property
    def texts(self) -> dict[str, widgets.Widget]:
        return {"answer": self.answer, "evidence": self.evidence,
                "next_step": self.next_step, "when": self.when}

    def show_hints(self, hints: list[str]) -> None:
        if not hints:
            self.hints.value = ""
            return
        self.hints.value = (
            f'<div class="verbinding-notice"><p>{_e(t("dossier.page.from_modules"))}</p>'
            f"{list_items(hints)}</div>"
        )

    def show_checks(self, checks) -> None:
        if not checks:  # a question not started yet asks for nothing here
            self.feedback.value = ""
            return
        ok = all(c.ok for c in checks)
        css = "verbinding-ok" if ok else "verbinding-feedback"
        items = list_items(c.text for c in checks)
        self.feedback.value = f'<div class="{css}" role="status" aria-live="polite">{items}</div>'


class DossierExercise(ModuleView):
    """Module 5: the OCA scan of the learner's own dossier."""

    module_id = MODULE_ID

    def __init__(self, page):
        self.message = widgets.HTML()
        self.texts = texts_or_alert(load_texts, DossierTextsError, t("dossier.page.texts_error"), self.message)
        if self.texts is None:
            super().__init__(page, [self.message])
            return
        self.scan = DossierScan(self.texts)
        self.title = widgets.Text(
            description=t("dossier.page.dossier_title"),
            placeholder=t("dossier.page.dossier_title_help"),
            continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.description = widgets.Textarea(
            description=t("dossier.page.dossier_description"),
            placeholder=t("dossier.page.dossier_description_help"),
            rows=3, continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.intro_note = widgets.HTML()
        self.workbench = WorkbenchView(None, self._on_workbench)
        self.boxes = [
            _QuestionBox(n, q, self.texts.pillar(q.pillar).name, self.texts.scale)
            for n, q in enumerate(self.texts.questions, start=1)
        ]
        sections: list[widgets.Widget] = []
        for pillar in self.texts.pillars:
            boxes = [b for b, q in zip(self.boxes, self.texts.questions) if q.pillar == pillar.id]
            if boxes:
                sections.append(widgets.HTML(f"<h3>{_e(pillar.name)}</h3><p>{_e(pillar.summary)}</p>"))
                sections.extend(boxes)
        self.chart = ChartView()
        self.status = widgets.HTML()
        self.download_docx = DownloadButton(t("dossier.page.download_docx"), self._docx_file,
                                            hint=t("dossier.page.download_docx_help"))
        self.download_md = DownloadButton(t("dossier.page.download_md"), self._markdown_file,
                                          hint=t("dossier.page.download_md_help"))
        downloads = widgets.VBox([
            widgets.HTML(f"<h3>{_e(t('dossier.page.download_title'))}</h3>"),
            widgets.HBox([self.download_docx, self.download_md],
                         layout=widgets.Layout(flex_flow="row wrap", grid_gap="6px")),
        ])
        super().__init__(page, [
            self.message,
            widgets.HTML(f"<h3>{_e(t('dossier.page.intro_heading'))}</h3>"),
            self.intro_note, self.title, self.description,
            self.workbench,
            *sections,
            widgets.HTML(f"<h3>{_e(t('dossier.page.overview_heading'))}</h3>"),
            self.chart, self.status, downloads,
        ])
        self.add_class("verbinding-dossier")
        self.title.observe(self._on_title, names="value")
        self.description.observe(self._on_description, names="value")
        for box in self.boxes:
            for field, control in box.texts.items():
                control.observe(self._text_handler(box, field), names="value")
            box.score.observe(self._score_handler(box), names="value")
        from verbinding.ui.quiz import append_module_end  # issue 17: the module's kennischeck

        append_module_end(self, page, MODULE_ID)
        self.start()

    # ----- the view cycle ----------------------------------------------------------------
    def load(self) -> None:
        if self.texts is not None:  # a broken texts file leaves only its message to show
            super().load()

    def read(self, data) -> None:
        self.scan = DossierScan.from_dict(data, self.texts)
        self.intro_note.value = ""
        if self.scan.adopt_intro(self.workbook.module("kennismaken")):  # as still_to_do reads it
            self.intro_note.value = f'<p class="verbinding-notice">{_e(t("dossier.page.from_intro"))}</p>'
        self.title.value = self.scan.title
        self.description.value = self.scan.description
        modules = {m: self.workbook.module(m) for m in hint_module_ids()}
        self.scan.course_modules = modules  # module 4's feedback, for the feedback score
        self.workbench.load(self.scan.workbench)
        hints = self._hints(modules)
        for box in self.boxes:
            entry = self.scan.entry(box.question_id)
            for field, control in box.texts.items():
                control.value = entry[field]
            box.score.value = self.scan.score(box.question_id) or 0
            box.show_hints(hints.get(box.question_id, []))
            box.show_checks(self.scan.shown_checks(box.question_id))

    def update(self) -> None:
        self._refresh_overview()

    def _save(self) -> None:
        self.save(self.scan.to_dict())

    # ----- handlers ----------------------------------------------------------------------
    def _on_workbench(self, state: dict) -> None:
        if self.loading:
            return
        self.scan.workbench = state
        self._save()
        hints = self._hints({m: self.workbook.module(m) for m in hint_module_ids()})
        for box in self.boxes:
            box.show_hints(hints.get(box.question_id, []))
            box.show_checks(self.scan.shown_checks(box.question_id))  # what the evidence names of the workbench
        self._refresh_status()

    def _hints(self, modules: dict) -> dict[str, list[str]]:
        """Per question: the workbench's evidence first, then reminders from modules 2-4."""
        hints = module_hints(modules, self.texts)
        for question_id, lines in Workbench.from_dict(self.scan.workbench).evidence().items():
            hints[question_id] = lines + hints.get(question_id, [])
        return hints

    def _on_title(self, change) -> None:
        if self.loading:
            return
        self.scan.title = change["new"]
        self._save()

    def _on_description(self, change) -> None:
        if self.loading:
            return
        self.scan.description = change["new"]
        self._save()

    def _text_handler(self, box: _QuestionBox, field: str):
        def handler(change) -> None:
            if self.loading:
                return
            self.scan.set_text(box.question_id, field, change["new"])
            self._save()
            box.show_checks(self.scan.shown_checks(box.question_id))
            if field == "evidence":  # the summary beside the chart names high scores without evidence
                self._refresh_overview()
            else:
                self._refresh_status()
        return handler

    def _score_handler(self, box: _QuestionBox):
        def handler(change) -> None:
            if self.loading:
                return
            self.scan.set_score(box.question_id, change["new"] or None)
            self._save()
            box.show_checks(self.scan.shown_checks(box.question_id))
            self._refresh_overview()
        return handler

    # ----- views and downloads -------------------------------------------------------------
    def _refresh_overview(self) -> None:
        frame = self.scan.scores_frame()
        self.chart.update(scores_chart(frame, self.texts.scale_max), self.scan.summary())
        self._refresh_status()

    def _refresh_status(self) -> None:
        if self.scan.complete():
            self.status.value = status_line(t("dossier.feedback.all_done"), "verbinding-ok")
        else:
            self.status.value = ""

    def _docx_file(self) -> tuple[str, bytes]:
        state = self.scan.to_dict()
        return scan_filename(state, "docx"), scan_docx(state)

    def _markdown_file(self) -> tuple[str, bytes]:
        state = self.scan.to_dict()
        return scan_filename(state, "md"), scan_markdown(state).encode("utf-8")
