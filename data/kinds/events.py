"""Event lists (SPEC 2 events): one row per event, identified by id or by title and date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.kinds.base import DATE, ENUM, TEXT, Column, Kind, Table
from data.load import LoadContext, count, event_key_sql, keep_last, match_events, supersede

if TYPE_CHECKING:
    from data.normalise import Staged

C = Column

COLUMNS = (
    C("event_id", "Tunniste", TEXT, ("tunniste", "tapahtuma-id", "id"), example="T-2024-01"),
    C(
        "title",
        "Nimi",
        TEXT,
        ("nimi", "otsikko", "tapahtuma", "event", "title"),
        required=True,
        example="Aamukahvit: automaation uudet tuulet",
    ),
    C(
        "date",
        "Päivämäärä",
        DATE,
        ("päivämäärä", "pvm", "ajankohta", "date"),
        required=True,
        example="20.6.2024",
    ),
    C(
        "event_type",
        "Tyyppi",
        ENUM,
        ("tyyppi", "tapahtumatyyppi", "type"),
        enum="event_type",
        default="other",
        example="aamukahvi",
    ),
    C(
        "format",
        "Muoto",
        ENUM,
        ("muoto", "format"),
        enum="event_format",
        example="lähitapahtuma",
    ),
    C("organiser", "Järjestäjä", TEXT, ("järjestäjä", "organiser"), example="Klusteri"),
)
# Attendance lists create events too; undo keeps such an event while another import's
# attendance refers to it.
EVENT = Table(
    "event",
    key="CAST(event_key AS VARCHAR)",
    kept_while_used=("participation", "event_key"),
)


def load(ctx: LoadContext, staged: Staged) -> int:
    t = staged.table
    keep_last(ctx, staged, event_key_sql("event_id", "title", "date"), f"{t}_e", "title")
    match_events(ctx, f"{t}_e", f"{t}_k", "event_id", "title", "date")
    ctx.cur.execute(f"""
        INSERT INTO event (cluster_id, event_key, import_id, row_no, event_id, title, date,
                           event_type, format, organiser, from_attendance)
        SELECT {ctx.cluster}, coalesce(k.event_key, nextval('seq_event')), {ctx.import_id},
               e.__row, e.event_id, e.title, e.date, coalesce(e.event_type, 'other'), e.format,
               e.organiser, false
        FROM {t}_e e JOIN {t}_k k USING (__row) ORDER BY e.__row
    """)
    supersede(ctx, EVENT)
    return count(ctx, f"{t}_e")


EVENTS = Kind(
    "events",
    ("Tapahtumat", "Events"),
    COLUMNS,
    tables=(EVENT,),
    view="v_event",
    loader=load,
    template_sheet="Tapahtumat",
)
