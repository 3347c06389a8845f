-- Reconciliation: per business day, the fact's line count and net revenue (reporting currency)
-- equal silver's. Days whose silver lines changed after the fact was built (count or sum of
-- last_sequence_number differs: the next refresh's work) are not compared; on a quiet pipeline
-- that is none of them.
with silver_days as (
    select cast(placed_at as date) as sale_date, count(*) as line_count, sum(last_sequence_number) as sequence_sum,
        coalesce(sum(net_amount_reporting), 0) as revenue
    from {{ source('sales_silver', 'sale_lines') }}
    group by cast(placed_at as date)
),

fact_days as (
    select sale_date, count(*) as line_count, sum(last_sequence_number) as sequence_sum,
        coalesce(sum(net_amount_reporting), 0) as revenue
    from {{ ref('fct_sale_lines') }}
    group by sale_date
)

select silver_days.sale_date, silver_days.revenue as silver_revenue, fact_days.revenue as fact_revenue
from silver_days
join fact_days on fact_days.sale_date = silver_days.sale_date
where silver_days.line_count = fact_days.line_count
    and silver_days.sequence_sum = fact_days.sequence_sum
    and silver_days.revenue <> fact_days.revenue
union all
select fact_days.sale_date, null, fact_days.revenue
from fact_days
left join silver_days on silver_days.sale_date = fact_days.sale_date
where silver_days.sale_date is null
