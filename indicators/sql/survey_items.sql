-- Survey items of an indicator ($items, a list): per survey year and item, pooling the surveys
-- of the year, the mean of answers 1-5 (Likert items only) and the share of answers that agree;
-- n = answers to the item.
WITH per_item AS (
    SELECT year, item_code, count(*) AS n,
           CASE WHEN any_value(scale) = 'likert5' THEN avg(value_num) END AS mean,
           count(*) FILTER (WHERE agrees(scale, value_num)) / count(*) AS agree_share
    FROM survey_answers($cluster_id, $first, $last)
    WHERE list_contains($items, item_code)
    GROUP BY year, item_code
)
SELECT year, 'mean.' || item_code AS metric, mean AS value, n, NULL::VARCHAR AS note
FROM per_item WHERE mean IS NOT NULL
UNION ALL
SELECT year, 'agree_share.' || item_code, agree_share, n, NULL FROM per_item
