-- The shared rules of SPEC 5 as DuckDB macros, each written once. Every indicator query and
-- page analytic calls these; ``indicators.sql.install`` creates them on the cursor it runs on.
-- Table macros take the cluster and an inclusive year range (first, last).

-- Project statuses that mean the money or the work is real.
CREATE OR REPLACE TEMP MACRO funded(status) AS status IN ('granted', 'ongoing', 'closed');

-- Roles that make an attended row an in-kind contribution (engagement: core).
CREATE OR REPLACE TEMP MACRO contributes(role) AS role IN ('speaker', 'host', 'organiser');

-- 1.1. of year y.
CREATE OR REPLACE TEMP MACRO year_start(y) AS make_date(y, 1, 1);

-- 31.12. of year y.
CREATE OR REPLACE TEMP MACRO year_end(y) AS make_date(y, 12, 31);

-- A register row that can be a member at all: followers never are, and a former member
-- without member_until is a member on no date.
CREATE OR REPLACE TEMP MACRO can_be_member(status, member_until) AS
    status <> 'follower' AND NOT (status = 'former' AND member_until IS NULL);

-- A register row's dates cover day: a missing member_since means since always; leaving on the
-- day still counts. Members and followers alike.
CREATE OR REPLACE TEMP MACRO dated_on(member_since, member_until, day) AS
    (member_since IS NULL OR member_since <= day)
    AND (member_until IS NULL OR member_until >= day);

-- Member on day: a row that can be a member, its dates covering the day.
CREATE OR REPLACE TEMP MACRO member_on(status, member_since, member_until, day) AS
    can_be_member(status, member_until) AND dated_on(member_since, member_until, day);

-- A funded project whose [start, end] overlaps year y (no end: still running).
CREATE OR REPLACE TEMP MACRO active_in(status, start_date, end_date, y) AS
    funded(status) AND start_date <= year_end(y)
    AND (end_date IS NULL OR end_date >= year_start(y));

-- The years of the range as rows, so quiet years get a row too.
CREATE OR REPLACE TEMP MACRO year_range(first, last) AS TABLE
    SELECT unnest(range(first, last + 1))::INTEGER AS year;

-- Each organisation's employees in each year from the registers' counts per year: the count
-- given for the year, else the latest one known before it (carried forward), else, for years
-- before the first count, the first one; ``counted``: a register gave a count for the year.
CREATE OR REPLACE TEMP MACRO employees_by_year(cluster, first, last) AS TABLE
    SELECT y.year, e.org_id,
           arg_min(e.employees, CASE WHEN e.year <= y.year THEN y.year - e.year
                                     ELSE 10000 + e.year END) AS employees,
           bool_or(e.year = y.year) AS counted
    FROM year_range(first, last) y
    JOIN v_member_employees e ON e.cluster_id = cluster
    GROUP BY y.year, e.org_id;

-- One row per organisation that is a member on 31.12. of each year, with its employees of
-- that year (``employees_by_year``; the register's own count when no year has one).
CREATE OR REPLACE TEMP MACRO members_at_year_end(cluster, first, last) AS TABLE
    SELECT y.year, m.org_id,
           bool_or(m.org_type = 'company') AS is_company,
           coalesce(any_value(e.employees), max(m.employees)) AS employees,
           coalesce(bool_or(e.counted), false) AS employees_counted,
           bool_or(m.governance_role <> 'none') AS governs
    FROM year_range(first, last) y
    JOIN v_member m ON m.cluster_id = cluster
        AND member_on(m.status, m.member_since, m.member_until, year_end(y.year))
    LEFT JOIN employees_by_year(cluster, first, last) e
        ON e.org_id = m.org_id AND e.year = y.year
    GROUP BY y.year, m.org_id;

-- Attended participation rows with their event's year: only attended rows count anywhere.
CREATE OR REPLACE TEMP MACRO attended_rows(cluster, first, last) AS TABLE
    SELECT p.event_key, p.org_id, p.email_hash, p.name_hash, p.role,
           year(e.date)::INTEGER AS year
    FROM v_participation p
    JOIN v_event e ON e.cluster_id = p.cluster_id AND e.event_key = p.event_key
    WHERE p.cluster_id = cluster AND p.attended AND year(e.date) BETWEEN first AND last;

-- Attended rows de-duplicated to persons, after the attended filter: rows of one event that
-- share an e-mail hash, or a name hash and organisation, directly or through a chain of such
-- rows, are one person labelled by the smallest row number of their group. Rows that share no
-- key keep their own number. The chains are followed between groups, not rows: a group is
-- named by its smallest row (its root), a row in an e-mail and a name group joins the two, and
-- a recursive connected-components pass over those joins (few: most duplicates repeat both
-- keys) gives each group the smallest root it reaches, exact for chains of any length.
CREATE OR REPLACE TEMP MACRO person_rows(cluster, first, last) AS TABLE
    WITH RECURSIVE person_base AS MATERIALIZED (
        SELECT *, row_number() OVER () AS person FROM attended_rows(cluster, first, last)
    ),
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
    joins AS (
        SELECT DISTINCT email_root AS a, name_root AS b FROM flagged
        WHERE email_root <> name_root
    ),
    edges AS (SELECT a, b FROM joins UNION ALL SELECT b, a FROM joins),
    components(root, label) USING KEY (root) AS (
        SELECT a, least(a, min(b)) FROM edges GROUP BY a
        UNION
        SELECT e.b, min(w.label)
        FROM components w
        JOIN edges e ON e.a = w.root
        JOIN recurring.components cur ON cur.root = e.b
        GROUP BY e.b
        HAVING min(w.label) < min(cur.label)
    )
    SELECT f.* EXCLUDE (email_root, name_root)
        REPLACE (coalesce(c.label, f.email_root, f.name_root, f.person) AS person)
    FROM flagged f LEFT JOIN components c ON c.root = coalesce(f.email_root, f.name_root);

-- Engagement level of every member on 31.12. of each year: core = a governance role, or
-- >= 4 participations and >= 1 attended speaker/host/organiser row; else active = >= 2
-- participations or partner in a project active in the year; else occasional = 1
-- participation; else passive. Participations = distinct events with an attended row.
CREATE OR REPLACE TEMP MACRO engagement(cluster, first, last) AS TABLE
    WITH members AS (FROM members_at_year_end(cluster, first, last)),
    org_participation AS (
        SELECT year, org_id, count(DISTINCT event_key) AS participations,
               bool_or(contributes(role)) AS contributes
        FROM attended_rows(cluster, first, last)
        GROUP BY year, org_id
    ),
    project_partners AS (
        SELECT DISTINCT y.year, pp.org_id
        FROM year_range(first, last) y
        JOIN v_project pr ON pr.cluster_id = cluster
            AND active_in(pr.status, pr.start_date, pr.end_date, y.year)
        JOIN v_project_partner pp
            ON pp.cluster_id = pr.cluster_id AND pp.project_key = pr.project_key
    )
    SELECT m.year, m.org_id, coalesce(op.participations, 0) AS participations,
           CASE
               WHEN m.governs
                   OR (coalesce(op.participations, 0) >= 4 AND coalesce(op.contributes, false))
                   THEN 'core'
               WHEN coalesce(op.participations, 0) >= 2 OR pp.org_id IS NOT NULL THEN 'active'
               WHEN coalesce(op.participations, 0) = 1 THEN 'occasional'
               ELSE 'passive'
           END AS level
    FROM members m
    LEFT JOIN org_participation op USING (year, org_id)
    LEFT JOIN project_partners pp USING (year, org_id);

-- Survey answers that count for an item: 1-5 on Likert items, 1 = yes / 0 = no on yes/no items.
CREATE OR REPLACE TEMP MACRO survey_answers(cluster, first, last) AS TABLE
    SELECT s.year, s.survey_id, a.response_no, a.item_code, i.scale, i.indicator, a.value_num
    FROM v_survey_answer a
    JOIN v_survey s ON s.cluster_id = a.cluster_id AND s.survey_id = a.survey_id
    JOIN survey_item i ON i.code = a.item_code
    WHERE a.cluster_id = cluster AND s.year BETWEEN first AND last
      AND ((i.scale = 'likert5' AND a.value_num BETWEEN 1 AND 5)
           OR (i.scale = 'yesno' AND a.value_num IN (0, 1)));

-- An answer that agrees: 4-5 on a Likert item, yes on a yes/no item.
CREATE OR REPLACE TEMP MACRO agrees(scale, value_num) AS
    (scale = 'likert5' AND value_num >= 4) OR (scale = 'yesno' AND value_num = 1);

-- Per survey: its year, invited count and responses (respondent rows with at least one answer).
CREATE OR REPLACE TEMP MACRO survey_responses(cluster, first, last) AS TABLE
    SELECT s.year, s.survey_id, any_value(s.invited) AS invited,
           count(DISTINCT a.response_no) FILTER (
               WHERE a.value_num IS NOT NULL OR nullif(trim(a.value_text), '') IS NOT NULL
           ) AS responses
    FROM v_survey s
    LEFT JOIN v_survey_answer a ON a.cluster_id = s.cluster_id AND a.survey_id = s.survey_id
    WHERE s.cluster_id = cluster AND s.year BETWEEN first AND last
    GROUP BY s.year, s.survey_id;

-- Per survey year: surveys, responses of the surveys with an invited count, and invited.
CREATE OR REPLACE TEMP MACRO survey_rates(cluster, first, last) AS TABLE
    SELECT year, count(*) AS surveys,
           sum(responses) FILTER (WHERE invited IS NOT NULL) AS responses,
           sum(invited) AS invited
    FROM survey_responses(cluster, first, last) GROUP BY year;
