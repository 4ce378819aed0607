"""HTML snippets shared by the module widgets; every text in them is escaped first."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def escape(text: object) -> str:
    """``text`` as HTML text: a learner's ``<b>`` shows as ``<b>``, never as markup."""
    return html.escape(str(text))


def error_alert(text: object) -> str:
    """A short red message that a screen reader announces at once."""
    return f'<p class="verbinding-error" role="alert">{escape(text)}</p>'


def status_line(text: object, css: str = "") -> str:
    """A one-line message that a screen reader reads when it changes ('Opgeslagen.');
    ``css`` a class such as ``verbinding-notice``."""
    attribute = f' class="{css}"' if css else ""
    return f'<p{attribute} role="status">{escape(text)}</p>'


def feedback_box(body: str, css: str = "") -> str:
    """Feedback that is read out when it changes, around ready HTML ``body``; ``css`` an
    extra class."""
    classes = f"verbinding-feedback {css}" if css else "verbinding-feedback"
    return f'<div class="{classes}" role="status" aria-live="polite">{body}</div>'


def list_items(lines) -> str:
    """The ``lines`` as a bulleted list (``<ul>``), each escaped."""
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def feedback_list(lines) -> str:
    """:func:`feedback_box` with the ``lines`` as a bulleted list."""
    return feedback_box(list_items(lines))


def error_list_alert(text: object, lines) -> str:
    """A red message with a short list of problems, read out together."""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f'<div class="verbinding-error" role="alert"><p>{escape(text)}</p><ul>{items}</ul></div>'


def texts_error_alert(heading: object, error: object) -> str:
    """The page's message when a trainer's edit of an exercise text file cannot be used."""
    return (f'<div class="verbinding-error" role="alert"><p>{escape(heading)}</p>'
            f"<p>{escape(error)}</p></div>")


def texts_or_alert(load: Callable[[], T], error_class: type[Exception], heading: object,
                   message) -> T | None:
    """The exercise texts from ``load()``; on a trainer's broken edit, None, with the Dutch
    reason shown in the HTML widget ``message`` instead of a crashed page."""
    try:
        return load()
    except error_class as error:
        message.value = texts_error_alert(heading, error)
        return None
