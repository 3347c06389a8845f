{{ config(materialized='incremental', unique_key='customer_id') }}
-- Each customer's purchases over all time: orders (sales not cancelled), lifetime net spend
-- (reporting currency, net of discounts, refunds and cancellations), first and last purchase, and
-- the loyalty tier held at the last purchase. Incremental by delta: for customers with a fact line
-- written since this mart's last successful build, those lines are added to the customer's row and
-- the lines they replaced (fct_sale_lines__replaced), as this mart counted them, subtracted; first
-- and last purchase take the new lines' too (a line's time never changes), and the tier at the
-- last purchase is the new lines' when one of them is the latest (a re-pointed latest line too).
-- Grain: customer_id (one customer who placed at least one sale).
with customers as (
    select customer_sk, loyalty_tier from {{ ref('dim_customer') }}
),

{% if is_incremental() %}
signed_lines as (
    select 1 as sign, customer_id, reporting_currency, line_number, is_cancelled, net_quantity, net_amount_reporting,
        placed_at, customer_sk
    from {{ ref('fct_sale_lines') }}
    where _loaded_at > {{ last_success_at }}
    union all
    select -1 as sign, customer_id, reporting_currency, line_number, is_cancelled, net_quantity, net_amount_reporting,
        placed_at, customer_sk
    from {{ ref('fct_sale_lines') }}__replaced
    where _replaced_at > {{ last_success_at }} and _loaded_at <= {{ last_success_at }}
),

sums as (
    select
        customer_id,
        sum(sign * case when line_number = 1 and not is_cancelled then 1 else 0 end) as orders,
        sum(sign * case when line_number = 1 and is_cancelled then 1 else 0 end) as cancelled_orders,
        sum(sign * net_quantity) as units,
        coalesce(sum(sign * net_amount_reporting), 0) as lifetime_net_spend
    from signed_lines
    group by customer_id
),

added as (
    select
        customer_id,
        min(reporting_currency) as reporting_currency,
        min(placed_at) as first_purchase_at,
        max(placed_at) as last_purchase_at,
        {{ arg_max('customer_sk', 'placed_at') }} as last_customer_sk
    from signed_lines
    where sign = 1
    group by customer_id
),

delta as (
    select sums.*, added.reporting_currency, added.first_purchase_at, added.last_purchase_at, added.last_customer_sk
    from sums
    join added on added.customer_id = sums.customer_id
),

final as (
    select
        delta.customer_id,
        case when kept.reporting_currency is null or delta.reporting_currency < kept.reporting_currency
            then delta.reporting_currency else kept.reporting_currency end as reporting_currency,
        cast(coalesce(kept.orders, 0) + delta.orders as {{ t_int() }}) as orders,
        cast(coalesce(kept.cancelled_orders, 0) + delta.cancelled_orders as {{ t_int() }}) as cancelled_orders,
        cast(coalesce(kept.units, 0) + delta.units as {{ t_int() }}) as units,
        cast(coalesce(kept.lifetime_net_spend, 0) + delta.lifetime_net_spend as {{ t_money_total() }})
            as lifetime_net_spend,
        case when kept.first_purchase_at is null or delta.first_purchase_at < kept.first_purchase_at
            then delta.first_purchase_at else kept.first_purchase_at end as first_purchase_at,
        case when kept.last_purchase_at is null or delta.last_purchase_at >= kept.last_purchase_at
            then delta.last_purchase_at else kept.last_purchase_at end as last_purchase_at,
        case when kept.last_purchase_at is null or delta.last_purchase_at >= kept.last_purchase_at
            then coalesce(customers.loyalty_tier, 'UNKNOWN') else kept.loyalty_tier_at_last_purchase end
            as loyalty_tier_at_last_purchase
    from delta
    left join {{ this }} as kept on kept.customer_id = delta.customer_id
    left join customers on customers.customer_sk = delta.last_customer_sk
)
{% else %}
totals as (
    select
        customer_id,
        min(reporting_currency) as reporting_currency,
        sum(case when line_number = 1 and not is_cancelled then 1 else 0 end) as orders,
        sum(case when line_number = 1 and is_cancelled then 1 else 0 end) as cancelled_orders,
        sum(net_quantity) as units,
        coalesce(sum(net_amount_reporting), 0) as lifetime_net_spend,
        min(placed_at) as first_purchase_at,
        max(placed_at) as last_purchase_at,
        {{ arg_max('customer_sk', 'placed_at') }} as last_customer_sk
    from {{ ref('fct_sale_lines') }}
    group by customer_id
),

final as (
    select
        totals.customer_id,
        totals.reporting_currency,
        cast(totals.orders as {{ t_int() }}) as orders,
        cast(totals.cancelled_orders as {{ t_int() }}) as cancelled_orders,
        cast(totals.units as {{ t_int() }}) as units,
        cast(totals.lifetime_net_spend as {{ t_money_total() }}) as lifetime_net_spend,
        totals.first_purchase_at,
        totals.last_purchase_at,
        coalesce(customers.loyalty_tier, 'UNKNOWN') as loyalty_tier_at_last_purchase
    from totals
    left join customers on customers.customer_sk = totals.last_customer_sk
)
{% endif %}

select * from final
