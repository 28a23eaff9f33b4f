"""The indicators' SQL: ``rules.sql`` (the shared rules as macros) and one file per query.

Every query takes ``$cluster_id``, ``$first`` and ``$last`` (an inclusive year range). A source
query (``org_1.sql``) returns one row per year of the range with a column per quantity; a
family query (``org_4_by_type.sql``) returns ``year, part, value, n`` rows for the parts that
occur. ``indicators.model`` turns both into result rows.
"""
