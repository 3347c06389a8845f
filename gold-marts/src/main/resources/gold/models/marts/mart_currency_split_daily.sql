{{ config(materialized='incremental', unique_key='sale_date, sale_currency, reporting_currency', delete_where='sales = 0') }}
-- Net revenue per business day and sale currency, in the sale currency and in the reporting currency side by side.
-- Revenue is net_amount_reporting of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled. sales counts the sales placed (cancelled ones too), units those sold and not refunded.
-- Incremental by delta (every measure is a sum over lines; a line's sale_currency never changes): the fact
-- lines written since this mart's last successful build are added, and the lines they replaced
-- (fct_sale_lines__replaced), as this mart counted them, subtracted, in the groups they touch; a
-- group left without sales is deleted.
-- A build from scratch sums mart_sales_cube_daily instead of
-- scanning the fact's lines again: the same figures, from a table of a few rows per day.
-- Grain: sale_date, sale_currency, reporting_currency.
with
{% if is_incremental() %}
signed_lines as (
    select 1 as sign, sale_date, sale_currency, reporting_currency, line_number, is_cancelled, net_quantity, refunded_amount_reporting, net_amount_reporting, net_amount
    from {{ ref('fct_sale_lines') }}
    where _loaded_at > {{ last_success_at }}
    union all
    select -1 as sign, sale_date, sale_currency, reporting_currency, line_number, is_cancelled, net_quantity, refunded_amount_reporting, net_amount_reporting, net_amount
    from {{ ref('fct_sale_lines') }}__replaced
    where _replaced_at > {{ last_success_at }} and _loaded_at <= {{ last_success_at }}
),

delta as (
    select
        signed_lines.sale_date,
        signed_lines.sale_currency,
        sum(signed_lines.sign * signed_lines.net_amount) as revenue_sale_currency,
        signed_lines.reporting_currency,
        sum(signed_lines.sign * case when signed_lines.line_number = 1 then 1 else 0 end) as sales,
        sum(signed_lines.sign * case when signed_lines.line_number = 1 and signed_lines.is_cancelled then 1 else 0 end) as cancelled_sales,
        sum(signed_lines.sign * signed_lines.net_quantity) as units,
        sum(signed_lines.sign * case when signed_lines.is_cancelled then 0 else signed_lines.refunded_amount_reporting end) as refunded_revenue,
        sum(signed_lines.sign * signed_lines.net_amount_reporting) as revenue
    from signed_lines
    group by signed_lines.sale_date, signed_lines.sale_currency, signed_lines.reporting_currency
),

combined as (
    {{ delta_with_kept_rows(this, ['sale_date', 'sale_currency', 'reporting_currency'], ['sale_date', 'sale_currency', 'revenue_sale_currency', 'reporting_currency', 'sales', 'cancelled_sales', 'units', 'refunded_revenue', 'revenue']) }}
),

final as (
    select
        sale_date,
        sale_currency,
        cast(sum(revenue_sale_currency) as {{ t_money_total() }}) as revenue_sale_currency,
        reporting_currency,
        cast(sum(sales) as {{ t_int() }}) as sales,
        cast(sum(cancelled_sales) as {{ t_int() }}) as cancelled_sales,
        cast(sum(units) as {{ t_int() }}) as units,
        cast(sum(refunded_revenue) as {{ t_money_total() }}) as refunded_revenue,
        cast(sum(revenue) as {{ t_money_total() }}) as revenue
    from combined
    group by sale_date, sale_currency, reporting_currency
)
{% else %}
final as (
    select
        sale_date,
        sale_currency,
        cast(coalesce(sum(revenue_sale_currency), 0) as {{ t_money_total() }}) as revenue_sale_currency,
        reporting_currency,
        cast(sum(sales) as {{ t_int() }}) as sales,
        cast(sum(cancelled_sales) as {{ t_int() }}) as cancelled_sales,
        cast(sum(units) as {{ t_int() }}) as units,
        cast(coalesce(sum(refunded_revenue), 0) as {{ t_money_total() }}) as refunded_revenue,
        cast(coalesce(sum(revenue), 0) as {{ t_money_total() }}) as revenue
    from {{ ref('mart_sales_cube_daily') }}
    group by sale_date, sale_currency, reporting_currency
)
{% endif %}

select * from final
