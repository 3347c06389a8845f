{{ config(materialized='incremental', unique_key='sale_date, category, reporting_currency', delete_where='sales = 0') }}
-- Net revenue per business day and the category the product was in when sold (a later recategorisation does not move past sales; lines whose product history has not arrived count under UNKNOWN).
-- Revenue is net_amount_reporting of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled. sales counts the sales placed (cancelled ones too), units those sold and not refunded.
-- Incremental by delta, sale by sale (a sale with two lines in one category counts once there):
-- for every sale with a fact line written since this mart's last successful build, its lines now
-- are added and its lines as this mart counted them (those not rewritten since, and the replaced
-- ones kept in fct_sale_lines__replaced) subtracted, in the groups they touch; a group left
-- without sales is deleted. A version's category never changes (a recategorisation is a new
-- product_sk), so a line's old group is that of its old product_sk.
-- A build from scratch sums mart_sales_cube_category_daily (a sale has one
-- country, channel and currency, so the cube's distinct sales add up) instead of
-- scanning the fact's lines again: the same figures, from a table of a few rows per day.
-- Grain: sale_date, category, reporting_currency.
with products as (select product_sk, category from {{ ref('dim_product') }}),

{% if is_incremental() %}
replaced_lines as (
    select sale_id, sale_date, product_sk, reporting_currency, is_cancelled, net_quantity, refunded_amount_reporting,
        net_amount_reporting
    from {{ ref('fct_sale_lines') }}__replaced
    where _replaced_at > {{ last_success_at }} and _loaded_at <= {{ last_success_at }}
),

changed_sales as (
    select sale_id from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
    union distinct
    select sale_id from replaced_lines
),

current_lines as (
    select sale_id, sale_date, product_sk, reporting_currency, is_cancelled, net_quantity, refunded_amount_reporting,
        net_amount_reporting, _loaded_at
    from {{ ref('fct_sale_lines') }}
    where sale_id in (select sale_id from changed_sales)
),

signed_lines as (
    select 1 as sign, sale_id, sale_date, product_sk, reporting_currency, is_cancelled, net_quantity,
        refunded_amount_reporting, net_amount_reporting
    from current_lines
    union all
    select -1 as sign, sale_id, sale_date, product_sk, reporting_currency, is_cancelled, net_quantity,
        refunded_amount_reporting, net_amount_reporting
    from current_lines
    where _loaded_at <= {{ last_success_at }}
    union all
    select -1 as sign, sale_id, sale_date, product_sk, reporting_currency, is_cancelled, net_quantity,
        refunded_amount_reporting, net_amount_reporting
    from replaced_lines
),

per_sale as (
    select
        signed_lines.sign,
        signed_lines.sale_id,
        signed_lines.sale_date,
        coalesce(products.category, 'UNKNOWN') as category,
        signed_lines.reporting_currency,
        max(case when signed_lines.is_cancelled then 1 else 0 end) as cancelled,
        sum(signed_lines.net_quantity) as units,
        sum(case when signed_lines.is_cancelled then 0 else signed_lines.refunded_amount_reporting end) as refunded_revenue,
        sum(signed_lines.net_amount_reporting) as revenue
    from signed_lines
    left join products on products.product_sk = signed_lines.product_sk
    group by signed_lines.sign, signed_lines.sale_id, signed_lines.sale_date, coalesce(products.category, 'UNKNOWN'),
        signed_lines.reporting_currency
),

delta as (
    select
        sale_date,
        category,
        reporting_currency,
        sum(sign) as sales,
        sum(sign * cancelled) as cancelled_sales,
        sum(sign * units) as units,
        coalesce(sum(sign * refunded_revenue), 0) as refunded_revenue,
        coalesce(sum(sign * revenue), 0) as revenue
    from per_sale
    group by sale_date, category, reporting_currency
),

combined as (
    {{ delta_with_kept_rows(this, ['sale_date', 'category', 'reporting_currency'], ['sale_date', 'category', 'reporting_currency', 'sales', 'cancelled_sales', 'units', 'refunded_revenue', 'revenue']) }}
),

final as (
    select
        sale_date,
        category,
        reporting_currency,
        cast(sum(sales) as {{ t_int() }}) as sales,
        cast(sum(cancelled_sales) as {{ t_int() }}) as cancelled_sales,
        cast(sum(units) as {{ t_int() }}) as units,
        cast(sum(refunded_revenue) as {{ t_money_total() }}) as refunded_revenue,
        cast(sum(revenue) as {{ t_money_total() }}) as revenue
    from combined
    group by sale_date, category, reporting_currency
)
{% else %}
final as (
    select
        sale_date, category, reporting_currency,
        cast(sum(sales) as {{ t_int() }}) as sales,
        cast(sum(cancelled_sales) as {{ t_int() }}) as cancelled_sales,
        cast(sum(units) as {{ t_int() }}) as units,
        cast(coalesce(sum(refunded_revenue), 0) as {{ t_money_total() }}) as refunded_revenue,
        cast(coalesce(sum(revenue), 0) as {{ t_money_total() }}) as revenue
    from {{ ref('mart_sales_cube_category_daily') }}
    group by sale_date, category, reporting_currency
)
{% endif %}

select * from final
