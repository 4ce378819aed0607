"""Module 6 'Echte agenda's': shipped data, keyword suggestions, register, limits, export."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest
from _markdown import has_markup

from verbinding.document import Table, to_markdown
from verbinding.modules import echte_agendas as agendas
from verbinding.modules.echte_agendas import (
    AgendaDataError,
    AgendaRegister,
    KeywordMatcher,
    export_blocks,
    load_period,
    suggest_types,
    unknown_type_id,
)
from verbinding.texts import t


@pytest.fixture(scope="module")
def rutte4():
    return load_period("rutteIV")


def entry_with(agenda, activity: str) -> pd.Series:
    rows = agenda.entries[agenda.entries["activity"] == activity]
    assert len(rows) >= 1, activity
    return rows.iloc[0]


# ----- the shipped copy --------------------------------------------------------------------


def test_shipped_copy_is_complete_and_documented():
    folder = agendas.data_dir()
    with gzip.open(folder / "agendas_rutteIV.csv.gz", "rt", encoding="utf-8") as handle:
        rows = pd.read_csv(handle)
    assert len(rows) == 6858
    assert list(rows.columns) == list(agendas.AGENDA_COLUMNS)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for must in ("Integrity Watch NL", "Transparency International Nederland", "rijksoverheid.nl",
                 "3ea4ca68ea063a2eaa44eaf7ce54bd6ffcbc7e2c", "Toegang is geen", "insider"):
        assert must in readme
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert size < 1_000_000, "the shipped copy stays small"


def test_every_entry_has_a_unique_stable_id(rutte4):
    ids = rutte4.entries["entry_id"]
    assert ids.is_unique and len(ids) == 6858
    load_period.cache_clear()
    again = load_period("rutteIV")
    assert list(again.entries["entry_id"]) == list(ids)


# ----- keyword rules -------------------------------------------------------------------------


def test_keywords_match_whole_words_prefixes_and_capitals():
    matcher = KeywordMatcher([["gemeente"], ["provincie*"], ["ING"], ["president"]])
    assert matcher.first("Gesprek met de gemeente Utrecht") == (0, "gemeente")
    assert matcher.first("Bezoek aan het gemeentehuis") is None  # whole word only
    assert matcher.first("Overleg met provincies") == (1, "provincies")  # * = prefix
    assert matcher.first("Gesprek met ING") == (2, "ING")
    assert matcher.first("Ingezetenen en ingenieurs") is None  # ALL CAPS = case-sensitive
    assert matcher.first("Minister-president Rutte spreekt") is None  # hyphen belongs to the word
    assert matcher.first("Gesprek met president Zelensky") == (3, "president")


def test_first_rule_in_file_order_wins_whatever_the_position():
    matcher = KeywordMatcher([["vakbond*"], ["werkgevers"]])
    assert matcher.first("Overleg met werkgevers en vakbonden")[0] == 0


def test_suggestions_on_real_entries(rutte4):
    expect = {
        "Gesprek met de CEO en Managing Director van Tata Steel": "bedrijf",
        "Gesprek met de wethouder stedelijke ontwikkeling van de gemeente Maastricht": "mede_overheid",
        "Kennismaking met Commissie van Financiën Eerste Kamer": "politiek",
        "Gesprek met Poolse minister van Klimaat en Milieu over het klimaat": "buitenland",
        "Gesprek met Belangenvereniging Tankstations": "branche",
        "Kennismaking met Sociaal Werk Nederland": "branche",
    }
    for activity, type_id in expect.items():
        assert entry_with(rutte4, activity)["suggested"] == type_id, activity
    row = entry_with(rutte4, "Gesprek met de CEO en Managing Director van Tata Steel")
    assert row["keyword"] in {"CEO", "Tata Steel"}


def test_agenda_type_is_a_fallback_only():
    texts = pd.Series(["Bijeenkomst in Brussel", "Bijeenkomst met VNO-NCW"])
    types = pd.Series(["Internationale bijeenkomst", "Internationale bijeenkomst"])
    result = suggest_types(texts, types, agendas.load_rules())
    assert list(result["suggested"]) == ["buitenland", "branche"]
    assert list(result["by_type"]) == [True, False]


def test_bad_rules_edit_gives_a_dutch_message(monkeypatch):
    real = agendas.rules.tlist

    def fake(key):
        if key == "agendas.org_types":
            return [{"id": "bedrijf", "label": "Bedrijf", "keywords": ["bv"]},
                    {"id": "bedrijf", "label": "Dubbel", "keywords": ["nv"]}]
        return real(key)

    monkeypatch.setattr(agendas.rules, "tlist", fake)
    with pytest.raises(AgendaDataError, match="twee keer"):
        agendas.load_rules()

    monkeypatch.setattr(agendas.rules, "tlist", lambda key: [{"id": "x", "label": "X"}] if key == "agendas.org_types" else real(key))
    with pytest.raises(AgendaDataError, match="keywords"):
        agendas.load_rules()


# ----- people and ministries -----------------------------------------------------------------


def test_spelling_variants_and_missing_people_are_matched(rutte4):
    people = rutte4.people_of()
    assert "Robert Dijkgraaf" in people and "Robbert Dijkgraaf" not in people
    assert not any("Yeşilgöz" in p for p in people), "accent variants merge into one person"
    assert "Piet Adema" in rutte4.people_of("Landbouw, Natuur en Voedselkwaliteit")
    assert rutte4.people_of("Financiën") == ["Aukje de Vries", "Marnix van Rij", "Sigrid Kaag"]


def test_missing_person_is_taken_from_the_subtitle(rutte4):
    row = entry_with(rutte4, "Werkbezoek aan Christelijk Lyceum Zandvliet")
    assert row["person_missing"]
    assert row["people"] == "Dennis Wiersma"


def test_ministry_follows_the_role_on_that_date():
    agenda = load_period("rutteIII")
    only_kaag = agenda.entries[agenda.entries["people"] == "Sigrid Kaag"]
    assert only_kaag["date"].min() < pd.Timestamp("2021-01-20") < only_kaag["date"].max()
    kaag = only_kaag["entry_id"]
    minis = agenda.entry_ministries[agenda.entry_ministries["entry_id"].isin(kaag)]
    dates = agenda.entries.loc[minis["entry_id"], "date"].to_numpy()
    early = minis[(dates < pd.Timestamp("2021-01-20"))]
    assert len(early) > 0
    assert set(early["ministry"]) == {"Buitenlandse Handel en Ontwikkelingssamenwerking"}
    late = minis[(dates > pd.Timestamp("2021-02-01"))]
    assert set(late["ministry"]) == {"Buitenlandse Zaken"}


def test_filters_select_the_right_entries(rutte4):
    register = AgendaRegister(ministry="Financiën")
    entries = register.entries()
    assert len(entries) > 0
    names = {"Sigrid Kaag", "Aukje de Vries", "Marnix van Rij"}
    assert all(any(n in people for n in names) for people in entries["people"])
    assert not entries["excluded"].any(), "Ministerraad, Kamervergadering, weekly agendas left out"
    register.select(person="Marnix van Rij")
    assert all("Marnix van Rij" in p for p in register.entries()["people"])
    assert len(register.entries()) < len(entries)
    register.select(person="Mark Rutte")  # not of this ministry: dropped
    assert register.person == ""
    register.select(period="rutteIII")
    assert (register.ministry, register.person) == ("", "")


# ----- the register ----------------------------------------------------------------------------


def test_corrections_change_the_distribution_by_exactly_one():
    register = AgendaRegister(person="Rob Jetten")
    before = register.distribution().set_index("type_id")["count"]
    entry = register.entries().iloc[0]
    target = "vakbond" if entry["suggested"] != "vakbond" else "media"
    register.set_correction(entry["entry_id"], target)
    after = register.distribution().set_index("type_id")["count"]
    assert after.get(target, 0) == before.get(target, 0) + 1
    assert after.get(entry["suggested"], 0) == before.get(entry["suggested"], 0) - 1
    assert after.sum() == before.sum()
    assert register.entries().loc[entry["entry_id"], "corrected"]
    register.set_correction(entry["entry_id"], entry["suggested"])  # back to the suggestion
    assert register.corrections == {}
    with pytest.raises(ValueError):
        register.set_correction(entry["entry_id"], "insider")


def test_distribution_is_aggregated_and_consistent():
    register = AgendaRegister()
    dist = register.distribution()
    assert dist["count"].sum() == len(register.entries())
    assert abs(dist["share"].sum() - 1) < 1e-9
    assert len(dist) <= len(agendas.type_labels())
    values = register.chart()["data"]["values"]
    assert len(values) == len(dist)


def test_chart_renders_offline_to_svg():
    from _charts import chart_svg

    svg = chart_svg(AgendaRegister(person="Hugo de Jonge").chart())
    assert svg.startswith("<svg")


def test_summary_names_the_largest_group_and_the_caveat():
    register = AgendaRegister(ministry="Defensie")
    dist = register.distribution().sort_values("count", ascending=False)
    text = register.summary()
    assert dist.iloc[0]["label"] in text and str(int(dist["count"].sum())) in text
    assert t("common.access_caveat") in text


def test_summary_never_calls_no_organisation_the_largest_group_and_counts_in_dutch():
    # seen in the walk (Conny Helder): "De grootste groep is Geen organisatie te herkennen
    # met 79 (51%)", "Je hebt 1 voorstellen aangepast", "Bij 1 contactmomenten (1%)"
    register = AgendaRegister(person="Conny Helder")
    dist = register.distribution()
    unknown = unknown_type_id()
    assert dist.sort_values("count", ascending=False).iloc[0]["type_id"] == unknown  # the case seen
    first = register.entries().index[0]
    register.set_correction(first, "media" if register.entries().loc[first, "org_type"] != "media" else "overig")
    text = register.summary()
    label = dist.loc[dist["type_id"] == unknown, "label"].iloc[0]
    assert f"De grootste groep is {label}" not in text and "De grootste herkende groep is " in text
    assert "Bij " in text and "is geen organisatie te herkennen." in text
    assert "Je hebt 1 voorstel aangepast." in text
    one = t("agendas.limits.no_type_one", count="1", share="1%")
    assert one.startswith("Bij 1 contactmoment (1%) staat")
    lines = register.limit_texts()
    assert not any(line.startswith("Bij 1 contactmomenten") or line.startswith("1 contactmomenten") for line in lines)


def test_limits_are_computed_from_the_selection():
    register = AgendaRegister(ministry="Infrastructuur en Waterstaat")
    frame = register.entries()
    figures = register.limits()
    unknown = unknown_type_id()
    assert figures["total"] == len(frame)
    assert figures["no_org"] == (frame["suggested"] == unknown).sum() > 0
    assert figures["title_only"] == (frame["subtitle"] == "").sum()
    first_unknown = frame[frame["suggested"] == unknown].index[0]
    register.set_correction(first_unknown, "bedrijf")
    assert register.limits()["no_org_remaining"] == figures["no_org"] - 1
    assert register.limits()["no_org"] == figures["no_org"], "the data's own gap stays visible"
    texts = register.limit_texts()
    assert any(str(figures["no_org"]) in line for line in texts)
    assert t("common.access_caveat") in texts


def test_no_real_organisation_is_called_an_insider():
    register = AgendaRegister()
    words = " ".join(register.limit_texts() + [register.summary()] + list(agendas.type_labels().values()))
    assert "insider" not in register.summary().lower()
    assert "nog geen 'insider'" in words  # the only mention says it is NOT a label


def test_state_round_trip_and_tolerance():
    register = AgendaRegister(period="rutteIV", ministry="Defensie")
    entry_id = register.entries().index[0]
    register.set_correction(entry_id, "overig")
    register.reflection = "Veel <b>algemene</b> punten"
    state = register.to_dict()
    again = AgendaRegister.from_dict(state)
    assert (again.period, again.ministry, again.corrections, again.reflection) == (
        "rutteIV", "Defensie", {entry_id: "overig"}, "Veel <b>algemene</b> punten")
    assert again.distribution().equals(register.distribution())
    for junk in (None, {}, {"period": 7, "corrections": ["x"], "reflection": None},
                 {"period": "rutteX", "ministry": "Nergens"}, {"corrections": {"a": 3}}):
        loaded = AgendaRegister.from_dict(junk)
        loaded.select(ministry=loaded.ministry)
        assert loaded.period == "rutteIV" and loaded.ministry == ""
        assert isinstance(loaded.distribution(), pd.DataFrame)


def test_a_stale_correction_for_an_unknown_type_is_ignored():
    register = AgendaRegister(ministry="Defensie")
    entry_id = register.entries().index[0]
    register.corrections[entry_id] = "verdwenen_soort"  # a trainer removed this type
    assert register.entries().loc[entry_id, "org_type"] == register.entries().loc[entry_id, "suggested"]


# ----- export ---------------------------------------------------------------------------------


def test_export_blocks_show_counts_corrections_reflection_and_source():
    register = AgendaRegister(person="Conny Helder")
    entry_id = register.entries().index[0]
    register.set_correction(entry_id, "overig")
    register.reflection = "<script>alert(1)</script> *vet*"
    blocks = export_blocks(register.to_dict())
    tables = [b for b in blocks if isinstance(b, Table)]
    counts = {row[0]: int(row[1]) for row in tables[0].rows}
    assert counts == dict(zip(register.distribution()["label"], register.distribution()["count"]))
    assert len(tables[1].rows) == 1 and tables[1].rows[0][3] == agendas.type_labels()["overig"]
    markdown = to_markdown(blocks)
    assert not has_markup(markdown) and "Integrity Watch NL" in markdown
    assert "toegang is geen invloed" in markdown


def test_export_of_an_empty_or_old_state_does_not_fail():
    for state in ({}, {"reflection": "alleen tekst"}, {"snapshot": "kapot"}, {"snapshot": {"counts": [1, None]}}):
        markdown = to_markdown(export_blocks(state))
        assert markdown.strip()


def test_whole_workbook_export_includes_the_module(data_home):
    from verbinding.export import workbook_docx, workbook_markdown
    from verbinding.workbook import Workbook

    workbook = Workbook.open("agenda-test")
    register = AgendaRegister(ministry="Defensie")
    workbook.set_module("echte_agendas", register.to_dict())
    assert t("common.modules.echte_agendas.title").split(":")[0] in workbook_markdown(workbook).replace("\\", "")
    assert workbook_docx(workbook)[:2] == b"PK"


# ----- speed ---------------------------------------------------------------------------------


def test_suggestions_are_cached_on_disk_and_in_memory(data_home, monkeypatch):
    import verbinding.modules.echte_agendas.data as agendas_module

    load_period.cache_clear()
    first = load_period("rutteIV")
    assert list((data_home / "cache").glob("agendas-rutteIV-*.csv"))
    assert load_period("rutteIV") is first  # same kernel: from memory
    load_period.cache_clear()

    def no_rules(*args, **kwargs):
        raise AssertionError("suggestions recomputed although the disk cache is valid")

    monkeypatch.setattr(agendas_module, "suggest_types", no_rules)
    again = load_period("rutteIV")  # a fresh kernel: from the disk cache
    assert again.entries["suggested"].equals(first.entries["suggested"])


def test_a_broken_disk_cache_is_rebuilt(data_home):
    load_period.cache_clear()
    first = load_period("rutteIV").entries["suggested"].copy()
    for path in (data_home / "cache").glob("*.csv"):
        path.write_text("kapot,bestand\n1,2\n", encoding="utf-8")
    load_period.cache_clear()
    assert load_period("rutteIV").entries["suggested"].equals(first)


def test_missing_values_in_the_source_are_shown_as_empty_not_as_na():
    agenda = load_period("rutteIV")
    for frame in (agenda.entries, agenda.entry_people, agenda.people):
        assert int((frame.astype(str) == "NA").sum().sum()) == 0


def test_reflection_feedback_and_is_complete():
    assert agendas.reflection_feedback("") == t("agendas.reflection.empty")
    assert agendas.reflection_feedback("Weinig te zien.") == t("agendas.reflection.short")
    long = ("De agenda's laten zien wie een minister sprak, maar niet wat er besproken is of "
            "wie via ambtenaren toegang had.")
    assert agendas.reflection_feedback(long) == t("agendas.reflection.ok")
    assert not agendas.is_complete({}) and not agendas.is_complete(None)
    register = AgendaRegister(period="rutteIV", ministry="Defensie")
    register.set_correction(register.entries().index[0], "overig")
    register.reflection = long
    state = register.to_dict()
    assert agendas.is_complete(state)
    assert not agendas.is_complete({**state, "reflection": "Kort."})
    assert not agendas.is_complete({**state, "corrections": {}})
    assert not agendas.is_complete({**state, "ministry": ""})


def test_countries_of_the_kingdom_are_not_a_dutch_government():
    """Walk finding: Aruba, Curaçao and Sint Maarten were 'Andere Nederlandse overheid
    (gemeente, provincie, waterschap)'; they are autonomous countries within the Kingdom."""
    rules = agendas.load_rules()
    labels = {r.id: r.label for r in rules}
    texts = pd.Series(["Gesprek met de minister-president van Aruba", "Overleg met de regering van Curaçao",
                       "Bezoek aan Sint Maarten", "Gesprek met de gezaghebber van Bonaire",
                       "Gesprek met de gemeente Utrecht"])
    result = suggest_types(texts, pd.Series([""] * len(texts)), rules)
    assert list(result["suggested"]) == ["buitenland", "buitenland", "buitenland", "mede_overheid", "mede_overheid"]
    assert "Koninkrijk" in labels["buitenland"]
    assert not any(name in labels["mede_overheid"] for name in ("Aruba", "Curaçao", "Sint Maarten"))
