{{ config(materialized='incremental', unique_key='customer_id') }}
-- Each customer's purchases over all time: orders (sales not cancelled), lifetime net spend
-- (reporting currency, net of discounts, refunds and cancellations), first and last purchase, and
-- the loyalty tier held at the last purchase. Incremental: customers with a fact row written since
-- this mart's last successful build are recomputed from all their lines.
-- Grain: customer_id (one customer who placed at least one sale).
with lines as (
    select * from {{ ref('fct_sale_lines') }}
    {% if is_incremental() %}
    where customer_id in (
        select distinct customer_id from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
    )
    {% endif %}
),

customers as (
    select customer_sk, loyalty_tier from {{ ref('dim_customer') }}
),

totals as (
    select
        customer_id,
        min(reporting_currency) as reporting_currency,
        sum(case when line_number = 1 and not is_cancelled then 1 else 0 end) as orders,
        sum(case when line_number = 1 and is_cancelled then 1 else 0 end) as cancelled_orders,
        cast(sum(net_quantity) as {{ t_int() }}) as units,
        coalesce(sum(net_amount_reporting), 0) as lifetime_net_spend,
        min(placed_at) as first_purchase_at,
        max(placed_at) as last_purchase_at,
        {{ arg_max('customer_sk', 'placed_at') }} as last_customer_sk
    from lines
    group by customer_id
),

final as (
    select
        totals.customer_id,
        totals.reporting_currency,
        totals.orders,
        totals.cancelled_orders,
        totals.units,
        totals.lifetime_net_spend,
        totals.first_purchase_at,
        totals.last_purchase_at,
        coalesce(customers.loyalty_tier, 'UNKNOWN') as loyalty_tier_at_last_purchase
    from totals
    left join customers on customers.customer_sk = totals.last_customer_sk
)

select * from final
