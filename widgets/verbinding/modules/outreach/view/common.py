"""What the six steps of the Outreach view share: the base of a step, the 'not rated' and
'not placed' choices, the width of the labels, and a chart drawn only when its data
changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from verbinding.modules.outreach import LEVELS, OutreachMap, level_label
from verbinding.texts import t, tlist
from verbinding.ui.charts import ChartView
from verbinding.ui.layout import labels, one_line

if TYPE_CHECKING:
    from verbinding.modules.outreach.view.exercise import OutreachExercise

MODULE_ID = "outreach"
STYLE = labels("15em")
UNRATED = -1
UNSET = ""


class Step:
    """One step of the exercise: its widgets in page order (:attr:`parts`) and what they do.

    A step is no box of its own: its widgets stand directly in the exercise's box, as they
    did before the split, so each text field keeps its place on the page and with it the
    key under which the browser keeps a learner's unsaved typing. A step changes the
    shared map (:attr:`model`) and tells the exercise what changed
    (:meth:`OutreachExercise.changed`); the exercise refreshes the steps that show it.
    """

    #: the step's widgets that the exercise offers under the same name (tests, profiles)
    public: tuple[str, ...] = ()

    def __init__(self, exercise: OutreachExercise):
        self.exercise = exercise
        self.parts: list[widgets.Widget] = []

    @property
    def model(self) -> OutreachMap:
        return self.exercise.model

    def refresh(self) -> None:
        """Show the map as it is now (after loading, or when another step changed it)."""


def rating_options(kind: str) -> list[tuple[str, int]]:
    """'Nog niet beoordeeld' and the levels of the scale ``kind`` (expertise, support)."""
    scale = tlist(f"outreach.scale.{kind}")
    return [(t("outreach.scale.unrated"), UNRATED)] + [(str(lab), i) for i, lab in enumerate(scale)]


def level_options() -> list[tuple[str, str]]:
    """'Nog niet geplaatst' and the levels of power and interest."""
    return [(t("outreach.scale.unplaced"), UNSET)] + [(level_label(v), v) for v in LEVELS]


class ChartSlot:
    """A chart on the page that is drawn again only when its data changed (rendering an
    SVG takes ~50 ms)."""

    def __init__(self):
        self.view = ChartView()
        self._key: str | None = None

    def show(self, frame, build, summary: str, draw_empty: bool = True) -> None:
        key = frame.to_json(orient="values") + summary
        if self._key == key:
            return
        self._key = key
        # Nothing to draw yet: show only the summary, not an empty grey frame.
        self.view.update(build(frame) if len(frame) or draw_empty else None, summary)


def dimension_options(model: OutreachMap) -> list[tuple[str, str]]:
    """The map's dimensions as the choices of a dropdown (steps 3 and 6)."""
    return [(one_line(d.name), d.id) for d in model.dimensions]
