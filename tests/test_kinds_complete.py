"""Every import kind is one complete entry (``data.kinds``): names, columns, tables with keys
that run on the schema, its view, labels in both languages, and a loader whose rows undo
removes exactly. A kind missing any part fails here, not in a user's import."""

from __future__ import annotations

import pytest

from data.enums import ENUMS
from data.headers import alias_map, normalise_header
from data.importer import import_file, undo_import
from data.kinds import KINDS, TABLES, TYPES, Kind
from data.templates import write_template
from i18n import catalogue
from tests.import_helpers import state

KIND_NAMES = list(KINDS)
# Tables with rows per import that belong to no kind.
NOT_KIND_TABLES = {"import_log", "organisation"}


def _columns(con, table: str) -> set[str]:
    return {
        name
        for (name,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    }


def test_kinds_load_identities_first() -> None:
    assert KIND_NAMES[:3] == ["members", "events", "participants"]
    assert len({kind.name for kind in KINDS.values()}) == len(KINDS) == 8


@pytest.mark.parametrize("name", KIND_NAMES)
def test_columns_are_typed_and_named(name: str) -> None:
    kind: Kind = KINDS[name]
    assert kind.name == name and kind.template_sheet
    assert kind.columns and len({c.name for c in kind.columns}) == len(kind.columns)
    if name != "survey":  # a survey is known by its items, not by its sheet name
        assert kind.sheet_names and (kind.required or kind.one_of)
    for column in kind.columns:
        assert column.type in TYPES, column
        assert column.header_fi and column.aliases, column
        assert (column.type == "enum") == (column.enum in ENUMS), column
    names = {c.name for c in kind.columns}
    assert {check.column for check in kind.row_checks} <= names
    assert set(kind.one_of) <= names and set(kind.context) <= names


@pytest.mark.parametrize("name", KIND_NAMES)
def test_ignored_headers_are_no_column_of_the_kind(name: str) -> None:
    """A header the kind stores nowhere must not also name one of its columns."""
    aliases = alias_map(name)
    assert not {normalise_header(header) for header in KINDS[name].ignored} & aliases.keys()


@pytest.mark.parametrize("name", KIND_NAMES)
def test_labels_in_both_languages(name: str) -> None:
    messages = catalogue()
    keys = [f"data.kind.{name}", f"ui.file.{name}"]
    keys += [f"analytics.table.{table.name}" for table in KINDS[name].tables]
    keys += [f"data.issue.{check.code}" for check in KINDS[name].row_checks]
    for key in keys:
        assert messages[key]["fi"] and messages[key]["en"], key


@pytest.mark.parametrize("name", KIND_NAMES)
def test_tables_keys_and_view_run_on_the_schema(con, name: str) -> None:
    kind = KINDS[name]
    assert kind.tables and callable(kind.loader)
    for table in kind.tables:
        columns = _columns(con, table.name)
        assert {"cluster_id", "import_id"} <= columns, table
        assert ("replaced_by" in columns) == (table.key is not None), table
        assert ("org_id" in columns) == table.holds_orgs, table
        if table.key is not None:
            con.execute(f"SELECT {table.key} FROM {table.key_source or table.name} LIMIT 0")
        if table.kept_while_used is not None:
            user, column = table.kept_while_used
            assert column in columns and column in _columns(con, user), table
    con.execute(f"SELECT cluster_id FROM {kind.view} LIMIT 0")


def test_every_table_with_import_rows_belongs_to_a_kind(con) -> None:
    with_imports = {
        table
        for (table,) in con.execute(
            "SELECT table_name FROM information_schema.columns "
            "WHERE column_name = 'import_id' AND table_name NOT LIKE 'v\\_%' ESCAPE '\\'"
        ).fetchall()
    }
    assert with_imports - NOT_KIND_TABLES == {table.name for table in TABLES}


@pytest.mark.parametrize("name", KIND_NAMES)
def test_template_loads_into_the_kind_and_undo_removes_it(con, tmp_path, name: str) -> None:
    """The kind's own template with its example row: the loader writes only the kind's
    declared tables, the rows show in its view, and undo leaves the database as before."""
    path = tmp_path / f"{name}.xlsx"
    write_template(name, path)
    before = state(con)
    report = import_file(
        con,
        path,
        event_title="Aamukahvit",
        event_date="2024-06-20",
        survey_year=2024,
    )
    assert report.status == "loaded", report.to_text("en")
    assert report.rows_loaded == 1
    view_rows = con.execute(f"SELECT count(*) FROM {KINDS[name].view}").fetchone()[0]
    assert view_rows == 1
    declared = {table.name for table in KINDS[name].tables} | {"organisation"}
    after = state(con)
    changed = {table for table in after if after[table] != before[table]}
    assert changed <= declared
    undo_import(con, report.import_id)
    assert state(con) == before
