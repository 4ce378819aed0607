"""Module 6 "Echte agendas" (see :mod:`verbinding.agendas.register`)."""

from .register import *  # noqa: F403
