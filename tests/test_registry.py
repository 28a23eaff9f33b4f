"""Registry completeness: every Table 3 code plus FUN-1 and ESCA, described in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from data.kinds import KINDS
from indicators.record import DATA_CLASSES, RECIPIENTS
from indicators.registry import (
    BUILT_IN_CODES,
    REGISTRY,
    TABLE3_CODES,
    UNITS,
    Indicator,
    Metric,
    register,
)

GOLDEN = Path(__file__).with_name("test_indicators_golden.py").read_text(encoding="utf-8")
KIND_NAMES = set(KINDS)

EXPECTED_TABLE3 = {
    "REG-1": "Laadukkaat palvelut kansalaisille",
    "REG-2": "Markkinoiden ja teollisuuden uudistuminen",
    "REG-3": "Työpaikat alueella",
    "REG-4": "Tutkimustulosten kohdistuminen yritysten ja alueen haasteisiin",
    "REG-5": "Uusien toimijoiden ja investointien houkuttelu alueelle",
    "ORG-1": "Sitoutuneet toimijat",
    "ORG-2": "Yritysten ja julkisen sektorin TKI-investoinnit",
    "ORG-3": "EU-rahoituksen lisääntyminen",
    "ORG-4": "Yhteistyön määrä (osallistuminen toimintaan)",
    "ORG-5": "Yhteistyön laatu",
    "RDI-1": "Tutkimuksen korkea taso",
    "RDI-2": "Tutkimusinfrastruktuurin avaaminen ja yhteiskehittäminen",
    "COM-1": "Uudet kumppanuudet",
    "COM-2": "Uudet tuotteet ja palvelut",
    "COM-3": "Yritysten uudet strategiat",
    "COM-4": "Uusien kansainvälisten arvoverkkojen syntyminen",
    "COM-5": "Ulkomaiset investoinnit yrityksiin",
    "PUB-1": "Osaamisen kasvu",
    "PUB-2": "Kaupungin tarpeisiin vastaava tutkimus",
    "PUB-3": "Tiedon jakaminen",
    "PUB-4": "Brändin vahvistaminen",
}


def test_all_table3_codes_plus_funding_and_esca():
    assert set(TABLE3_CODES) == set(EXPECTED_TABLE3)
    assert set(BUILT_IN_CODES) <= set(REGISTRY)
    assert {"FUN-1", "ESCA"} <= set(REGISTRY)
    for code, name in EXPECTED_TABLE3.items():
        assert REGISTRY[code].name_fi == name


@pytest.mark.parametrize("code", BUILT_IN_CODES)
def test_entry_is_complete(code):
    ind = REGISTRY[code]
    assert ind.code == code
    assert ind.recipient in RECIPIENTS and ind.data_class in DATA_CLASSES
    for text in (
        ind.name_fi,
        ind.name_en,
        ind.description_fi,
        ind.description_en,
        ind.caveat_fi,
        ind.caveat_en,
    ):
        assert text.strip()
    assert ind.name_fi != ind.name_en and ind.caveat_fi != ind.caveat_en
    assert ind.tables and all(t.startswith("v_") or t == "survey_item" for t in ind.tables)
    assert ind.metrics and any(not m.is_family for m in ind.metrics)  # a record every year
    for metric in ind.metrics:
        assert metric.unit in UNITS and metric.label_fi and metric.label_en
        assert metric.inputs and set(metric.inputs) <= KIND_NAMES
    assert "$cluster_id" in ind.sql and "$first" in ind.sql and "$last" in ind.sql


@pytest.mark.parametrize("code", BUILT_IN_CODES)
def test_code_has_a_golden_test(code):
    assert re.search(rf'\("{re.escape(code)}", ', GOLDEN), code


def test_cookbook_caveats_are_present():
    assert "alaraja" in REGISTRY["COM-1"].caveat_fi.lower()
    assert "lower bound" in REGISTRY["COM-1"].caveat_en.lower()
    assert "not a goal of its own" in REGISTRY["ORG-1"].caveat_en
    assert "context, not attributable" in REGISTRY["REG-3"].caveat_en
    assert "response rate" in REGISTRY["ORG-5"].caveat_en
    assert "Activity is not impact" in REGISTRY["ORG-4"].caveat_en
    assert "several years" in REGISTRY["COM-2"].caveat_en


def test_funding_reference_is_20_30_50():
    assert REGISTRY["FUN-1"].references == {
        "share_public_long_term": 0.2,
        "share_members": 0.3,
        "share_projects": 0.5,
    }


def test_family_metric_lookup():
    org4 = REGISTRY["ORG-4"]
    assert org4.metric("participating_orgs_by_type.rdi").name == "participating_orgs_by_type.*"
    assert org4.metric("participating_orgs").name == "participating_orgs"
    assert REGISTRY["ORG-5"].metric("mean.A6").min_n == 5


def test_register_rejects_unknown_shapes():
    base = REGISTRY["REG-3"]
    bad_unit = Metric("x", "parsecs", ("members",), "x", "x")
    with pytest.raises(ValueError):
        register(Indicator(**{**base.__dict__, "code": "X-1", "metrics": (bad_unit,)}))
    with pytest.raises(ValueError):
        register(Indicator(**{**base.__dict__, "code": "X-1", "recipient": "martians"}))
    assert "X-1" not in REGISTRY
