"""One limit for every text field the learner fills in (pure; no widgets).

A text longer than :data:`MAX_TEXT` characters is refused with a Dutch message beside the
field, never cut: the learner's text stays in the field, the saved text stays as it was,
until the learner shortens it. Beyond :data:`WARN_FROM` the field shows how much is left.
"""

from __future__ import annotations

from verbinding.texts import t

MAX_TEXT = 20_000
WARN_FROM = 18_000


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def too_long(value: object) -> bool:
    return isinstance(value, str) and len(value) > MAX_TEXT


def field_message(value: object) -> str:
    """The Dutch line beside a field: '' when far from the limit."""
    length = len(value) if isinstance(value, str) else 0
    if length > MAX_TEXT:
        return t("common.limits.too_long", length=_number(length), limit=_number(MAX_TEXT))
    if length >= WARN_FROM:
        return t("common.limits.near", length=_number(length), limit=_number(MAX_TEXT))
    return ""
