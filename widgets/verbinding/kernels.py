"""The course's kernel manager: no learner waits forever for a kernel.

Many kernels starting at once on one host raced for TCP ports (``ZMQError: Address already
in use``; "Kernel died before replying to kernel_info") and Voilà then kept the learner's
page open for good. This manager

- talks to kernels over ``ipc`` (Unix sockets) instead of TCP ports, with the sockets in a
  short private folder (mode 0700; ZMQ's socket paths must stay under ~107 characters);
- checks that a new kernel answers before it is handed out, and replaces a kernel that died
  at start (up to :attr:`CourseKernelManager.start_attempts` times);
- starts pool kernels (Voilà's preheated kernels, ``verbinding start --deelnemers``) a few
  at a time before the lesson, and refills the pool during the lesson only once no learner
  has arrived for :attr:`CourseKernelManager.refill_quiet_seconds`, one kernel at a time.
  Voilà refills a second after every hand-out; with 40 learners arriving at once, its 40
  refills (each renderer set up in the server's event loop, then a kernel start and the
  course's imports) held every arrival's page until all were set up: the 40 pages all
  arrived together after 11 s on a busy machine;
- caps the pages (kernels) at once, in total (:attr:`CourseKernelManager.max_kernels`) and
  per client address (:attr:`CourseKernelManager.max_kernels_per_address`), with a Dutch
  page (HTTP 429) beyond a cap (:mod:`verbinding.kernel_caps`). Both are off unless set:
  ``verbinding start`` sets them; a hub learner's server uses
  :class:`verbinding.hub.limits.CappedKernelManager`. Pool kernels are never refused and
  count only once a page takes them.

Standalone Voilà uses it through ``VoilaConfiguration.multi_kernel_manager_class``
(``voila.json``); a Jupyter server (Binder, JupyterHub, ``jupyter lab``) through
``ServerApp.kernel_manager_class`` in the wheel's ``jupyter_server_config.d``.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
import tempfile
import time
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Float, Int

from .kernel_caps import TOO_MANY_TABS, Caps, KernelLedger, Refused

# The address of the browser whose request is being handled (see remember_client_addresses).
CLIENT_ADDRESS: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "verbinding_client_address", default=None)

# ZMQ refuses ipc paths longer than ~107 bytes; a kernel's path is
# <dir>/kernel-<36-character id>-ipc-<port>, so the folder may take ~50 characters.
MAX_SOCKET_DIR = 50


def short_private_dir(preferred: str | os.PathLike | None = None) -> Path:
    """``preferred`` if its path is short enough for ipc sockets, else a new private folder
    under the system's temporary folder (``/tmp/vb-xxxxxxxx``, mode 0700)."""
    if preferred and len(str(preferred)) <= MAX_SOCKET_DIR:
        path = Path(preferred)
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        return path
    base = tempfile.gettempdir()
    if len(base) > MAX_SOCKET_DIR - 12:
        base = "/tmp"
    return Path(tempfile.mkdtemp(prefix="vb-", dir=base))  # mkdtemp creates it with 0700


class KernelStartFailed(RuntimeError):
    """Every attempt to start a kernel failed."""


class CourseKernelManager(AsyncMappingKernelManager):
    start_attempts = Int(3, config=True, help="Kernel starts tried before the page gives up.")
    ready_timeout = Float(
        20, config=True, help="Seconds a new kernel may take to answer before it is replaced."
    )
    pool_starts = Int(
        2, config=True,
        help="Preheated (pool) kernels started at the same time; arrivals never wait for these.",
    )
    refill_quiet_seconds = Float(
        5, config=True,
        help="During a lesson the pool is refilled (one kernel at a time) only after this many "
             "seconds without a learner arriving.",
    )

    max_kernels = Int(
        0, config=True,
        help="Course pages (kernels) at once in this server; 0: no cap. Pool kernels count "
             "only once a page takes them.",
    )
    max_kernels_per_address = Int(
        0, config=True, help="Course pages (kernels) at once per client address; 0: no cap.",
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.connection_dir = str(short_private_dir(self.connection_dir or None))
        self._pool_gate: asyncio.Semaphore | None = None
        self._refill_gate: asyncio.Semaphore | None = None
        self._last_handout: float | None = None  # time.monotonic() of the last pool hand-out
        self._waited_for = 0  # learners handed a pool kernel that is still being prepared
        self._ledger = KernelLedger()
        # Voilà's pool (voila_kernel_manager_factory) subclasses this class and hands out a
        # preheated kernel without start_kernel: that hand-out passes the caps too.
        take_from_pool = getattr(self, "get_rendered_notebook", None)
        if take_from_pool is not None:
            self.get_rendered_notebook = functools.partial(self._capped_from_pool, take_from_pool)
        # ... and prepares every pool kernel (its renderer, then the kernel) in _initialize.
        prepare = getattr(self, "_initialize", None)
        if take_from_pool is not None and prepare is not None:
            self._initialize = functools.partial(self._prepare_when_quiet, prepare)

    @property
    def caps(self) -> Caps:
        return Caps(total=self.max_kernels, per_address=self.max_kernels_per_address)

    def refusal_message(self, refused: Refused) -> tuple[str, str]:
        """The Dutch page text and HTTP reason for a refused page."""
        from .texts import t

        if refused.kind == TOO_MANY_TABS:
            return t("caps.too_many_tabs", aantal=refused.cap), t("caps.reason_tabs")
        return t("caps.server_full", aantal=refused.cap), t("caps.reason_full")

    def _admit(self):
        """A seat for one more page of the current request's address, or HTTP 429."""
        self._ledger.keep_only(self.list_kernel_ids())
        address = CLIENT_ADDRESS.get()
        try:
            return self._ledger.admit(address, self.caps)
        except Refused as refused:
            self.log.warning("verbinding: page refused for %s: %s", address, refused)
            message, reason = self.refusal_message(refused)
            raise web.HTTPError(429, message.replace("%", "%%"), reason=reason) from None

    async def _prepare_when_quiet(self, prepare, *args, **kwargs):
        """Prepare a pool kernel: at once before the first learner arrives; after that, once
        no learner has arrived for :attr:`refill_quiet_seconds`, one kernel at a time."""
        if self._last_handout is None:
            return await prepare(*args, **kwargs)
        if self._refill_gate is None:
            self._refill_gate = asyncio.Semaphore(1)
        async with self._refill_gate:
            while (quiet := time.monotonic() - self._last_handout) < self.refill_quiet_seconds:
                if self._waited_for:  # a learner beyond the pool waits for this kernel: now
                    self._waited_for -= 1
                    break
                await asyncio.sleep(min(0.5, self.refill_quiet_seconds - quiet))
            return await prepare(*args, **kwargs)

    async def _capped_from_pool(self, take_from_pool, *args, **kwargs):
        seat = self._admit()
        self._last_handout = time.monotonic()
        pool = getattr(self, "_pools", {}).get(kwargs.get("notebook_name") or (args[0] if args else None)) or []
        if pool and not pool[0].done():
            self._waited_for += 1
        try:
            result = await take_from_pool(*args, **kwargs)
            seat.assign(result[2])  # (render task, rendered cells, kernel id)
            return result
        finally:
            seat.close()

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self._ledger.release(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)

    def _create_kernel_manager_factory(self):
        factory = super()._create_kernel_manager_factory()
        return functools.partial(factory, transport="ipc")

    async def start_kernel(self, *, kernel_name=None, **kwargs):
        """Start a kernel that answers; replace one that dies at start. A page's kernel
        passes the caps first; a pool kernel (Voilà's ``VOILA_PREHEAT``) is never refused."""
        env = kwargs.get("env") or {}
        if env.get("VOILA_PREHEAT") == "True":
            if self.pool_starts <= 0:
                return await self._start_answering(kernel_name, kwargs)
            if self._pool_gate is None:
                self._pool_gate = asyncio.Semaphore(self.pool_starts)
            async with self._pool_gate:
                return await self._start_answering(kernel_name, kwargs)
        if kwargs.get("kernel_id") is not None and kwargs["kernel_id"] in self:
            return await self._start_answering(kernel_name, kwargs)  # already has its place
        seat = self._admit()
        try:
            kernel_id = await self._start_answering(kernel_name, kwargs)
            seat.assign(kernel_id)
            return kernel_id
        finally:
            seat.close()

    async def _start_answering(self, kernel_name, kwargs) -> str:
        for attempt in range(1, self.start_attempts + 1):
            try:
                kernel_id = await super().start_kernel(kernel_name=kernel_name, **dict(kwargs))
            except Exception as error:  # a kernel that cannot even be launched
                self.log.warning("verbinding: kernel start %s failed: %s", attempt, error)
                continue
            if await self._answers(kernel_id):
                return kernel_id
            self.log.warning("verbinding: kernel %s died at start (attempt %s); replacing it",
                             kernel_id, attempt)
            try:
                await self.shutdown_kernel(kernel_id, now=True)
            except Exception:  # already gone
                self.log.debug("verbinding: kernel %s was already gone", kernel_id)
        raise KernelStartFailed(f"no kernel answered after {self.start_attempts} attempts")

    async def _answers(self, kernel_id: str) -> bool:
        """True once the kernel replies to ``kernel_info``; False if it died or stays silent."""
        manager = self.get_kernel(kernel_id)
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=self.ready_timeout)
            return True
        except (RuntimeError, TimeoutError):
            return False
        finally:
            client.stop_channels()


def remember_client_addresses(app) -> None:
    """Let the kernel manager know whose request starts a kernel: every request of the
    Tornado application ``app`` runs with :data:`CLIENT_ADDRESS` set to the browser's address
    (Tornado copies the context into the task that handles the request)."""
    find_handler = app.find_handler

    def find_handler_with_address(request, **kwargs):
        delegate = find_handler(request, **kwargs)
        execute = delegate.execute

        def execute_with_address():
            token = CLIENT_ADDRESS.set(request.remote_ip)
            try:
                return execute()
            finally:
                CLIENT_ADDRESS.reset(token)

        delegate.execute = execute_with_address
        return delegate

    app.find_handler = find_handler_with_address
