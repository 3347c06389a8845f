{{ config(materialized='incremental', unique_key='sale_date, product_id, reporting_currency') }}
-- Net revenue per business day and product (a sale has at most one line per product, so
-- sales is its count of lines).
-- Revenue is net_amount_reporting of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled. sales counts the sales placed (cancelled ones too), units those sold and not refunded.
-- Incremental by (day, product_id): only the groups holding a fact row written since this mart's
-- last successful build are recomputed (a late refund rewrites its line's old group, not the
-- whole day); product_id and reporting_currency of a line never change, so no other group moves.
-- A build from scratch sums mart_sales_cube_product_daily (the same grain split by country, channel
-- and sale currency) instead of scanning the fact's lines again.
-- Grain: sale_date, product_id, reporting_currency.
with
{% if is_incremental() %}
changed_groups as (
    select distinct sale_date, product_id, reporting_currency
    from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
),

lines as (
    select fact.* from {{ ref('fct_sale_lines') }} as fact
    join changed_groups
        on changed_groups.sale_date = fact.sale_date and changed_groups.product_id = fact.product_id
        and changed_groups.reporting_currency = fact.reporting_currency
    -- the day filter first: the scan reads only the changed days, the join probes only their lines
    where fact.sale_date in (select sale_date from changed_groups)
),

final as (
    select
        lines.sale_date,
        lines.product_id,
        lines.reporting_currency,
        count(*) as sales,
        sum(case when lines.is_cancelled then 1 else 0 end) as cancelled_sales,
        cast(sum(lines.net_quantity) as {{ t_int() }}) as units,
        coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount_reporting end), 0) as refunded_revenue,
        coalesce(sum(lines.net_amount_reporting), 0) as revenue
    from lines
    group by lines.sale_date, lines.product_id, lines.reporting_currency
)
{% else %}
final as (
    select
        sale_date,
        product_id,
        reporting_currency,
        cast(sum(sales) as {{ t_int() }}) as sales,
        sum(cancelled_sales) as cancelled_sales,
        cast(sum(units) as {{ t_int() }}) as units,
        coalesce(sum(refunded_revenue), 0) as refunded_revenue,
        coalesce(sum(revenue), 0) as revenue
    from {{ ref('mart_sales_cube_product_daily') }}
    group by sale_date, product_id, reporting_currency
)
{% endif %}

select * from final
