{{ config(materialized='incremental', unique_key='sale_date') }}
-- Net revenue per business day and the category the product was in when sold (a later recategorisation does not move past sales; lines whose product history has not arrived count under UNKNOWN).
-- Revenue is net_amount_reporting of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled. sales counts the sales placed (cancelled ones too), units those sold and not refunded.
-- Incremental by business date: the days holding a fact row written since this mart's last
-- successful build are recomputed whole (a late refund rewrites its sale's old day).
-- Grain: sale_date, category, reporting_currency.
with lines as (
    select * from {{ ref('fct_sale_lines') }}
    {% if is_incremental() %}
    where sale_date in (
        select distinct sale_date from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
    )
    {% endif %}
),
products as (select product_sk, category from {{ ref('dim_product') }}),
final as (
    select
        lines.sale_date,
        coalesce(products.category, 'UNKNOWN') as category,
        lines.reporting_currency,
        count(distinct lines.sale_id) as sales,
        count(distinct case when lines.is_cancelled then lines.sale_id end) as cancelled_sales,
        cast(sum(lines.net_quantity) as {{ t_int() }}) as units,
        coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount_reporting end), 0) as refunded_revenue,
        coalesce(sum(lines.net_amount_reporting), 0) as revenue
    from lines
    left join products on products.product_sk = lines.product_sk
    group by lines.sale_date, coalesce(products.category, 'UNKNOWN'), lines.reporting_currency
)

select * from final
