-- OUT-1 Recorded outcomes: every outcome row dated in the year whatever its type, those
-- published as success stories (consent given), their euro sum and the rows with an amount.
SELECT y.year, count(o.date) AS outcomes,
       count(o.date) FILTER (WHERE o.consent_to_publish) AS published_stories,
       sum(o.amount_eur) AS outcomes_eur, count(o.amount_eur) AS amounts
FROM year_range($first, $last) y
LEFT JOIN v_outcome o ON o.cluster_id = $cluster_id AND year(o.date) = y.year
GROUP BY y.year
