"""Module 3, Connection: the exercise's view (``verbinding.modules.connection.view:ConnectionExercise``).

One file per step: :mod:`.measure` (1, guess then measure), :mod:`.insiders` (2, the
insider rule), :mod:`.field` (3, the uneven playing field), :mod:`.invitations` (4, new
connections), :mod:`.counter_voice` (5, counter-voice); :mod:`.common` what they share;
:mod:`.exercise` the exercise that puts them on one page, loads and saves.
"""

from verbinding.modules.connection.view.exercise import ConnectionExercise

__all__ = ["ConnectionExercise"]
