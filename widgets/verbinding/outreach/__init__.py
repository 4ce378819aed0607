"""Outreach: the dimension map of a policy challenge (see :mod:`verbinding.outreach.model`)."""

from .model import *  # noqa: F403
