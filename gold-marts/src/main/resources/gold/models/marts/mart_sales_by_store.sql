-- Net revenue per store over all time, ranked within its country.
-- Grain: store_key, reporting_currency.
with days as (
    select * from {{ ref('mart_sales_by_store_daily') }}
),

stores as (
    select * from {{ ref('dim_store') }}
),

totals as (
    select
        store_key,
        reporting_currency,
        sum(sales) as sales,
        sum(cancelled_sales) as cancelled_sales,
        sum(units) as units,
        sum(refunded_revenue) as refunded_revenue,
        sum(revenue) as revenue
    from days
    group by store_key, reporting_currency
),

final as (
    select
        totals.store_key,
        stores.store_name,
        coalesce(stores.country, 'UNKNOWN') as country,
        stores.city,
        stores.store_kind,
        totals.reporting_currency,
        totals.sales,
        totals.cancelled_sales,
        totals.units,
        totals.refunded_revenue,
        totals.revenue,
        {{ safe_divide('totals.revenue', 'totals.sales - totals.cancelled_sales') }} as average_sale_value,
        rank() over (partition by coalesce(stores.country, 'UNKNOWN'), totals.reporting_currency
            order by totals.revenue desc) as rank_in_country
    from totals
    left join stores on stores.store_key = totals.store_key
)

select * from final
