-- ESCA readiness: the criteria of ESCA's cluster organisation label that the data can show:
-- at least 15 actors (members at year end), most of them companies (share > 0.5) and at least
-- 5 different activities (event types) a year; criteria_met counts those that hold, 0-3.
WITH actors AS (
    SELECT year, count(*) AS actors, count(*) FILTER (WHERE is_company) AS companies
    FROM members_at_year_end($cluster_id, $first, $last) GROUP BY year
),
activities AS (
    SELECT year(date)::INTEGER AS year, count(DISTINCT event_type) AS activity_types
    FROM v_event WHERE cluster_id = $cluster_id GROUP BY 1
)
SELECT y.year, actors.actors, actors.companies, activities.activity_types,
       (coalesce(actors.actors, 0) >= 15)::INTEGER
       + (coalesce(actors.companies / nullif(actors.actors, 0), 0) > 0.5)::INTEGER
       + (coalesce(activities.activity_types, 0) >= 5)::INTEGER AS criteria_met
FROM year_range($first, $last) y
LEFT JOIN actors USING (year)
LEFT JOIN activities USING (year)
