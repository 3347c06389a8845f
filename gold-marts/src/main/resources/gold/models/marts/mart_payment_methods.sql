-- Net revenue per payment method over all time, all countries together.
-- Grain: payment_method, reporting_currency.
with days as (
    select * from {{ ref('mart_payment_methods_by_country_daily') }}
),

methods as (
    select * from {{ ref('dim_payment_method') }}
),

totals as (
    select payment_method, reporting_currency, sum(sales) as sales, sum(cancelled_sales) as cancelled_sales,
        sum(units) as units, sum(refunded_revenue) as refunded_revenue, sum(revenue) as revenue
    from days
    group by payment_method, reporting_currency
),

final as (
    select
        totals.payment_method,
        methods.payment_family,
        totals.reporting_currency,
        totals.sales,
        totals.cancelled_sales,
        totals.units,
        totals.refunded_revenue,
        totals.revenue,
        {{ safe_divide('totals.revenue', 'sum(totals.revenue) over (partition by totals.reporting_currency)') }} as revenue_share
    from totals
    left join methods on methods.payment_method = totals.payment_method
)

select * from final
