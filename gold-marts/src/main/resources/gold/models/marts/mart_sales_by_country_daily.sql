{{ config(materialized='incremental', unique_key='sale_date') }}
-- Net revenue per business day (UTC) and store country.
-- Revenue is net_amount_reporting of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled. sales counts the sales placed (cancelled ones too), units those sold and not refunded.
-- Incremental by business date: the days holding a fact row written since this mart's last
-- successful build are recomputed whole (a late refund rewrites its sale's old day).
-- Grain: sale_date, country, reporting_currency.
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
        lines.reporting_currency,
        sum(case when lines.line_number = 1 then 1 else 0 end) as sales,
        sum(case when lines.line_number = 1 and lines.is_cancelled then 1 else 0 end) as cancelled_sales,
        cast(sum(lines.net_quantity) as {{ t_int() }}) as units,
        coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount_reporting end), 0) as refunded_revenue,
        coalesce(sum(lines.net_amount_reporting), 0) as revenue
    from lines
    left join stores on stores.store_key = lines.store_key
    group by lines.sale_date, coalesce(stores.country, 'UNKNOWN'), lines.reporting_currency
)

select * from final
