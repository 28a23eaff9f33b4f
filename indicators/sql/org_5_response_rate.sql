-- ORG-5 response rate per survey year: responses of the surveys with an invited count over
-- their invited (several surveys of a year pool); n = those responses. Null with a note when
-- the year has no survey or no invited count.
SELECT y.year,
       CASE WHEN coalesce(r.invited, 0) = 0 THEN NULL ELSE r.responses / r.invited END AS value,
       r.responses AS n,
       CASE
           WHEN r.surveys IS NULL THEN 'no_survey'
           WHEN coalesce(r.invited, 0) = 0 THEN 'no_invited'
       END AS note
FROM year_range($first, $last) y
LEFT JOIN survey_rates($cluster_id, $first, $last) r USING (year)
