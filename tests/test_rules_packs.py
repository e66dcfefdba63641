"""Rules packs (issue 12 §2): the rules in force, their version, caches following a pack."""
from __future__ import annotations

import copy

import pytest

from kemensos_desk.core import rules
from kemensos_desk.services.spm import reference


@pytest.fixture(autouse=True)
def _built_in_rules():
    rules.install(None)
    yield
    rules.install(None)


def _pack(version: str, **changes) -> rules.RuleSet:
    files = copy.deepcopy(rules.built_in().files)
    for name, edit in changes.items():
        edit(files[name])
    return rules.RuleSet(version, "2026-12-01", "Uji.", rules.SOURCE_MINISTRY, files)


def test_versions_compare_as_numbers():
    assert rules.newer("2026.10", "2026.2")
    assert rules.newer("2026.2", "2026.1")
    assert not rules.newer("2026.1", "2026.1")
    assert rules.newer("2027.1", "2026.99")
    with pytest.raises(ValueError):
        rules.version_key("2026.x")


def test_built_in_rules_name_every_rule_file():
    assert set(rules.rule_files()) == {"spm_services", "dekon", "kecamatan_retired", "ministry"}
    assert rules.in_force().source == "built-in"
    assert rules.reference("roles.json")["roles"]  # not a rule: always from the release


def test_a_newer_pack_is_in_force_and_caches_follow():
    before = reference.load().bands[0].name
    newer = "9999.1"

    def rename(data):
        data["bands"][0]["name"] = "Paripurna Uji"

    rules.install(_pack(newer, spm_services=rename))
    assert rules.version() == newer and rules.in_force().source == "ministry"
    assert reference.load().bands[0].name == "Paripurna Uji"
    rules.install(None)
    assert reference.load().bands[0].name == before


def test_an_older_pack_never_downgrades_the_built_in_rules():
    def rename(data):
        data["bands"][0]["name"] = "Lama"

    rules.install(_pack("2000.1", spm_services=rename))
    assert rules.in_force().source == "built-in"
    assert reference.load().bands[0].name != "Lama"
