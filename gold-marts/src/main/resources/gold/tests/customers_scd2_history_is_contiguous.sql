-- Fails with every customer version that does not end exactly where the customer's next version
-- begins (a gap or an overlap), that ends before it begins, or whose is_current disagrees with
-- its open end. Only the last version is open, so every customer has exactly one current version.
select customer_id, dbt_scd_id, dbt_valid_from, dbt_valid_to, next_valid_from
from (
    select
        customer_id,
        dbt_scd_id,
        dbt_valid_from,
        dbt_valid_to,
        is_current,
        lead(dbt_valid_from) over (partition by customer_id order by dbt_valid_from, sequence_number) as next_valid_from
    from {{ source('sales_snapshots', 'customers_scd2') }}
) as versions
where dbt_valid_to is distinct from next_valid_from
    or dbt_valid_to < dbt_valid_from
    or is_current <> (dbt_valid_to is null)
