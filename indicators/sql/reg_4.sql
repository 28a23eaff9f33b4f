-- REG-4 Joint RDI projects: funded projects starting in the year with both an RDI actor and a
-- company among their partners; count and total budget, with the projects it rests on (those
-- with a budget).
WITH joint AS (
    SELECT pp.project_key FROM v_project_partner pp
    JOIN v_org o ON o.cluster_id = pp.cluster_id AND o.org_id = pp.org_id
    WHERE pp.cluster_id = $cluster_id
    GROUP BY pp.project_key
    HAVING bool_or(o.org_type = 'rdi') AND bool_or(o.org_type = 'company')
)
SELECT y.year, count(p.project_key) AS joint_rdi_projects,
       sum(p.total_budget_eur) AS joint_rdi_projects_eur,
       count(p.total_budget_eur) AS budgets
FROM year_range($first, $last) y
LEFT JOIN v_project p ON p.cluster_id = $cluster_id AND year(p.start_date) = y.year
    AND funded(p.status) AND p.project_key IN (FROM joint)
GROUP BY y.year
