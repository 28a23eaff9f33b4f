"""Attendance lists (SPEC 2 participants): one row per person at an event.

People are stored as keyed hashes only (SPEC 6); an unknown event is created from the list and
an unknown organisation becomes a non-member organisation (SPEC 3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from data import orgs
from data.kinds.base import BOOL, BUSINESS_ID, DATE, ENUM, TEXT, Column, Kind, RowCheck, Table
from data.kinds.events import EVENT
from data.load import LoadContext, count, good, match_events, orgs_created, supersede
from data.report import ERROR

if TYPE_CHECKING:
    from data.normalise import Staged

C = Column

COLUMNS = (
    C("event_id", "Tapahtuma-id", TEXT, ("tapahtuma-id", "tunniste"), example="T-2024-01"),
    C("event_title", "Tapahtuma", TEXT, ("tapahtuma", "tapahtuman nimi")),
    C("event_date", "Päivämäärä", DATE, ("päivämäärä", "pvm")),
    C(
        "organisation",
        "Organisaatio",
        TEXT,
        ("organisaatio", "yritys", "edustamani organisaatio", "organisation", "company"),
        required=True,
        example="Esimerkki Oy",
    ),
    C("business_id", "Y-tunnus", BUSINESS_ID, ("y-tunnus",), example="1234567-1"),
    C("first_name", "Etunimi", TEXT, ("etunimi", "first name"), example="Maija"),
    C("last_name", "Sukunimi", TEXT, ("sukunimi", "last name"), example="Meikäläinen"),
    C("person", "Nimi", TEXT, ("nimi", "osallistuja", "person", "name")),
    C(
        "email",
        "Sähköposti",
        TEXT,
        ("sähköposti", "email", "e-mail"),
        example="maija@example.fi",
    ),
    C(
        "role",
        "Rooli",
        ENUM,
        ("rooli", "role"),
        enum="participant_role",
        default="attendee",
        example="osallistuja",
    ),
    C(
        "attended",
        "Osallistui",
        BOOL,
        ("osallistui", "paikalla", "attended"),
        default=True,
        example="kyllä",
    ),
)
# A person at an event: the e-mail hash, else the name hash and organisation, else the
# organisation (rows without a person).
PARTICIPATION = Table(
    "participation",
    key=(
        "CAST(event_key AS VARCHAR) || '|' || coalesce('e:' || email_hash, "
        "'n:' || name_hash || ':' || org_id, 'o:' || org_id)"
    ),
    holds_orgs=True,
)


def load(ctx: LoadContext, staged: Staged) -> int:
    """Attendance rows; unknown events are created (``from_attendance``), unknown
    organisations become non-member organisations, people are stored as keyed hashes."""
    t, cur = staged.table, ctx.cur
    cur.execute(f"CREATE OR REPLACE TEMP VIEW {t}_g AS {good(staged)}")
    match_events(ctx, f"{t}_g", f"{t}_k", "event_id", "event_title", "event_date")
    new_events = cur.execute(f"""
        SELECT min(g.__row), arg_min(g.event_id, g.__row), arg_min(g.event_title, g.__row),
               g.event_date
        FROM {t}_g g JOIN {t}_k k USING (__row)
        WHERE k.event_key IS NULL AND g.event_title IS NOT NULL AND g.event_date IS NOT NULL
        GROUP BY lower(g.event_title), g.event_date ORDER BY 1
    """).fetchall()
    if new_events:
        cur.execute(f"""
            INSERT INTO event (cluster_id, event_key, import_id, row_no, event_id, title, date,
                               event_type, from_attendance)
            SELECT {ctx.cluster}, nextval('seq_event'), {ctx.import_id}, NULL, event_id,
                   title, date, 'other', true
            FROM (SELECT arg_min(g.event_id, g.__row) AS event_id,
                         arg_min(g.event_title, g.__row) AS title, g.event_date AS date,
                         min(g.__row) AS first_row
                  FROM {t}_g g JOIN {t}_k k USING (__row) WHERE k.event_key IS NULL
                  GROUP BY lower(g.event_title), g.event_date) ORDER BY first_row
        """)
        header = staged.layout.headers.get("event_title")
        for row, _, title, date in new_events:
            ctx.warn(staged.sheet, row, header, title, "event_created", date=date.isoformat())
        match_events(ctx, f"{t}_g", f"{t}_k", "event_id", "event_title", "event_date")
    created = orgs.resolve(
        cur,
        f"SELECT __row AS ref, business_id, organisation AS name, 'other' AS org_type FROM {t}_g",
        f"{t}_org",
        cluster_id=ctx.cluster_id,
        import_id=ctx.import_id,
    )
    orgs_created(ctx, staged, created)
    cur.execute(f"""
        INSERT INTO participation (cluster_id, import_id, row_no, event_key, org_id, email_hash,
                                   name_hash, role, attended)
        SELECT {ctx.cluster}, {ctx.import_id}, g.__row, k.event_key, o.org_id, km_hmac(g.email),
               km_hmac(coalesce(g.person, nullif(concat_ws(' ', g.first_name, g.last_name), ''))),
               coalesce(g.role, 'attendee'), g.attended
        FROM {t}_g g JOIN {t}_k k USING (__row) JOIN {t}_org o ON o.ref = g.__row
        ORDER BY g.__row
    """)
    supersede(ctx, PARTICIPATION)
    return count(ctx, f"{t}_g")


PARTICIPANTS = Kind(
    "participants",
    ("Osallistujat", "Participants"),
    COLUMNS,
    tables=(PARTICIPATION, EVENT),
    view="v_participation",
    loader=load,
    template_sheet="Osallistujat",
    row_checks=(
        RowCheck(
            ERROR,
            "event_missing",
            "event_title",
            "event_id IS NULL AND (event_title IS NULL OR event_date IS NULL)",
        ),
    ),
)
