"""Widgets of module 6 "Echte agenda's", thin over :class:`verbinding.modules.echte_agendas.AgendaRegister`.

Five labelled steps: choose whose agenda (period, ministry, person, search), check the
suggested organisation type per entry (ten entries per page, one labelled dropdown each),
see the distribution (offline SVG chart + text summary), read what the data cannot show,
write a reflection. Every change is saved in the workbook at once.
"""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.echte_agendas import (
    MAX_REFLECTION,
    MODULE_ID,
    PERIODS,
    AgendaDataError,
    AgendaRegister,
    period_label,
    practice_dossier,
    practice_feedback,
    reflection_feedback,
    type_labels,
)
from verbinding.texts import t
from verbinding.ui.charts import ChartView
from verbinding.ui.layout import WIDE, heading, labels, paragraph
from verbinding.ui.markup import error_alert, feedback_list, list_items, status_line
from verbinding.ui.markup import escape as _e
from verbinding.ui.view import ModuleView

PAGE_SIZE = 10
STYLE = labels("10em")


def warm_up(period: str | None = None) -> None:
    """Load the agendas and build one chart before the learner opens the page (Voilà preheat)."""
    from verbinding.ui.charts import vega_lite

    try:
        vega_lite(AgendaRegister(period or PERIODS[0]).chart())
    except AgendaDataError:
        pass  # shown on the page itself


class _EntryRow(widgets.VBox):
    """One agenda entry: its text (escaped) and below it a labelled dropdown with the type."""

    def __init__(self, number: int, options: list[tuple[str, str]]):
        self.number = number
        self.entry_id: str | None = None
        self.text = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.choice = widgets.Dropdown(  # wide enough for the longest type label
            options=options,
            description=t("agendas.ui.row_label_n", n=number),
            style=labels("9.5em"),
            layout=widgets.Layout(width="42em", max_width="100%"),
        )
        super().__init__([self.text, self.choice], layout=widgets.Layout(
            border_bottom="1px solid #e0e4ea", padding="4px 0", width="100%", max_width="60em"))
        self.add_class("verbinding-agenda-row")

    def show(self, position: int, row, labels: dict[str, str]) -> None:
        self.entry_id = row.entry_id
        date = row.date.strftime("%d-%m-%Y") if row.date == row.date else t("agendas.ui.no_date")
        people = row.people or t("agendas.ui.unknown_person")
        if row.keyword:
            hint = t("agendas.ui.suggestion_reason", label=labels.get(row.suggested, row.suggested),
                     keyword=row.keyword)
        elif row.by_type:
            hint = t("agendas.ui.suggestion_type", label=labels.get(row.suggested, row.suggested),
                     agenda_type=row.agenda_type)
        else:
            hint = t("agendas.ui.no_suggestion")
        corrected = f' <strong>({_e(t("agendas.ui.corrected"))})</strong>' if row.corrected else ""
        subtitle = f"<br><span>{_e(row.subtitle)}</span>" if row.subtitle else ""
        kind = f" · {_e(row.agenda_type)}" if row.agenda_type else ""
        self.text.value = (
            f'<div><small>{_e(t("agendas.ui.row_entry", n=position, date=date, people=people))}{kind}</small><br>'
            f"<b>{_e(row.activity)}</b>{subtitle}<br><small><i>{_e(hint)}</i>{corrected}</small></div>"
        )
        self.choice.value = row.org_type
        self.layout.display = ""

    def hide(self) -> None:
        self.entry_id = None
        self.layout.display = "none"


class AgendaExercise(ModuleView):
    """The whole module-6 exercise over one :class:`AgendaRegister`."""

    module_id = MODULE_ID

    def __init__(self, page):
        self.register = AgendaRegister.from_dict(page.workbook.module(MODULE_ID))
        self.offset = 0
        self.message = widgets.HTML()

        self.period = widgets.Dropdown(
            options=[(period_label(p), p) for p in PERIODS], description=t("agendas.ui.period"),
            style=STYLE, layout=WIDE,
        )
        self.ministry = widgets.Dropdown(description=t("agendas.ui.ministry"), style=STYLE, layout=WIDE)
        self.person = widgets.Dropdown(description=t("agendas.ui.person"), style=STYLE, layout=WIDE)
        self.search = widgets.Text(
            description=t("agendas.ui.search"), placeholder=t("agendas.ui.search_placeholder"),
            continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.only_unknown = widgets.Checkbox(description=t("agendas.ui.only_unknown"), indent=False)
        self.previous = widgets.Button(description=t("agendas.ui.previous"), tooltip=t("agendas.ui.previous"),
                                       icon="arrow-left")
        self.next = widgets.Button(description=t("agendas.ui.next"), tooltip=t("agendas.ui.next"),
                                   icon="arrow-right")
        self.position = widgets.HTML()
        self.reset = widgets.Button(description=t("agendas.ui.reset"), tooltip=t("agendas.ui.reset"),
                                    layout=widgets.Layout(width="auto"))
        labels = type_labels()
        options = [(label, tid) for tid, label in labels.items()]
        self.rows = [_EntryRow(i + 1, options) for i in range(PAGE_SIZE)]
        self.empty = widgets.HTML()
        self.chart = ChartView()
        self.limits = widgets.HTML()
        self.reflection = widgets.Textarea(
            description=t("agendas.ui.reflection"), placeholder=t("agendas.ui.reflection_prompt"),
            continuous_update=False, rows=6, style=STYLE, layout=WIDE,
        )
        self.reflection_note = widgets.HTML()
        # back to practice (issue 17): the learner's own dossier in their ministry's agenda
        self.practice_prompt = widgets.HTML()
        self.practice = widgets.Textarea(
            description=t("practice.label"), placeholder=t("practice.placeholder"),
            continuous_update=False, rows=5, style=STYLE, layout=WIDE,
        )
        self.practice_feedback = widgets.HTML()

        super().__init__(
            page,
            [
                paragraph("agendas.ui.intro"),
                self.message,
                heading("agendas.ui.step_choose"),
                self.period, self.ministry, self.person, self.search,
                heading("agendas.ui.step_register"),
                paragraph("agendas.ui.register_help"),
                self.only_unknown,
                widgets.HBox([self.previous, self.position, self.next],
                             layout=widgets.Layout(align_items="center")),
                self.empty,
                *self.rows,
                self.reset,
                heading("agendas.ui.step_chart"),
                self.chart,
                heading("agendas.ui.step_limits"),
                self.limits,
                heading("agendas.ui.step_reflect"),
                paragraph("agendas.ui.reflection_prompt"),
                self.reflection, self.reflection_note,
                heading("practice.title"), self.practice_prompt,
                self.practice, self.practice_feedback,
                widgets.HTML(f"<p><small>{_e(t('agendas.ui.source'))}</small></p>"),
            ]
        )
        self.add_class("verbinding-agendas")

        self.period.observe(self._on_period, names="value")
        self.ministry.observe(self._on_ministry, names="value")
        self.person.observe(self._on_person, names="value")
        self.search.observe(self._on_search, names="value")
        self.only_unknown.observe(self._on_filter, names="value")
        self.previous.on_click(lambda _b: self._turn(-PAGE_SIZE))
        self.next.on_click(lambda _b: self._turn(PAGE_SIZE))
        self.reset.on_click(self._on_reset)
        for row in self.rows:
            row.choice.observe(self._make_choice_handler(row), names="value")
        self.reflection.observe(self._on_reflection, names="value")
        self.practice.observe(self._on_practice, names="value")
        from verbinding.ui.quiz import append_module_end  # issue 17: the module's kennischeck

        append_module_end(self, page, MODULE_ID)
        self.start()

    # ----- the view cycle ----------------------------------------------------------------
    def load(self) -> None:
        """(Re)build every control from the workbook (also after an upload); agendas that
        cannot be read leave their reason on the page."""
        try:
            super().load()
        except AgendaDataError as error:
            self._say(t("agendas.ui.load_error", reason=str(error)))

    def read(self, data) -> None:
        self.register = AgendaRegister.from_dict(data)
        self.period.value = self.register.period
        self.reflection.value = self.register.reflection
        self.practice.value = self.register.practice
        self._show_practice()
        self.search.value = self.register.search
        self._fill_selectors()

    def update(self) -> None:
        self.offset = 0
        self._show_reflection_note()
        self._refresh()

    def _fill_selectors(self) -> None:
        register = self.register
        register.select(ministry=register.ministry, person=register.person)
        self.ministry.options = [(t("agendas.ui.all_ministries"), "")] + [(m, m) for m in register.ministries()]
        self.ministry.value = register.ministry
        self.person.options = [(t("agendas.ui.all_people"), "")] + [(p, p) for p in register.people()]
        self.person.value = register.person

    def _save(self) -> None:
        self.save(self.register.to_dict())

    def _say(self, text: str) -> None:
        self.message.value = error_alert(text) if text else ""

    # ----- reactions ---------------------------------------------------------------------
    def _reselect(self, **kwargs) -> None:
        if self.loading:
            return
        try:
            self.register.select(**kwargs)
            with self.quiet():
                self._fill_selectors()
        except AgendaDataError as error:
            self._say(t("agendas.ui.load_error", reason=str(error)))
            return
        self.offset = 0
        self._save()
        self._refresh()

    def _on_period(self, change) -> None:
        self._reselect(period=change["new"])

    def _on_ministry(self, change) -> None:
        self._reselect(ministry=change["new"], person="")

    def _on_person(self, change) -> None:
        self._reselect(person=change["new"])

    def _on_search(self, change) -> None:
        if self.loading:
            return
        self.register.search = " ".join(str(change["new"]).split())[:200]
        self.offset = 0
        self._save()
        self._refresh()  # the list and the chart: the same entries

    def _on_filter(self, _change) -> None:
        self.offset = 0
        self._show_rows()

    def _turn(self, step: int) -> None:
        total = len(self._visible())
        self.offset = min(max(0, self.offset + step), max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE))
        self._show_rows()

    def _make_choice_handler(self, row: _EntryRow):
        def handler(change) -> None:
            if self.loading or row.entry_id is None:
                return
            self.register.set_correction(row.entry_id, change["new"])
            self._save()
            self._refresh(rows=False)
            self._show_rows()

        return handler

    def _on_reset(self, _button) -> None:
        if self.register.reset_selection():
            self._save()
        self._refresh()
        self.message.value = status_line(t("agendas.ui.reset_done"), "verbinding-ok")

    def _on_reflection(self, change) -> None:
        if self.loading:
            return
        text = str(change["new"])
        self.register.reflection = text
        self._save()
        self._show_reflection_note()

    def _show_reflection_note(self) -> None:
        self.reflection_note.value = status_line(reflection_feedback(self.register.reflection), "verbinding-feedback")

    def _on_practice(self, change) -> None:
        if self.loading:
            return
        self.register.practice = str(change["new"])[:MAX_REFLECTION]
        self._save()
        self._show_practice()

    def _show_practice(self) -> None:
        dossier = practice_dossier(self.workbook.document["modules"])
        prompt = t("practice.prompt_dossier", dossier=dossier) if dossier else t("practice.prompt")
        self.practice_prompt.value = f"<p>{_e(prompt)}</p>"
        self.practice_feedback.value = feedback_list(practice_feedback(self.register.practice))

    # ----- display -----------------------------------------------------------------------
    def _visible(self):
        return self.register.visible(self.register.search, self.only_unknown.value)

    def _show_rows(self) -> None:
        frame = self._visible()
        total = len(frame)
        if self.offset >= total:
            self.offset = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE) if total else 0
        page = frame.iloc[self.offset : self.offset + PAGE_SIZE]
        labels = type_labels()
        with self.quiet():
            for i, row in enumerate(self.rows):
                if i < len(page):
                    row.show(self.offset + i + 1, page.iloc[i], labels)
                else:
                    row.hide()
        self.empty.value = f"<p>{_e(t('agendas.ui.none'))}</p>" if total == 0 else ""
        first, last = (self.offset + 1, self.offset + len(page)) if total else (0, 0)
        self.position.value = f'<span role="status">{_e(t("agendas.ui.page", first=first, last=last, total=total))}</span>'
        self.previous.disabled = self.offset == 0
        self.next.disabled = self.offset + PAGE_SIZE >= total

    def _refresh(self, rows: bool = True) -> None:
        if rows:
            self._show_rows()
        self.chart.update(self.register.chart(), self.register.summary())
        self.limits.value = f'<div class="verbinding-feedback">{list_items(self.register.limit_texts())}</div>'
