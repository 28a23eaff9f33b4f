"""Re-import rules and undo (SPEC 3): no-op on the same file, register snapshots replace,
newer rows replace older ones by natural key, undo restores the exact previous state."""

from __future__ import annotations

import datetime as dt

import pytest

from data.importer import ImportRefused, import_file, import_history, undo_import
from tests.import_helpers import rows, state, workbook

REGISTER_1 = [
    ["Nimi", "Y-tunnus", "Tila"],
    ["Acme Oy", "1234567-1", "jäsen"],
    ["Beta Oy", None, "jäsen"],
]
REGISTER_2 = [
    ["Nimi", "Y-tunnus", "Tila", "Eronnut"],
    ["ACME OY", "1234567-1", "jäsen", None],
    ["Beta Oy", None, "entinen", "30.6.2024"],
    ["Delta Ky", None, "seuraaja", None],
]
FUNDING_1 = [
    ["Vuosi", "Lähde", "Summa", "Maksaja", "Tila"],
    [2024, "kaupunki", 15000, "Loimaa", "sitoumus"],
    [2024, "jäsenmaksu", 500, "Acme Oy", "maksettu"],
]
FUNDING_2 = [
    ["Vuosi", "Lähde", "Summa", "Maksaja", "Tila"],
    [2024, "kaupunki", 15000, "Loimaa", "maksettu"],
    [2025, "kaupunki", 20000, "Loimaa", "sitoumus"],
]
PARTICIPANTS = [
    ["Tapahtuma", "Päivämäärä", "Organisaatio", "Sähköposti", "Osallistui"],
    ["Aamukahvit", "20.6.2024", "Acme Oy", "a@acme.fi", "kyllä"],
    ["Aamukahvit", "20.6.2024", "Uusi Oy", "u@uusi.fi", "ei"],
]


def test_same_file_again_is_a_noop_that_says_so(con, tmp_path) -> None:
    path = workbook(tmp_path / "osallistujat.xlsx", {"Osallistujat": PARTICIPANTS})
    first = import_file(con, path)
    assert first.status == "loaded"
    before = state(con)
    again = import_file(con, path, file_name="kopio.xlsx")
    assert again.status == "noop"
    assert state(con) == before
    assert f"jo tuotu (tuonti {first.import_id})" in again.to_text("fi")
    assert f"already imported (import {first.import_id})" in again.to_text("en")
    assert [(h["file_name"], h["status"]) for h in import_history(con, "default")] == [
        ("kopio.xlsx", "noop"),
        ("osallistujat.xlsx", "loaded"),
    ]


def test_register_reimport_replaces_the_member_list(con, tmp_path) -> None:
    first = import_file(con, workbook(tmp_path / "r1.xlsx", {"Jäsenet": REGISTER_1}))
    again = import_file(con, workbook(tmp_path / "r1.xlsx", {"Jäsenet": REGISTER_1}))
    assert again.status == "loaded"  # a register is a snapshot: the same file reloads
    second = import_file(con, workbook(tmp_path / "r2.xlsx", {"Jäsenet": REGISTER_2}))
    assert second.status == "loaded"
    assert rows(
        con,
        "SELECT o.name, m.status, m.member_until, m.import_id FROM v_member m "
        "JOIN organisation o USING (cluster_id, org_id) ORDER BY o.name",
    ) == [
        ("Acme Oy", "member", None, second.import_id),
        ("Beta Oy", "former", dt.date(2024, 6, 30), second.import_id),
        ("Delta Ky", "follower", None, second.import_id),
    ]
    assert rows(
        con, "SELECT import_id, replaced_by, count(*) FROM membership GROUP BY ALL ORDER BY 1"
    ) == [
        (first.import_id, again.import_id, 2),
        (again.import_id, second.import_id, 2),
        (second.import_id, None, 3),
    ]
    assert rows(con, "SELECT count(*) FROM organisation") == [(3,)]


def test_newer_rows_replace_older_ones_with_the_same_key(con, tmp_path) -> None:
    first = import_file(con, workbook(tmp_path / "f1.xlsx", {"Rahoitus": FUNDING_1}))
    second = import_file(con, workbook(tmp_path / "f2.xlsx", {"Rahoitus": FUNDING_2}))
    assert second.status == "loaded"
    assert rows(
        con,
        "SELECT year, source_type, amount_eur::INT, status, import_id FROM "
        "v_funding ORDER BY year, source_type",
    ) == [
        (2024, "city_base_funding", 15000, "paid", second.import_id),
        (2024, "membership_fee", 500, "paid", first.import_id),
        (2025, "city_base_funding", 20000, "committed", second.import_id),
    ]


def test_events_reimported_with_changes_keep_their_identity(con, tmp_path) -> None:
    part = import_file(con, workbook(tmp_path / "p.xlsx", {"Osallistujat": PARTICIPANTS}))
    events = import_file(
        con,
        workbook(
            tmp_path / "e.xlsx",
            {
                "Tapahtumat": [
                    ["Nimi", "Päivämäärä", "Tyyppi"],
                    ["Aamukahvit", "20.6.2024", "aamukahvi"],
                ]
            },
        ),
    )
    assert events.status == "loaded"
    assert rows(con, "SELECT title, event_type, from_attendance, import_id FROM v_event") == [
        ("Aamukahvit", "morning_coffee", False, events.import_id)
    ]
    assert rows(
        con, "SELECT count(*) FROM v_participation p JOIN v_event e USING (cluster_id, event_key)"
    ) == [(2,)]
    assert rows(con, "SELECT import_id, replaced_by FROM event ORDER BY import_id") == [
        (part.import_id, events.import_id),
        (events.import_id, None),
    ]


def test_reexported_attendance_list_replaces_people_by_email(con, tmp_path) -> None:
    import_file(con, workbook(tmp_path / "p1.xlsx", {"Osallistujat": PARTICIPANTS}))
    updated = [row[:] for row in PARTICIPANTS]
    updated[2][4] = "kyllä"
    second = import_file(con, workbook(tmp_path / "p2.xlsx", {"Osallistujat": updated}))
    assert second.status == "loaded"
    assert rows(con, "SELECT attended, import_id FROM v_participation ORDER BY row_no") == [
        (True, second.import_id),
        (True, second.import_id),
    ]


def test_undo_restores_the_exact_previous_state(con, tmp_path) -> None:
    import_file(con, workbook(tmp_path / "r1.xlsx", {"Jäsenet": REGISTER_1}))
    import_file(con, workbook(tmp_path / "f1.xlsx", {"Rahoitus": FUNDING_1}))
    import_file(con, workbook(tmp_path / "p1.xlsx", {"Osallistujat": PARTICIPANTS}))
    before = state(con)
    both = import_file(
        con,
        workbook(
            tmp_path / "kaikki.xlsx",
            {
                "Jäsenet": REGISTER_2,
                "Rahoitus": FUNDING_2,
                "Osallistujat": PARTICIPANTS,
                "Hankkeet": [
                    ["Nimi", "Tila", "Alkaa", "Kumppanit"],
                    ["H1", "käynnissä", "1.1.2024", "Acme Oy; Kumppani Oy"],
                ],
                "Menestystarinat": [
                    ["Pvm", "Tyyppi", "Otsikko", "Organisaatiot"],
                    ["1.2.2024", "pilotti", "Pilotti", "Tuntematon Oy"],
                ],
            },
        ),
    )
    assert both.status == "loaded", both.to_text("en")
    assert state(con) != before
    undo_import(con, both.import_id, user="maija")
    assert state(con) == before
    assert rows(
        con,
        "SELECT status, undone_at IS NOT NULL FROM import_log WHERE import_id = ?".replace(
            "?", str(both.import_id)
        ),
    ) == [("undone", True)]
    assert rows(con, "SELECT action, user_name FROM audit_log WHERE action = 'undo'") == [
        ("undo", "maija")
    ]
    with pytest.raises(ImportRefused) as refused:
        undo_import(con, both.import_id)
    assert "peruttu" in refused.value.message("fi") and "undone" in refused.value.message("en")
    with pytest.raises(ImportRefused):
        undo_import(con, 999)


def test_undo_in_the_middle_keeps_later_imports_in_force(con, tmp_path) -> None:
    first = import_file(con, workbook(tmp_path / "r1.xlsx", {"Jäsenet": REGISTER_1}))
    middle = import_file(con, workbook(tmp_path / "r2.xlsx", {"Jäsenet": REGISTER_2}))
    # Removes Delta Ky, a third of the register: loaded as confirmed (--replace-register).
    last = import_file(
        con, workbook(tmp_path / "r3.xlsx", {"Jäsenet": REGISTER_1}), removal_limit=None
    )
    assert last.status == "loaded"
    undo_import(con, middle.import_id)
    assert rows(con, "SELECT import_id, replaced_by FROM membership GROUP BY ALL ORDER BY 1") == [
        (first.import_id, last.import_id),
        (last.import_id, None),
    ]
    assert rows(con, "SELECT count(*) FROM v_member") == [(2,)]


def test_project_reimported_without_partners_drops_them_and_undo_brings_them_back(
    con, tmp_path
) -> None:
    head = ["Tunniste", "Nimi", "Tila", "Alkaa", "Kumppanit"]
    first = import_file(
        con,
        workbook(
            tmp_path / "h1.xlsx",
            {"Hankkeet": [head, ["H1", "Hanke", "haettu", "1.1.2024", "Acme Oy; Beta Oy"]]},
        ),
    )
    before = state(con)
    second = import_file(
        con,
        workbook(
            tmp_path / "h2.xlsx",
            {"Hankkeet": [head, ["h1", "Hanke", "myönnetty", "1.1.2024", None]]},
        ),
    )
    assert rows(con, "SELECT status, import_id FROM v_project") == [("granted", second.import_id)]
    assert rows(con, "SELECT count(*) FROM v_project_partner") == [(0,)]
    assert rows(con, "SELECT DISTINCT project_key FROM project") == [(1,)]
    undo_import(con, second.import_id)
    assert state(con) == before
    assert rows(con, "SELECT count(*), min(import_id) FROM v_project_partner") == [
        (2, first.import_id)
    ]


def test_repeated_keys_within_a_file_keep_the_last_row_with_a_warning(con, tmp_path) -> None:
    report = import_file(
        con,
        workbook(
            tmp_path / "t.xlsx",
            {
                "Tapahtumat": [
                    ["Tunniste", "Nimi", "Päivämäärä"],
                    ["T1", "Vanha nimi", "1.2.2024"],
                    ["T1", "Uusi nimi", "1.2.2024"],
                ],
                "Jäsenet": [
                    ["Nimi", "Y-tunnus", "Henkilöstö"],
                    ["Acme Oy", "1234567-1", 5],
                    ["ACME", "1234567-1", 6],
                ],
            },
        ),
    )
    assert report.status == "loaded"
    assert sorted((i.sheet, i.row, i.code) for i in report.issues) == [
        ("Jäsenet", 2, "duplicate_in_file"),
        ("Tapahtumat", 2, "duplicate_in_file"),
    ]
    assert rows(con, "SELECT event_id, title FROM v_event") == [("T1", "Uusi nimi")]
    assert rows(con, "SELECT employees FROM v_member") == [(6,)]
