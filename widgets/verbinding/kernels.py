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
- keeps a *spare* kernel where Voilà has no pool (a Jupyter server: a hub learner's server,
  Binder; :attr:`CourseKernelManager.spare_kernels`): started in the course's folder with
  the course's code imported, and handed to the next course page, which then only runs the
  learner's own part. The page's request details (``QUERY_STRING`` ...), which Voilà gives a
  new kernel in its environment, are put into the spare's environment as it is handed out;
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
import json
import os
import tempfile
import time
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Float, Int, Unicode

from verbinding.kernel_caps import TOO_MANY_TABS, Caps, KernelLedger, Refused

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


# What a spare kernel runs before a page needs it: the course's imports (the first screen,
# the default case, every module's view), as a preheated kernel in Voilà's pool does.
SPARE_WARM_UP = "from verbinding.ui.app import warm_up_for_a_page as _warm\n_warm()\ndel _warm"


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

    spare_kernels = Int(
        0, config=True,
        help="Kernels kept started, with the course imported, for the next course page "
             "(where Voilà keeps no pool: a Jupyter server). The course's extension sets 1.",
    )
    spare_path = Unicode(
        "", config=True,
        help="The folder (relative to the server's root) of the course notebooks a spare "
             "kernel serves.",
    )
    spare_delay_seconds = Float(
        10, config=True, help="Seconds after a spare was handed out before the next one starts.",
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._spares: list[str] = []
        self._spare_filling: asyncio.Task | None = None
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
        from verbinding.texts import t

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

    async def _shutdown_counted(self, kernel_id, *args, **kwargs):
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
            kernel_id = await self._take_spare(kernel_name, kwargs)
            if kernel_id is None:
                kernel_id = await self._start_answering(kernel_name, kwargs)
            seat.assign(kernel_id)
            return kernel_id
        finally:
            seat.close()

    # --- spare kernels (a Jupyter server) ---------------------------------------------------

    def keep_spares(self, delay: float = 0) -> None:
        """Start spare kernels until :attr:`spare_kernels` wait (after ``delay`` seconds)."""
        if self.spare_kernels <= 0 or (self._spare_filling and not self._spare_filling.done()):
            return
        self._spare_filling = asyncio.ensure_future(self._fill_spares(delay))

    async def _fill_spares(self, delay: float) -> None:
        await asyncio.sleep(delay)
        while len(self._spares) < self.spare_kernels:
            try:
                kernel_id = await self._start_answering(
                    self.default_kernel_name, {"path": self.spare_path, "env": dict(os.environ)})
                await self._run_silently(kernel_id, SPARE_WARM_UP)
            except Exception as error:  # no spare: pages start their own kernel as before
                self.log.warning("verbinding: no spare kernel: %s", error)
                return
            self._spares.append(kernel_id)

    async def _take_spare(self, kernel_name, kwargs) -> str | None:
        """A spare kernel made ready for this course page, if one fits; else None."""
        env = kwargs.get("env") or {}
        fits = ("VOILA_REQUEST_URL" in env and kwargs.get("path", "") == self.spare_path
                and kernel_name in (None, self.default_kernel_name))
        if not fits:
            return None
        while self._spares:
            kernel_id = self._spares.pop(0)
            if kernel_id not in self:
                continue  # stopped meanwhile
            changed = {k: v for k, v in env.items() if os.environ.get(k) != v}
            try:
                await self._run_silently(kernel_id, "import os as _os, json as _json\n"
                                                    f"_os.environ.update(_json.loads({json.dumps(json.dumps(changed))}))\n"
                                                    "del _os, _json")
            except Exception as error:
                self.log.warning("verbinding: spare kernel %s could not be handed out: %s", kernel_id, error)
                await self.shutdown_kernel(kernel_id, now=True)
                continue
            self.log.info("verbinding: spare kernel %s for %s", kernel_id, env.get("SCRIPT_NAME"))
            self.keep_spares(self.spare_delay_seconds)
            return kernel_id
        self.keep_spares(self.spare_delay_seconds)
        return None

    async def _run_silently(self, kernel_id: str, code: str, timeout: float = 60) -> None:
        """Run ``code`` in the kernel (no output, no history); raise if it fails."""
        client = self.get_kernel(kernel_id).client()
        client.start_channels()
        try:
            msg_id = client.execute(code, silent=True, store_history=False)
            while True:
                reply = await client.get_shell_msg(timeout=timeout)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if reply["content"].get("status") != "ok":
                raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")
        finally:
            client.stop_channels()

    async def cull_kernel_if_idle(self, kernel_id):
        if kernel_id in self._spares:
            return None  # idle by design
        return await super().cull_kernel_if_idle(kernel_id)

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        if kernel_id in self._spares:
            self._spares.remove(kernel_id)
        return await self._shutdown_counted(kernel_id, *args, **kwargs)

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
