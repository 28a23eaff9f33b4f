-- ORG-4 Quantity of cooperation: events held and their types, attended and de-duplicated
-- person participations, participating organisations, and the events with an attendance list
-- (how much of the activity the participation figures cover).
WITH events AS (
    SELECT year(e.date)::INTEGER AS year, count(*) AS events_held,
           count(DISTINCT e.event_type) AS distinct_event_types,
           count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM v_participation p
               WHERE p.cluster_id = e.cluster_id AND p.event_key = e.event_key
           )) AS events_with_attendance
    FROM v_event e WHERE e.cluster_id = $cluster_id GROUP BY 1
),
persons AS (
    SELECT year, count(DISTINCT person) AS person_participations
    FROM person_rows($cluster_id, $first, $last) GROUP BY year
),
orgs AS (
    SELECT year, count(DISTINCT org_id) AS participating_orgs
    FROM attended_rows($cluster_id, $first, $last) GROUP BY year
)
SELECT y.year, events.events_held, events.distinct_event_types,
       persons.person_participations, orgs.participating_orgs, events.events_with_attendance
FROM year_range($first, $last) y
LEFT JOIN events USING (year)
LEFT JOIN persons USING (year)
LEFT JOIN orgs USING (year)
