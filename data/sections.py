"""Sheets holding several tables one below the other, each under its own title line.

Zoom's webinar attendee report lists ``Host Details``, ``Panelist Details`` and ``Attendee
Details``, each title followed by its own header (the attendees' has more columns). A kind
names the titles it knows (``Kind.sections``) and what each says about its rows (hosts are
hosts, panelists speakers); the sheet is read as one block per title, in one pass over the
sheet's lone lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from data.headers import normalise_header
from data.kinds import KINDS


@dataclass(frozen=True)
class Block:
    """Rows of one titled table: from its header to the line above the next title."""

    title: str | None
    table: pa.Table
    values: dict[str, object] = field(default_factory=dict)  # what the title says of its rows


def split(
    cur: duckdb.DuckDBPyConnection, table: pa.Table, kind: str, header_row: int
) -> list[Block]:
    """The sheet's blocks, or one block (the whole sheet) when no known title follows the
    header; the first block runs from the top of the sheet, so its header and the lines
    above it stay as they are."""
    titles = KINDS[kind].sections
    if not titles:
        return [Block(None, table)]
    cells = [f'"{name}"' for name in table.column_names if name != "__row"]
    filled = " + ".join(f"({cell} IS NOT NULL)::INTEGER" for cell in cells)
    cur.register("km_sections_raw", table)
    try:
        lone = cur.execute(f"""
            SELECT __row, trim(coalesce({", ".join(cells)})) FROM km_sections_raw
            WHERE {filled} = 1 ORDER BY __row
        """).fetchall()
    finally:
        cur.unregister("km_sections_raw")
    found = [(row, text) for row, text in lone if normalise_header(text) in titles]
    later = [(row, text) for row, text in found if row > header_row]
    if not later:
        return [Block(None, table)]
    first_title = next((text for row, text in reversed(found) if row < header_row), None)
    starts = [(table.column("__row")[0].as_py(), first_title), *later]
    rows = table.column("__row")
    blocks = []
    for index, (start, title) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else None
        keep = pc.greater_equal(rows, start)
        if end is not None:
            keep = pc.and_(keep, pc.less(rows, end))
        values = titles.get(normalise_header(title), {}) if title else {}
        blocks.append(Block(title, table.filter(keep), values))
    return blocks
