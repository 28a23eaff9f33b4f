-- ORG-4 participating organisations by organisation type (unknown type: other); a person
-- whose organisation is not known counts for no organisation.
SELECT r.year, coalesce(o.org_type, 'other') AS part, count(DISTINCT r.org_id) AS value,
       NULL AS n
FROM attended_rows($cluster_id, $first, $last) r
LEFT JOIN v_org o ON o.cluster_id = $cluster_id AND o.org_id = r.org_id
WHERE r.org_id IS NOT NULL
GROUP BY ALL
