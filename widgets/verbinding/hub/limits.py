"""A cap on the kernels of one learner's Jupyter server (``verbinding hub``).

Every course page is a kernel (~250 MB). A learner who opens page after page would fill
the server's memory; beyond :attr:`CappedKernelManager.max_kernels` a new page gets a
Dutch page (HTTP 429) instead of a kernel, and the REST API the same status. The counting
is the course's own kernel manager's (:mod:`verbinding.kernels`, :mod:`verbinding.kernel_caps`:
starting kernels count, a stopped kernel frees its place); this class only sets the cap, which
a learner's server always has, and says it to the learner as hers: the server is hers alone.
"""

from __future__ import annotations

from traitlets import Int

from verbinding.kernel_caps import Refused
from verbinding.kernels import CourseKernelManager


class CappedKernelManager(CourseKernelManager):
    """At most ``max_kernels`` kernels at once (starting ones counted too)."""

    max_kernels = Int(3, config=True, help="kernels at once in this server")

    def refusal_message(self, refused: Refused) -> tuple[str, str]:
        from verbinding.texts import t

        return t("caps.learner_full", aantal=refused.cap), t("caps.reason_tabs")
