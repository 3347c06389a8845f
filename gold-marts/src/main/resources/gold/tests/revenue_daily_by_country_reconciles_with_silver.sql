-- Fails when the mart's total net revenue (reporting currency) differs from the sum of the sale
-- lines it was built from.
select mart.revenue, silver.revenue
from (select coalesce(sum(revenue), 0) as revenue from {{ ref('revenue_daily_by_country') }}) as mart
cross join (select coalesce(sum(net_amount_reporting), 0) as revenue from {{ ref('stg_sale_lines') }}) as silver
where mart.revenue <> silver.revenue
