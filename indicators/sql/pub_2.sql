-- PUB-2 projects: funded projects starting in the year that answer a need of the city; count
-- and total budget, with the projects it rests on (those with a budget).
SELECT y.year, count(p.project_key) AS city_need_projects,
       sum(p.total_budget_eur) AS city_need_projects_eur,
       count(p.total_budget_eur) AS budgets
FROM year_range($first, $last) y
LEFT JOIN v_project p ON p.cluster_id = $cluster_id AND year(p.start_date) = y.year
    AND funded(p.status) AND p.city_need
GROUP BY y.year
