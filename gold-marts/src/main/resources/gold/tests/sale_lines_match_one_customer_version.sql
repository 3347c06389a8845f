-- Fails with every sale line whose customer has a history but not exactly one version valid when
-- the line was placed. Lines of a customer without any version yet (its history is still on its
-- way) are not failures; the marts count them under UNKNOWN.
select sale_lines.sale_id, sale_lines.line_number, count(versions.dbt_scd_id) as matching_versions
from {{ ref('fct_sale_lines') }} as sale_lines
join (select distinct customer_id from {{ source('sales_snapshots', 'customers_scd2') }}) as known
    on known.customer_id = sale_lines.customer_id
left join {{ source('sales_snapshots', 'customers_scd2') }} as versions
    on versions.customer_id = sale_lines.customer_id
    and sale_lines.placed_at >= versions.dbt_valid_from
    and (versions.dbt_valid_to is null or sale_lines.placed_at < versions.dbt_valid_to)
group by sale_lines.sale_id, sale_lines.line_number
having count(versions.dbt_scd_id) <> 1
