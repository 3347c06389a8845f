-- Revenue by the loyalty tier the customer had when buying (not the tier they have now), in the
-- reporting currency, net of cancellations and refunds. Lines of a customer whose history has
-- not arrived yet count under UNKNOWN rather than vanish.
-- Grain: reporting_currency, loyalty_tier.
with lines as (
    select * from {{ ref('int_sale_lines_point_in_time') }}
),

final as (
    select
        reporting_currency,
        coalesce(loyalty_tier, 'UNKNOWN') as loyalty_tier,
        count(distinct sale_id) as sales,
        count(distinct customer_id) as customers,
        sum(quantity) as units,
        sum(net_amount_reporting) as revenue
    from lines
    group by reporting_currency, coalesce(loyalty_tier, 'UNKNOWN')
)

select * from final
