"""Registry completeness, one case per indicator: every entry names its recipient, data class,
names, description and caveat in both languages and its metrics with units and inputs; its SQL
parses (sqlglot, DuckDB dialect) and reads only the views its inputs allow; a golden
expectation exists for every metric; the documentation is generated from it and current."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
import sqlglot
from sqlglot import exp

from data.kinds import KINDS
from data.survey_catalogue import CATALOGUE
from indicators import builtin
from indicators.model import UNITS, Bi, Indicator, Metric, SurveyItems
from indicators.record import DATA_CLASSES, RECIPIENTS
from indicators.registry import Registry, built_in
from indicators.rules import rules_sql
from tests import test_indicators_golden as golden
from tools import indicator_docs

CODES = builtin.BUILT_IN_CODES
SQL_FILES = sorted(p.name for p in files("indicators.sql").iterdir() if p.name.endswith(".sql"))

# The cookbook's Table 3 names (DOMAIN 1.1), in its order.
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


def _views_allowed(kinds: tuple[str, ...]) -> set[str]:
    """The views a query may read for ``kinds``: each kind's view, the views of the tables its
    import writes, organisations where it names them, and the survey item catalogue."""
    views = set()
    for name in kinds:
        kind = KINDS[name]
        views |= {kind.view, *(f"v_{table.name}" for table in kind.tables)}
        if any(table.holds_orgs for table in kind.tables):
            views.add("v_org")
        if name == "survey":
            views.add("survey_item")
    return views


def _parsed(sql: str) -> exp.Expression:
    return sqlglot.parse_one(sql, dialect="duckdb")


def _reads(tree: exp.Expression) -> tuple[set[str], set[str]]:
    """(tables or views, table macros) a statement reads, its own CTEs left out."""
    ctes = {cte.alias for cte in tree.find_all(exp.CTE)}
    tables, calls = set(), set()
    for table in tree.find_all(exp.Table):
        if isinstance(table.this, exp.Anonymous):
            calls.add(table.this.name.lower())
        elif isinstance(table.this, exp.Identifier) and table.name and table.name not in ctes:
            tables.add(table.name)
    return tables, calls


def _macro_reads() -> dict[str, set[str]]:
    """The views each table macro of the shared rules reads, through other macros too."""
    direct: dict[str, tuple[set[str], set[str]]] = {}
    for statement in sqlglot.parse(rules_sql(), dialect="duckdb"):
        name = statement.this.this.name.lower()  # CREATE MACRO <name>(...) AS <body>
        tables, calls = _reads(statement.expression)
        direct[name] = (tables, calls)

    def expand(name: str) -> set[str]:
        tables, calls = direct.get(name, (set(), set()))
        return tables.union(*(expand(call) for call in calls if call != name))

    return {name: expand(name) for name in direct}


MACRO_READS = _macro_reads()


def test_table3_codes_plus_funding_outcomes_and_esca():
    assert {i.code: i.name.fi for i in builtin.BUILT_IN[:21]} == EXPECTED_TABLE3
    assert builtin.TABLE3_CODES == tuple(EXPECTED_TABLE3)
    assert CODES == (*EXPECTED_TABLE3, "FUN-1", "OUT-1", "ESCA")
    assert list(built_in()) == list(CODES)


@pytest.mark.parametrize("code", CODES)
def test_entry_describes_itself_in_both_languages(code: str) -> None:
    entry = built_in()[code]
    assert entry.recipient in RECIPIENTS and entry.data_class in DATA_CLASSES
    for text in (entry.name, entry.description, entry.caveat):
        assert text.fi.strip() and text.en.strip() and text.fi != text.en
    assert entry.specs and any(not m.is_family for m in entry.specs)  # a record every year
    for metric in entry.specs:
        assert metric.unit in UNITS, metric.name
        assert metric.label.fi and metric.label.en and metric.label.fi != metric.label.en
        assert metric.inputs and set(metric.inputs) <= set(KINDS), metric.name
    assert len({m.name for m in entry.specs}) == len(entry.specs)  # each metric named once


@pytest.mark.parametrize("code", CODES)
def test_caveat_carries_no_raw_codes(code: str) -> None:
    caveat = built_in()[code].caveat
    for text in (caveat.fi, caveat.en):
        assert not re.search(r"\bW\d+\b|\bCB:\d", text), text


@pytest.mark.parametrize("code", CODES)
def test_sql_parses_and_reads_only_the_views_its_inputs_allow(code: str) -> None:
    entry = built_in()[code]
    tables, calls = _reads(_parsed(entry.sql))
    assert calls <= set(MACRO_READS), calls - set(MACRO_READS)
    read = tables.union(*(MACRO_READS[call] for call in calls))
    assert read, "reads no view"
    allowed = _views_allowed(entry.inputs + entry.also_reads)
    assert read <= allowed, read - allowed


@pytest.mark.parametrize("code", CODES)
def test_every_metric_has_a_golden_expectation(code: str) -> None:
    fixed = {metric for c, metric in golden.EXPECTED if c == code}
    families = {metric.partition(".")[0] for c, _, metric in golden.EXPECTED_FAMILY if c == code}
    for metric in built_in()[code].specs:
        if metric.is_family:
            assert metric.family in families, metric.name
        else:
            assert metric.name in fixed, metric.name


@pytest.mark.parametrize("name", SQL_FILES)
def test_every_sql_file_parses_and_is_used(name: str) -> None:
    text = files("indicators.sql").joinpath(name).read_text(encoding="utf-8")
    assert sqlglot.parse(text, dialect="duckdb")
    if name != "rules.sql":
        every_sql = "\n".join(i.sql for i in built_in().values())
        assert text.strip() in every_sql, f"{name} is used by no indicator"


def test_every_shared_rule_is_used() -> None:
    # By an indicator, by another rule or by the page analytics (indicators/*.py).
    sources = [i.sql for i in built_in().values()]
    sources.append(re.sub(r"MACRO \w+\(", "MACRO (", rules_sql()))
    sources += [
        p.read_text(encoding="utf-8")
        for p in files("indicators").iterdir()
        if p.name.endswith(".py")
    ]
    text = "\n".join(sources)
    assert [name for name in MACRO_READS if not re.search(rf"\b{name}\(", text)] == []


def test_funding_reference_is_20_30_50() -> None:
    assert dict(built_in()["FUN-1"].reference) == {
        "share_public_long_term": 0.2,
        "share_members": 0.3,
        "share_projects": 0.5,
    }


def test_family_metric_lookup() -> None:
    org4 = built_in()["ORG-4"]
    assert org4.metric("participating_orgs_by_type.rdi").name == "participating_orgs_by_type.*"
    assert org4.metric("participating_orgs").name == "participating_orgs"
    assert built_in()["ORG-5"].metric("mean.A6").min_n == 5


def _entry(**changes: object) -> Indicator:
    base = {
        "code": "X-1",
        "recipient": "cluster_org",
        "data_class": "ADM",
        "name": Bi("X", "X"),
        "description": Bi("X", "X"),
        "caveat": Bi("X", "X"),
        "metrics": (Metric("x", "count", Bi("x", "x"), ("events",)),),
        "custom_sql": "SELECT 1",
    }
    return Indicator(**{**base, **changes})


@pytest.mark.parametrize(
    "entry",
    [
        _entry(metrics=(Metric("x", "parsecs", Bi("x", "x"), ("events",)),)),
        _entry(recipient="martians"),
        _entry(data_class="GUESS"),
        _entry(code="ORG-1"),
    ],
    ids=["unit", "recipient", "data class", "code taken"],
)
def test_registry_rejects_unknown_shapes(entry: Indicator) -> None:
    with pytest.raises(ValueError):
        built_in().with_indicators([entry])


def test_registry_is_a_value() -> None:
    registry = built_in()
    grown = registry.with_indicators([_entry()])
    assert "X-1" in grown and "X-1" not in registry
    assert not hasattr(registry, "__setitem__") and not hasattr(registry, "register")
    assert isinstance(grown, Registry) and grown.token != registry.token


def test_documentation_is_generated_from_the_registry() -> None:
    written = (indicator_docs.DOC).read_text(encoding="utf-8")
    assert written == indicator_docs.render(built_in()), "run `make docs`"


def test_survey_items_are_declared_on_the_entry_the_catalogue_names() -> None:
    declared = {
        item: code
        for code, entry in built_in().items()
        for kind in entry.metrics
        if isinstance(kind, SurveyItems)
        for item in kind.items
    }
    scored = {item.code: item.indicator for item in CATALOGUE if item.scale != "text"}
    assert declared == scored
