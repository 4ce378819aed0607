"""The keeper's browser half (:mod:`verbinding.ui.keeper`): the script that keeps what is
typed in ``localStorage``, sends it to the kernel (after a pause, and before a click), clears
a form's field after an 'add', shows the Dutch banner and the orphaned edits; and its CSS."""

from __future__ import annotations

ESM = r"""
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

function inputOf(key) {
  const holder = document.querySelector("." + CSS.escape(PREFIX + key));
  return holder && holder.querySelector("input, textarea");
}

// the same rule as verbinding.pending.after_clear
function afterClear(shown, added) {
  if (shown === added) return "";
  if (added && shown.startsWith(added)) return shown.slice(added.length);
  return null;
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
  const dirty = new Map();  // key -> input typed in since the last flush
  let clearing = false;
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
    if (key === "") {  // a field made since the last tagging
      // the kernel's tag changes the field's classes, and any change of its model puts the
      // model's value into the field: the model must hold what is typed by then (a field
      // saved on leaving it lost its first key, a learner's walk in module 5)
      input.dispatchEvent(new Event("change", { bubbles: true }));
      send({ type: "tag" });
      return;
    }
    dirty.set(key, input);
    if (clearing) return;  // the kernel's clear after an 'add': nothing typed to keep
    const before = kept[key];
    kept[key] = { text: input.value, base: before ? before.base : (bases[key] ?? ""), at: Date.now() };
    store();
    clearTimeout(timers[key]);
    timers[key] = setTimeout(() => {
      if (input.isConnected && !lost) input.dispatchEvent(new Event("change", { bubbles: true }));
    }, model.get("debounce_ms"));
  }

  function flush(event) {
    const target = event.target;
    if (!(target instanceof Element) || lost || !dirty.size) return;
    if (event.type === "keydown") {
      if (event.key !== "Enter" || !(target instanceof HTMLInputElement)) return;
    } else if (!target.closest("button")) {
      return;
    }
    const values = {};
    for (const [key, input] of dirty) {
      if (input.isConnected) values[key] = input.value;
    }
    dirty.clear();
    if (Object.keys(values).length) send({ type: "flush", values });
  }

  function clear(key, added) {
    const input = inputOf(key);
    if (!input) return;
    const next = afterClear(input.value, added);
    if (next === null) return;
    const focused = document.activeElement === input;
    const caret = input.selectionStart;
    input.value = next;
    if (focused && caret !== null) {
      const at = Math.max(0, Math.min(next.length, caret - added.length));
      input.setSelectionRange(at, at);
    }
    clearing = true;
    try {
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    } finally {
      clearing = false;
    }
  }

  function onMessage(message) {
    if (message && message.type === "clear") { clear(message.key, message.text); return; }
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
  document.addEventListener("click", flush, true);
  document.addEventListener("keydown", flush, true);
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
    document.removeEventListener("click", flush, true);
    document.removeEventListener("keydown", flush, true);
    window.removeEventListener("offline", connectionLost);
    window.removeEventListener("online", connectionBack);
    if (kernel && kernel.statusChanged) kernel.statusChanged.disconnect(onStatus);
    if (kernel && kernel.connectionStatusChanged) kernel.connectionStatusChanged.disconnect(onConnection);
  };
}

export default { render };
"""

CSS = """
.verbinding-keeper .verbinding-connection-lost[hidden] { display: none; }
.verbinding-orphan textarea { width: 100%; box-sizing: border-box; margin: 0 0 4px 0; font: inherit; }
.verbinding-orphan { margin: 0 0 12px 0; }
body.verbinding-waiting .verbinding-savebar .verbinding-saved-time,
body.verbinding-offline .verbinding-savebar .verbinding-saved-time { display: none; }
body.verbinding-waiting .verbinding-savebar .verbinding-status::after { content: var(--verbinding-saving); }
body.verbinding-offline .verbinding-savebar .verbinding-status::after { content: var(--verbinding-not-saved); }
"""
