{{ config(materialized='incremental', unique_key='sale_date, product_id') }}
-- The dashboard's product cube: net revenue per business day, store country, channel, sale currency
-- and product. sales counts the distinct sales with a line of the product (a sale has one day, store,
-- channel and currency, so these counts add up across rows; the domain refuses a second line of a
-- product in one sale, so it is the count of lines, without a distinct over sale ids, which cost
-- more than the rest of this model); the dashboard answers its product panel
-- under a country, channel or currency filter from here, with the product's current labels joined.
-- Amounts in the reporting currency and in the sale currency (add up within one sale currency only).
-- Revenue is net_amount(_reporting) of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled; units are those sold and not refunded.
-- Incremental by (day, product): the groups of days and products holding a fact row written since
-- this mart's last successful build are recomputed with all their lines (a late refund rewrites
-- its line's old day; a line's day, product, store, channel and currency never change, so no
-- other group moves), and so are the rows of those days still under an UNKNOWN country (the
-- store may have been projected since; recomputing whole days repaired them the same way).
-- Amounts are stored as money and counts as whole numbers of the narrowest usual type: the
-- dashboard sums many rows of them per call.
-- Grain: sale_date, country, channel, sale_currency, product_id, reporting_currency.
with
{% if is_incremental() %}
changed_lines as (
    select sale_date, product_id from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
),

changed_groups as (
    select distinct sale_date, product_id from changed_lines
    union distinct
    select distinct sale_date, product_id from {{ this }}
    where country = 'UNKNOWN' and sale_date in (select sale_date from changed_lines)
),
{% endif %}

lines as (
    select fact.* from {{ ref('fct_sale_lines') }} as fact
    {% if is_incremental() %}
    join changed_groups on changed_groups.sale_date = fact.sale_date and changed_groups.product_id = fact.product_id
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
        lines.product_id,
        lines.reporting_currency,
        cast(count(*) as {{ t_int() }}) as sales,
        cast(sum(case when lines.is_cancelled then 1 else 0 end) as {{ t_int() }}) as cancelled_sales,
        cast(sum(lines.net_quantity) as {{ t_int() }}) as units,
        cast(coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount_reporting end), 0) as {{ t_money() }}) as refunded_revenue,
        cast(coalesce(sum(lines.net_amount_reporting), 0) as {{ t_money() }}) as revenue,
        cast(coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount end), 0) as {{ t_money() }}) as refunded_revenue_sale_currency,
        cast(coalesce(sum(lines.net_amount), 0) as {{ t_money() }}) as revenue_sale_currency
    from lines
    left join stores on stores.store_key = lines.store_key
    group by lines.sale_date, coalesce(stores.country, 'UNKNOWN'), lines.channel, lines.sale_currency,
        lines.product_id, lines.reporting_currency
)

select * from final
