"""Afronding (closing module): the learner's own path and a bewijs van deelname.

Pure model (no widgets). :func:`course_path` gathers, per OCA question, what the learner
found in the practice case (modules 2-4), what they said about their own work in Kennismaken
(both from :func:`verbinding.modules.eigen_dossier.hints.hints`, kept apart and worded by
``closing.route``: the page's labels say where each line comes from), what
they did in the conversations (:func:`verbinding.modules.gesprekken.route_lines`) and what
they wrote for their own dossier in module 5, with the next step and when.
:func:`reflection_reaction` answers 'Wat neem je mee?' by what the text names.
:func:`module_statuses` says per module whether it is completed (its model's
``is_complete(state)`` and its kennischeck done: :mod:`verbinding.progress`), almost done (the
kennischeck still open), started or not started. :func:`certificate_docx`
renders a one-page bewijs van deelname (Word, through :mod:`verbinding.document`) with
the name the learner typed, the date in Dutch and the modules done.

Workbook state (``workbook.module("afronding")``)::

    {"version": 1, "name": str, "reflection": str}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from verbinding import limits
from verbinding.document import Block, Bullets, Heading, Paragraph, Table, to_docx
from verbinding.dutch import count
from verbinding.texts import catalogue, sentence, t, tlist

MODULE_ID = "afronding"
STATE_VERSION = 1
MAX_NAME = 120
MAX_TEXT = limits.MAX_TEXT
# "quiz": the work is complete, the kennischeck not yet (verbinding.progress.QUIZ)
STATUSES = ("complete", "quiz", "started", "not_started")
ROUTE_TEXTS = "closing.route"  # module 5's reminders as the route words them (no 'In de oefencasus')


def dutch_date(day: date) -> str:
    """'2 december 2026'."""
    return f"{day.day} {tlist('closing.months')[day.month - 1]} {day.year}"


def clean_name(name: Any) -> str:
    return " ".join(str(name or "").split())


@dataclass
class ClosingWork:
    name: str = ""
    reflection: str = ""

    def set_name(self, name: Any) -> None:
        self.name = clean_name(name)

    def set_reflection(self, text: Any) -> None:
        self.reflection = str(text or "").strip()

    def to_dict(self) -> dict:
        return {"version": STATE_VERSION, "name": self.name, "reflection": self.reflection}

    @classmethod
    def from_dict(cls, state: Any) -> ClosingWork:
        state = state if isinstance(state, dict) else {}
        work = cls()
        work.set_name(state.get("name") if isinstance(state.get("name"), str) else "")
        work.set_reflection(state.get("reflection") if isinstance(state.get("reflection"), str) else "")
        return work


def still_to_do(state: Any) -> list[str]:
    """What is missing for "afgerond" in Afronding itself, in the order of the page: what
    the learner takes along (a few words at least) and the name for the certificate."""
    from verbinding.dutch import reflection_kind

    work = ClosingWork.from_dict(state)
    missing = []
    if reflection_kind(work.reflection) != "ok":
        missing.append(t("closing.todo.reflection"))
    if not work.name:
        missing.append(t("closing.todo.name"))
    return missing


def is_complete(state: Any) -> bool:
    """Afronding done, from its saved state alone: nothing :func:`still_to_do`."""
    return not still_to_do(state)


# Words that show a concrete plan in 'Wat neem je mee?'; a reaction quotes the word it found.
_STEP_WORDS = ("bel", "mail", "nodig", "uitnodig", "vraag", "spreek", "organiseer", "schrijf", "stuur",
               "agendeer", "zet ", "maak", "start", "zoek", "koppel", "leg ", "betrek", "neem contact")
_MOMENT_WORDS = ("morgen", "vandaag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "volgende week",
                 "deze week", "komende", "volgende maand", "deze maand", "voor de zomer", "na de zomer",
                 "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                 "oktober", "november", "december", "week ")


def _found_word(text: str, words: tuple[str, ...]) -> str:
    """The first word of ``text`` that starts with one of ``words``, as the learner wrote it;
    a phrase of more words whole ('volgende week', not 'volgende')."""
    for match in re.finditer(r"\w[\w-]*", text):
        following = text[match.start():].casefold()
        word = next((word for word in words if following.startswith(word)), None)
        if word is None:
            continue
        if " " not in word.strip():
            return match.group()
        end = match.start() + len(word.rstrip())
        rest = re.match(r"[\w-]*", text[end:])  # the rest of the phrase's last word
        return text[match.start():end + (rest.end() if rest else 0)]
    return ""


def reflection_reaction(text: Any) -> str:
    """A short Dutch reaction to 'Wat neem je mee?': too short yet (the completion rule asks
    about 12 words), or whether it names what the learner will do, with whom and when,
    quoting the word it went by; never more than the text holds, and never 'not yet with
    whom' when the text names people in plain words (:func:`verbinding.dutch.people_named`)."""
    from verbinding.dutch import MIN_REFLECTION_WORDS, join, people_named, reflection_kind

    text = str(text or "")
    kind = reflection_kind(text)
    if kind == "empty":
        return ""
    if kind == "short":
        return t("closing.reaction.short", words=MIN_REFLECTION_WORDS)
    named, missing = [], []
    # with whom: any group, role or name in plain words ('PAS-melders', 'dorpsraden', 'iedereen die ...')
    found = {"step": _found_word(text, _STEP_WORDS), "person": people_named(text),
             "moment": _found_word(text, _MOMENT_WORDS) or _digits(text)}
    for part, word in found.items():
        if word:
            named.append(t(f"closing.reaction.{part}", word=word))
        else:
            missing.append(t(f"closing.reaction.{part}_missing"))
    parts = [t("closing.reaction.saved")]
    if named:
        parts.append(t("closing.reaction.named", parts=join(named)))
    parts.append(t("closing.reaction.missing", parts=join(missing)) if missing else t("closing.reaction.all"))
    return " ".join(parts)


def _digits(text: str) -> str:
    """A number that may be a date or a week ('12 maart', '2027', 'week 14')."""
    match = re.search(r"\d[\d-]*", text)
    return match.group() if match else ""


# ----- status per module ------------------------------------------------------------------


def _status_word(status: str) -> str:
    from verbinding.progress import DONE, OPEN, QUIZ

    return {OPEN: "not_started", DONE: "complete", QUIZ: "quiz"}.get(status, "started")


def module_status(module_id: str, state: Any) -> str:
    """'complete', 'started' or 'not_started' for one module's workbook state."""
    from verbinding.progress import state_of

    return _status_word(state_of(state if isinstance(state, dict) else {}, module_id))


@dataclass(frozen=True)
class ModuleLine:
    id: str
    title: str
    status: str
    quiz: tuple[int, int, int] | None = None  # (answered, correct, total)
    case: str = ""  # title of the case the work was done in (modules bound to a case)
    # what is still missing for "afgerond" in that work (the module's own still_to_do)
    todo: tuple[str, ...] = ()

    @property
    def status_label(self) -> str:
        return t(f"closing.status.{self.status}")

    @property
    def full_title(self) -> str:
        """'Outreach (casus Klimaatadaptatie)' when the work belongs to a case."""
        return t("closing.title_case", title=self.title, case=self.case) if self.case else self.title

    @property
    def quiz_label(self) -> str:
        if self.quiz is None:
            from verbinding.quiz import has_questions

            return t("closing.quiz_none") if has_questions(self.id) else t("closing.quiz_absent")
        from verbinding.quiz import score_text

        return t("closing.quiz_result", score=score_text(*self.quiz))


def module_statuses(document: Mapping[str, Any]) -> list[ModuleLine]:
    """Every course module except this one, in course order, from a workbook document.

    A module bound to a case shows the learner's furthest work on it in any case, with
    that case's title: switching case hides no work (and claims none that is not there)."""
    from verbinding.course import course_modules  # the course map, with a trainer's own exercises
    from verbinding.export import case_short_title
    from verbinding.progress import DONE, OPEN, best_progress, document_modules, still_to_do
    from verbinding.quiz import result

    document = document if isinstance(document, Mapping) else {}
    modules = document_modules(document)  # module 5 reads the dossier name from Kennismaken
    lines = []
    for item in course_modules():
        if item.id == MODULE_ID:
            continue
        progress = best_progress(document, item.id)
        case = case_short_title(progress.case) if progress.case and progress.status != OPEN else ""
        # the kennischeck has a column of its own on the page: not a to-do line as well
        todo = still_to_do(progress.state, item.id, modules, with_quiz=False) if progress.status != DONE else []
        lines.append(ModuleLine(item.id, item.title, _status_word(progress.status), result(progress.state), case,
                                tuple(todo or ())))
    return lines


SHORT_TODO = 3


def short_todo(line: ModuleLine, limit: int = SHORT_TODO) -> list[str]:
    """What a started module still asks, kept short for the overview: the first items,
    then 'En nog 2 punten.' (nothing for a module done or not started)."""
    if line.status != "started" or not line.todo:
        return []
    if len(line.todo) <= limit:
        return list(line.todo)
    rest = len(line.todo) - (limit - 1)
    return [*line.todo[: limit - 1], t("closing.todo_more", points=count(rest, t("closing.todo_point"), t("closing.todo_points")))]


def done_modules(lines: list[ModuleLine]) -> list[ModuleLine]:
    """The modules a certificate lists as done: those whose own check says complete."""
    return [line for line in lines if line.status == "complete"]


# ----- the learner's path -----------------------------------------------------------------


@dataclass
class QuestionPath:
    pillar: str
    question: str
    short: str
    found: list[str] = field(default_factory=list)  # in the practice case (modules 2-4)
    own_found: list[str] = field(default_factory=list)  # the learner's own data from Kennismaken
    conversations: list[str] = field(default_factory=list)  # what they did in Gesprekken
    answer: str = ""
    score: str = ""
    next_step: str = ""
    when: str = ""


def course_path(modules: Mapping[str, Any]) -> list[QuestionPath]:
    """Per OCA question: what the practice case showed, what the learner said about their own
    work (Kennismaken), what they did in the conversations (the dialogue's ``oca``) and their
    own dossier work (module 5), each kept apart so the page labels it by where it comes from."""
    from verbinding.modules.eigen_dossier import DossierScan, load_texts
    from verbinding.modules.eigen_dossier.hints import CASE, OWN, hints
    from verbinding.modules.gesprekken import route_lines

    texts = load_texts()
    modules = modules if isinstance(modules, Mapping) else {}
    # module 5's reminders, worded for the route: its labels say where a line comes from
    found = {qid: [(hint.source, hint.text_as(ROUTE_TEXTS)) for hint in items]
             for qid, items in hints(modules, texts).items()}
    conversations = route_lines(modules.get("gesprekken"))
    scan = DossierScan.from_dict(modules.get("eigen_dossier") if isinstance(modules.get("eigen_dossier"), dict) else {},
                                 texts)
    out = []
    for question in texts.questions:
        entry = scan.entry(question.id)
        score = scan.score(question.id)
        out.append(QuestionPath(
            pillar=texts.pillar(question.pillar).name, question=question.question, short=question.short,
            found=[text for source, text in found.get(question.id, []) if source == CASE],
            own_found=[text for source, text in found.get(question.id, []) if source == OWN],
            conversations=list(conversations.get(question.id, [])), answer=entry["answer"].strip(),
            score=f"{score} - {texts.scale[score - 1]}" if score else "",
            next_step=entry["next_step"].strip(), when=entry["when"].strip(),
        ))
    return out


def next_steps(path: list[QuestionPath]) -> list[str]:
    steps = []
    for item in path:
        if item.next_step:
            key = "closing.step_when" if item.when else "closing.step"
            steps.append(t(key, question=item.short, step=item.next_step, when=item.when))
    return steps


def path_summary(path: list[QuestionPath], lines: list[ModuleLine]) -> str:
    """'Je rondde 3 van de 7 modules af. ...' (not 'Je rondde 0 modules van de 7 af ... met
    0 volgende stappen')."""
    answered = sum(1 for p in path if p.answer)
    done, total, steps = len(done_modules(lines)), len(lines), len(next_steps(path))
    modules_key = ("closing.summary_modules_none" if not done
                   else "closing.summary_modules_all" if done == total else "closing.summary_modules_some")
    modules = t(modules_key, done=done, total=total)
    dossier_key = "closing.summary_dossier_some" if answered else "closing.summary_dossier_none"
    dossier = t(dossier_key, answered=answered, questions=len(path))
    step_text = (t("closing.summary_no_steps") if not steps
                 else t("closing.summary_steps", steps=count(steps, "volgende stap", "volgende stappen")))
    return f"{modules} {dossier}{step_text}"


# ----- bewijs van deelname ----------------------------------------------------------------


def certificate_blocks(name: str, lines: list[ModuleLine], day: date, minutes: Mapping[str, int] | None = None) -> list[Block]:
    done = done_modules(lines)
    blocks: list[Block] = [
        Paragraph(sentence("closing.certificate.statement", name=clean_name(name) or t("closing.certificate.no_name"))),
        Paragraph(t("closing.certificate.course")),
    ]
    if done:
        rows = [[line.full_title, line.status_label] + ([t("closing.certificate.minutes", minutes=minutes[line.id])]
                                                   if minutes and line.id in minutes else [])
                for line in done]
        header = [t("closing.certificate.col_module"), t("closing.certificate.col_status")]
        if minutes:
            header.append(t("closing.certificate.col_minutes"))
        blocks.append(Table(header, rows))
    else:
        blocks.append(Paragraph(t("closing.certificate.nothing")))
    blocks += [
        Paragraph(t("closing.certificate.date", date=dutch_date(day))),
    ]
    # Only what each finished module practised: a module that was only begun practised nothing
    # the certificate can vouch for.
    known = catalogue()
    practised = [t(f"closing.certificate.skills.{line.id}") for line in done
                 if f"closing.certificate.skills.{line.id}" in known]
    if practised:
        blocks += [Heading(t("closing.certificate.about_title"), level=3), Bullets(practised)]
    blocks.append(Paragraph(t("closing.certificate.no_exam"), italic=True))
    return blocks


def certificate_docx(name: str, lines: list[ModuleLine], day: date, minutes: Mapping[str, int] | None = None) -> bytes:
    return to_docx(certificate_blocks(name, lines, day, minutes), title=t("closing.certificate.title"))


def certificate_filename(name: str) -> str:
    text = unicodedata.normalize("NFKD", clean_name(name).casefold()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40]
    return f"bewijs-van-deelname-{slug}.docx" if slug else "bewijs-van-deelname.docx"




def export_blocks(state: dict) -> list[Block]:
    """The closing module in the workbook export: what the learner takes with them."""
    work = ClosingWork.from_dict(state)
    if not work.reflection:
        return [Paragraph(t("closing.export.nothing"))]
    return [Paragraph(t("closing.export.reflection", text=work.reflection))]
