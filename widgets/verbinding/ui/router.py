"""The course app's address bar: a tiny anywidget (offline, no page loads).

* writes ``?werkboek=<code>&module=<id>`` into the address, so a reload, a bookmark or a
  link from the trainer opens the same place;
* a click on a link with ``data-module`` shows that module in place (Ctrl/middle click
  still opens a new tab), and the browser's back and forward buttons move between the
  modules the learner visited;
* sets the tab title and moves the keyboard focus to the module's heading after a switch;
* ``go(url)`` loads another address (used to open a different learner code).
"""

from __future__ import annotations

import anywidget
import traitlets

_ESM = r"""
function render({ model, el }) {
  el.style.display = "none";
  const address = (module) => {
    const params = new URLSearchParams(window.location.search);
    params.set("werkboek", model.get("code"));
    params.set("module", module);
    return window.location.pathname + "?" + params.toString();
  };
  const showTitle = () => { if (model.get("title")) document.title = model.get("title"); };
  let fromHistory = false;
  window.history.replaceState({ module: model.get("module") }, "", address(model.get("module")) + window.location.hash);
  showTitle();
  model.on("change:module", () => {
    const module = model.get("module");
    if (!fromHistory) window.history.pushState({ module }, "", address(module));
    fromHistory = false;
  });
  model.on("change:code", () => window.history.replaceState({ module: model.get("module") }, "", address(model.get("module"))));
  model.on("change:title", showTitle);
  model.on("change:shown", () => {
    // the kernel has put the module on the page: focus its heading, or the anchor asked for
    const anchor = model.get("anchor");
    const target = (anchor && document.getElementById(anchor)) || document.querySelector(".verbinding-module h1, .verbinding-module h2");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    }
  });
  window.addEventListener("popstate", (event) => {
    const params = new URLSearchParams(window.location.search);
    const module = (event.state && event.state.module) || params.get("module") || "index";
    if (module === model.get("module")) return;
    fromHistory = true;
    model.set("module", module);
    model.save_changes();
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest("a[data-module]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    model.set("anchor", link.dataset.anchor || "");
    if (link.dataset.module === model.get("module")) {
      model.set("shown", model.get("shown") + 1);
    } else {
      model.set("module", link.dataset.module);
    }
    model.save_changes();
  });
  model.on("msg:custom", (msg) => { if (msg && msg.kind === "go") window.location.assign(msg.url); });
}
export default { render };
"""


class Router(anywidget.AnyWidget):
    """Which module the learner sees, kept in step with the address bar."""

    _esm = _ESM
    code = traitlets.Unicode("").tag(sync=True)
    module = traitlets.Unicode("index").tag(sync=True)
    anchor = traitlets.Unicode("").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    shown = traitlets.Int(0).tag(sync=True)  # ticks once a module is on the page

    def go(self, url: str) -> None:
        """Load another address in this tab (a new page: another learner code)."""
        self.send({"kind": "go", "url": url})
