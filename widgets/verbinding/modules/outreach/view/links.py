"""Step 3 of Outreach: link organisations to dimensions and rate their expertise and
support; the list of links, each with a remove button that names what it removes."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.outreach import OrganisationSearch, OutreachError, scale_label
from verbinding.modules.outreach.view.common import STYLE, UNRATED, UNSET, Step, dimension_options, rating_options
from verbinding.texts import sentence, t
from verbinding.ui.fields import item_class
from verbinding.ui.keeper import UNKEPT_CLASS, clear_typed
from verbinding.ui.layout import MID, WIDE, heading, paragraph, remove_button, status_box, subheading
from verbinding.ui.markup import error_alert, status_line
from verbinding.ui.markup import escape as _e


class LinksStep(Step):
    """Step 3: the form (dimension, organisation, its type, two ratings) and the links."""

    public = ("link_dimension", "link_search", "link_found", "link_results", "link_org", "link_type",
              "link_expertise", "link_support", "link_add", "link_message", "link_rows", "remove_link_buttons")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.link_dimension = widgets.Dropdown(description=t("outreach.ui.step3.dimension"), layout=WIDE, style=STYLE)
        self.link_org = widgets.Combobox(
            description=t("outreach.ui.step3.organisation"),
            placeholder=t("outreach.ui.step3.organisation_placeholder"),
            ensure_option=False, layout=WIDE, style=STYLE,
        )
        # the search over the case's organisations: type a word, pick one, it fills the organisation box
        self.search = OrganisationSearch(self._orgs, exercise.case, exercise.type_labels)
        self.link_search = widgets.Text(
            description=t("outreach.search.label"), placeholder=t("outreach.search.placeholder"),
            layout=WIDE, style=STYLE,
        ).add_class(UNKEPT_CLASS)  # a question to the list, not work to keep
        self.link_found = widgets.HTML(status_line(t("outreach.search.hint")))
        self.link_results = widgets.Select(description=t("outreach.search.results"), options=[], rows=6,
                                           layout=widgets.Layout(width="100%", max_width=WIDE.max_width,
                                                                 display="none"), style=STYLE)
        self.search_box = widgets.VBox([self.link_search, self.link_found, self.link_results],
                                       layout=widgets.Layout(display=None if len(self.search) else "none"))
        self.search_box.add_class("verbinding-org-search")  # without a case there is nothing to search
        self.link_type = widgets.Dropdown(
            description=t("outreach.ui.step3.type"),
            options=[(t("outreach.type_unknown"), UNSET)] + [(v, k) for k, v in exercise.type_labels.items()],
            layout=WIDE, style=STYLE,
        )
        self.link_expertise = widgets.Dropdown(
            description=t("outreach.ui.step3.expertise"), options=rating_options("expertise"),
            value=UNRATED, layout=MID, style=STYLE,
        )
        self.link_support = widgets.Dropdown(
            description=t("outreach.ui.step3.support"), options=rating_options("support"),
            value=UNRATED, layout=MID, style=STYLE,
        )
        self.link_add = widgets.Button(description=t("outreach.ui.step3.add"), button_style="primary")
        self.link_message = status_box()
        self.link_rows = widgets.VBox()
        # filled in place on every refresh, so the exercise's name for it stays valid
        self.remove_link_buttons: dict[tuple[str, str], widgets.Button] = {}
        self._row_cache: dict[tuple[str, str], tuple[str, widgets.Widget, widgets.Button]] = {}
        self.parts = [
            heading("outreach.ui.step3.title"), paragraph("outreach.ui.step3.intro"),
            self.link_dimension,
            self.search_box,
            self.link_org, self.link_type,
            self.link_expertise, self.link_support,
            self.link_add, self.link_message,
            subheading("outreach.ui.step3.list_title"), self.link_rows,
        ]
        self.link_add.on_click(self._add_link)
        self.link_dimension.observe(self._prefill_link, names="value")
        self.link_org.observe(self._prefill_link, names="value")
        self.link_search.observe(self._search, names="value")
        self.link_results.observe(self._pick_found, names="value")

    @property
    def _orgs(self) -> dict[str, dict]:
        return self.exercise._orgs

    def show_dimensions(self) -> None:
        """The dimension choices after the list changed; the chosen one stays if it can."""
        options = dimension_options(self.model)
        keep = self.link_dimension.value
        self.link_dimension.options = options
        if keep in {v for _, v in options}:
            self.link_dimension.value = keep
        elif options:
            self.link_dimension.value = options[0][1]

    def show_stakeholders(self) -> None:
        """The organisation box offers the case's organisations and the typed ones."""
        free = [s.name for s in self.model.stakeholders if s.org_id is None]
        self.link_org.options = list(self._orgs) + [n for n in free if n not in self._orgs]

    def _search(self, _change=None) -> None:
        """Show the organisations matching the search box, how many, or what to try."""
        if not self.search:
            return
        result = self.search.find(self.link_search.value)
        self.link_found.value = status_line(result.message or t("outreach.search.hint"))
        self.link_results.options = [found.label for found in result.found]
        self.link_results.value = None
        self.link_results.layout.display = None if result.found else "none"

    def _pick_found(self, change) -> None:
        """An organisation picked in the results goes into the organisation box."""
        if change["new"]:
            self.link_org.value = change["new"]

    def _stakeholder_for(self, typed: str, create: bool):
        """The stakeholder the organisation box means (case org, existing or new free one)."""
        typed = " ".join(str(typed or "").split())
        if not typed:
            return None
        rec = self._orgs.get(typed)
        if rec is None:  # a case organisation typed with other capitals or spacing
            rec = next((r for label, r in self._orgs.items() if label.casefold() == typed.casefold()), None)
        type_labels = self.exercise.type_labels
        if rec is not None:
            existing = next((s for s in self.model.stakeholders if s.org_id == str(rec["org_id"])), None)
            if existing or not create:
                return existing
            type_id = str(rec.get("type", "") or "")
            return self.model.add_stakeholder(
                str(rec["name"]), org_id=str(rec["org_id"]), type=type_id,
                type_label=type_labels.get(type_id, ""),
            )
        existing = next(
            (s for s in self.model.stakeholders if s.name.casefold() == typed.casefold()), None
        )
        if existing or not create:
            return existing
        type_id = self.link_type.value or ""
        return self.model.add_stakeholder(typed, type=type_id, type_label=type_labels.get(type_id, ""))

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
        self.link_message.value = status_line(sentence(key, organisation=self.model.display_name(sh), dimension=dim.name))
        clear_typed(self.link_org)  # the whole form starts afresh, the type included
        self.link_type.value = UNSET
        self.link_type.disabled = False
        self.link_expertise.value = UNRATED
        self.link_support.value = UNRATED
        self.exercise.changed("links")

    def _remove_link(self, dim_id: str, sh_id: str) -> None:
        dim, sh = self.model.dimension(dim_id), self.model.stakeholder(sh_id)
        if not self.model.remove_link(dim_id, sh_id):
            return
        removed = t("outreach.ui.step3.removed", organisation=self.model.display_name(sh) if sh else "",
                    dimension=dim.name if dim else "")
        self.link_message.value = status_line(removed)
        self.exercise.changed("links")

    def refresh(self) -> None:
        """The list of links; rows whose text did not change are reused (fast with many)."""
        rows, cache = [], {}
        self.remove_link_buttons.clear()
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
                cached = self._row_cache.get(key)
                if cached is not None and cached[0] == text:
                    _text, row, remove = cached
                else:
                    remove = remove_button(t("outreach.ui.step3.remove", organisation=name, dimension=dim.name))
                    remove.on_click(lambda _b, d=dim.id, s=sh.id: self._remove_link(d, s))
                    row = widgets.VBox([widgets.HTML(f"<p>{_e(text)}</p>"), remove]).add_class(
                        item_class(f"{dim.id}--{sh.id}"))
                cache[key] = (text, row, remove)
                self.remove_link_buttons[key] = remove
                rows.append(row)
        if not rows:
            rows = [widgets.HTML(f"<p>{_e(t('outreach.ui.step3.list_empty'))}</p>")]
        self.link_rows.children = rows
        for key, (_text, row, _remove) in self._row_cache.items():
            if key not in cache or cache[key][1] is not row:
                for child in row.children:
                    child.close()
                row.close()
        self._row_cache = cache
