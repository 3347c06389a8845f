{{ config(materialized='incremental', unique_key='sale_date, customer_id') }}
-- The dashboard's customer cube: per business day, store country, channel, sale currency and
-- customer, the customer's orders (sales not cancelled), net revenue and last purchase time. The
-- dashboard answers its top-customers table and customer segments under any filter from here
-- (summing a customer's rows, then joining the customer's current RFM segment and labels).
-- Amounts in the reporting currency and in the sale currency (add up within one sale currency only).
-- Revenue is net_amount(_reporting) of fct_sale_lines: after discounts, less refunds, 0 when cancelled;
-- a customer whose sales in the group were all cancelled keeps a row (revenue 0, orders 0).
-- Incremental by (day, customer): the groups of days and customers holding a fact row written since
-- this mart's last successful build are recomputed with all their lines (a late refund rewrites
-- its line's old day; a line's day, customer, store, channel and currency never change, so no
-- other group moves), and so are the rows of those days still under an UNKNOWN country (the
-- store may have been projected since; recomputing whole days repaired them the same way).
-- Amounts are stored as money and counts as whole numbers of the narrowest usual type: the
-- dashboard sums many rows of them per call.
-- Grain: sale_date, country, channel, sale_currency, customer_id, reporting_currency.
with
{% if is_incremental() %}
changed_lines as (
    select sale_date, customer_id from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
),

changed_groups as (
    select distinct sale_date, customer_id from changed_lines
    union distinct
    select distinct sale_date, customer_id from {{ this }}
    where country = 'UNKNOWN' and sale_date in (select sale_date from changed_lines)
),
{% endif %}

lines as (
    select fact.* from {{ ref('fct_sale_lines') }} as fact
    {% if is_incremental() %}
    join changed_groups on changed_groups.sale_date = fact.sale_date and changed_groups.customer_id = fact.customer_id
    -- the day filter first: the scan reads only the changed days, the join probes only their lines
    where fact.sale_date in (select sale_date from changed_groups)
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
