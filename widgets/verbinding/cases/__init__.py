"""Policy cases and contact logs: one loader and validator for every source.

Pure pandas, no widgets. Three kinds of input go through the same checks:

* a **built-in case** (``load_case("klimaatadaptatie")``), shipped in ``datasets/``;
* a trainer's **own case folder** (``load_case("/pad/naar/map")``): ``case.yaml`` +
  ``organisations.csv`` + ``contacts.csv`` + optional ``consultation.csv`` (``.xlsx`` also
  accepted for each table); placed in an own-case folder it is offered in the course as
  ``eigen:<map>`` (:func:`own_cases`, :func:`load_course_case`);
* a single real-world **contact log** (:func:`load_contact_log`): one CSV or Excel file with
  an organisation column and a date column.

Every problem is reported in Dutch with file, row and column, all at once. Rows that cannot
be used are set aside and counted, never silently dropped. A file that cannot be used at all
raises :class:`CaseError`, whose ``str()`` is the full Dutch report.

The file formats are described in ``datasets/README.md`` and ``datasets/datapackage.json``.
Column names in the files are Dutch (``datum``, ``organisatie_id``, ...); the data frames
use English column names (``date``, ``org_id``, ...).

The package, in reading order (import from ``verbinding.cases``; names with a leading
underscore are shared between these files only):

* ``report.py`` – :class:`LoadReport` and :class:`CaseError`: what reading found, in Dutch;
* ``model.py`` – the organisation typology and :class:`Case`, :class:`Dimension`, :class:`ContactLog`;
* ``tables.py`` – one table read into the report (summary, unused columns, dates);
* ``names.py`` – organisation names as people write them, and the ids they mean;
* ``contacts.py`` – one real-world contact log;
* ``case_yaml.py`` – a case folder's ``case.yaml``;
* ``folder.py`` – a case folder: organisations, contacts, consultation, checked;
* ``listing.py`` – the cases a learner can choose, and loading one by name;
* ``cli.py`` – ``verbinding check-case``.
"""

from verbinding.cases.cli import check_case_command, first_profiles
from verbinding.cases.contacts import load_contact_log
from verbinding.cases.listing import (
    BUILTIN_CASES,
    OWN_PREFIX,
    builtin_cases,
    course_cases,
    load_case,
    load_course_case,
    own_case_folder,
    own_cases,
    safe_folder_name,
)
from verbinding.cases.model import (
    BUSINESS_TYPES,
    CITIZEN_NGO_TYPES,
    ORG_TYPE_LABELS,
    ORG_TYPES,
    STAFF_BANDS,
    UNKNOWN_TYPE,
    Case,
    ContactLog,
    Dimension,
    is_business,
    type_label,
)
from verbinding.cases.names import name_index, name_key, several_names, suggest_ids
from verbinding.cases.report import CaseError, LoadReport, counted, report_summary
from verbinding.tabular import Problem

__all__ = [
    "BUILTIN_CASES",
    "BUSINESS_TYPES",
    "CITIZEN_NGO_TYPES",
    "ORG_TYPES",
    "ORG_TYPE_LABELS",
    "OWN_PREFIX",
    "STAFF_BANDS",
    "UNKNOWN_TYPE",
    "Case",
    "CaseError",
    "ContactLog",
    "Dimension",
    "LoadReport",
    "Problem",
    "builtin_cases",
    "check_case_command",
    "counted",
    "course_cases",
    "first_profiles",
    "is_business",
    "load_case",
    "load_contact_log",
    "load_course_case",
    "name_index",
    "name_key",
    "own_case_folder",
    "own_cases",
    "report_summary",
    "safe_folder_name",
    "several_names",
    "suggest_ids",
    "type_label",
]
