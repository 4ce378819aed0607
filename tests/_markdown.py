"""What a Markdown reader makes of an export: CommonMark with GitHub tables, raw HTML let
through (escape=False) as most viewers do, so a test sees learner text turned into markup."""

from __future__ import annotations

import mistune

render = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def has_markup(md: str) -> bool:
    """True if the rendered Markdown has elements learner text could turn into (script,
    bold, a link, an image, struck text; the exports' own italics are not counted)."""
    html = render(md)
    return any(tag in html for tag in ("<script", "<b>", "<a ", "<img", "<strong>", "<del>"))
