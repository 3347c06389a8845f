-- Fails with every dbt_scd_id held by more than one version (one event, one version).
select 'customers_scd2' as history, dbt_scd_id, count(*) as n
from {{ source('sales_snapshots', 'customers_scd2') }}
group by dbt_scd_id
having count(*) > 1
union all
select 'products_scd2' as history, dbt_scd_id, count(*) as n
from {{ source('sales_snapshots', 'products_scd2') }}
group by dbt_scd_id
having count(*) > 1
