-- Outcome-log indicators: count and euro sum of outcome rows dated in the year whose type is
-- one of the indicator's types ($types, a list), and how many of them have an amount.
SELECT y.year, count(o.date) AS outcomes, sum(o.amount_eur) AS outcomes_eur,
       count(o.amount_eur) AS amounts
FROM year_range($first, $last) y
LEFT JOIN v_outcome o ON o.cluster_id = $cluster_id AND year(o.date) = y.year
    AND list_contains($types, o.outcome_type)
GROUP BY y.year
