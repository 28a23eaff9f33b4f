-- ORG-3 EU funding: EU funding of funded projects starting in the year and in the year before
-- (whether any qualifying project started then), and applications decided by application year
-- (applied_date, else start): won = funded, decided = funded or rejected. The EU sum with the
-- projects it rests on: every funded project of the year, as an empty EU cell is no EU money
-- (a project list gives each project's sources; most have no EU share).
WITH eu AS (
    SELECT year(start_date)::INTEGER AS year, sum(coalesce(eu_funding_eur, 0)) AS eur,
           count(*) AS projects
    FROM v_project WHERE cluster_id = $cluster_id AND funded(status) GROUP BY 1
),
applications AS (
    SELECT year(coalesce(applied_date, start_date))::INTEGER AS year,
           count(*) FILTER (WHERE funded(status)) AS won,
           count(*) FILTER (WHERE funded(status) OR status = 'rejected') AS decided
    FROM v_project WHERE cluster_id = $cluster_id AND status <> 'applied' GROUP BY 1
)
SELECT y.year, cur.eur AS eu_funding_eur, cur.projects AS eu_projects, prev.eur AS previous_eur,
       prev.projects IS NOT NULL AS previous_exists, applications.won, applications.decided
FROM year_range($first, $last) y
LEFT JOIN eu cur ON cur.year = y.year
LEFT JOIN eu prev ON prev.year = y.year - 1
LEFT JOIN applications ON applications.year = y.year
