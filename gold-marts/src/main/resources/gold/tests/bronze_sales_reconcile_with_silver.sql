-- severity: warn
-- Reconciliation: every sale placed in bronze (SalePlacedEvent, distinct event ids) is a sale in
-- silver and the other way round. Bronze and silver are fed independently, so while events flow
-- one may be a few sales ahead: a warning then, not an error. The event store's own count is
-- compared by the orchestrator (sales_ops.gold_reconciliations), as it is not in the warehouse.
with bronze as (
    select count(distinct aggregate_id) as sales
    from {{ source('sales_bronze', 'sales_events') }}
    where event_type = 'SalePlacedEvent'
),

silver as (
    select count(distinct sale_id) as sales from {{ ref('fct_sale_lines') }}
)

select bronze.sales as bronze_sales, silver.sales as silver_sales
from bronze cross join silver
where bronze.sales <> silver.sales
