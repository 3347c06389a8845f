{{ config(materialized='incremental', unique_key='sale_date, loyalty_tier, reporting_currency', delete_where='sales = 0') }}
-- Net revenue per business day and the loyalty tier the customer had when buying (lines of a customer whose history has not arrived count under UNKNOWN).
-- Revenue is net_amount_reporting of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled. sales counts the sales placed (cancelled ones too), units those sold and not refunded.
-- Incremental by delta (every measure is a sum over lines): the fact lines written since this
-- mart's last successful build are added, and the lines they replaced (fct_sale_lines__replaced),
-- as this mart counted them, subtracted, in the groups they touch; a group left without sales is
-- deleted. A version's tier never changes (a change is a new customer_sk), so a line's old group
-- is that of its old customer_sk.
-- A build from scratch sums mart_sales_cube_daily instead of
-- scanning the fact's lines again: the same figures, from a table of a few rows per day.
-- Grain: sale_date, loyalty_tier, reporting_currency.
with customers as (select customer_sk, loyalty_tier from {{ ref('dim_customer') }}),

{% if is_incremental() %}
signed_lines as (
    select 1 as sign, sale_date, customer_sk, reporting_currency, line_number, is_cancelled, net_quantity,
        refunded_amount_reporting, net_amount_reporting
    from {{ ref('fct_sale_lines') }}
    where _loaded_at > {{ last_success_at }}
    union all
    select -1 as sign, sale_date, customer_sk, reporting_currency, line_number, is_cancelled, net_quantity,
        refunded_amount_reporting, net_amount_reporting
    from {{ ref('fct_sale_lines') }}__replaced
    where _replaced_at > {{ last_success_at }} and _loaded_at <= {{ last_success_at }}
),

delta as (
    select
        signed_lines.sale_date,
        coalesce(customers.loyalty_tier, 'UNKNOWN') as loyalty_tier,
        signed_lines.reporting_currency,
        sum(signed_lines.sign * case when signed_lines.line_number = 1 then 1 else 0 end) as sales,
        sum(signed_lines.sign * case when signed_lines.line_number = 1 and signed_lines.is_cancelled then 1 else 0 end)
            as cancelled_sales,
        sum(signed_lines.sign * signed_lines.net_quantity) as units,
        coalesce(sum(signed_lines.sign * case when signed_lines.is_cancelled then 0
            else signed_lines.refunded_amount_reporting end), 0) as refunded_revenue,
        coalesce(sum(signed_lines.sign * signed_lines.net_amount_reporting), 0) as revenue
    from signed_lines
    left join customers on customers.customer_sk = signed_lines.customer_sk
    group by signed_lines.sale_date, coalesce(customers.loyalty_tier, 'UNKNOWN'), signed_lines.reporting_currency
),

combined as (
    {{ delta_with_kept_rows(this, ['sale_date', 'loyalty_tier', 'reporting_currency'], ['sale_date', 'loyalty_tier', 'reporting_currency', 'sales', 'cancelled_sales', 'units', 'refunded_revenue', 'revenue']) }}
),

final as (
    select
        sale_date,
        loyalty_tier,
        reporting_currency,
        cast(sum(sales) as {{ t_int() }}) as sales,
        cast(sum(cancelled_sales) as {{ t_int() }}) as cancelled_sales,
        cast(sum(units) as {{ t_int() }}) as units,
        cast(sum(refunded_revenue) as {{ t_money_total() }}) as refunded_revenue,
        cast(sum(revenue) as {{ t_money_total() }}) as revenue
    from combined
    group by sale_date, loyalty_tier, reporting_currency
)
{% else %}
final as (
    select
        sale_date, loyalty_tier, reporting_currency,
        cast(sum(sales) as {{ t_int() }}) as sales,
        cast(sum(cancelled_sales) as {{ t_int() }}) as cancelled_sales,
        cast(sum(units) as {{ t_int() }}) as units,
        cast(coalesce(sum(refunded_revenue), 0) as {{ t_money_total() }}) as refunded_revenue,
        cast(coalesce(sum(revenue), 0) as {{ t_money_total() }}) as revenue
    from {{ ref('mart_sales_cube_daily') }}
    group by sale_date, loyalty_tier, reporting_currency
)
{% endif %}

select * from final
