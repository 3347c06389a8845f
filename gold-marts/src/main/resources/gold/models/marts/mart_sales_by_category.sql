-- Net revenue per category at sale time over all time, with its share. A sale with lines in two
-- categories counts once in each.
-- Grain: category, reporting_currency.
with days as (
    select * from {{ ref('mart_sales_by_category_daily') }}
),

totals as (
    select
        category,
        reporting_currency,
        sum(sales) as sales,
        sum(units) as units,
        sum(refunded_revenue) as refunded_revenue,
        sum(revenue) as revenue
    from days
    group by category, reporting_currency
),

final as (
    select
        totals.*,
        {{ safe_divide('revenue', 'sum(revenue) over (partition by reporting_currency)') }} as revenue_share,
        rank() over (partition by reporting_currency order by revenue desc) as revenue_rank
    from totals
)

select * from final
