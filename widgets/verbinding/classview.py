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
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from verbinding.course import INDEX
from verbinding.document import Block, Bullets, Heading, Paragraph, Table, to_docx, to_markdown
from verbinding.dutch import count, percent
from verbinding.dutch import date as dutch_date
from verbinding.paths import COLLECTED_ENV, data_home
from verbinding.quiz import QuizError, class_results, has_questions
from verbinding.texts import t, tlist
from verbinding.vegalite import records
from verbinding.workbook import MAX_UPLOAD_BYTES, MODULE_IDS, WorkbookError, known_ids, parse_document, too_large_message

MAX_FILES = 500
TOP_N = 15
MAX_NAME = 60  # a name longer than this is cut: a sentence typed as a name is not shown whole
MAX_RESPONSE_SHOWN = 400  # a conversation response longer than this is shown shortened ("…")
MAX_COUNT = 100_000  # a count above this in a workbook is not a count a learner made
BAR_COLOUR = "#0072B2"  # Okabe-Ito blue
WEIGHTS = ("more", "equal", "less")  # module 4's codes (saved_code reads the old Dutch ones)
LIVE_SECONDS = 5  # the live class view looks this often whether a workbook changed (and reads
# them all again only then: 40 workbooks take about 0.3 s to read and draw, bench_class.py --live)
# A learner's autosaved workbook: "<code>.json" (backups "<code>.voor-herstel-….json" and
# half-written ".tmp-….json" files are not the learner's current work).
WORKBOOK_FILE = re.compile(r"[a-z0-9][a-z0-9-]*\.json")


# ----- defensive readers --------------------------------------------------------------------


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}



def _considered(state: dict) -> list[dict]:
    """Module 4's interests (raw dicts) that count: see AccountabilityModel.considered."""
    interests = [i for i in _list(state.get("interests")) if isinstance(i, dict)]
    try:
        from verbinding.modules.accountability import AccountabilityModel, Interest

        ids = {i.id for i in AccountabilityModel.from_dict(state).considered()}
        return [i for i in interests if (parsed := Interest.from_dict(i)) is not None and parsed.id in ids]
    except Exception:  # an odd state: count every listed interest, as before
        return interests

def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _name(value: Any) -> str:
    """A learner-given name as the overview shows it: one line, at most MAX_NAME characters."""
    text = _str(value)
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1].rstrip() + "…"


def _fmt(number: float) -> str:
    return f"{number:.1f}".replace(".", ",")


def _catalogue_list(key: str) -> list:
    try:
        value = tlist(key)
    except KeyError:
        return []
    return value if isinstance(value, list) else []


def _module_title(module_id: str) -> str:
    from verbinding.course import module

    try:
        return module(module_id).title
    except KeyError:  # a trainer's exercise folder with a problem: its id
        return module_id


# ----- reading files --------------------------------------------------------------------------


@dataclass
class Learner:
    label: str  # "Cursist 3": the only name the overview shows
    modules: dict[str, dict]
    updated: str = ""


@dataclass
class ReadResult:
    learners: list[Learner] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason for the trainer)


def trainer_reason(error: Exception) -> str:
    """Why a workbook was skipped, said to the trainer (the workbook's own messages speak to
    the learner: "Je huidige werk is niet veranderd")."""
    message = str(error)
    for kind in ("error_empty", "error_not_json", "error_foreign", "error_broken"):
        if message == t(f"common.workbook.{kind}"):
            return t(f"classview.skip_reasons.{kind}")
    before, _, after = t("common.workbook.error_newer", version="\x00").partition("\x00")
    if message.startswith(before) and message.endswith(after):
        return t("classview.skip_reasons.error_newer")
    if message == too_large_message():
        return t("classview.skip_reasons.too_large", limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))
    return t("classview.skip_reasons.other")


def too_large_reason() -> str:
    """Why a workbook file was not read: larger than a workbook can be."""
    return t("classview.skip_reasons.too_large", limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))


def server_workbook_folders() -> list[Path]:
    """Where this server keeps learners' workbooks: its own folder (one class server); on a
    hub the folder in each learner's home that the trainer's server may read (``eenvoudig``),
    and with ``systeem``, where every home is the learner's own and stays closed, the
    trainer-only folder into which the hub copies them (:data:`COLLECTED_ENV`)."""
    folders = [data_home() / "werkboeken"]
    if os.environ.get(COLLECTED_ENV):
        folders.append(Path(os.environ[COLLECTED_ENV]))
    if os.environ.get("JUPYTERHUB_USER") and not os.environ.get("VERBINDING_HOME"):
        own_home = Path.home()
        try:
            homes = sorted(own_home.parent.iterdir())
        except OSError:
            homes = []
        for home in homes:
            folder = home / ".verbinding" / "werkboeken"
            if home != own_home and os.access(folder, os.R_OK | os.X_OK):
                folders.append(folder)
    return folders


def workbooks_signature(folders: Iterable[Path]) -> tuple:
    """What changes when a learner saves: name, size and time of each current workbook."""
    found = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not WORKBOOK_FILE.fullmatch(entry.name):
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            found.append((str(folder), entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


def server_workbooks(folders: Iterable[Path]) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    """The learners' current workbooks in ``folders``: (file name, bytes), and (file name,
    Dutch reason) of those too large or unreadable. Backups and temporary files are left out."""
    files, refused = [], []
    for folder in folders:
        try:
            paths = sorted(p for p in Path(folder).iterdir() if WORKBOOK_FILE.fullmatch(p.name))
        except OSError:
            continue
        for path in paths[:MAX_FILES]:
            try:
                if path.stat().st_size > MAX_UPLOAD_BYTES:
                    refused.append((path.name, too_large_reason()))
                    continue
                files.append((path.name, path.read_bytes()))
            except OSError:
                refused.append((path.name, t("classview.unreadable")))
    return files, refused


def read_workbooks(files: Iterable[tuple[str, bytes]], by_start: bool = False) -> ReadResult:
    """Parse uploaded files; skip foreign/broken/duplicate ones with a reason.

    Duplicates are files of the same learner code: the most recently updated one counts.
    ``by_start`` numbers learners in the order they started their workbook (a live view
    read again and again keeps "Cursist 3" the same person), else in the order of ``files``.
    """
    by_code: dict[str, tuple[str, dict]] = {}
    order: list[str] = []
    skipped: list[tuple[str, str]] = []
    for number, item in enumerate(files):
        name, raw = item
        name = str(name)
        if number >= MAX_FILES:
            skipped.append((name, t("classview.too_many", limit=MAX_FILES)))
            continue
        try:
            doc = parse_document(bytes(raw))
        except WorkbookError as error:
            skipped.append((name, trainer_reason(error)))
            continue
        except Exception:  # any unreadable upload is reported, never fatal
            skipped.append((name, t("classview.unreadable")))
            continue
        code = _str(doc.get("learner")) or f"zonder-code-{number}"
        updated = _str(doc.get("updated"))
        if code in by_code:
            old_name, old_doc = by_code[code]
            if updated >= _str(old_doc.get("updated")):
                skipped.append((old_name, t("classview.duplicate")))
                by_code[code] = (name, doc)
            else:
                skipped.append((name, t("classview.duplicate")))
            continue
        by_code[code] = (name, doc)
        order.append(code)
    if by_start:
        order.sort(key=lambda code: (_str(by_code[code][1].get("created")), code))
    learners = []
    known = set(known_ids())
    for n, code in enumerate(order, start=1):
        doc = by_code[code][1]
        modules = {k: v for k, v in _dict(doc.get("modules")).items() if k in known and isinstance(v, dict)}
        learners.append(Learner(t("classview.learner", n=n), modules, _str(doc.get("updated"))))
    return ReadResult(learners, skipped)


# ----- the overview -------------------------------------------------------------------------


def _count_by_name(per_learner: Iterable[Iterable[str]]) -> pd.DataFrame:
    """How many learners name each item (case and spaces ignored; first spelling shown)."""
    spelling: dict[str, str] = {}
    counts: dict[str, int] = {}
    for names in per_learner:
        seen = set()
        for name in names:
            name = _str(name)
            if not name:
                continue
            key = name.casefold()
            spelling.setdefault(key, name)
            if key not in seen:
                seen.add(key)
                counts[key] = counts.get(key, 0) + 1
    frame = pd.DataFrame(
        [{"key": k, "name": spelling[k], "learners": c} for k, c in counts.items()],
        columns=["key", "name", "learners"],
    )
    return frame.sort_values(["learners", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


class ClassOverview:
    """Aggregates over many learners' workbooks (see the module docstring)."""

    def __init__(self, learners: list[Learner], skipped: list[tuple[str, str]] | None = None):
        self.learners = learners
        self.skipped = list(skipped or [])
        self._ignored: set[tuple] = set()  # (learner, module, field) of numbers out of range

    @classmethod
    def from_files(cls, files: Iterable[tuple[str, bytes]],
                   refused: Iterable[tuple[str, str]] = (), by_start: bool = False) -> ClassOverview:
        """``refused``: (name, reason) of files that never arrived (too large, unreadable)."""
        result = read_workbooks(files, by_start=by_start)
        return cls(result.learners, [*refused, *result.skipped])

    def skipped_lines(self) -> list[str]:
        """The skipped files per reason, counted: no file names (usually learner codes)."""
        counts: dict[str, int] = {}
        for _name, reason in self.skipped:
            counts[reason] = counts.get(reason, 0) + 1
        return [t("classview.skipped_count", files=count(n, t("classview.file"), t("classview.files")), reason=r)
                for r, n in counts.items()]

    def _in_range(self, value: Any, low: float, high: float, where: tuple) -> float | None:
        """A whole number from a workbook when it lies in ``low..high``, else None; a number
        outside is remembered by ``where`` (learner, module, field) for :attr:`ignored`."""
        number = _number(value)
        if number is None:
            return None
        if not (low <= number <= high) or not float(number).is_integer():
            self._ignored.add(where)
            return None
        return number

    @property
    def ignored(self) -> int:
        """Numbers left out because they were outside their range (each counted once)."""
        for method in (self.insider_counts, self.scores, self.barrier_ratings, self.agenda_types):
            method()
        return len(self._ignored)

    def ignored_note(self) -> str:
        ignored = self.ignored
        return t("classview.ignored", values=count(ignored, t("classview.value"), t("classview.values"))) if ignored else ""

    def _states(self, module_id: str) -> list[tuple[str, dict]]:
        return [(learner.label, learner.modules[module_id]) for learner in self.learners if learner.modules.get(module_id)]

    # ----- modules ------------------------------------------------------------------------
    def module_counts(self) -> pd.DataFrame:
        rows = []
        for module_id in known_ids():
            if module_id == INDEX.id:
                continue
            rows.append({"module": module_id, "title": _module_title(module_id),
                         "learners": len(self._states(module_id))})
        return pd.DataFrame(rows, columns=["module", "title", "learners"])

    # ----- outreach -----------------------------------------------------------------------
    def dimensions(self) -> pd.DataFrame:
        """Per dimension: how many learners named it and how many saw it as a gap."""
        named, gaps = [], []
        for _label, state in self._states("outreach"):
            dims = [d for d in _list(state.get("dimensions")) if isinstance(d, dict)]
            names = [_name(d.get("name")) for d in dims]
            named.append(names)
            by_id = {_str(d.get("id")): _name(d.get("name")) for d in dims}
            gaps.append([by_id.get(_str(g), "") for g in _list(state.get("gap_dimensions"))])
        frame = _count_by_name(named)
        gap_counts = _count_by_name(gaps).set_index("key")["learners"]
        frame["gap_learners"] = frame["key"].map(gap_counts).fillna(0).astype(int)
        return frame

    def dimensions_summary(self) -> str:
        frame = self.dimensions()
        learners = len(self._states("outreach"))
        if frame.empty:
            return t("classview.nobody")
        per_learner = [
            len({_str(d.get("name")).casefold() for d in _list(s.get("dimensions")) if isinstance(d, dict) and _str(d.get("name"))})
            for _l, s in self._states("outreach")
        ]
        parts = [t("classview.dimensions.summary", learners=learners, count=len(frame),
                   mean=_fmt(sum(per_learner) / max(len(per_learner), 1)))]
        top = frame[frame["learners"] == frame["learners"].max()]
        low = frame[frame["learners"] == frame["learners"].min()]
        parts.append(t("classview.dimensions.most", items=self._items(top.head(5))))
        if len(frame) > 1 and frame["learners"].min() < frame["learners"].max():
            parts.append(t("classview.dimensions.least", items=self._items(low.tail(5))))
        return " ".join(parts)

    @staticmethod
    def _items(frame: pd.DataFrame) -> str:
        return ", ".join(f"{r.name} ({r.learners})" for r in frame.itertuples())

    # ----- connection ---------------------------------------------------------------------
    def insiders(self) -> pd.DataFrame:
        """Per case organisation: how many learners' insider rules caught it."""
        per_learner = []
        for _label, state in self._states("connection"):
            snapshot = state.get("insiders")
            if isinstance(snapshot, dict):
                per_learner.append([_name(n) for n in _list(snapshot.get("names"))])
            elif isinstance(snapshot, list):  # an older shape: a list of organisation ids
                per_learner.append([_name(n) for n in snapshot])
        return _count_by_name(per_learner)

    def insider_rules(self) -> pd.DataFrame:
        rules = []
        for _label, state in self._states("connection"):
            snapshot = _dict(state.get("insiders"))
            rule = _str(snapshot.get("rule"))
            if not rule:
                raw = _dict(state.get("rule"))
                if raw:
                    rule = self._describe_rule(raw)
            if rule:
                rules.append([rule])
        return _count_by_name(rules)

    @staticmethod
    def _describe_rule(raw: dict) -> str:
        try:
            from verbinding.modules.connection import InsiderRule

            return InsiderRule.from_dict(raw).describe()
        except Exception:  # an unknown shape is simply not described
            return ""

    def insider_counts(self) -> list[int]:
        counts = []
        for label, state in self._states("connection"):
            snapshot = state.get("insiders")
            number = (self._in_range(snapshot.get("count"), 0, MAX_COUNT, (label, "connection", "count"))
                      if isinstance(snapshot, dict) else None)
            if number is not None:
                counts.append(int(number))
            elif isinstance(snapshot, list):
                counts.append(len(snapshot))
        return counts

    def invitations(self) -> pd.DataFrame:
        per_learner = []
        for _label, state in self._states("connection"):
            per_learner.append(
                [_name(i.get("name")) or _name(i.get("org_id")) for i in _list(state.get("invitations")) if isinstance(i, dict)]
            )
        return _count_by_name(per_learner)

    def insiders_summary(self) -> str:
        counts = self.insider_counts()
        if not counts:
            return t("classview.nobody")
        return t("classview.insiders.summary", learners=len(counts), low=min(counts), high=max(counts))

    # ----- accountability -----------------------------------------------------------------
    def weights(self) -> pd.DataFrame:
        """Per interest (by name): how many learners weighed it more, equal, less or not
        (columns ``more``, ``equal``, ``less``, ``none``; old Dutch codes count the same)."""
        from verbinding.modules.accountability import saved_code

        table: dict[str, dict[str, Any]] = {}
        for _label, state in self._states("accountability"):
            seen = set()
            for interest in _list(state.get("interests")):
                if not isinstance(interest, dict):
                    continue
                name = _name(interest.get("name")) or _name(interest.get("org_id"))
                if not name or name.casefold() in seen:
                    continue
                seen.add(name.casefold())
                row = table.setdefault(name.casefold(), {"name": name, **{w: 0 for w in WEIGHTS}, "none": 0})
                row[saved_code("weight", interest.get("weight")) or "none"] += 1
        frame = pd.DataFrame(list(table.values()), columns=["name", *WEIGHTS, "none"])
        if frame.empty:
            frame["spread"] = []
            return frame
        weighed = frame[list(WEIGHTS)]
        # disagreement: how far the class is from one answer (0 = all the same)
        frame["spread"] = 1 - weighed.max(axis=1) / weighed.sum(axis=1).where(weighed.sum(axis=1) > 0)
        frame["spread"] = frame["spread"].fillna(0.0)
        frame["total"] = weighed.sum(axis=1) + frame["none"]
        return frame.sort_values(["total", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)

    def accountability_per_learner(self) -> pd.DataFrame:
        """Per learner: interests, weighed, reasoned, feedback given (counts and coverage).
        The interests are those module 4 asks for (the handful, issue 28) plus the optional
        ones the learner filled in: a learner who is done is not shown at 40%."""
        from verbinding.modules.accountability import saved_code

        rows = []
        for label, state in self._states("accountability"):
            interests = _considered(state)  # the learner's handful and what else she filled in
            n = len(interests)
            weighed = sum(1 for i in interests if saved_code("weight", i.get("weight")))
            reasoned = sum(1 for i in interests if _str(i.get("reasoning")))
            feedback = _dict(state.get("feedback"))
            given = sum(
                1 for entry in feedback.values()
                if isinstance(entry, dict) and saved_code("given", entry.get("given")) == "yes"
            )
            base = max(n, 1)
            rows.append({
                "learner": label, "interests": n, "weighed": weighed, "reasoned": reasoned,
                "feedback": given, "weighed_share": weighed / base if n else 0.0,
                "reasoned_share": reasoned / base if n else 0.0,
                "feedback_share": min(given / base, 1.0) if n else 0.0,
            })
        return pd.DataFrame(rows, columns=["learner", "interests", "weighed", "reasoned", "feedback",
                                           "weighed_share", "reasoned_share", "feedback_share"])

    def accountability_summary(self) -> str:
        frame = self.accountability_per_learner()
        frame = frame[frame["interests"] > 0]
        if frame.empty:
            return t("classview.nobody")
        parts = [
            t("classview.weights.summary", learners=len(frame), weighed=percent(frame["weighed_share"].mean()),
              reasoned=percent(frame["reasoned_share"].mean())),
            t("classview.weights.feedback_summary", mean=percent(frame["feedback_share"].mean()),
              low=percent(frame["feedback_share"].min()), high=percent(frame["feedback_share"].max())),
        ]
        weights = self.weights()
        contested = weights[(weights[list(WEIGHTS)].sum(axis=1) >= 2) & (weights["spread"] > 0)]
        if not contested.empty:
            contested = contested.sort_values("spread", ascending=False, kind="stable").head(3)
            parts.append(t("classview.weights.disagree", items=", ".join(contested["name"])))
        return " ".join(parts)

    # ----- OCA self-scores ----------------------------------------------------------------
    @staticmethod
    def _questions() -> list[tuple[str, str]]:
        out = []
        for item in _catalogue_list("dossier.questions"):
            if isinstance(item, dict) and item.get("id"):
                out.append((str(item["id"]), _str(item.get("short")) or str(item["id"])))
        return out

    @staticmethod
    def scale_max() -> int:
        return max(len(_catalogue_list("dossier.scale")), 1)

    def scores(self) -> pd.DataFrame:
        """Per OCA question: number of scores, mean, min, max (questions in catalogue order)."""
        questions = self._questions()
        known = dict(questions)
        values: dict[str, list[float]] = {}
        for label, state in self._states("eigen_dossier"):
            for qid, entry in _dict(state.get("questions")).items():
                score = self._in_range(_dict(entry).get("score"), 1, self.scale_max(), (label, "eigen_dossier", str(qid)))
                if score is not None:
                    values.setdefault(str(qid), []).append(score)
        order = [q for q, _ in questions] + sorted(set(values) - set(known))
        rows = [
            {"question_id": q, "question": known.get(q, q), "n": len(values[q]),
             "mean": sum(values[q]) / len(values[q]), "min": min(values[q]), "max": max(values[q])}
            for q in order if values.get(q)
        ]
        return pd.DataFrame(rows, columns=["question_id", "question", "n", "mean", "min", "max"])

    def scores_summary(self) -> str:
        frame = self.scores()
        learners = sum(
            1 for _l, s in self._states("eigen_dossier")
            if any(_number(_dict(e).get("score")) is not None for e in _dict(s.get("questions")).values())
        )
        if frame.empty:
            return t("classview.nobody")
        low = frame.loc[frame["mean"].idxmin()]
        high = frame.loc[frame["mean"].idxmax()]
        return t("classview.scores.summary", learners=learners, max=self.scale_max(),
                 low_question=low["question"], low_mean=_fmt(low["mean"]),
                 high_question=high["question"], high_mean=_fmt(high["mean"]))

    # ----- knowledge checks ------------------------------------------------------------------
    def knowledge_checks(self) -> tuple[pd.DataFrame, str]:
        """Per module with a knowledge check that someone did: title, learners, share of right
        answers, the question answered wrong most often; and a Dutch note when the trainer's
        quiz file cannot be read (then the frame is empty, the rest of the overview stands)."""
        columns = ["module", "title", "learners", "share_right", "hardest", "hardest_wrong"]
        ids = [m for m in MODULE_IDS if has_questions(m)]
        try:
            rows = class_results([learner.modules for learner in self.learners], ids)
        except QuizError as error:
            return pd.DataFrame([], columns=columns), t("classview.quiz.broken", reason=str(error))
        shown = [{**row, "title": _module_title(row["module"])} for row in rows if row["learners"]]
        return pd.DataFrame(shown, columns=columns), ""

    def knowledge_checks_summary(self) -> str:
        frame, broken = self.knowledge_checks()
        if broken:
            return broken
        if frame.empty:
            return t("classview.nobody")
        ids = list(frame["module"])
        learners = sum(1 for learner in self.learners
                       if any(row["learners"] for row in class_results([learner.modules], ids)))
        return t("classview.quiz.summary", learners=learners)

    def knowledge_check_rows(self) -> list[tuple]:
        frame, _broken = self.knowledge_checks()
        return [(r.title, r.learners, percent(r.share_right),
                 t("classview.quiz.hardest", question=r.hardest, wrong=r.hardest_wrong) if r.hardest else "–")
                for r in frame.itertuples()]

    # ----- barriers and agendas ---------------------------------------------------------------
    @staticmethod
    def barrier_scale_max() -> int:
        return max(len(_catalogue_list("barriers.assessment.scale")), 1)

    def barrier_ratings(self) -> pd.DataFrame:
        """Per barrier of the catalogue: self-ratings 1..scale (others left out, counted)."""
        names = {str(b.get("id")): _str(b.get("name")) for b in _catalogue_list("barriers.barriers") if isinstance(b, dict)}
        values: dict[str, list[float]] = {}
        top = self.barrier_scale_max()
        for label, state in self._states("drempels"):
            for key, value in _dict(state.get("ratings")).items():
                if str(key) not in names:
                    continue  # not a barrier of this course: its number means nothing here
                number = self._in_range(value, 1, top, (label, "drempels", str(key)))
                if number is not None:
                    values.setdefault(str(key), []).append(number)
        order = [b for b in names if b in values]
        rows = [{"barrier": names.get(b, b), "n": len(values[b]), "mean": sum(values[b]) / len(values[b]),
                 "min": min(values[b]), "max": max(values[b])} for b in order]
        return pd.DataFrame(rows, columns=["barrier", "n", "mean", "min", "max"])

    def agenda_types(self) -> tuple[pd.DataFrame, int, int]:
        """Combined distribution of the learners' access registers, learners, corrections."""
        totals: dict[str, int] = {}
        learners = corrected = 0
        for learner, state in self._states("echte_agendas"):
            snapshot = _dict(state.get("snapshot"))
            counts = [c for c in _list(snapshot.get("counts")) if isinstance(c, dict)]
            if not counts:
                continue
            learners += 1
            corrected += int(self._in_range(snapshot.get("corrected"), 0, MAX_COUNT, (learner, "echte_agendas", "")) or 0)
            for number, c in enumerate(counts):
                label = _name(c.get("label")) or _name(c.get("id"))
                value = self._in_range(c.get("count"), 0, MAX_COUNT, (learner, "echte_agendas", number))
                totals[label] = totals.get(label, 0) + int(value or 0)
        frame = pd.DataFrame([{"label": k, "count": v} for k, v in totals.items()], columns=["label", "count"])
        return frame.sort_values("count", ascending=False, kind="stable").reset_index(drop=True), learners, corrected

    # ----- charts -------------------------------------------------------------------------
    def dimensions_chart(self) -> dict:
        """Vega-Lite spec: learners per dimension, the most named first."""
        return {
            "data": {"values": records(self.dimensions().head(TOP_N)[["name", "learners"]])},
            "title": t("classview.dimensions.chart_axis_item"),
            "width": 300,
            "height": {"step": 20},
            "mark": {"type": "bar", "color": BAR_COLOUR},
            "encoding": {
                "y": {"field": "name", "type": "nominal", "sort": "-x", "title": None, "axis": {"labelLimit": 260}},
                "x": {"field": "learners", "type": "quantitative", "title": t("classview.dimensions.chart_axis"),
                      "axis": {"tickMinStep": 1}},
            },
        }

    def scores_chart(self) -> dict:
        """Vega-Lite spec: the mean score per question as a bar, the lowest to highest as a line."""
        question = {"field": "question", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 260}}
        return {
            "data": {"values": records(self.scores()[["question", "mean", "min", "max"]])},
            "title": t("classview.scores.chart_axis_item"),
            "width": 300,
            "height": {"step": 24},
            "layer": [
                {"mark": {"type": "bar", "color": BAR_COLOUR, "opacity": 0.8},
                 "encoding": {"y": question,
                              "x": {"field": "mean", "type": "quantitative", "scale": {"domain": [0, self.scale_max()]},
                                    "title": t("classview.scores.chart_axis", max=self.scale_max())}}},
                {"mark": {"type": "rule", "color": "#000000"},
                 "encoding": {"y": question, "x": {"field": "min", "type": "quantitative"},
                              "x2": {"field": "max"}}},
            ],
        }

    # ----- conversation practice ------------------------------------------------------------
    def conversations(self) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
        """Per dialogue: learners who practised it, who finished it, the first walks'
        choices by judgement and the weak choice made most often; and the written
        responses, without names, for the discussion (dialogue title, response)."""
        from verbinding.modules.gesprekken import JUDGEMENTS, all_dialogues, first_walk_score, is_done, practices

        dialogues, _ = all_dialogues()
        states = [state for _label, state in self._states("gesprekken")]
        rows, responses = [], []
        for dialogue in dialogues:
            totals = dict.fromkeys(JUDGEMENTS, 0)
            weak: dict[str, int] = {}
            practised = finished = 0
            for state in states:
                practice = practices(state, (dialogue,))[dialogue.id]
                if not practice.walks:
                    continue
                practised += 1
                finished += is_done(practice)
                for judgement, number in first_walk_score(practice, dialogue).items():
                    totals[judgement] += number
                for step_id, index in practice.walks[0].choices:
                    choice = dialogue.steps[step_id].choices[index]
                    if choice.judgement == "zwak":
                        weak[choice.text] = weak.get(choice.text, 0) + 1
                response = " ".join(practice.response.split())
                if response:  # shown shortened, visibly; sorted so the order names no one
                    responses.append((dialogue.title, response if len(response) <= MAX_RESPONSE_SHOWN
                                      else response[: MAX_RESPONSE_SHOWN - 1].rstrip() + "…"))
            most_weak = max(weak.items(), key=lambda item: (item[1], item[0]))[0] if weak else "-"
            rows.append({"title": dialogue.title, "practised": practised, "finished": finished,
                         **totals, "most_weak": most_weak})
        frame = pd.DataFrame(rows, columns=["title", "practised", "finished", *JUDGEMENTS, "most_weak"])
        return frame, sorted(responses)

    def conversation_rows(self) -> list[tuple]:
        frame, _ = self.conversations()
        return [(r.title, r.practised, r.finished, r.sterk, r.redelijk, r.zwak, r.most_weak)
                for r in frame.itertuples() if r.practised]

    # ----- learning gain -----------------------------------------------------------------
    def learning_gain_rows(self) -> list[tuple]:
        """Per idea of the learning check, over learners who did it before and after:
        (idea, learners, right before, right after); empty when nobody did both."""
        from verbinding.learning import class_gain

        rows = class_gain([state for _label, state in self._states("leerwinst")])
        if not rows or not rows[0]["learners"]:
            return []
        return [(r["idea"], r["learners"], r["before"], r["after"]) for r in rows]

    # ----- export -------------------------------------------------------------------------
    def blocks(self) -> list[Block]:
        """The whole overview as document blocks (Markdown and Word)."""
        blocks: list[Block] = [
            Paragraph(t("classview.export_intro", count=len(self.learners), date=dutch_date(date.today())),
                      italic=True),
            Paragraph(t("classview.privacy"), italic=True),
            Heading(t("classview.modules_title"), level=2),
            Table(tlist("classview.modules_header"),
                  [(r.title, r.learners) for r in self.module_counts().itertuples()]),
        ]
        dims = self.dimensions()
        blocks += [Heading(t("classview.dimensions.title"), level=2), Paragraph(self.dimensions_summary())]
        if not dims.empty:
            blocks.append(Table(tlist("classview.dimensions.header"),
                                [(r.name, r.learners, r.gap_learners) for r in dims.itertuples()]))
        blocks += [Heading(t("classview.insiders.title"), level=2), Paragraph(self.insiders_summary())]
        insiders = self.insiders()
        if not insiders.empty:
            blocks.append(Paragraph(t("classview.insiders.note"), italic=True))
            blocks.append(Table(tlist("classview.insiders.header"), [(r.name, r.learners) for r in insiders.itertuples()]))
        rules = self.insider_rules()
        if not rules.empty:
            blocks.append(Table(tlist("classview.insiders.rules_header"), [(r.name, r.learners) for r in rules.itertuples()]))
        invitations = self.invitations()
        if not invitations.empty:
            blocks.append(Table(tlist("classview.insiders.invitations_header"),
                                [(r.name, r.learners) for r in invitations.itertuples()]))
        blocks += [Heading(t("classview.weights.title"), level=2), Paragraph(self.accountability_summary())]
        weights = self.weights()
        if not weights.empty:
            blocks.append(Table(tlist("classview.weights.header"),
                                [(r.name, r.more, r.equal, r.less, r.none) for r in weights.itertuples()]))
        per_learner = self.accountability_per_learner()
        if not per_learner.empty:
            blocks.append(Table(tlist("classview.weights.learner_header"),
                                [(r.learner, r.interests, r.weighed, r.reasoned, r.feedback) for r in per_learner.itertuples()]))
        blocks += [Heading(t("classview.scores.title"), level=2), Paragraph(self.scores_summary())]
        scores = self.scores()
        if not scores.empty:
            blocks.append(Table(tlist("classview.scores.header"),
                                [(r.question, r.n, _fmt(r.mean), int(r.min), int(r.max)) for r in scores.itertuples()]))
        blocks += [Heading(t("classview.quiz.title"), level=2), Paragraph(self.knowledge_checks_summary())]
        checks = self.knowledge_check_rows()
        if checks:
            blocks.append(Table(tlist("classview.quiz.header"), checks))
        barriers = self.barrier_ratings()
        if not barriers.empty:
            blocks += [Heading(t("classview.barriers.title"), level=2),
                       Paragraph(t("classview.barriers.summary", learners=len(self._states("drempels")))),
                       Table(tlist("classview.barriers.header"),
                             [(r.barrier, r.n, _fmt(r.mean), int(r.min), int(r.max)) for r in barriers.itertuples()])]
        agenda, learners, corrected = self.agenda_types()
        if not agenda.empty:
            blocks += [Heading(t("classview.agendas.title"), level=2),
                       Paragraph(t("classview.agendas.summary", learners=learners, corrected=corrected)),
                       Table(tlist("classview.agendas.header"), [(r.label, r.count) for r in agenda.itertuples()]),
                       Paragraph(t("common.access_caveat"), italic=True)]
        gain = self.learning_gain_rows()
        if gain:
            blocks += [Heading(t("classview.learning.title"), level=2),
                       Paragraph(t("classview.learning.summary", learners=gain[0][1])),
                       Table(tlist("classview.learning.header"), gain)]
        conversations = self.conversation_rows()
        if conversations:
            blocks += [Heading(t("classview.conversations.title"), level=2),
                       Paragraph(t("classview.conversations.summary")),
                       Table(tlist("classview.conversations.header"), conversations)]
            responses = self.conversations()[1]
            if responses:
                blocks += [Heading(t("classview.conversations.responses_title"), level=3),
                           Bullets([f"{title}: {text}" for title, text in responses])]
        if self.ignored:
            blocks.append(Paragraph(self.ignored_note(), italic=True))
        blocks += [Heading(t("classview.discussion_title"), level=2), Bullets(tlist("classview.discussion"))]
        if self.skipped:
            blocks += [Heading(t("classview.skipped_title"), level=2), Bullets(self.skipped_lines())]
        return blocks

    def markdown(self) -> str:
        return to_markdown(self.blocks(), title=t("classview.export_title"))

    def docx(self) -> bytes:
        return to_docx(self.blocks(), title=t("classview.export_title"))
