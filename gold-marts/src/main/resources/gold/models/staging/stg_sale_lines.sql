-- The sale lines of silver as of this run. Every model and test of a run reads this copy, so a
-- run is consistent even while the projections keep writing silver.
-- Grain: sale_id, line_number.
select * from {{ source('sales_silver', 'sale_lines') }}
