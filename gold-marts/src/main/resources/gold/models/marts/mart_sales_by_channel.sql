-- Net revenue per sales channel over all time, with the average value of a sale not cancelled.
-- Grain: channel, reporting_currency.
with days as (
    select * from {{ ref('mart_sales_by_channel_daily') }}
),

channels as (
    select * from {{ ref('dim_channel') }}
),

totals as (
    select
        channel,
        reporting_currency,
        sum(sales) as sales,
        sum(cancelled_sales) as cancelled_sales,
        sum(units) as units,
        sum(refunded_revenue) as refunded_revenue,
        sum(revenue) as revenue
    from days
    group by channel, reporting_currency
),

final as (
    select
        totals.channel,
        channels.channel_name,
        channels.is_online,
        totals.reporting_currency,
        totals.sales,
        totals.cancelled_sales,
        totals.units,
        totals.refunded_revenue,
        totals.revenue,
        {{ safe_divide('totals.revenue', 'totals.sales - totals.cancelled_sales') }} as average_sale_value,
        {{ safe_divide('totals.revenue', 'sum(totals.revenue) over (partition by totals.reporting_currency)') }} as revenue_share
    from totals
    left join channels on channels.channel = totals.channel
)

select * from final
