"""Step 6 of Outreach: alternatives that others brought or could bring in, with who and
whether they got a hearing; feedback on the list."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.outreach import OutreachError
from verbinding.modules.outreach.view.common import STYLE, UNSET, Step, dimension_options
from verbinding.texts import t
from verbinding.ui.fields import item_class
from verbinding.ui.keeper import clear_typed
from verbinding.ui.layout import MID, WIDE, heading, one_line, paragraph, remove_button, status_box
from verbinding.ui.markup import error_alert, feedback_list, status_line
from verbinding.ui.markup import escape as _e


class AlternativesStep(Step):
    """Step 6: the form for a proposal, the proposals (a remove button each), feedback."""

    public = ("alt_text", "alt_by", "alt_status", "alt_hearing", "alt_dimension", "alt_add",
              "alt_message", "alt_rows", "remove_alt_buttons", "alt_feedback")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.alt_text = widgets.Textarea(
            description=t("outreach.ui.step6.proposal"), placeholder=t("outreach.ui.step6.proposal_placeholder"),
            rows=2, layout=WIDE, style=STYLE,
        )
        self.alt_by = widgets.Combobox(
            description=t("outreach.ui.step6.by"), placeholder=t("outreach.ui.step6.by_placeholder"),
            ensure_option=False, layout=WIDE, style=STYLE,
        )
        self.alt_status = widgets.Dropdown(
            description=t("outreach.ui.step6.status"),
            options=[(t(f"outreach.alternative.status.{s}"), s) for s in ("brought", "could")],
            layout=MID, style=STYLE,
        )
        self.alt_hearing = widgets.Dropdown(
            description=t("outreach.ui.step6.hearing"),
            options=[(t(f"outreach.alternative.hearing.{h}"), h) for h in ("unknown", "yes", "partly", "no")],
            layout=MID, style=STYLE,
        )
        self.alt_dimension = widgets.Dropdown(description=t("outreach.ui.step6.dimension"), layout=WIDE, style=STYLE)
        self.alt_add = widgets.Button(description=t("outreach.ui.step6.add"), button_style="primary")
        self.alt_message = status_box()
        self.alt_rows = widgets.VBox()
        # filled in place on every refresh, so the exercise's name for it stays valid
        self.remove_alt_buttons: dict[str, widgets.Button] = {}
        self.alt_feedback = widgets.HTML()
        self.parts = [
            heading("outreach.ui.step6.title"), paragraph("outreach.ui.step6.intro"),
            self.alt_text, self.alt_by, self.alt_status, self.alt_hearing, self.alt_dimension,
            self.alt_add, self.alt_message, self.alt_rows, self.alt_feedback,
        ]
        self.alt_add.on_click(self._add_alternative)

    def show_dimensions(self) -> None:
        """'Geen dimensie' and the map's dimensions; the chosen one stays if it can."""
        options = dimension_options(self.model)
        keep = self.alt_dimension.value
        self.alt_dimension.options = [(t("outreach.ui.step6.no_dimension"), UNSET)] + options
        self.alt_dimension.value = keep if keep in {v for _, v in options} else UNSET

    def show_stakeholders(self) -> None:
        """The 'by whom' box suggests the organisations on the map."""
        self.alt_by.options = [self.model.display_name(s) for s in self.model.stakeholders]

    def _add_alternative(self, _button=None) -> None:
        try:
            self.model.add_alternative(
                self.alt_text.value, by=self.alt_by.value, status=self.alt_status.value,
                hearing=None if self.alt_hearing.value == "unknown" else self.alt_hearing.value,
                dimension_id=self.alt_dimension.value or None,
            )
        except OutreachError as error:  # the typed text stays in the boxes
            self.alt_message.value = error_alert(error)
            return
        self._reset_form()  # the next proposal starts blank, not with 'Gehoor: nee'
        self.alt_message.value = status_line(t("outreach.ui.step6.added"))
        self.exercise.changed("alternatives")

    def _reset_form(self) -> None:
        clear_typed(self.alt_text, self.alt_by)
        self.alt_status.value = self.alt_status.options[0][1]
        self.alt_hearing.value = "unknown"
        self.alt_dimension.value = UNSET

    def _remove_alternative(self, alt_id: str) -> None:
        if self.model.remove_alternative(alt_id):
            self.alt_message.value = status_line(t("outreach.ui.step6.removed"))
            self.exercise.changed("alternatives")

    def refresh(self) -> None:
        rows = []
        self.remove_alt_buttons.clear()
        for alt in self.model.alternatives:
            text = t(
                "outreach.ui.step6.line", proposal=alt.text,
                by=alt.by or t("outreach.alternatives_feedback.by_unknown"),
                status=t(f"outreach.alternative.status.{alt.status}"),
                hearing=t(f"outreach.alternative.hearing.{alt.hearing or 'unknown'}"),
            )
            remove = remove_button(t("outreach.ui.step6.remove", proposal=one_line(alt.text, 200)))
            remove.on_click(lambda _b, a=alt.id: self._remove_alternative(a))
            self.remove_alt_buttons[alt.id] = remove
            rows.append(widgets.VBox([widgets.HTML(f'<p style="white-space: pre-wrap">{_e(text)}</p>'), remove])
                        .add_class(item_class(alt.id)))
        if not rows:
            rows = [widgets.HTML(f"<p>{_e(t('outreach.ui.step6.list_empty'))}</p>")]
        self.alt_rows.children = rows
        self.alt_feedback.value = feedback_list(self.model.alternatives_feedback())
