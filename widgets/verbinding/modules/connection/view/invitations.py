"""Step 4 of Connection: new connections. The dimensions with missing expertise (module
2's gaps, or chosen here), the organisations with that expertise and few contacts (with
a search, and module 2's linked organisations always on top), and the invited ones, each
with a reason and a remove button."""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets

from verbinding import dutch
from verbinding.modules.connection import (
    DimensionChoice,
    candidate_detail_text,
    candidate_text,
    candidates_count_text,
    filter_candidates,
    gap_source_text,
    invitation_feedback,
    invited_text,
    learner_dimensions,
    no_candidates_text,
    outreach_gaps,
    pinned_text,
    search_scope_text,
)
from verbinding.modules.connection.view.common import BUTTON, MAX_CANDIDATES, STYLE, Step, feedback
from verbinding.texts import t
from verbinding.ui.fields import item_class
from verbinding.ui.layout import WIDE, heading, mid, one_line, paragraph, remove_button, subheading
from verbinding.ui.markup import escape as _e


class InvitationsStep(Step):
    """Step 4: choose gaps, find candidates, invite them with a reason."""

    public = ("gap_message", "gap_select", "max_links", "search", "search_scope", "candidates_count", "candidates",
              "candidate_detail", "invite_button", "candidate_message", "invited_box", "reason_boxes", "remove_buttons",
              "invite_feedback")

    def __init__(self, exercise):
        super().__init__(exercise)
        dimensions = self.analysis.dimensions
        self.gap_message = widgets.HTML()
        self.gap_select = widgets.SelectMultiple(
            description=t("connection.ui.gap_label"),
            options=[(d.name, str(d.id)) for d in dimensions], rows=min(8, max(2, len(dimensions))),
            style=STYLE, layout=WIDE,
        )
        self.max_links = widgets.IntSlider(value=1, min=0, max=10, description=t("connection.ui.max_links_label"),
                                           style=STYLE, layout=mid())
        self.search = widgets.Text(description=t("connection.ui.search_label"),
                                   placeholder=t("connection.ui.search_placeholder"),
                                   continuous_update=False, style=STYLE, layout=WIDE)
        self.search_scope = widgets.HTML()
        self.candidates_count = widgets.HTML()
        self.candidates = widgets.Select(description=t("connection.ui.candidates_label"), rows=8, style=STYLE,
                                         layout=WIDE)
        self.candidate_detail = widgets.HTML()  # the chosen row in full (a row is one line)
        self.invite_button = widgets.Button(description=t("connection.ui.invite"), button_style="primary",
                                            layout=BUTTON)
        self.candidate_message = widgets.HTML()
        self.invited_box = widgets.VBox()
        # one reason box and one remove button per invitation, by org id (filled in place)
        self.reason_boxes: dict[str, widgets.Textarea] = {}
        self.remove_buttons: dict[str, widgets.Button] = {}
        self.invite_feedback = widgets.HTML()
        self.build(heading("connection.ui.step4_title"), paragraph("connection.ui.step4_intro"),
                   self.gap_message, self.gap_select, self.max_links, self.search, self.search_scope,
                   self.candidates_count,
                   self.candidates, self.candidate_detail,
                   self.invite_button, self.candidate_message,
                   subheading("connection.ui.invited_title"),
                   self.invited_box, self.invite_feedback)

        self.gap_select.observe(self._gaps_changed, names="value")
        self.max_links.observe(lambda _change: self.show_candidates(), names="value")
        self.search.observe(lambda _change: self.show_candidates(), names="value")
        self.invite_button.on_click(self._invite)
        self.candidates.observe(lambda _change: self._show_candidate_detail(), names="value")

    # ----- the dimensions ------------------------------------------------------------
    def _dimensions(self) -> list[DimensionChoice]:
        """The learner's current dimensions (module 2's list, as module 4 uses it)."""
        return learner_dimensions(self.analysis.dimensions, self.exercise.workbook.module("outreach"))

    def _dimension_names(self) -> dict[str, str]:
        return {**self.analysis.dimension_names, **{d.id: d.name for d in self._dimensions()}}

    def read(self, work) -> None:
        """The learner's dimensions as choices; module 2's gaps chosen when none are saved here."""
        dims = self._dimensions()
        options = [(d.name, d.id) for d in dims]
        if list(self.gap_select.options) != options:
            self.gap_select.value = ()
            self.gap_select.options = options
            self.gap_select.rows = min(8, max(2, len(options)))
        known = {d.id for d in dims}
        names = {d.id: d.name for d in dims}
        outreach = [g for g in outreach_gaps(self.exercise.workbook.module("outreach")).expertise if g in known]
        if outreach and not work.gap_dimensions:
            work.gap_dimensions = outreach
            work.gap_names = [names.get(g, g) for g in outreach]
        self.gap_select.value = tuple(g for g in work.gap_dimensions if g in known)
        self.show_gap_source()

    def show_gap_source(self) -> None:
        """Where the chosen dimensions come from, as module 2 holds it now."""
        dims = self._dimensions()
        known = {d.id for d in dims}
        gaps = outreach_gaps(self.exercise.workbook.module("outreach"))
        gaps = replace(gaps, expertise=tuple(g for g in gaps.expertise if g in known))
        text = gap_source_text(gaps, {d.id: d.name for d in dims}, self.gap_select.value)
        self.gap_message.value = f"<p>{_e(text)}</p>"

    def update(self) -> None:
        self.show_candidates()
        self._show_invited()

    def _gaps_changed(self, change) -> None:
        if self.exercise.loading:
            return
        self.work.gap_dimensions = list(change["new"])
        names = self._dimension_names()
        self.work.gap_names = [names.get(g, g) for g in self.work.gap_dimensions]
        self.show_gap_source()
        self.show_candidates()
        self.show_feedback()
        self.exercise.save_work()

    # ----- the candidates ------------------------------------------------------------
    def show_candidates(self) -> None:
        a = self.analysis
        dims = list(self.gap_select.value) or None
        linked = self._linked_in_outreach()
        table = a.candidates(dims, max_links=int(self.max_links.value), always=linked)
        invited = {i.org_id for i in self.work.invitations}
        table = table[~table["org_id"].isin(invited)]
        table, matched = filter_candidates(table, self.search.value, always=linked, limit=MAX_CANDIDATES)
        options = []
        names = self._dimension_names()
        for r in table.itertuples():
            org_dims = a.org_dimensions.get(str(r.org_id), [])
            text = candidate_text(one_line(r.name, 50), self._contacts(int(r.links)), r.type_label, org_dims,
                                  self.gap_select.value, names)
            options.append((one_line(text, 160), str(r.org_id)))
        lines = [candidates_count_text(matched, len(options))] if matched else []
        shown = set(table["org_id"].astype(str))
        chosen = set(self.gap_select.value)
        pinned = [o for o in linked if o in shown]
        outside = [o for o in pinned if chosen and not chosen & set(a.org_dimensions.get(o, []))]
        hidden = [o for o in linked if o not in invited and a.contacts_of(o) > int(self.max_links.value)]
        lines += pinned_text([a.name(o) for o in pinned], [a.name(o) for o in outside], [a.name(o) for o in hidden],
                             int(self.max_links.value))
        self.candidates_count.value = "".join(f"<p>{_e(line)}</p>" for line in lines)
        self.candidates.options = options
        self.candidates.value = options[0][1] if options else None
        self._show_candidate_detail()
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

    @staticmethod
    def _contacts(links: int) -> str:
        return dutch.count(links, t("connection.ui.contacts_one"), t("connection.ui.contacts_many"))

    def _show_candidate_detail(self) -> None:
        org_id = self.candidates.value
        if not org_id:
            self.candidate_detail.value = ""
            return
        a = self.analysis
        text = candidate_detail_text(a.name(org_id), self._contacts(a.contacts_of(org_id)),
                                     a.type_label(a.types.get(org_id, "")), a.org_dimensions.get(org_id, []),
                                     self._dimension_names())
        self.candidate_detail.value = f"<p>{_e(text)}</p>"

    def _linked_in_outreach(self) -> list[str]:
        """Case organisations the learner linked in module 2 (always in the invite list)."""
        outreach = self.exercise.workbook.module("outreach")
        rows = outreach.get("stakeholders") if isinstance(outreach, dict) else None
        ids = [str(r.get("org_id")) for r in rows or [] if isinstance(r, dict) and r.get("org_id")]
        return [i for i in dict.fromkeys(ids) if i in self.analysis.names]

    # ----- the invitations -----------------------------------------------------------
    def _invite(self, _button=None) -> None:
        org_id = self.candidates.value
        if not org_id:
            return
        self.work.invite(self.analysis.invitation_for(org_id))
        self.exercise.save_work()
        self._show_invited()
        self.show_candidates()

    def _remove(self, org_id: str) -> None:
        self.work.uninvite(org_id)
        self.exercise.save_work()
        self._show_invited()
        self.show_candidates()

    def _show_invited(self) -> None:
        """One row per invitation (name, type, expertise; reason; remove button)."""
        rows = []
        self.reason_boxes.clear()
        self.remove_buttons.clear()
        for inv in self.work.invitations:
            name = inv.name or inv.org_id
            reason = widgets.Textarea(
                value=inv.reason, description=one_line(t("connection.ui.reason_label", name=name), 120),
                placeholder=t("connection.ui.reason_placeholder"), continuous_update=False,
                style=STYLE, layout=WIDE,
            )
            reason.observe(lambda change, org=inv.org_id: self._reason_changed(org, change), names="value")
            remove = remove_button(f"{t('connection.ui.remove')}: {name}")
            remove.on_click(lambda _b, org=inv.org_id: self._remove(org))
            info = widgets.HTML(f"<p><strong>{_e(name)}</strong> · {_e(invited_text(inv.type_label, inv.dimensions))}</p>")
            self.reason_boxes[inv.org_id] = reason
            self.remove_buttons[inv.org_id] = remove
            rows.append(widgets.VBox([info, reason, remove]).add_class(item_class(inv.org_id)))
        old = list(self.invited_box.children)
        self.invited_box.children = rows
        for row in old:
            for child in row.children:
                child.close()
            row.close()
        self.show_feedback()

    def _reason_changed(self, org_id: str, change) -> None:
        self.work.set_reason(org_id, str(change["new"]))
        self.exercise.save_work()
        self.show_feedback()

    def show_feedback(self) -> None:
        """Remarks on the invitations: reasons missing, insiders invited, gaps left open."""
        names = self._dimension_names()
        gaps = {g: names.get(g, g) for g in self.work.gap_dimensions}
        result = self.exercise.result
        insiders = result.members if result is not None else ()
        notes = invitation_feedback(self.work, insiders, gaps, self.analysis.org_dimensions)
        self.invite_feedback.value = feedback(notes)
