"""The hub's login rules, without JupyterHub: learner names, the trainer's password hash,
the login throttle and the record of which spelling owns which account.

Pure Python so every rule is unit-tested; ``verbinding.hub.config`` wires them into
JupyterHub.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import time
import unicodedata
from collections import defaultdict, deque
from pathlib import Path

# Letters that Unicode does not split into a base letter and an accent.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ı": "i",
                          "ð": "d", "þ": "th", "ĳ": "ij"})


def normalize_username(name: str) -> str:
    """A learner's name as a hub and Linux user name, the same way every time.

    "Chantal Öztürk" -> "chantal-ozturk", "Ruud 't Hart" -> "ruud-t-hart", "Anna  de Vries" ->
    "anna-de-vries": lower case, accents dropped, every run of other characters one dash.
    """
    text = unicodedata.normalize("NFKD", name.strip().lower().translate(_LETTERS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def spelling_key(name: str) -> str:
    """How a learner typed her name, up to case and spaces: the same person typing it again
    ("chantal öztürk") matches; someone else whose name only normalises alike does not."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


# --- the trainer's password -------------------------------------------------------------

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MB and ~50 ms per check


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` (hex): what is stored instead of the password."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt${n}${r}${p}$".format(**_SCRYPT) + f"{salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True if ``password`` is the one ``stored`` (from :func:`hash_password`) was made of."""
    try:
        kind, n, r, p, salt, digest = stored.strip().split("$")
        if kind != "scrypt":
            return False
        computed = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), dklen=32,
                                  n=int(n), r=int(r), p=int(p), maxmem=2**26)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed.hex(), digest)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to a file only its owner can read (0600), replacing it atomically."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


# --- the login throttle -----------------------------------------------------------------

class LoginThrottle:
    """Failed logins counted per name and per address over a sliding window.

    After ``per_name`` failures for one name, or ``per_address`` from one address, within
    ``window`` seconds, every attempt for that name or from that address is refused (even
    with the right password) until the oldest failure is older than the window.
    """

    def __init__(self, per_name: int = 10, per_address: int = 30, window: float = 600,
                 clock=time.monotonic):
        self.per_name, self.per_address, self.window, self.clock = per_name, per_address, window, clock
        self._failures: dict[tuple[str, str], deque] = defaultdict(deque)

    def _recent(self, key: tuple[str, str]) -> deque:
        failures = self._failures[key]
        now = self.clock()
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]
        return failures

    def wait_seconds(self, name: str, address: str) -> float:
        """0 if a login may be tried now, else the seconds until it may."""
        waits = []
        for key, limit in ((("name", name), self.per_name), (("address", address), self.per_address)):
            failures = self._recent(key)
            if len(failures) >= limit:
                waits.append(failures[-limit] + self.window - self.clock())
        return max(waits, default=0.0)

    def failed(self, name: str, address: str) -> None:
        now = self.clock()
        for key in (("name", name), ("address", address)):
            self._failures[key].append(now)
            if len(self._failures[key]) > max(self.per_name, self.per_address):
                self._failures[key].popleft()


def throttled_message(seconds: float) -> str:
    minutes = max(1, round(seconds / 60 + 0.49))
    return (f"Te veel mislukte pogingen om in te loggen. Wacht {minutes} "
            f"{'minuut' if minutes == 1 else 'minuten'} en probeer het dan opnieuw. "
            "Weet je het klaswachtwoord niet zeker? Vraag het aan de trainer.")


# --- which spelling owns which account ---------------------------------------------------

class NameRegistry:
    """The first spelling of every learner name, kept in a private JSON file.

    Two people whose names normalise alike ("Anna Müller", "Anna Muller") would share one
    account and one workbook; the second is refused with :meth:`collision_message`.
    """

    def __init__(self, path: Path):
        self.path = path

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def claim(self, typed: str) -> str | None:
        """The account name for ``typed``, recording its spelling on first use; None when
        another spelling already owns that account."""
        account = normalize_username(typed)
        names = self._load()
        key = spelling_key(typed)
        owner = names.get(account)
        if owner is None:
            names[account] = key
            write_private(self.path, json.dumps(names, ensure_ascii=False, indent=1))
            return account
        return account if owner == key else None

    @staticmethod
    def collision_message(typed: str) -> str:
        account = normalize_username(typed)
        return (f"De naam '{typed}' wordt hier '{account}', en die naam heeft al iemand anders "
                "in deze klas (met een andere schrijfwijze). Log in met een naam die je "
                "onderscheidt, bijvoorbeeld met je tweede voornaam of een letter erbij.")
