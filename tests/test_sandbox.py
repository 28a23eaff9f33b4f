"""Custom-indicator SQL cannot read files, the hashing key, raw hashes or change settings.

The four escapes found by trying (issue: custom SQL whose DuckDB error text became the board's
note): a file read, the key read, the participation hashes, file logging switched on. Each is
tried through both walls (the parsed check at load and before running) and through the engine
wall alone (the check switched off), and must leave no trace in the CLI's JSON, the indicator
workbook, the board report (workbook and HTML) or the app's board view.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from cli.main import main
from data.pseudonym import key_path
from data.store import open_db
from export.board_report import board_report
from export.workbook import export_workbook
from indicators import custom, present, sandbox
from indicators.compute import compute, custom_errors
from indicators.registry import load_registry
from tests.fixtures_breakdowns import build

ROOT = Path(__file__).resolve().parents[1]
SECRET = "SALAINEN-SISALTO-7731"
HASH_MARK = "deadbeefcafe"


def _entry(code: str, sql: str) -> str:
    return f'''[[indicator]]
code = "{code}"
recipient = "cluster_org"
name_fi = "Oma {code}"
name_en = "Own {code}"
unit = "count"
data_class = "ADM"
caveat_fi = "Kokeilu."
caveat_en = "A trial."
metrics = ["x"]
inputs = ["events"]
sql = """{sql}"""

'''


def escapes(secret_file: Path, key_file: Path, log_dir: Path) -> dict[str, str]:
    """Each attack as the custom SQL an attacker would write; the CAST puts text into the error."""
    head = "SELECT 2023 AS year, 'x' AS metric,"
    tail = "AS value FROM v_event WHERE cluster_id = $cluster_id LIMIT 1"
    return {
        "file": f"{head} CAST((SELECT content FROM read_text('{secret_file}')) AS INTEGER) {tail}",
        "key": f"{head} CAST((SELECT content FROM read_text('{key_file}')) AS INTEGER) {tail}",
        "hashes": f"""{head} CAST((SELECT string_agg(concat(email_hash, domain_hash), ',')
                     FROM v_participation WHERE cluster_id = $cluster_id) AS INTEGER) {tail}""",
        "logging": f"""{head} count(*) AS value FROM enable_logging(storage='file',
                      storage_path='{log_dir}') , v_event WHERE cluster_id = $cluster_id""",
    }


@pytest.fixture
def setting(tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:
    """A database with events and participants whose hashes carry a mark, a secret file, the
    key, and the attacks written as an installation's custom indicator file."""
    con = open_db(db_path)
    build(con)
    con.execute(
        f"UPDATE participation SET email_hash = '{HASH_MARK}' || email_hash || '0123456789abcdef',"
        f" domain_hash = '{HASH_MARK}' || coalesce(name_hash, 'x') || 'fedcba9876543210'"
        " WHERE email_hash IS NOT NULL"
    )
    con.close()
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET, encoding="utf-8")
    key = key_path(db_path)
    key.write_text("ab" * 32, encoding="ascii")
    yield {
        "db": db_path,
        "key": "ab" * 32,
        "sql": escapes(secret_file, key, tmp_path / "duck-log"),
        "log_dir": tmp_path / "duck-log",
        "toml": tmp_path / "indicators.toml",
    }


def install(setting: dict, attack: str, monkeypatch: pytest.MonkeyPatch) -> None:
    setting["toml"].write_text(_entry("OMA-6", setting["sql"][attack]), encoding="utf-8")
    monkeypatch.setenv(custom.ENV_VAR, str(setting["toml"]))


def engine_wall_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch the parsed check off at load and before running: only DuckDB's own switches and
    the copied views stand between the query and the secrets."""
    monkeypatch.setattr(sandbox, "check", lambda code, sql: sql.strip().rstrip(";").strip())


def leaked(text: str, setting: dict) -> list[str]:
    return [s for s in (SECRET, setting["key"], HASH_MARK) if s in text]


def workbook_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


ATTACKS = ["file", "key", "hashes", "logging"]


@pytest.mark.parametrize("attack", ["file", "key", "logging"])
def test_the_parsed_check_refuses_each_escape_at_load(
    setting: dict, attack: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    install(setting, attack, monkeypatch)
    code = main(["indicators", "--format", "json", "--lang", "en", "--db", str(setting["db"])])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "Custom indicator OMA-6 may" in err  # names what is not allowed
    assert leaked(out + err, setting) == []
    assert not setting["log_dir"].exists()


def test_a_query_over_participation_sees_no_hash(
    setting: dict, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Reading v_participation is allowed; its hash columns are per-computation numbers."""
    install(setting, "hashes", monkeypatch)
    code = main(["indicators", "--format", "json", "--lang", "en", "--db", str(setting["db"])])
    out, err = capsys.readouterr()
    assert code == 0 and '"code": "OMA-6"' in out
    assert "Conversion Error" in err  # the manager's reason, on the error stream
    assert leaked(out + err, setting) == []


@pytest.mark.parametrize("attack", ATTACKS)
def test_engine_wall_alone_blocks_each_escape_in_cli_json_and_both_workbooks(
    setting: dict, attack: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    engine_wall_only(monkeypatch)
    install(setting, attack, monkeypatch)
    db = str(setting["db"])
    assert main(["indicators", "--format", "json", "--lang", "en", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert leaked(out + err, setting) == []
    assert '"code": "OMA-6"' in out
    book, board = setting["db"].with_name("book.xlsx"), setting["db"].with_name("board.xlsx")
    assert main(["export", "--out", str(book), "--db", db]) == 0
    assert main(["export", "--board", "--out", str(board), "--db", db]) == 0
    capsys.readouterr()
    for data in (book.read_bytes(), board.read_bytes()):
        assert leaked(workbook_text(data), setting) == []
    assert leaked(board.with_suffix(".html").read_text(encoding="utf-8"), setting) == []
    assert not setting["log_dir"].exists()


@pytest.mark.parametrize("attack", ATTACKS)
def test_engine_wall_alone_gives_null_records_with_a_neutral_note(
    setting: dict, attack: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine_wall_only(monkeypatch)
    install(setting, attack, monkeypatch)
    con = open_db(setting["db"])
    try:
        registry = load_registry(con)
        results = [
            present.record(r, "en")
            for r in compute(con, registry, "default", year=2023, codes=["OMA-6"])
        ]
        board = board_report(con, registry, "default", (2023, 2023), "en")
        book = export_workbook(con, registry, "default", year=2023, lang="en")
        errors = custom_errors(con, registry, "default", 2023, codes=["OMA-6"])
    finally:
        con.close()
    if attack == "hashes":
        # The query runs, on numbers that stand for people in this computation only.
        assert [r["code"] for r in results] == ["OMA-6"] and "OMA-6" in errors
        assert "Conversion Error" in errors["OMA-6"].message("en")
    else:
        neutral = (
            "Custom indicator OMA-6 could not be computed; the cluster manager sees why in the "
            "settings."
        )
        assert [(r["value"], r["note"]) for r in results] == [(None, neutral)]
    for text in (str(results), board.html, workbook_text(board.xlsx), workbook_text(book)):
        assert leaked(text, setting) == []
    # The manager's reason is short and names no file content.
    assert all(
        len(e.message("en")) < 300 and leaked(e.message("en"), setting) == []
        for e in errors.values()
    )


def test_sandbox_sees_one_cluster_without_open_texts_or_hashes(
    con: duckdb.DuckDBPyConnection,
) -> None:
    build(con)
    con.execute("INSERT INTO cluster (cluster_id, name) VALUES ('other', 'Muu')")
    con.execute(
        "INSERT INTO event (cluster_id, event_key, import_id, title, date) "
        "VALUES ('other', 99, 99, 'Vieras', DATE '2023-01-01')"
    )
    with compute_sandbox(con) as box:
        # 2023: events 2, 3 and 4 of the fixture; the other cluster's event is not there.
        rows = box.rows(
            "OMA-1",
            "SELECT count(*), count(DISTINCT email_hash) FROM v_event JOIN v_participation "
            "USING (cluster_id, event_key) WHERE year(date) = 2023 AND cluster_id = $cluster_id",
            {"cluster_id": "default"},
        )
        columns = box.rows(
            "OMA-1",
            "SELECT column_name FROM (DESCRIBE SELECT * FROM v_survey_answer) "
            "WHERE $cluster_id IS NOT NULL",
            {"cluster_id": "default"},
        )
        hashes = box.rows(
            "OMA-1",
            "SELECT DISTINCT email_hash::VARCHAR FROM v_participation"
            " WHERE cluster_id = $cluster_id",
            {"cluster_id": "default"},
        )
    # 13 participant rows in 2023 (events 1-3), with five e-mail hashes (a, b, c, u, d) and
    # rows without one (NULL stays NULL).
    assert rows == [(13, 5)]
    assert "value_text" not in {c for (c,) in columns}
    assert {h for (h,) in hashes if h is not None}.isdisjoint({"a", "b", "c", "d", "f", "u"})


def compute_sandbox(con: duckdb.DuckDBPyConnection) -> sandbox.Sandbox:
    return sandbox.Sandbox(con.cursor(), "default")


@pytest.mark.parametrize(
    ("sql", "key"),
    [
        (
            "SELECT * FROM read_csv('/etc/passwd') WHERE $cluster_id = 'x'",
            "sandbox.forbidden_source",
        ),
        ("SELECT * FROM glob('/tmp/*') WHERE $cluster_id = 'x'", "sandbox.forbidden_source"),
        ("SELECT * FROM '/etc/passwd' WHERE $cluster_id = 'x'", "sandbox.forbidden_source"),
        ("SELECT * FROM participation WHERE cluster_id = $cluster_id", "sandbox.forbidden_source"),
        ("SELECT * FROM main.v_event WHERE cluster_id = $cluster_id", "sandbox.forbidden_source"),
        ("SELECT * FROM duckdb_settings() WHERE $cluster_id = 'x'", "sandbox.forbidden_source"),
        (
            "SELECT current_setting('temp_directory') WHERE $cluster_id = 'x'",
            "sandbox.forbidden_function",
        ),
        ("SELECT getvariable('k') WHERE $cluster_id = 'x'", "sandbox.forbidden_function"),
        ("PRAGMA database_size", "analytics.custom.not_select"),
        ("SET enable_external_access = true", "analytics.custom.not_select"),
        ("ATTACH '/tmp/x.db' AS x", "analytics.custom.not_select"),
        ("COPY v_event TO '/tmp/out.csv'", "analytics.custom.not_select"),
        ("SELECT 1 WHERE $cluster_id = 'x'; SELECT 2", "analytics.custom.not_select"),
    ],
)
def test_check_refuses(sql: str, key: str) -> None:
    with pytest.raises(sandbox.SandboxError) as caught:
        sandbox.check("OMA-1", sql)
    assert caught.value.key == key


def test_check_accepts_ordinary_queries() -> None:
    sql = """WITH yearly AS (SELECT year(date) AS year, count(*) AS n FROM v_event
                             WHERE cluster_id = $cluster_id GROUP BY ALL)
             SELECT year, 'events' AS metric, n AS value FROM yearly
             UNION ALL SELECT year, 'funding', sum(amount_eur) FROM v_funding
             WHERE cluster_id = $cluster_id GROUP BY year"""
    assert sandbox.check("OMA-1", sql + ";\n") == sql
    assert sandbox.views_read(sql) == ["v_event", "v_funding"]


def test_a_runaway_query_is_stopped(con: duckdb.DuckDBPyConnection, monkeypatch) -> None:
    build(con)
    monkeypatch.setattr(sandbox, "TIMEOUT_S", 0.5)
    with compute_sandbox(con) as box, pytest.raises(sandbox.SandboxError) as caught:
        box.rows(
            "OMA-1",
            "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 1e15) "
            "SELECT count(*) FROM r, v_event WHERE cluster_id = $cluster_id",
            {"cluster_id": "default"},
        )
    assert caught.value.key == "sandbox.timeout"


def _every_text(app: AppTest) -> str:
    """Everything the page shows, as text (values of every element in the tree)."""
    out: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return "\n".join(out)


@pytest.mark.parametrize("attack", ATTACKS)
def test_board_page_shows_no_escape(
    setting: dict, attack: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine_wall_only(monkeypatch)
    install(setting, attack, monkeypatch)
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(setting["db"]))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["role"] = "board"
    app.run()
    app.switch_page("pages/cluster-organisation.py").run()
    assert not app.exception
    text = _every_text(app)
    assert "OMA-6" in text
    assert leaked(text, setting) == []
    assert not setting["log_dir"].exists()
    assert os.environ["KLUSTERIMITTARI_DB"] == str(setting["db"])


def test_manager_sees_why_on_the_settings_page(
    setting: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine_wall_only(monkeypatch)
    install(setting, "file", monkeypatch)
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(setting["db"]))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()  # local mode: the manager
    app.switch_page("pages/settings.py").run()
    assert not app.exception
    [error] = [e.value.replace("\\", "") for e in app.error]  # as read, without escapes
    assert error.startswith("OMA-6 Oma OMA-6: Oman mittarin OMA-6 SQL-kysely epäonnistui")
    assert "Permission Error" in error and leaked(error, setting) == []
