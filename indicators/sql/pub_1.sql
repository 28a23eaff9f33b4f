-- PUB-1 proxy: attended, de-duplicated person participations of public-sector organisations.
WITH persons AS (
    SELECT r.year, count(DISTINCT r.person) AS public_participations
    FROM person_rows($cluster_id, $first, $last) r
    JOIN v_org o ON o.cluster_id = $cluster_id AND o.org_id = r.org_id AND o.org_type = 'public'
    GROUP BY r.year
)
SELECT y.year, persons.public_participations
FROM year_range($first, $last) y LEFT JOIN persons USING (year)
