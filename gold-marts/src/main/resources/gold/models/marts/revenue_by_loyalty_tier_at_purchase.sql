{{ config(materialized='view') }}
-- Revenue by the loyalty tier the customer had when buying, not the tier they have now (kept
-- under its first name; a view on the star schema). customers counts distinct customers.
-- Grain: reporting_currency, loyalty_tier.
with lines as (
    select * from {{ ref('fct_sale_lines') }}
),

customers as (
    select customer_sk, loyalty_tier from {{ ref('dim_customer') }}
),

final as (
    select
        lines.reporting_currency,
        coalesce(customers.loyalty_tier, 'UNKNOWN') as loyalty_tier,
        sum(case when lines.line_number = 1 then 1 else 0 end) as sales,
        count(distinct lines.customer_id) as customers,
        cast(sum(lines.net_quantity) as {{ t_int() }}) as units,
        coalesce(sum(lines.net_amount_reporting), 0) as revenue
    from lines
    left join customers on customers.customer_sk = lines.customer_sk
    group by lines.reporting_currency, coalesce(customers.loyalty_tier, 'UNKNOWN')
)

select * from final
