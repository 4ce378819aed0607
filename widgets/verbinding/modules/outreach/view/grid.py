"""Step 5 of Outreach: place each organisation on the power–interest grid; the grid as a
chart, with who is not placed yet."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.outreach import grid_spec, quadrant_of
from verbinding.modules.outreach.view.common import STYLE, UNSET, ChartSlot, Step, level_options
from verbinding.texts import sentence, t
from verbinding.ui.layout import MID, WIDE, heading, one_line, paragraph, status_box
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import status_line


class GridStep(Step):
    """Step 5: choose an organisation, then its power and interest (saved at once)."""

    public = ("grid_org", "grid_power", "grid_interest", "grid_message", "grid_view", "grid_unplaced")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.grid_org = widgets.Dropdown(description=t("outreach.ui.step5.organisation"), layout=WIDE, style=STYLE)
        self.grid_power = widgets.Dropdown(description=t("outreach.ui.step5.power"), options=level_options(), layout=MID, style=STYLE)
        self.grid_interest = widgets.Dropdown(
            description=t("outreach.ui.step5.interest"), options=level_options(), layout=MID, style=STYLE
        )
        self.grid_message = status_box()
        self._chart = ChartSlot()
        self.grid_view = self._chart.view
        self.grid_unplaced = widgets.HTML()
        self.parts = [
            heading("outreach.ui.step5.title"), paragraph("outreach.ui.step5.intro"),
            self.grid_org, self.grid_power, self.grid_interest,
            self.grid_message, self.grid_view, self.grid_unplaced,
        ]
        self.grid_org.observe(self._show_placement, names="value")
        self.grid_power.observe(self._place, names="value")
        self.grid_interest.observe(self._place, names="value")

    def show_stakeholders(self) -> None:
        """The organisations to place; the chosen one stays if it can, else the first."""
        options = [(one_line(self.model.display_name(s)), s.id) for s in self.model.stakeholders]
        keep = self.grid_org.value
        with self.exercise.quiet():
            self.grid_org.options = options
            if keep in {v for _, v in options}:
                self.grid_org.value = keep
            elif options:
                self.grid_org.value = options[0][1]
        self._show_placement()

    def _show_placement(self, _change=None) -> None:
        sh = self.model.stakeholder(self.grid_org.value)
        with self.exercise.quiet():  # the form shows a placement: no placing then
            self.grid_power.value = (sh.power or UNSET) if sh else UNSET
            self.grid_interest.value = (sh.interest or UNSET) if sh else UNSET
            self.grid_power.disabled = self.grid_interest.disabled = sh is None
        empty = f"<p>{_e(t('outreach.ui.step5.no_stakeholders'))}</p>"
        if not self.model.stakeholders:
            self.grid_message.value = empty
        elif self.grid_message.value == empty:
            self.grid_message.value = ""

    def _place(self, _change=None) -> None:
        if self.exercise.loading:
            return
        sh = self.model.stakeholder(self.grid_org.value)
        if sh is None:
            return
        self.model.place(sh.id, power=self.grid_power.value or None, interest=self.grid_interest.value or None)
        quadrant = quadrant_of(sh.power, sh.interest)
        placed = sentence("outreach.ui.step5.placed", organisation=self.model.display_name(sh),
                          quadrant=t(f"outreach.quadrant.{quadrant}"))
        if quadrant != "unplaced":
            placed += " " + t(f"outreach.quadrant.explain.{quadrant}")
        self.grid_message.value = status_line(placed)
        self.exercise.changed("placement")

    def refresh(self) -> None:
        self._chart.show(self.model.grid_frame(), grid_spec, self.model.grid_summary(include_unplaced=False))
        unplaced = self.model.unplaced_summary()
        self.grid_unplaced.value = f"<p>{_e(unplaced)}</p>" if unplaced else ""
