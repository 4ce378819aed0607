"""Widgets of module 4 "Accountability", thin over :class:`verbinding.accountability.AccountabilityModel`.

Four labelled steps: weigh the interests of the learner's handful (weight, reasoning,
source; checks update while typing; the other parties are optional, folded away, and can be
put into the handful), track feedback per stakeholder (with coverage for insiders vs others, a chart and
its text summary), generate and edit the belangenafweging draft (edits are kept), and
download just that rationale as Word or Markdown. Every change is saved in the workbook
at once; an upload that replaces the work reloads everything.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from IPython.display import display

from .. import dutch
from ..accountability import (
    FEEDBACK_GIVEN,
    FEEDBACK_HOW,
    OPEN_KINDS,
    SOURCES,
    WEIGHTS,
    AccountabilityModel,
    Interest,
    coverage_chart,
    coverage_chart_summary,
    group_findings,
    how_label,
    rationale_docx,
    rationale_filename,
    rationale_markdown,
    source_label,
    sources_from_case,
    sources_from_workbook,
    weight_label,
)
from ..texts import sentence, t
from .charts import ChartView
from .download import DownloadButton
from .fields import item_class
from .markup import error_alert
from .markup import escape as _e

MODULE_ID = "accountability"
WIDE = widgets.Layout(width="100%", max_width="46em")
STYLE = {"description_width": "11em"}


def _list_html(messages: list[str], css: str = "verbinding-feedback") -> str:
    if not messages:
        return ""
    items = "".join(f"<li>{_e(m)}</li>" for m in messages)
    return f'<div class="{css}"><ul>{items}</ul></div>'


def _case_title(case: Any) -> str | None:
    title = getattr(case, "title", None)
    return str(title) if title else None


def insiders_from_rule(connection_state: dict, case: Any) -> list[str] | None:
    """Recompute the insiders with the learner's own Connection rule (org ids), or None."""
    if not isinstance(connection_state, dict) or not isinstance(connection_state.get("rule"), dict) or case is None:
        return None
    try:
        from ..connection import CaseAnalysis, InsiderRule

        return list(CaseAnalysis(case).insiders(InsiderRule.from_dict(connection_state["rule"])).members)
    except Exception:  # another shape or a case without a log: fall back to what is stored
        return None


class InterestRow(widgets.VBox):
    """One interest: who, what they asked, source, weight, reasoning, inline feedback, and
    a button that puts it into the handful or makes it optional."""

    def __init__(self, interest: Interest, on_change, on_remove, on_move=None):
        self.interest_id = interest.id
        self._on_change = on_change
        self._loading = True
        self.title = widgets.HTML()
        self.asked = widgets.Textarea(description=t("accountability.ui.asked"), placeholder=t("accountability.ui.asked_help"),
                                      rows=4, continuous_update=False, style=STYLE, layout=WIDE)
        self.source = widgets.Dropdown(
            options=[(t("accountability.source_none"), "")] + [(source_label(s), s) for s in SOURCES],
            description=t("accountability.ui.source"), style=STYLE, layout=WIDE,
        )
        self.weight = widgets.Dropdown(
            options=[(t("accountability.weight_none"), "")] + [(weight_label(w), w) for w in WEIGHTS],
            description=t("accountability.ui.weight"), style=STYLE, layout=WIDE,
        )
        self.reasoning = widgets.Textarea(description=t("accountability.ui.reasoning"),
                                          placeholder=t("accountability.ui.reasoning_help"),
                                          rows=2, continuous_update=True, style=STYLE, layout=WIDE)
        self.status = widgets.HTML()
        children: list[widgets.Widget] = [self.title, self.asked, self.source, self.weight, self.reasoning, self.status]
        self.remove = None
        if interest.origin == "learner":
            self.remove = widgets.Button(description=t("accountability.ui.remove", name=interest.name)[:60],
                                         tooltip=t("accountability.ui.remove", name=interest.name), icon="trash")
            self.remove.on_click(lambda _b: on_remove(self.interest_id))
            children.append(self.remove)
        self.member = True
        self.move = widgets.Button(description=t("accountability.ui.handful_remove"))
        self.move.on_click(lambda _b: on_move(self.interest_id, not self.member) if on_move else None)
        self.move.add_class("verbinding-handful-move")
        children.append(self.move)
        self.name = interest.name
        super().__init__(children, layout=widgets.Layout(border_bottom="1px solid #c8d1e0", padding="4px 0 8px 0"))
        self.add_class("verbinding-interest")
        self.add_class(item_class(interest.id))
        self.load(interest)
        for control, field in ((self.asked, "asked"), (self.source, "source"), (self.weight, "weight"),
                               (self.reasoning, "reasoning")):
            control.observe(lambda change, f=field: self._changed(f, change["new"]), names="value")
        self._loading = False

    def set_member(self, member: bool) -> None:
        """In the handful (a button to make it optional) or optional (a button to add it)."""
        self.member = member
        key = "remove" if member else "add"
        self.move.description = t(f"accountability.ui.handful_{key}")
        self.move.tooltip = t(f"accountability.ui.handful_{key}_tooltip", name=self.name)
        self.move.icon = "minus" if member else "plus"

    def load(self, interest: Interest) -> None:
        self._loading = True
        self.name = interest.name
        badge = f' <span class="verbinding-badge">({_e(t("accountability.ui.insider_badge"))})</span>' if interest.insider else ""
        origin = t(f"accountability.origins.{interest.origin}")
        rejected = (f"<p><small>{_e(t('accountability.ui.rejected', proposals='; '.join(interest.rejected)))}</small></p>"
                    if interest.rejected else "")
        self.title.value = (f"<h4>{_e(interest.name)}{badge}</h4>"
                            f"<p><small>{_e(t('accountability.ui.origin', origin=origin))}</small></p>{rejected}")
        self.asked.value = interest.asked
        source = interest.source if interest.source in SOURCES else ""
        self.source.value = source
        self.weight.value = interest.weight
        self.weight.tooltip = t("accountability.ui.weight_tooltip", name=interest.name)
        self.reasoning.value = interest.reasoning
        self._loading = False

    def _changed(self, field: str, value: Any) -> None:
        if not self._loading:
            self._on_change(self.interest_id, field, value)

    def show_findings(self, messages: list[str]) -> None:
        """The row's open points; the tick only for a row with a weight and a reason and
        nothing open (the model names every unweighed row, so it never gets here empty)."""
        done = bool(self.weight.value and self.reasoning.value.strip())
        if messages or not done:
            value = _list_html(messages)
        else:
            value = f'<p class="verbinding-ok-inline">✓ {_e(t("accountability.ui.row_ok"))}</p>'
        if self.status.value != value:
            self.status.value = value


class FeedbackRow(widgets.VBox):
    """Feedback to one stakeholder: whether, how, when, on what."""

    def __init__(self, key: str, name: str, insider: bool, on_change):
        self.key = key
        self.name = name
        self.insider = insider
        self._on_change = on_change
        self._loading = True
        badge = f' <span class="verbinding-badge">({_e(t("accountability.ui.insider_badge"))})</span>' if insider else ""
        self.title = widgets.HTML(f"<h4>{_e(name)}{badge}</h4>")
        self.given = widgets.Dropdown(
            options=[(t("accountability.feedback_given_none"), "")]
            + [(t(f"accountability.feedback_given.{g}"), g) for g in FEEDBACK_GIVEN],
            description=t("accountability.ui.given"), tooltip=t("accountability.ui.given_tooltip", name=name),
            style=STYLE, layout=WIDE,
        )
        self.how = widgets.Dropdown(
            options=[(t("accountability.ui.how_none"), "")] + [(how_label(h), h) for h in FEEDBACK_HOW],
            description=t("accountability.ui.how"), style=STYLE, layout=WIDE,
        )
        self.when = widgets.Text(description=t("accountability.ui.when"), placeholder=t("accountability.ui.when_help"),
                                 continuous_update=False, style=STYLE, layout=WIDE)
        self.what = widgets.Text(description=t("accountability.ui.what"), placeholder=t("accountability.ui.what_help"),
                                 continuous_update=False, style=STYLE, layout=WIDE)
        super().__init__([self.title, self.given, self.how, self.when, self.what],
                         layout=widgets.Layout(border_bottom="1px solid #c8d1e0", padding="4px 0 8px 0"))
        self.add_class("verbinding-feedback-row")
        self.add_class(item_class(key))
        for control, field in ((self.given, "given"), (self.how, "how"), (self.when, "when"), (self.what, "what")):
            control.observe(lambda change, f=field: self._changed(f, change["new"]), names="value")
        self._loading = False

    def load(self, entry) -> None:
        self._loading = True
        self.given.value = entry.given
        self.how.value = entry.how if entry.how in FEEDBACK_HOW else ""
        self.when.value = entry.when
        self.what.value = entry.what
        self._loading = False

    def _changed(self, field: str, value: Any) -> None:
        if not self._loading:
            self._on_change(self.key, field, value)


class AccountabilityExercise(widgets.VBox):
    """The whole Accountability exercise for one learner (``page`` has .workbook and .case)."""

    def __init__(self, page):
        self.page = page
        self.workbook = page.workbook
        self.case = self._case()
        self._loading = False
        self._contact_counts: dict[str, int] = {}

        # step 1: weigh
        self.sources_note = widgets.HTML()
        self.rows_box = widgets.VBox()
        self.rows_box.add_class("verbinding-interest-list")
        self.rows: dict[str, InterestRow] = {}
        self.handful_note = widgets.HTML()
        self.handful_note.add_class("verbinding-handful-note")
        self.more_note = widgets.HTML()
        self.more_toggle = widgets.ToggleButton(value=False, icon="chevron-down")
        self.more_toggle.add_class("verbinding-more-toggle")
        self.more_toggle.observe(lambda _c: self._show_rows(), names="value")
        self.move_status = widgets.HTML()
        self.add_name = widgets.Text(description=t("accountability.ui.add_name"), style=STYLE, layout=WIDE)
        self.add_asked = widgets.Text(description=t("accountability.ui.add_asked"), style=STYLE, layout=WIDE)
        self.add_source = widgets.Dropdown(
            options=[(t("accountability.source_none"), "")] + [(source_label(s), s) for s in SOURCES],
            description=t("accountability.ui.add_source"), style=STYLE, layout=WIDE,
        )
        self.add_button = widgets.Button(description=t("accountability.ui.add_button"), icon="plus")
        self.add_button.on_click(lambda _b: self._add())
        self.add_status = widgets.HTML()
        self.checks = widgets.HTML()

        # step 2: feedback
        self.feedback_box = widgets.VBox()
        self.feedback_rows: dict[str, FeedbackRow] = {}
        self.coverage = widgets.HTML()
        self.chart = ChartView()

        # step 3: draft
        self.generate = widgets.Button(description=t("accountability.ui.draft_generate"),
                                       tooltip=t("accountability.ui.draft_generate_tooltip"), icon="pencil")
        self.generate.on_click(lambda _b: self._generate(replace=False))
        self.replace = widgets.Button(description=t("accountability.ui.draft_replace"),
                                      tooltip=t("accountability.ui.draft_replace_tooltip"), icon="refresh")
        self.replace.on_click(lambda _b: self._generate(replace=True))
        self.restore_previous = widgets.Button(description=t("accountability.ui.draft_restore"), icon="undo")
        self.restore_previous.on_click(lambda _b: self._restore_previous())
        self.draft = widgets.Textarea(description=t("accountability.ui.draft_label"), rows=16,
                                      continuous_update=False, style=STYLE,
                                      layout=widgets.Layout(width="100%", max_width="46em"))
        self.draft.observe(self._draft_edited, names="value")
        self.draft_status = widgets.HTML()

        # step 4: download
        self.download_docx = DownloadButton(t("accountability.ui.download_docx"), self._docx_file)
        self.download_md = DownloadButton(t("accountability.ui.download_md"), self._markdown_file)

        super().__init__([
            widgets.HTML(f"<h3>{_e(t('accountability.ui.weigh_title'))}</h3><p>{_e(t('accountability.ui.weigh_intro'))}</p>"),
            self.sources_note,
            self.rows_box,
            widgets.HTML(f"<h4>{_e(t('accountability.ui.add_title'))}</h4>"),
            self.add_name, self.add_asked, self.add_source, self.add_button, self.add_status,
            widgets.HTML(f"<h4>{_e(t('accountability.ui.checks_title'))}</h4>"),
            self.checks,
            widgets.HTML(f"<h3>{_e(t('accountability.ui.feedback_title'))}</h3><p>{_e(t('accountability.ui.feedback_intro'))}</p>"),
            self.feedback_box,
            widgets.HTML(f"<h4>{_e(t('accountability.ui.coverage_title'))}</h4>"),
            self.coverage,
            self.chart,
            widgets.HTML(f"<h3>{_e(t('accountability.ui.draft_title'))}</h3><p>{_e(t('accountability.ui.draft_intro'))}</p>"),
            widgets.HBox([self.generate, self.replace, self.restore_previous], layout=widgets.Layout(flex_flow="row wrap")),
            self.draft,
            self.draft_status,
            widgets.HTML(f"<h3>{_e(t('accountability.ui.download_title'))}</h3><p>{_e(t('accountability.ui.download_intro'))}</p>"),
            widgets.HBox([self.download_docx, self.download_md], layout=widgets.Layout(flex_flow="row wrap")),
        ])
        self.add_class("verbinding-accountability")
        self.workbook.observe(lambda _c: self._load(), names="restores")
        self._load()
        from .quiz import append_module_end  # issue 17: the module's kennischeck

        append_module_end(self, page, "accountability")

    # ----- the case and the sources ------------------------------------------------------
    def _case(self):
        try:
            return self.page.case
        except Exception:  # no case: the exercise still works on typed input
            return None

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

    # ----- loading and saving -------------------------------------------------------------
    def _load(self) -> None:
        self.model = AccountabilityModel.from_dict(self.workbook.module(MODULE_ID))
        sources, note = self._sources()
        self.model.sync_sources(sources)
        self._contact_counts = dict(sources.contact_counts)
        message = f"<p><em>{_e(t(f'accountability.ui.{note}'))}</em></p>"
        if self.case is None:
            message += f'<p class="verbinding-notice">{_e(t("accountability.ui.no_case"))}</p>'
        self.sources_note.value = message
        self.more_toggle.value = any(self.model.started(i) for i in self.model.optional())
        self._rebuild_rows()
        self._rebuild_feedback()
        self._loading = True
        self.draft.value = self.model.draft_text
        self._loading = False
        self._refresh()
        # Opening the module is not doing something: the seeded list and the default handful
        # are worked out again the same way on every load, and go into the workbook with the
        # learner's first edit. A module the learner already began keeps what the sources add.
        saved = self.workbook.module(MODULE_ID)
        if saved and self.model.interests and self.model.to_dict() != saved:
            self._save()

    # The course app calls this when the module is shown again after other modules changed.
    refresh = _load

    def _save(self) -> None:
        self.workbook.set_module(MODULE_ID, self.model.to_dict())

    def _rebuild_rows(self) -> None:
        """The handful first, under its explanation; then the optional parties, folded.
        A row is the same widget wherever it stands (keyed by the interest's id), so what
        the browser keeps for its fields finds it after a move (ui.keeper)."""
        old = self.rows
        self.rows = {}
        for interest in self.model.interests:
            row = old.pop(interest.id, None)
            if row is None:
                row = InterestRow(interest, self._interest_changed, self._remove, self._move)
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
        self._show_rows()

    def _explain_handful(self, count: int) -> None:
        """Why these parties, and which insider the course points out (and why it matters)."""
        total = len(self.model.interests)
        parts = [f"<h4>{_e(t('accountability.ui.handful_title'))}</h4>"]
        intro = (t("accountability.ui.handful_intro", total=total, count=count) if count < total
                 else t("accountability.ui.handful_intro_all", count=count))
        parts.append(f"<p>{_e(intro)}</p>")
        insider = self.model.pointed_out()
        if insider is not None:
            contacts = self._contact_counts.get(insider.org_id, 0)
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
        self.more_note.value = (f"<h4>{_e(t('accountability.ui.more_title'))}</h4>"
                                f"<p>{_e(t('accountability.ui.more_intro'))}</p>") if optional else ""

    def _show_rows(self) -> None:
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

    def _move(self, interest_id: str, into: bool) -> None:
        try:
            interest = (self.model.add_to_handful(interest_id) if into
                        else self.model.remove_from_handful(interest_id))
        except (KeyError, ValueError) as error:
            self.move_status.value = error_alert(error.args[0] if error.args else error)
            return
        key = "handful_added" if into else "handful_removed"
        self.move_status.value = f'<p role="status">{_e(sentence(f"accountability.ui.{key}", name=interest.name))}</p>'
        self._rebuild_rows()
        self._rebuild_feedback()
        self._after_change(feedback=True)

    def _rebuild_feedback(self) -> None:
        old = self.feedback_rows
        self.feedback_rows = {}
        for key, name, insider in self.model.stakeholders():
            row = old.pop(key, None)
            if row is None or (row.name, row.insider) != (name, insider):
                if row is not None:
                    row.close()
                row = FeedbackRow(key, name, insider, self._feedback_changed)
            row.load(self.model.feedback_for(key))
            self.feedback_rows[key] = row
        for row in old.values():
            row.close()
        self.feedback_box.children = list(self.feedback_rows.values())

    # ----- reactions ----------------------------------------------------------------------------
    def _interest_changed(self, interest_id: str, field: str, value: Any) -> None:
        try:
            self.model.update_interest(interest_id, **{field: value})
        except KeyError:
            return
        feedback = [key for key, _name, _insider in self.model.stakeholders()] != list(self.feedback_rows)
        if feedback:  # an optional party was started (or emptied again): its feedback row follows
            self._rebuild_feedback()
        self._after_change(feedback=feedback)

    def _feedback_changed(self, key: str, field: str, value: Any) -> None:
        self.model.set_feedback(key, **{field: value})
        self._after_change(feedback=True)

    def _after_change(self, feedback: bool = False) -> None:
        # An untouched generated draft follows the weighing; an edit is never overwritten.
        if self.model.draft["generated"] and not self.model.draft_edited:
            self.model.generate_draft()
            self._loading = True
            self.draft.value = self.model.draft_text
            self._loading = False
        self._save()
        self._refresh(chart=feedback)

    def _add(self) -> None:
        try:
            interest = self.model.add_interest(self.add_name.value, self.add_asked.value, self.add_source.value)
        except ValueError as error:
            self.add_status.value = error_alert(error)
            return
        self.add_name.value = ""
        self.add_asked.value = ""
        self.add_source.value = ""
        self.add_status.value = f'<p role="status">{_e(sentence("accountability.ui.added", name=interest.name))}</p>'
        self._rebuild_rows()
        self._rebuild_feedback()
        self._after_change(feedback=True)

    def _remove(self, interest_id: str) -> None:
        try:
            name = self.model.get(interest_id).name
            self.model.remove_interest(interest_id)
        except (KeyError, ValueError) as error:
            self.add_status.value = error_alert(error.args[0] if error.args else error)
            return
        self.add_status.value = f'<p role="status">{_e(sentence("accountability.ui.removed", name=name))}</p>'
        self._rebuild_rows()
        self._rebuild_feedback()
        self._after_change(feedback=True)

    def _generate(self, replace: bool) -> None:
        had_edit = self.model.draft_edited
        self.model.generate_draft(replace_edit=replace)
        self._loading = True
        self.draft.value = self.model.draft_text
        self._loading = False
        self._save()
        self._refresh_draft(t("accountability.ui.draft_replaced") if replace and had_edit else "")

    def _restore_previous(self) -> None:
        try:
            self.model.restore_previous_edit()
        except ValueError as error:
            self._refresh_draft(str(error))
            return
        self._loading = True
        self.draft.value = self.model.draft_text
        self._loading = False
        self._save()
        self._refresh_draft(t("accountability.ui.draft_restored"))

    def _draft_edited(self, change) -> None:
        if self._loading:
            return
        self.model.edit_draft(change["new"])
        self._save()
        self._refresh_draft()

    # ----- display ------------------------------------------------------------------------------
    def _refresh(self, chart: bool = True) -> None:
        weighing = self.model.weighing_findings()
        findings = weighing + (self.model.feedback_findings() if self.model.interests else [])
        per_interest: dict[str, list[str]] = {}
        for f in weighing:
            if f.subject in self.rows:
                per_interest.setdefault(f.subject, []).append(f.message)
        for interest_id, row in self.rows.items():
            row.show_findings(per_interest.get(interest_id, []))
        messages = group_findings(findings)
        value = (_list_html(messages) if messages
                 else f'<p class="verbinding-ok">{_e(t("accountability.checks.all_good"))}</p>')
        if messages and self.model.interests and not any(f.kind in OPEN_KINDS for f in findings):
            # what is left are questions to think about (a dimension nobody speaks for, ...)
            value = f'<p class="verbinding-ok">{_e(t("accountability.checks.handful_done"))}</p>' + value
        if self.checks.value != value:
            self.checks.value = value
        coverage = self.model.coverage_text()
        self.coverage.value = f"<p>{_e(coverage)}</p>"
        if chart:  # the paragraph above gives the figures; the summary describes the chart
            if self.model.interests:
                self.chart.update(coverage_chart(self.model), coverage_chart_summary(self.model))
            else:
                self.chart.update(None, "")
        self._refresh_draft()

    def _refresh_draft(self, message: str = "") -> None:
        lines = self.model.draft_status() if (self.model.draft["generated"] or self.model.draft_edited) else []
        if message:
            lines = [message] + lines
        self.draft_status.value = "".join(f"<p>{_e(line)}</p>" for line in lines)
        self.replace.disabled = not self.model.draft_edited
        self.restore_previous.disabled = not self.model.draft["history"]

    # ----- downloads ------------------------------------------------------------------------------
    def _docx_file(self) -> tuple[str, bytes]:
        return rationale_filename("docx"), rationale_docx(self.model.to_dict(), _case_title(self.case))

    def _markdown_file(self) -> tuple[str, bytes]:
        return rationale_filename("md"), rationale_markdown(self.model.to_dict(), _case_title(self.case)).encode("utf-8")

    def show(self) -> AccountabilityExercise:
        display(self)
        return self
