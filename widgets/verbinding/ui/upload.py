"""An upload button that refuses a too-large file in the browser, before sending it.

ipywidgets' ``FileUpload`` sends every chosen file whole over the websocket: a file of some
tens of MB exceeds the server's message limit, the connection drops and reconnects, and the
learner sees nothing at all (measured with Voilà 0.5: 12 MB arrived, 40 MB vanished). It also
labels itself "description (number of files)". This small anywidget checks each file's size
in the browser, sends the files one message each (binary buffers, nothing leaves the
machine), then tells the kernel the choice is complete; the kernel gets the files, the names
refused as too large and those the browser could not read, and answers in Dutch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import anywidget
import traitlets

from verbinding.workbook import MAX_UPLOAD_BYTES

_ESM = r"""
function render({ model, el }) {
  const input = document.createElement("input");
  input.type = "file";
  input.hidden = true;
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button verbinding-upload";
  button.type = "button";
  button.style.width = "auto";
  let busy = false;
  const sync = () => {
    button.textContent = model.get("label");
    button.title = model.get("hint");
    button.disabled = model.get("disabled") || busy;
    button.setAttribute("aria-busy", busy ? "true" : "false");
    input.accept = model.get("accept");
    input.multiple = model.get("multiple");
  };
  sync();
  model.on("change:label change:hint change:disabled change:accept change:multiple", sync);
  button.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const files = Array.from(input.files || []);
    input.value = "";  // choosing the same file again is a new choice
    if (!files.length) return;
    busy = true;
    sync();
    const limit = model.get("max_bytes");
    try {
      for (const file of files) {
        if (file.size > limit) {
          model.send({ event: "too_large", name: file.name });
          continue;
        }
        try {
          const buffer = await file.arrayBuffer();
          model.send({ event: "file", name: file.name }, undefined, [buffer]);
        } catch (error) {
          model.send({ event: "unreadable", name: file.name });
        }
      }
    } finally {
      model.send({ event: "end" });
      busy = false;
      sync();
    }
  });
  el.append(button, input);
}
export default { render };
"""

MAX_NAME = 200  # characters of a file name kept for messages


@dataclass
class Chosen:
    """What the learner chose in one go."""

    files: list[tuple[str, bytes]] = field(default_factory=list)  # (name, content)
    too_large: list[str] = field(default_factory=list)  # names refused by size
    unreadable: list[str] = field(default_factory=list)  # names the browser could not read


class UploadButton(anywidget.AnyWidget):
    """A labelled button; ``on_choice(Chosen)`` is called once per choice of files."""

    _esm = _ESM
    label = traitlets.Unicode("Upload").tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)  # not "tooltip": see download.DownloadButton
    accept = traitlets.Unicode("").tag(sync=True)
    multiple = traitlets.Bool(False).tag(sync=True)
    max_bytes = traitlets.Int(MAX_UPLOAD_BYTES).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, label: str, on_choice: Callable[[Chosen], None], *, hint: str = "",
                 accept: str = "", multiple: bool = False, max_bytes: int = MAX_UPLOAD_BYTES,
                 **kwargs):
        super().__init__(label=label, hint=hint, accept=accept, multiple=multiple,
                         max_bytes=max_bytes, **kwargs)
        self._on_choice = on_choice
        self._pending = Chosen()
        self.on_msg(self._handle)

    def _handle(self, _widget, content, buffers) -> None:
        if not isinstance(content, dict):
            return
        event = content.get("event")
        name = str(content.get("name") or "")[:MAX_NAME]
        if event == "file" and buffers:
            data = bytes(buffers[0])
            if len(data) > self.max_bytes:  # a front end that skipped the check
                self._pending.too_large.append(name)
            else:
                self._pending.files.append((name, data))
        elif event == "too_large":
            self._pending.too_large.append(name)
        elif event == "unreadable":
            self._pending.unreadable.append(name)
        elif event == "end":
            chosen, self._pending = self._pending, Chosen()
            if chosen.files or chosen.too_large or chosen.unreadable:
                self._on_choice(chosen)
