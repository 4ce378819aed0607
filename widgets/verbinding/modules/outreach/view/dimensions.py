"""Step 2 of Outreach: the dimensions of the case, each with why it matters; the learner
adds, explains and removes them (a removal can be undone)."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.outreach import OutreachError, removed_message, undone_message
from verbinding.modules.outreach.view.common import STYLE, Step
from verbinding.texts import t
from verbinding.ui.fields import item_class
from verbinding.ui.keeper import clear_typed
from verbinding.ui.layout import WIDE, heading, one_line, paragraph, remove_button, status_box
from verbinding.ui.markup import error_alert, status_line
from verbinding.ui.markup import escape as _e


class DimensionsStep(Step):
    """Step 2: the list of dimensions (a 'why' field and a remove button each) and the
    form that adds one."""

    public = ("dim_name", "dim_why", "dim_add", "dim_undo", "dim_message", "dim_rows",
              "why_boxes", "remove_dim_buttons")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.dim_name = widgets.Text(
            description=t("outreach.ui.step2.name"), placeholder=t("outreach.ui.step2.name_placeholder"),
            layout=WIDE, style=STYLE,
        )
        self.dim_why = widgets.Text(
            description=t("outreach.ui.step2.why"), placeholder=t("outreach.ui.step2.why_placeholder"),
            layout=WIDE, style=STYLE,
        )
        self.dim_add = widgets.Button(description=t("outreach.ui.step2.add"), button_style="primary")
        self.dim_undo = widgets.Button(description=t("outreach.ui.step2.undo"), layout=widgets.Layout(width="auto"))
        self.dim_message = status_box()
        self.dim_rows = widgets.VBox()
        # filled in place on every refresh, so the exercise's names for them stay valid
        self.why_boxes: dict[str, widgets.Text] = {}
        self.remove_dim_buttons: dict[str, widgets.Button] = {}
        self.parts = [
            heading("outreach.ui.step2.title"), paragraph("outreach.ui.step2.intro"),
            self.dim_rows, self.dim_name, self.dim_why,
            widgets.HBox([self.dim_add, self.dim_undo]), self.dim_message,
        ]
        self.dim_add.on_click(self._add_dimension)
        self.dim_undo.on_click(self._undo_remove)

    def say(self, text: str, css: str = "") -> None:
        """A status line under the form (also used for 'reloaded' and 'another case')."""
        self.dim_message.value = status_line(text, css)

    def refresh(self) -> None:
        rows = []
        self.why_boxes.clear()
        self.remove_dim_buttons.clear()
        for dim in self.model.dimensions:
            head = f"<strong>{_e(dim.name)}</strong>"
            if dim.explanation:
                head += f"<br><small>{_e(t('outreach.ui.step2.explanation', text=dim.explanation))}</small>"
            why = widgets.Text(
                # labels wrap: show the whole name
                value=dim.why, description=one_line(f"{t('outreach.ui.step2.why_edit')}: {dim.name}", 120),
                placeholder=t("outreach.ui.step2.why_placeholder"), continuous_update=False,
                layout=WIDE, style=STYLE,
            )
            why.observe(lambda change, d=dim.id: self._why_changed(d, change), names="value")
            remove = remove_button(t("outreach.ui.step2.remove", name=dim.name))
            remove.on_click(lambda _b, d=dim.id: self._remove_dimension(d))
            self.why_boxes[dim.id], self.remove_dim_buttons[dim.id] = why, remove
            rows.append(widgets.VBox([widgets.HTML(head), why, remove], layout=widgets.Layout(margin="0 0 10px 0"))
                        .add_class(item_class(dim.id)))
        if not rows:
            rows = [widgets.HTML(f"<p>{_e(t('outreach.ui.step2.list_empty'))}</p>")]
        self.dim_rows.children = rows
        self.dim_undo.disabled = not self.model.removed

    def _add_dimension(self, _button=None) -> None:
        try:
            dim = self.model.add_dimension(self.dim_name.value, self.dim_why.value)
        except OutreachError as error:  # the typed text stays in the boxes
            self.dim_message.value = error_alert(error)
            return
        clear_typed(self.dim_name, self.dim_why)
        self.say(t("outreach.ui.step2.added", name=dim.name))
        self.exercise.changed("dimensions")

    def _why_changed(self, dim_id: str, change) -> None:
        dim = self.model.dimension(dim_id)
        if dim is None:
            return
        try:
            self.model.update_dimension(dim_id, why=change["new"])
        except OutreachError as error:
            self.dim_message.value = error_alert(error)
            return
        self.say(t("outreach.ui.step2.saved_why", name=dim.name))
        self.exercise.changed("why")

    def _remove_dimension(self, dim_id: str) -> None:
        dim = self.model.dimension(dim_id)
        if dim is None:
            return
        count = self.model.remove_dimension(dim_id)
        self.say(removed_message(dim.name, count))
        self.exercise.changed("dimensions")

    def _undo_remove(self, _button=None) -> None:
        dim = self.model.undo_remove()
        if dim is not None:
            self.say(undone_message(dim.name, len(self.model.links_for(dim.id))))
        self.exercise.changed("dimensions")
