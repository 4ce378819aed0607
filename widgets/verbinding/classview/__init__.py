"""Class overview for trainers: many learners' workbooks side by side, anonymised.

Pure model (pandas, no widgets). :func:`read_workbooks` parses each uploaded file with
:func:`verbinding.workbook.parse_document`; foreign, broken and duplicate files are listed
with a Dutch reason and skipped, never fatal. :class:`ClassOverview` aggregates what the
plenary discussion needs:

- Outreach: dimensions named most and least, and which were seen as gaps;
- Connection: which (fictional) case organisations learners' insider rules caught, the
  rules chosen, the organisations invited;
- Accountability: weights per interest, share weighed and reasoned, feedback coverage;
- Eigen dossier: OCA self-scores per question; Drempels: self-ratings per barrier;
- Kennischecks: per module, how many did the check, the share of right answers and the
  question answered wrong most often (answers checked against the current questions);
- Echte agenda's: the class's combined distribution by organisation type.

Every other module's state is read defensively (missing keys, older shapes, wrong types
never crash); a number outside its range (a rating of 999999) is left out and counted
(:attr:`ClassOverview.ignored`), never averaged in. Learners appear only as "Cursist 1",
"Cursist 2", …; their codes, file names and free texts (answers, reasons) are not shown.
The short names learners gave (dimensions, interests, invited organisations) are shown,
counted over the class and cut to :data:`MAX_NAME` characters; the page says so. Skipped
files are counted per reason, without their names (a file name is usually a learner code).
:meth:`ClassOverview.blocks` renders the overview for Markdown/Word through :mod:`verbinding.document`.

On a class server (``verbinding start`` for a class) and on a hub :func:`server_workbooks`
reads the workbooks where the course saves them (on a hub with an account per learner: the
hub's copies for the trainer), so the trainer's page can follow the class live without uploads.

The package (import from ``verbinding.classview``; names with a leading underscore are shared
between these files only, except ``_fmt``, the one-decimal number the trainer's page shows too):

* ``common.py`` – the defensive readers (``_dict``, ``_str``, ``_name``, …), :data:`MAX_NAME`,
  :data:`MAX_COUNT` and counting names over the class;
* ``files.py`` – reading workbooks: :class:`Learner`, :class:`ReadResult`, :func:`read_workbooks`,
  :func:`trainer_reason`, and the server's workbooks (:func:`server_workbook_folders`,
  :func:`server_workbooks`, :func:`workbooks_signature`, :data:`LIVE_SECONDS`);
* ``oca.py`` – :class:`OcaAggregates`: Outreach, Connection and Accountability over the class;
* ``practice.py`` – :class:`PracticeAggregates`: self-scores, knowledge checks, barriers, agendas,
  conversation practice and learning gain;
* ``blocks.py`` – :class:`OverviewDocument`: the two charts and the blocks for Markdown and Word;
* ``overview.py`` – :class:`ClassOverview` (learners, skipped files, numbers out of range, learners
  per module; the three classes above are its mixins).

Nothing in the package is monkeypatched by the tests; the live page's tests patch
``verbinding.ui.classview.server_workbooks`` and ``LIVE_SECONDS``, the names that page looks up.
"""

from verbinding.classview.blocks import BAR_COLOUR, TOP_N
from verbinding.classview.common import MAX_COUNT, MAX_NAME, _fmt
from verbinding.classview.files import (
    LIVE_SECONDS,
    MAX_FILES,
    WORKBOOK_FILE,
    Learner,
    ReadResult,
    read_workbooks,
    server_workbook_folders,
    server_workbooks,
    too_large_reason,
    trainer_reason,
    workbooks_signature,
)
from verbinding.classview.oca import WEIGHTS
from verbinding.classview.overview import ClassOverview
from verbinding.classview.practice import MAX_RESPONSE_SHOWN

__all__ = [
    "BAR_COLOUR",
    "LIVE_SECONDS",
    "MAX_COUNT",
    "MAX_FILES",
    "MAX_NAME",
    "MAX_RESPONSE_SHOWN",
    "TOP_N",
    "WEIGHTS",
    "WORKBOOK_FILE",
    "ClassOverview",
    "Learner",
    "ReadResult",
    "_fmt",
    "read_workbooks",
    "server_workbook_folders",
    "server_workbooks",
    "too_large_reason",
    "trainer_reason",
    "workbooks_signature",
]
