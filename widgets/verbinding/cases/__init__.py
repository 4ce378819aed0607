"""Policy cases and contact logs (see :mod:`verbinding.cases.folder`)."""

from .folder import *  # noqa: F403
from .folder import (  # noqa: F401
    BUILTIN_CASES,
    OWN_PREFIX,
    UNKNOWN_TYPE,
    __all__,
    _load_builtin,
    counted,
    is_business,
)
