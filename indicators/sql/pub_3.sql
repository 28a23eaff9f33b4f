-- PUB-3 proxy: info sessions held in the year.
SELECT y.year, count(e.date) AS info_sessions
FROM year_range($first, $last) y
LEFT JOIN v_event e ON e.cluster_id = $cluster_id AND year(e.date) = y.year
    AND e.event_type = 'info_session'
GROUP BY y.year
