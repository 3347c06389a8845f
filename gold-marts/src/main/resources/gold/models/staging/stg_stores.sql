-- The stores of silver as of this run. Grain: store_id.
select * from {{ source('sales_silver', 'stores') }}
