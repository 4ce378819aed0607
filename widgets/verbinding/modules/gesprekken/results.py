"""What the learner gets back from a conversation: the count of a walk's choices, how a
later walk compares with the first, a reaction to the written response, the lines the
Afronding shows per OCA question, and the export.

Every sentence says only what is saved: the judgements of the choices made, and which of
a dialogue's ``kernpunten`` a response names by one of its words (a word search, and the
reaction says so).
"""

from __future__ import annotations

import re

from verbinding import dutch
from verbinding.document import Block, Bullets, Heading, Paragraph
from verbinding.modules.gesprekken import (
    JUDGEMENTS,
    Dialogue,
    KeyPoint,
    Practice,
    Walk,
    all_dialogues,
    first_walk_score,
    practices,
)
from verbinding.texts import t

# ----------------------------------------------------------------------------- the ending


def ending_text(dialogue: Dialogue, walk: Walk) -> str:
    """The closing text of a finished walk: the ending's ``na_zwakke_keuze`` when the walk had
    a weak choice and the file gives one; for a walk that ended under an earlier version of
    the file, a sentence that says so."""
    if walk.ending not in dialogue.endings:
        return t("gesprekken.view.old_ending")
    weak = any(dialogue.steps[step_id].choices[index].judgement == "zwak" for step_id, index in walk.choices)
    if weak and walk.ending in dialogue.endings_after_weak:
        return dialogue.endings_after_weak[walk.ending]
    return dialogue.endings[walk.ending]


# ----------------------------------------------------------------------------- counting walks


def walk_score(walk: Walk | None, dialogue: Dialogue) -> dict[str, int]:
    """How many of one walk's choices were sterk, redelijk or zwak."""
    counts = dict.fromkeys(JUDGEMENTS, 0)
    for step_id, index in (walk.choices if walk else []):
        counts[dialogue.steps[step_id].choices[index].judgement] += 1
    return counts


def counts_text(counts: dict[str, int]) -> str:
    """'2 keuzes redelijk, 0 sterk, 0 zwak': the most frequent judgement first, with the
    word 'keuzes', then every other judgement, also when none."""
    order = sorted(JUDGEMENTS, key=lambda j: -counts.get(j, 0))  # stable: ties keep sterk, redelijk, zwak
    first, *rest = order
    parts = [t(f"gesprekken.judgement_count.{first}",
               count=dutch.count(counts.get(first, 0), t("gesprekken.choice_word.one"), t("gesprekken.choice_word.many")))]
    parts += [t(f"gesprekken.judgement_count.{j}", count=dutch.number(counts.get(j, 0))) for j in rest]
    return ", ".join(parts)


def score_sentence(counts: dict[str, int]) -> str:
    """'Je eerste keer: 2 keuzes redelijk, 0 sterk, 0 zwak.'"""
    if not sum(counts.values()):
        return t("gesprekken.feedback.no_choices")
    return t("gesprekken.feedback.first_walk", parts=counts_text(counts))


def compare_sentence(practice: Practice, dialogue: Dialogue) -> str:
    """After a later walk that ended: how it went next to the first one, in counts only
    ('Je 2e keer: 3 keuzes sterk, 0 redelijk, 0 zwak. Dat is 3 sterke keuzes meer en 3 zwakke
    keuzes minder dan je eerste keer.'); empty while no later walk has ended."""
    walk = last_finished_walk(practice)
    if walk is None or walk is practice.walks[0]:
        return ""
    first = first_walk_score(practice, dialogue)
    now = walk_score(walk, dialogue)
    number = next(i for i, w in enumerate(practice.walks, start=1) if w is walk)  # equal walks are not the same walk
    parts = [t("gesprekken.compare.this_walk", number=number, parts=counts_text(now))]
    changes = []
    for judgement in ("sterk", "zwak"):
        difference = now[judgement] - first[judgement]
        if difference:
            amount = dutch.count(abs(difference), t(f"gesprekken.compare.{judgement}_one"),
                                 t(f"gesprekken.compare.{judgement}_many"))
            changes.append(t("gesprekken.compare.more" if difference > 0 else "gesprekken.compare.fewer",
                             amount=amount))
    parts.append(t("gesprekken.compare.changes", changes=dutch.join(changes)) if changes
                 else t("gesprekken.compare.same"))
    return " ".join(parts)


# ----------------------------------------------------------------------------- the written response


def _names_point(text: str, point: KeyPoint) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(word), text) for word in point.words)


def named_points(response: str, dialogue: Dialogue) -> tuple[list[str], list[str]]:
    """The key points the response names (by one of their words) and those it does not."""
    text = " ".join(str(response or "").casefold().split())
    named = [p.name for p in dialogue.key_points if _names_point(text, p)]
    missing = [p.name for p in dialogue.key_points if not _names_point(text, p)]
    return named, missing


def response_reaction(response: str, dialogue: Dialogue) -> str:
    """A short Dutch reaction to the written response: too short yet, or which key points it
    names ('Je noemt …; je noemt nog niet …'). Empty without text or without key points."""
    kind = dutch.reflection_kind(response)
    if kind == "empty":
        return ""
    if kind == "short":
        return t("gesprekken.reaction.short", words=dutch.MIN_REFLECTION_WORDS)
    if not dialogue.key_points:
        return ""
    named, missing = named_points(response, dialogue)
    if named and missing:
        text = t("gesprekken.reaction.some", named=dutch.join(named), missing=dutch.join(missing))
    elif named:
        text = t("gesprekken.reaction.all", named=dutch.join(named))
    else:
        text = t("gesprekken.reaction.none", missing=dutch.join(missing))
    return f"{text} {t('gesprekken.reaction.how')}"


# ----------------------------------------------------------------------------- the Afronding's route


def last_finished_walk(practice: Practice) -> Walk | None:
    return next((w for w in reversed(practice.walks) if w.ending), None)


def route_lines(state: object) -> dict[str, list[str]]:
    """Per OCA question id: what the learner did in the conversations that belong to it
    (``oca`` in the dialogue file): finished or only begun, and the choices of the first
    walk, the one that counts in the module too. Conversations never begun give no line."""
    dialogues, _ = all_dialogues()
    done = practices(state, dialogues)
    lines: dict[str, list[str]] = {}
    for dialogue in dialogues:
        practice = done[dialogue.id]
        if not dialogue.oca or not (practice.walks or practice.response.strip()):
            continue
        walk = last_finished_walk(practice)
        title = t("gesprekken.todo.title", title=dialogue.title)
        if walk is None:
            line = t("gesprekken.route.begun", title=title)
        else:
            # the rule of the module itself: the first walk counts, later walks are practice
            line = t("gesprekken.route.finished", title=title, parts=counts_text(first_walk_score(practice, dialogue)))
            if len(practice.walks) > 1:
                line += " " + t("gesprekken.route.walks", count=len(practice.walks))
            line += " " + (t("gesprekken.route.response") if dutch.reflection_kind(practice.response) == "ok"
                           else t("gesprekken.route.no_response"))
        lines.setdefault(dialogue.oca, []).append(line)
    return lines


# ----------------------------------------------------------------------------- export


def export_blocks(state: dict) -> list[Block]:
    return export_dialogues(state, all_dialogues()[0])


def export_dialogues(state: dict, dialogues: tuple[Dialogue, ...]) -> list[Block]:
    """The learner's walks and responses on ``dialogues`` (those they started)."""
    blocks: list[Block] = []
    for dialogue in dialogues:
        practice = practices(state, (dialogue,))[dialogue.id]
        if not practice.walks and not practice.response.strip():
            continue
        blocks.append(Heading(dialogue.title, level=3))
        if practice.walks:
            first = practice.walks[0]
            lines = []
            for step_id, index in first.choices:
                choice = dialogue.steps[step_id].choices[index]
                lines.append(t("gesprekken.export.choice", text=choice.text, judgement=choice.judgement))
            blocks.append(Paragraph(t("gesprekken.export.first_walk")))
            blocks.append(Bullets(lines) if lines else Paragraph("-"))
            blocks.append(Paragraph(score_sentence(first_walk_score(practice, dialogue))))
            if len(practice.walks) > 1:
                blocks.append(Paragraph(t("gesprekken.export.walks", count=len(practice.walks))))
                comparison = compare_sentence(practice, dialogue)
                if comparison:
                    blocks.append(Paragraph(comparison))
        blocks.append(Paragraph(t("gesprekken.export.response")))
        blocks.append(Paragraph(practice.response.strip() or t("gesprekken.export.no_response")))
        if practice.checked:
            blocks.append(Bullets([dialogue.checklist[i] for i in practice.checked]))
    if not blocks:
        blocks.append(Paragraph(t("gesprekken.export.nothing")))
    return blocks
