"""Which learner this kernel belongs to.

One Voilà server may serve a whole room, so a workbook is keyed to a *learner code*
carried in the page's query string (``?werkboek=<code>``), which Voilà passes to the
kernel. A page opened without a code gets a fresh random code; the index shows it and
carries it in every module link. Outside Voilà (JupyterLab, nbval) the single user's
default code is used.
"""

from __future__ import annotations

import os
import re
import secrets
from urllib.parse import parse_qs

QUERY_KEY = "werkboek"
DEFAULT_CODE = "mijn-werk"
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{2,39}$")
_WORDS = (
    "brug", "dijk", "duin", "haven", "kade", "linde", "meeuw", "molen", "polder",
    "reiger", "sluis", "tulp", "wilg", "zeef", "eik", "bever", "kievit", "ooievaar",
)


def normalise_code(raw: str | None) -> str | None:
    """A safe learner code (lower case letters, digits, dashes) or None."""
    if not raw:
        return None
    code = raw.strip().lower()
    return code if _CODE_RE.match(code) else None


def new_code() -> str:
    """A random, easy-to-copy code such as ``reiger-4821``."""
    return f"{secrets.choice(_WORDS)}-{secrets.randbelow(9000) + 1000}"


def in_voila() -> bool:
    return "VOILA_SERVER_URL" in os.environ or "VOILA_PREHEAT" in os.environ


def query_string() -> str:
    """The page's query string in Voilà (waits for it with preheated kernels)."""
    if not in_voila():
        return ""
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string

        return get_query_string() or ""
    return os.environ.get("QUERY_STRING", "")


def code_from_query(qs: str) -> str | None:
    values = parse_qs(qs).get(QUERY_KEY, [])
    return normalise_code(values[0]) if values else None


def learner_code() -> tuple[str, bool]:
    """(code, is_new): the code from the page address, or a new one.

    Outside Voilà ``VERBINDING_LEARNER`` or the default single-user code is used.
    """
    if not in_voila():
        return normalise_code(os.environ.get("VERBINDING_LEARNER")) or DEFAULT_CODE, False
    code = code_from_query(query_string())
    if code:
        return code, False
    return new_code(), True
