"""The Outreach exercise, thin over :class:`verbinding.modules.outreach.OutreachMap`.

Six steps, each a labelled section and a class of its own: the case (:mod:`.case`), the
dimensions (:mod:`.dimensions`), linking and rating (:mod:`.links`), the map with its gaps
(:mod:`.gaps`), the power–interest grid (:mod:`.grid`), alternatives
(:mod:`.alternatives`). Every control has a label; every remove button names what it
removes; every change is saved in the workbook at once.

:class:`OutreachExercise` holds what the steps share: the learner's map, loading it from
the workbook (also after an upload or another tab's save) and saving it, and which steps
show a change that one step made.
"""

from __future__ import annotations

from verbinding.modules.outreach import OutreachMap, insiders_from_connection, org_type_labels
from verbinding.modules.outreach.view.alternatives import AlternativesStep
from verbinding.modules.outreach.view.case import CaseStep, case_of, organisation_index
from verbinding.modules.outreach.view.common import MODULE_ID, UNRATED, Step
from verbinding.modules.outreach.view.dimensions import DimensionsStep
from verbinding.modules.outreach.view.gaps import GapsStep
from verbinding.modules.outreach.view.grid import GridStep
from verbinding.modules.outreach.view.links import LinksStep
from verbinding.texts import t
from verbinding.ui.view import ModuleView

#: what a step changed -> the parts of the page that show it, refreshed in this order
AFTER = {
    "dimensions": ("dimensions", "links", "map", "alternatives"),
    "why": (),
    "links": ("stakeholders", "links", "map", "grid"),
    "placement": ("grid", "map"),
    "alternatives": ("alternatives",),
}
EVERYTHING = ("dimensions", "stakeholders", "links", "map", "grid", "alternatives")


class OutreachExercise(ModuleView):
    """The whole Outreach exercise for one learner (``page`` has .workbook and .case).

    The steps' widgets stand one after the other in this box, and are offered here under
    their names (``exercise.link_org``) as well as on their steps."""

    module_id = MODULE_ID

    def __init__(self, page):
        self.page = page
        self.workbook = page.workbook  # the steps' options are built before the base runs
        self.case = case_of(page)
        self.type_labels = org_type_labels()
        self._orgs = organisation_index(self.case)
        self.case_step = CaseStep(self)
        self.dimension_step = DimensionsStep(self)
        self.link_step = LinksStep(self)
        self.gap_step = GapsStep(self)
        self.grid_step = GridStep(self)
        self.alternative_step = AlternativesStep(self)
        self.steps: tuple[Step, ...] = (self.case_step, self.dimension_step, self.link_step,
                                        self.gap_step, self.grid_step, self.alternative_step)
        for step in self.steps:
            for name in step.public:
                setattr(self, name, getattr(step, name))
        self._parts = {
            "dimensions": (self.dimension_step.refresh, self.link_step.show_dimensions,
                           self.alternative_step.show_dimensions),
            "stakeholders": (self.link_step.show_stakeholders, self.alternative_step.show_stakeholders,
                             self.grid_step.show_stakeholders),
            "links": (self.link_step.refresh,),
            "map": (self.gap_step.refresh,),
            "grid": (self.grid_step.refresh,),
            "alternatives": (self.alternative_step.refresh,),
        }
        super().__init__(page, [part for step in self.steps for part in step.parts])
        self.add_class("verbinding-outreach")
        # Started before the profiles are attached: their comparison reads the loaded map,
        # and on a restore it is shown again after the map was loaded again.
        self.start()
        from verbinding.ui.profiles import attach_profiles  # issue 17: the profile of whom the learner rates

        attach_profiles(self)
        from verbinding.ui.quiz import append_module_end  # issue 17: the module's kennischeck

        append_module_end(self, page, MODULE_ID)

    # ----- the view cycle --------------------------------------------------------------
    def read(self, data) -> None:
        if data.get("dimensions") or data.get("links") or data.get("alternatives"):
            self.model = OutreachMap.from_dict(data)
        elif self.case is not None:
            self.model = OutreachMap.from_case(self.case, case_id=self.workbook.case)
        else:
            self.model = OutreachMap.from_dict(data)
        self.model.insiders = connection_insiders(self.workbook, self.case)
        current = getattr(self.case, "id", None) or self.workbook.case
        if self.model.case_id and current and self.model.case_id != current:
            self.dimension_step.say(t("outreach.ui.case_changed", saved=self.model.case_id, current=current),
                                    "verbinding-notice")

    def update(self) -> None:
        self._show(EVERYTHING)

    def restored(self) -> None:
        super().restored()
        self.dimension_step.say(t("outreach.ui.restored"))

    def _show(self, parts: tuple[str, ...]) -> None:
        for part in parts:
            for refresh in self._parts[part]:
                refresh()

    def changed(self, what: str) -> None:
        """A step changed the map (``what`` a key of :data:`AFTER`): show it and save."""
        self._show(AFTER[what])
        self.save(self.model.to_dict())


def connection_insiders(workbook, case) -> list[str] | None:
    """Insiders the learner set in Connection (None when that work is absent)."""
    state = workbook.module("connection")
    ids = insiders_from_connection(state)
    if ids is not None or case is None:
        return ids
    snapshot = state.get("insiders")
    if not (isinstance(snapshot, dict) and snapshot.get("count") and isinstance(state.get("rule"), dict)):
        return None
    try:  # Connection keeps a snapshot of names; recompute its rule's members on the case
        from verbinding.modules.connection import CaseAnalysis, InsiderRule

        result = CaseAnalysis(case).insiders(InsiderRule.from_dict(state["rule"]))
        return [str(m) for m in result.members]
    except Exception:  # never let another module's state break this page
        return None


__all__ = ["UNRATED", "OutreachExercise", "connection_insiders"]
