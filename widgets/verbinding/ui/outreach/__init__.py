"""Module 2, Outreach: the exercise's view (``verbinding.ui.outreach:OutreachExercise``)."""

from .exercise import UNRATED, OutreachExercise

__all__ = ["UNRATED", "OutreachExercise"]
