-- Net revenue per sale currency over all time: in the sale currency and converted to the reporting
-- currency side by side, with the effective average rate and the share of reporting revenue.
-- Grain: sale_currency, reporting_currency.
with days as (
    select * from {{ ref('mart_currency_split_daily') }}
),

totals as (
    select
        sale_currency,
        reporting_currency,
        sum(sales) as sales,
        sum(units) as units,
        sum(revenue_sale_currency) as revenue_sale_currency,
        sum(revenue) as revenue
    from days
    group by sale_currency, reporting_currency
),

final as (
    select
        totals.*,
        {{ safe_divide('revenue_sale_currency', 'revenue') }} as average_rate,
        {{ safe_divide('revenue', 'sum(revenue) over (partition by reporting_currency)') }} as revenue_share
    from totals
)

select * from final
