-- ORG-1 Committed actors: members at year end, joiners and leavers, retention, engagement
-- levels and members with at least one participation.
WITH engaged AS (FROM engagement($cluster_id, $first, $last)),
start_members AS (
    SELECT DISTINCT y.year, m.org_id
    FROM year_range($first, $last) y
    JOIN v_member m ON m.cluster_id = $cluster_id
        AND member_on(m.status, m.member_since, m.member_until, year_start(y.year))
),
at_start AS (SELECT year, count(*) AS at_start FROM start_members GROUP BY year),
retained AS (
    SELECT year, count(*) AS retained FROM start_members JOIN engaged USING (year, org_id)
    GROUP BY year
),
joined AS (
    SELECT year(member_since)::INTEGER AS year, count(DISTINCT org_id) AS new_members
    FROM v_member
    WHERE cluster_id = $cluster_id AND can_be_member(status, member_until)
      AND member_since IS NOT NULL
    GROUP BY 1
),
left_ AS (
    SELECT year(member_until)::INTEGER AS year, count(DISTINCT org_id) AS members_left
    FROM v_member
    WHERE cluster_id = $cluster_id AND can_be_member(status, member_until)
      AND member_until IS NOT NULL
    GROUP BY 1
),
levels AS (
    SELECT year, count(*) AS members_year_end,
           count(*) FILTER (WHERE level = 'core') AS engagement_core,
           count(*) FILTER (WHERE level = 'active') AS engagement_active,
           count(*) FILTER (WHERE level = 'occasional') AS engagement_occasional,
           count(*) FILTER (WHERE level = 'passive') AS engagement_passive,
           count(*) FILTER (WHERE participations >= 1) AS participating
    FROM engaged GROUP BY year
)
SELECT y.year, levels.* EXCLUDE (year), joined.new_members, left_.members_left,
       at_start.at_start, retained.retained
FROM year_range($first, $last) y
LEFT JOIN levels USING (year)
LEFT JOIN joined USING (year)
LEFT JOIN left_ USING (year)
LEFT JOIN at_start USING (year)
LEFT JOIN retained USING (year)
