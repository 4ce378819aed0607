"""What the five steps of the Connection view share: the base of a step, the width of
the labels, feedback as read-out paragraphs, the one "access is not influence" note, a
chart drawn only when its content changed, and an organisation's details (steps 1 and 2)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import ipywidgets as widgets

from verbinding.modules.connection import CaseAnalysis, ConnectionWork
from verbinding.texts import t
from verbinding.ui.charts import ChartView
from verbinding.ui.layout import labels
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import feedback_box

if TYPE_CHECKING:
    from verbinding.modules.connection.view.exercise import ConnectionExercise

STYLE = labels("12em")
BUTTON = widgets.Layout(width="auto")  # a button as wide as its label
LABEL_LIMIT = 90  # an option's label in a list, cut to one line
TOP_N = 15  # organisations in step 1's top list and chart
MAX_CANDIDATES = 200  # options in the invite list; the page says how many more match


class Step:
    """One step of the exercise: its labelled section (:attr:`section`) and what it does.

    A step reads its part of the saved work into its widgets (:meth:`read`, handlers quiet)
    and shows its feedback (:meth:`update`). The learner's work (:attr:`work`) and the
    case's figures (:attr:`analysis`) are the exercise's, shared by all steps; a step that
    changes the work saves it through :meth:`ConnectionExercise.save_work`.
    """

    #: the step's widgets that the exercise offers under the same name (tests, benchmarks)
    public: tuple[str, ...] = ()

    def __init__(self, exercise: ConnectionExercise):
        self.exercise = exercise
        self.section = widgets.VBox()
        self._chart_keys: dict[int, str] = {}

    @property
    def analysis(self) -> CaseAnalysis:
        return self.exercise.analysis

    @property
    def work(self) -> ConnectionWork:
        return self.exercise.work

    def build(self, *parts: widgets.Widget) -> widgets.VBox:
        """The step's section on the page, its widgets in page order."""
        self.section = widgets.VBox(list(parts))
        self.section.add_class("verbinding-step")
        return self.section

    def read(self, work: ConnectionWork) -> None:
        """Put the saved ``work`` into the widgets (their handlers are quiet meanwhile)."""

    def update(self) -> None:
        """Show the step's feedback for the work as it is now."""

    def draw(self, view: ChartView, spec: dict, summary: str) -> None:
        """Render a chart slot only when its content changed (SVG rendering is the slow part)."""
        key = json.dumps(spec, sort_keys=True, default=str) + summary
        if self._chart_keys.get(id(view)) == key:
            return
        self._chart_keys[id(view)] = key
        view.update(spec, summary)


def feedback(items: list[str] | str) -> str:
    """Feedback that is read out when it changes, one paragraph per item."""
    items = [items] if isinstance(items, str) else list(items)
    return feedback_box("".join(f"<p>{_e(item)}</p>" for item in items))


def caveat() -> widgets.HTML:
    """The one "access is not influence" note of a step with access figures, above them."""
    return widgets.HTML(f'<p class="verbinding-caveat" role="note">{_e(t("common.access_caveat"))}</p>')


def pick(select: widgets.Select, org_id: str) -> None:
    """An organisation clicked in a chart: select it in the list beside the chart."""
    if org_id in {value for _, value in select.options}:
        select.value = org_id


def org_detail(analysis: CaseAnalysis, org_id: str | None) -> str:
    """An organisation chosen in a list (steps 1 and 2): its type, contacts, years and expertise."""
    if not org_id:
        return ""
    a = analysis
    first, last = a.years
    present = a.presence
    years = int(present["years"].get(org_id, 0)) if org_id in present.index else 0
    dims = [a.dimension_names.get(d, d) for d in a.org_dimensions.get(org_id, [])]
    text = t(
        "connection.ui.top_detail", name=a.name(org_id), type=a.type_label(a.types.get(org_id, "")),
        links=int(a.counts.get(org_id, 0)) if org_id in a.counts.index else 0,
        years=years, span=last - first + 1,
        dimensions=", ".join(dims) if dims else t("connection.ui.no_expertise"),
    )
    return feedback(text)
