"""Module 2, Outreach: the exercise's view (``verbinding.modules.outreach.view:OutreachExercise``).

One file per step: :mod:`.case` (1), :mod:`.dimensions` (2), :mod:`.links` (3),
:mod:`.gaps` (4), :mod:`.grid` (5), :mod:`.alternatives` (6); :mod:`.common` what they
share; :mod:`.exercise` the exercise that puts them on one page, loads and saves.
"""

from verbinding.modules.outreach.view.exercise import UNRATED, OutreachExercise

__all__ = ["UNRATED", "OutreachExercise"]
