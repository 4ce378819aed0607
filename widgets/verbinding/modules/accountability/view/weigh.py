"""Step 1 of Accountability: weigh the interests. The handful first, under its explanation;
then the optional parties, folded away; a form to add a party; the checks of the whole
weighing."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding import dutch
from verbinding.modules.accountability import OPEN_KINDS, overview
from verbinding.modules.accountability.view.common import STYLE, Step, case_brief, open_points, step_intro
from verbinding.modules.accountability.view.rows import InterestRow, source_options
from verbinding.texts import sentence, t
from verbinding.ui.keeper import clear_typed
from verbinding.ui.layout import WIDE, subheading, subheading_html
from verbinding.ui.markup import error_alert, status_line
from verbinding.ui.markup import escape as _e


class WeighStep(Step):
    """Step 1: a row per interest (:class:`InterestRow`), adding and removing a party,
    moving one into or out of the handful, and the checks."""

    public = ("sources_note", "rows_box", "handful_note", "more_note", "more_toggle", "move_status",
              "add_name", "add_asked", "add_source", "add_button", "add_status", "checks")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.rows: dict[str, InterestRow] = {}
        self.contact_counts: dict[str, int] = {}
        self.sources_note = widgets.HTML()
        self.rows_box = widgets.VBox()
        self.rows_box.add_class("verbinding-interest-list")
        self.handful_note = widgets.HTML()
        self.handful_note.add_class("verbinding-handful-note")
        self.more_note = widgets.HTML()
        self.more_toggle = widgets.ToggleButton(value=False, icon="chevron-down")
        self.more_toggle.add_class("verbinding-more-toggle")
        self.more_toggle.observe(lambda _c: self.show_rows(), names="value")
        self.move_status = widgets.HTML()
        self.add_name = widgets.Text(description=t("accountability.ui.add_name"), style=STYLE, layout=WIDE)
        self.add_asked = widgets.Text(description=t("accountability.ui.add_asked"), style=STYLE, layout=WIDE)
        self.add_source = widgets.Dropdown(options=source_options(), description=t("accountability.ui.add_source"),
                                           style=STYLE, layout=WIDE)
        self.add_button = widgets.Button(description=t("accountability.ui.add_button"), icon="plus")
        self.add_button.on_click(lambda _b: self.add())
        self.add_status = widgets.HTML()
        self.checks = widgets.HTML()
        self.parts = [
            step_intro("weigh"),
            self.sources_note,
            self.rows_box,
            subheading("accountability.ui.add_title"),
            self.add_name, self.add_asked, self.add_source, self.add_button, self.add_status,
            subheading("accountability.ui.checks_title"),
            self.checks,
        ]

    # ----- showing the list -------------------------------------------------------------
    def show_sources(self, note: str, has_case: bool) -> None:
        """The case in brief (what the weighing is about) and where the list comes from
        (the learner's work, the case, nothing). One widget: a widget more before the rows
        would move the place, and with it the key, of every text field below it."""
        message = case_brief(self.exercise.case) + f"<p><em>{_e(t(f'accountability.ui.{note}'))}</em></p>"
        if not has_case:
            message += f'<p class="verbinding-notice">{_e(t("accountability.ui.no_case"))}</p>'
        self.sources_note.value = message

    def rebuild_rows(self) -> None:
        """The handful first, under its explanation; then the optional parties, folded.
        A row is the same widget wherever it stands (keyed by the interest's id), so what
        the browser keeps for its fields finds it after a move (ui.keeper). Call it while
        the exercise is quiet: a row is filled again from the model."""
        old = self.rows
        self.rows = {}
        for interest in self.model.interests:
            row = old.pop(interest.id, None)
            if row is None:
                row = InterestRow(interest, self.exercise.interest_changed, self.remove, self.move)
            else:
                row.load(interest)
            self.rows[interest.id] = row
        for row in old.values():
            row.close()
        handful = self.model.handful_ids()
        optional = [i.id for i in self.model.optional()]
        for interest_id, row in self.rows.items():
            row.set_member(interest_id in handful)
        self._explain_handful(len(handful))
        more = [self.more_note, self.more_toggle, *(self.rows[i] for i in optional)] if optional else []
        self.rows_box.children = [self.handful_note, *(self.rows[i] for i in handful), *more, self.move_status]
        self.show_rows()

    def _explain_handful(self, count: int) -> None:
        """Why these parties, and which insider the course points out (and why it matters)."""
        total = len(self.model.interests)
        parts = [subheading_html(t("accountability.ui.handful_title"))]
        intro = (t("accountability.ui.handful_intro", total=total, count=count) if count < total
                 else t("accountability.ui.handful_intro_all", count=count))
        parts.append(f"<p>{_e(intro)}</p>")
        insider = self.model.pointed_out()
        if insider is not None:
            contacts = self.contact_counts.get(insider.org_id, 0)
            counted = dutch.count(contacts, t("accountability.ui.contact_one"), t("accountability.ui.contact_many"))
            why = (t("accountability.ui.handful_insider_contacts", contacts=counted) if contacts
                   else t("accountability.ui.handful_insider_plain"))
            parts.append(f'<p class="verbinding-hint">{_e(t("accountability.ui.handful_insider", name=insider.name, why=why))}</p>')
        elif self.model.interests:
            parts.append(f'<p class="verbinding-hint">{_e(t("accountability.ui.handful_no_insider"))}</p>')
        value = "".join(parts)
        if self.handful_note.value != value:
            self.handful_note.value = value
        optional = len(self.model.optional())
        self.more_note.value = (subheading_html(t("accountability.ui.more_title"))
                                + f"<p>{_e(t('accountability.ui.more_intro'))}</p>") if optional else ""

    def show_rows(self) -> None:
        """Fold the optional parties away, or show them."""
        shown = self.more_toggle.value
        optional = {i.id for i in self.model.optional()}
        self.more_toggle.description = (t("accountability.ui.more_hide") if shown
                                        else t("accountability.ui.more_show", count=len(optional)))
        self.more_toggle.icon = "chevron-up" if shown else "chevron-down"
        for interest_id, row in self.rows.items():
            display = "none" if interest_id in optional and not shown else None
            if row.layout.display != display:
                row.layout.display = display

    def show_checks(self, weighing: list, findings: list) -> None:
        """Each row's open points beside it, and the overview of the weighing: what the
        weighing as a whole shows first, then a few open points per kind (each row names
        its own). The feedback's points stand in step 2 (``findings`` holds both)."""
        per_interest: dict[str, list[str]] = {}
        for f in weighing:
            if f.subject in self.rows:
                per_interest.setdefault(f.subject, []).append(f.message)
        for interest_id, row in self.rows.items():
            row.show_findings(per_interest.get(interest_id, []))
        messages = overview(weighing)
        if not findings:
            value = f'<p class="verbinding-ok">{_e(t("accountability.checks.all_good"))}</p>'
        elif any(f.kind in OPEN_KINDS for f in weighing) or not self.model.interests:
            value = open_points(messages)
        else:  # the weighing asks for nothing more; what is left are questions to think about
            done = ("handful_done" if not any(f.kind in OPEN_KINDS for f in findings)
                    else "weighing_done_questions" if messages else "weighing_done")
            value = f'<p class="verbinding-ok">{_e(t(f"accountability.checks.{done}"))}</p>' + open_points(messages)
        if self.checks.value != value:
            self.checks.value = value

    # ----- what the learner does --------------------------------------------------------
    def move(self, interest_id: str, into: bool) -> None:
        try:
            interest = (self.model.add_to_handful(interest_id) if into
                        else self.model.remove_from_handful(interest_id))
        except (KeyError, ValueError) as error:
            self.move_status.value = error_alert(error.args[0] if error.args else error)
            return
        key = "handful_added" if into else "handful_removed"
        self.move_status.value = status_line(sentence(f"accountability.ui.{key}", name=interest.name))
        self.exercise.list_changed()

    def add(self) -> None:
        try:
            interest = self.model.add_interest(self.add_name.value, self.add_asked.value, self.add_source.value)
        except ValueError as error:
            self.add_status.value = error_alert(error)
            return
        clear_typed(self.add_name, self.add_asked)
        self.add_source.value = ""
        self.add_status.value = status_line(sentence("accountability.ui.added", name=interest.name))
        self.exercise.list_changed()

    def remove(self, interest_id: str) -> None:
        try:
            name = self.model.get(interest_id).name
            self.model.remove_interest(interest_id)
        except (KeyError, ValueError) as error:
            self.add_status.value = error_alert(error.args[0] if error.args else error)
            return
        self.add_status.value = status_line(sentence("accountability.ui.removed", name=name))
        self.exercise.list_changed()

