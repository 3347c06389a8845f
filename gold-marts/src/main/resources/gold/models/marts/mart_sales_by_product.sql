-- Net revenue per product over all time, ranked: the top sellers. Name, brand and category are the
-- product's current ones (dim_product's current version); revenue by the category at sale time is
-- mart_sales_by_category. is_top_seller marks the 10 products with the most revenue.
-- Grain: product_id, reporting_currency.
with days as (
    select * from {{ ref('mart_sales_by_product_daily') }}
),

current_products as (
    select product_id, name, brand, category from {{ ref('dim_product') }} where is_current
),

totals as (
    select
        product_id,
        reporting_currency,
        sum(sales) as sales,
        sum(units) as units,
        sum(refunded_revenue) as refunded_revenue,
        sum(revenue) as revenue,
        max(sale_date) as last_sale_date
    from days
    group by product_id, reporting_currency
),

ranked as (
    select
        totals.*,
        rank() over (partition by reporting_currency order by revenue desc) as revenue_rank,
        rank() over (partition by reporting_currency order by units desc) as units_rank,
        {{ safe_divide('revenue', 'sum(revenue) over (partition by reporting_currency)') }} as revenue_share
    from totals
),

final as (
    select
        ranked.product_id,
        current_products.name as product_name,
        current_products.brand,
        current_products.category as current_category,
        ranked.reporting_currency,
        ranked.sales,
        ranked.units,
        ranked.refunded_revenue,
        ranked.revenue,
        ranked.revenue_share,
        ranked.revenue_rank,
        ranked.units_rank,
        ranked.revenue_rank <= 10 as is_top_seller,
        ranked.last_sale_date
    from ranked
    left join current_products on current_products.product_id = ranked.product_id
)

select * from final
