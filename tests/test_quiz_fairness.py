"""The course's multiple-choice questions cannot be answered by picking the longest option.

A test-wise learner who always picks the longest option should score no better than by
chance; otherwise the knowledge checks, the learning gain before and after the course and
the first-walk score of the dialogues measure test-wiseness, not learning. Every question is
read through the course's own loaders, as the learner sees it.
"""

from __future__ import annotations

import pytest

from verbinding import course, learning, quiz
from verbinding.modules import gesprekken as dialogue

MAX_SHARE_LONGEST = 0.4  # the right option strictly longest (or shortest) in at most 40%
MAX_RATIO = 1.5  # the right option at most 1.5 times the longest wrong one


def _module_checks() -> list[tuple[str, tuple[str, ...], int]]:
    """Every module question once, including those asked again as spaced retrieval."""
    found: dict[str, tuple[str, tuple[str, ...], int]] = {}
    for module in course.MODULES:
        if not quiz.has_questions(module.id):
            continue
        for item in quiz.questions(module.id):
            found.setdefault(item.id, (item.id, item.options, item.right - 1))
    return list(found.values())


def _learning_check() -> list[tuple[str, tuple[str, ...], int]]:
    return [(i.question.id, i.question.options, i.question.right - 1) for i in learning.items()]


def _dialogue_steps() -> list[tuple[str, tuple[str, ...], int]]:
    dialogues, problems = dialogue.load_folder(dialogue.builtin_folder())
    assert dialogues and not problems
    found = []
    for item in dialogues:
        for step in item.steps.values():
            strong = [n for n, c in enumerate(step.choices) if c.judgement == "sterk"]
            if len(step.choices) >= 2 and len(strong) == 1:
                found.append((f"{item.id}/{step.id}", tuple(c.text for c in step.choices), strong[0]))
    return found


GROUPS = {
    "kennischeck": _module_checks,
    "leerwinst": _learning_check,
    "gesprekken": _dialogue_steps,
}


def _right_stands_out(items, longer: bool) -> list[str]:
    """Ids where the right option is strictly the longest (or, with ``longer=False``, the
    strictly shortest) of its question."""
    def beats(a: int, b: int) -> bool:
        return a > b if longer else a < b

    return [qid for qid, options, right in items
            if all(beats(len(options[right]), len(o)) for n, o in enumerate(options) if n != right)]


@pytest.mark.parametrize("group", GROUPS)
def test_the_right_option_is_not_usually_the_longest(group):
    items = GROUPS[group]()
    assert len(items) >= 5, "the loaders found the questions"
    longest = _right_stands_out(items, longer=True)
    assert len(longest) <= MAX_SHARE_LONGEST * len(items), (
        f"{group}: the right option is the longest in {len(longest)} of {len(items)}: {longest}"
    )


@pytest.mark.parametrize("group", GROUPS)
def test_the_right_option_is_not_usually_the_shortest_either(group):
    """Rewriting right answers briefly must not turn 'pick the shortest' into the trick."""
    items = GROUPS[group]()
    shortest = _right_stands_out(items, longer=False)
    assert len(shortest) <= MAX_SHARE_LONGEST * len(items), (
        f"{group}: the right option is the shortest in {len(shortest)} of {len(items)}: {shortest}"
    )


@pytest.mark.parametrize("group", GROUPS)
def test_no_right_option_stands_out_by_its_length(group):
    too_long = []
    for qid, options, right in GROUPS[group]():
        longest_wrong = max(len(o) for n, o in enumerate(options) if n != right)
        if len(options[right]) > MAX_RATIO * longest_wrong:
            too_long.append(f"{qid} ({len(options[right])} vs {longest_wrong} characters)")
    assert not too_long, f"{group}: right option far longer than every wrong one: {too_long}"
