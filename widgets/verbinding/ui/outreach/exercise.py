"""Widgets of the Outreach exercise, thin over :class:`verbinding.outreach.OutreachMap`.

Six steps, each a labelled section: the case, the dimensions, linking and rating, the map
with its gaps, the power–interest grid, alternatives. Every control has a label; every
remove button names what it removes; every change is saved in the workbook at once.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from ...outreach import (
    LEVELS,
    OutreachError,
    OutreachMap,
    grid_spec,
    heatmap_spec,
    insiders_from_connection,
    level_label,
    org_type_labels,
    quadrant_of,
    removed_message,
    scale_label,
    undone_message,
)
from ...texts import sentence, t, tlist
from ..charts import ChartView
from ..fields import item_class
from ..markup import error_alert
from ..markup import escape as _e

MODULE_ID = "outreach"
WIDE = widgets.Layout(width="100%", max_width="46em")
MID = widgets.Layout(width="100%", max_width="32em")
STYLE = {"description_width": "15em"}
REMOVE = widgets.Layout(width="auto", align_self="flex-start")
UNRATED = -1
UNSET = ""


def _label(text: str, limit: int = 60) -> str:
    """A button/option label: one line, not endless (the full text is in the list)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _heading(key: str) -> widgets.HTML:
    return widgets.HTML(f"<h3>{_e(t(key))}</h3>")


def _para(key: str) -> widgets.HTML:
    return widgets.HTML(f"<p>{_e(t(key))}</p>")


def _status() -> widgets.HTML:
    return widgets.HTML(layout=widgets.Layout(min_height="1.5em"))


def _rating_options(kind: str) -> list[tuple[str, int]]:
    labels = tlist(f"outreach.scale.{kind}")
    return [(t("outreach.scale.unrated"), UNRATED)] + [(str(lab), i) for i, lab in enumerate(labels)]


def _level_options() -> list[tuple[str, str]]:
    return [(t("outreach.scale.unplaced"), UNSET)] + [(level_label(v), v) for v in LEVELS]


class OutreachExercise(widgets.VBox):
    """The whole Outreach exercise for one learner (``page`` has .workbook and .case)."""

    def __init__(self, page):
        self.page = page
        self.workbook = page.workbook
        self.case = self._case()
        self.type_labels = org_type_labels()
        self._orgs = self._organisation_index()
        self._loading = False

        # step 1 -------------------------------------------------------------------
        self.case_box = widgets.HTML()
        # step 2 -------------------------------------------------------------------
        self.dim_name = widgets.Text(
            description=t("outreach.ui.step2.name"), placeholder=t("outreach.ui.step2.name_placeholder"),
            layout=WIDE, style=STYLE,
        )
        self.dim_why = widgets.Text(
            description=t("outreach.ui.step2.why"), placeholder=t("outreach.ui.step2.why_placeholder"),
            layout=WIDE, style=STYLE,
        )
        self.dim_add = widgets.Button(description=t("outreach.ui.step2.add"), button_style="primary")
        self.dim_undo = widgets.Button(description=t("outreach.ui.step2.undo"), layout=widgets.Layout(width="auto"))
        self.dim_message = _status()
        self.dim_rows = widgets.VBox()
        self.why_boxes: dict[str, widgets.Text] = {}
        self.remove_dim_buttons: dict[str, widgets.Button] = {}
        # step 3 -------------------------------------------------------------------
        self.link_dimension = widgets.Dropdown(description=t("outreach.ui.step3.dimension"), layout=WIDE, style=STYLE)
        self.link_org = widgets.Combobox(
            description=t("outreach.ui.step3.organisation"),
            placeholder=t("outreach.ui.step3.organisation_placeholder"),
            ensure_option=False, layout=WIDE, style=STYLE,
        )
        self.link_type = widgets.Dropdown(
            description=t("outreach.ui.step3.type"),
            options=[(t("outreach.type_unknown"), UNSET)] + [(v, k) for k, v in self.type_labels.items()],
            layout=WIDE, style=STYLE,
        )
        self.link_expertise = widgets.Dropdown(
            description=t("outreach.ui.step3.expertise"), options=_rating_options("expertise"),
            value=UNRATED, layout=MID, style=STYLE,
        )
        self.link_support = widgets.Dropdown(
            description=t("outreach.ui.step3.support"), options=_rating_options("support"),
            value=UNRATED, layout=MID, style=STYLE,
        )
        self.link_add = widgets.Button(description=t("outreach.ui.step3.add"), button_style="primary")
        self.link_message = _status()
        self.link_rows = widgets.VBox()
        self.remove_link_buttons: dict[tuple[str, str], widgets.Button] = {}
        self._link_row_cache: dict[tuple[str, str], tuple[str, widgets.Widget, widgets.Button]] = {}
        self._chart_keys: dict[int, str] = {}
        # step 4 -------------------------------------------------------------------
        self.heatmap = ChartView()
        self.gap_list = widgets.HTML()
        # step 5 -------------------------------------------------------------------
        self.grid_org = widgets.Dropdown(description=t("outreach.ui.step5.organisation"), layout=WIDE, style=STYLE)
        self.grid_power = widgets.Dropdown(description=t("outreach.ui.step5.power"), options=_level_options(), layout=MID, style=STYLE)
        self.grid_interest = widgets.Dropdown(
            description=t("outreach.ui.step5.interest"), options=_level_options(), layout=MID, style=STYLE
        )
        self.grid_message = _status()
        self.grid_view = ChartView()
        self.grid_unplaced = widgets.HTML()
        # step 6 -------------------------------------------------------------------
        self.alt_text = widgets.Textarea(
            description=t("outreach.ui.step6.proposal"), placeholder=t("outreach.ui.step6.proposal_placeholder"),
            rows=2, layout=WIDE, style=STYLE,
        )
        self.alt_by = widgets.Combobox(
            description=t("outreach.ui.step6.by"), placeholder=t("outreach.ui.step6.by_placeholder"),
            ensure_option=False, layout=WIDE, style=STYLE,
        )
        self.alt_status = widgets.Dropdown(
            description=t("outreach.ui.step6.status"),
            options=[(t(f"outreach.alternative.status.{s}"), s) for s in ("brought", "could")],
            layout=MID, style=STYLE,
        )
        self.alt_hearing = widgets.Dropdown(
            description=t("outreach.ui.step6.hearing"),
            options=[(t(f"outreach.alternative.hearing.{h}"), h) for h in ("unknown", "yes", "partly", "no")],
            layout=MID, style=STYLE,
        )
        self.alt_dimension = widgets.Dropdown(description=t("outreach.ui.step6.dimension"), layout=WIDE, style=STYLE)
        self.alt_add = widgets.Button(description=t("outreach.ui.step6.add"), button_style="primary")
        self.alt_message = _status()
        self.alt_rows = widgets.VBox()
        self.remove_alt_buttons: dict[str, widgets.Button] = {}
        self.alt_feedback = widgets.HTML()

        super().__init__(
            [
                _heading("outreach.ui.step1.title"), self.case_box,
                _heading("outreach.ui.step2.title"), _para("outreach.ui.step2.intro"),
                self.dim_rows, self.dim_name, self.dim_why,
                widgets.HBox([self.dim_add, self.dim_undo]), self.dim_message,
                _heading("outreach.ui.step3.title"), _para("outreach.ui.step3.intro"),
                self.link_dimension, self.link_org, self.link_type,
                self.link_expertise, self.link_support,
                self.link_add, self.link_message,
                widgets.HTML(f"<h4>{_e(t('outreach.ui.step3.list_title'))}</h4>"), self.link_rows,
                _heading("outreach.ui.step4.title"), _para("outreach.ui.step4.intro"),
                self.heatmap,
                widgets.HTML(f"<h4>{_e(t('outreach.ui.step4.gaps_title'))}</h4>"), self.gap_list,
                _heading("outreach.ui.step5.title"), _para("outreach.ui.step5.intro"),
                self.grid_org, self.grid_power, self.grid_interest,
                self.grid_message, self.grid_view, self.grid_unplaced,
                _heading("outreach.ui.step6.title"), _para("outreach.ui.step6.intro"),
                self.alt_text, self.alt_by, self.alt_status, self.alt_hearing, self.alt_dimension,
                self.alt_add, self.alt_message, self.alt_rows, self.alt_feedback,
            ]
        )
        self.add_class("verbinding-outreach")

        self.dim_add.on_click(self._add_dimension)
        self.dim_undo.on_click(self._undo_remove)
        self.link_add.on_click(self._add_link)
        self.link_dimension.observe(self._prefill_link, names="value")
        self.link_org.observe(self._prefill_link, names="value")
        self.grid_org.observe(self._show_placement, names="value")
        self.grid_power.observe(self._place, names="value")
        self.grid_interest.observe(self._place, names="value")
        self.alt_add.on_click(self._add_alternative)
        self.workbook.observe(self._restored, names="restores")

        self._show_case()
        self._load()
        from ..profiles import attach_profiles  # issue 17: the profile of whom the learner rates

        attach_profiles(self)
        from ..quiz import append_module_end  # issue 17: the module's kennischeck

        append_module_end(self, page, "outreach")

    # ----- the case ----------------------------------------------------------------
    def _case(self):
        try:
            return self.page.case
        except Exception:  # no case available: the exercise still works on typed input
            return None

    def _organisation_index(self) -> dict[str, dict]:
        """Option label -> case organisation (names made unique with the org id)."""
        frame = getattr(self.case, "organisations", None)
        if frame is None or len(frame) == 0:
            return {}
        records = frame[[c for c in ("org_id", "name", "type") if c in frame.columns]].to_dict("records")
        counts: dict[str, int] = {}
        for rec in records:
            key = " ".join(str(rec.get("name", "")).split()).casefold()
            counts[key] = counts.get(key, 0) + 1
        index = {}
        for rec in records:
            name = " ".join(str(rec.get("name", "")).split())
            if not name:
                continue
            label = name if counts[name.casefold()] == 1 else f"{name} ({rec['org_id']})"
            index[label] = rec
        return index

    def _show_case(self) -> None:
        case = self.case
        if case is None:
            self.case_box.value = f"<p>{_e(t('outreach.ui.step1.no_case'))}</p>"
            return
        parts = [f"<p><strong>{_e(t('outreach.ui.step1.case', title=getattr(case, 'title', '')))}</strong></p>"]
        ministry = getattr(case, "ministry", "")
        if ministry:
            parts.append(f"<p>{_e(t('outreach.ui.step1.ministry', ministry=ministry))}</p>")
        texts = getattr(case, "texts", None)
        texts = texts if isinstance(texts, dict) else {}
        if texts.get("rol"):
            parts.append(f"<p>{_e(t('outreach.ui.step1.role', role=texts['rol']))}</p>")
        challenge = str(getattr(case, "challenge", "") or "")
        parts += [f"<p>{_e(p)}</p>" for p in challenge.split("\n\n") if p.strip()]
        if texts.get("intro"):
            parts.append(f"<p>{_e(texts['intro'])}</p>")
        if texts.get("bron"):
            parts.append(f"<p><small>{_e(t('outreach.ui.step1.source', source=texts['bron']))}</small></p>")
        self.case_box.value = '<div class="verbinding-notice">' + "".join(parts) + "</div>"

    # ----- loading and saving --------------------------------------------------------
    def _load(self) -> None:
        state = self.workbook.module(MODULE_ID)
        if state.get("dimensions") or state.get("links") or state.get("alternatives"):
            self.model = OutreachMap.from_dict(state)
        elif self.case is not None:
            self.model = OutreachMap.from_case(self.case, case_id=self.workbook.case)
        else:
            self.model = OutreachMap.from_dict(state)
        self.model.insiders = self._connection_insiders()
        current = getattr(self.case, "id", None) or self.workbook.case
        if self.model.case_id and current and self.model.case_id != current:
            self.dim_message.value = (
                f'<p class="verbinding-notice" role="status">'
                f'{_e(t("outreach.ui.case_changed", saved=self.model.case_id, current=current))}</p>'
            )
        self._refresh_all()

    # The course app calls this when the module is shown again after other modules changed.
    refresh = _load

    def _connection_insiders(self) -> list[str] | None:
        """Insiders the learner set in Connection (None when that work is absent)."""
        state = self.workbook.module("connection")
        ids = insiders_from_connection(state)
        if ids is not None or self.case is None:
            return ids
        snapshot = state.get("insiders")
        if not (isinstance(snapshot, dict) and snapshot.get("count") and isinstance(state.get("rule"), dict)):
            return None
        try:  # Connection keeps a snapshot of names; recompute its rule's members on the case
            from ...connection import CaseAnalysis, InsiderRule

            result = CaseAnalysis(self.case).insiders(InsiderRule.from_dict(state["rule"]))
            return [str(m) for m in result.members]
        except Exception:  # never let another module's state break this page
            return None

    def _restored(self, _change) -> None:
        self._load()
        self.dim_message.value = f'<p role="status">{_e(t("outreach.ui.restored"))}</p>'

    def _save(self) -> None:
        self.workbook.set_module(MODULE_ID, self.model.to_dict())

    def _refresh_all(self) -> None:
        self._refresh_dimensions()
        self._refresh_stakeholder_options()
        self._refresh_links()
        self._refresh_map()
        self._refresh_grid()
        self._refresh_alternatives()

    # ----- step 2: dimensions --------------------------------------------------------
    def _refresh_dimensions(self) -> None:
        rows = []
        self.why_boxes, self.remove_dim_buttons = {}, {}
        for dim in self.model.dimensions:
            head = f"<strong>{_e(dim.name)}</strong>"
            if dim.explanation:
                head += f"<br><small>{_e(t('outreach.ui.step2.explanation', text=dim.explanation))}</small>"
            why = widgets.Text(
                # labels wrap: show the whole name
                value=dim.why, description=_label(f"{t('outreach.ui.step2.why_edit')}: {dim.name}", 120),
                placeholder=t("outreach.ui.step2.why_placeholder"), continuous_update=False,
                layout=WIDE, style=STYLE,
            )
            why.observe(lambda change, d=dim.id: self._why_changed(d, change), names="value")
            remove = widgets.Button(
                description=_label(t("outreach.ui.step2.remove", name=dim.name)),
                tooltip=t("outreach.ui.step2.remove", name=dim.name),
                layout=REMOVE,
            )
            remove.on_click(lambda _b, d=dim.id: self._remove_dimension(d))
            self.why_boxes[dim.id], self.remove_dim_buttons[dim.id] = why, remove
            rows.append(widgets.VBox([widgets.HTML(head), why, remove], layout=widgets.Layout(margin="0 0 10px 0"))
                        .add_class(item_class(dim.id)))
        if not rows:
            rows = [widgets.HTML(f"<p>{_e(t('outreach.ui.step2.list_empty'))}</p>")]
        self.dim_rows.children = rows
        self.dim_undo.disabled = not self.model.removed
        options = [(_label(d.name), d.id) for d in self.model.dimensions]
        keep = self.link_dimension.value
        self.link_dimension.options = options
        if keep in {v for _, v in options}:
            self.link_dimension.value = keep
        elif options:
            self.link_dimension.value = options[0][1]
        keep_alt = self.alt_dimension.value
        self.alt_dimension.options = [(t("outreach.ui.step6.no_dimension"), UNSET)] + options
        self.alt_dimension.value = keep_alt if keep_alt in {v for _, v in options} else UNSET

    def _add_dimension(self, _button=None) -> None:
        try:
            dim = self.model.add_dimension(self.dim_name.value, self.dim_why.value)
        except OutreachError as error:  # the typed text stays in the boxes
            self.dim_message.value = error_alert(error)
            return
        self.dim_name.value = ""
        self.dim_why.value = ""
        self.dim_message.value = f'<p role="status">{_e(t("outreach.ui.step2.added", name=dim.name))}</p>'
        self._changed_structure()

    def _why_changed(self, dim_id: str, change) -> None:
        dim = self.model.dimension(dim_id)
        if dim is None:
            return
        try:
            self.model.update_dimension(dim_id, why=change["new"])
        except OutreachError as error:
            self.dim_message.value = error_alert(error)
            return
        self.dim_message.value = f'<p role="status">{_e(t("outreach.ui.step2.saved_why", name=dim.name))}</p>'
        self._save()

    def _remove_dimension(self, dim_id: str) -> None:
        dim = self.model.dimension(dim_id)
        if dim is None:
            return
        count = self.model.remove_dimension(dim_id)
        self.dim_message.value = (
            f'<p role="status">{_e(removed_message(dim.name, count))}</p>'
        )
        self._changed_structure()

    def _undo_remove(self, _button=None) -> None:
        dim = self.model.undo_remove()
        if dim is not None:
            undone = undone_message(dim.name, len(self.model.links_for(dim.id)))
            self.dim_message.value = f'<p role="status">{_e(undone)}</p>'
        self._changed_structure()

    def _changed_structure(self) -> None:
        self._refresh_dimensions()
        self._refresh_links()
        self._refresh_map()
        self._refresh_alternatives()
        self._save()

    # ----- step 3: links -------------------------------------------------------------
    def _refresh_stakeholder_options(self) -> None:
        free = [s.name for s in self.model.stakeholders if s.org_id is None]
        names = list(self._orgs) + [n for n in free if n not in self._orgs]
        self.link_org.options = names
        self.alt_by.options = [self.model.display_name(s) for s in self.model.stakeholders]
        options = [(_label(self.model.display_name(s)), s.id) for s in self.model.stakeholders]
        keep = self.grid_org.value
        self._loading = True
        try:
            self.grid_org.options = options
            if keep in {v for _, v in options}:
                self.grid_org.value = keep
            elif options:
                self.grid_org.value = options[0][1]
        finally:
            self._loading = False
        self._show_placement()

    def _stakeholder_for(self, typed: str, create: bool):
        """The stakeholder the organisation box means (case org, existing or new free one)."""
        typed = " ".join(str(typed or "").split())
        if not typed:
            return None
        rec = self._orgs.get(typed)
        if rec is None:  # a case organisation typed with other capitals or spacing
            rec = next((r for label, r in self._orgs.items() if label.casefold() == typed.casefold()), None)
        if rec is not None:
            existing = next((s for s in self.model.stakeholders if s.org_id == str(rec["org_id"])), None)
            if existing or not create:
                return existing
            type_id = str(rec.get("type", "") or "")
            return self.model.add_stakeholder(
                str(rec["name"]), org_id=str(rec["org_id"]), type=type_id,
                type_label=self.type_labels.get(type_id, ""),
            )
        existing = next(
            (s for s in self.model.stakeholders if s.name.casefold() == typed.casefold()), None
        )
        if existing or not create:
            return existing
        type_id = self.link_type.value or ""
        return self.model.add_stakeholder(typed, type=type_id, type_label=self.type_labels.get(type_id, ""))

    def _known_type(self, typed: str) -> str | None:
        """The type of the organisation in the box when it is known (a case organisation or
        one already on the map), else None (a new name: the learner picks the type)."""
        typed = " ".join(str(typed or "").split())
        rec = self._orgs.get(typed) or next(
            (r for label, r in self._orgs.items() if label.casefold() == typed.casefold()), None)
        if rec is not None:
            return str(rec.get("type", "") or "")
        existing = next((s for s in self.model.stakeholders if typed and s.name.casefold() == typed.casefold()), None)
        return existing.type if existing is not None else None

    def _prefill_link(self, _change=None) -> None:
        """Show the organisation's known type and the current rating when the chosen
        dimension and organisation are linked."""
        known = self._known_type(self.link_org.value)
        values = {value for _label, value in self.link_type.options}
        if known is not None:
            self.link_type.value = known if known in values else UNSET
            self.link_type.disabled = True
        elif self.link_type.disabled:  # a new name after a known one: the learner chooses
            self.link_type.value = UNSET
            self.link_type.disabled = False
        sh = self._stakeholder_for(self.link_org.value, create=False)
        link = self.model.link(self.link_dimension.value, sh.id) if sh else None
        if link is not None:
            self.link_expertise.value = UNRATED if link.expertise is None else link.expertise
            self.link_support.value = UNRATED if link.support is None else link.support

    def _add_link(self, _button=None) -> None:
        if not self.link_dimension.value:
            self.link_message.value = error_alert(t("outreach.ui.step3.pick_dimension"))
            return
        if not self.link_org.value.strip():
            self.link_message.value = error_alert(t("outreach.ui.step3.pick_organisation"))
            return
        try:
            sh = self._stakeholder_for(self.link_org.value, create=True)
            expertise = None if self.link_expertise.value == UNRATED else self.link_expertise.value
            support = None if self.link_support.value == UNRATED else self.link_support.value
            _link, created = self.model.set_link(
                self.link_dimension.value, sh.id, expertise=expertise, support=support
            )
        except OutreachError as error:
            self.link_message.value = error_alert(error)
            return
        dim = self.model.dimension(self.link_dimension.value)
        key = "outreach.ui.step3.added" if created else "outreach.ui.step3.updated"
        self.link_message.value = (
            f'<p role="status">{_e(sentence(key, organisation=self.model.display_name(sh), dimension=dim.name))}</p>'
        )
        self.link_org.value = ""  # the whole form starts afresh, the type included
        self.link_type.value = UNSET
        self.link_type.disabled = False
        self.link_expertise.value = UNRATED
        self.link_support.value = UNRATED
        self._changed_links()

    def _remove_link(self, dim_id: str, sh_id: str) -> None:
        dim, sh = self.model.dimension(dim_id), self.model.stakeholder(sh_id)
        if not self.model.remove_link(dim_id, sh_id):
            return
        removed = t("outreach.ui.step3.removed", organisation=self.model.display_name(sh) if sh else "",
                    dimension=dim.name if dim else "")
        self.link_message.value = f'<p role="status">{_e(removed)}</p>'
        self._changed_links()

    def _changed_links(self) -> None:
        self._refresh_stakeholder_options()
        self._refresh_links()
        self._refresh_map()
        self._refresh_grid()
        self._save()

    def _refresh_links(self) -> None:
        """The list of links; rows whose text did not change are reused (fast with many)."""
        rows, self.remove_link_buttons, cache = [], {}, {}
        for dim in self.model.dimensions:
            for link in self.model.links_for(dim.id):
                sh = self.model.stakeholder(link.stakeholder_id)
                name = self.model.display_name(sh)
                key = (dim.id, sh.id)
                text = t(
                    "outreach.ui.step3.link_line", dimension=dim.name, organisation=name,
                    type=sh.type_display, expertise=scale_label("expertise", link.expertise),
                    support=scale_label("support", link.support),
                )
                cached = self._link_row_cache.get(key)
                if cached is not None and cached[0] == text:
                    _text, row, remove = cached
                else:
                    remove = widgets.Button(
                        description=_label(t("outreach.ui.step3.remove", organisation=name, dimension=dim.name), 70),
                        tooltip=t("outreach.ui.step3.remove", organisation=name, dimension=dim.name),
                        layout=REMOVE,
                    )
                    remove.on_click(lambda _b, d=dim.id, s=sh.id: self._remove_link(d, s))
                    row = widgets.VBox([widgets.HTML(f"<p>{_e(text)}</p>"), remove]).add_class(
                        item_class(f"{dim.id}--{sh.id}"))
                cache[key] = (text, row, remove)
                self.remove_link_buttons[key] = remove
                rows.append(row)
        if not rows:
            rows = [widgets.HTML(f"<p>{_e(t('outreach.ui.step3.list_empty'))}</p>")]
        self.link_rows.children = rows
        for key, (_text, row, _remove) in self._link_row_cache.items():
            if key not in cache or cache[key][1] is not row:
                for child in row.children:
                    child.close()
                row.close()
        self._link_row_cache = cache

    def _render(self, view: ChartView, frame, build, summary: str, draw_empty: bool = True) -> None:
        """Update a chart slot only when its data changed (rendering an SVG takes ~50 ms)."""
        key = frame.to_json(orient="values") + summary
        if self._chart_keys.get(id(view)) == key:
            return
        self._chart_keys[id(view)] = key
        # Nothing to draw yet: show only the summary, not an empty grey frame.
        view.update(build(frame) if len(frame) or draw_empty else None, summary)

    # ----- step 4: the map and its gaps ------------------------------------------------
    def _refresh_map(self) -> None:
        self._render(self.heatmap, self.model.heatmap_frame(), heatmap_spec, self.model.heatmap_summary(),
                     draw_empty=False)
        gaps = self.model.gaps()
        groups: dict[str, list] = {}
        for gap in gaps:  # one action per kind of gap, under all its findings
            groups.setdefault(gap.rule, []).append(gap)
        items = "".join(
            "<li><ul>" + "".join(f"<li>{_e(g.message)}</li>" for g in group) + "</ul>"
            f"<p><em>{_e(t('outreach.gaps.action_label'))}</em> {_e(group[0].action)}</p></li>"
            for group in groups.values()
        )
        self.gap_list.value = (
            '<div class="verbinding-feedback verbinding-gaps" role="status" aria-live="polite">'
            f"<p>{_e(self.model.summary(gaps))}</p>" + (f'<ul class="verbinding-gap-groups">{items}</ul>' if items else "") + "</div>"
        )

    # ----- step 5: power and interest ----------------------------------------------------
    def _show_placement(self, _change=None) -> None:
        sh = self.model.stakeholder(self.grid_org.value)
        self._loading = True
        try:
            self.grid_power.value = (sh.power or UNSET) if sh else UNSET
            self.grid_interest.value = (sh.interest or UNSET) if sh else UNSET
            self.grid_power.disabled = self.grid_interest.disabled = sh is None
        finally:
            self._loading = False
        empty = f"<p>{_e(t('outreach.ui.step5.no_stakeholders'))}</p>"
        if not self.model.stakeholders:
            self.grid_message.value = empty
        elif self.grid_message.value == empty:
            self.grid_message.value = ""

    def _place(self, _change=None) -> None:
        if self._loading:
            return
        sh = self.model.stakeholder(self.grid_org.value)
        if sh is None:
            return
        self.model.place(sh.id, power=self.grid_power.value or None, interest=self.grid_interest.value or None)
        quadrant = quadrant_of(sh.power, sh.interest)
        placed = sentence("outreach.ui.step5.placed", organisation=self.model.display_name(sh),
                          quadrant=t(f"outreach.quadrant.{quadrant}"))
        self.grid_message.value = (
            f'<p role="status">{_e(placed)}'
            + (f" {_e(t(f'outreach.quadrant.explain.{quadrant}'))}" if quadrant != "unplaced" else "")
            + "</p>"
        )
        self._refresh_grid()
        self._refresh_map()
        self._save()

    def _refresh_grid(self) -> None:
        self._render(self.grid_view, self.model.grid_frame(), grid_spec, self.model.grid_summary(include_unplaced=False))
        unplaced = self.model.unplaced_summary()
        self.grid_unplaced.value = f"<p>{_e(unplaced)}</p>" if unplaced else ""

    # ----- step 6: alternatives ------------------------------------------------------------
    def _add_alternative(self, _button=None) -> None:
        try:
            self.model.add_alternative(
                self.alt_text.value, by=self.alt_by.value, status=self.alt_status.value,
                hearing=None if self.alt_hearing.value == "unknown" else self.alt_hearing.value,
                dimension_id=self.alt_dimension.value or None,
            )
        except OutreachError as error:  # the typed text stays in the boxes
            self.alt_message.value = error_alert(error)
            return
        self._reset_alternative_form()  # the next proposal starts blank, not with 'Gehoor: nee'
        self.alt_message.value = f'<p role="status">{_e(t("outreach.ui.step6.added"))}</p>'
        self._refresh_alternatives()
        self._save()

    def _reset_alternative_form(self) -> None:
        self.alt_text.value = ""
        self.alt_by.value = ""
        self.alt_status.value = self.alt_status.options[0][1]
        self.alt_hearing.value = "unknown"
        self.alt_dimension.value = UNSET

    def _remove_alternative(self, alt_id: str) -> None:
        if self.model.remove_alternative(alt_id):
            self.alt_message.value = f'<p role="status">{_e(t("outreach.ui.step6.removed"))}</p>'
            self._refresh_alternatives()
            self._save()

    def _refresh_alternatives(self) -> None:
        rows, self.remove_alt_buttons = [], {}
        for alt in self.model.alternatives:
            text = t(
                "outreach.ui.step6.line", proposal=alt.text,
                by=alt.by or t("outreach.alternatives_feedback.by_unknown"),
                status=t(f"outreach.alternative.status.{alt.status}"),
                hearing=t(f"outreach.alternative.hearing.{alt.hearing or 'unknown'}"),
            )
            remove = widgets.Button(
                description=_label(t("outreach.ui.step6.remove", proposal=alt.text), 70),
                tooltip=t("outreach.ui.step6.remove", proposal=_label(alt.text, 200)),
                layout=REMOVE,
            )
            remove.on_click(lambda _b, a=alt.id: self._remove_alternative(a))
            self.remove_alt_buttons[alt.id] = remove
            rows.append(widgets.VBox([widgets.HTML(f'<p style="white-space: pre-wrap">{_e(text)}</p>'), remove])
                        .add_class(item_class(alt.id)))
        if not rows:
            rows = [widgets.HTML(f"<p>{_e(t('outreach.ui.step6.list_empty'))}</p>")]
        self.alt_rows.children = rows
        items = "".join(f"<li>{_e(line)}</li>" for line in self.model.alternatives_feedback())
        self.alt_feedback.value = (
            f'<div class="verbinding-feedback" role="status" aria-live="polite"><ul>{items}</ul></div>'
        )

    def show(self) -> OutreachExercise:
        display(self)
        return self
