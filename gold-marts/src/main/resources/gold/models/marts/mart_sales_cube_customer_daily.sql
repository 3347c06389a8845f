{{ config(materialized='incremental', unique_key='sale_date') }}
-- The dashboard's customer cube: per business day, store country, channel, sale currency and
-- customer, the customer's orders (sales not cancelled), net revenue and last purchase time. The
-- dashboard answers its top-customers table and customer segments under any filter from here
-- (summing a customer's rows, then joining the customer's current RFM segment and labels).
-- Amounts in the reporting currency and in the sale currency (add up within one sale currency only).
-- Revenue is net_amount(_reporting) of fct_sale_lines: after discounts, less refunds, 0 when cancelled;
-- a customer whose sales in the group were all cancelled keeps a row (revenue 0, orders 0).
-- Incremental by business date: the days holding a fact row written since this mart's last
-- successful build are recomputed whole (a late refund rewrites its sale's old day).
-- Amounts are stored as money and counts as whole numbers of the narrowest usual type: the
-- dashboard sums many rows of them per call.
-- Grain: sale_date, country, channel, sale_currency, customer_id, reporting_currency.
with lines as (
    select * from {{ ref('fct_sale_lines') }}
    {% if is_incremental() %}
    where sale_date in (
        select distinct sale_date from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
    )
    {% endif %}
),
stores as (select store_key, country from {{ ref('dim_store') }}),
final as (
    select
        lines.sale_date,
        coalesce(stores.country, 'UNKNOWN') as country,
        lines.channel,
        lines.sale_currency,
        lines.customer_id,
        lines.reporting_currency,
        cast(sum(case when lines.line_number = 1 and not lines.is_cancelled then 1 else 0 end) as {{ t_int() }}) as orders,
        cast(coalesce(sum(lines.net_amount_reporting), 0) as {{ t_money() }}) as revenue,
        cast(coalesce(sum(lines.net_amount), 0) as {{ t_money() }}) as revenue_sale_currency,
        max(lines.placed_at) as last_purchase_at
    from lines
    left join stores on stores.store_key = lines.store_key
    group by lines.sale_date, coalesce(stores.country, 'UNKNOWN'), lines.channel, lines.sale_currency,
        lines.customer_id, lines.reporting_currency
)

select * from final
