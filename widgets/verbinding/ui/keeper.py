"""The keeper: what the learner types is kept in the browser until the kernel has saved it.

One small anywidget, placed once in the course app. In the browser it

* listens to ``input`` events on the page's text fields (ipywidgets ``Text``/``Textarea``,
  tagged by the kernel with their field key, :mod:`verbinding.pending`) and keeps each edit
  in ``localStorage`` under the workbook code and the field key;
* sends the field's value to the kernel 0.7 s after the last keystroke (a ``change`` event
  on the field, the same message ipywidgets sends when the field loses focus), so text is
  saved while typing without a message per keystroke;
* drops an edit once the kernel confirms that its text is in the saved workbook;
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

from collections.abc import Callable

import anywidget
import ipywidgets as widgets
from traitlets import Dict, Int, Unicode

from verbinding import pending
from verbinding.course import module as course_module
from verbinding.texts import t
from verbinding.workbook import Workbook, known_ids

UNKEPT_CLASS = "verbinding-unkept"  # a field whose text is no work (the code form)
ITEM_CLASS_PREFIX = "verbinding-item-"  # a list item's stable id (ui.fields.item_class)
DEBOUNCE_MS = 700
MAX_RECEIVED = 20  # texts a field held since its last confirmation that the kernel remembers

_ESM = r"""
const PREFIX = "verbinding-field--";
const FIELDS = ".widget-text, .widget-textarea";

function hash(text) {
  let value = 0x811c9dc5;
  for (const char of text) {
    value ^= char.codePointAt(0);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value >>> 0;
}

function keyOf(input) {
  const holder = input.closest(FIELDS);
  if (!holder) return null;
  for (const name of holder.classList) {
    if (name.startsWith(PREFIX)) return name.slice(PREFIX.length);
  }
  return "";
}

function render({ model, el }) {
  const texts = model.get("texts");
  const storeKey = "verbinding-niet-opgeslagen:" + model.get("code");
  const orphanKey = "verbinding-losse-tekst:" + model.get("code");
  const banner = document.createElement("p");
  banner.className = "verbinding-error verbinding-connection-lost";
  banner.setAttribute("role", "alert");
  const orphanBox = document.createElement("div");
  orphanBox.className = "verbinding-orphans";
  el.append(banner, orphanBox);
  // the save bar's line says it while something waits (see _CSS): never an old "saved at"
  document.body.style.setProperty("--verbinding-saving", JSON.stringify(texts.saving));
  document.body.style.setProperty("--verbinding-not-saved", JSON.stringify(texts.not_saved));
  el.classList.add("verbinding-keeper");

  const kernel = model.widget_manager && model.widget_manager.kernel;
  let kept = {};
  try { kept = JSON.parse(localStorage.getItem(storeKey) || "{}") || {}; } catch (e) { kept = {}; }
  let orphans = [];
  try { orphans = JSON.parse(localStorage.getItem(orphanKey) || "[]") || []; } catch (e) { orphans = []; }
  if (!Array.isArray(orphans)) orphans = [];
  const bases = {};
  const timers = {};
  let lost = !navigator.onLine;
  let gone = false;  // the kernel died or restarted: only a reload brings the page back
  let noRoom = false;

  function store() {
    try {
      if (Object.keys(kept).length) localStorage.setItem(storeKey, JSON.stringify(kept));
      else localStorage.removeItem(storeKey);
      if (orphans.length) localStorage.setItem(orphanKey, JSON.stringify(orphans));
      else localStorage.removeItem(orphanKey);
      noRoom = false;
    } catch (e) { noRoom = true; }
    show();
  }

  function showOrphans() {
    orphanBox.replaceChildren();
    orphans.forEach((orphan, index) => {
      const item = document.createElement("div");
      item.className = "verbinding-orphan";
      item.setAttribute("role", "group");
      const intro = document.createElement("p");
      intro.className = "verbinding-error";
      intro.textContent = orphan.intro || "";
      intro.id = "verbinding-orphan-" + index;
      const text = document.createElement("textarea");
      text.readOnly = true;
      text.rows = 4;
      text.value = orphan.text;
      text.setAttribute("aria-labelledby", intro.id);
      const discard = document.createElement("button");
      discard.type = "button";
      discard.className = "jupyter-button widget-button";
      discard.textContent = texts.orphan_discard;
      discard.addEventListener("click", () => { orphans.splice(index, 1); store(); });
      item.append(intro, text, discard);
      orphanBox.append(item);
    });
  }

  function show() {
    const waiting = Object.keys(kept).length > 0;
    banner.textContent = lost ? texts.lost : (noRoom ? texts.no_room : "");
    banner.hidden = !(lost || noRoom);
    showOrphans();
    document.body.classList.toggle("verbinding-offline", lost);
    document.body.classList.toggle("verbinding-waiting", waiting);
  }

  function send(message) {
    if (lost) return;
    try { model.send(message); } catch (e) { /* the next reconnect or load sends it */ }
  }

  function replay() {
    if (Object.keys(kept).length) send({ type: "replay", edits: kept });
  }

  function onFocus(event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) return;
    const key = keyOf(input);
    if (key && !(key in kept) && !(key in bases)) bases[key] = input.value;
  }

  function onInput(event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) return;
    const key = keyOf(input);
    if (key === null || input.closest(".verbinding-unkept")) return;
    if (key === "") { send({ type: "tag" }); return; }  // a field made since the last tagging
    const before = kept[key];
    kept[key] = { text: input.value, base: before ? before.base : (bases[key] ?? ""), at: Date.now() };
    store();
    clearTimeout(timers[key]);
    timers[key] = setTimeout(() => {
      if (input.isConnected && !lost) input.dispatchEvent(new Event("change", { bubbles: true }));
    }, model.get("debounce_ms"));
  }

  function onMessage(message) {
    if (message && message.type === "orphaned" && kept[message.key]) {
      orphans.push({ intro: message.intro, text: kept[message.key].text, at: kept[message.key].at });
      delete kept[message.key];
      store();
      return;
    }
    if (!message || message.type !== "saved") return;
    const entry = kept[message.key];
    if (entry && message.hashes.includes(hash(entry.text))) {
      bases[message.key] = entry.text;
      delete kept[message.key];
      store();
    }
  }

  function connectionLost() { lost = true; show(); }

  function connectionBack() {
    const state = kernel && kernel.connectionStatus;
    if (lost && !gone && (!kernel || state === "connected")) { lost = false; show(); replay(); }
  }

  document.addEventListener("focusin", onFocus, true);
  document.addEventListener("input", onInput, true);
  window.addEventListener("offline", connectionLost);
  window.addEventListener("online", connectionBack);
  model.on("msg:custom", onMessage);

  const onStatus = (_sender, state) => {
    if (state === "dead" || state === "restarting" || state === "autorestarting") { gone = true; connectionLost(); }
  };
  const onConnection = (_sender, state) => {
    if (state === "connected") {
      connectionBack();
    } else {
      connectionLost();
    }
  };
  if (kernel && kernel.statusChanged) kernel.statusChanged.connect(onStatus);
  if (kernel && kernel.connectionStatusChanged) kernel.connectionStatusChanged.connect(onConnection);

  show();
  replay();
  return () => {
    document.removeEventListener("focusin", onFocus, true);
    document.removeEventListener("input", onInput, true);
    window.removeEventListener("offline", connectionLost);
    window.removeEventListener("online", connectionBack);
    if (kernel && kernel.statusChanged) kernel.statusChanged.disconnect(onStatus);
    if (kernel && kernel.connectionStatusChanged) kernel.connectionStatusChanged.disconnect(onConnection);
  };
}

export default { render };
"""

_CSS = """
.verbinding-keeper .verbinding-connection-lost[hidden] { display: none; }
.verbinding-orphan textarea { width: 100%; box-sizing: border-box; margin: 0 0 4px 0; font: inherit; }
.verbinding-orphan { margin: 0 0 12px 0; }
body.verbinding-waiting .verbinding-savebar .verbinding-saved-time,
body.verbinding-offline .verbinding-savebar .verbinding-saved-time { display: none; }
body.verbinding-waiting .verbinding-savebar .verbinding-status::after { content: var(--verbinding-saving); }
body.verbinding-offline .verbinding-savebar .verbinding-status::after { content: var(--verbinding-not-saved); }
"""


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

    # ----- tagging ---------------------------------------------------------------------
    def tag(self, module_id: str, box: widgets.Widget) -> None:
        """Give every text field of a module's box its field key (as a CSS class)."""
        if module_id not in known_ids():  # no work kept (the glossary's search field)
            for _path, field in text_fields(box):
                field.add_class(UNKEPT_CLASS)
            return
        for path, field in text_fields(box):
            key = pending.field_key(module_id, path)
            wanted = pending.field_class(key)
            for name in list(field._dom_classes):
                if name.startswith(pending.FIELD_CLASS_PREFIX) and name != wanted:
                    field.remove_class(name)
            if wanted not in field._dom_classes:
                field.add_class(wanted)
            old = self._fields.get(key)
            if old is not None and old is not field:
                self._key_of.pop(old.model_id, None)
            if field.model_id not in self._key_of:
                field.observe(self._on_value, names="value")
            self._fields[key] = field
            self._key_of[field.model_id] = key

    # ----- confirming ------------------------------------------------------------------
    def _on_value(self, change) -> None:
        key = self._key_of.get(change["owner"].model_id)
        if key is not None:
            self._waiting[key] = change["new"]
            received = self._received.setdefault(key, set())
            if len(received) >= MAX_RECEIVED:
                received.clear()
            received.add(change["new"])
            self._confirm(key)

    def _on_revision(self, _change) -> None:
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

