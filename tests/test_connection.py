"""The Connection exercise model: state round trip, feedback texts, export."""

from __future__ import annotations

import json

import pytest
from _connection_case import synthetic_case
from _markdown import has_markup, render

from verbinding import access, dutch
from verbinding.document import Table, to_markdown
from verbinding.modules.connection import (
    CaseAnalysis,
    ConnectionWork,
    CounterVoice,
    InsiderRule,
    Invitation,
    counter_voice_feedback,
    early_late_text,
    export_blocks,
    field_note_feedback,
    filter_candidates,
    gap_dimensions_from_outreach,
    gap_source_text,
    guess_feedback,
    insider_feedback,
    invitation_feedback,
    outreach_gaps,
    pinned_text,
    playing_field_text,
)
from verbinding.texts import t


@pytest.fixture(scope="module")
def analysis():
    return CaseAnalysis(synthetic_case())


def test_guess_feedback_names_real_figure_and_distance():
    low = guess_feedback(20, 0.55, 12)
    assert "20%" in low and "55%" in low and "12 organisaties" in low
    assert "35 procentpunt meer" in low
    high = guess_feedback(80, 0.55, 12)
    assert "25 procentpunt minder" in high
    close = guess_feedback(52, 0.55, 12)
    assert "3 procentpunt" in close and "Goed geschat" in close
    assert "55%" in guess_feedback(None, 0.55)


def test_measured_figures_match_access_metrics(analysis):
    snap = analysis.measured_snapshot()
    direct = access.concentration(analysis.case.contacts)
    assert snap["top10pct_share"] == pytest.approx(direct.top10pct_share, abs=1e-4)
    assert snap["organisations"] == direct.organisations == 200  # 100 never had contact
    top = analysis.top_table(5)
    assert top["links"].is_monotonic_decreasing
    assert top["name"].iloc[0] == "Organisatie 000"


def test_insider_rules_catch_and_describe(analysis):
    top = analysis.insiders(InsiderRule(kind="top", top_pct=10))
    assert len(top.members) == 20  # ceil(10% of 200), no ties at the cut-off in this case
    assert top.share_of_links == pytest.approx(analysis.concentration.top10pct_share)
    text = insider_feedback(top, analysis.names)
    assert "20 organisaties" in text and "Organisatie 000" in text
    assert dutch.percent(top.share_of_links) in text
    strict = analysis.insiders(InsiderRule(min_years=5, last_years=5))
    loose = analysis.insiders(InsiderRule(min_years=1, last_years=5))
    assert set(strict.members) <= set(loose.members)
    assert len(strict.members) < len(loose.members)
    assert strict.types["organisations"].sum() == len(strict.members)
    nobody = analysis.insiders(InsiderRule(kind="top", top_pct=10)).__class__(
        rule=InsiderRule(), members=(), share_of_links=0.0, share_of_organisations=0.0, types=top.types[:0]
    )
    assert insider_feedback(nobody, {}) == t("connection.rule.none")


def test_snapshot_gives_outreach_the_member_ids(analysis):
    from verbinding.modules.outreach import insiders_from_connection

    result = analysis.insiders(InsiderRule(kind="top", top_pct=10))
    work = ConnectionWork(insiders=result.snapshot(analysis.names))
    assert insiders_from_connection(work.to_dict()) == list(result.members)


def test_early_late_and_playing_field_texts(analysis):
    text = early_late_text(analysis.early_late, *analysis.years)
    assert "2015-2019" in text and "2020-2024" in text
    assert dutch.percent(analysis.early_late.early_top_share_late) in text
    field = playing_field_text(analysis.representation, analysis.business_shares)
    # business types are 10% of the population and most of the access in this case
    rep = analysis.representation.set_index("group")
    assert dutch.percent(rep.loc["bedrijf", "access_share"]) in field
    assert "Bedrijven en brancheorganisaties samen" in field


def test_candidates_are_the_quiet_corner_of_a_gap_dimension(analysis):
    quiet = analysis.candidates(["zorg"], max_links=0)
    assert len(quiet) > 0
    assert (quiet["links"] == 0).all()
    ids = set(analysis.expertise.loc[analysis.expertise["dimension"] == "zorg", "org_id"])
    assert set(quiet["org_id"]) <= ids
    inv = analysis.invitation_for(quiet["org_id"].iloc[0])
    assert inv.links == 0 and "Zorg en kwetsbaren" in inv.dimensions and inv.name.startswith("Organisatie")


def test_invitation_feedback_names_what_is_missing(analysis):
    work = ConnectionWork()
    assert invitation_feedback(work) == [t("connection.invite.none")]
    insider = analysis.insiders(InsiderRule(kind="top", top_pct=10)).members[0]
    quiet = analysis.candidates(["zorg"], max_links=0)["org_id"].iloc[0]
    work.invite(analysis.invitation_for(insider))
    work.invite(analysis.invitation_for(quiet))
    work.invite(analysis.invitation_for(quiet))  # twice: kept once
    assert len(work.invitations) == 2
    work.set_reason(quiet, "Kent de zorg voor ouderen tijdens hitte.")
    gaps = {"zorg": "Zorg en kwetsbaren", "hitte": "Hittestress"}
    notes = invitation_feedback(work, [insider], gaps, analysis.org_dimensions)
    joined = " ".join(notes)
    assert analysis.name(insider) in notes[0]  # no reason yet
    assert analysis.name(insider) in notes[1]  # already an insider
    if "hitte" not in analysis.org_dimensions.get(insider, []) + analysis.org_dimensions.get(quiet, []):
        assert "Hittestress" in joined
    assert "Je nodigt 2 organisaties uit. Zonder eerder contact: 1." in joined
    work.uninvite(insider)
    assert [i.org_id for i in work.invitations] == [quiet]


def test_candidate_count_and_types_agree_with_one():
    """Walk findings: '1 organisatie passen bij je keuze.' and 'Typen: X' for one type."""
    from verbinding.modules.connection import candidates_count_text

    assert candidates_count_text(1, 1) == "1 organisatie past bij je keuze."
    assert candidates_count_text(3, 3) == "3 organisaties passen bij je keuze."
    assert candidates_count_text(40, 25).startswith("40 organisaties passen bij je keuze; je ziet de eerste 25.")
    work = ConnectionWork()
    work.invite(Invitation("o1", "Stichting Hitte", "Maatschappelijke organisatie (ngo)", reason="kent ouderen"))
    summary = invitation_feedback(work)[-1]
    assert summary.endswith("Type: Maatschappelijke organisatie (ngo).") and "Typen" not in summary
    work.invite(Invitation("o2", "Bouwbedrijf", "Bedrijf", links=4, reason="bouwt"))
    assert invitation_feedback(work)[-1].endswith("Typen: Bedrijf en Maatschappelijke organisatie (ngo).")
    work.invite(Invitation("o3", "Iemand", "", reason="weet veel"))
    work.uninvite("o1")
    work.uninvite("o2")
    assert "Type" not in invitation_feedback(work)[-1]  # no type known: no 'Typen: -'


def test_counter_voice_feedback():
    empty = counter_voice_feedback(CounterVoice())
    assert t("connection.counter.no_format") in empty
    assert t("connection.counter.no_alternatives") in empty
    late = CounterVoice(formats=["rondetafel"], facilitation=["tijd"], whom="Bewoners", steps=["effecten"], alternatives="Meer groen")
    notes = counter_voice_feedback(late)
    assert len(notes) == 1 and "4. Effecten" in notes[0] and "probleem" in notes[0]
    good = CounterVoice(
        formats=["rondetafel", "burgerpanel"], facilitation=["vergoeding"], whom="Bewonersgroepen",
        steps=["probleem", "opties"], alternatives="Meer groen in wijken\n\nKoelteplekken",
    )
    notes = counter_voice_feedback(good)
    assert len(notes) == 1 and "2 alternatieve voorstellen" in notes[0] and "1. Probleem" in notes[0]


def test_round_trip_and_tolerant_loading():
    work = ConnectionWork(
        case="klimaatadaptatie", guess=35, revealed=True,
        measured={"top10pct_share": 0.5, "top10pct_count": 12, "organisations": 120, "links": 900, "gini": 0.6, "single_link_share": 0.5},
        rule=InsiderRule(kind="top", top_pct=5),
        gap_dimensions=["zorg"], gap_names=["Zorg en kwetsbaren"],
        invitations=[Invitation("o201", "Organisatie 201", "Ngo", ["Zorg"], 0, "Reden")],
        counter_voice=CounterVoice(formats=["rondetafel"], steps=["probleem", "doel"], alternatives="A\nB"),
        playing_field_note="Veel bedrijven.",
    )
    d = json.loads(json.dumps(work.to_dict()))
    again = ConnectionWork.from_dict(d)
    assert again.to_dict() == work.to_dict()
    shuffled = ConnectionWork.from_dict({"counter_voice": {"steps": ["opties", "probleem"]}})
    assert shuffled.counter_voice.steps == ["probleem", "opties"]  # Beleidskompas order
    # missing keys, wrong types, unknown ids, older list-shaped alternatives
    odd = ConnectionWork.from_dict(
        {
            "guess": "abc", "revealed": True, "rule": {"kind": "x", "min_years": 99, "last_years": 3},
            "invitations": [{"name": "zonder id"}, "tekst", {"org_id": "a"}, {"org_id": "a"}],
            "counter_voice": {"formats": ["onbekend", "rondetafel"], "steps": ["later"], "alternatives": ["X", "Y"]},
        }
    )
    assert odd.guess == 0 and odd.revealed
    assert odd.rule.kind == "presence" and odd.rule.min_years == 3
    assert [i.org_id for i in odd.invitations] == ["a"]
    assert odd.counter_voice.formats == ["rondetafel"] and odd.counter_voice.steps == []
    assert odd.counter_voice.alternative_list == ["X", "Y"]
    assert ConnectionWork.from_dict(None).to_dict() == ConnectionWork().to_dict()
    assert ConnectionWork.from_dict({"guess": None, "revealed": True}).revealed is False


def test_long_and_html_text_is_kept_as_plain_text():
    long_reason = "<script>alert(1)</script>" + "x" * 10_000
    work = ConnectionWork(invitations=[Invitation("o1", "<b>Org</b>", reason=long_reason)])
    again = ConnectionWork.from_dict(work.to_dict())
    assert again.invitations[0].reason == long_reason  # never cut: the workbook refuses over the limit
    markdown = to_markdown(export_blocks(again.to_dict()))
    assert not has_markup(markdown)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in render(markdown)  # shown as typed


def test_export_blocks_show_the_learners_choices():
    state = ConnectionWork(
        guess=30, revealed=True,
        measured={"top10pct_share": 0.52, "top10pct_count": 12, "organisations": 120, "links": 900, "gini": 0.61, "single_link_share": 0.48},
        insiders={"count": 2, "share_of_links": 0.3, "names": ["Alfa", "Bravo"], "members": ["a", "b"]},
        gap_dimensions=["zorg"], gap_names=["Zorg en kwetsbaren"],
        invitations=[Invitation("o9", "Buurtnetwerk Zuid", "Burgers", ["Zorg en kwetsbaren"], 0, "Kent de wijk")],
        counter_voice=CounterVoice(formats=["burgerpanel"], whom="Bewoners", steps=["probleem"], alternatives="Koelteplekken"),
    ).to_dict()
    blocks = export_blocks(state)
    markdown = to_markdown(blocks)
    assert "52%" in markdown and "30%" in markdown
    assert "Buurtnetwerk Zuid" in markdown and "Kent de wijk" in markdown
    assert "Zorg en kwetsbaren" in markdown
    assert "Burgerpanel" in markdown and "1\\. Probleem" in markdown
    assert "Koelteplekken" in markdown
    assert "toegang is geen invloed" in markdown
    assert any(isinstance(b, Table) for b in blocks)
    empty = to_markdown(export_blocks({}))
    assert "Nog niet ingevuld" in empty


def test_gaps_from_outreach_read_defensively():
    assert gap_dimensions_from_outreach({"gap_dimensions": ["zorg", "", "zorg", 3]}) == ["zorg", "3"]
    assert gap_dimensions_from_outreach({}) == []
    assert gap_dimensions_from_outreach(None) == []
    assert gap_dimensions_from_outreach({"gap_dimensions": "hitte"}) == ["hitte"]


# ----- issue 14 -------------------------------------------------------------------------
def test_no_share_of_contacts_before_the_learner_has_guessed(analysis):
    """'Eerst schatten, dan meten': step 2 names whom the rule catches, not their share."""
    top = analysis.insiders(InsiderRule(kind="top", top_pct=10))
    hidden = insider_feedback(top, analysis.names, revealed=False)
    assert "20 organisaties" in hidden and dutch.percent(top.share_of_links) not in hidden
    first, last = analysis.years
    early = early_late_text(analysis.early_late, first, last, revealed=False)
    assert "%" not in early and early == t("connection.locked")
    assert dutch.percent(top.share_of_links) in insider_feedback(top, analysis.names, revealed=True)


def test_one_caught_organisation_in_the_singular(analysis):
    one = analysis.insiders(InsiderRule(kind="top", top_pct=10)).__class__(
        rule=InsiderRule(kind="top", top_pct=1), members=("o000",), share_of_links=0.1,
        share_of_organisations=0.005, types=analysis.insiders(InsiderRule()).types[:0])
    text = insider_feedback(one, {"o000": "Organisatie 000"})
    assert "vangt 1 organisatie:" in text


def test_reflection_of_step_3_always_gets_a_response():
    assert field_note_feedback("") == t("connection.note.empty")
    assert field_note_feedback("Veel bedrijven.") == t("connection.note.short")
    long = "Bedrijven hebben veel meer toegang dan burgergroepen, terwijl er veel meer burgergroepen zijn in dit veld."
    assert field_note_feedback(long) == t("connection.note.thanks")


def test_candidates_search_count_and_organisations_from_outreach(analysis):
    table = analysis.candidates(["hitte"], max_links=0)
    assert {"type_label", "dimension_names"} <= set(table.columns)
    outsider = next(o for o in analysis.names  # not a hitte expert, but without contacts
                    if o not in set(table["org_id"]) and analysis.contacts_of(o) == 0)
    pinned = analysis.candidates(["hitte"], max_links=0, always=[outsider])
    assert pinned["org_id"].iloc[0] == outsider and len(pinned) == len(table) + 1
    shown, matched = filter_candidates(pinned, "", always=[outsider], limit=3)
    assert matched == len(pinned) and len(shown) == 3 and shown["org_id"].iloc[0] == outsider
    name = table["name"].iloc[-1]
    found, n = filter_candidates(table, name.upper())
    assert n == 1 and found["name"].iloc[0] == name
    assert filter_candidates(table, "geen-organisatie-heet-zo")[1] == 0


def _complete_connection() -> dict:
    return {
        "guess": 40, "revealed": True, "measured": {"top10pct_share": 0.5}, "rule": {"kind": "top"},
        "insiders": {"count": 3, "members": ["a", "b", "c"]},
        "playing_field_note": "Bedrijven hebben meer toegang dan burgers.",
        "invitations": [{"org_id": "o1", "name": "Buurt", "reason": "Kent de wijk."}],
        "counter_voice": {"formats": ["rondetafel"], "facilitation": ["vergoeding"], "whom": "Bewoners",
                          "steps": ["probleem"], "alternatives": "Groene daken"},
    }


def test_is_complete():
    from verbinding.modules.connection import is_complete

    assert not is_complete({}) and not is_complete(None)
    assert is_complete(_complete_connection())
    for key, value in (("revealed", False), ("playing_field_note", ""), ("invitations", []),
                       ("counter_voice", {"formats": ["rondetafel"]})):
        assert not is_complete({**_complete_connection(), key: value}), key
    no_reason = _complete_connection()
    no_reason["invitations"] = [{"org_id": "o1", "name": "Buurt", "reason": ""}]
    assert not is_complete(no_reason)


def test_learner_dimensions_follow_module_2():
    from types import SimpleNamespace

    from verbinding.modules.connection import DimensionChoice, learner_dimensions, no_candidates_text, search_scope_text

    case = [SimpleNamespace(id="droogte", name="Droogte en landbouw"), SimpleNamespace(id="hitte", name="Hitte")]
    assert learner_dimensions(case, {}) == [DimensionChoice("droogte", "Droogte en landbouw"), DimensionChoice("hitte", "Hitte")]
    outreach = {"dimensions": [{"id": "hitte", "name": "Hitte"}, {"id": "eigen-1", "name": "Werken in de hitte"},
                               "kapot", {"id": "hitte", "name": "dubbel"}]}
    assert learner_dimensions(case, outreach) == [DimensionChoice("hitte", "Hitte"),
                                                  DimensionChoice("eigen-1", "Werken in de hitte", own=True)]
    own = DimensionChoice("eigen-1", "Werken in de hitte", own=True)
    assert search_scope_text([]) == ["Je zoekt bij alle dimensies."]
    assert "zelf toegevoegd" in search_scope_text([own])[1]
    assert "vind je 4 organisaties" in no_candidates_text("Hitte", [own], 4)
    assert no_candidates_text("", [own], 0).startswith("Geen organisaties gevonden met deze keuze.")


# ----- walk finding: step 4's text and list against the learner's state -------------------
def _outreach_map(case, rate: int, stakeholders: int = 3) -> dict:
    """A module-2 map as the Outreach view saves it: ``stakeholders`` organisations of one
    type, under-heard, linked to every dimension with expertise ``rate`` and no support."""
    from verbinding.modules.outreach import OutreachMap

    model = OutreachMap.from_case(case)
    for org in case.organisations.head(stakeholders).itertuples():
        sh = model.add_stakeholder(org.name, org_id=org.org_id, type="bedrijf")
        model.place(sh.id, power="low", interest="high")
        for dim in case.dimensions:
            model.set_link(dim.id, sh.id, expertise=rate, support=0)
    return model.to_dict()


def test_a_busy_organisation_from_module_2_obeys_the_contact_maximum(analysis):
    """Walk finding: 'Hoogstens (contacten)' 1, and the list still showed an organisation
    with 5 contacts (linked in module 2, so always on top)."""
    busy = next(o for o in analysis.names if analysis.contacts_of(o) >= 5)
    table = analysis.candidates(["hitte"], max_links=1, always=[busy])
    assert busy not in set(table["org_id"]) and table["links"].max() <= 1
    wide = analysis.candidates(["hitte"], max_links=analysis.contacts_of(busy), always=[busy])
    assert wide["org_id"].iloc[0] == busy  # allowed by the maximum: on top again
    lines = pinned_text([], [], ["Organisatie 001"], 1)
    assert lines == ["Niet in de lijst: Organisatie 001. Die koppelde je in module 2, maar die had meer dan "
                     "1 contact. Zet 'Hoogstens (contacten)' hoger om die te zien."]
    assert "maar ze hadden meer dan 2 contacten" in pinned_text([], [], ["A", "B"], 2)[0]
    assert pinned_text([], [], [], 1) == []


def test_module_2_gaps_are_read_as_module_2_holds_them():
    """Walk finding: 'Je hebt in module 2 nog geen ontbrekende expertise vastgelegd' while
    module 2 listed 19 points of attention (all about support and kinds, none about expertise)."""
    case = synthetic_case()
    rated = _outreach_map(case, rate=3)
    found = outreach_gaps(rated)
    assert found.started and found.expertise == () and found.other == len(rated["gaps"]) > 1
    text = gap_source_text(found, {}, ())
    assert f"{len(rated['gaps'])} aandachtspunten" in text and "genoeg expertise" in text
    assert "nog geen" not in text
    unrated = _outreach_map(case, rate=1)
    assert outreach_gaps(unrated).expertise == tuple(d.id for d in case.dimensions)
    # the derived key of an older save lags behind its map: the map's own rules decide
    assert outreach_gaps({**rated, "gap_dimensions": ["water"]}).expertise == ()
    assert gap_source_text(outreach_gaps({}), {}, ()) == t("connection.ui.gaps_choose")
    names = {"zorg": "Zorg"}
    assert gap_source_text(outreach_gaps({"gap_dimensions": ["zorg"]}), names, ["zorg"]) == \
        "Uit je werk in module 2 (Outreach): expertise ontbreekt bij Zorg."
    assert gap_source_text(outreach_gaps({"gap_dimensions": ["zorg"]}), names, []).endswith(
        t("connection.ui.gaps_changed_here"))


def test_an_untouched_estimate_gets_a_question_not_a_claim():
    from verbinding.modules.connection import untouched_guess_note

    note = untouched_guess_note(10, touched=False, asked=False)
    assert "nog niet veranderd" in note and "10%" in note and "Toon de echte cijfers" in note
    assert untouched_guess_note(10, touched=True, asked=False) is None
    assert untouched_guess_note(10, touched=False, asked=True) is None


def test_a_candidate_row_says_what_it_matches_and_the_detail_says_all():
    from verbinding.modules.connection import candidate_detail_text, candidate_text, invited_text

    names = {"hitte": "Hitte en gezondheid", "groen": "Natuur en groen", "geld": "Betaalbaarheid"}
    row = candidate_text("Comité", "0 contacten", "Bewoners", ["geld", "hitte", "groen"], ("groen",), names)
    assert row == "Comité · 0 contacten · past bij: Natuur en groen · Bewoners"
    row = candidate_text("Comité", "0 contacten", "Bewoners", ["geld"], ("groen",), names)
    assert row.endswith("expertise: Betaalbaarheid")  # matches none of the chosen: all it has
    assert candidate_text("C", "1 contact", "B", [], (), names).endswith("expertise: geen opgegeven")
    detail = candidate_detail_text("Comité", "0 contacten", "Bewoners", ["geld", "groen"], names)
    assert "Alle expertise volgens de casus: Betaalbaarheid, Natuur en groen." in detail
    assert invited_text("Bewoners", ["Betaalbaarheid"]) == "Bewoners · alle expertise volgens de casus: Betaalbaarheid"
