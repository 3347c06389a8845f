{{ config(materialized='incremental', unique_key='sale_date') }}
-- Net revenue per business day (UTC) and store country.
-- Revenue is net_amount_reporting of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled. sales counts the sales placed (cancelled ones too), units those sold and not refunded.
-- Incremental by business date: the days holding a fact row written since this mart's last
-- successful build are recomputed whole (a late refund rewrites its sale's old day). Built from
-- mart_sales_cube_daily (a few rows per store and day, whose whole-sale attributes include these),
-- not from the fact: the cube has recomputed those days already in this run, and stamps them.
-- Grain: sale_date, country, reporting_currency.
with cube_rows as (
    select * from {{ ref('mart_sales_cube_daily') }}
    {% if is_incremental() %}
    where sale_date in (
        select distinct sale_date from {{ ref('mart_sales_cube_daily') }} where _loaded_at > {{ last_success_at }}
    )
    {% endif %}
),
final as (
    select
        sale_date, country, reporting_currency,
        sum(sales) as sales,
        sum(cancelled_sales) as cancelled_sales,
        cast(sum(units) as {{ t_int() }}) as units,
        coalesce(sum(refunded_revenue), 0) as refunded_revenue,
        coalesce(sum(revenue), 0) as revenue
    from cube_rows
    group by sale_date, country, reporting_currency
)

select * from final
