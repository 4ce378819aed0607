"""The Connection exercise, thin over :mod:`verbinding.modules.connection`.

Five labelled steps, each a section and a class of its own: guess then measure
(:mod:`.measure`); the insider rule (:mod:`.insiders`); the uneven playing field
(:mod:`.field`); new connections (:mod:`.invitations`); counter-voice
(:mod:`.counter_voice`). Every control has a label, every change is saved in the workbook
(module ``connection``) at once, learner text is always shown escaped, every chart has a
text summary beside it; each step with access figures has one note, above them, that
access is not influence.

:class:`ConnectionExercise` holds what the steps share: the case's figures, the learner's
work and the insider rule's result, and the view cycle (:class:`~verbinding.ui.view.ModuleView`)
that loads the work into the steps and saves it.
"""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.connection import MODULE_ID, CaseAnalysis, ConnectionWork, InsiderResult
from verbinding.modules.connection.view.common import Step
from verbinding.modules.connection.view.counter_voice import CounterVoiceStep
from verbinding.modules.connection.view.field import FieldStep
from verbinding.modules.connection.view.insiders import InsiderStep
from verbinding.modules.connection.view.invitations import InvitationsStep
from verbinding.modules.connection.view.measure import MeasureStep
from verbinding.texts import t
from verbinding.ui.markup import status_line
from verbinding.ui.view import ModuleView


class ConnectionExercise(ModuleView):
    """The whole Connection exercise for one learner (``page`` has .workbook and .case).

    Each step's section stands in this box; its widgets are offered here under their names
    (``exercise.guess``) as well as on their steps."""

    module_id = MODULE_ID

    def __init__(self, page):
        self.analysis = CaseAnalysis(page.case)
        self.work = ConnectionWork()
        self.result: InsiderResult | None = None  # the insider rule's result (step 2)
        self.measure_step = MeasureStep(self)
        self.insider_step = InsiderStep(self)
        self.field_step = FieldStep(self)
        self.invite_step = InvitationsStep(self)
        self.counter_step = CounterVoiceStep(self)
        self.steps: tuple[Step, ...] = (self.measure_step, self.insider_step, self.field_step,
                                        self.invite_step, self.counter_step)
        for step in self.steps:
            for name in step.public:
                setattr(self, name, getattr(step, name))
        self.status = widgets.HTML()
        self.sections = [step.section for step in self.steps]
        super().__init__(page, [self.status, *self.sections])
        self.add_class("verbinding-connection")

        self.measure_step.draw_static()
        self.field_step.draw_static()
        from verbinding.ui.quiz import append_module_end  # issue 17: the module's kennischeck

        append_module_end(self, page, MODULE_ID)
        self.start()

    # ----- the view cycle ------------------------------------------------------------
    def read(self, data) -> None:
        self.work = ConnectionWork.from_dict(data)
        for step in self.steps:
            step.read(self.work)

    def update(self) -> None:
        self.show_reveal()
        self.insider_step.update()
        self.field_step.update()
        self.invite_step.update()
        self.counter_step.update()

    def restored(self) -> None:
        super().restored()
        self.status.value = status_line(t("connection.ui.restored"))

    def refresh(self) -> None:
        """Shown again after other modules changed: read again; an older status is no news."""
        super().refresh()
        self.status.value = ""

    def save_work(self) -> None:
        """Save the learner's work (a step changed it), with the case it belongs to. After
        the learner's own change, 'opnieuw geladen' is no longer what just happened."""
        if not self.loading:
            self.status.value = ""
        self.work.case = self.analysis.case_id
        self.save(self.work.to_dict())

    def show_reveal(self) -> None:
        """Steps 1 and 3 as the guess is: open, or revealed with the figures."""
        self.field_step.show_reveal()
        self.measure_step.update()
