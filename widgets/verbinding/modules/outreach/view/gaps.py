"""Step 4 of Outreach: the map as a heatmap (dimensions by kind of organisation) and the
gaps in it, one action per kind of gap."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.outreach import heatmap_spec
from verbinding.modules.outreach.view.common import ChartSlot, Step
from verbinding.texts import t
from verbinding.ui.layout import heading, paragraph, subheading
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import feedback_box


class GapsStep(Step):
    """Step 4: the heatmap and the list of gaps (read out when it changes)."""

    public = ("heatmap", "gap_list")

    def __init__(self, exercise):
        super().__init__(exercise)
        self._chart = ChartSlot()
        self.heatmap = self._chart.view
        self.gap_list = widgets.HTML()
        self.parts = [
            heading("outreach.ui.step4.title"), paragraph("outreach.ui.step4.intro"),
            self.heatmap,
            subheading("outreach.ui.step4.gaps_title"), self.gap_list,
        ]

    def refresh(self) -> None:
        self._chart.show(self.model.heatmap_frame(), heatmap_spec, self.model.heatmap_summary(), draw_empty=False)
        gaps = self.model.gaps()
        groups: dict[str, list] = {}
        for gap in gaps:  # one action per kind of gap, under all its findings
            groups.setdefault(gap.rule, []).append(gap)
        items = "".join(
            "<li><ul>" + "".join(f"<li>{_e(g.message)}</li>" for g in group) + "</ul>"
            f"<p><em>{_e(t('outreach.gaps.action_label'))}</em> {_e(group[0].action)}</p></li>"
            for group in groups.values()
        )
        self.gap_list.value = feedback_box(
            f"<p>{_e(self.model.summary(gaps))}</p>" + (f'<ul class="verbinding-gap-groups">{items}</ul>' if items else ""),
            "verbinding-gaps",
        )
