"""Three-way merge of a module's state: per item and per field, order kept, nothing lost."""

from __future__ import annotations

from verbinding.merge import MISSING, get_at, identity, merge_states, set_at


def party(pid: str, name: str, reasoning: str = "", weight: str = "") -> dict:
    return {"id": pid, "name": name, "reasoning": reasoning, "weight": weight}


BASE = {"interests": [party("a", "Gemeente"), party("b", "Blauwe Wilg"), party("c", "Zorgcoop"),
                      party("d", "Huurders"), party("e", "Taxibedrijf")]}


def names(state: dict) -> list[str]:
    return [p["name"] for p in state["interests"]]


def test_edits_of_different_items_both_land_and_order_stays():
    mine = {"interests": [dict(p) for p in BASE["interests"]]}
    theirs = {"interests": [dict(p) for p in BASE["interests"]]}
    mine["interests"][1]["reasoning"] = "Vervoer naar de huisarts regelen."
    theirs["interests"][4]["reasoning"] = "Ritten in de avond."
    merged, conflicts = merge_states(BASE, theirs, mine)
    assert names(merged) == names(BASE)
    assert merged["interests"][1]["reasoning"] == "Vervoer naar de huisarts regelen."
    assert merged["interests"][1]["name"] == "Blauwe Wilg"
    assert merged["interests"][4]["reasoning"] == "Ritten in de avond."
    assert conflicts == []


def test_different_fields_of_one_item_both_land():
    mine = {"interests": [party("a", "Gemeente", reasoning="Zij betalen.")]}
    theirs = {"interests": [party("a", "Gemeente", weight="zwaar")]}
    merged, conflicts = merge_states({"interests": [party("a", "Gemeente")]}, theirs, mine)
    assert merged["interests"] == [party("a", "Gemeente", reasoning="Zij betalen.", weight="zwaar")]
    assert conflicts == []


def test_same_field_of_same_item_keeps_mine_and_records_theirs_with_its_path():
    mine = {"interests": [party("b", "Blauwe Wilg", reasoning="Mijn reden.")]}
    theirs = {"interests": [party("b", "Blauwe Wilg", reasoning="Andere reden.")]}
    merged, conflicts = merge_states({"interests": [party("b", "Blauwe Wilg")]}, theirs, mine)
    assert merged["interests"][0]["reasoning"] == "Mijn reden."
    assert [(c.path, c.other) for c in conflicts] == [(("interests", "id:b", "reasoning"), "Andere reden.")]
    assert get_at(merged, conflicts[0].path) == "Mijn reden."


def test_adds_and_removes_on_both_sides_are_kept_in_my_order():
    mine = {"interests": [party("e", "Taxibedrijf"), party("a", "Gemeente"), party("c", "Zorgcoop"),
                          party("d", "Huurders"), party("x", "Mijn nieuwe")]}  # b removed, e moved up
    theirs = {"interests": [party("a", "Gemeente"), party("b", "Blauwe Wilg"), party("e", "Taxibedrijf"),
                            party("y", "Hun nieuwe"), party("z", "Nog een")]}  # c, d removed
    merged, conflicts = merge_states(BASE, theirs, mine)
    assert names(merged) == ["Taxibedrijf", "Gemeente", "Mijn nieuwe", "Hun nieuwe", "Nog een"]
    assert conflicts == []


def test_an_item_removed_on_one_side_but_edited_on_the_other_is_kept():
    mine = {"interests": [party("a", "Gemeente")]}  # b removed here
    theirs = {"interests": [party("a", "Gemeente"), party("b", "Blauwe Wilg", reasoning="Nieuw woord.")]}
    merged, _ = merge_states({"interests": [party("a", "Gemeente"), party("b", "Blauwe Wilg")]}, theirs, mine)
    assert merged["interests"][1]["reasoning"] == "Nieuw woord."


def test_three_tabs_each_editing_a_different_party():
    tabs = []
    for index, text in ((0, "Een"), (2, "Drie"), (4, "Vijf")):
        state = {"interests": [dict(p) for p in BASE["interests"]]}
        state["interests"][index]["reasoning"] = text
        tabs.append(state)
    first, c1 = merge_states(BASE, tabs[0], tabs[1])
    second, c2 = merge_states(BASE, first, tabs[2])
    assert [p["reasoning"] for p in second["interests"]] == ["Een", "", "Drie", "", "Vijf"]
    assert names(second) == names(BASE) and c1 == c2 == []


def test_plain_strings_merge_as_a_set_with_duplicates_counted():
    merged, conflicts = merge_states({"tags": ["a", "a"]}, {"tags": ["a", "a", "b"]}, {"tags": ["a"]})
    assert merged == {"tags": ["a", "b"]} and conflicts == []


def test_links_and_invitations_have_identity_without_an_id_field():
    assert identity({"dimension_id": "d1", "stakeholder_id": "s1", "expertise": 2}) == "link:d1|s1"
    assert identity({"org_id": "o7", "reason": "x"}) == "org_id:o7"
    assert identity({"text": "x"}) == identity({"text": "x"})  # old items: deterministic


def test_set_at_puts_back_one_field_only():
    state = {"interests": [party("a", "Gemeente", reasoning="later getypt", weight="zwaar"),
                           party("b", "Blauwe Wilg", reasoning="deze tab")],
             "draft": "later getypt"}
    assert set_at(state, ("interests", "id:b", "reasoning"), "andere tab")
    assert state == {"interests": [party("a", "Gemeente", reasoning="later getypt", weight="zwaar"),
                                   party("b", "Blauwe Wilg", reasoning="andere tab")],
                     "draft": "later getypt"}
    assert get_at(state, ("interests", "id:zz", "reasoning")) is MISSING
