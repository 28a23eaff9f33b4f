-- REG-3 jobs change like for like: among companies that are members on 31.12. of both Y−1 and
-- Y and whose registers give an employee count for both years, Σ employees(Y) − Σ
-- employees(Y−1); n = those companies. Null with a note when there is none (registers of one
-- year only carry no change: a count carried over to another year would read as "no change").
WITH m AS (
    SELECT * FROM members_at_year_end($cluster_id, $first - 1, $last)
    WHERE is_company AND employees_counted
),
pairs AS (
    SELECT cur.year, sum(cur.employees - prev.employees) AS change, count(*) AS companies
    FROM m cur JOIN m prev ON prev.org_id = cur.org_id AND prev.year = cur.year - 1
    GROUP BY cur.year
)
SELECT y.year, p.change AS value, coalesce(p.companies, 0) AS n,
       CASE WHEN p.companies IS NULL THEN 'no_yearly_employees' END AS note
FROM year_range($first, $last) y
LEFT JOIN pairs p USING (year)
