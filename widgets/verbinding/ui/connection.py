"""Widgets of the Connection exercise, thin over :mod:`verbinding.connection`.

Five labelled steps: guess then measure; the insider rule; the uneven playing field; new
connections; counter-voice. Every control has a label, every change is saved in the
workbook (module ``connection``) at once, learner text is always shown escaped, every
chart has a text summary beside it; each step with access figures has one note, above
them, that access is not influence.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from .. import access, dutch
from ..connection import (
    MODULE_ID,
    STEPS,
    CaseAnalysis,
    ConnectionWork,
    InsiderRule,
    candidates_count_text,
    counter_voice_feedback,
    early_late_text,
    field_note_feedback,
    filter_candidates,
    gap_dimensions_from_outreach,
    guess_feedback,
    insider_feedback,
    invitation_feedback,
    learner_dimensions,
    no_candidates_text,
    organisations_text,
    playing_field_text,
    search_scope_text,
    step_label,
)
from ..texts import t, tlist
from .charts import ChartView, SelectableChartView
from .fields import item_class
from .markup import escape as _e

WIDE = widgets.Layout(width="100%", max_width="46em")
STYLE = {"description_width": "12em"}
TOP_N = 15


def _heading(key: str) -> widgets.HTML:
    return widgets.HTML(f"<h3>{_e(t(key))}</h3>")


def _para(key: str) -> widgets.HTML:
    return widgets.HTML(f"<p>{_e(t(key))}</p>")


def _feedback(items: list[str] | str) -> str:
    items = [items] if isinstance(items, str) else list(items)
    body = "".join(f"<p>{_e(item)}</p>" for item in items)
    return f'<div class="verbinding-feedback" role="status" aria-live="polite">{body}</div>'


MAX_CANDIDATES = 200  # options in the invite list; the page says how many more match


def _caveat() -> widgets.HTML:
    """The one "access is not influence" note of a step with access figures, above them."""
    return widgets.HTML(f'<p class="verbinding-caveat" role="note">{_e(t("common.access_caveat"))}</p>')


def _label(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ConnectionExercise(widgets.VBox):
    """The whole Connection exercise for one learner (``page`` has .workbook and .case)."""

    def __init__(self, page):
        self.page = page
        self.workbook = page.workbook
        self.analysis = CaseAnalysis(page.case)
        self.work = ConnectionWork()
        self._loading = False
        self.result = None  # the insider rule's result (step 2)
        self._chart_keys: dict[int, str] = {}
        a = self.analysis
        first, last = a.years
        span = max(1, last - first + 1)

        # step 1: guess, then measure ----------------------------------------------------
        self.guess = widgets.IntSlider(
            value=10, min=0, max=100, step=1, description=t("connection.ui.guess_label"),
            style=STYLE, layout=WIDE,
        )
        self.reveal = widgets.Button(
            description=t("connection.ui.reveal"), button_style="primary",
            tooltip=t("connection.ui.reveal_help"), layout=widgets.Layout(width="auto"),
        )
        self.guess_feedback = widgets.HTML()
        self.lorenz_view = ChartView()
        self.top_select = widgets.Select(
            description=t("connection.ui.top_label"), rows=8, style=STYLE, layout=WIDE,
        )
        self.top_detail = widgets.HTML()
        self.top_view = SelectableChartView(key="org_id", label="name")
        self.measured_box = widgets.VBox(
            [_caveat(), self.guess_feedback,
             widgets.HBox([self.lorenz_view, self.top_view], layout=widgets.Layout(flex_flow="row wrap")),
             _para("connection.ui.top_help"),
             self.top_select, self.top_detail]
        )
        self.measured_box.layout.display = "none"

        # step 2: insider rule --------------------------------------------------------------
        self.rule_kind = widgets.ToggleButtons(
            description=t("connection.ui.rule_kind"),
            options=[(t("connection.ui.rule_presence"), "presence"), (t("connection.ui.rule_top"), "top")],
            style=STYLE,
        )
        self.min_years = widgets.IntSlider(value=min(4, span), min=1, max=span, description=t("connection.ui.min_years"), style=STYLE)
        self.last_years = widgets.IntSlider(value=min(4, span), min=1, max=span, description=t("connection.ui.last_years"), style=STYLE)
        self.top_pct = widgets.IntSlider(value=10, min=1, max=50, description=t("connection.ui.top_pct"), style=STYLE)
        self.rule_feedback = widgets.HTML()
        self.scatter_view = SelectableChartView(key="org_id", label="name")
        self.insider_select = widgets.Select(description=t("connection.ui.insider_list"), rows=8, style=STYLE, layout=WIDE)
        self.insider_detail = widgets.HTML()

        # step 3: the uneven playing field --------------------------------------------------
        self.field_view = ChartView()
        self.dims_view = ChartView()
        self.field_note = widgets.Textarea(
            description=t("connection.ui.field_note_label"), placeholder=t("connection.ui.field_note_placeholder"),
            continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.field_note_feedback = widgets.HTML()
        self.field_locked = widgets.HTML(f'<p class="verbinding-notice">{_e(t("connection.ui.step_locked"))}</p>')
        self.field_charts = widgets.VBox([self.field_view, self.dims_view])

        # step 4: new connections -----------------------------------------------------------
        self.gap_message = widgets.HTML()
        self.gap_select = widgets.SelectMultiple(
            description=t("connection.ui.gap_label"),
            options=[(d.name, str(d.id)) for d in a.dimensions], rows=min(8, max(2, len(a.dimensions))),
            style=STYLE, layout=WIDE,
        )
        self.max_links = widgets.IntSlider(value=1, min=0, max=10, description=t("connection.ui.max_links_label"), style=STYLE)
        self.search = widgets.Text(description=t("connection.ui.search_label"), placeholder=t("connection.ui.search_placeholder"),
                                   continuous_update=False, style=STYLE, layout=WIDE)
        self.search_scope = widgets.HTML()
        self.candidates_count = widgets.HTML()
        self.candidates = widgets.Select(description=t("connection.ui.candidates_label"), rows=8, style=STYLE, layout=WIDE)
        self.invite_button = widgets.Button(description=t("connection.ui.invite"), button_style="primary",
                                            layout=widgets.Layout(width="auto"))
        self.candidate_message = widgets.HTML()
        self.invited_box = widgets.VBox()
        self.reason_boxes: dict[str, widgets.Textarea] = {}
        self.remove_buttons: dict[str, widgets.Button] = {}
        self.invite_feedback = widgets.HTML()

        # step 5: counter-voice -------------------------------------------------------------
        self.format_boxes = {
            str(item["id"]): widgets.Checkbox(description=str(item["label"]), indent=False, layout=WIDE)
            for item in tlist("connection.counter_voice.formats")
        }
        self.facilitation_boxes = {
            str(item["id"]): widgets.Checkbox(description=str(item["label"]), indent=False, layout=WIDE)
            for item in tlist("connection.counter_voice.facilitation")
        }
        self.step_boxes = {s: widgets.Checkbox(description=step_label(s), indent=False) for s in STEPS}
        self.whom = widgets.Textarea(description=t("connection.ui.whom_label"), placeholder=t("connection.ui.whom_placeholder"),
                                     continuous_update=False, style=STYLE, layout=WIDE)
        self.alternatives = widgets.Textarea(description=t("connection.ui.alternatives_label"),
                                             placeholder=t("connection.ui.alternatives_placeholder"),
                                             continuous_update=False, style=STYLE, layout=WIDE)
        self.cv_note = widgets.Textarea(description=t("connection.ui.note_label"), placeholder=t("connection.ui.note_placeholder"),
                                        continuous_update=False, style=STYLE, layout=WIDE)
        self.cv_feedback = widgets.HTML()
        self.status = widgets.HTML()

        def group(key: str, boxes: dict) -> widgets.VBox:
            return widgets.VBox([widgets.HTML(f"<strong>{_e(t(key))}</strong>"), *boxes.values()],
                                layout=widgets.Layout(border="1px solid #ddd", padding="4px", margin="4px 0"))

        self.sections = [
            widgets.VBox([_heading("connection.ui.step1_title"), _para("connection.ui.step1_intro"),
                          self.guess, self.reveal, self.measured_box]),
            widgets.VBox([_heading("connection.ui.step2_title"), _para("connection.ui.step2_intro"),
                          _caveat(), self.rule_kind, self.min_years, self.last_years, self.top_pct, self.rule_feedback,
                          self.scatter_view, _para("connection.ui.insider_help"), self.insider_select,
                          self.insider_detail]),
            widgets.VBox([_heading("connection.ui.step3_title"), _para("connection.ui.step3_intro"),
                          _caveat(), self.field_locked, self.field_charts, self.field_note, self.field_note_feedback]),
            widgets.VBox([_heading("connection.ui.step4_title"), _para("connection.ui.step4_intro"),
                          self.gap_message, self.gap_select, self.max_links, self.search, self.search_scope,
                          self.candidates_count,
                          self.candidates,
                          self.invite_button, self.candidate_message,
                          widgets.HTML(f"<h4>{_e(t('connection.ui.invited_title'))}</h4>"),
                          self.invited_box, self.invite_feedback]),
            widgets.VBox([_heading("connection.ui.step5_title"), _para("connection.ui.step5_intro"),
                          group("connection.ui.formats_label", self.format_boxes),
                          group("connection.ui.facilitation_label", self.facilitation_boxes),
                          self.whom, group("connection.ui.steps_label", self.step_boxes),
                          self.alternatives, self.cv_note, self.cv_feedback]),
        ]
        for section in self.sections:
            section.add_class("verbinding-step")
        super().__init__([self.status, *self.sections])
        self.add_class("verbinding-connection")

        # wiring -------------------------------------------------------------------------
        self.reveal.on_click(self._reveal)
        self.top_select.observe(self._top_selected, names="value")
        self.top_view.on_select(lambda org_id: self._pick(self.top_select, org_id))
        self.scatter_view.on_select(lambda org_id: self._pick(self.insider_select, org_id))
        for control in (self.rule_kind, self.min_years, self.last_years, self.top_pct):
            control.observe(self._rule_changed, names="value")
        self.insider_select.observe(self._insider_selected, names="value")
        self.field_note.observe(self._field_note_changed, names="value")
        self.gap_select.observe(self._gaps_changed, names="value")
        self.max_links.observe(lambda _change: self._refresh_candidates(), names="value")
        self.search.observe(lambda _change: self._refresh_candidates(), names="value")
        self.invite_button.on_click(self._invite)
        for boxes in (self.format_boxes, self.facilitation_boxes, self.step_boxes):
            for box in boxes.values():
                box.observe(self._counter_changed, names="value")
        for area in (self.whom, self.alternatives, self.cv_note):
            area.observe(self._counter_changed, names="value")
        self.workbook.observe(self._restored, names="restores")

        self._static_charts()
        self._load()
        from .quiz import append_module_end  # issue 17: the module's kennischeck

        append_module_end(self, page, "connection")

    # ----- loading and saving -------------------------------------------------------------
    def _load(self) -> None:
        self._loading = True
        try:
            self.work = ConnectionWork.from_dict(self.workbook.module(MODULE_ID))
            w = self.work
            self.guess.value = w.guess if w.guess is not None else 10
            self.rule_kind.value = w.rule.kind
            self.last_years.value = min(max(w.rule.last_years, self.last_years.min), self.last_years.max)
            self.min_years.value = min(w.rule.min_years, self.last_years.value)
            self.top_pct.value = min(max(w.rule.top_pct, self.top_pct.min), self.top_pct.max)
            self.field_note.value = w.playing_field_note
            self._load_gaps()
            cv = w.counter_voice
            for key, box in self.format_boxes.items():
                box.value = key in cv.formats
            for key, box in self.facilitation_boxes.items():
                box.value = key in cv.facilitation
            for key, box in self.step_boxes.items():
                box.value = key in cv.steps
            self.whom.value, self.alternatives.value, self.cv_note.value = cv.whom, cv.alternatives, cv.note
        finally:
            self._loading = False
        self._show_reveal()
        self._refresh_rule()
        self.field_note_feedback.value = _feedback(field_note_feedback(self.work.playing_field_note))
        self._refresh_candidates()
        self._rebuild_invited()
        self._refresh_counter()

    # The course app calls this when the module is shown again after other modules changed.
    refresh = _load

    def _dimensions(self) -> list:
        """The learner's current dimensions (module 2's list, as module 4 uses it)."""
        return learner_dimensions(self.analysis.dimensions, self.workbook.module("outreach"))

    def _dimension_names(self) -> dict[str, str]:
        return {**self.analysis.dimension_names, **{d.id: d.name for d in self._dimensions()}}

    def _load_gaps(self) -> None:
        dims = self._dimensions()
        options = [(d.name, d.id) for d in dims]
        if list(self.gap_select.options) != options:
            self.gap_select.value = ()
            self.gap_select.options = options
            self.gap_select.rows = min(8, max(2, len(options)))
        known = {d.id for d in dims}
        names = {d.id: d.name for d in dims}
        outreach = [g for g in gap_dimensions_from_outreach(self.workbook.module("outreach")) if g in known]
        if outreach and not self.work.gap_dimensions:
            self.work.gap_dimensions = outreach
        if outreach:
            listed = dutch.join(names.get(g, g) for g in outreach)
            self.gap_message.value = f"<p>{_e(t('connection.ui.gaps_from_outreach', dimensions=listed))}</p>"
        else:
            self.gap_message.value = f"<p>{_e(t('connection.ui.gaps_choose'))}</p>"
        self.gap_select.value = tuple(g for g in self.work.gap_dimensions if g in known)

    def _save(self) -> None:
        if self._loading:
            return
        self.work.case = self.analysis.case_id
        self.workbook.set_module(MODULE_ID, self.work.to_dict())

    def _restored(self, _change=None) -> None:
        self._load()
        self.status.value = f'<p role="status">{_e(t("connection.ui.restored"))}</p>'

    def _render(self, view: ChartView, spec: dict, summary: str) -> None:
        """Render a chart slot only when its content changed (SVG rendering is the slow part)."""
        import json

        key = json.dumps(spec, sort_keys=True, default=str) + summary
        if self._chart_keys.get(id(view)) == key:
            return
        self._chart_keys[id(view)] = key
        view.update(spec, summary)

    # ----- step 1 -----------------------------------------------------------------------
    def _reveal(self, _button=None) -> None:
        self.work.guess = int(self.guess.value)
        self.work.revealed = True
        self.work.measured = self.analysis.measured_snapshot()
        self._show_reveal()
        self._refresh_rule()  # the shares in step 2 are shown from now on
        self._save()

    def _show_reveal(self) -> None:
        revealed = self.work.revealed
        self.guess.disabled = revealed
        self.reveal.disabled = revealed
        self.reveal.tooltip = t("connection.ui.guess_locked") if revealed else t("connection.ui.reveal_help")
        self.measured_box.layout.display = None if revealed else "none"
        self.field_locked.layout.display = "none" if revealed else None
        self.field_charts.layout.display = None if revealed else "none"
        if not revealed:
            return
        a = self.analysis
        c = a.concentration
        text = guess_feedback(self.work.guess, c.top10pct_share, c.top10pct_count)
        measure = t(
            "connection.measure.summary",
            organisations=organisations_text(c.organisations), links=dutch.number(c.links),
            top_organisations=organisations_text(c.top10pct_count),
            share=dutch.percent(c.top10pct_share), top10=dutch.percent(c.top10_share),
            gini=dutch.number(c.gini, 2), single=dutch.percent(c.single_link_share),
        )
        self.guess_feedback.value = _feedback([text, measure])
        if not self.top_select.options:
            top = a.top_table(TOP_N)
            self.top_select.options = [(_label(f"{r.name} ({r.links})"), str(r.org_id)) for r in top.itertuples()]
            self.top_select.value = None
        self._render_top()

    def _render_top(self) -> None:
        a = self.analysis
        top = a.top_table(TOP_N)
        items = dutch.join(f"{r.name} ({r.links})" for r in top.head(5).itertuples())
        self._render(self.top_view, access.top_spec(top),
                     t("connection.measure.top_summary", items=items))

    @staticmethod
    def _pick(select: widgets.Select, org_id: str) -> None:
        """An organisation clicked in a chart: select it in the list beside the chart."""
        if org_id in {value for _, value in select.options}:
            select.value = org_id

    def _static_charts(self) -> None:
        a = self.analysis
        curve = a.lorenz
        bottom = float(curve.loc[curve["org_share"] <= 0.5 + 1e-9, "link_share"].iloc[-1])
        self._render(
            self.lorenz_view, access.lorenz_spec(curve),
            t("connection.measure.lorenz_summary", bottom_half=dutch.percent(bottom),
              top=dutch.percent(a.concentration.top10pct_share)),
        )
        rep = a.representation
        self._render(self.field_view,
                     access.shares_spec(rep, "label", "access.chart.rep_title", "access.chart.rep_y"),
                     t("connection.field.chart_summary", text=playing_field_text(rep, a.business_shares)))
        dims = a.dimension_access
        items = "; ".join(
            t("connection.field.dims_item", name=r.name, experts=organisations_text(r.experts),
              access=dutch.percent(r.access_share), top=r.top_experts)
            for r in dims.itertuples()
        )
        self._render(self.dims_view,
                     access.shares_spec(dims, "name", "access.chart_dims.title", "access.chart_dims.y"),
                     t("connection.field.dims_summary", items=items))

    def _org_detail(self, org_id: str | None) -> str:
        if not org_id:
            return ""
        a = self.analysis
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
        return _feedback(text)

    def _top_selected(self, change) -> None:
        org_id = change["new"]
        self.top_detail.value = self._org_detail(org_id)
        self.top_view.selected = org_id  # marked in the chart by the browser, no new SVG
        if org_id and org_id in {v for _, v in self.insider_select.options}:
            self.insider_select.value = org_id  # selecting here selects it in step 2 too
        else:
            self._render_scatter()

    # ----- step 2 -----------------------------------------------------------------------
    def _current_rule(self) -> InsiderRule:
        last = int(self.last_years.value)
        return InsiderRule(kind=self.rule_kind.value, min_years=min(int(self.min_years.value), last),
                           last_years=last, top_pct=int(self.top_pct.value))

    def _rule_changed(self, change) -> None:
        if self._loading:
            return
        if change["owner"] is self.last_years:
            self.min_years.max = self.last_years.value
        self._refresh_rule()
        self._save()

    def _refresh_rule(self) -> None:
        a = self.analysis
        rule = self._current_rule()
        presence = rule.kind == "presence"
        self.min_years.layout.display = None if presence else "none"
        self.last_years.layout.display = None if presence else "none"
        self.top_pct.layout.display = "none" if presence else None
        self.min_years.max = self.last_years.value
        self.result = a.insiders(rule)
        self.work.rule = rule
        self.work.insiders = self.result.snapshot(a.names)
        first, last = a.years
        self.rule_feedback.value = _feedback(
            [insider_feedback(self.result, a.names, revealed=self.work.revealed),
             early_late_text(a.early_late, first, last, revealed=self.work.revealed)]
        )
        keep = self.insider_select.value
        options = [(_label(f"{a.name(m)} ({int(a.counts.get(m, 0))})"), m) for m in self.result.members]
        self._loading, was = True, self._loading
        try:
            self.insider_select.options = options
            self.insider_select.value = keep if keep in set(self.result.members) else None
        finally:
            self._loading = was
        self._render_scatter()

    def _render_scatter(self) -> None:
        a = self.analysis
        first, last = a.years
        table = a.early_late_table.copy()
        members = set(self.result.members)
        table["insider"] = table.index.isin(list(members))
        selected = self.insider_select.value or self.top_select.value
        # An insider is a link in the chart: the browser marks it, no new SVG is needed. Any
        # other organisation chosen in step 1 has no link and is drawn larger in the SVG.
        self.scatter_view.selected = self.insider_select.value
        drawn = selected if selected not in members else None
        periods = (first, a.split_year - 1, a.split_year, last)
        self._render(self.scatter_view, access.early_late_spec(table, periods, drawn),
                     t("connection.rule.chart_summary", count=len(self.result.members)))

    def _insider_selected(self, change) -> None:
        if self._loading:
            return
        self.insider_detail.value = self._org_detail(change["new"])
        self._render_scatter()

    # ----- step 3 -----------------------------------------------------------------------
    def _field_note_changed(self, change) -> None:
        if self._loading:
            return
        self.work.playing_field_note = str(change["new"])
        self.field_note_feedback.value = _feedback(field_note_feedback(self.work.playing_field_note))
        self._save()

    # ----- step 4 -----------------------------------------------------------------------
    def _gaps_changed(self, change) -> None:
        if self._loading:
            return
        self.work.gap_dimensions = list(change["new"])
        names = self._dimension_names()
        self.work.gap_names = [names.get(g, g) for g in self.work.gap_dimensions]
        self._refresh_candidates()
        self._refresh_invite_feedback()
        self._save()

    def _refresh_candidates(self) -> None:
        a = self.analysis
        dims = list(self.gap_select.value) or None
        linked = self._linked_in_outreach()
        table = a.candidates(dims, max_links=int(self.max_links.value), always=linked)
        invited = {i.org_id for i in self.work.invitations}
        table = table[~table["org_id"].isin(invited)]
        table, matched = filter_candidates(table, self.search.value, always=linked, limit=MAX_CANDIDATES)
        options = []
        for r in table.itertuples():
            contacts = dutch.count(int(r.links), t("connection.ui.contacts_one"), t("connection.ui.contacts_many"))
            options.append((_label(t("connection.ui.candidate_option", name=_label(r.name, 50), type=r.type_label,
                                       links=contacts, dimensions=r.dimension_names or "-"), 160), str(r.org_id)))
        lines = [candidates_count_text(matched, len(options))]
        pinned = [a.name(o) for o in linked if o in set(table["org_id"].astype(str))]
        if pinned:
            lines.append(dutch.tidy(t("connection.ui.candidates_pinned", names=dutch.join(pinned))))
        self.candidates_count.value = "".join(f"<p>{_e(line)}</p>" for line in lines) if matched else ""
        self.candidates.options = options
        self.candidates.value = options[0][1] if options else None
        self.invite_button.disabled = not options
        chosen = set(self.gap_select.value)
        selected = [d for d in self._dimensions() if d.id in chosen]
        self.search_scope.value = "".join(f"<p>{_e(line)}</p>" for line in search_scope_text(selected))
        if options:
            self.candidate_message.value = ""
            return
        without = 0
        if selected and self.search.value.strip():
            wider = a.candidates(None, max_links=int(self.max_links.value), always=linked)
            without = filter_candidates(wider[~wider["org_id"].isin(invited)], self.search.value, always=linked)[1]
        self.candidate_message.value = f"<p>{_e(no_candidates_text(self.search.value, selected, without))}</p>"

    def _linked_in_outreach(self) -> list[str]:
        """Case organisations the learner linked in module 2 (always in the invite list)."""
        outreach = self.workbook.module("outreach")
        rows = outreach.get("stakeholders") if isinstance(outreach, dict) else None
        ids = [str(r.get("org_id")) for r in rows or [] if isinstance(r, dict) and r.get("org_id")]
        return [i for i in dict.fromkeys(ids) if i in self.analysis.names]

    def _invite(self, _button=None) -> None:
        org_id = self.candidates.value
        if not org_id:
            return
        self.work.invite(self.analysis.invitation_for(org_id))
        self._save()
        self._rebuild_invited()
        self._refresh_candidates()

    def _remove(self, org_id: str) -> None:
        self.work.uninvite(org_id)
        self._save()
        self._rebuild_invited()
        self._refresh_candidates()

    def _rebuild_invited(self) -> None:
        rows = []
        self.reason_boxes, self.remove_buttons = {}, {}
        for inv in self.work.invitations:
            name = inv.name or inv.org_id
            reason = widgets.Textarea(
                value=inv.reason, description=_label(t("connection.ui.reason_label", name=name), 40),
                placeholder=t("connection.ui.reason_placeholder"), continuous_update=False,
                style=STYLE, layout=WIDE,
            )
            reason.observe(lambda change, org=inv.org_id: self._reason_changed(org, change), names="value")
            remove = widgets.Button(description=_label(f"{t('connection.ui.remove')}: {name}", 50),
                                    layout=widgets.Layout(width="auto"))
            remove.on_click(lambda _b, org=inv.org_id: self._remove(org))
            info = widgets.HTML(f"<p><strong>{_e(name)}</strong> · {_e(inv.type_label)} · "
                                f"{_e(', '.join(inv.dimensions))}</p>")
            self.reason_boxes[inv.org_id] = reason
            self.remove_buttons[inv.org_id] = remove
            rows.append(widgets.VBox([info, reason, remove]).add_class(item_class(inv.org_id)))
        old = list(self.invited_box.children)
        self.invited_box.children = rows
        for row in old:
            for child in row.children:
                child.close()
            row.close()
        self._refresh_invite_feedback()

    def _reason_changed(self, org_id: str, change) -> None:
        self.work.set_reason(org_id, str(change["new"]))
        self._save()
        self._refresh_invite_feedback()

    def _refresh_invite_feedback(self) -> None:
        a = self.analysis
        names = self._dimension_names()
        gaps = {g: names.get(g, g) for g in self.work.gap_dimensions}
        insiders = self.result.members if self.result is not None else ()
        notes = invitation_feedback(self.work, insiders, gaps, a.org_dimensions)
        self.invite_feedback.value = _feedback(notes)

    # ----- step 5 -----------------------------------------------------------------------
    def _counter_changed(self, _change=None) -> None:
        if self._loading:
            return
        cv = self.work.counter_voice
        cv.formats = [k for k, box in self.format_boxes.items() if box.value]
        cv.facilitation = [k for k, box in self.facilitation_boxes.items() if box.value]
        cv.steps = [k for k, box in self.step_boxes.items() if box.value]
        cv.whom = self.whom.value
        cv.alternatives = self.alternatives.value
        cv.note = self.cv_note.value
        self._refresh_counter()
        self._save()

    def _refresh_counter(self) -> None:
        self.cv_feedback.value = _feedback(counter_voice_feedback(self.work.counter_voice))

    def show(self) -> ConnectionExercise:
        display(self)
        return self
