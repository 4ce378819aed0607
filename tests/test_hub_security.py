"""The hub's login rules: learner names, the trainer's password hash, the login throttle and
the refusal of a second spelling of one account (``verbinding.hub.security``)."""

from __future__ import annotations

import pytest

from verbinding.hub import USERNAME_PATTERN
from verbinding.hub.security import (
    LoginThrottle,
    NameRegistry,
    hash_password,
    normalize_username,
    throttled_message,
    verify_password,
)


@pytest.mark.parametrize(("typed", "account"), [
    ("Chantal Öztürk", "chantal-ozturk"),
    ("  chantal   öztürk ", "chantal-ozturk"),
    ("Ruud 't Hart", "ruud-t-hart"),
    ("Ruud ’t Hart", "ruud-t-hart"),
    ("Anna de Vries", "anna-de-vries"),
    ("Işıl Güneş", "isil-gunes"),
    ("Søren Straße", "soren-strasse"),
    ("Zoë O'Brien-Bakker", "zoe-o-brien-bakker"),
])
def test_a_name_with_accents_apostrophes_and_spaces_becomes_one_account_name(typed, account):
    import re

    assert normalize_username(typed) == account
    assert normalize_username(account) == account, "the same every time, also for the result"
    assert re.match(USERNAME_PATTERN, account)


def test_only_a_hash_of_the_trainers_password_is_kept_and_it_checks():
    password = "een-lang-trainerwachtwoord-van-32!"
    stored = hash_password(password)
    assert password not in stored and stored.startswith("scrypt$")
    assert verify_password(password, stored)
    assert not verify_password(password + "x", stored) and not verify_password("", stored)
    assert hash_password(password) != stored, "a fresh salt every time"
    assert not verify_password(password, "kapot") and not verify_password(password, "")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_ten_failures_for_one_name_block_that_name_for_ten_minutes():
    clock = Clock()
    throttle = LoginThrottle(per_name=10, per_address=30, window=600, clock=clock)
    for attempt in range(10):
        assert throttle.wait_seconds("anna", f"10.0.0.{attempt}") == 0
        throttle.failed("anna", f"10.0.0.{attempt}")
        clock.now += 1
    assert throttle.wait_seconds("anna", "10.0.0.99") > 500, "from any address"
    assert throttle.wait_seconds("bert", "10.0.0.99") == 0, "other names are not blocked"
    clock.now += 600
    assert throttle.wait_seconds("anna", "10.0.0.99") == 0, "after ten minutes she may try again"


def test_thirty_failures_from_one_address_block_that_address():
    clock = Clock()
    throttle = LoginThrottle(per_name=10, per_address=30, window=600, clock=clock)
    for attempt in range(30):
        assert throttle.wait_seconds(f"naam-{attempt}", "10.0.0.7") == 0
        throttle.failed(f"naam-{attempt}", "10.0.0.7")
    assert throttle.wait_seconds("nieuwe-naam", "10.0.0.7") == pytest.approx(600)
    assert throttle.wait_seconds("nieuwe-naam", "10.0.0.8") == 0
    assert "Wacht 10 minuten" in throttled_message(600) and "Wacht 1 minuut" in throttled_message(20)


def test_fifty_failures_keep_the_name_blocked_only_while_they_are_recent():
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(50):
        throttle.failed("anna", "10.0.0.1")
        clock.now += 10  # 50 failures over 500 s
    assert throttle.wait_seconds("anna", "10.0.0.2") > 0
    clock.now += 600
    assert throttle.wait_seconds("anna", "10.0.0.1") == 0


def test_a_second_spelling_of_one_account_is_refused_the_same_person_is_not(tmp_path):
    names = NameRegistry(tmp_path / "namen.json")
    assert names.claim("Anna Müller") == "anna-muller"
    assert names.claim("anna  müller") == "anna-muller", "the same person, typed differently"
    assert names.claim("Anna Muller") is None, "someone else whose name only looks alike"
    message = NameRegistry.collision_message("Anna Muller")
    assert "anna-muller" in message and "al iemand anders" in message
    assert names.claim("Chantal Öztürk") == "chantal-ozturk"
    assert (tmp_path / "namen.json").stat().st_mode & 0o077 == 0
