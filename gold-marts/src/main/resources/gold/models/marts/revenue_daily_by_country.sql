-- Revenue per business day (UTC) and store country, in the currency of the sale.
-- Grain: sale_date, country, currency.
with sale_lines as (
    select * from {{ ref('stg_sale_lines') }}
),

stores as (
    select * from {{ ref('stg_stores') }}
),

lines_with_country as (
    select
        cast(sale_lines.placed_at as date) as sale_date,
        coalesce(stores.country, 'UNKNOWN') as country,
        sale_lines.currency,
        sale_lines.sale_id,
        sale_lines.quantity,
        sale_lines.amount
    from sale_lines
    left join stores on stores.store_id = sale_lines.store_id
),

final as (
    select
        sale_date,
        country,
        currency,
        count(distinct sale_id) as sales,
        sum(quantity) as units,
        sum(amount) as revenue
    from lines_with_country
    group by sale_date, country, currency
)

select * from final
