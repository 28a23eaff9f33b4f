"""The one-click board report (issue 6 item 2): the chart workbook and the HTML page together.

The board data are gathered once and both documents drawn from them, so the two always show
the same numbers; the export is audited once.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from export.board_data import Years, board_data, record_board_export
from export.board_workbook import workbook_from
from export.html_report import page_from
from indicators.registry import Registry


@dataclass(frozen=True)
class BoardReport:
    xlsx: bytes
    html: str


def board_report(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str,
    year_range: Years,
    lang: str = "fi",
    *,
    user: str | None = None,
) -> BoardReport:
    """Both board documents for the inclusive ``year_range``, with one audit entry."""
    data = board_data(con, registry, cluster_id, year_range, lang)
    report = BoardReport(workbook_from(data), page_from(data))
    record_board_export(con, cluster_id, user, "board_report", data)
    return report
