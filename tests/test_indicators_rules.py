"""SPEC 4-6 rules around the computation: order and re-import independence, missing inputs,
suppression in every path, the years of the data, engagement levels and the CLI output shape."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date

import pytest

from auth.roles import PermissionDenied
from cli import cmd_indicators
from cli.main import common_options
from data.store import ensure_cluster, memory_db, open_db
from indicators import present
from indicators.builtin import BUILT_IN_CODES
from indicators.compute import compute
from indicators.engagement import engagement_levels
from indicators.model import Bi, Indicator, Metric
from indicators.registry import built_in
from indicators.survey import item_stats, open_answers, response_rates
from indicators.years import data_years, imported_kinds
from tests.fixtures_indicators import build, reimport

SPEC_KEYS = [
    "code",
    "metric",
    "year",
    "value",
    "unit",
    "n",
    "suppressed",
    "name_fi",
    "name_en",
    "recipient",
    "data_class",
    "note",
]


def _dicts(con, lang: str = "fi", **kwargs) -> list[dict]:
    """The SPEC records of ``compute``, notes in ``lang``."""
    return [present.record(r, lang) for r in compute(con, built_in(), **kwargs)]


def test_row_order_does_not_matter(con):
    build(con)
    reversed_db = memory_db()
    ensure_cluster(reversed_db, "default")
    build(reversed_db, reverse=True)
    try:
        assert _dicts(reversed_db) == _dicts(con)
    finally:
        reversed_db.close()


def test_reimport_replacing_rows_gives_the_same_results(con):
    build(con)
    before = _dicts(con)
    reimport(con, 2)
    assert con.execute("SELECT count(*) FROM participation").fetchone()[0] == 54
    assert _dicts(con) == before


def test_no_data_gives_upload_notes_for_every_indicator(con):
    results = _dicts(con, "en")
    assert {r["code"] for r in results} == set(BUILT_IN_CODES)
    assert all(
        r["value"] is None and r["year"] is None and r["note"].startswith("No data: upload")
        for r in results
    )
    org1 = {r["metric"]: r["note"] for r in results if r["code"] == "ORG-1"}
    assert org1["members_year_end"] == "No data: upload the member register."
    assert org1["engagement_core"] == "No data: upload the member register and attendance lists."


def test_only_the_register_imported(con):
    build(con, only=("organisation", "membership"))
    this_year = date.today().year
    # Register only: the current year and up to four years back, not back to 2020 (A's start)
    # unless that is within the window.
    assert data_years(con, "default") == (max(2020, this_year - 4), this_year)
    assert imported_kinds(con, "default") == frozenset({"members"})
    results = {(r["code"], r["metric"], r["year"]): r for r in _dicts(con, "fi", year=2024)}
    assert results[("ORG-1", "members_year_end", 2024)]["value"] == 5
    core = results[("ORG-1", "engagement_core", 2024)]
    assert core["value"] is None and core["note"] == "Ei tietoja: tuo osallistujalistat."
    outcomes = results[("COM-1", "outcomes", 2024)]
    assert outcomes["note"] == "Ei tietoja: tuo tulosloki (menestystarinat)."
    assert results[("ESCA", "actors", 2024)]["value"] == 5
    assert results[("ESCA", "criteria_met", 2024)]["note"] == "Ei tietoja: tuo tapahtumalista."


def test_years_follow_activity_not_the_register(con):
    build(con, only=("organisation", "membership", "event"))
    assert data_years(con, "default") == (2023, 2024)


def test_response_rate_without_invited_count(con):
    build(con)
    con.execute("UPDATE survey SET invited = NULL WHERE year = 2023")
    rate = next(r for r in _dicts(con, "en", year=2023) if r["metric"] == "response_rate")
    assert rate["value"] is None and "--invited" in rate["note"]


def test_engagement_levels_of_one_year(con):
    build(con)
    levels = {
        row["org_id"]: (row["level"], row["participations"])
        for row in engagement_levels(con, "default", 2024)
    }
    # A core (5 events + host), B active, C core (steering group), City occasional, H active.
    assert levels == {
        1: ("core", 5),
        2: ("active", 2),
        3: ("core", 1),
        4: ("occasional", 1),
        9: ("active", 2),
    }


def test_survey_item_stats_suppress_small_groups(con):
    build(con)
    stats = {(s["year"], s["item_code"]): s for s in item_stats(con, "default")}
    assert stats[(2024, "A6")]["n"] == 7 and stats[(2024, "A6")]["mean"] == 3.43
    assert stats[(2024, "A6")]["agree_share"] == 0.5714 and not stats[(2024, "A6")]["suppressed"]
    assert stats[(2024, "A12")]["mean"] is None and stats[(2024, "A12")]["agree_share"] == 0.6
    for key in ((2024, "P1"), (2024, "B1"), (2023, "A6")):
        assert (
            stats[key]["suppressed"]
            and stats[key]["mean"] is None
            and stats[key]["agree_share"] is None
        )
    assert stats[(2024, "P1")]["n"] == 4


def test_survey_breakdown_by_org_type_suppresses_small_groups(con):
    build(con)
    rows = {
        (s["year"], s["item_code"], s["org_type"]): s
        for s in item_stats(con, "default", by_org_type=True)
    }
    # A6 2024 companies: S1 r1-r4 (5, 4, 3, 4) + S2 r1 (5) -> n 5, mean 21 / 5, agree 4 / 5.
    company = rows[(2024, "A6", "company")]
    assert (company["n"], company["mean"], company["agree_share"], company["suppressed"]) == (
        5,
        4.2,
        0.8,
        False,
    )
    # rdi (S2 r2) and public (S1 r5): one answer each.
    for org_type in ("rdi", "public"):
        row = rows[(2024, "A6", org_type)]
        assert (
            row["n"] == 1
            and row["suppressed"]
            and row["mean"] is None
            and row["agree_share"] is None
        )


def test_response_rates_per_survey_year(con):
    build(con)
    assert response_rates(con, "default") == [
        {"year": 2023, "surveys": 1, "responses": 3, "invited": 10, "response_rate": 0.3},
        {"year": 2024, "surveys": 2, "responses": 10, "invited": 30, "response_rate": 0.3333},
    ]


def test_open_answers_for_the_manager_only(con):
    build(con)
    with pytest.raises(PermissionDenied):
        open_answers(con, "default", "board")
    answers = open_answers(con, "default", "manager")
    assert [(a["item_code"], a["text"]) for a in answers] == [("A2", "Lisää yritysvierailuja")]
    assert "response_no" not in answers[0]


def _run_cli(db_path, *argv: str, capsys) -> str:
    parser = argparse.ArgumentParser()
    cmd_indicators.register(parser.add_subparsers(dest="command"), common_options())
    args = parser.parse_args(["indicators", "--db", str(db_path), *argv])
    assert args.func(args) == 0
    return capsys.readouterr().out


@pytest.fixture
def filled_db(db_path):
    con = open_db(db_path)
    ensure_cluster(con, "default")
    build(con)
    con.close()
    return db_path


def test_cli_json_has_exactly_the_spec_keys(filled_db, capsys):
    records = json.loads(_run_cli(filled_db, "--format", "json", capsys=capsys))
    assert records and all(list(r) == SPEC_KEYS for r in records)
    assert {r["code"] for r in records} == set(BUILT_IN_CODES)
    hidden = next(r for r in records if r["code"] == "PUB-1" and r["metric"] == "mean.P1")
    assert hidden["value"] is None and hidden["suppressed"] is True and hidden["n"] == 4


def test_cli_csv_has_the_same_fields_and_suppression(filled_db, capsys):
    rows = list(
        csv.DictReader(
            io.StringIO(_run_cli(filled_db, "--format", "csv", "--year", "2024", capsys=capsys))
        )
    )
    assert list(rows[0]) == SPEC_KEYS and {r["year"] for r in rows} == {"2024"}
    hidden = next(r for r in rows if r["metric"] == "agree_share.B1")
    assert hidden["value"] == "" and hidden["suppressed"] == "true" and hidden["n"] == "4"


def test_cli_table_in_english(filled_db, capsys):
    out = _run_cli(filled_db, "--year", "2024", "--lang", "en", capsys=capsys)
    assert "ORG-4  Quantity of cooperation (participation in activities)" in out
    assert "Person participations: 12" in out
    competence = "Mean (1–5): Cluster activity has increased our organisation's competence"
    assert f"{competence}: not shown (n < 5) (n = 4)" in out  # in words, as the app says it


def test_a_loaded_import_counts_as_imported_even_without_rows(con):
    con.execute(
        "INSERT INTO import_log (import_id, cluster_id, file_name, sha256, kinds, imported_at,"
        " status)"
        " VALUES (1, 'default', 'tulokset.xlsx', 'x', 'outcomes,funding', now(), 'loaded'),"
        " (2, 'default', 'kysely.xlsx', 'y', 'survey', now(), 'undone')"
    )
    assert imported_kinds(con, "default") == frozenset({"outcomes", "funding"})
    build(con, only=("event",))
    results = {(r["code"], r["metric"], r["year"]): r for r in _dicts(con)}
    # Outcomes were imported (no rows): 0, not null, in every year of the data.
    outcomes = results[("COM-1", "outcomes", 2023)]
    assert outcomes["value"] == 0 and outcomes["note"] is None
    assert results[("ORG-5", "response_rate", 2023)]["note"].startswith("Ei tietoja")


def test_an_entry_of_the_same_shape_is_computed(con):
    entry = Indicator(
        code="X-EVENTS",
        recipient="cluster_org",
        data_class="ADM",
        name=Bi("Tapahtumat", "Events"),
        description=Bi("Tapahtumat.", "Events."),
        caveat=Bi("Määrä ei ole vaikuttavuutta.", "Activity is not impact."),
        metrics=(Metric("events", "count", Bi("Tapahtumat", "Events"), ("events",)),),
        custom_sql="SELECT year(date) AS year, 'events' AS metric, count(*) AS value, NULL AS n,"
        " NULL AS note FROM v_event WHERE cluster_id = $cluster_id GROUP BY ALL",
    )
    build(con)
    registry = built_in().with_indicators([entry])
    rows = [
        (r.year, r.value, present.note_text(r.note, "en"))
        for r in compute(con, registry, codes=["X-EVENTS"])
    ]
    # 3 events in 2023, 5 in 2024; 2025 has none, so the query gives no row: null with a note.
    assert rows == [
        (2023, 3, None),
        (2024, 5, None),
        (2025, None, "No data for 2025: check the source data of this custom indicator."),
    ]


def test_a_long_chain_of_duplicate_rows_is_one_person(con):
    build(con, only=("organisation", "event"))
    # Eight rows at e1 for A: row i shares its e-mail with row i+1 (even i) or its name (odd i),
    # so all eight are linked through a chain of seven steps -> one person; plus one stranger.
    rows = [(1, f"mail{i // 2}", f"name{(i + 1) // 2}") for i in range(8)] + [(2, "other", "other")]
    assert _persons_at_e1(con, rows) == 2


def _persons_at_e1(con, rows: list[tuple]) -> int:
    """ORG-4's persons of 2023 after (org_id, email_hash, name_hash) rows at event e1."""
    con.executemany(
        "INSERT INTO participation (cluster_id, import_id, event_key, org_id, email_hash,"
        " name_hash) VALUES ('default', 1, 1, ?, ?, ?)",
        rows,
    )
    return next(
        r.value
        for r in compute(con, built_in(), year=2023, codes=["ORG-4"])
        if r.metric == "person_participations"
    )


def _persons_by_union_find(rows: list[tuple]) -> int:
    """The de-duplication rule of SPEC 5 done the plain way, row by row: rows of one event that
    share an e-mail, or a name and organisation, are one person, transitively."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    first_of: dict[tuple, int] = {}
    for i, (org, mail, name) in enumerate(rows):
        for key in (("mail", mail), ("name", name, org)):
            if key[1] is None:
                continue
            j = first_of.setdefault(key, i)
            parent[root(i)] = root(j)
    return len({root(i) for i in range(len(rows))})


@pytest.mark.parametrize("seed", range(12))
def test_persons_match_a_plain_union_find(con, seed: int):
    """Random rows from small pools of e-mails, names and organisations (nulls included), so
    chains of every shape occur: the SQL's person count equals a row-by-row union-find."""
    import random

    rnd = random.Random(seed)
    build(con, only=("organisation", "event"))
    pool = rnd.randint(3, 25)
    rows = [
        (
            rnd.choice([1, 2, None]),
            rnd.choice([*(f"m{i}" for i in range(pool)), None]),
            rnd.choice([*(f"n{i}" for i in range(pool)), None]),
        )
        for _ in range(rnd.randint(1, 60))
    ]
    assert _persons_at_e1(con, rows) == _persons_by_union_find(rows)


def test_one_call_reads_one_snapshot(con, monkeypatch):
    """An import committing while compute() runs is wholly outside the call's results."""
    import indicators.compute as compute_module

    build(con)
    real = compute_module.imported_kinds

    def then_an_import_commits(cur, cluster_id):
        kinds = real(cur, cluster_id)
        other = con.cursor()
        other.execute(
            "INSERT INTO event (cluster_id, event_key, import_id, title, date, event_type)"
            " VALUES ('default', 99, 1, 'Later', DATE '2030-05-05', 'webinar')"
        )
        other.close()
        return kinds

    monkeypatch.setattr(compute_module, "imported_kinds", then_an_import_commits)
    during = compute(con, built_in(), codes=["ORG-4"])
    assert {r.year for r in during} == {2023, 2024, 2025}  # not 2030: its years predate the insert
    monkeypatch.undo()
    after = {(r.year, r.metric): r.value for r in compute(con, built_in(), codes=["ORG-4"])}
    assert after[(2030, "events_held")] == 1
