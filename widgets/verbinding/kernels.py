"""The course's kernel manager: no learner waits forever for a kernel.

Many kernels starting at once on one host raced for TCP ports (``ZMQError: Address already
in use``; "Kernel died before replying to kernel_info") and Voilà then kept the learner's
page open for good. This manager

- talks to kernels over ``ipc`` (Unix sockets) instead of TCP ports, with the sockets in a
  short private folder (mode 0700; ZMQ's socket paths must stay under ~107 characters);
- checks that a new kernel answers before it is handed out, and replaces a kernel that died
  at start (up to :attr:`CourseKernelManager.start_attempts` times);
- starts pool kernels (Voilà's preheated kernels, ``verbinding start --deelnemers``) a few
  at a time, so that refilling the pool during a lesson does not take the CPU from the
  learners who are arriving.

Standalone Voilà uses it through ``VoilaConfiguration.multi_kernel_manager_class``
(``voila.json``); a Jupyter server (Binder, JupyterHub, ``jupyter lab``) through
``ServerApp.kernel_manager_class`` in the wheel's ``jupyter_server_config.d``.
"""

from __future__ import annotations

import asyncio
import functools
import os
import tempfile
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Int

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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.connection_dir = str(short_private_dir(self.connection_dir or None))
        self._pool_gate: asyncio.Semaphore | None = None

    def _create_kernel_manager_factory(self):
        factory = super()._create_kernel_manager_factory()
        return functools.partial(factory, transport="ipc")

    async def start_kernel(self, *, kernel_name=None, **kwargs):
        """Start a kernel that answers; replace one that dies at start."""
        env = kwargs.get("env") or {}
        if env.get("VOILA_PREHEAT") == "True" and self.pool_starts > 0:
            if self._pool_gate is None:
                self._pool_gate = asyncio.Semaphore(self.pool_starts)
            async with self._pool_gate:
                return await self._start_answering(kernel_name, kwargs)
        return await self._start_answering(kernel_name, kwargs)

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
