"""Caps on the course pages of one server: in total and per client address (pure Python).

Every course page is a kernel (~250-300 MB). On one Voilà server that serves a room
(``verbinding start``) anybody who reaches it can open page after page; without a cap the
server runs out of memory for everybody. :class:`KernelLedger` counts the kernels that serve
a page, per client address, and refuses one more when

- the address already holds ``per_address`` pages (:data:`TOO_MANY_TABS`: "close another
  tab"), or
- the server already holds ``total`` pages (:data:`SERVER_FULL`: "try again later").

Kernels that are still starting count, so a burst of page loads cannot slip past the cap.
Voilà's preheated pool kernels are not in the ledger: they belong to no address and are never
refused; a pool kernel counts from the moment a page takes it. A kernel that stops (a closed
tab's kernel culled, a shut down kernel) frees its place (:meth:`KernelLedger.keep_only`).
A cap of 0 means no cap.

:func:`default_caps` chooses the caps of ``verbinding start`` from the memory this computer
has free and from class mode (``--deelnemers N``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

TOO_MANY_TABS = "te-veel-tabbladen"
SERVER_FULL = "server-vol"

KERNEL_MB = 150  # one course page's kernel with every module open: 132 MB (bench_app.py)
RESERVE_MB = 500  # for Voilà itself, the browser on a laptop and the system
PER_ADDRESS = 4  # tabs per address when no class shares one address


@dataclass(frozen=True)
class Caps:
    total: int = 0  # pages at once on the server; 0: no cap
    per_address: int = 0  # pages at once per client address; 0: no cap


class Refused(Exception):
    """One more page would pass a cap; ``kind`` is :data:`TOO_MANY_TABS` or :data:`SERVER_FULL`."""

    def __init__(self, kind: str, cap: int):
        super().__init__(f"{kind} (cap {cap})")
        self.kind = kind
        self.cap = cap


class Seat:
    """A page being started: counts as in use until :meth:`close`; :meth:`assign` gives it
    its kernel, which then counts until it stops."""

    def __init__(self, ledger: KernelLedger, address: str | None):
        self._ledger = ledger
        self.address = address
        self._open = True

    def assign(self, kernel_id: str) -> None:
        self._ledger._owners[kernel_id] = self.address

    def close(self) -> None:
        if self._open:
            self._open = False
            self._ledger._starting[self.address] -= 1


class KernelLedger:
    """Which page kernels run (or start) for which address."""

    def __init__(self):
        self._owners: dict[str, str | None] = {}
        self._starting: Counter[str | None] = Counter()

    def in_use(self, address: str | None = None, *, everyone: bool = False) -> int:
        """Pages running or starting, for ``address`` or (``everyone``) on the whole server."""
        if everyone:
            return len(self._owners) + sum(self._starting.values())
        return sum(1 for owner in self._owners.values() if owner == address) + self._starting[address]

    def refusal(self, address: str | None, caps: Caps) -> Refused | None:
        """Why one more page for ``address`` is refused, or None. The address's own cap comes
        first: closing one of her own tabs is something the learner can do."""
        if caps.per_address > 0 and address is not None and self.in_use(address) >= caps.per_address:
            return Refused(TOO_MANY_TABS, caps.per_address)
        if caps.total > 0 and self.in_use(everyone=True) >= caps.total:
            return Refused(SERVER_FULL, caps.total)
        return None

    def admit(self, address: str | None, caps: Caps) -> Seat:
        """A seat for one more page, or :class:`Refused`."""
        refused = self.refusal(address, caps)
        if refused is not None:
            raise refused
        self._starting[address] += 1
        return Seat(self, address)

    def release(self, kernel_id: str) -> None:
        self._owners.pop(kernel_id, None)

    def keep_only(self, running: Iterable[str]) -> None:
        """Forget the kernels that no longer run (culled, shut down, died)."""
        running = set(running)
        for kernel_id in [k for k in self._owners if k not in running]:
            del self._owners[kernel_id]


def pages_for_memory(available_mb: float, pool: int = 0, kernel_mb: int = KERNEL_MB,
                     reserve_mb: int = RESERVE_MB) -> int:
    """Pages that fit in ``available_mb`` beside ``pool`` waiting pool kernels (at least 1)."""
    return max(1, int((available_mb - reserve_mb) // kernel_mb) - pool)


def default_caps(available_mb: float | None, participants: int | None, local_only: bool = False,
                 pool: int = 1) -> Caps:
    """The caps of ``verbinding start`` when the trainer sets none.

    Total: what the free memory holds beside the pool (``pool``, or N in class mode),
    or 10 pages when the free memory is unknown. Per address: :data:`PER_ADDRESS` tabs when
    other computers can reach the server, but none

    - in class mode: a classroom often reaches the server through one shared address (NAT),
      and a cap per address would then lock the class out;
    - when the server listens on this computer only (``local_only``): all its pages come
      from one address anyway.

    The total cap protects the server in every case, but never refuses one of the N
    learners of class mode: those N are the trainer's promise (a start with too little memory
    for them warns instead, see ``verbinding start``).
    """
    pool = participants or pool
    total = 10 if available_mb is None else pages_for_memory(available_mb, pool)
    if participants:
        total = max(total, participants)
    return Caps(total=total, per_address=0 if participants or local_only else PER_ADDRESS)


def available_memory_mb(meminfo: Path = Path("/proc/meminfo"),
                        cgroup: Path = Path("/sys/fs/cgroup")) -> float | None:
    """Memory free for new processes, in MB: ``MemAvailable``, or less when a container's
    memory limit (cgroup v2) leaves less; None where neither can be read (not Linux)."""
    free = None
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                free = int(line.split()[1]) / 1024
    except (OSError, ValueError):
        free = None
    try:
        limit = (cgroup / "memory.max").read_text().strip()
        used = int((cgroup / "memory.current").read_text().strip())
        if limit.isdigit():
            left = (int(limit) - used) / 1024 / 1024
            free = left if free is None else min(free, left)
    except (OSError, ValueError):
        pass
    return free


def choose_caps(total: int | None, per_address: int | None, participants: int | None,
                local_only: bool, available_mb: float | None) -> Caps:
    """The trainer's caps (``--max-paginas``, ``--max-per-adres``; None: not given) over
    :func:`default_caps`."""
    default = default_caps(available_mb, participants, local_only)
    return Caps(total=default.total if total is None else total,
                per_address=default.per_address if per_address is None else per_address)


def voila_arguments(caps: Caps) -> list[str]:
    """Voilà options that set ``caps`` on the course's kernel manager."""
    return [f"--CourseKernelManager.max_kernels={caps.total}",
            f"--CourseKernelManager.max_kernels_per_address={caps.per_address}"]


def caps_report(caps: Caps, total_given: bool, participants: int | None,
                local_only: bool = False) -> list[str]:
    """The Dutch lines the trainer reads at the start: both caps and where they come from."""
    from verbinding.texts import t  # keeps the module light for the tests of the counting

    if caps.total <= 0:
        lines = [t("caps.total_none", per_pagina=KERNEL_MB)]
    elif total_given:
        lines = [t("caps.total_set", totaal=caps.total)]
    else:
        lines = [t("caps.total_memory", totaal=caps.total, per_pagina=KERNEL_MB)]
    if caps.per_address > 0:
        lines.append(t("caps.per_address", per_adres=caps.per_address))
    elif participants:
        lines.append(t("caps.per_address_class"))
    elif local_only:
        lines.append(t("caps.per_address_local"))
    else:
        lines.append(t("caps.per_address_none"))
    if participants and 0 < caps.total < participants:
        lines.append(t("caps.short_for_class", aantal=participants, totaal=caps.total))
    return lines
