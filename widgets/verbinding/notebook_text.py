"""The Dutch text of a module page, taken from its notebook (no widgets).

Trainers edit a module's explanations in its notebook (``course/02_outreach.ipynb``), so the
course app shows that same text: the markdown cells before the first code cell above the
exercise, the ones after it below. Raw HTML in the markdown is shown as text, never run.
Links to another course notebook (``03_connection.ipynb``) become links inside the app.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

_LINK = re.compile(r'href="(?:\./)?([\w./-]+\.ipynb)(#[\w-]+)?"')


class ModuleText(NamedTuple):
    before: str  # HTML above the exercise
    after: str  # HTML below it


@lru_cache(maxsize=1)
def _renderer():
    import mistune  # only when a module is first shown

    return mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])


def _markdown_cells(path: Path) -> tuple[list[str], list[str]]:
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    before: list[str] = []
    after: list[str] = []
    seen_code = False
    for cell in cells:
        if cell.get("cell_type") == "code":
            seen_code = True
        elif cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            (after if seen_code else before).append("".join(source) if isinstance(source, list) else source)
    return before, after


def render(markdown: str, link_for=None) -> str:
    """HTML of ``markdown``; ``link_for(notebook, anchor)`` gives the attributes that replace
    a link to a course notebook (None keeps the link as it is)."""
    html = _renderer()(markdown)
    if link_for is None:
        return html

    def replace(match: re.Match) -> str:
        attributes = link_for(match.group(1), (match.group(2) or "")[1:])
        return attributes if attributes is not None else match.group(0)

    return _LINK.sub(replace, html)


def module_text(path: Path, link_for=None) -> ModuleText:
    """The explanations around a module's exercise, as HTML (empty when the file is gone)."""
    try:
        before, after = _markdown_cells(path)
    except (OSError, ValueError):
        return ModuleText("", "")
    return ModuleText(render("\n\n".join(before), link_for), render("\n\n".join(after), link_for))


def app_link(code: str, module_id: str, anchor: str = "") -> str:
    """``href`` and ``data-module`` attributes of a link to a module inside the course app."""
    target = f"?werkboek={quote(code)}&module={quote(module_id)}" + (f"#{quote(anchor)}" if anchor else "")
    return f'href="{target}" data-module="{module_id}"' + (f' data-anchor="{anchor}"' if anchor else "")
