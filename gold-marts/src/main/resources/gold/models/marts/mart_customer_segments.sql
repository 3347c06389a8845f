-- Customers and their lifetime net spend per RFM segment and loyalty tier held at the last
-- purchase; revenue by the tier held at each purchase is revenue_by_loyalty_tier_at_purchase and
-- mart_sales_by_loyalty_tier_daily.
-- Grain: rfm_segment, loyalty_tier_at_last_purchase, reporting_currency.
with customers as (
    select * from {{ ref('mart_customer_rfm') }}
),

final as (
    select
        rfm_segment,
        loyalty_tier_at_last_purchase,
        reporting_currency,
        count(*) as customers,
        sum(orders) as orders,
        sum(lifetime_net_spend) as lifetime_net_spend,
        {{ safe_divide('sum(lifetime_net_spend)', 'count(*)') }} as average_spend_per_customer,
        avg(recency_days) as average_recency_days
    from customers
    group by rfm_segment, loyalty_tier_at_last_purchase, reporting_currency
)

select * from final
