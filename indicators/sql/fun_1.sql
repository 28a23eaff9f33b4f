-- FUN-1 Funding mix: paid and committed funding of the year and paid funding by source group
-- (funding_group); committed rows never count in a share. Each euro sum with the rows it rests on.
SELECT y.year,
       sum(f.amount_eur) FILTER (WHERE f.status = 'paid') AS total_eur,
       sum(f.amount_eur) FILTER (WHERE f.status = 'committed') AS committed_eur,
       sum(f.amount_eur) FILTER (
           WHERE f.status = 'paid' AND funding_group(f.source_type) = 'public_long_term'
       ) AS public_long_term,
       sum(f.amount_eur) FILTER (
           WHERE f.status = 'paid' AND funding_group(f.source_type) = 'members'
       ) AS members,
       sum(f.amount_eur) FILTER (
           WHERE f.status = 'paid' AND funding_group(f.source_type) = 'projects'
       ) AS projects,
       sum(f.amount_eur) FILTER (
           WHERE f.status = 'paid' AND funding_group(f.source_type) = 'other'
       ) AS other,
       sum(f.amount_eur) FILTER (
           WHERE f.status = 'paid' AND f.source_type = 'city_base_funding'
       ) AS city_eur,
       count(f.amount_eur) FILTER (WHERE f.status = 'paid') AS total_rows,
       count(f.amount_eur) FILTER (WHERE f.status = 'committed') AS committed_rows,
       count(f.amount_eur) FILTER (
           WHERE f.status = 'paid' AND f.source_type = 'city_base_funding'
       ) AS city_rows
FROM year_range($first, $last) y
LEFT JOIN v_funding f ON f.cluster_id = $cluster_id AND f.year = y.year
GROUP BY y.year
