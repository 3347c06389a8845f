{{ config(materialized='incremental', unique_key='customer_sk') }}
-- Customers with their SCD2 history (sales_snapshots.customers_scd2): one row per version, valid
-- from valid_from (inclusive) to valid_to (exclusive; NULL while current), in business time.
-- customer_sk is an integer key made from the version's dbt_scd_id (kept as scd_id; MD5 of customer
-- id and event sequence number): stable across rebuilds and replays. _loaded_at is the run that last
-- wrote the row; an incremental refresh rewrites only versions that are new or whose validity
-- changed (a later or late event).
-- Grain: customer_sk (one customer version).
with versions as (
    select * from {{ source('sales_snapshots', 'customers_scd2') }}
),

final as (
    select
        {{ surrogate_key('versions.dbt_scd_id') }} as customer_sk,
        versions.dbt_scd_id as scd_id,
        versions.customer_id,
        versions.sequence_number as version_sequence_number,
        versions.change_type,
        versions.name,
        versions.email,
        versions.country,
        versions.city,
        versions.loyalty_tier,
        versions.dbt_valid_from as valid_from,
        versions.dbt_valid_to as valid_to,
        versions.is_current,
        {{ run_started_at }} as _loaded_at
    from versions
    {% if is_incremental() %}
    where not exists (
        select 1 from {{ this }} as known
        where known.scd_id = versions.dbt_scd_id
            and known.valid_from = versions.dbt_valid_from
            and (known.valid_to = versions.dbt_valid_to or (known.valid_to is null and versions.dbt_valid_to is null))
    )
    {% endif %}
)

select * from final
