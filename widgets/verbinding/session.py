"""Which learner this kernel belongs to.

One Voilà server may serve a whole room, so a workbook is keyed to a *learner code*
carried in the page's query string (``?werkboek=<code>``), which Voilà passes to the
kernel. A page opened without a code gets a fresh random code; the index shows it and
carries it in every module link. Outside Voilà (JupyterLab, nbval) the single user's
default code is used. On a JupyterHub the code is the logged-in learner's name
(``JUPYTERHUB_USER``, which her server passes to every kernel): her own server serves
only her, so every page, download and ``?module=`` link is her one workbook.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import parse_qs

QUERY_KEY = "werkboek"
MODULE_KEY = "module"
DEFAULT_CODE = "mijn-werk"
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{2,39}$")
_HUB_NAME_RE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")  # a hub name may have 2 letters ("jo")
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


# Letters and digits that cannot be mistaken for each other when copied by hand.
_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_SUFFIX = 6
POSSIBLE_CODES = len(_WORDS) * len(_ALPHABET) ** _SUFFIX  # 18 x 31^6, about 16 billion


def new_code(taken: Callable[[str], bool] = lambda code: False) -> str:
    """A random, easy-to-copy code such as ``reiger-7kq3mz`` that ``taken`` does not know.

    With :data:`POSSIBLE_CODES` possibilities a guess hits one of 10,000 learners' codes
    with a chance of about 1 in 1.6 million."""
    while True:
        code = f"{secrets.choice(_WORDS)}-{''.join(secrets.choice(_ALPHABET) for _ in range(_SUFFIX))}"
        if not taken(code):
            return code


def in_voila() -> bool:
    return "VOILA_SERVER_URL" in os.environ or "VOILA_PREHEAT" in os.environ


def query_string() -> str:
    """The page's query string in Voilà (waits for it with preheated kernels)."""
    if not in_voila():
        return ""
    if os.environ.get("VOILA_PREHEAT") == "True":
        wait_for_request()
    return os.environ.get("QUERY_STRING", "")


def wait_for_request() -> None:
    """Wait until Voilà hands this preheated kernel a page request, and put the request's
    details (``QUERY_STRING``, ...) into the environment.

    What ``voila.utils.wait_for_request`` does (Voilà 0.5.13), without importing
    ``voila.utils``: that module imports Voilà's server stack (jupyter_server, nbconvert,
    jsonschema, lxml, ...), ~50 MB in every learner's kernel for one websocket message.
    """
    import asyncio
    import json
    import threading
    import warnings

    from websockets.asyncio.client import connect

    protocol = os.getenv("VOILA_WS_PROTOCOL", "ws")
    host = os.getenv("VOILA_APP_IP", "127.0.0.1")
    port = os.getenv("VOILA_APP_PORT", "8866")
    base = os.getenv("VOILA_WS_BASE_URL", os.getenv("VOILA_SERVER_URL", "/"))
    url = f"{protocol}://{host}:{port}{base}voila/query/{os.getenv('VOILA_KERNEL_ID')}"
    received: list[str] = []

    async def receive() -> None:
        try:
            async with connect(url, open_timeout=5) as socket:
                received.append(await socket.recv())
        except (TimeoutError, ConnectionRefusedError):
            warnings.warn(f"Failed to connect to {url}", stacklevel=1)

    def run() -> None:  # in a thread: the kernel's own event loop is running
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(receive())
        finally:
            loop.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if received:
        for key, value in json.loads(received[0]).items():
            os.environ[key] = value


def code_from_query(qs: str) -> str | None:
    values = parse_qs(qs).get(QUERY_KEY, [])
    return normalise_code(values[0]) if values else None


def module_from_query(qs: str) -> str | None:
    values = parse_qs(qs).get(MODULE_KEY, [])
    return values[0] if values else None


class CodeChoice(NamedTuple):
    """The learner code of this page: ``new`` when it was handed out just now; ``refused``
    is the unusable code the address carried (shown back to the learner), if any."""

    code: str
    new: bool
    refused: str | None = None


def _workbook_exists(code: str) -> bool:
    from verbinding.workbook import Workbook

    return Workbook.default_path(code).exists()


def hub_user_code() -> str | None:
    """On a JupyterHub: the logged-in learner's name as her code (else None).

    A workbook saved under the old shared code (``mijn-werk``) is copied to her name the
    first time, so nothing she did before is lost (the old file stays as it was)."""
    code = os.environ.get("JUPYTERHUB_USER", "")
    if _HUB_NAME_RE.match(code):
        from verbinding.workbook import Workbook

        mine, old = Workbook.default_path(code), Workbook.default_path(DEFAULT_CODE)
        if not mine.exists() and old.is_file():
            import shutil

            shutil.copyfile(old, mine)
        return code
    return None


def choose_code(qs: str | None = None) -> CodeChoice:
    """The code from the page address, or a new one that no workbook uses yet.

    On a JupyterHub always the learner's name (:func:`hub_user_code`), whatever the address
    says. Outside Voilà ``VERBINDING_LEARNER`` or the default single-user code is used.
    """
    hub_code = hub_user_code()
    if hub_code:
        return CodeChoice(hub_code, False)
    if qs is None and not in_voila():
        return CodeChoice(normalise_code(os.environ.get("VERBINDING_LEARNER")) or DEFAULT_CODE, False)
    raw = parse_qs(query_string() if qs is None else qs).get(QUERY_KEY, [""])[0]
    code = normalise_code(raw)
    if code:
        return CodeChoice(code, False)
    return CodeChoice(new_code(_workbook_exists), True, raw.strip()[:60] or None)


def learner_code() -> tuple[str, bool]:
    """(code, is_new): see :func:`choose_code`."""
    choice = choose_code()
    return choice.code, choice.new
