-- Every sale line with the customer and the product as they were when it was placed: the
-- version whose validity (business time, from inclusive, to exclusive, open while current)
-- covers placed_at. Version columns are NULL while the entity's history has not reached the
-- warehouse yet; the data tests fail on gaps and overlaps.
-- Grain: sale_id, line_number.
with sale_lines as (
    select * from {{ ref('stg_sale_lines') }}
),

customer_versions as (
    select * from {{ ref('stg_customers_scd2') }}
),

product_versions as (
    select * from {{ ref('stg_products_scd2') }}
),

final as (
    select
        sale_lines.sale_id,
        sale_lines.line_number,
        sale_lines.placed_at,
        sale_lines.customer_id,
        sale_lines.product_id,
        sale_lines.quantity,
        sale_lines.reporting_currency,
        sale_lines.net_amount_reporting,
        customer_versions.dbt_scd_id as customer_scd_id,
        customer_versions.loyalty_tier,
        customer_versions.country as customer_country,
        customer_versions.city as customer_city,
        product_versions.dbt_scd_id as product_scd_id,
        product_versions.brand,
        product_versions.category,
        product_versions.subcategory,
        product_versions.list_price,
        product_versions.currency as list_price_currency,
        product_versions.status as product_status
    from sale_lines
    left join customer_versions
        on customer_versions.customer_id = sale_lines.customer_id
        and sale_lines.placed_at >= customer_versions.dbt_valid_from
        and (customer_versions.dbt_valid_to is null or sale_lines.placed_at < customer_versions.dbt_valid_to)
    left join product_versions
        on product_versions.product_id = sale_lines.product_id
        and sale_lines.placed_at >= product_versions.dbt_valid_from
        and (product_versions.dbt_valid_to is null or sale_lines.placed_at < product_versions.dbt_valid_to)
)

select * from final
