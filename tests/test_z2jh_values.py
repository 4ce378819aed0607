"""deploy/z2jh/values.yaml: what Zero to JupyterHub gets, checked against the chart's rules.

The chart validates values against ``jupyterhub/values.schema.yaml`` (jupyterhub/zero-to-
jupyterhub-k8s). ``CHART_RULES`` below restates, for every key this file uses, what that
schema allows (read at commit 02dd73df01bdbb6d602fed21b0be12565ab38080): objects that admit
no unknown keys and the types of values, so a misspelt key or a wrong type fails here and
not at ``helm upgrade``. The file is also checked against all of the chart's own schema
(``values.schema.json`` of chart 4.3.3, the version the README pins), read from
``../shared/reference/z2jh-4.3.3/`` beside the checkout or from ``VERBINDING_Z2JH_SCHEMA``
(``helm pull jupyterhub/jupyterhub --version 4.3.3 --untar``: ``jupyterhub/values.schema.json``).
Its ``required`` keys come from the chart's defaults, so they are not asked of this file.
Without the schema the check skips, except in CI (``CI=true``) where it fails.
"""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from verbinding import hub

ROOT = Path(__file__).resolve().parents[1]
VALUES = yaml.safe_load((ROOT / "deploy" / "z2jh" / "values.yaml").read_text(encoding="utf-8"))


def _closed(**properties) -> dict:
    return {"type": "object", "additionalProperties": False, "properties": properties}


_NULLABLE_INT = {"type": ["integer", "null"]}
CHART_RULES = _closed(
    hub=_closed(
        config={"type": "object", "additionalProperties": True},
        extraConfig={"type": "object", "additionalProperties": True},
    ),
    singleuser=_closed(
        image={"type": "object", "additionalProperties": False, "required": ["name", "tag"],
               "properties": {"name": {"type": "string"}, "tag": {"type": "string"}}},
        cmd={"type": ["array", "string", "null"]},
        defaultUrl={"type": ["string", "null"]},
        startTimeout=_NULLABLE_INT,
        storage={"type": "object", "additionalProperties": False, "required": ["type", "homeMountPath"],
                 "properties": {"type": {"enum": ["dynamic", "static", "none"]},
                                "capacity": {"type": ["string", "null"]},
                                "homeMountPath": {"type": "string"}}},
        memory=_closed(limit={"type": ["number", "string", "null"]},
                       guarantee={"type": ["number", "string", "null"]}),
        cpu=_closed(limit={"type": ["number", "null"]}, guarantee={"type": ["number", "null"]}),
    ),
    cull={**_closed(enabled={"type": "boolean"}, users={"type": ["boolean", "null"]},
                    timeout=_NULLABLE_INT, every=_NULLABLE_INT), "required": ["enabled"]},
)


def test_values_follow_the_charts_rules():
    jsonschema.validate(VALUES, CHART_RULES)


CHART_SCHEMA = ROOT.parent / "shared" / "reference" / "z2jh-4.3.3" / "values.schema.json"


def chart_schema_path() -> Path:
    """The chart's schema: ``VERBINDING_Z2JH_SCHEMA``, else the shared copy beside the checkout."""
    path = Path(os.environ.get("VERBINDING_Z2JH_SCHEMA") or CHART_SCHEMA)
    if not path.is_file():
        message = f"the chart's schema is missing at {path} (set VERBINDING_Z2JH_SCHEMA)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_values_follow_the_whole_chart_schema():
    path = chart_schema_path()
    text = path.read_text(encoding="utf-8")
    schema = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    base = jsonschema.validators.validator_for(schema)
    without_required = jsonschema.validators.extend(base, {"required": lambda *args: iter(())})
    without_required(schema).validate(VALUES)


def test_the_whole_chart_schema_catches_a_misspelt_key():
    """The full check can fail: a key the chart does not know is refused."""
    schema = json.loads(chart_schema_path().read_text(encoding="utf-8"))
    broken = {**VALUES, "singleuser": {**VALUES["singleuser"], "memmory": {"limit": "1G"}}}
    with pytest.raises(jsonschema.ValidationError, match="memmory"):
        jsonschema.validators.validator_for(schema)(schema).validate(broken)


def _bytes(size: str) -> int:
    units = {"K": 10**3, "M": 10**6, "G": 10**9}
    return int(float(size[:-1]) * units[size[-1]])


def test_learners_open_the_course_and_trainers_the_class_overview():
    single = VALUES["singleuser"]
    assert single["defaultUrl"] == hub.COURSE_URL
    notebook_dir = Path(VALUES["hub"]["config"]["KubeSpawner"]["notebook_dir"])
    assert notebook_dir.name == "course", "the image's course folder is served, as by `verbinding hub`"
    assert single["storage"]["homeMountPath"] not in str(notebook_dir), "the home disk would hide the course"
    config = VALUES["hub"]["extraConfig"]["verbinding.py"]
    compile(config, "verbinding.py", "exec")
    assignments = {node.targets[0].id: ast.literal_eval(node.value) for node in ast.parse(config).body
                   if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
                   and isinstance(node.value, (ast.List, ast.Constant))}
    assert tuple(assignments["LEARNER_OFF"]) == hub.LEARNER_OFF
    assert assignments["TRAINER_URL"] == hub.TRAINER_URL
    assert VALUES["hub"]["config"]["Authenticator"]["allow_all"] is True
    # Trainer material for admins only (verbinding.trainer_access reads the role).
    assert 'spawner.environment["VERBINDING_ROL"] = "trainer" if spawner.user.admin else "deelnemer"' in config


def test_learner_servers_are_culled_and_sized_from_the_measured_figures():
    assert VALUES["cull"]["enabled"] and VALUES["cull"]["timeout"] <= 4 * 3600
    memory = VALUES["singleuser"]["memory"]
    # Measured: a learner's server with the course open (server + kernel) stays under 450 MB.
    assert _bytes(memory["guarantee"]) >= 450 * 10**6
    assert _bytes(memory["limit"]) > _bytes(memory["guarantee"])


def test_kubernetes_learners_get_the_limits_of_verbinding_hub():
    """The same kernel cap, idle time and memory per learner as `verbinding hub`."""
    memory = VALUES["singleuser"]["memory"]
    assert _bytes(memory["limit"]) == hub.MEMORY_MB * 10**6
    config = VALUES["hub"]["extraConfig"]["verbinding.py"]
    namespace = {"c": type("C", (), {"KubeSpawner": type("K", (), {})()})()}
    exec(compile(config, "verbinding.py", "exec"), namespace)  # our own file
    for admin in (False, True):
        spawner = type("S", (), {"args": [], "default_url": "", "environment": {},
                                 "user": type("U", (), {"admin": admin})()})()
        namespace["verbinding_pre_spawn_hook"](spawner)
        assert "--MappingKernelManager.cull_connected=True" in spawner.args
        assert f"--MappingKernelManager.cull_idle_timeout={hub.IDLE_MINUTES * 60}" in spawner.args
        capped = f"--CappedKernelManager.max_kernels={hub.MAX_KERNELS}" in spawner.args
        assert capped != admin, "learners are capped, the trainer is not"
