"""The SQL of every built-in indicator (SPEC 5), one set-based query per indicator over all years.

Every query takes ``$cluster_id``, ``$first`` and ``$last`` and returns long rows
``year, metric, value, n, note``: ``value`` DOUBLE (NULL when not computable), ``n`` the count a
survey or coverage figure rests on, ``note`` a message key under ``indicators.note.`` or NULL.
A year of the range with no matching rows yields 0 for counts and sums, because the years CTE
drives every query; ratios with a zero denominator are NULL with a note.
"""

from __future__ import annotations

from collections.abc import Sequence

from indicators.engagement import ENGAGEMENT_CTES
from indicators.sql_fragments import (
    ATTENDED_ROWS,
    FUNDED_STATUSES,
    YEARS_CTE,
    member_on,
    year_end,
    year_start,
)

# (metric, value expression, n expression or None, note expression or None)
MetricExpr = tuple[str, str, str | None, str | None]


def long_rows(source: str, metrics: Sequence[MetricExpr]) -> str:
    """SELECT turning one row per year of ``source`` into one row per year and metric."""
    structs = ", ".join(
        f"{{'metric': '{name}', 'value': ({value})::DOUBLE, 'n': ({n or 'NULL'})::BIGINT,"
        f" 'note': ({note or 'NULL'})::VARCHAR}}"
        for name, value, n, note in metrics
    )
    return f"SELECT year, unnest([{structs}], recursive := true) FROM {source}"


def ratio(
    metric: str,
    numerator: str,
    denominator: str,
    note: str = "zero_denominator",
    n: str | None = None,
) -> MetricExpr:
    """A fraction that is NULL with ``note`` when the denominator is 0."""
    return (
        metric,
        f"CASE WHEN ({denominator}) = 0 THEN NULL ELSE ({numerator}) / ({denominator}) END",
        n,
        f"CASE WHEN ({denominator}) = 0 THEN '{note}' END",
    )


def count(metric: str, expr: str, n: str | None = None) -> MetricExpr:
    """A count or sum, 0 in a year without rows; ``n`` counts the rows a euro sum rests on (a
    sum of no entered row reads as "not recorded", ``indicators.honesty``)."""
    return (metric, f"coalesce({expr}, 0)", None if n is None else f"coalesce({n}, 0)", None)


def _in_list(values: Sequence[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


# Attended rows de-duplicated to persons (SPEC 5): rows of one event that share an e-mail hash,
# or a name hash and organisation, directly or through a chain of such rows, are one person and
# get one ``person`` label, the smallest row number of their group. Rows that share no key keep
# their own number; the rest are linked to the first row of each key group and labelled by a
# recursive connected-components pass, exact for chains of any length. Queries using this
# start with ``WITH RECURSIVE``.
PERSON_ROWS = (
    ATTENDED_ROWS
    + """,
person_base AS MATERIALIZED (SELECT *, row_number() OVER () AS person FROM attended_rows),
email_groups AS (
    SELECT event_key, email_hash, min(person) AS email_root FROM person_base
    WHERE email_hash IS NOT NULL GROUP BY event_key, email_hash HAVING count(*) > 1
),
name_groups AS (
    SELECT event_key, name_hash, org_id, min(person) AS name_root FROM person_base
    WHERE name_hash IS NOT NULL GROUP BY event_key, name_hash, org_id HAVING count(*) > 1
),
flagged AS MATERIALIZED (
    SELECT b.*, eg.email_root, ng.name_root
    FROM person_base b
    LEFT JOIN email_groups eg USING (event_key, email_hash)
    LEFT JOIN name_groups ng ON ng.event_key = b.event_key AND ng.name_hash = b.name_hash
        AND ng.org_id IS NOT DISTINCT FROM b.org_id
),
links AS (
    SELECT person AS a, root AS b FROM (
        SELECT person, email_root AS root FROM flagged WHERE email_root IS NOT NULL
        UNION ALL
        SELECT person, name_root FROM flagged WHERE name_root IS NOT NULL
    ) WHERE person <> root
),
edges AS (SELECT a, b FROM links UNION ALL SELECT b, a FROM links),
components(person, label) USING KEY (person) AS (
    SELECT person, least(person, email_root, name_root) FROM flagged
    WHERE email_root IS NOT NULL OR name_root IS NOT NULL
    UNION
    SELECT e.b, min(w.label)
    FROM components w
    JOIN edges e ON e.a = w.person
    JOIN recurring.components cur ON cur.person = e.b
    GROUP BY e.b
    HAVING min(w.label) < min(cur.label)
),
person_rows AS (
    SELECT f.* EXCLUDE (email_root, name_root) REPLACE (coalesce(c.label, f.person) AS person)
    FROM flagged f LEFT JOIN components c USING (person)
)"""
)


def org1_sql() -> str:
    """ORG-1: membership flows, retention, engagement levels and participating-member share."""
    levels = ("core", "active", "occasional", "passive")
    metrics = [
        count("members_year_end", "members"),
        count("new_members", "joined"),
        count("members_left", "left_"),
        ratio(
            "retention_rate", "coalesce(retained, 0)", "coalesce(at_start, 0)", "no_members_start"
        ),
        *(count(f"engagement_{level}", level) for level in levels),
        ratio(
            "participating_member_share",
            "coalesce(participating, 0)",
            "coalesce(members, 0)",
            "no_members",
        ),
    ]
    dated = (
        "m.cluster_id = $cluster_id AND m.status <> 'follower'"
        " AND NOT (m.status = 'former' AND m.member_until IS NULL)"
    )
    by_level = ",\n           ".join(
        f"count(*) FILTER (WHERE level = '{lv}') AS {lv}" for lv in levels
    )
    return f"""WITH {ENGAGEMENT_CTES},
start_members AS (
    SELECT DISTINCT y.year, m.org_id FROM years y
    JOIN v_member m ON m.cluster_id = $cluster_id AND {member_on("m", year_start("y.year"))}
),
st AS (SELECT year, count(*) AS at_start FROM start_members GROUP BY year),
rt AS (SELECT year, count(*) AS retained FROM start_members JOIN members USING (year, org_id) GROUP BY year),
nw AS (SELECT year(m.member_since)::INTEGER AS year, count(DISTINCT m.org_id) AS joined FROM v_member m
       WHERE {dated} AND m.member_since IS NOT NULL GROUP BY 1),
lf AS (SELECT year(m.member_until)::INTEGER AS year, count(DISTINCT m.org_id) AS left_ FROM v_member m
       WHERE {dated} AND m.member_until IS NOT NULL GROUP BY 1),
e AS (
    SELECT year, count(*) AS members,
           {by_level},
           count(*) FILTER (WHERE participations >= 1) AS participating
    FROM engagement GROUP BY year
),
src AS (
    SELECT y.year, e.* EXCLUDE (year), nw.joined, lf.left_, st.at_start, rt.retained
    FROM years y LEFT JOIN e USING (year) LEFT JOIN nw USING (year) LEFT JOIN lf USING (year)
    LEFT JOIN st USING (year) LEFT JOIN rt USING (year)
)
{long_rows("src", metrics)}"""


def org4_sql() -> str:
    """ORG-4: events held, their types, de-duplicated person participations, participating orgs."""
    metrics = [
        count("events_held", "events_held"),
        count("distinct_event_types", "types"),
        count("person_participations", "persons"),
        count("participating_orgs", "orgs"),
        count("events_with_attendance", "listed"),
    ]
    return f"""WITH RECURSIVE {YEARS_CTE},
{PERSON_ROWS},
ev AS (SELECT year(e.date)::INTEGER AS year, count(*) AS events_held,
              count(DISTINCT e.event_type) AS types,
              count(*) FILTER (WHERE EXISTS (
                  SELECT 1 FROM v_participation p
                  WHERE p.cluster_id = e.cluster_id AND p.event_key = e.event_key)) AS listed
       FROM v_event e WHERE e.cluster_id = $cluster_id GROUP BY 1),
pr AS (SELECT year, count(DISTINCT person) AS persons FROM person_rows GROUP BY year),
po AS (SELECT year, count(DISTINCT org_id) AS orgs FROM attended_rows GROUP BY year),
src AS (SELECT y.year, ev.events_held, ev.types, pr.persons, po.orgs, ev.listed
        FROM years y LEFT JOIN ev USING (year) LEFT JOIN pr USING (year) LEFT JOIN po USING (year))
{long_rows("src", metrics)}
UNION ALL
SELECT r.year, 'participating_orgs_by_type.' || coalesce(o.org_type, 'other'), count(DISTINCT r.org_id),
       NULL, NULL
FROM attended_rows r LEFT JOIN v_org o ON o.cluster_id = $cluster_id AND o.org_id = r.org_id
WHERE r.org_id IS NOT NULL
GROUP BY ALL"""


def _member_orgs_cte() -> str:
    """``member_orgs(year, org_id, is_company, employees)``: one row per member on 31.12.Y."""
    return f"""member_orgs AS (
    SELECT y.year, m.org_id, bool_or(m.org_type = 'company') AS is_company, max(m.employees) AS employees
    FROM years y
    JOIN v_member m ON m.cluster_id = $cluster_id AND {member_on("m", year_end("y.year"))}
    GROUP BY y.year, m.org_id
)"""


def reg3_sql() -> str:
    """REG-3: employees of company members; n = company members whose employees are known."""
    return f"""WITH {YEARS_CTE},
{_member_orgs_cte()},
src AS (SELECT y.year, sum(mo.employees) AS jobs, count(mo.employees) AS known
        FROM years y LEFT JOIN member_orgs mo ON mo.year = y.year AND mo.is_company GROUP BY y.year)
{long_rows("src", [("member_jobs", "coalesce(jobs, 0)", "known", None)])}"""


def _projects_starting(condition: str, metrics: Sequence[MetricExpr]) -> str:
    """Sums over funded projects starting in Y that meet ``condition`` (alias ``p``)."""
    return f"""WITH {YEARS_CTE},
src AS (SELECT y.year, {", ".join(f"{v} AS {m}" for m, v, _, _ in metrics)}
        FROM years y LEFT JOIN v_project p ON p.cluster_id = $cluster_id
             AND year(p.start_date) = y.year AND p.status IN {FUNDED_STATUSES} AND {condition}
        GROUP BY y.year)
{long_rows("src", [count(m, m) for m, _, _, _ in metrics])}"""


def org2_sql() -> str:
    """ORG-2: companies' own and public co-funding of funded RDI projects starting in Y."""
    return _projects_starting(
        "p.is_rdi",
        [
            ("rdi_company_eur", "sum(p.private_company_eur)", None, None),
            (
                "rdi_public_eur",
                "sum(coalesce(p.national_public_eur, 0) + coalesce(p.municipal_eur, 0))",
                None,
                None,
            ),
        ],
    )


def org3_sql() -> str:
    """ORG-3: EU funding of funded projects starting in Y, its change from Y-1, success rate."""
    metrics = [
        count("eu_funding_eur", "cur_eur"),
        (
            "eu_funding_change",
            (
                "CASE WHEN prev_projects IS NULL OR prev_eur = 0 THEN NULL"
                " ELSE (coalesce(cur_eur, 0) - prev_eur) / prev_eur END"
            ),
            None,
            "CASE WHEN prev_projects IS NULL THEN 'no_previous_eu' WHEN prev_eur = 0 THEN 'previous_eu_zero' END",
        ),
        ratio(
            "application_success_rate", "coalesce(won, 0)", "coalesce(decided, 0)", "no_decisions"
        ),
    ]
    return f"""WITH {YEARS_CTE},
eu AS (SELECT year(start_date)::INTEGER AS year, sum(coalesce(eu_funding_eur, 0)) AS eur, count(*) AS projects
       FROM v_project WHERE cluster_id = $cluster_id AND status IN {FUNDED_STATUSES} GROUP BY 1),
ap AS (SELECT year(coalesce(applied_date, start_date))::INTEGER AS year,
              count(*) FILTER (WHERE status IN {FUNDED_STATUSES}) AS won,
              count(*) FILTER (WHERE status IN {FUNDED_STATUSES} OR status = 'rejected') AS decided
       FROM v_project WHERE cluster_id = $cluster_id AND status <> 'applied' GROUP BY 1),
src AS (SELECT y.year, cur.eur AS cur_eur, prev.eur AS prev_eur, prev.projects AS prev_projects,
               ap.won, ap.decided
        FROM years y LEFT JOIN eu cur ON cur.year = y.year LEFT JOIN eu prev ON prev.year = y.year - 1
        LEFT JOIN ap ON ap.year = y.year)
{long_rows("src", metrics)}"""


# Funding source groups of FUN-1 (SPEC 5) and the cookbook's 20/30/50 reference (DOMAIN 3.2).
FUNDING_GROUPS: dict[str, tuple[str, ...]] = {
    "share_public_long_term": (
        "city_base_funding",
        "other_municipality",
        "regional",
        "national_base",
    ),
    "share_members": ("membership_fee", "service_fee"),
    "share_projects": ("eu_project", "national_project", "other_project"),
}
FUNDING_REFERENCE: dict[str, float] = {
    "share_public_long_term": 0.20,
    "share_members": 0.30,
    "share_projects": 0.50,
}


def fun1_sql() -> str:
    """FUN-1: paid and committed totals, paid shares by source group, the city's share."""
    grouped = [t for types in FUNDING_GROUPS.values() for t in types]
    sums = ", ".join(
        f"sum(f.amount_eur) FILTER (WHERE f.status = 'paid' AND f.source_type IN {_in_list(types)}) AS {group}"
        for group, types in FUNDING_GROUPS.items()
    )
    metrics = [
        count("total_eur", "total", "total_rows"),
        count("committed_eur", "committed", "committed_rows"),
        *(
            ratio(group, f"coalesce({group}, 0)", "coalesce(total, 0)", "no_funding")
            for group in FUNDING_GROUPS
        ),
        ratio("share_other", "coalesce(other, 0)", "coalesce(total, 0)", "no_funding"),
        ratio("city_share", "coalesce(city, 0)", "coalesce(total, 0)", "no_funding"),
        count("city_eur", "city", "city_rows"),
    ]
    return f"""WITH {YEARS_CTE},
src AS (SELECT y.year,
               sum(f.amount_eur) FILTER (WHERE f.status = 'paid') AS total,
               sum(f.amount_eur) FILTER (WHERE f.status = 'committed') AS committed,
               {sums},
               sum(f.amount_eur) FILTER (WHERE f.status = 'paid' AND f.source_type NOT IN {_in_list(grouped)}) AS other,
               sum(f.amount_eur) FILTER (WHERE f.status = 'paid' AND f.source_type = 'city_base_funding') AS city,
               count(f.amount_eur) FILTER (WHERE f.status = 'paid') AS total_rows,
               count(f.amount_eur) FILTER (WHERE f.status = 'committed') AS committed_rows,
               count(f.amount_eur) FILTER (WHERE f.status = 'paid' AND f.source_type = 'city_base_funding') AS city_rows
        FROM years y LEFT JOIN v_funding f ON f.cluster_id = $cluster_id AND f.year = y.year
        GROUP BY y.year)
{long_rows("src", metrics)}"""


def outcomes_sql(types: Sequence[str]) -> str:
    """Count and euro sum of outcome rows dated in Y of the given types."""
    return f"""WITH {YEARS_CTE},
src AS (SELECT y.year, count(o.date) AS outcomes, sum(o.amount_eur) AS outcomes_eur,
               count(o.amount_eur) AS amounts
        FROM years y LEFT JOIN v_outcome o ON o.cluster_id = $cluster_id AND year(o.date) = y.year
             AND o.outcome_type IN {_in_list(types)}
        GROUP BY y.year)
{long_rows("src", [count("outcomes", "outcomes"), count("outcomes_eur", "outcomes_eur", "amounts")])}"""


def all_outcomes_sql() -> str:
    """OUT-1: every outcome row dated in Y, those published as success stories (consent given),
    and their euro sum (``n``: the rows with an amount)."""
    return f"""WITH {YEARS_CTE},
src AS (SELECT y.year, count(o.date) AS outcomes,
               count(o.date) FILTER (WHERE o.consent_to_publish) AS published,
               sum(o.amount_eur) AS outcomes_eur, count(o.amount_eur) AS amounts
        FROM years y LEFT JOIN v_outcome o ON o.cluster_id = $cluster_id AND year(o.date) = y.year
        GROUP BY y.year)
{long_rows("src", [count("outcomes", "outcomes"), count("published_stories", "published"), count("outcomes_eur", "outcomes_eur", "amounts")])}"""


def reg4_sql() -> str:
    """REG-4 proxy: funded projects starting in Y with an RDI partner and a company partner."""
    joint = """p.project_key IN (
        SELECT pp.project_key FROM v_project_partner pp
        JOIN v_org o ON o.cluster_id = pp.cluster_id AND o.org_id = pp.org_id
        WHERE pp.cluster_id = $cluster_id
        GROUP BY pp.project_key
        HAVING bool_or(o.org_type = 'rdi') AND bool_or(o.org_type = 'company'))"""
    return _projects_starting(
        joint,
        [
            ("joint_rdi_projects", "count(p.project_key)", None, None),
            ("joint_rdi_projects_eur", "sum(p.total_budget_eur)", None, None),
        ],
    )


def city_need_sql() -> str:
    """PUB-2 projects: funded projects starting in Y marked city_need; count and total budget."""
    return _projects_starting(
        "p.city_need",
        [
            ("city_need_projects", "count(p.project_key)", None, None),
            ("city_need_projects_eur", "sum(p.total_budget_eur)", None, None),
        ],
    )


def pub1_proxy_sql() -> str:
    """PUB-1 proxy: de-duplicated person participations of public-sector organisations."""
    return f"""WITH RECURSIVE {YEARS_CTE},
{PERSON_ROWS},
pr AS (SELECT r.year, count(DISTINCT r.person) AS persons FROM person_rows r
       JOIN v_org o ON o.cluster_id = $cluster_id AND o.org_id = r.org_id AND o.org_type = 'public'
       GROUP BY r.year),
src AS (SELECT y.year, pr.persons FROM years y LEFT JOIN pr USING (year))
{long_rows("src", [count("public_participations", "persons")])}"""


def events_of_type_sql(metric: str, types: Sequence[str]) -> str:
    """Events dated in Y of the given types (PUB-3 proxy: info sessions held)."""
    return f"""WITH {YEARS_CTE},
src AS (SELECT y.year, count(e.date) AS held
        FROM years y LEFT JOIN v_event e ON e.cluster_id = $cluster_id AND year(e.date) = y.year
             AND e.event_type IN {_in_list(types)}
        GROUP BY y.year)
{long_rows("src", [count(metric, "held")])}"""


# ESCA entry criteria (DOMAIN 2.2): >= 15 actors, majority companies, >= 5 activity types a year.
ESCA_MIN_ACTORS, ESCA_MIN_COMPANY_SHARE, ESCA_MIN_ACTIVITY_TYPES = 15, 0.5, 5


def esca_sql() -> str:
    """ESCA readiness: members, company share, distinct event types, criteria met (0-3)."""
    share = "CASE WHEN coalesce(actors, 0) = 0 THEN NULL ELSE companies / actors END"
    return f"""WITH {YEARS_CTE},
{_member_orgs_cte()},
mo AS (SELECT year, count(*) AS actors, count(*) FILTER (WHERE is_company) AS companies
       FROM member_orgs GROUP BY year),
ev AS (SELECT year(date)::INTEGER AS year, count(DISTINCT event_type) AS types
       FROM v_event WHERE cluster_id = $cluster_id GROUP BY 1),
src AS (SELECT y.year, mo.actors, mo.companies, ev.types FROM years y
        LEFT JOIN mo USING (year) LEFT JOIN ev USING (year))
{
        long_rows(
            "src",
            [
                count("actors", "actors"),
                ratio(
                    "company_share", "coalesce(companies, 0)", "coalesce(actors, 0)", "no_members"
                ),
                count("activity_types", "types"),
                (
                    "criteria_met",
                    (
                        f"(coalesce(actors, 0) >= {ESCA_MIN_ACTORS})::INTEGER"
                        f" + (coalesce({share}, 0) > {ESCA_MIN_COMPANY_SHARE})::INTEGER"
                        f" + (coalesce(types, 0) >= {ESCA_MIN_ACTIVITY_TYPES})::INTEGER"
                    ),
                    None,
                    None,
                ),
            ],
        )
    }"""
