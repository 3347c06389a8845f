-- Fails with every (reporting_currency, category) that appears more than once, or is incomplete.
select reporting_currency, category, count(*) as n
from {{ ref('revenue_by_category_at_sale') }}
group by reporting_currency, category
having count(*) > 1 or reporting_currency is null or category is null
