-- Fails when the mart's revenue or units differ from those of the sale lines it was built from.
select mart.revenue, silver.revenue, mart.units, silver.units
from (
    select coalesce(sum(revenue), 0) as revenue, coalesce(sum(units), 0) as units from {{ ref('revenue_by_category_at_sale') }}
) as mart
cross join (
    select coalesce(sum(net_amount_reporting), 0) as revenue, coalesce(sum(quantity), 0) as units
    from {{ ref('stg_sale_lines') }}
) as silver
where mart.revenue <> silver.revenue or mart.units <> silver.units
