"""What the board reads on the pages of the demo cluster (issue 16): the overview's headline
against ``klusterimittari indicators``, and the honesty rules on the indicator cards."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import duckdb
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from cli.main import main as cli
from data.clusters import display_names
from data.demo import load_demo
from data.store import open_db
from i18n import t
from indicators import honesty
from indicators.present import metric_label
from indicators.registry import built_in

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("board") / "demo.duckdb"
    con = open_db(path)
    load_demo(con)
    con.close()
    return path


def run_page(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, **state: object) -> AppTest:
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(db))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metrics(app: AppTest) -> dict[str, list]:
    found: dict[str, list] = {}
    for m in app.metric:
        found.setdefault(m.label, []).append(m)
    return found


def test_cards_show_change_only_for_stocks(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(demo_db, monkeypatch, "pages/cluster-organisation.py")
    shown = metrics(app)
    # A stock with both years: members 28 (2024) → 34 (2025).
    (members,) = shown[metric_label(built_in()["ORG-1"], "members_year_end", "fi")]
    assert members.value == "34" and members.delta == "+6 vuodesta 2024"
    # Flows: the year's value alone (ORG-3 "0 € / −252 000 €", "100 % / +100,0 %-yks.").
    for code, metric in (
        ("ORG-3", "eu_funding_eur"),
        ("ORG-3", "application_success_rate"),
        ("ORG-4", "events_held"),
        ("FUN-1", "total_eur"),
    ):
        (card,) = shown[metric_label(built_in()[code], metric, "fi")]
        assert not card.delta, (code, metric, card.delta)
    # EU funding's relative change of a flow is not a figure of its own on the page.
    assert metric_label(built_in()["ORG-3"], "eu_funding_change", "fi") not in shown


def test_region_page_flows_have_no_change(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(demo_db, monkeypatch, "pages/region.py")
    shown = metrics(app)
    (projects,) = shown[metric_label(built_in()["REG-4"], "joint_rdi_projects", "fi")]
    assert projects.value == "0" and not projects.delta  # REG-4 "0 / −1"
    (jobs,) = shown[metric_label(built_in()["REG-3"], "member_jobs", "fi")]
    # 1 877 → 2 543 → 2 817 with n 13 → 24 → 30 companies: membership growth, so no change,
    # and the label says the total follows membership.
    assert jobs.value == "2\u00a0817" and not jobs.delta
    assert "jäsen" in jobs.label


def test_survey_figures_carry_n_and_response_rate(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = run_page(demo_db, monkeypatch, "pages/public-sector.py")
    captions = [c.value for c in app.caption]
    # PUB-1 P1: n = 19 in 2024, 14 in 2025; response rates 19/28 = 67,9 %, 15/34 = 44,1 %.
    assert any(
        "2024: n = 19 vastausta, vastausprosentti 67,9\u00a0%" in c
        and "2025: n = 14 vastausta, vastausprosentti 44,1\u00a0%" in c
        for c in captions
    )
    app = run_page(demo_db, monkeypatch, "pages/companies.py")
    captions = [c.value for c in app.caption]
    # COM-3 A12: 2024 rests on 3 answers (hidden, and the note names the year); 2025 on 13.
    assert any("2025: n = 13 vastausta, vastausprosentti 44,1\u00a0%" in c for c in captions)
    assert t("ui.figure.suppressed_years", "fi", years="2024") in captions


def _cli_records(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[tuple, dict]:
    assert cli(["indicators", "--db", str(db), "--format", "json"]) == 0
    return {(r["code"], r["metric"], r["year"]): r for r in json.loads(capsys.readouterr().out)}


@pytest.fixture(scope="module")
def two_clusters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("two") / "two.duckdb"
    assert cli(["demo", "--db", str(path), "--second-cluster"]) == 0
    return path


def test_second_demo_cluster_loads_beside_the_first(
    two_clusters: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert (
        cli(["indicators", "--db", str(two_clusters), "--cluster", "ruoka", "--format", "json"])
        == 0
    )
    records = {(r["code"], r["metric"], r["year"]): r for r in json.loads(capsys.readouterr().out)}
    # Hand-counted from data/demo/second.py: 2024 funding 8 000 + 4 500 paid, 2025 8 000 +
    # 6 000 paid and 20 000 committed; 6 events in 2025; 12 members by the end of 2025; one
    # export deal (COM-4) in 2025.
    assert records[("FUN-1", "total_eur", 2024)]["value"] == 12500.0
    assert records[("FUN-1", "total_eur", 2025)]["value"] == 14000.0
    assert records[("FUN-1", "committed_eur", 2025)]["value"] == 20000.0
    assert records[("FUN-1", "city_share", 2025)]["value"] == 0.5714  # 8 000 / 14 000
    assert records[("ORG-4", "events_held", 2025)]["value"] == 6
    assert records[("ORG-1", "members_year_end", 2025)]["value"] == 12
    assert records[("COM-4", "outcomes", 2025)]["value"] == 1  # the export deal to Estonia
    assert ("ORG-5", "response_rate", 2025) not in records or records[
        ("ORG-5", "response_rate", 2025)
    ]["value"] is None  # no survey: never a 0


def test_clusters_side_by_side(two_clusters: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(two_clusters, monkeypatch, "pages/clusters.py")
    table = app.dataframe[0].value
    by_name = {row[t("ui.clusters.cluster", "fi")]: row for _, row in table.iterrows()}
    assert set(by_name) == {
        "Loimaan teknologiaklusteri (demo)",
        "Vakka-Suomen ruokaklusteri (demo)",
    }
    people = metric_label(built_in()["ORG-4"], "person_participations", "fi")
    # Ruoka 2025, counted by hand from second.participants(): per event the members that had
    # joined, less every third, the three firms of 50+ employees sending two people:
    # 9 + 9 + 10 + 10 + 10 + 10 = 58.
    assert by_name["Loimaan teknologiaklusteri (demo)"][people] == "153"
    assert by_name["Vakka-Suomen ruokaklusteri (demo)"][people] == "58"
    share = metric_label(built_in()["FUN-1"], "city_share", "fi")
    assert by_name["Vakka-Suomen ruokaklusteri (demo)"][share] == "57,1\u00a0%"
    assert len(app.get("plotly_chart")) >= 3
    assert t("ui.clusters.caveat", "fi") in " ".join(c.value for c in app.caption)


def test_clusters_page_with_one_cluster(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_page(demo_db, monkeypatch, "pages/clusters.py")
    assert app.info[0].value == t("ui.clusters.only_one", "fi")


def test_overview_headline_matches_the_cli(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first screen's three numbers for 2025 are the CLI's records, and the values
    counted by hand from the demo files: the city paid 15 000 € of 64 200 €; 153 person
    participations from 36 organisations at 9 events, each with its list; 5 outcomes logged
    (26.2., 30.4., 22.5., 14.8., 30.10.), 3 of them published."""
    records = _cli_records(demo_db, capsys)
    expected = {
        ("FUN-1", "city_eur"): (15000.0, "15\u00a0000\u00a0€"),
        ("ORG-4", "person_participations"): (153, "153"),
        ("OUT-1", "outcomes"): (5, "5"),
    }
    app = run_page(demo_db, monkeypatch, "pages/overview.py", role="board")
    shown = metrics(app)
    for (code, metric), (value, text) in expected.items():
        assert records[(code, metric, 2025)]["value"] == value
        (card,) = shown[metric_label(built_in()[code], metric, "fi")]
        assert card.value == text
        assert not card.delta  # flows: no change from 2024
    page = " ".join(m.value for m in app.markdown)
    for code, metric, text in (
        ("FUN-1", "city_share", "23,4\u00a0%"),
        ("FUN-1", "total_eur", "64\u00a0200\u00a0€"),
        ("ORG-4", "participating_orgs", "36"),
        ("ORG-4", "events_with_attendance", "9"),
        ("OUT-1", "published_stories", "3"),
        ("OUT-1", "outcomes_eur", "3\u00a0600\u00a0000\u00a0€"),
    ):
        assert records[(code, metric, 2025)]["value"] is not None
        assert f"{metric_label(built_in()[code], metric, 'fi')}: **{text}**" in page, (code, metric)
    assert t("ui.headline.no_targets", "fi", year=2025) in [c.value for c in app.caption]
    # The data-as-of stamp names the last import.
    assert any(
        t("ui.headline.as_of", "fi", date="", time="").split()[0] in c.value for c in app.caption
    )


def test_outcome_value_of_no_entered_amount_reads_not_recorded(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2023's one outcome has no amount: OUT-1 outcomes_eur is 0 with n = 0, shown as "not
    recorded", not as 0 €."""
    records = _cli_records(demo_db, capsys)
    record = records[("OUT-1", "outcomes_eur", 2023)]
    assert (record["value"], record["n"]) == (0.0, 0)
    assert records[("OUT-1", "outcomes_eur", 2025)]["n"] == 2  # 1 100 000 € and 2 500 000 €
    assert not honesty.recorded("eur", record["n"], record["value"])


def test_manager_drills_from_a_bar_to_its_rows_the_board_cannot(demo_db: Path) -> None:
    """The rows behind the 2025 bars add up to the bars: 9 events whose participants sum to
    the 153 person participations; the 5 outcomes, 3 published; the funding rows of 2025
    (6 paid, summing to 64 200 €, and 4 committed). The board gets none of them."""
    from auth.roles import PermissionDenied
    from indicators import drilldown

    con = open_db(demo_db)
    try:
        events = drilldown.events_of_year(con, "default", 2025, role="manager")
        outcomes = drilldown.outcomes_of_year(con, "default", 2025, role="manager")
        funding = drilldown.funding_of_year(con, "default", 2025, role="manager")
        for fetch in (
            drilldown.events_of_year,
            drilldown.outcomes_of_year,
            drilldown.funding_of_year,
        ):
            with pytest.raises(PermissionDenied):
                fetch(con, "default", 2025, role="board")
    finally:
        con.close()
    assert len(events) == 9 and sum(e["persons"] for e in events) == 153
    assert len(outcomes) == 5 and sum(o["published"] for o in outcomes) == 3
    paid = [f for f in funding if f["status"] == "paid"]
    assert len(paid) == 6 and sum(f["amount_eur"] for f in paid) == 64200
    assert len([f for f in funding if f["status"] == "committed"]) == 4


def test_clusters_of_the_same_name_are_told_apart(
    two_clusters: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "same.duckdb"
    shutil.copy(two_clusters, db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE cluster SET name = 'Loimaan teknologiaklusteri (demo)'")
    con.close()
    app = run_page(db, monkeypatch, "pages/clusters.py")
    assert not app.exception
    names = list(app.dataframe[0].value[t("ui.clusters.cluster", "fi")])
    assert sorted(names) == [
        "Loimaan teknologiaklusteri (demo) (default)",
        "Loimaan teknologiaklusteri (demo) (ruoka)",
    ]
    chart_table = app.dataframe[1].value
    assert list(chart_table.columns)[1:] == names
    log = run_page(db, monkeypatch, "pages/audit-log.py").dataframe[0].value
    shown = {cell for column in log.columns for cell in log[column]}
    assert set(names) <= shown


@pytest.mark.parametrize(
    ("known", "expected"),
    [
        ([("default", "default")], {"default": "Klusteri"}),
        ([("a", "Ruoka"), ("b", "Tekno")], {"a": "Ruoka", "b": "Tekno"}),
        ([("a", "Ruoka"), ("b", "Ruoka")], {"a": "Ruoka (a)", "b": "Ruoka (b)"}),
    ],
)
def test_display_names(known: list[tuple[str, str]], expected: dict[str, str]) -> None:
    assert display_names(known, "fi") == expected


def test_jobs_change_of_no_company_reads_not_recorded_everywhere(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's registers give employee counts for one year only, so no company has counts
    for two years: REG-3's like-for-like change rests on n = 0 companies and reads "not
    recorded", as every other figure without data, never "– (n = 0)"."""
    from export.board_workbook import board_workbook
    from export.html_report import html_report

    records = _cli_records(demo_db, capsys)
    for year in (2023, 2024, 2025):
        record = records[("REG-3", "jobs_change_same_members", year)]
        assert (record["value"], record["n"]) == (None, 0)
    label = metric_label(built_in()["REG-3"], "jobs_change_same_members", "fi")
    app = run_page(demo_db, monkeypatch, "pages/overview.py", role="board")
    page = " ".join(m.value for m in app.markdown)
    assert f"{label}: **ei kirjattu**" in page
    assert "n = 0" not in page
    con = open_db(demo_db)
    try:
        report = html_report(con, built_in(), "default", (2023, 2025), "en")
        book = openpyxl.load_workbook(
            io.BytesIO(board_workbook(con, built_in(), "default", (2023, 2025), "fi"))
        )
    finally:
        con.close()
    label_en = metric_label(built_in()["REG-3"], "jobs_change_same_members", "en")
    assert f"{label_en}: <b>not recorded</b></p>" in report
    assert "n = 0" not in report
    rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    (row,) = [r for r in rows if label in r]
    at = row.index(label)
    assert row[at + 1 : at + 4] == ["ei kirjattu"] * 3  # 2023, 2024, 2025
    assert cli(["indicators", "--db", str(demo_db)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if label in line]
    assert [line.split(f"{label}: ")[1].split("  (")[0] for line in lines] == ["ei kirjattu"] * 3
