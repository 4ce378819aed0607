"""The keeper: what the learner types is kept in the browser until the kernel has saved it.

One small anywidget, placed once in the course app. In the browser it

* listens to ``input`` events on the page's text fields (ipywidgets ``Text``/``Textarea``,
  tagged by the kernel with their field key, :mod:`verbinding.pending`) and keeps each edit
  in ``localStorage`` under the workbook code and the field key;
* sends the field's value to the kernel 0.7 s after the last keystroke (a ``change`` event
  on the field, the same message ipywidgets sends when the field loses focus), so text is
  saved while typing without a message per keystroke;
* drops an edit once the kernel confirms that its text is in the saved workbook;
* before a button's click (or Enter in a text field) reaches the kernel, sends the texts
  typed since the last such moment (``flush``), so the kernel reads every typed character
  when it handles the click: ipywidgets holds back a field's updates while the kernel is
  busy, and a click is sent at once, so it overtook the last keystrokes (a learner's walk
  on a loaded machine: "infrastructuur" was added as "infrastructu");
* clears a form's field in the browser when the kernel asks (:func:`clear_typed`, after an
  'add'), and only if it still holds the added text: a kernel that wrote ``""`` itself
  raced with keystrokes and updates still in flight, and the field came back doubled or
  garbled ("NatuurmonumentenNatuurmonumenten");
* shows a Dutch banner at once when the kernel or its connection is lost (the widget
  manager's kernel ``statusChanged``/``connectionStatusChanged``, and the browser going
  offline), and keeps accepting and keeping what is typed;
* on reconnect or on the next page load sends the kept edits, which the kernel puts into
  their fields; the views save them through the workbook's normal save (merged with what
  other tabs saved, :func:`verbinding.pending.replay`);
* shows an edit whose list item another tab removed meanwhile (*orphaned*) in a box of its
  own, with the text to copy, until the learner throws it away: it is never put into
  another item's field and never silently dropped.
"""

from __future__ import annotations

import sys
import traceback
import weakref
from collections.abc import Callable

import anywidget
import ipywidgets as widgets
from traitlets import Dict, Int, Unicode

from verbinding import pending
from verbinding.course import module as course_module
from verbinding.texts import t
from verbinding.ui.keeper_browser import CSS as _CSS
from verbinding.ui.keeper_browser import ESM as _ESM
from verbinding.workbook import Workbook, known_ids

UNKEPT_CLASS = "verbinding-unkept"  # a field whose text is no work (the code form)
ITEM_CLASS_PREFIX = "verbinding-item-"  # a list item's stable id (ui.fields.item_class)
DEBOUNCE_MS = 700
MAX_RECEIVED = 20  # texts a field held since its last confirmation that the kernel remembers

_KEEPERS: weakref.WeakSet[Keeper] = weakref.WeakSet()  # the live keepers (one per course app)


def take_value(field: widgets.Widget, text: str) -> None:
    """Give a field the text its browser shows, as if the browser had sent it, without
    sending it back: an echo would put an older text over keys typed meanwhile."""
    if field.value == text:
        return
    with field._lock_property(value=text):
        field.value = text


def clear_typed(*fields: widgets.Widget) -> None:
    """Empty a form's text fields after the kernel took their text (an 'add' button).

    A field the course app's keeper knows is emptied in the kernel without a message to the
    browser, and the browser empties it there only if it still shows the added text (what
    the learner typed after it stays, :func:`verbinding.pending.after_clear`): writing the
    value from the kernel raced with the keystrokes and updates still on their way, and
    the old text came back or was typed through. A field outside the app (a module's own
    notebook page, a test) is simply emptied."""
    for field in fields:
        keeper = next((k for k in list(_KEEPERS) if k.knows(field)), None)
        if keeper is None:
            field.value = ""
        else:
            keeper.clear(field)


def model_id(widget: widgets.Widget) -> str | None:
    """A widget's model id, None once it is closed (ipywidgets' ``model_id`` then raises:
    a list view closes the rows it replaced, and the keeper may still hold their fields)."""
    comm = getattr(widget, "comm", None)
    return None if comm is None else comm.comm_id


def _step(index: int, child: widgets.Widget) -> int | str:
    """A child's step in a field's path: a list item's stable id, else its index."""
    item = next((c for c in getattr(child, "_dom_classes", ()) if c.startswith(ITEM_CLASS_PREFIX)), None)
    return pending.item_step(item) if item else index


def text_fields(root: widgets.Widget, path: tuple[int | str, ...] = ()):
    """(path, widget) of every text field below ``root``, in tree order."""
    for index, child in enumerate(getattr(root, "children", ()) or ()):
        here = (*path, _step(index, child))
        if isinstance(child, (widgets.Text, widgets.Textarea)) and not isinstance(child, widgets.Password):
            if UNKEPT_CLASS not in child._dom_classes:
                yield here, child
        else:
            yield from text_fields(child, here)


class Keeper(anywidget.AnyWidget):
    """Kernel side: tags the fields, confirms saved text, replays kept edits."""

    _esm = _ESM
    _css = _CSS
    code = Unicode().tag(sync=True)
    texts = Dict().tag(sync=True)
    debounce_ms = Int(DEBOUNCE_MS).tag(sync=True)

    def __init__(self, workbook: Workbook, module_box: Callable[[str], widgets.Widget | None]):
        """``module_box(module_id)``: the module's box in the app, built if need be."""
        super().__init__(
            code=workbook.learner,
            texts={key: t(f"common.pending.{key}")
                   for key in ("lost", "saving", "not_saved", "no_room", "orphan_discard")},
        )
        self.workbook = workbook
        self.module_box = module_box
        self._fields: dict[str, widgets.Widget] = {}
        self._key_of: dict[str, str] = {}  # widget model id -> field key
        self._waiting: dict[str, str] = {}  # key -> text the kernel got, not yet in the workbook
        # key -> the texts the field held since the browser last heard "saved": a form's draft
        # that the view added to a list and then cleared is in the workbook, not in the field
        self._received: dict[str, set[str]] = {}
        self.on_msg(self._on_message)
        workbook.observe(self._on_revision, names="revision")
        _KEEPERS.add(self)

    # ----- tagging ---------------------------------------------------------------------
    def tag(self, module_id: str, box: widgets.Widget) -> None:
        """Give every text field of a module's box its field key (as a CSS class)."""
        if module_id not in known_ids():  # no work kept (the glossary's search field)
            for _path, field in text_fields(box):
                field.add_class(UNKEPT_CLASS)
            return
        self._forget_closed()
        for path, field in text_fields(box):
            key = pending.field_key(module_id, path)
            wanted = pending.field_class(key)
            for name in list(field._dom_classes):
                if name.startswith(pending.FIELD_CLASS_PREFIX) and name != wanted:
                    field.remove_class(name)
            if wanted not in field._dom_classes:
                field.add_class(wanted)
            field_id = model_id(field)
            if field_id is None:  # closed: no longer on the page
                continue
            old = self._fields.get(key)
            if old is not None and old is not field:
                self._key_of.pop(model_id(old), None)
            if field_id not in self._key_of:
                field.observe(self._on_value, names="value")
            self._fields[key] = field
            self._key_of[field_id] = key

    def _forget_closed(self) -> None:
        """Drop the fields a view closed (the rows of a list it drew again): a closed
        field has no model id, and one left here broke every later save's bookkeeping."""
        for key, field in list(self._fields.items()):
            if model_id(field) is None:
                del self._fields[key]  # its text still waits: the new field of its key confirms it
        live = {model_id(field): key for key, field in self._fields.items()}
        self._key_of = {field_id: key for field_id, key in self._key_of.items() if live.get(field_id) == key}

    def knows(self, field: widgets.Widget) -> bool:
        key = self._key_of.get(model_id(field))
        return key is not None and self._fields.get(key) is field

    # ----- typing and clicking ----------------------------------------------------------
    def take(self, values: dict[str, str]) -> None:
        """The texts the browser showed when the learner clicked a button (sent before
        the click): the click's handler reads them, not an older keystroke."""
        for key, text in values.items():
            field = self._fields.get(key)
            if field is not None:
                take_value(field, text)

    def clear(self, field: widgets.Widget) -> None:
        """Empty a known field here at once and in the browser if it still shows the text."""
        text = field.value
        if not text:
            return
        take_value(field, "")
        self.send({"type": "clear", "key": self._key_of[model_id(field)], "text": text})

    # ----- confirming ------------------------------------------------------------------
    def _on_value(self, change) -> None:
        key = self._key_of.get(model_id(change["owner"]))
        if key is not None:
            self._waiting[key] = change["new"]
            received = self._received.setdefault(key, set())
            if len(received) >= MAX_RECEIVED:
                received.clear()
            received.add(change["new"])
            self._confirm(key)

    def _on_revision(self, _change) -> None:
        """After each save: tag new fields, confirm saved texts. Never raises: it runs
        inside the save of whatever the learner did, and an error here stopped that
        handler half-way and every later observer of the save (the list, the summaries)."""
        try:
            self._after_save()
        except Exception:
            print(f"verbinding: the keeper failed after a save\n{traceback.format_exc()}", file=sys.__stderr__)

    def _after_save(self) -> None:
        self.retag()  # a view may have added fields (a new row)
        for key in list(self._waiting):
            self._confirm(key)
        for key in [k for k in self._received if k not in self._waiting]:
            self._confirm(key, drafts_only=True)

    def _confirm(self, key: str, kept_text: str | None = None, drafts_only: bool = False) -> None:
        """Tell the browser that the field's text is saved (when it is); ``drafts_only``:
        only when a draft the field held is saved now (added to a list by its form)."""
        field = self._fields.get(key)
        if field is None or self.workbook.unsaved:
            return
        texts = {field.value, self._waiting.get(key, field.value)}
        if kept_text is not None:
            texts.add(kept_text)
        state = self.workbook.module(pending.module_of(key))
        if pending.is_kept(field.value, state) and pending.is_kept(self._waiting.get(key, ""), state):
            received = self._received.pop(key, set())
            saved_drafts = {text for text in received if pending.is_kept(text, state)}
            texts |= saved_drafts
            if received - saved_drafts:  # a draft that may be added to the list later
                self._received[key] = received - saved_drafts
            if drafts_only and not saved_drafts:
                return
            self._waiting.pop(key, None)
            self.send({"type": "saved", "key": key, "hashes": sorted(pending.text_hash(text) for text in texts)})

    # ----- messages from the browser ---------------------------------------------------
    def _on_message(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        if content.get("type") == "tag":
            self.retag()
        elif content.get("type") == "replay":
            self.replay(pending.clean_edits(content.get("edits")))
        elif content.get("type") == "flush":
            self.take(pending.clean_values(content.get("values")))

    def retag(self) -> None:
        for module_id in known_ids():
            box = self.module_box(module_id, build=False)
            if box is not None:
                self.tag(module_id, box)

    def replay(self, edits: dict[str, dict[str, str]]) -> None:
        """Put kept edits into their fields; the views save them as if typed now."""
        conflicts = []
        built = set()
        known = known_ids()
        for module_id in dict.fromkeys(pending.module_of(key) for key in edits):
            if module_id not in known:
                continue
            box = self.module_box(module_id, build=True)
            if box is not None:
                self.tag(module_id, box)
                built.add(module_id)
        for key, edit in edits.items():
            field = self._fields.get(key)
            if field is None:
                if pending.module_of(key) in built and pending.in_list_item(key):
                    # its item was removed (in another tab): show the text, put it nowhere
                    title = course_module(pending.module_of(key)).title
                    self.send({"type": "orphaned", "key": key, "intro": t("common.pending.orphan", title=title)})
                continue  # no such field (yet): the browser keeps the edit
            value, conflict = pending.replay(edit["base"], field.value, edit["text"])
            if value != field.value:
                field.value = value
            if conflict:
                conflicts.append(pending.module_of(key))
            self._confirm(key, kept_text=edit["text"])
        if conflicts:
            self.workbook.notice = t("common.pending.conflict", title=course_module(conflicts[-1]).title)

