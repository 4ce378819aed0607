"""Module 4, Accountability: the exercise's view (``verbinding.modules.accountability.view:AccountabilityExercise``).

One file per seam: :mod:`.rows` the two kinds of list row (an interest to weigh, the
feedback to one stakeholder); :mod:`.weigh` step 1 (the handful, the optional parties, adding
a party, the checks); :mod:`.feedback` step 2 (the rows, coverage and its chart);
:mod:`.draft` steps 3 and 4 (the belangenafweging draft and its download); :mod:`.common`
what they share; :mod:`.exercise` the view that puts them on one page, loads and saves.
"""

from verbinding.modules.accountability.view.exercise import AccountabilityExercise
from verbinding.modules.accountability.view.rows import FeedbackRow, InterestRow

__all__ = ["AccountabilityExercise", "FeedbackRow", "InterestRow"]
