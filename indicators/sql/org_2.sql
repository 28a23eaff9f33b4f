-- ORG-2 RDI investments: companies' own and public co-funding of funded RDI projects starting
-- in the year. Each euro sum with the projects it rests on: those with a company amount (an
-- empty company cell is not known), every project for the public sum (an empty public cell is
-- no public money, as the sum reads it).
SELECT y.year, sum(p.private_company_eur) AS rdi_company_eur,
       sum(coalesce(p.national_public_eur, 0) + coalesce(p.municipal_eur, 0)) AS rdi_public_eur,
       count(p.private_company_eur) AS company_amounts,
       count(p.project_key) AS public_projects
FROM year_range($first, $last) y
LEFT JOIN v_project p ON p.cluster_id = $cluster_id AND year(p.start_date) = y.year
    AND funded(p.status) AND p.is_rdi
GROUP BY y.year
