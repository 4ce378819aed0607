"""The Accountability exercise (module 4), thin over :class:`verbinding.modules.accountability.AccountabilityModel`.

Four labelled steps, each a class of its own: weigh the interests of the learner's handful
(weight, reasoning, source; checks update while typing; the other parties are optional,
folded away, and can be put into the handful; :mod:`.weigh`), track feedback per
stakeholder (with coverage for insiders vs others, a chart and its text summary;
:mod:`.feedback`), generate and edit the belangenafweging draft (edits are kept) and
download just that rationale as Word or Markdown (:mod:`.draft`).

:class:`AccountabilityExercise` is a :class:`~verbinding.ui.view.ModuleView`: it reads the
model from the workbook (also after an upload or another tab's save), saves every change
at once, and tells the steps what to show after one of them changed the model.
"""

from __future__ import annotations

from typing import Any

from verbinding.modules.accountability import AccountabilityModel, sources_from_case, sources_from_workbook
from verbinding.modules.accountability.view.common import MODULE_ID, Step, case_of, insiders_from_rule
from verbinding.modules.accountability.view.draft import DownloadStep, DraftStep
from verbinding.modules.accountability.view.feedback import FeedbackStep
from verbinding.modules.accountability.view.rows import FeedbackRow, InterestRow
from verbinding.modules.accountability.view.weigh import WeighStep
from verbinding.ui.view import ModuleView


class AccountabilityExercise(ModuleView):
    """The whole Accountability exercise for one learner (``page`` has .workbook and .case).

    The steps' widgets stand one after the other in this box, and are offered here under
    their names (``exercise.add_name``) as well as on their steps."""

    module_id = MODULE_ID

    def __init__(self, page):
        self.case = case_of(page)
        self.model = AccountabilityModel()
        self.weigh_step = WeighStep(self)
        self.feedback_step = FeedbackStep(self)
        self.draft_step = DraftStep(self)
        self.download_step = DownloadStep(self)
        self.steps: tuple[Step, ...] = (self.weigh_step, self.feedback_step, self.draft_step, self.download_step)
        for step in self.steps:
            for name in step.public:
                setattr(self, name, getattr(step, name))
        super().__init__(page, [part for step in self.steps for part in step.parts])
        self.add_class("verbinding-accountability")
        from verbinding.ui.quiz import append_module_end  # issue 17: the module's kennischeck

        append_module_end(self, page, MODULE_ID)
        self.start()

    @property
    def rows(self) -> dict[str, InterestRow]:
        """The interest rows by interest id (step 1)."""
        return self.weigh_step.rows

    @property
    def feedback_rows(self) -> dict[str, FeedbackRow]:
        """The feedback rows by stakeholder key (step 2)."""
        return self.feedback_step.rows

    # ----- the case and the sources ------------------------------------------------------
    def _org_names(self) -> dict[str, str]:
        frame = getattr(self.case, "organisations", None)
        try:
            return dict(zip(frame["org_id"].astype(str), frame["name"].astype(str)))
        except Exception:
            return {}

    def _sources(self):
        outreach = self.workbook.module("outreach")
        connection = self.workbook.module("connection")
        case_sources = sources_from_case(self.case)
        sources = sources_from_workbook(outreach, connection, case_sources, self._org_names(),
                                        insiders=insiders_from_rule(connection, self.case))
        learner_work = any(s.get("origin") in ("outreach", "connection") for s in sources.stakeholders)
        note = "sources_note_learner" if learner_work else ("sources_note_case" if sources.stakeholders else "sources_note_none")
        return sources, note

    # ----- the view cycle ----------------------------------------------------------------
    def read(self, data: dict[str, Any]) -> None:
        """The saved weighing, with what the other modules and the case add to its list."""
        self.model = AccountabilityModel.from_dict(data)
        sources, note = self._sources()
        self.model.sync_sources(sources)
        self.weigh_step.contact_counts = dict(sources.contact_counts)
        self.weigh_step.show_sources(note, self.case is not None)
        self.more_toggle.value = any(self.model.started(i) for i in self.model.optional())
        self.weigh_step.rebuild_rows()
        self.feedback_step.rebuild()
        self.draft_step.show_text()

    def update(self, chart: bool = True) -> None:
        """The checks (per row and as a whole), the coverage (and with ``chart`` its
        chart) and the draft's status."""
        weighing = self.model.weighing_findings()
        feedback = self.model.feedback_findings() if self.model.interests else []
        self.weigh_step.show_checks(weighing, weighing + feedback)
        self.feedback_step.refresh(chart=chart, findings=feedback)
        self.draft_step.refresh()

    def load(self) -> None:
        """Load as every view does; then keep what the sources added to a begun weighing.

        Opening the module is not doing something: the seeded list and the default handful
        are worked out again the same way on every load, and go into the workbook with the
        learner's first edit. A module the learner already began is saved again when it
        differs from what the model writes: what the sources add, and an older shape (no
        handful yet, Dutch value codes), so that every tab merges its edits onto today's
        shape (two tabs translating the same old codes with their edits would conflict)."""
        super().load()
        saved = self.saved()
        if saved and self.model.interests and self.model.to_dict() != saved:
            self.save_model()

    def save_model(self) -> bool:
        """Save the model as the module's work (not while loading)."""
        return self.save(self.model.to_dict())

    # ----- what the steps report ---------------------------------------------------------
    def interest_changed(self, interest_id: str, field: str, value: Any) -> None:
        """A field of an interest row changed (step 1)."""
        if self.loading:
            return
        try:
            self.model.update_interest(interest_id, **{field: value})
        except KeyError:
            return
        feedback = not self.feedback_step.follows_list()
        if feedback:  # an optional party was started (or emptied again): its feedback row follows
            with self.quiet():
                self.feedback_step.rebuild()
        self._after_change(feedback=feedback)

    def feedback_changed(self, key: str, field: str, value: Any) -> None:
        """A field of a feedback row changed (step 2)."""
        if self.loading:
            return
        self.model.set_feedback(key, **{field: value})
        self._after_change(feedback=True)

    def list_changed(self) -> None:
        """A party was added, removed, or moved into or out of the handful (step 1)."""
        with self.quiet():
            self.weigh_step.rebuild_rows()
            self.feedback_step.rebuild()
        self._after_change(feedback=True)

    def _after_change(self, feedback: bool = False) -> None:
        self.draft_step.follow_weighing()
        self.save_model()
        self.update(chart=feedback)

    # ----- downloads (the files of step 4) ---------------------------------------------------
    def _docx_file(self) -> tuple[str, bytes]:
        return self.download_step.docx_file()

    def _markdown_file(self) -> tuple[str, bytes]:
        return self.download_step.markdown_file()
