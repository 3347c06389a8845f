-- Fails with every (sale_date, country, currency) that appears more than once.
select sale_date, country, currency, count(*) as n
from {{ ref('revenue_daily_by_country') }}
group by sale_date, country, currency
having count(*) > 1
