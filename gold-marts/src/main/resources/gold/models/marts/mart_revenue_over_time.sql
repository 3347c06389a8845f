-- Net revenue at day, ISO week (from Monday) and month grain, with the previous period of the same
-- grain and the growth over it (NULL for the first period or after a period without revenue).
-- Periods without any sale are absent (their successor compares with the last period that had sales).
-- Grain: period_grain (day / week / month), period_start, reporting_currency.
with days as (
    select sale_date, reporting_currency, sum(sales) as sales, sum(units) as units, sum(revenue) as revenue
    from {{ ref('mart_sales_by_country_daily') }}
    group by sale_date, reporting_currency
),

periods as (
    select 'day' as period_grain, sale_date as period_start, reporting_currency, sales, units, revenue
    from days
    union all
    select 'week', {{ date_trunc('week', 'sale_date') }}, reporting_currency, sum(sales), sum(units), sum(revenue)
    from days
    group by {{ date_trunc('week', 'sale_date') }}, reporting_currency
    union all
    select 'month', {{ date_trunc('month', 'sale_date') }}, reporting_currency, sum(sales), sum(units), sum(revenue)
    from days
    group by {{ date_trunc('month', 'sale_date') }}, reporting_currency
),

with_previous as (
    select
        periods.*,
        lag(revenue) over (partition by period_grain, reporting_currency order by period_start) as previous_revenue
    from periods
),

final as (
    select
        period_grain,
        period_start,
        reporting_currency,
        sales,
        units,
        revenue,
        previous_revenue,
        {{ safe_divide('revenue - previous_revenue', 'previous_revenue') }} as revenue_growth
    from with_previous
)

select * from final
