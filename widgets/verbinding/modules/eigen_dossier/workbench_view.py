"""Module 5's workbench widgets, thin over :class:`verbinding.modules.eigen_dossier.workbench.Workbench`.

The learner adds the dimensions of their own dossier and their own stakeholders (one by
one, or pasted from a spreadsheet), and sees the gaps and the pattern of their contacts.
Every row carries its stakeholder's id as a CSS class (``verbinding-item-<id>``), so a row
never changes identity when the list is drawn again, and a row is the same widget on every
drawing: a contacts field the learner is typing in is never replaced under their keys, and
the kernel writes it only when the saved number says something else than the field.
Forms are emptied after an 'add' through :func:`verbinding.ui.keeper.clear_typed`, which
never writes over keys still on their way from the browser.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from verbinding.dutch import join
from verbinding.modules.eigen_dossier.workbench import Workbench, WorkbenchError
from verbinding.modules.outreach import org_type_labels, scale_label
from verbinding.texts import t, tlist
from verbinding.ui.keeper import clear_typed
from verbinding.ui.markup import error_alert, error_list_alert
from verbinding.ui.markup import escape as _e

WIDE = widgets.Layout(width="100%", max_width="46em")
STYLE = {"description_width": "12em"}
MAX_NAMES_SHOWN = 8  # a longer paste is said as a number


# The explicit empty choice of a rating list (as in module 2). Not None: a Dropdown set to
# None selects nothing and shows a blank field (a learner's walk, issue 28).
UNRATED = -1


def _ratings(kind: str) -> list[tuple[str, int]]:
    return [(t("dossier.werkbank.rating_empty"), UNRATED)] + [
        (label, value) for value, label in enumerate(tlist(f"outreach.scale.{kind}"))
    ]


def _rating(value: int) -> int | None:
    return None if value == UNRATED else value


class WorkbenchView(widgets.VBox):
    """The learner's own dimension map and contacts; ``on_change(state)`` saves it."""

    def __init__(self, state: dict | None, on_change: Callable[[dict], None]):
        self.bench = Workbench.from_dict(state)
        self._on_change = on_change
        self.dimension = widgets.Text(description=t("dossier.werkbank.dimension_label"),
                                      placeholder=t("dossier.werkbank.dimension_help"), style=STYLE, layout=WIDE)
        self.add_dimension = widgets.Button(description=t("dossier.werkbank.dimension_add"))
        self.dimensions = widgets.VBox()
        self.name = widgets.Text(description=t("dossier.werkbank.name_label"),
                                 placeholder=t("dossier.werkbank.name_help"), style=STYLE, layout=WIDE)
        self.kind = widgets.Dropdown(
            options=[(t("dossier.werkbank.kind_empty"), "")] + [(label, key) for key, label in org_type_labels().items()],
            description=t("dossier.werkbank.kind_label"), style=STYLE, layout=WIDE)
        self.link = widgets.Dropdown(description=t("dossier.werkbank.link_label"), style=STYLE, layout=WIDE)
        self.expertise = widgets.Dropdown(options=_ratings("expertise"), value=UNRATED, description=t("dossier.werkbank.expertise_label"),
                                          style=STYLE, layout=WIDE)
        self.support = widgets.Dropdown(options=_ratings("support"), value=UNRATED, description=t("dossier.werkbank.support_label"),
                                        style=STYLE, layout=WIDE)
        self.contacts = widgets.Text(description=t("dossier.werkbank.contacts_label"), style=STYLE, layout=WIDE)
        self.add_stakeholder = widgets.Button(description=t("dossier.werkbank.stakeholder_add"))
        self.form_message = widgets.HTML()
        self.stakeholders = widgets.VBox()
        self.paste = widgets.Textarea(description=t("dossier.werkbank.paste_label"), rows=4, style=STYLE, layout=WIDE)
        self.paste_button = widgets.Button(description=t("dossier.werkbank.paste_button"))
        self.paste_message = widgets.HTML()
        self.results = widgets.HTML()
        self._filling = False
        self._rows: dict[tuple[str, str], tuple[widgets.VBox, widgets.HTML, widgets.Text | None]] = {}
        super().__init__([
            widgets.HTML(f"<h3>{_e(t('dossier.werkbank.title'))}</h3><p>{_e(t('dossier.werkbank.intro'))}</p>"
                         f"<h4>{_e(t('dossier.werkbank.dimensions_title'))}</h4>"),
            self.dimension, self.add_dimension, self.dimensions,
            widgets.HTML(f"<h4>{_e(t('dossier.werkbank.stakeholder_title'))}</h4>"),
            self.name, self.kind, self.link, self.expertise, self.support, self.contacts,
            self.add_stakeholder, self.form_message,
            widgets.HTML(f"<h4>{_e(t('dossier.werkbank.stakeholders_title'))}</h4>"), self.stakeholders,
            widgets.HTML(f"<h4>{_e(t('dossier.werkbank.paste_title'))}</h4><p>{_e(t('dossier.werkbank.paste_help'))}</p>"),
            self.paste, self.paste_button, self.paste_message,
            widgets.HTML(f"<h4>{_e(t('dossier.werkbank.results_title'))}</h4>"), self.results,
        ])
        self.add_class("verbinding-workbench")
        self.add_dimension.on_click(self._on_add_dimension)
        self.add_stakeholder.on_click(self._on_add_stakeholder)
        self.paste_button.on_click(self._on_paste)
        self._draw()

    # ----- state --------------------------------------------------------------------------
    def load(self, state: dict | None) -> None:
        """Show another saved state (a restore, or another tab's save)."""
        self.bench = Workbench.from_dict(state)
        self._draw(loading=True)

    def _changed(self) -> None:
        # drawn before the save: the save's revision has the keeper tag the new rows' fields,
        # before the learner types in them (a tag arriving later reset a field being typed in)
        self._draw()
        self._on_change(self.bench.to_dict())

    # ----- handlers -------------------------------------------------------------------------
    def _on_add_dimension(self, _button=None) -> None:
        try:
            self.bench.add_dimension(self.dimension.value)
        except WorkbenchError as exc:
            self.form_message.value = error_alert(exc)
            return
        clear_typed(self.dimension)
        self.form_message.value = ""
        self._changed()

    def _on_add_stakeholder(self, _button=None) -> None:
        name = self.name.value
        try:
            self.bench.add_stakeholder(
                name, kind=self.kind.value, dimension_id=self.link.value or None,
                expertise=_rating(self.expertise.value), support=_rating(self.support.value),
                contacts=self.contacts.value.strip() or None,
            )
        except WorkbenchError as exc:
            self.form_message.value = error_alert(exc)
            return
        clear_typed(self.name, self.contacts)
        for control, empty in ((self.kind, ""), (self.expertise, UNRATED), (self.support, UNRATED)):
            control.value = empty
        added = t("dossier.werkbank.stakeholder_added", name=" ".join(name.split()))
        self.form_message.value = f'<p class="verbinding-ok" role="status">{_e(added)}</p>'
        self._changed()

    def _on_paste(self, _button=None) -> None:
        if not self.paste.value.strip():
            self.paste_message.value = error_alert(t("dossier.werkbank.paste_empty"))
            return
        try:
            pasted = self.bench.paste_contacts(self.paste.value)
        except WorkbenchError as exc:
            self.paste_message.value = error_alert(exc)
            return
        parts = []
        if pasted.used:
            names = (join(pasted.names) if pasted.used <= MAX_NAMES_SHOWN
                     else t("dossier.werkbank.paste_many", count=pasted.used))
            parts.append(f'<p class="verbinding-ok" role="status">{_e(t("dossier.werkbank.paste_done", names=names))}</p>')
        if pasted.header:
            parts.append(f'<p role="status">{_e(t("dossier.werkbank.paste_header", text=pasted.header))}</p>')
        if pasted.problems:
            heading = t("dossier.werkbank.paste_problems")
            if not pasted.used:
                heading = f'{t("dossier.werkbank.paste_nothing")} {heading}'
            parts.append(error_list_alert(heading, pasted.problems))
            parts.append(f'<p>{_e(t("dossier.werkbank.paste_kept"))}</p>')
        elif not pasted.used:
            parts.append(error_alert(t("dossier.werkbank.paste_nothing")))
        if pasted.used and not pasted.problems:
            clear_typed(self.paste)  # everything was taken over; nothing typed is lost
        self.paste_message.value = "".join(parts)
        if pasted.used:
            self._changed()

    def _contacts_changer(self, stakeholder_id: str, name: str):
        def change(change) -> None:
            if self._filling:  # the saved number shown, not typed
                return
            try:
                self.bench.set_contacts(stakeholder_id, change["new"])
            except WorkbenchError as exc:
                self.form_message.value = error_alert(exc)
                return
            changed = t("dossier.werkbank.contacts_changed", name=name)
            self.form_message.value = f'<p class="verbinding-ok" role="status">{_e(changed)}</p>'
            self._changed()
        return change

    def _remover(self, kind: str, item_id: str, name: str):
        def remove(_button=None) -> None:
            if kind == "dimension":
                self.bench.remove_dimension(item_id)
            else:
                self.bench.remove_stakeholder(item_id)
            self.form_message.value = f'<p class="verbinding-ok" role="status">{_e(t("dossier.werkbank.removed", name=name))}</p>'
            self._changed()
        return remove

    # ----- drawing ---------------------------------------------------------------------------
    def _row(self, kind: str, item_id: str, name: str, html_text: str, with_contacts: bool = False) -> widgets.VBox:
        """The row of one item: made once, then only its text changes (and its contacts
        field when the saved number says something else, :meth:`_show_contacts`)."""
        kept = self._rows.get((kind, item_id))
        if kept is not None:
            row, text, _field = kept
            if text.value != html_text:
                text.value = html_text
            return row
        field = self._contacts_field(item_id, name) if with_contacts else None
        text = widgets.HTML(html_text)
        button = widgets.Button(description=t("dossier.werkbank.remove_short"),
                                tooltip=t("dossier.werkbank.remove", name=name),
                                layout=widgets.Layout(width="auto"))
        button.add_class("verbinding-remove")
        button.on_click(self._remover(kind, item_id, name))
        # the name on a line of its own, its field and button below it: in one wrapping line,
        # a long name pushed one row's button beside the next row (a learner's walk)
        controls = widgets.HBox([*([field] if field else []), button], layout=widgets.Layout(align_items="center"))
        row = widgets.VBox([text, controls], layout=widgets.Layout(margin="0 0 8px 0"))
        row.add_class(f"verbinding-item-{item_id}")
        self._rows[(kind, item_id)] = (row, text, field)
        return row

    def _show_contacts(self, stakeholder_id: str, loading: bool) -> None:
        """Put the saved number in a row's contacts field only when it says something else
        than the field (a restore, another tab): " 7 " stays as typed when 7 is saved, and a
        number not accepted stays for the learner to correct, unless the work is loaded."""
        field = self._rows[("stakeholder", stakeholder_id)][2]
        count = self.bench.contacts.get(stakeholder_id)
        try:
            same = Workbench._contacts(field.value.strip()) == count
        except WorkbenchError:
            same = not loading
        if not same:
            self._filling = True
            try:
                field.value = "" if count is None else str(count)
            finally:
                self._filling = False

    def _forget_rows(self, kind: str, keep: set[str]) -> None:
        for key in [k for k in self._rows if k[0] == kind and k[1] not in keep]:
            row, text, _field = self._rows.pop(key)
            controls = row.children[1]
            for widget in (*controls.children, controls, text, row):
                widget.close()

    def _contacts_field(self, stakeholder_id: str, name: str) -> widgets.Text:
        """The contacts of one stakeholder, editable in its row (saved on Enter or leaving)."""
        count = self.bench.contacts.get(stakeholder_id)
        field = widgets.Text(value="" if count is None else str(count), continuous_update=False,
                             description=t("dossier.werkbank.contacts_of", name=name),
                             placeholder=t("dossier.werkbank.contacts_placeholder"),
                             style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        field.add_class("verbinding-contacts")
        field.observe(self._contacts_changer(stakeholder_id, name), names="value")
        return field

    def _draw(self, loading: bool = False) -> None:
        bench = self.bench
        dims = bench.map.dimensions
        self._forget_rows("dimension", {d.id for d in dims})
        self._forget_rows("stakeholder", {s.id for s in bench.map.stakeholders})
        self.dimensions.children = [
            self._row("dimension", d.id, d.name, f"<p>{_e(d.name)}</p>") for d in dims
        ] or [widgets.HTML(f"<p>{_e(t('dossier.werkbank.dimensions_none'))}</p>")]
        current = self.link.value
        self.link.options = [(t("dossier.werkbank.link_empty"), "")] + [(d.name, d.id) for d in dims]
        self.link.value = current if any(d.id == current for d in dims) else ""
        rows = []
        for sh in bench.map.stakeholders:
            ratings = "; ".join(
                t("dossier.werkbank.export.rating", dimension=bench.map.dimension(k.dimension_id).name,
                  expertise=scale_label("expertise", k.expertise), support=scale_label("support", k.support))
                for k in bench.map.links_of(sh.id) if bench.map.dimension(k.dimension_id)
            )
            details = " · ".join(d for d in (sh.type_display, ratings) if d)
            text = f"<p><strong>{_e(sh.name)}</strong>{' – ' + _e(details) if details else ''}</p>"
            rows.append(self._row("stakeholder", sh.id, sh.name, text, with_contacts=True))
            self._show_contacts(sh.id, loading)
        self.stakeholders.children = rows or [widgets.HTML(f"<p>{_e(t('dossier.werkbank.stakeholders_none'))}</p>")]
        self.results.value = self._results_html()

    def _results_html(self) -> str:
        bench = self.bench
        if not bench.is_started():
            return ""
        gaps = bench.gaps()
        parts = [f"<p>{_e(bench.map.summary(gaps))}</p>"]
        if gaps:
            parts.append("<ul>" + "".join(f"<li>{_e(g.message)} {_e(g.action)}</li>" for g in gaps) + "</ul>")
        parts.extend(f"<p>{_e(line)}</p>" for line in bench.insider_lines())
        return f'<div class="verbinding-feedback" role="status" aria-live="polite">{"".join(parts)}</div>'
