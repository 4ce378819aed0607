"""Caps on the course pages of one server (issue 21, deliverable 2): the counting (plain
Python), the course kernel manager that applies it, and what ``verbinding start`` prints.

A real standalone Voilà with small caps: tests/browser/test_kernel_caps.py.
"""

from __future__ import annotations

import ast
import asyncio
import os
import time
import uuid

import pytest
from tornado import web

from verbinding import cli, kernel_caps, server
from verbinding.hub.limits import CappedKernelManager
from verbinding.kernel_caps import SERVER_FULL, TOO_MANY_TABS, Caps, KernelLedger, Refused
from verbinding.kernels import CLIENT_ADDRESS, CourseKernelManager

# --- the ledger --------------------------------------------------------------------------


def _open(ledger: KernelLedger, address: str | None, caps: Caps) -> str:
    seat = ledger.admit(address, caps)
    kernel_id = str(uuid.uuid4())
    seat.assign(kernel_id)
    seat.close()
    return kernel_id


def test_an_address_gets_its_tabs_and_then_the_tabs_message():
    ledger, caps = KernelLedger(), Caps(total=10, per_address=3)
    for _ in range(3):
        _open(ledger, "10.0.0.1", caps)
    with pytest.raises(Refused) as refused:
        ledger.admit("10.0.0.1", caps)
    assert refused.value.kind == TOO_MANY_TABS and refused.value.cap == 3
    _open(ledger, "10.0.0.2", caps)  # another computer is not held up
    assert ledger.in_use("10.0.0.1") == 3 and ledger.in_use(everyone=True) == 4


def test_a_full_server_refuses_every_address_with_the_full_message():
    ledger, caps = KernelLedger(), Caps(total=2, per_address=4)
    _open(ledger, "10.0.0.1", caps)
    _open(ledger, "10.0.0.2", caps)
    for address in ("10.0.0.1", "10.0.0.3", None):
        with pytest.raises(Refused) as refused:
            ledger.admit(address, caps)
        assert refused.value.kind == SERVER_FULL and refused.value.cap == 2


def test_an_address_at_its_own_cap_hears_about_its_tabs_first():
    ledger, caps = KernelLedger(), Caps(total=2, per_address=2)
    _open(ledger, "10.0.0.1", caps)
    _open(ledger, "10.0.0.1", caps)
    assert ledger.refusal("10.0.0.1", caps).kind == TOO_MANY_TABS
    assert ledger.refusal("10.0.0.2", caps).kind == SERVER_FULL


def test_pages_still_starting_count_so_a_burst_cannot_pass_the_cap():
    ledger, caps = KernelLedger(), Caps(total=2, per_address=0)
    first, second = ledger.admit("a", caps), ledger.admit("b", caps)  # both still starting
    with pytest.raises(Refused):
        ledger.admit("c", caps)
    first.close()  # the start failed: no kernel, the place is free again
    first.close()  # closing twice frees it once
    ledger.admit("c", caps)
    with pytest.raises(Refused):
        ledger.admit("d", caps)
    second.assign("k2")
    second.close()
    assert ledger.in_use(everyone=True) == 2


def test_a_stopped_kernel_frees_its_place():
    ledger, caps = KernelLedger(), Caps(total=2, per_address=1)
    culled = _open(ledger, "10.0.0.1", caps)
    kept = _open(ledger, "10.0.0.2", caps)
    assert ledger.refusal("10.0.0.1", caps) is not None
    ledger.keep_only([kept])  # the culler stopped a closed tab's kernel
    assert ledger.refusal("10.0.0.1", caps) is None
    _open(ledger, "10.0.0.1", caps)
    ledger.release(kept)
    assert ledger.in_use(everyone=True) == 1 and culled not in ledger._owners


def test_no_caps_means_no_refusal_and_an_unknown_address_counts_in_the_total_only():
    ledger = KernelLedger()
    for _ in range(50):
        _open(ledger, "10.0.0.1", Caps())
    ledger, caps = KernelLedger(), Caps(total=3, per_address=1)
    _open(ledger, None, caps)
    _open(ledger, None, caps)  # no address known: not held to one tab
    assert ledger.refusal(None, caps) is None
    _open(ledger, None, caps)
    assert ledger.refusal(None, caps).kind == SERVER_FULL


# --- defaults -----------------------------------------------------------------------------

def test_default_total_is_what_the_free_memory_holds_beside_the_pool():
    # 8 GB free: (8192 - 500) // 150 = 51 pages, one of them the waiting pool kernel
    assert kernel_caps.default_caps(8192, None) == Caps(total=50, per_address=kernel_caps.PER_ADDRESS)
    assert kernel_caps.default_caps(8192, 20).total == 31  # twenty wait in the class pool
    # the N learners of class mode are never refused, even when memory is short (a warning says so)
    assert kernel_caps.default_caps(8192, 40).total == 40
    assert kernel_caps.default_caps(2048, 20).total == 20
    assert kernel_caps.default_caps(200, None).total == 1  # never less than one page
    assert kernel_caps.default_caps(None, None).total == 10  # memory unknown


def test_class_mode_has_no_cap_per_address_unless_the_trainer_sets_one():
    """A classroom behind one NAT address must not be locked out by a cap per address."""
    assert kernel_caps.default_caps(16000, 20).per_address == 0
    assert kernel_caps.choose_caps(None, 4, 20, False, 16000).per_address == 4
    assert kernel_caps.choose_caps(6, None, None, False, 16000) == Caps(total=6, per_address=4)
    assert kernel_caps.choose_caps(0, 0, None, False, 16000) == Caps(total=0, per_address=0)


def test_a_server_for_this_computer_only_has_no_cap_per_address():
    """On a laptop (the default 127.0.0.1) every page comes from one address: the trainer's
    course, guide and class overview must not hit a cap meant for a room."""
    assert kernel_caps.default_caps(16000, None, local_only=True) == Caps(total=102, per_address=0)
    assert kernel_caps.choose_caps(None, 2, None, True, 16000).per_address == 2


def test_free_memory_is_read_from_linux_and_a_container_limit_wins(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemAvailable:    8388608 kB\n")
    cgroup = tmp_path / "cgroup"
    cgroup.mkdir()
    assert kernel_caps.available_memory_mb(meminfo, cgroup) == 8192
    (cgroup / "memory.max").write_text("max\n")
    (cgroup / "memory.current").write_text("0\n")
    assert kernel_caps.available_memory_mb(meminfo, cgroup) == 8192
    (cgroup / "memory.max").write_text(str(2 * 1024**3))
    (cgroup / "memory.current").write_text(str(1024**3))
    assert kernel_caps.available_memory_mb(meminfo, cgroup) == 1024
    assert kernel_caps.available_memory_mb(tmp_path / "none", tmp_path / "none") is None


def test_the_trainer_reads_both_caps_in_dutch_at_the_start():
    lines = kernel_caps.caps_report(Caps(total=24, per_address=4), False, None)
    assert "Hoogstens 24 cursuspagina's tegelijk op deze server" in lines[0] and "--max-paginas" in lines[0]
    assert "Hoogstens 4 cursuspagina's tegelijk per computer" in lines[1]
    lines = kernel_caps.caps_report(Caps(total=5, per_address=0), False, 20)
    assert "Geen grens per computer" in lines[1] and "één netwerkadres" in lines[1]
    assert "Komen er meer deelnemers" in lines[2], "a class larger than the memory is warned"
    assert "Geen grens aan het aantal" in kernel_caps.caps_report(Caps(), True, None)[0]
    assert "alleen op deze computer" in kernel_caps.caps_report(Caps(total=3), False, None, True)[1]


def test_start_passes_the_caps_to_voila():
    assert kernel_caps.voila_arguments(Caps(total=7, per_address=2)) == [
        "--CourseKernelManager.max_kernels=7", "--CourseKernelManager.max_kernels_per_address=2"]


def test_cli_refuses_a_negative_cap(capsys):
    assert cli.main(["start", "--max-paginas", "-1", "--no-browser"]) == 2
    assert "0 (geen grens) of meer" in capsys.readouterr().err


def test_start_prints_the_caps_and_gives_them_to_voila(monkeypatch, capsys):
    given = []

    def command(port, ip, extra=None):
        given.extend(extra or [])
        return ["true"]  # a server that ends at once

    monkeypatch.setattr(server, "voila_command", command)
    assert cli.main(["start", "--no-browser", "--max-paginas", "6", "--max-per-adres", "2"]) == 0
    out = capsys.readouterr().out
    assert "Hoogstens 6 cursuspagina's tegelijk op deze server" in out
    assert "Hoogstens 2 cursuspagina's tegelijk per computer" in out
    assert "--CourseKernelManager.max_kernels=6" in given
    assert "--CourseKernelManager.max_kernels_per_address=2" in given
    given.clear()
    assert cli.main(["start", "--no-browser", "--ip", "0.0.0.0"]) == 0  # a room: the defaults
    out = capsys.readouterr().out
    assert "genoeg geheugen vrij" in out and "Hoogstens 4 cursuspagina's tegelijk per computer" in out
    assert "--CourseKernelManager.max_kernels_per_address=4" in given
    total = [arg for arg in given if arg.startswith("--CourseKernelManager.max_kernels=")]
    assert len(total) == 1 and int(total[0].split("=")[1]) >= 1


# --- the kernel manager --------------------------------------------------------------------

class _FakeKernels:
    """Stands in for real kernel starts: ids only, and a list of what runs."""

    def __init__(self, manager):
        self.running: list[str] = []
        manager._start_answering = self.start
        manager.list_kernel_ids = lambda: list(self.running)

    async def start(self, kernel_name, kwargs):
        await asyncio.sleep(0)
        kernel_id = str(uuid.uuid4())
        self.running.append(kernel_id)
        return kernel_id


def _start(manager, address: str | None, preheat: bool = False) -> str:
    async def scenario():
        CLIENT_ADDRESS.set(address)
        env = {"VOILA_PREHEAT": "True" if preheat else "False"}
        return await manager.start_kernel(kernel_name="python3", env=env)

    return asyncio.run(scenario())


def test_the_manager_refuses_a_page_beyond_a_cap_with_a_dutch_429(tmp_path):
    manager = CourseKernelManager(connection_dir=str(tmp_path / "k"), max_kernels=2,
                                  max_kernels_per_address=1)
    kernels = _FakeKernels(manager)
    _start(manager, "10.0.0.1")
    with pytest.raises(web.HTTPError) as refused:
        _start(manager, "10.0.0.1")
    assert refused.value.status_code == 429 and "Sluit een ander tabblad" in refused.value.log_message
    _start(manager, "10.0.0.2")
    with pytest.raises(web.HTTPError) as full:
        _start(manager, "10.0.0.3")
    assert full.value.status_code == 429 and "De cursus is vol" in full.value.log_message
    assert "Sluit een ander tabblad" not in full.value.log_message
    kernels.running.pop(0)  # culled
    _start(manager, "10.0.0.3")


def test_pool_kernels_are_never_refused_and_count_once_a_page_takes_one(tmp_path):
    manager = CourseKernelManager(connection_dir=str(tmp_path / "k"), max_kernels=1,
                                  max_kernels_per_address=1)
    _FakeKernels(manager)
    pool = [_start(manager, None, preheat=True) for _ in range(3)]  # the pool fills regardless
    assert len(pool) == 3

    async def take(notebook_name, **kwargs):  # Voilà's get_rendered_notebook
        return "render task", [], pool.pop()

    async def page(address):
        CLIENT_ADDRESS.set(address)
        return await manager._capped_from_pool(take, notebook_name="index.ipynb")

    assert asyncio.run(page("10.0.0.1"))[2]
    with pytest.raises(web.HTTPError) as refused:
        asyncio.run(page("10.0.0.2"))
    assert refused.value.status_code == 429 and len(pool) == 2, "a refused page leaves the pool alone"
    _start(manager, "10.0.0.2", preheat=True)  # refilling the pool is never refused


def test_voilas_pool_manager_gets_the_capped_hand_out(tmp_path):
    """Voilà builds its pool manager as a subclass of the course's; its hand-out of a
    preheated kernel must pass the caps too."""
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    pooled = voila_kernel_manager_factory(CourseKernelManager, True, 0)
    # Voilà's own __init__ needs its app (parent): only the course's part runs here.
    manager = pooled.__new__(pooled)
    CourseKernelManager.__init__(manager, connection_dir=str(tmp_path / "k"))
    hand_out = manager.get_rendered_notebook
    assert hand_out.func == manager._capped_from_pool
    assert hand_out.args[0].__func__ is pooled.get_rendered_notebook


def test_the_hubs_cap_per_learner_is_the_same_counting_with_her_own_words(tmp_path):
    manager = CappedKernelManager(connection_dir=str(tmp_path / "k"))
    assert manager.max_kernels == 3 and manager.max_kernels_per_address == 0
    _FakeKernels(manager)
    for _ in range(3):
        _start(manager, "127.0.0.1")
    with pytest.raises(web.HTTPError) as refused:
        _start(manager, "127.0.0.1")
    assert refused.value.status_code == 429
    assert "Je hebt al 3 cursuspagina's open. Sluit een ander tabblad" in refused.value.log_message


def _pooled_manager(tmp_path, **config):
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    pooled = voila_kernel_manager_factory(CourseKernelManager, True, 0)
    manager = pooled.__new__(pooled)  # Voilà's own __init__ needs its app: the course's part only
    CourseKernelManager.__init__(manager, connection_dir=str(tmp_path / "k"), **config)
    return manager


def test_during_a_lesson_the_pool_is_refilled_after_the_arrivals_one_kernel_at_a_time(tmp_path):
    """Voilà refills its pool a second after each hand-out; 40 refills set up at once held
    every arriving learner's page. Refills wait until no learner arrived for a while."""
    manager = _pooled_manager(tmp_path, refill_quiet_seconds=0.4)
    assert manager._initialize.func == manager._prepare_when_quiet
    events: list[tuple[str, str, float]] = []

    async def prepare(name, kernel_id=None, **kwargs):  # Voilà's _initialize
        events.append(("start", name, time.monotonic()))
        await asyncio.sleep(0.1)
        events.append(("end", name, time.monotonic()))

    async def take(notebook_name, **kwargs):
        return "render task", [], str(uuid.uuid4())

    async def scenario():
        before_bell = time.monotonic()
        await manager._prepare_when_quiet(prepare, "pool")
        await manager._capped_from_pool(take, notebook_name="index.ipynb")  # a learner arrives
        refills = [asyncio.create_task(manager._prepare_when_quiet(prepare, f"refill-{n}")) for n in range(2)]
        await asyncio.sleep(0.25)
        await manager._capped_from_pool(take, notebook_name="index.ipynb")  # and another
        last_arrival = time.monotonic()
        await asyncio.gather(*refills)
        return before_bell, last_arrival

    before_bell, last_arrival = asyncio.run(scenario())
    starts = {name: at for kind, name, at in events if kind == "start"}
    ends = {name: at for kind, name, at in events if kind == "end"}
    assert starts["pool"] - before_bell < 0.05, "before the first learner the pool fills at once"
    assert starts["refill-0"] >= last_arrival + 0.35, "no refill while learners arrive"
    assert starts["refill-1"] >= ends["refill-0"], "refills one at a time"


def test_a_learner_beyond_the_pool_does_not_wait_for_the_quiet(tmp_path):
    """The 41st learner of a pool of 40 gets a kernel still being prepared: it starts now."""
    manager = _pooled_manager(tmp_path, refill_quiet_seconds=30)
    started: list[float] = []

    async def prepare(name, kernel_id=None, **kwargs):
        started.append(time.monotonic())
        return "render task", [], "b"

    async def scenario():
        await manager._capped_from_pool(lambda **kw: asyncio.sleep(0, ("t", [], "a")), notebook_name="index.ipynb")
        refill = asyncio.create_task(manager._prepare_when_quiet(prepare, "refill"))
        manager._pools = {"index.ipynb": [refill]}  # the pool holds only that refill
        arrived = time.monotonic()
        await manager._capped_from_pool(lambda **kw: refill, notebook_name="index.ipynb")
        return arrived

    arrived = asyncio.run(asyncio.wait_for(scenario(), 10))
    assert started and started[0] - arrived < 2


def test_a_spare_kernel_has_the_course_imported_and_gets_the_pages_request(tmp_path):
    """A Jupyter server (hub, Binder) keeps one spare kernel with the course imported; the
    next course page gets it, with the request's details (the learner's code) in its
    environment; a notebook opened in JupyterLab gets a kernel of its own."""
    manager = CourseKernelManager(connection_dir=str(tmp_path / "k"), root_dir=str(tmp_path),
                                  spare_kernels=1, spare_delay_seconds=0)

    async def ask(kernel_id: str, expression: str) -> str:
        """The value of ``expression`` in the kernel, read from the shell reply: a printed
        line comes on IOPub, which a client that has just connected can miss."""
        client = manager.get_kernel(kernel_id).client()
        client.start_channels()
        try:
            reply = await client.execute_interactive("", store_history=False, timeout=60,
                                                     user_expressions={"seen": expression})
            assert reply["content"]["status"] == "ok"
            return ast.literal_eval(reply["content"]["user_expressions"]["seen"]["data"]["text/plain"])
        finally:
            client.stop_channels()

    async def scenario():
        manager.keep_spares()
        await manager._spare_filling
        spare = manager._spares[0]
        page_env = {**os.environ, "QUERY_STRING": "werkboek=reiger-7kq3mz", "VOILA_REQUEST_URL": "http://x/"}
        page = await manager.start_kernel(kernel_name="python3", path="", env=page_env)
        seen = await ask(page, "__import__('os').environ['QUERY_STRING'] + ' ' + "
                               "str('verbinding.modules.outreach.view' in __import__('sys').modules)")
        lab = await manager.start_kernel(kernel_name="python3", path="", env=dict(os.environ))
        await manager._spare_filling  # the next spare
        next_spare = manager._spares[0]
        await manager.shutdown_all(now=True)
        return spare, page, seen, lab, next_spare

    spare, page, seen, lab, next_spare = asyncio.run(asyncio.wait_for(scenario(), 240))
    assert page == spare and seen.split() == ["werkboek=reiger-7kq3mz", "True"]
    assert lab not in (spare, next_spare) and next_spare != spare
