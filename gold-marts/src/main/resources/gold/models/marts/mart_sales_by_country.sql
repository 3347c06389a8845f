-- Net revenue per store country over all time, with each country's share of the total.
-- Grain: country, reporting_currency.
with days as (
    select * from {{ ref('mart_sales_by_country_daily') }}
),

totals as (
    select
        country,
        reporting_currency,
        sum(sales) as sales,
        sum(cancelled_sales) as cancelled_sales,
        sum(units) as units,
        sum(refunded_revenue) as refunded_revenue,
        sum(revenue) as revenue,
        min(sale_date) as first_sale_date,
        max(sale_date) as last_sale_date
    from days
    group by country, reporting_currency
),

final as (
    select
        totals.*,
        {{ safe_divide('revenue', 'sum(revenue) over (partition by reporting_currency)') }} as revenue_share,
        rank() over (partition by reporting_currency order by revenue desc) as revenue_rank
    from totals
)

select * from final
