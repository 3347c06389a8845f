-- Fails with every row whose grain key is incomplete.
select *
from {{ ref('revenue_daily_by_country') }}
where sale_date is null or country is null or currency is null
