"""Learner codes: taken from the page address, safe as file names, new when absent."""

from __future__ import annotations

import pytest

from verbinding import session


@pytest.mark.parametrize(
    "query, expected",
    [
        ("werkboek=reiger-4821", "reiger-4821"),
        ("werkboek=REIGER-4821&x=1", "reiger-4821"),
        ("werkboek=../../etc/passwd", None),
        ("werkboek=<script>", None),
        ("werkboek=ab", None),
        ("", None),
    ],
)
def test_code_from_query(query, expected):
    assert session.code_from_query(query) == expected


def test_new_codes_are_valid_and_differ():
    codes = {session.new_code() for _ in range(50)}
    assert len(codes) > 40
    assert all(session.normalise_code(code) == code for code in codes)


def test_voila_page_without_code_gets_a_new_code(monkeypatch):
    monkeypatch.setenv("VOILA_SERVER_URL", "/")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "")
    code, is_new = session.learner_code()
    assert is_new and session.normalise_code(code) == code


def test_voila_page_with_code_uses_it(monkeypatch):
    monkeypatch.setenv("VOILA_SERVER_URL", "/")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "werkboek=meeuw-1234")
    assert session.learner_code() == ("meeuw-1234", False)


def test_preheated_kernel_waits_for_the_request_voila_hands_it(monkeypatch):
    """A preheated kernel asks Voilà's query socket for its page's address and waits for it
    (as voila.utils does, without importing Voilà's server stack into the kernel: ~50 MB)."""
    import asyncio
    import json
    import socket
    import sys
    import threading

    from websockets.asyncio.server import serve

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    asked, ready, stop = [], threading.Event(), threading.Event()

    async def handler(connection):
        asked.append(connection.request.path)
        await asyncio.sleep(0.3)  # the learner opens the page a little later
        await connection.send(json.dumps({"QUERY_STRING": "werkboek=meeuw-1234&module=outreach"}))

    async def server():
        async with serve(handler, "127.0.0.1", port):
            ready.set()
            while not stop.is_set():
                await asyncio.sleep(0.05)

    thread = threading.Thread(target=lambda: asyncio.run(server()))
    thread.start()
    try:
        assert ready.wait(10)
        for name, value in {"VOILA_PREHEAT": "True", "VOILA_APP_PORT": str(port), "VOILA_SERVER_URL": "/base/",
                            "VOILA_KERNEL_ID": "kernel-42", "QUERY_STRING": ""}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
        monkeypatch.setitem(sys.modules, "voila.utils", None)  # importing it now fails
        assert session.query_string() == "werkboek=meeuw-1234&module=outreach"
        assert asked == ["/base/voila/query/kernel-42"]
        assert session.learner_code() == ("meeuw-1234", False)
    finally:
        stop.set()
        thread.join(10)


def test_outside_voila_uses_single_user_code(monkeypatch):
    for name in ("VOILA_SERVER_URL", "VOILA_PREHEAT", "VERBINDING_LEARNER"):
        monkeypatch.delenv(name, raising=False)
    assert session.learner_code() == (session.DEFAULT_CODE, False)


def test_new_code_never_matches_an_existing_workbook(data_home):
    from verbinding.workbook import Workbook

    existing = session.new_code()
    Workbook.open(existing).set_module("drempels", {"x": 1})
    asked = []

    def taken(code):  # the first two codes drawn are "in use"
        asked.append(code)
        return len(asked) <= 2 or code == existing

    code = session.new_code(taken)
    assert len(asked) >= 3 and code == asked[-1] and code != existing
    assert session.choose_code("").code != existing


def test_codes_are_hard_to_guess():
    assert session.POSSIBLE_CODES > 10**10


def test_invalid_code_in_the_address_is_reported_back(data_home):
    choice = session.choose_code("werkboek=<script>")
    assert choice.new and choice.refused == "<script>"
    assert session.normalise_code(choice.code) == choice.code
    assert session.choose_code("werkboek=kade-7kq3mz") == ("kade-7kq3mz", False, None)
    assert session.choose_code("").refused is None


def test_module_from_query():
    assert session.module_from_query("werkboek=a-123&module=outreach") == "outreach"
    assert session.module_from_query("werkboek=a-123") is None
