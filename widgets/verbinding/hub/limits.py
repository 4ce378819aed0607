"""A cap on the kernels of one learner's Jupyter server (``verbinding hub``).

Every course page is a kernel (~250 MB). A learner who opens page after page would fill
the server's memory; beyond :attr:`CappedKernelManager.max_kernels` a new page gets a
Dutch page (HTTP 429) instead of a kernel, and the REST API the same status. Below the cap
it is the course's own kernel manager (:mod:`verbinding.kernels`: ipc sockets, a kernel that
dies at start replaced), which a learner's server would otherwise use.
"""

from __future__ import annotations

from tornado import web
from traitlets import Integer

from ..kernels import CourseKernelManager

FULL_MESSAGE = ("Je hebt al {n} cursuspagina's open. Sluit een ander tabblad met de cursus en "
                "laad deze pagina opnieuw. Je werk is bewaard.")


class CappedKernelManager(CourseKernelManager):
    """At most ``max_kernels`` kernels at once (starting ones counted too)."""

    max_kernels = Integer(3, config=True, help="kernels at once in this server")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0

    async def start_kernel(self, *args, kernel_id=None, **kwargs):
        if kernel_id is None or kernel_id not in self:
            if len(self.list_kernel_ids()) + self._starting >= self.max_kernels:
                self.log.warning("Kernel refused: %s running (max %s)", len(self.list_kernel_ids()),
                                 self.max_kernels)
                raise web.HTTPError(429, FULL_MESSAGE.format(n=self.max_kernels),
                                    reason="Te veel pagina's open")
        self._starting += 1
        try:
            return await super().start_kernel(*args, kernel_id=kernel_id, **kwargs)
        finally:
            self._starting -= 1
