-- The customer versions of the SCD2 history as of this run (see docs/projections.md).
-- Grain: dbt_scd_id (one row per customer event; customer_id, dbt_valid_from order them).
select * from {{ source('sales_snapshots', 'customers_scd2') }}
