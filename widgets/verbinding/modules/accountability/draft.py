"""The rationale draft: :class:`DraftText`, the part of :class:`~.model.AccountabilityModel`
that writes the consultatieparagraaf from the learner's entries and keeps their edits."""

from __future__ import annotations

from verbinding import dutch
from verbinding.modules.accountability.records import (
    FEEDBACK_HOW,
    GROUP_PREFIX,
    MAX_DRAFT_ITEMS,
    MAX_HISTORY,
    SOURCES,
    TAKEN_ALONG,
    WEIGHTS,
    Interest,
    _capital,
    _group_topic,
    _parties,
    _sentence,
    _sentence_body,
    _short,
    _without_examples,
    interest_label,
)
from verbinding.texts import sentence, t, tlist


def _reason_clause(text: str) -> tuple[str, bool]:
    """The reasoning ready to follow the weight, and whether it starts with its own
    conjunction ('omdat ...', 'want ...'). A sentence starter such as 'Het' or 'Omdat' is
    lower-cased; names and abbreviations stay as typed."""
    body = _sentence_body(text)
    first = body.split(" ", 1)[0]
    conjunction = first.lower().strip(",:") in ("omdat", "want", "doordat", "aangezien", "vanwege", "gezien")
    vocabulary = {str(w).lower() for w in tlist("accountability.restating_words")}
    if first[:1].isupper() and first[1:].islower() and (conjunction or first.lower() in vocabulary):
        body = first.lower() + body[len(first):]
    return body, conjunction


def _lower_starter(text: str) -> str:
    """A reason after 'Naam: ': a sentence starter ('Zij', 'Het') lower-cased, a name kept."""
    first = text.split(" ", 1)[0]
    starters = {str(w).lower() for w in tlist("accountability.draft.starters")}
    if first[:1].isupper() and first[1:].islower() and first.lower() in starters:
        return first.lower() + text[len(first):]
    return text


def _weighed_alone(name: str, phrase: str, reasoning: str) -> str:
    """The one interest of its weight, in one sentence with its reason."""
    reason, conjunction = _reason_clause(reasoning)
    if not reason:
        return t("accountability.draft.prose_plain", name=name, phrase=phrase)
    if conjunction:
        return t("accountability.draft.prose_conj", name=name, phrase=phrase, reasoning=reason)
    return t("accountability.draft.prose", name=name, phrase=phrase, reasoning=_sentence(reasoning))


class DraftText:
    """Mixin of :class:`~.model.AccountabilityModel`: the generated draft, its edits and open points."""

    def generate_text(self) -> str:
        """A short consultatieparagraaf from the learner's own entries (plain text).

        Four parts, each under its own heading line: who was involved and how; what they
        brought in; what was done with it and why ("we vroegen, u zei, wij deden"); how
        they heard back. The full tables are the annex of the export (:meth:`blocks`).
        """
        if not self.interests:
            return t("accountability.draft.empty")
        scope = self.considered()  # the handful and what else the learner filled in
        parties = self.stakeholders()
        groups = [i for i in scope if i.id.startswith(GROUP_PREFIX) and not i.org_id]
        named = [i for i in scope if i not in groups]
        sections: list[tuple[str, list[str]]] = []
        # 1. what was weighed, who was involved and how. Two counts, each with its own basis:
        # what the learner weighed (parties and groups of consultation responses apart), and
        # the parties recorded as involved (input brought in, or a known way of taking part).
        # One from the learner's plan (an invitation, counter-voice) with neither is an open
        # point, not nota text.
        involved: list[str] = []
        weighed_parties = list(dict.fromkeys(i.key for i in named if i.weight))
        weighed_groups = [g for g in groups if g.weight]
        what = []
        if weighed_parties:
            n = len(weighed_parties)
            what.append(t("accountability.draft.weighed_parties_one") if n == 1
                        else t("accountability.draft.weighed_parties", count=dutch.number(n)))
        if weighed_groups:
            n = len(weighed_groups)
            what.append(t("accountability.draft.weighed_groups_one") if n == 1
                        else t("accountability.draft.weighed_groups", count=dutch.number(n)))
        if what:
            involved.append(t("accountability.draft.weighed_lead", what=dutch.join(what)))
        took_part = list(dict.fromkeys(i.key for i in named if i.asked.strip() or i.source.strip() in SOURCES))
        if took_part and set(took_part) == set(weighed_parties):  # the same parties: say so, not a second count
            involved.append(t("accountability.draft.involved_all_one" if len(took_part) == 1
                              else "accountability.draft.involved_all"))
        elif took_part:
            involved.append(t("accountability.draft.involved", parties=_parties(len(took_part))))
        by_source: dict[str, list[str]] = {}
        for i in named:
            src = i.source.strip() if i.source.strip() in SOURCES else ""
            by_source.setdefault(src, [])
            if i.name not in by_source[src]:
                by_source[src].append(i.name)
        for src in [s for s in SOURCES if s in by_source]:  # how unknown: an open point, not nota text
            involved.append(t(f"accountability.draft.how.{src}", names=dutch.join(by_source[src])))
        # Every topic the consultation had, not only those weighed: 'reacties over 1 onderwerp'
        # for a case with seven was untrue (a learner's walk); what was weighed is said above.
        all_groups = [i for i in self.interests if i.id.startswith(GROUP_PREFIX) and not i.org_id]
        if all_groups:  # a response may name several topics: count topics, not a (double) total
            topics = [_group_topic(g) for g in all_groups]
            involved.append(t("accountability.draft.consultation_groups",
                              topics_count=dutch.count(len(topics), t("accountability.draft.topic"),
                                                       t("accountability.draft.topics")),
                              topics=dutch.join(topics)))
        sections.append((t("accountability.draft.heading_involved"), involved))
        # 2. what they brought in: the first few in full, the rest in the annex
        brought: list[str] = []
        # A party weighed 'less' first: a reader should see what the party weighed down asked
        # for, not find it in the annex (a walk saw only that insider's input left out).
        described = sorted((i for i in scope if i.asked.strip()), key=lambda i: i.weight != "less")
        for i in described[:MAX_DRAFT_ITEMS]:
            if i in groups:  # the figures here, the example quotes in the annex
                brought.append(sentence("accountability.draft.brought_item", name=_group_topic(i),
                                 asked=_sentence_body(_without_examples(i.asked))))
            else:
                brought.append(sentence("accountability.draft.brought_item", name=i.name, asked=_sentence_body(i.asked)))
        if len(described) > MAX_DRAFT_ITEMS:  # a group of responses is a topic, not a party
            rest = described[MAX_DRAFT_ITEMS:]
            rest_groups = sum(1 for i in rest if i in groups)
            rest_parties = len(rest) - rest_groups
            parts = {
                "parties": dutch.count(rest_parties, t("accountability.draft.other_party"),
                                       t("accountability.draft.other_parties")),
                "topics": dutch.count(rest_groups, t("accountability.draft.other_topic"),
                                      t("accountability.draft.other_topics")),
            }
            key = ("brought_more_both" if rest_parties and rest_groups
                   else "brought_more_topics" if rest_groups else "brought_more")
            brought.append(t(f"accountability.draft.{key}", **parts))
        sections.append((t("accountability.draft.heading_brought"), brought))
        # 3. what was done with it and why: more, equal, less; then rejected proposals
        done: list[str] = []

        def weighed_name(i: Interest) -> str:  # 'de reacties over X', not the list label 'Consultatiereacties over X (82)'
            return t("accountability.draft.group_responses", topic=_group_topic(i)) if i in groups else i.name

        # In running prose, heaviest first, one lead sentence per weight and then each
        # party's reason; what is not yet weighed or explained is an open point of the
        # export, not a to-do inside the nota.
        for weight in WEIGHTS:
            members = [i for i in scope if i.weight == weight]
            phrase = t(f"accountability.draft.weight_phrase.{weight}")
            if len(members) == 1:
                done.append(_weighed_alone(weighed_name(members[0]), phrase, members[0].reasoning))
            elif members:
                done.append(t("accountability.draft.weight_lead", phrase=phrase,
                              names=dutch.join(weighed_name(i) for i in members)))
                for i in members:
                    reason, _conjunction = _reason_clause(i.reasoning)
                    if reason:
                        done.append(t("accountability.draft.weight_reason", name=_capital(weighed_name(i)),
                                      reasoning=_lower_starter(reason)))
        # A proposal that got no hearing in module 2. Weighed 'meer' or 'even zwaar' here, the
        # nota says what the weighing says; whether the proposal is adopted, the learner
        # decides (an open point), it is never 'taken along after all' by itself.
        for i in scope:
            for proposal in i.rejected:
                if i.weight in TAKEN_ALONG:
                    done.append(t("accountability.draft.rejected_reconsidered", proposal=_short(proposal, 120),
                                  name=i.name, weight=t(f"accountability.draft.reconsidered_weight.{i.weight}")))
                    continue
                reason = _sentence(i.reasoning) if i.weight and i.reasoning.strip() else ""
                done.append(t("accountability.draft.rejected", proposal=_short(proposal, 120), name=i.name,
                              reason=reason).strip())
        sections.append((t("accountability.draft.heading_done"), done))
        # 4. how they heard back (who, grouped by how; the details are in the annex)
        # Parties and groups of consultation responses are counted apart: section 1 counted
        # "8 partijen" and 7 topics, so "3 van de 15 partijen" here would not add up.
        group_topics = {g.key: _group_topic(g) for g in groups}
        heard = {key: self.feedback_for(key).given == "yes" for key, _name, _insider in parties}
        party_keys = [key for key, _name, _insider in parties if key not in group_topics]
        back: list[str] = []
        given, total = sum(heard[k] for k in party_keys), len(party_keys)
        if total == 1:
            if given:
                back.append(sentence("accountability.draft.feedback_single",
                              name=next(n for k, n, _i in parties if k == party_keys[0])))
        elif total:
            back.append(t("accountability.draft.feedback_count_one" if given == 1 else "accountability.draft.feedback_count",
                          given=dutch.number(given), total=_parties(total)))
        if group_topics:
            given_topics = sum(heard[k] for k in group_topics)
            if len(group_topics) == 1:
                if given_topics:
                    back.append(t("accountability.draft.feedback_groups_single", topic=next(iter(group_topics.values()))))
            elif given_topics:
                back.append(t("accountability.draft.feedback_groups_count", given=dutch.number(given_topics),
                              total=dutch.count(len(group_topics), t("accountability.draft.weighed_topic"),
                                                t("accountability.draft.weighed_topics"))))
            else:
                back.append(t("accountability.draft.feedback_groups_none"))
        by_how: dict[str, list[str]] = {}
        declined, missing = [], []
        for key, name, _insider in parties:
            if key in group_topics:
                name = t("accountability.draft.group_senders", topic=group_topics[key])
            entry = self.feedback_for(key)
            if entry.given == "yes":
                when = " ".join(entry.when.split())  # how and when each party heard back
                by_how.setdefault(entry.how if entry.how in FEEDBACK_HOW else "", []).append(
                    t("accountability.draft.feedback_when", name=name, when=when) if when else name)
            elif entry.given == "no":
                declined.append(name)
            else:
                missing.append(name)
        for how in [h for h in FEEDBACK_HOW if h in by_how]:
            back.append(t("accountability.draft.feedback_how",
                          how_cap=_capital(t(f"accountability.feedback_how_phrase.{how}")),
                          names=dutch.join(by_how[how])))
        if declined:
            back.append(t("accountability.draft.feedback_no", names=dutch.join(declined)))
        sections.append((t("accountability.draft.heading_feedback"), back))
        return dutch.tidy("\n\n".join(f"{heading}\n{' '.join(lines)}" for heading, lines in sections if lines))

    def open_points(self) -> list[str]:
        """What the nota cannot say yet, kept apart from its text (the export lists these
        under 'Open punten', beside the checks): how a party was involved, what it brought
        in, and how those who heard back were told."""
        points: list[str] = []
        scope = self.considered()
        groups = {i.key for i in scope if i.id.startswith(GROUP_PREFIX) and not i.org_id}
        named = [i for i in scope if i.key not in groups]
        unknown = list(dict.fromkeys(i.name for i in named if i.source.strip() not in SOURCES))
        if unknown:
            points.append(t("accountability.draft.open_how", names=dutch.join(unknown)))
        silent = [i.name for i in scope if not i.asked.strip()]
        if silent:
            points.append(t("accountability.draft.open_brought", names=dutch.join(silent)))
        for i in scope:  # weighed 'meer' or 'even zwaar' is no decision about its proposal
            for proposal in i.rejected if i.weight in TAKEN_ALONG else []:
                points.append(t("accountability.draft.open_decide", proposal=_short(proposal, 120), name=i.name,
                                weight=t(f"accountability.draft.reconsidered_weight.{i.weight}")))
        addressees = self._addressees()
        told = [addressees.get(key, name) for key, name, _i in self.stakeholders()
                if self.feedback_for(key).given == "yes" and self.feedback_for(key).how not in FEEDBACK_HOW]
        if told:
            points.append(t("accountability.draft.open_feedback_how", names=dutch.join(told)))
        considered = {i.id for i in scope}
        untouched = [interest_label(i) for i in self.interests if i.id not in considered]
        if untouched:  # optional in the course, and not weighed: the export says so
            points.append(t("accountability.draft.open_optional", names=dutch.join(untouched)))
        return points

    @property
    def draft_text(self) -> str:
        """What the learner sees and exports: their edit if any, else the generated text."""
        return self.draft["edited"] if self.draft["edited"] is not None else self.draft["generated"]

    @property
    def draft_edited(self) -> bool:
        return self.draft["edited"] is not None

    @property
    def draft_outdated(self) -> bool:
        """The learner edited the text, and the weighing changed since."""
        return self.draft_edited and self.generate_text() != self.draft["based_on"]

    def generate_draft(self, replace_edit: bool = False) -> str:
        """(Re)generate the draft. An edit is only replaced when ``replace_edit`` is True,
        and then it is kept in the history so it can be restored."""
        generated = self.generate_text()
        self.draft["generated"] = generated
        if self.draft["edited"] is None:
            self.draft["based_on"] = generated
        elif replace_edit:
            self._push_history(self.draft["edited"])
            self.draft["edited"] = None
            self.draft["based_on"] = generated
        return self.draft_text

    def edit_draft(self, text: str) -> None:
        """Keep the learner's own version of the draft (an edit equal to the generated
        text is not an edit)."""
        text = "" if text is None else str(text)
        if self.draft["edited"] is None and text == self.draft["generated"]:
            return
        if self.draft["edited"] is None:
            self.draft["based_on"] = self.draft["generated"]
        self.draft["edited"] = text

    def restore_previous_edit(self) -> str:
        """Bring back the most recent earlier edit (the current edit goes into the history)."""
        if not self.draft["history"]:
            raise ValueError(t("accountability.errors.no_previous"))
        previous = self.draft["history"].pop()
        if self.draft["edited"] is not None and self.draft["edited"] != previous:
            self._push_history(self.draft["edited"])
        self.draft["edited"] = previous
        self.draft["based_on"] = self.draft["generated"] or self.generate_text()
        return previous

    def _push_history(self, text: str) -> None:
        history = self.draft["history"]
        if history and history[-1] == text:
            return
        history.append(text)
        del history[:-MAX_HISTORY]

    def draft_status(self) -> list[str]:
        lines = [t("accountability.draft.status_edited" if self.draft_edited else "accountability.draft.status_generated")]
        if self.draft_outdated:
            lines.append(t("accountability.draft.status_outdated"))
        n = len(self.draft["history"])
        if n:
            lines.append(t("accountability.draft.status_previous_one") if n == 1
                         else t("accountability.draft.status_previous", count=n))
        return lines
