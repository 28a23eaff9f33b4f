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
from data.sqlfunc import sql_str

if TYPE_CHECKING:
    from data.normalise import Staged

C = Column

COLUMNS = (
    C("event_id", "Tapahtuma-id", TEXT, ("tapahtuma-id", "tunniste"), example="T-2024-01"),
    C(
        "event_title",
        "Tapahtuma",
        TEXT,
        ("tapahtuma", "tapahtuman nimi", "event name", "event title"),
    ),
    C(
        "event_date",
        "Päivämäärä",
        DATE,
        ("päivämäärä", "pvm", "tapahtumapäivä", "event date", "event start date"),
    ),
    C(
        "organisation",
        "Organisaatio",
        TEXT,
        (
            "organisaatio",
            "yritys",
            "edustamani organisaatio",
            "organisation",
            "organization",
            "company",
            "organisaation nimi",
            "yrityksen nimi",
            "company name",
            "organisation name",
            "organization name",
            "työnantaja",
        ),
        example="Esimerkki Oy",
    ),
    C("business_id", "Y-tunnus", BUSINESS_ID, ("y-tunnus",), example="1234567-1"),
    C(
        "first_name",
        "Etunimi",
        TEXT,
        ("etunimi", "first name", "given name"),
        example="Maija",
    ),
    C(
        "last_name",
        "Sukunimi",
        TEXT,
        ("sukunimi", "last name", "surname", "family name"),
        example="Meikäläinen",
    ),
    C(
        "person",
        "Nimi",
        TEXT,
        (
            "nimi",
            "osallistuja",
            "person",
            "name",
            "full name",
            "koko nimi",
            "user name",
            "osallistujan nimi",
            "attendee name",
            "participant name",
        ),
    ),
    C(
        "email",
        "Sähköposti",
        TEXT,
        (
            "sähköposti",
            "email",
            "e-mail",
            "sähköpostiosoite",
            "email address",
            "e-mail address",
            "user email",
        ),
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
        ("osallistui", "paikalla", "attended", "checked in"),
        default=True,
        example="kyllä",
    ),
    C(
        "status",
        "Osallistumisen tila",
        ENUM,
        (
            "osallistumistila",
            "osallistujan tila",
            "ilmoittautumisen tila",
            "ilmoittautumistila",
            "attendee status",
            "participant status",
            "participation status",
            "registration status",
            "user action",
            "käyttäjän toiminto",
        ),
        enum="participation_status",
    ),
)
# Headers of the tools' attendance exports that are the kind's but stored nowhere (Teams,
# Zoom, Eventbrite, Lyyti).
IGNORED = (
    "first join",
    "last leave",
    "in-meeting duration",
    "ensimmäinen liittyminen",
    "viimeinen poistuminen",
    "kokouksessa oloaika",
    "kesto",
    "liittymisaika",
    "poistumisaika",
    "osallistujan tunnus",
    "join time",
    "leave time",
    "duration",
    "time in session",
    "participant id",
    "timestamp",
    "aikaleima",
    "guest",
    "is guest",
    "recording consent",
    "recording disclaimer response",
    "in waiting room",
    "country/region name",
    "phone",
    "registration time",
    "approval status",
    "source name",
    "order #",
    "order no.",
    "order date",
    "quantity",
    "price tier",
    "ticket type",
    "attendee #",
    "order type",
    "currency",
    "group",
    "total paid",
    "fees paid",
    "eventbrite fees",
    "eventbrite payment processing",
    "job title",
    "home address 1",
    "home address 2",
    "home city",
    "home state",
    "home zip",
    "home country",
    "puhelin",
    "puhelinnumero",
    "ilmoittautumisaika",
    "ilmoittautumispäivä",
    "osallistujatyyppi",
    "tehtävänimike",
    "titteli",
)
# Key-value lines above the header that name the event (Teams summary, Zoom meeting block).
CONTEXT = {
    "event_title": (
        "meeting title",
        "topic",
        "kokouksen otsikko",
        "kokouksen nimi",
        "kokouksen aihe",
        "aihe",
        "event name",
        "tapahtuman nimi",
        "tapahtuma",
        "title",
        "otsikko",
    ),
    "event_date": (
        "start time",
        "meeting start time",
        "actual start time",
        "alkamisaika",
        "aloitusaika",
        "kokouksen alkamisaika",
        "event date",
        "date",
        "päivämäärä",
    ),
}
# A person at an event: the e-mail hash, else the name hash and organisation, else the
# organisation (rows without a person).
PARTICIPATION = Table(
    "participation",
    key=(
        "CAST(event_key AS VARCHAR) || '|' || coalesce('e:' || email_hash, "
        "'n:' || name_hash || ':' || coalesce(CAST(org_id AS VARCHAR), ''), 'o:' || org_id)"
    ),
    holds_orgs=True,
)


def load(ctx: LoadContext, staged: Staged) -> int:
    """Attendance rows; unknown events are created (``from_attendance``), unknown
    organisations become non-member organisations, people without an organisation are
    matched by e-mail domain, and people are stored as keyed hashes."""
    t, cur = staged.table, ctx.cur
    _rows(ctx, staged)
    _create_events(ctx, staged)
    created = orgs.resolve(
        cur,
        f"SELECT __row AS ref, business_id, organisation AS name, 'other' AS org_type FROM {t}_g",
        f"{t}_org",
        cluster_id=ctx.cluster_id,
        import_id=ctx.import_id,
    )
    orgs_created(ctx, staged, created)
    _orgs_by_domain(ctx, staged)
    # A list names the same people and e-mails on many rows: each is hashed once.
    cur.execute(f"""
        INSERT INTO participation (cluster_id, import_id, row_no, event_key, org_id, email_hash,
                                   name_hash, role, attended, domain_hash, org_from)
        SELECT {ctx.cluster}, {ctx.import_id}, g.__row, k.event_key,
               coalesce(o.org_id, d.org_id), e.hash, n.hash,
               coalesce(g.role, 'attendee'), {_attended(staged)}, g.__domain_hash,
               CASE WHEN o.org_id IS NOT NULL THEN 'list' WHEN d.org_id IS NOT NULL
                    THEN 'domain' END
        FROM {t}_g g JOIN {t}_k k USING (__row)
        LEFT JOIN (SELECT email, km_hmac(email) AS hash
                   FROM (SELECT DISTINCT email FROM {t}_g WHERE email IS NOT NULL)) e USING (email)
        LEFT JOIN (SELECT __name, km_hmac(__name) AS hash
                   FROM (SELECT DISTINCT __name FROM {t}_g WHERE __name IS NOT NULL)) n
            USING (__name)
        LEFT JOIN {t}_org o ON o.ref = g.__row LEFT JOIN {t}_dom d USING (__row)
    """)
    supersede(ctx, PARTICIPATION)
    _report_domains(ctx, staged)
    return count(ctx, f"{t}_g")


def _rows(ctx: LoadContext, staged: Staged) -> None:
    """Temp table ``<t>_g``: the good rows with the columns the load reads, the person's name
    as hashed (``__name``), the e-mail domain (``__domain``) and its keyed hash
    (``__domain_hash``, none for free-mail). Thousands of addresses share a few domains, so
    each distinct domain part is parsed and hashed once."""
    columns = ", ".join(column.name for column in COLUMNS)
    tail = "CASE WHEN contains(email, '@') THEN split_part(email, '@', -1) ELSE email END"
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {staged.table}_g AS
        SELECT r.* EXCLUDE (__tail), d.__domain, d.__domain_hash
        FROM (SELECT __row, {columns}, {tail} AS __tail,
                     coalesce(regexp_replace(person, {sql_str(_NAME_QUALIFIER)}, '', 'i'),
                              nullif(concat_ws(' ', first_name, last_name), '')) AS __name
              FROM {good(staged)}) r
        LEFT JOIN (
            SELECT __tail, __domain, CASE WHEN NOT km_free_mail(__domain)
                                          THEN km_hmac(__domain) END AS __domain_hash
            FROM (SELECT __tail, km_domain(__tail) AS __domain
                  FROM (SELECT DISTINCT {tail} AS __tail FROM {good(staged)}
                        WHERE email IS NOT NULL))) d USING (__tail)
    """)


# Teams writes `` (External)`` after guests' names, and the like: not part of the name.
_NAME_QUALIFIER = r"\s*\((external|ulkoinen|guest|vieras|unverified|vahvistamaton)\)\s*$"


def _attended(staged: Staged) -> str:
    """SQL for a row's attended flag: the attended column, and a status if the list has one
    (present counts; registered only when nobody in the list is marked present)."""
    columns = staged.layout.columns
    attended = "g.attended"
    if "status" not in columns:
        return attended
    anyone_present = f"(SELECT coalesce(bool_or(status = 'present'), false) FROM {staged.table}_g)"
    by_status = (
        f"CASE coalesce(g.status, 'registered') WHEN 'present' THEN true "
        f"WHEN 'registered' THEN NOT {anyone_present} ELSE false END"
    )
    return f"({attended} AND {by_status})" if "attended" in columns else by_status


def _create_events(ctx: LoadContext, staged: Staged) -> None:
    """Temp table ``<t>_k(__row, event_key)``; events the list names but the database does
    not hold are created (type other) and reported."""
    t, cur = staged.table, ctx.cur
    match_events(ctx, f"{t}_g", f"{t}_k", "event_id", "event_title", "event_date")
    new_events = cur.execute(f"""
        SELECT min(g.__row), arg_min(g.event_id, g.__row), arg_min(g.event_title, g.__row),
               g.event_date
        FROM {t}_g g JOIN {t}_k k USING (__row)
        WHERE k.event_key IS NULL AND g.event_title IS NOT NULL AND g.event_date IS NOT NULL
        GROUP BY lower(g.event_title), g.event_date ORDER BY 1
    """).fetchall()
    if not new_events:
        return
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
        ctx.warn(staged.sheet, row, header, title, "event_created", date=date)
    match_events(ctx, f"{t}_g", f"{t}_k", "event_id", "event_title", "event_date")


def _orgs_by_domain(ctx: LoadContext, staged: Staged) -> None:
    """Temp table ``<t>_dom(__row, org_id)``: rows naming no organisation, matched by their
    e-mail domain (SPEC 2.1).

    A domain belongs to an organisation when the register gives it (``domain``, website or
    e-mail columns), else to the organisation most often named beside it in attendance lists,
    earlier ones and this one. ``mail.acme.fi`` matches ``acme.fi``: the longest domain wins.
    Domains are compared as keyed hashes, as stored; free-mail domains never resolve.
    """
    t = staged.table
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {t}_dom AS
        WITH known AS (
            SELECT km_hmac(domain) AS domain_hash, org_id, 1 AS priority FROM v_member
            WHERE cluster_id = {ctx.cluster} AND domain IS NOT NULL AND NOT km_free_mail(domain)
            UNION ALL
            SELECT domain_hash, org_id, 2 FROM v_participation
            WHERE cluster_id = {ctx.cluster} AND org_from = 'list' AND domain_hash IS NOT NULL
            UNION ALL
            SELECT g.__domain_hash, o.org_id, 2 FROM {t}_g g JOIN {t}_org o ON o.ref = g.__row
            WHERE g.__domain_hash IS NOT NULL
        ),
        owners AS (
            SELECT domain_hash, org_id FROM (
                SELECT domain_hash, org_id, row_number() OVER (PARTITION BY domain_hash
                    ORDER BY min(priority), count(*) DESC, org_id) AS rank
                FROM known GROUP BY domain_hash, org_id)
            WHERE rank = 1
        ),
        -- each unresolved row's domain and the domains above it: mail.acme.fi, acme.fi
        suffixes AS (
            SELECT __row, km_hmac(array_to_string(parts[i:], '.')) AS domain_hash,
                   len(parts) - i AS depth
            FROM (SELECT __row, parts, unnest(range(1, len(parts))) AS i
                  FROM (SELECT __row, string_split(__domain, '.') AS parts FROM {t}_g
                        WHERE __domain_hash IS NOT NULL
                          AND __row NOT IN (SELECT ref FROM {t}_org)))
        )
        SELECT s.__row, arg_max(w.org_id, s.depth) AS org_id
        FROM suffixes s JOIN owners w USING (domain_hash)
        GROUP BY s.__row
    """)


def _report_domains(ctx: LoadContext, staged: Staged) -> None:
    """Say how many people were matched by domain, and list the domains of the attending
    people whose organisation stays unknown: they count as people, never as organisations."""
    t = staged.table
    matched = count(ctx, f"{t}_dom")
    if matched:
        ctx.warn(staged.sheet, None, None, None, "orgs_by_domain", count=matched)
    rows = ctx.cur.execute(f"""
        SELECT g.__domain, km_free_mail(g.__domain), count(*) FROM {t}_g g
        WHERE g.__row NOT IN (SELECT ref FROM {t}_org)
          AND g.__row NOT IN (SELECT __row FROM {t}_dom)
          AND {_attended(staged)}
        GROUP BY ALL ORDER BY 3 DESC, 1 NULLS LAST
    """).fetchall()
    if not rows:
        return
    domains = ", ".join(
        f"{domain or '–'}{'*' if free else ''} ({people})" for domain, free, people in rows
    )
    ctx.warn(
        staged.sheet,
        None,
        staged.layout.headers.get("email"),
        None,
        "orgs_unresolved",
        count=sum(people for _, _, people in rows),
        domains=domains,
    )


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
        RowCheck(
            ERROR,
            "nobody",
            "organisation",
            "organisation IS NULL AND business_id IS NULL AND email IS NULL AND person IS NULL"
            " AND first_name IS NULL AND last_name IS NULL",
        ),
    ),
    one_of=("organisation", "business_id", "email", "first_name", "last_name", "status"),
    ignored=IGNORED,
    context=CONTEXT,
    # Zoom's webinar attendee report: one table per kind of participant.
    sections={
        "host details": {"role": "host"},
        "panelist details": {"role": "speaker"},
        "attendee details": {"role": "attendee"},
        "other attended": {"role": "attendee"},
    },
)
