"""One count of a map's 'aandachtspunten' in modules 2, 5 and 7.

A learner's walk: module 2 said "Je kaart heeft 7 aandachtspunten" while modules 5 and 7
said the course found "gaten ... (aantal: 12)": module 2 counted its rules on the map as
it is, the later modules counted the list of gaps saved with the map (as old as its last
save), and the two named the count differently."""

from __future__ import annotations

from verbinding.modules.afronding import course_path
from verbinding.modules.eigen_dossier import module_hints
from verbinding.modules.outreach import OutreachMap, attention_points


def _map() -> OutreachMap:
    m = OutreachMap()
    water = m.add_dimension("Water", "overstromingen")
    m.add_dimension("Hitte", "ouderen")
    m.add_dimension("Natuur", "groen")
    koepel = m.add_stakeholder("Koepel Water", org_id="o1", type="ngo", type_label="Ngo")
    m.set_link(water.id, koepel.id, expertise=3, support=3)
    return m


def _stale_state() -> dict:
    state = _map().to_dict()
    state["gaps"] = state["gaps"] * 4  # saved with the map earlier, never the map as it is
    return state


def test_modules_2_5_and_7_give_one_count_with_one_name():
    state = _stale_state()
    live = OutreachMap.from_dict(state)
    n = len(live.gaps())
    assert len(state["gaps"]) != n
    assert attention_points(state) == n
    assert live.summary().startswith(f"Je kaart heeft {n} aandachtspunten")
    modules = {"outreach": state}
    dossier = " ".join(module_hints(modules)["dimensions"])
    assert f"aandachtspunten op je kaart, zoals gaten in expertise of draagvlak (aantal: {n})" in dossier
    route = " ".join(line for q in course_path(modules) for line in q.found)
    assert f"In module 2 vond de cursus aandachtspunten op je kaart, zoals gaten in expertise of draagvlak (aantal: {n})." in route
    assert f"(aantal: {len(state['gaps'])})" not in dossier + route


def test_the_count_uses_the_insiders_of_connection_as_module_2_does():
    state = _map().to_dict()
    connection = {"insiders": ["o1"]}
    with_insiders = OutreachMap.from_dict(state)
    with_insiders.insiders = ["o1"]
    assert attention_points(state, connection) == len(with_insiders.gaps()) == attention_points(state) + 1
    hints = " ".join(module_hints({"outreach": state, "connection": connection})["dimensions"])
    assert f"(aantal: {len(with_insiders.gaps())})" in hints


def test_an_empty_or_odd_map_has_no_points():
    assert attention_points({}) == 0 and attention_points(None) == 0 and attention_points({"gaps": [{"rule": "x"}]}) == 0
    assert "aantal" not in " ".join(module_hints({"outreach": {"gaps": [{"rule": "x"}]}}).get("dimensions", []))
