-- Net revenue per store country and payment method over all time, with the method's share of the
-- country's revenue and its rank there.
-- Grain: country, payment_method, reporting_currency.
with days as (
    select * from {{ ref('mart_payment_methods_by_country_daily') }}
),

totals as (
    select country, payment_method, reporting_currency, sum(sales) as sales, sum(units) as units,
        sum(refunded_revenue) as refunded_revenue, sum(revenue) as revenue
    from days
    group by country, payment_method, reporting_currency
),

final as (
    select
        totals.*,
        {{ safe_divide('revenue', 'sum(revenue) over (partition by country, reporting_currency)') }} as share_of_country,
        rank() over (partition by country, reporting_currency order by revenue desc) as rank_in_country
    from totals
)

select * from final
