"""A download button that works inside Voilà.

Voilà refuses ``FileLink`` and ``display(Javascript(...))``. This small anywidget asks the
kernel for the file only when clicked, receives the bytes as a binary buffer and saves
them through a Blob URL: nothing is generated on every keystroke and nothing leaves
the machine.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets

_ESM = r"""
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button verbinding-download";
  button.type = "button";
  button.style.width = "auto";
  const sync = () => {
    button.textContent = model.get("label");
    button.title = model.get("hint");
    button.setAttribute("aria-label", model.get("label"));
    button.disabled = model.get("disabled");
  };
  sync();
  model.on("change:label change:hint change:disabled", sync);
  button.addEventListener("click", () => model.send({ event: "download" }));
  model.on("msg:custom", (msg, buffers) => {
    if (!msg || msg.kind !== "file" || !buffers || !buffers.length) return;
    const blob = new Blob([buffers[0]], { type: msg.mime });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = msg.filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
  el.appendChild(button);
}
export default { render };
"""

MIME = {
    "json": "application/json",
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class DownloadButton(anywidget.AnyWidget):
    """A labelled button; ``producer()`` returns ``(filename, bytes)`` when clicked."""

    _esm = _ESM
    label = traitlets.Unicode("Download").tag(sync=True)
    # Not "tooltip": that name belongs to DOMWidget, whose view then reads a "description"
    # the anywidget model lacks and the button fails to render ("Could not create a view").
    hint = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, label: str, producer: Callable[[], tuple[str, bytes]], hint: str = "", **kwargs):
        super().__init__(label=label, hint=hint, **kwargs)
        self._producer = producer
        self.on_msg(self._handle)
        self.last_filename = ""

    def _handle(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("event") != "download":
            return
        filename, data = self._producer()
        self.last_filename = filename
        extension = filename.rsplit(".", 1)[-1]
        self.send(
            {"kind": "file", "filename": filename, "mime": MIME.get(extension, "application/octet-stream")},
            buffers=[data],
        )
