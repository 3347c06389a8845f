-- Fails with every (reporting_currency, loyalty_tier) that appears more than once, or is incomplete.
select reporting_currency, loyalty_tier, count(*) as n
from {{ ref('revenue_by_loyalty_tier_at_purchase') }}
group by reporting_currency, loyalty_tier
having count(*) > 1 or reporting_currency is null or loyalty_tier is null
