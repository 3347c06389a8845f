-- The 100 customers with the highest lifetime net spend (ties broken by customer id): orders,
-- last purchase, current loyalty tier and RFM segment.
-- Grain: vip_rank (1-100), one customer each.
with customers as (
    select * from {{ ref('mart_customer_rfm') }}
),

ranked as (
    select
        customers.*,
        row_number() over (partition by reporting_currency order by lifetime_net_spend desc, customer_id) as vip_rank
    from customers
),

lifetime as (
    select customer_id, first_purchase_at, last_purchase_at from {{ ref('mart_customer_lifetime') }}
),

final as (
    select
        ranked.vip_rank,
        ranked.customer_id,
        ranked.name,
        ranked.country,
        ranked.reporting_currency,
        ranked.lifetime_net_spend,
        ranked.orders,
        lifetime.first_purchase_at,
        lifetime.last_purchase_at,
        ranked.current_loyalty_tier,
        ranked.rfm_segment
    from ranked
    join lifetime on lifetime.customer_id = ranked.customer_id
    where ranked.vip_rank <= 100
)

select * from final
