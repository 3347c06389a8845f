-- Stores as of the latest business time (sales_silver.stores; stores do not move, closing is
-- final). store_key is the store id. A store not projected yet has no row; its sales carry the
-- store key anyway and the marts count them under country UNKNOWN.
-- Grain: store_key (one store).
with stores as (
    select * from {{ source('sales_silver', 'stores') }}
),

final as (
    select
        store_id as store_key,
        name as store_name,
        country,
        city,
        kind as store_kind,
        currency as store_currency,
        opened_at,
        status,
        closed_at
    from stores
)

select * from final
