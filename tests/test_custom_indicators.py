"""Custom indicators from a TOML file: loading, guarding, computing (numbers by hand)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest

from cli.main import main
from data.store import open_db
from indicators import custom, present
from indicators.builtin import BUILT_IN_CODES
from indicators.compute import compute, custom_errors
from indicators.model import Indicator
from indicators.registry import Registry, built_in, load_registry
from tests.fixtures_breakdowns import build

EVENTS_SQL = """
    SELECT year(date) AS year, 'events' AS metric, count(*) AS value
    FROM v_event WHERE cluster_id = $cluster_id GROUP BY 1;
"""
# Share of participant rows that attended, with n = rows: a survey-like figure.
ATTENDED_SQL = """
    SELECT year(e.date) AS year, 'attended_share' AS metric, avg(p.attended::INTEGER) AS value,
           count(*) AS n
    FROM v_participation p JOIN v_event e USING (cluster_id, event_key)
    WHERE p.cluster_id = $cluster_id GROUP BY 1
"""


def entry(
    code: str, sql: str, metrics: str, unit: str = "count", survey: bool = False, **extra: str
) -> str:
    lines = [
        "[[indicator]]",
        f'code = "{code}"',
        'recipient = "cluster_org"',
        f'name_fi = "Oma {code}"',
        f'name_en = "Own {code}"',
        f'unit = "{unit}"',
        'data_class = "ADM"',
        'caveat_fi = "Toiminta ei ole vaikuttavuutta."',
        'caveat_en = "Activity is not impact."',
        f"metrics = [{metrics}]",
        f"survey = {str(survey).lower()}",
        f'sql = """{sql}"""',
        *(f'{key} = "{value}"' for key, value in extra.items()),
    ]
    return "\n".join(lines) + "\n\n"


@pytest.fixture
def toml(tmp_path: Path) -> Path:
    path = tmp_path / "indicators.toml"
    path.write_text(
        entry("OMA-1", EVENTS_SQL, '"events"')
        + entry("OMA-2", ATTENDED_SQL, '"attended_share"', unit="share", survey=True),
        encoding="utf-8",
    )
    return path


def computed(
    con: duckdb.DuckDBPyConnection, indicators: list[Indicator], lang: str = "fi", **kwargs
) -> list[SimpleNamespace]:
    """``indicators`` computed alone in a registry beside the built-in ones, as the CLI and the
    pages do: the SPEC records (notes in ``lang``) with attribute access."""
    results = compute(con, _registry(indicators), codes=[i.code for i in indicators], **kwargs)
    return [SimpleNamespace(**present.record(r, lang)) for r in results]


def _registry(indicators: list[Indicator]) -> Registry:
    return built_in().with_indicators(indicators)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_custom_builds_registry_indicators(toml: Path) -> None:
    oma1, oma2 = custom.load_custom(toml)
    assert isinstance(oma1, Indicator)
    assert (oma1.code, oma1.recipient, oma1.name.en, oma1.data_class) == (
        "OMA-1",
        "cluster_org",
        "Own OMA-1",
        "ADM",
    )
    # Every custom metric is suppressed below n = 5 when its query gives n; only survey metrics
    # are also suppressed without one.
    assert [(m.name, m.unit, m.inputs, m.min_n, m.n_optional) for m in oma1.specs] == [
        ("events", "count", ("events",), 5, True)
    ]
    assert [(m.name, m.unit, m.min_n, m.n_optional) for m in oma2.specs] == [
        ("attended_share", "share", 5, False)
    ]
    assert set(oma2.inputs) == {"events", "participants"}


def test_custom_indicators_computed_by_hand(con: duckdb.DuckDBPyConnection, toml: Path) -> None:
    build(con)
    results = computed(con, custom.load_custom(toml), lang="en")
    got = {(r.code, r.year): (r.value, r.n, r.suppressed) for r in results}
    # Events: 2022 one webinar, 2023 three, 2024 one.
    assert got[("OMA-1", 2022)] == (1, None, False)
    assert got[("OMA-1", 2023)] == (3, None, False)
    # 2023: 13 participant rows, 12 attended: 12/13 = 0.9231; 2024 rests on 3 rows: suppressed.
    assert got[("OMA-2", 2023)] == (0.9231, 13, False)
    assert got[("OMA-2", 2024)] == (None, 3, True)
    assert got[("OMA-2", 2022)] == (None, 1, True)
    oma1_2023 = next(r for r in results if (r.code, r.year) == ("OMA-1", 2023))
    assert vars(oma1_2023) == {
        "code": "OMA-1",
        "metric": "events",
        "year": 2023,
        "value": 3,
        "unit": "count",
        "n": None,
        "suppressed": False,
        "name_fi": "Oma OMA-1",
        "name_en": "Own OMA-1",
        "recipient": "cluster_org",
        "data_class": "ADM",
        "note": None,
    }


def test_year_without_rows_has_a_note(con: duckdb.DuckDBPyConnection, toml: Path) -> None:
    build(con)
    results = computed(con, custom.load_custom(toml), year=2021, lang="en")
    assert [(r.code, r.year, r.value) for r in results] == [
        ("OMA-1", 2021, None),
        ("OMA-2", 2021, None),
    ]
    assert all(r.note and "2021" in r.note for r in results)


def test_missing_input_gives_upload_note(con: duckdb.DuckDBPyConnection, toml: Path) -> None:
    results = computed(con, custom.load_custom(toml), lang="en")
    assert [(r.code, r.year, r.value) for r in results] == [
        ("OMA-1", None, None),
        ("OMA-2", None, None),
    ]
    assert all(r.note and "upload" in r.note.lower() for r in results)


def test_installed_custom_indicators_compute_with_the_built_ins(
    con, toml: Path, monkeypatch
) -> None:
    build(con)
    monkeypatch.setenv(custom.ENV_VAR, str(toml))
    registry = load_registry(con)
    assert "OMA-1" in registry
    every = compute(con, registry)
    alone = compute(con, registry, codes=["OMA-1", "OMA-2"])
    assert [r for r in every if r.code.startswith("OMA-")] == alone
    assert {r.code for r in every} == {*BUILT_IN_CODES, "OMA-1", "OMA-2"}


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM target WHERE cluster_id = $cluster_id",
        (
            "SELECT 2024 AS year, 'x' AS metric, 1 AS value WHERE $cluster_id = 'a';"
            " DELETE FROM target"
        ),
        "CREATE TABLE evil AS SELECT $cluster_id AS c",
    ],
)
def test_rejects_anything_but_one_select(tmp_path: Path, sql: str) -> None:
    with pytest.raises(custom.CustomIndicatorError) as caught:
        custom.load_custom(write(tmp_path, entry("OMA-9", sql, '"x"')))
    assert caught.value.key == "analytics.custom.not_select"
    assert "SELECT" in caught.value.message("en") and " / " in str(caught.value)  # both languages


def test_delete_never_runs_even_when_built_by_hand(
    con: duckdb.DuckDBPyConnection, toml: Path
) -> None:
    con.execute(
        "INSERT INTO target (cluster_id, code, metric, year, value) VALUES ('default', 'ORG-1',"
        " 'm', 2024, 1)"
    )
    evil = replace(
        custom.load_custom(toml)[0], custom_sql="DELETE FROM target WHERE cluster_id = $cluster_id"
    )
    build(con)
    results = computed(con, [evil], lang="en")
    neutral = (
        "Custom indicator OMA-1 could not be computed; the cluster manager sees why in the"
        " settings."
    )
    assert [(r.year, r.value, r.note) for r in results] == [
        (year, None, neutral) for year in (2022, 2023, 2024)
    ]
    errors = custom_errors(con, _registry([evil]), codes=["OMA-1"])
    assert errors["OMA-1"].message("en") == (
        "Custom indicator OMA-1: the SQL must be a single SELECT query (found: DELETE)."
    )
    assert con.execute("SELECT count(*) FROM target").fetchone()[0] == 1


def test_failing_sql_gives_bilingual_error(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    build(con)
    sql = (
        "SELECT year, 'x' AS metric, no_such_column AS value FROM v_funding WHERE cluster_id ="
        " $cluster_id"
    )
    indicators = custom.load_custom(write(tmp_path, entry("OMA-9", sql, '"x"')))
    # Null records with a neutral note (the board reads them); the manager's error names the
    # column, in either language, instead of a traceback.
    for lang, note, text in (
        (
            "fi",
            "Oman mittarin OMA-9 arvoa ei voitu laskea",
            "Oman mittarin OMA-9 SQL-kysely epäonnistui",
        ),
        (
            "en",
            "Custom indicator OMA-9 could not be computed",
            "The SQL of custom indicator OMA-9 failed",
        ),
    ):
        results = computed(con, indicators, lang=lang)
        assert [(r.year, r.value) for r in results] == [(2022, None), (2023, None), (2024, None)]
        assert all(r.note.startswith(note) and "no_such_column" not in r.note for r in results)
        error = custom_errors(con, _registry(indicators), codes=["OMA-9"])["OMA-9"].message(lang)
        assert error.startswith(text) and "no_such_column" in error
    # The connection is still usable: the read transaction was rolled back.
    assert con.execute("SELECT count(*) FROM v_funding").fetchone()[0] == 8


def test_a_failing_custom_query_leaves_the_others_computed(
    con: duckdb.DuckDBPyConnection, toml: Path, tmp_path: Path
) -> None:
    build(con)
    sql = (
        "SELECT year, 'x' AS metric, no_such_column AS value FROM v_funding WHERE cluster_id ="
        " $cluster_id"
    )
    broken = custom.load_custom(write(tmp_path, entry("OMA-0", sql, '"x"')))
    results = computed(con, [*broken, *custom.load_custom(toml)], lang="en")
    got = {(r.code, r.year): r.value for r in results}
    assert (
        got[("OMA-0", 2023)] is None
        and got[("OMA-1", 2023)] == 3
        and got[("OMA-2", 2023)] == 0.9231
    )


def test_a_survey_value_without_n_is_suppressed(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    build(con)
    sql = EVENTS_SQL.replace("'events'", "'mean'")
    indicators = custom.load_custom(
        write(tmp_path, entry("OMA-9", sql, '"mean"', unit="score", survey=True))
    )
    results = computed(con, indicators, year=2023, lang="en")
    assert [(r.year, r.value, r.n, r.suppressed) for r in results] == [(2023, None, None, True)]


def test_a_non_survey_metric_with_n_below_5_is_suppressed(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    build(con)
    # Events per year with n = the same count: 2022 and 2024 hold one event, 2023 three.
    sql = """SELECT year(date) AS year, 'events' AS metric, count(*) AS value, count(*) AS n
             FROM v_event WHERE cluster_id = $cluster_id GROUP BY 1"""
    indicators = custom.load_custom(write(tmp_path, entry("OMA-9", sql, '"events"')))
    results = computed(con, indicators, lang="en")
    assert [(r.year, r.value, r.n, r.suppressed) for r in results] == [
        (2022, None, 1, True),
        (2023, None, 3, True),
        (2024, None, 1, True),
    ]
    # Without n, a non-survey count is shown as it is.
    plain = custom.load_custom(write(tmp_path, entry("OMA-8", EVENTS_SQL, '"events"')))
    assert [r.value for r in computed(con, plain, lang="en")] == [1, 3, 1]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            entry("OMA-9", EVENTS_SQL, '"events"').replace(
                'recipient = "cluster_org"', 'recipient = "city"'
            ),
            "analytics.custom.bad_choice",
        ),
        (
            entry("OMA-9", EVENTS_SQL, '"events"').replace(
                'caveat_en = "Activity is not impact."', ""
            ),
            "analytics.custom.missing_field",
        ),
        (entry("ORG-1", EVENTS_SQL, '"events"'), "analytics.custom.duplicate_code"),
        (
            entry(
                "OMA-9", "SELECT 2024 AS year, 'x' AS metric, count(*) AS value FROM v_event", '"x"'
            ),
            "analytics.custom.no_cluster",
        ),
        (
            entry(
                "OMA-9",
                "SELECT 2024 AS year, 'x' AS metric, 1 AS value WHERE $cluster_id = 'a'",
                '"x"',
            ),
            "analytics.custom.missing_field",
        ),  # reads no view and names no inputs
        ("[[indicator]\ncode = ", "analytics.custom.unreadable"),
    ],
)
def test_invalid_definitions_are_rejected(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(custom.CustomIndicatorError) as caught:
        custom.load_custom(write(tmp_path, text))
    assert caught.value.key == key


def test_custom_path(
    con: duckdb.DuckDBPyConnection, db_path: Path, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(custom.ENV_VAR, raising=False)
    assert custom.custom_path(con) is None  # in-memory database
    file_con = duckdb.connect(str(db_path))
    try:
        assert custom.custom_path(file_con) == db_path.with_name("indicators.toml")
    finally:
        file_con.close()
    monkeypatch.setenv(custom.ENV_VAR, str(tmp_path / "own.toml"))
    assert custom.custom_path(con) == tmp_path / "own.toml"
    assert load_registry(con) is built_in()  # no file: the built-in indicators alone


def test_cli_targets_accept_custom_codes(db_path: Path, toml: Path, monkeypatch) -> None:
    monkeypatch.setenv(custom.ENV_VAR, str(toml))
    assert main(["target", "set", "OMA-1", "events", "2025", "4", "--db", str(db_path)]) == 0
    assert main(["target", "set", "OMA-7", "events", "2025", "4", "--db", str(db_path)]) == 1


def test_cli_shows_a_failing_custom_query_as_a_note(
    db_path: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    con = open_db(db_path)
    try:
        build(con)
    finally:
        con.close()
    sql = (
        "SELECT year, 'x' AS metric, no_such_column AS value FROM v_funding WHERE cluster_id ="
        " $cluster_id"
    )
    monkeypatch.setenv(custom.ENV_VAR, str(write(tmp_path, entry("OMA-9", sql, '"x"'))))
    assert main(["indicators", "--year", "2023", "--lang", "en", "--db", str(db_path)]) == 0
    out, err = capsys.readouterr()
    assert "OMA-9  Own OMA-9" in out and "Custom indicator OMA-9 could not be computed" in out
    assert "no_such_column" not in out  # the reason goes to the console's error stream only
    assert "The SQL of custom indicator OMA-9 failed" in err and "no_such_column" in err
    assert "Person participations: 10" in out  # the built-in indicators are still computed


@pytest.mark.parametrize("command", [["indicators"], ["target", "list"]])
def test_cli_reports_an_unusable_definition_file(
    db_path: Path, tmp_path: Path, monkeypatch, capsys, command: list[str]
) -> None:
    monkeypatch.setenv(custom.ENV_VAR, str(write(tmp_path, entry("ORG-1", EVENTS_SQL, '"events"'))))
    assert main([*command, "--lang", "en", "--db", str(db_path)]) == 1
    assert capsys.readouterr().err.strip() == "Custom indicator ORG-1: the code is already in use."
