-- RFM scores of every customer who bought: recency (days from the last purchase to the last
-- business day with sales, so a rebuild gives the same scores), frequency (orders) and monetary
-- value (lifetime net spend), each scored 1-5 by quintile (5 best), a segment named from the
-- scores, and the customer's current loyalty tier beside the tier at the last purchase.
-- Grain: customer_id.
with customers as (
    select * from {{ ref('mart_customer_lifetime') }}
),

current_versions as (
    select customer_id, name, country, loyalty_tier from {{ ref('dim_customer') }} where is_current
),

reference_day as (
    select max(cast(last_purchase_at as date)) as as_of from customers
),

scored as (
    select
        customers.*,
        {{ days_between('cast(customers.last_purchase_at as date)', '(select as_of from reference_day)') }} as recency_days,
        ntile(5) over (order by customers.last_purchase_at asc, customers.customer_id) as recency_score,
        ntile(5) over (order by customers.orders asc, customers.customer_id) as frequency_score,
        ntile(5) over (order by customers.lifetime_net_spend asc, customers.customer_id) as monetary_score
    from customers
),

final as (
    select
        scored.customer_id,
        current_versions.name,
        current_versions.country,
        scored.reporting_currency,
        scored.recency_days,
        scored.orders,
        scored.lifetime_net_spend,
        scored.recency_score,
        scored.frequency_score,
        scored.monetary_score,
        cast(scored.recency_score as {{ t_string() }}) || cast(scored.frequency_score as {{ t_string() }})
            || cast(scored.monetary_score as {{ t_string() }}) as rfm_code,
        case
            when scored.recency_score >= 4 and scored.frequency_score >= 4 and scored.monetary_score >= 4 then 'CHAMPIONS'
            when scored.recency_score >= 3 and scored.frequency_score >= 3 then 'LOYAL'
            when scored.recency_score >= 4 and scored.frequency_score <= 2 then 'NEW_OR_PROMISING'
            when scored.recency_score <= 2 and scored.frequency_score >= 3 then 'AT_RISK'
            when scored.recency_score <= 2 then 'HIBERNATING'
            else 'NEEDS_ATTENTION'
        end as rfm_segment,
        scored.loyalty_tier_at_last_purchase,
        coalesce(current_versions.loyalty_tier, 'UNKNOWN') as current_loyalty_tier
    from scored
    left join current_versions on current_versions.customer_id = scored.customer_id
)

select * from final
