-- REG-3 Jobs in the region: employees of company members at year end, each with the count of
-- that year when a register gave one (``members_at_year_end``); n = those company members
-- whose employee count is known.
SELECT y.year, sum(m.employees) AS member_jobs, count(m.employees) AS known
FROM year_range($first, $last) y
LEFT JOIN members_at_year_end($cluster_id, $first, $last) m ON m.year = y.year AND m.is_company
GROUP BY y.year
